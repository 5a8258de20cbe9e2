// Goal: cash application over real HTTP on both backends (issue #7): an invoice is issued, a
// camt.053 naming it (mangled: "inv YYYY N") is imported, the import matches and posts it, the
// invoice is paid, and the aging equals the receivable account; a second line, from a payer
// known only by name, waits in the queue with a readable proposal until the AR clerk accepts it;
// a third (a payer nobody knows) is matched by hand, and the next statement from that payer is
// recognised. Only the administrator changes the rules. Afterwards `backoffice ledger check` is
// clean.
// Method: SalesApiTest (a fresh demo database per backend, `backoffice serve` on 127.0.0.1:0);
// statements built by tests/modules/matching_camt.hpp.
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "modules/matching_camt.hpp"

#include "e2e/sales_api_fixture.hpp"

namespace bo::testing {
namespace {

using modules::banking::testing::camt_statement;
using modules::banking::testing::CamtEntry;

constexpr const char* account_iban = "DE75512108001245126199";
constexpr const char* stranger_iban = "GB33BUKB20201555555555";

class MatchingApi : public SalesApiTest {
protected:
    void SetUp() override {
        SalesApiTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const ApiReply customer = admin().post("/api/v1/customers",
                                               object{{"number", "C-MAT"},
                                                      {"name", "Matchwerk GmbH"},
                                                      {"currency", "USD"},
                                                      {"credit_limit", "100000.00"},
                                                      {"payment_terms_days", 30}});
        ASSERT_EQ(customer.status, 201) << customer.text;
        const ApiReply account = admin().post("/api/v1/bank-accounts",
                                              object{{"name", "Matching account"},
                                                     {"iban", account_iban},
                                                     {"currency", "USD"},
                                                     {"ledger_account", "1120"}});
        ASSERT_EQ(account.status, 201) << account.text;
    }

    // An issued invoice of C-MAT for `amount` (a free line): its id, number and total.
    object invoice(const std::string& amount) {
        const ApiReply draft = admin().post(
            "/api/v1/invoices",
            object{{"customer", "C-MAT"},
                   {"lines",
                    array{object{
                        {"description", "Service"}, {"quantity", "1"}, {"unit_price", amount}}}}});
        EXPECT_EQ(draft.status, 201) << draft.text;
        const ApiReply issued = admin().post(
            "/api/v1/invoices/" + std::to_string(draft.body.at("id").as_int64()) + "/issue",
            object{});
        EXPECT_EQ(issued.status, 200) << issued.text;
        return issued.body.as_object();
    }

    ApiReply import(const std::string& id, const std::vector<CamtEntry>& lines) {
        return admin().post("/api/v1/bank-statements",
                            object{{"content", camt_statement(id, account_iban, "USD", lines)}});
    }

    // Line `index` of `status` in the statement `imported` stored.
    object line(const ApiReply& imported, const std::string& status, std::size_t index = 0) {
        const std::int64_t statement = imported.body.at("statements").at(0).at("id").as_int64();
        const ApiReply listed = admin().get("/api/v1/bank-statement-lines?match_status=" + status
                                            + "&statement=" + std::to_string(statement));
        EXPECT_EQ(listed.status, 200) << listed.text;
        const auto& items = listed.body.at("items").as_array();
        EXPECT_LT(index, items.size()) << listed.text;
        return index < items.size() ? items[index].as_object() : object{};
    }

