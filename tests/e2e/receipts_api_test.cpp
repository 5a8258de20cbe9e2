// Cash application end to end, over real HTTP on both backends: two invoices; a receipt that
// allocates more than is open is refused with the field named and nothing written; a partial
// receipt; a second receipt that overpays, leaving unapplied cash; that cash applied to the
// other invoice, un-applied (everything as before) and applied again; the rest refunded. The
// aging's difference to 1200, the bank account and 2400 Customer Deposits move exactly as the
// documents say; a clerk without receivables.approve may not void; a void reverses it all.
// Afterwards `backoffice ledger check` is clean and `backoffice receipts list` shows both.
//
// Method: SalesApiTest (a fresh demo database per backend, `backoffice serve` on 127.0.0.1:0,
// the demo admin); balances read through the trial balance report, whose closing balances are
// compared before and after (the demo's opening balances are on the same accounts).
#include <string>
#include <utility>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/money.hpp"

#include "e2e/sales_api_fixture.hpp"

namespace bo::testing {
namespace {

class ReceiptsApi : public SalesApiTest {
protected:
    void SetUp() override {
        SalesApiTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const ApiReply created = admin().post("/api/v1/customers",
                                              object{{"number", "C-PAY"},
                                                     {"name", "Paying Customer Ltd"},
                                                     {"currency", "USD"},
                                                     {"credit_limit", "100000.00"},
                                                     {"payment_terms_days", 30}});
        ASSERT_EQ(created.status, 201) << created.text;
        customer_id_ = created.body.at("id").as_int64();
        const ApiReply banks = admin().get("/api/v1/bank-accounts");
        ASSERT_EQ(banks.status, 200) << banks.text;
        for (const auto& bank : banks.body.at("items").as_array()) {
            if (bank.at("currency").as_string() == "USD") {
                bank_id_ = bank.at("id").as_int64();
                bank_ledger_ = std::string(bank.at("ledger_account").as_string());
            }
        }
        ASSERT_NE(bank_id_, 0) << banks.text;
    }

    static std::int64_t minor(const boost::json::value& text) {
        return core::Money::parse(text.as_string(), core::Currency::create("USD").value())
            .value()
            .minor;
    }

    // An issued invoice of one line; answers its id and total.
    std::pair<std::int64_t, std::int64_t> invoice(const std::string& price) {
        const ApiReply draft = admin().post(
            "/api/v1/invoices",
            object{{"customer", "C-PAY"},
                   {"lines",
                    array{object{
                        {"description", "Work"}, {"quantity", "1"}, {"unit_price", price}}}}});
        EXPECT_EQ(draft.status, 201) << draft.text;
        const std::int64_t id = draft.body.at("id").as_int64();
        const ApiReply issued =
            admin().post("/api/v1/invoices/" + std::to_string(id) + "/issue", object{});
        EXPECT_EQ(issued.status, 200) << issued.text;
        return {id, minor(issued.body.at("total"))};
    }

    boost::json::value invoice_body(std::int64_t id) {
        const ApiReply shown = admin().get("/api/v1/invoices/" + std::to_string(id));
        EXPECT_EQ(shown.status, 200) << shown.text;
        return shown.body;
    }

    // The closing balance (debit-positive) of ledger account `number` at the end of today.
    std::int64_t closing(const std::string& number) {
        const std::string tomorrow = today_.add_days(1).value().to_string();
        const ApiReply trial = admin().get("/api/v1/ledger/reports/trial-balance?from=" + tomorrow
                                           + "&to=" + tomorrow);
        EXPECT_EQ(trial.status, 200) << trial.text;
        for (const auto& row : trial.body.at("rows").as_array()) {
            if (row.at("number").as_string() == number) {
                return minor(row.at("closing"));
            }
        }
        return 0;
    }

    std::int64_t aging_difference() {
        const ApiReply aged = admin().get("/api/v1/receivables/aging");
        EXPECT_EQ(aged.status, 200) << aged.text;
        return minor(aged.body.at("difference"));
    }

    static std::string amount(std::int64_t minor_units) {
        return core::Money{minor_units, core::Currency::create("USD").value()}.format();
    }

    object receipt(const std::string& total, const array& allocations) const {
        return object{{"customer", "C-PAY"},
                      {"amount", total},
                      {"method", "cheque"},
                      {"reference", "Cheque 1"},
                      {"bank_account_id", bank_id_},
                      {"allocations", allocations}};
    }

    static object allocation(std::int64_t invoice, std::int64_t minor_units) {
        return object{{"invoice_id", invoice}, {"amount", amount(minor_units)}};
    }