    std::string open_of(const object& issued) {
        const ApiReply read =
            admin().get("/api/v1/invoices/" + std::to_string(issued.at("id").as_int64()));
        EXPECT_EQ(read.status, 200) << read.text;
        return std::string(read.body.at("open").as_string());
    }
};

TEST_P(MatchingApi, ImportAutoMatchesQueuesLearnsAndTheBooksAgree) {
    // The demo's opening balances sit on 1200 outside any invoice: the aging differs from the
    // account by them, and by nothing more once our invoices are issued and paid.
    const ApiReply aged_before = admin().get("/api/v1/receivables/aging");
    ASSERT_EQ(aged_before.status, 200) << aged_before.text;
    const object first = invoice("1000.00");
    const object second = invoice("250.00");
    const object third = invoice("80.00");
    const std::string number(first.at("number").as_string());
    const std::string year = number.substr(4, 4);
    const std::string sequence = std::to_string(std::stoi(number.substr(9)));
    const std::string today = today_.to_string();

    const ApiReply imported =
        import("MATCH-1",
               {{std::string(first.at("total").as_string()), today, "inv " + year + " " + sequence},
                {std::string(second.at("total").as_string()), today, "Zahlung", "MATCHWERK"},
                {"30.00", today, "part payment", "Unknown Trading", stranger_iban},
                {"-4.90", today, "Account fee", "The Bank"}});
    ASSERT_EQ(imported.status, 201) << imported.text;
    const auto& matching = imported.body.at("matching");
    EXPECT_EQ(matching.at("matched").as_int64(), 1) << imported.text;
    EXPECT_EQ(matching.at("proposed").as_int64(), 1) << imported.text;
    EXPECT_EQ(matching.at("unmatched").as_int64(), 2) << imported.text;
    EXPECT_EQ(open_of(first), "0.00");

    // The queue: the name-only payer waits with a readable proposal; the clerk accepts it.
    ApiClient clerk = user("ar1", "ar_clerk");
    const object waiting = line(imported, "proposed");
    const std::string waiting_path =
        "/api/v1/bank-statement-lines/" + std::to_string(waiting.at("id").as_int64());
    const ApiReply proposals = clerk.get(waiting_path + "/proposals");
    ASSERT_EQ(proposals.status, 200) << proposals.text;
    const auto& best = proposals.body.at("items").at(0);
    EXPECT_EQ(best.at("allocations").at(0).at("invoice_id"), second.at("id"));
    EXPECT_NE(std::string(best.at("reason").as_string()).find("the customer's name"),
              std::string::npos)
        << proposals.text;
    const ApiReply accepted = clerk.post(waiting_path + "/accept", object{{"rank", 1}});
    ASSERT_EQ(accepted.status, 200) << accepted.text;
    EXPECT_EQ(accepted.body.at("match_status").as_string(), "matched");
    EXPECT_EQ(clerk.post(waiting_path + "/accept", object{}).status, 409);
    EXPECT_EQ(open_of(second), "0.00");

    // A stranger's part payment is matched by hand; the fee goes to the ledger.
    const object stranger = line(imported, "unmatched", 0);
    const std::string stranger_path =
        "/api/v1/bank-statement-lines/" + std::to_string(stranger.at("id").as_int64());
    const ApiReply refused = clerk.post(
        stranger_path + "/match",
        object{{"customer", "C-MAT"},
               {"allocations", array{object{{"invoice_id", third.at("id")}, {"amount", "x"}}}}});
    ASSERT_EQ(refused.status, 400) << refused.text;
    EXPECT_EQ(refused.body.at("errors").at(0).at("field").as_string(), "allocations/0/amount");
    const ApiReply by_hand = clerk.post(
        stranger_path + "/match",
        object{
            {"customer", "C-MAT"},
            {"allocations", array{object{{"invoice_id", third.at("id")}, {"amount", "30.00"}}}}});
    ASSERT_EQ(by_hand.status, 200) << by_hand.text;
    const object fee = line(imported, "unmatched", 0);
    EXPECT_EQ(fee.at("direction").as_string(), "out");
    const ApiReply booked = clerk.post(
        "/api/v1/bank-statement-lines/" + std::to_string(fee.at("id").as_int64()) + "/match",
        object{{"ledger_account", "6900"}, {"memo", "Account fee"}});
    ASSERT_EQ(booked.status, 200) << booked.text;

    // The same payer's next payment is recognised by its IBAN and posts itself.
    const std::string left = open_of(third);
    const ApiReply next =
        import("MATCH-2", {{left, today, "rest", "UNKNOWN TRADING", stranger_iban}});
    ASSERT_EQ(next.status, 201) << next.text;
    EXPECT_EQ(next.body.at("matching").at("matched").as_int64(), 1) << next.text;
    EXPECT_EQ(open_of(third), "0.00");

    // The CLI runs the matcher again on a stored statement: nothing is left to match in it.
    const std::string statement =
        std::to_string(imported.body.at("statements").at(0).at("id").as_int64());
    const CommandResult rerun = run_command(
        {backoffice_binary(), "match", "--db", database_->url(), "--company", "DEMO", statement});
    EXPECT_EQ(rerun.exit_code, 0) << rerun.out << rerun.err;
    EXPECT_NE(rerun.out.find("0 lines looked at"), std::string::npos) << rerun.out;
    EXPECT_NE(
        run_command(
            {backoffice_binary(), "match", "--db", database_->url(), "--company", "DEMO", "x"})
            .exit_code,
        0);

    // Rules: read by the clerk, changed only by the administrator.
    EXPECT_EQ(clerk.get("/api/v1/matching-rules").status, 200);
    EXPECT_EQ(clerk.put("/api/v1/matching-rules", object{{"auto_post_score", 95}}).status, 403);
    const ApiReply bad = admin().put("/api/v1/matching-rules", object{{"auto_post_score", 0}});
    EXPECT_EQ(bad.status, 400) << bad.text;
    const ApiReply rules = admin().put("/api/v1/matching-rules", object{{"auto_post_score", 95}});
    ASSERT_EQ(rules.status, 200) << rules.text;
    EXPECT_EQ(rules.body.at("auto_post_score").as_int64(), 95);

    // Paid invoices are out of the aging, which still equals the receivable account (but for
    // the demo's opening balances); the ledger is clean.
    const ApiReply aged = admin().get("/api/v1/receivables/aging");
    ASSERT_EQ(aged.status, 200) << aged.text;
    EXPECT_EQ(aged.body.at("total"), aged_before.body.at("total")) << aged.text;
    EXPECT_EQ(aged.body.at("difference"), aged_before.body.at("difference")) << aged.text;
    for (const auto& customer : aged.body.at("customers").as_array()) {
        EXPECT_NE(customer.at("customer").as_string(), "C-MAT") << aged.text;
    }
    const CommandResult check =
        run_command({backoffice_binary(), "ledger", "check", "--db", database_->url()});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         MatchingApi,
                         ::testing::Values(store::Backend::sqlite, store::Backend::postgres));

}  // namespace
}  // namespace bo::testing