    std::int64_t customer_id_ = 0;
    std::int64_t bank_id_ = 0;
    std::string bank_ledger_;
};

TEST_P(ReceiptsApi, PartialOverpaidAppliedUnappliedAndRefundedReceiptsAgreeWithTheLedger) {
    const auto [first, first_total] = invoice("100.00");
    const auto [second, second_total] = invoice("50.00");
    const std::int64_t difference = aging_difference();
    const std::int64_t bank = closing(bank_ledger_);
    const std::int64_t deposits = closing("2400");
    const std::int64_t receivable = closing("1200");

    // More than is open: refused, the field named, nothing written.
    const ApiReply refused =
        admin().post("/api/v1/receipts",
                     receipt(amount(first_total + 1), array{allocation(first, first_total + 1)}));
    ASSERT_EQ(refused.status, 400) << refused.text;
    EXPECT_EQ(refused.body.at("errors").at(0).at("field").as_string(), "allocations/0/amount");
    EXPECT_TRUE(admin().get("/api/v1/receipts?customer=C-PAY").body.at("items").as_array().empty());

    // A partial receipt, then one that overpays.
    const ApiReply partial =
        admin().post("/api/v1/receipts", receipt("40.00", array{allocation(first, 40'00)}));
    ASSERT_EQ(partial.status, 201) << partial.text;
    EXPECT_EQ(invoice_body(first).at("payment_status").as_string(), "partly_paid");
    const std::int64_t rest = first_total - 40'00;
    const ApiReply over = admin().post(
        "/api/v1/receipts", receipt(amount(rest + 30'00), array{allocation(first, rest)}));
    ASSERT_EQ(over.status, 201) << over.text;
    EXPECT_EQ(over.body.at("unapplied").as_string(), "30.00");
    const boost::json::value paid = invoice_body(first);
    EXPECT_EQ(paid.at("payment_status").as_string(), "paid");
    EXPECT_EQ(paid.at("open").as_string(), "0.00");
    EXPECT_EQ(paid.at("payments").as_array().size(), 2U);
    const ApiReply waiting = admin().get("/api/v1/receipts?customer=C-PAY&unapplied=true");
    ASSERT_EQ(waiting.body.at("items").as_array().size(), 1U) << waiting.text;
    const std::string path = "/api/v1/receipts/" + std::to_string(over.body.at("id").as_int64());

    // Applied to the other invoice, un-applied (everything back), applied again.
    const ApiReply applied =
        admin().post(path + "/apply", object{{"allocations", array{allocation(second, 20'00)}}});
    ASSERT_EQ(applied.status, 200) << applied.text;
    EXPECT_EQ(applied.body.at("unapplied").as_string(), "10.00");
    EXPECT_EQ(minor(invoice_body(second).at("open")), second_total - 20'00);
    const std::int64_t allocation_id =
        applied.body.at("allocations").as_array().back().at("id").as_int64();
    const ApiReply unapplied =
        admin().post(path + "/unapply", object{{"allocation_id", allocation_id}});
    ASSERT_EQ(unapplied.status, 200) << unapplied.text;
    EXPECT_EQ(unapplied.body.at("unapplied").as_string(), "30.00");
    EXPECT_EQ(minor(invoice_body(second).at("open")), second_total);
    EXPECT_EQ(closing("2400"), deposits - 30'00);
    EXPECT_EQ(admin().post(path + "/unapply", object{{"allocation_id", allocation_id}}).status,
              409);
    ASSERT_EQ(admin()
                  .post(path + "/apply", object{{"allocations", array{allocation(second, 20'00)}}})
                  .status,
              200);

    // The rest refunded: nothing is left on 2400.
    const ApiReply refunded = admin().post(path + "/refund", object{{"reference", "Wire back"}});
    ASSERT_EQ(refunded.status, 200) << refunded.text;
    EXPECT_EQ(refunded.body.at("unapplied").as_string(), "0.00");
    EXPECT_EQ(refunded.body.at("refunds").at(0).at("amount").as_string(), "10.00");

    EXPECT_EQ(aging_difference(), difference);
    EXPECT_EQ(closing(bank_ledger_), bank + first_total + 30'00 - 10'00);
    EXPECT_EQ(closing("2400"), deposits);
    EXPECT_EQ(closing("1200"), receivable - first_total - 20'00);
    const ApiReply account =
        admin().get("/api/v1/customers/" + std::to_string(customer_id_) + "/account");
    ASSERT_EQ(account.status, 200) << account.text;
    EXPECT_EQ(account.body.at("unapplied_cash").as_string(), "0.00");
    EXPECT_EQ(account.body.at("receipts").as_array().size(), 2U);
    EXPECT_EQ(minor(account.body.at("balance")), second_total - 20'00);

    // Voiding needs receivables.approve; the partial receipt's void puts the invoice back.
    ApiClient clerk = user("arclerk1", "ar_clerk");
    const std::string partial_path =
        "/api/v1/receipts/" + std::to_string(partial.body.at("id").as_int64());
    EXPECT_EQ(clerk.post(partial_path + "/void", object{{"reason", "bounced"}}).status, 403);
    EXPECT_EQ(clerk.get(partial_path).status, 200);
    EXPECT_EQ(clerk.post(path + "/refund", object{}).status, 409);  // nothing left to refund
    const ApiReply voided = admin().post(partial_path + "/void", object{{"reason", "bounced"}});
    ASSERT_EQ(voided.status, 200) << voided.text;
    EXPECT_EQ(voided.body.at("status").as_string(), "voided");
    EXPECT_EQ(minor(invoice_body(first).at("open")), 40'00);
    EXPECT_EQ(aging_difference(), difference);

    const CommandResult check =
        run_command({backoffice_binary(), "ledger", "check", "--db", database_->url()});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    const CommandResult listed = run_command(
        {backoffice_binary(), "receipts", "list", "--company", "DEMO", "--db", database_->url()});
    EXPECT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find("2 receipts; unapplied cash: USD 0.00"), std::string::npos)
        << listed.out;
    EXPECT_NE(listed.out.find("voided"), std::string::npos) << listed.out;
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ReceiptsApi,
                         ::testing::Values(store::Backend::sqlite, store::Backend::postgres));

}  // namespace
}  // namespace bo::testing
