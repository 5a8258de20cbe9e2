// Collections end to end, over real HTTP on both backends, on the demo company (whose invoices
// stand past due at each default dunning level): the default levels; a dry run showing a
// reminder, a second notice and a final notice and recording nothing; the real run, whose
// letters reach a real SMTP sink with their PDF attached and whose re-run dunns nothing; the
// letter PDF; the collection case the final notice opened and its follow-up task; the AR
// clerk's own worklist; a promise to pay; the customer's standing and account on credit hold
// and its next order held; the statement of account as PDF and by e-mail; a billing clerk
// refused (403). Afterwards `backoffice ledger check` is clean.
//
// Method: SalesApiTest (a fresh demo database per backend, `backoffice serve` on 127.0.0.1:0,
// the demo admin); queued mail is delivered by platform::mail::deliver_due against the same
// database, as the server's sender thread does.
#include <set>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "e2e/sales_api_fixture.hpp"
#include "platform/mail/outbox.hpp"
#include "store/database.hpp"
#include "support/smtp_sink.hpp"

namespace bo::testing {
namespace {

class CollectionsApi : public SalesApiTest {
protected:
    std::size_t deliver(SmtpSink& sink) {
        auto database = store::Database::open(database_->url());
        EXPECT_TRUE(database.ok());
        platform::mail::SmtpSettings relay;
        relay.url = sink.url();
        relay.tls = platform::mail::TlsPolicy::none;
        const auto delivered = platform::mail::deliver_due(**database, core::SystemClock(), relay);
        EXPECT_TRUE(delivered.ok()) << delivered.error().message();
        return delivered.ok() ? delivered->sent : 0;
    }

    static std::string text(const boost::json::value& value) {
        return std::string(value.as_string());
    }
};

TEST_P(CollectionsApi, DunningCasesStandingAndStatementsOverHttp) {
    const ApiReply levels = admin().get("/api/v1/dunning-levels");
    ASSERT_EQ(levels.status, 200) << levels.text;
    EXPECT_TRUE(levels.body.at("defaults").as_bool());
    EXPECT_EQ(levels.body.at("levels").as_array().size(), 3U);

    // The dry run shows one letter per level (the demo's invoices) and records nothing.
    const ApiReply dry = admin().post("/api/v1/dunning-runs", object{{"dry_run", true}});
    ASSERT_EQ(dry.status, 201) << dry.text;
    std::set<std::int64_t> seen;
    std::string final_customer;
    std::int64_t final_id = 0;
    for (const auto& letter : dry.body.at("letters").as_array()) {
        seen.insert(letter.at("level").as_int64());
        EXPECT_TRUE(letter.at("mail_id").is_null());
        if (letter.at("level").as_int64() == 3) {
            final_customer = text(letter.at("customer"));
            final_id = letter.at("customer_id").as_int64();
            EXPECT_EQ(text(letter.at("fee")), "10.00");
            EXPECT_NE(text(letter.at("interest")), "0.00");
        }
    }
    EXPECT_EQ(seen, (std::set<std::int64_t>{1, 2, 3})) << dry.text;
    ASSERT_NE(final_id, 0);

    // The real run: the same letters, each charge posted, each letter e-mailed with its PDF.
    const ApiReply run = admin().post("/api/v1/dunning-runs", object{});
    ASSERT_EQ(run.status, 201) << run.text;
    const auto& letters = run.body.at("letters").as_array();
    ASSERT_EQ(letters.size(), dry.body.at("letters").as_array().size());
    const std::string run_path = "/api/v1/dunning-runs/" + std::to_string(run.body.at("id").as_int64());
    SmtpSink sink;
    EXPECT_EQ(deliver(sink), letters.size());
    const auto mails = sink.wait_for(letters.size());
    ASSERT_EQ(mails.size(), letters.size());
    bool final_mailed = false;
    for (const ReceivedMail& mail : mails) {
        EXPECT_NE(mail.data.find("JVBERi0"), std::string::npos);  // base64 of "%PDF-"
        final_mailed = final_mailed
                       || mail.data.find("-" + final_customer + ".pdf\"") != std::string::npos;
    }
    EXPECT_TRUE(final_mailed);
    const ApiReply again = admin().post("/api/v1/dunning-runs", object{});
    ASSERT_EQ(again.status, 201);
    EXPECT_TRUE(again.body.at("letters").as_array().empty()) << again.text;
    const ApiReply pdf =
        admin().get(run_path + "/letters/" + std::to_string(final_id) + ".pdf");
    ASSERT_EQ(pdf.status, 200) << pdf.text;
    EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
    EXPECT_TRUE(pdf.text.starts_with("%PDF-"));
    EXPECT_EQ(admin().get(run_path + "/letters/999999.pdf").status, 404);
    EXPECT_EQ(admin().get(run_path).body.at("letters").as_array().size(), letters.size());

    // The final notice opened a case with a follow-up task.
    const ApiReply cases = admin().get("/api/v1/collection-cases?status=open&customer_id="
                                       + std::to_string(final_id));
    ASSERT_EQ(cases.status, 200) << cases.text;
    ASSERT_EQ(cases.body.at("items").as_array().size(), 1U) << cases.text;
    EXPECT_EQ(text(cases.body.at("items").at(0).at("origin")), "final_notice");
    const std::string case_path =
        "/api/v1/collection-cases"
        + ("/" + std::to_string(cases.body.at("items").at(0).at("id").as_int64()));
    const ApiReply opened = admin().get(case_path);
    ASSERT_EQ(opened.status, 200);
    EXPECT_EQ(opened.body.at("tasks").as_array().size(), 1U) << opened.text;

    // An AR clerk's own worklist; a billing clerk may read but not collect.
    const ApiReply clerk_user = admin().post("/api/v1/users",
                                             object{{"username", "ar1"},
                                                    {"display_name", "AR clerk"},
                                                    {"password", "password of ar1"},
                                                    {"roles", array{"ar_clerk"}}});
    ASSERT_EQ(clerk_user.status, 201) << clerk_user.text;
    ApiClient ar(port());
    ASSERT_EQ(ar.sign_in("DEMO", "ar1", "password of ar1").status, 200);
    const std::string due = today_.add_days(3).value().to_string();
    const ApiReply task = ar.post(case_path + "/tasks",
                                  object{{"title", "Call about the final notice"},
                                         {"due_date", due},
                                         {"assignee_id", clerk_user.body.at("id")}});
    ASSERT_EQ(task.status, 201) << task.text;
    const ApiReply mine = ar.get("/api/v1/collection-tasks?assignee=me&due_before="
                                 + today_.add_days(4).value().to_string());
    ASSERT_EQ(mine.status, 200) << mine.text;
    ASSERT_EQ(mine.body.at("items").as_array().size(), 1U) << mine.text;
    const ApiReply done = ar.put("/api/v1/collection-tasks/"
                                     + std::to_string(task.body.at("id").as_int64()),
                                 object{{"done", true}});
    ASSERT_EQ(done.status, 200) << done.text;
    EXPECT_TRUE(ar.get("/api/v1/collection-tasks?assignee=me")
                    .body.at("items").as_array().empty());
    ApiClient biller = user("bill1", "billing_clerk");
    EXPECT_EQ(biller.post("/api/v1/dunning-runs", object{}).status, 403);
    EXPECT_EQ(biller.get("/api/v1/dunning-runs").status, 200);

    // A promise to pay, refused first with its fields named.
    const ApiReply bad = ar.post(case_path + "/promises", object{{"amount", "x"}, {"date", "soon"}});
    ASSERT_EQ(bad.status, 400) << bad.text;
    EXPECT_EQ(bad.body.at("errors").as_array().size(), 1U) << bad.text;  // the date, first
    const ApiReply promised = ar.post(
        case_path + "/promises",
        object{{"amount", "100.00"}, {"date", today_.add_days(5).value().to_string()}});
    ASSERT_EQ(promised.status, 201) << promised.text;
    EXPECT_EQ(text(promised.body.at("status")), "pending");

    // Standing: on credit hold; the account shows it; the customer's next order is held.
    const std::string customer_path = "/api/v1/customers/" + std::to_string(final_id);
    const ApiReply standing = admin().get(customer_path + "/standing");
    ASSERT_EQ(standing.status, 200) << standing.text;
    EXPECT_TRUE(standing.body.at("credit_hold").as_bool()) << standing.text;
    EXPECT_EQ(standing.body.at("dunning_level").as_int64(), 3);
    const ApiReply account = admin().get(customer_path + "/account");
    ASSERT_EQ(account.status, 200);
    EXPECT_TRUE(account.body.at("standing").at("credit_hold").as_bool());
    receive("E2E-WID", "5");
    const ApiReply entered =
        admin().post("/api/v1/sales-orders", order(final_customer, array{line("E2E-WID", "1")}));
    ASSERT_EQ(entered.status, 201) << entered.text;
    const ApiReply confirmed = admin().post(
        "/api/v1/sales-orders/" + std::to_string(entered.body.at("id").as_int64()) + "/confirm",
        object{});
    ASSERT_EQ(confirmed.status, 200) << confirmed.text;
    EXPECT_EQ(text(confirmed.body.at("status")), "on_hold");
    EXPECT_NE(text(confirmed.body.at("hold_reason")).find("credit hold"), std::string::npos);

    // The statement of account, printed and e-mailed.
    const ApiReply statement = admin().get(customer_path + "/statement.pdf");
    ASSERT_EQ(statement.status, 200) << statement.text;
    EXPECT_TRUE(statement.text.starts_with("%PDF-"));
    EXPECT_EQ(admin().get(customer_path + "/statement.pdf?from=2026-02-01&to=2026-01-01").status,
              400);
    const ApiReply sent = ar.post(customer_path + "/statement/send", object{});
    ASSERT_EQ(sent.status, 202) << sent.text;
    EXPECT_EQ(deliver(sink), 1U);
    const auto all = sink.wait_for(letters.size() + 1);
    ASSERT_EQ(all.size(), letters.size() + 1);
    EXPECT_NE(all.back().data.find("filename=\"statement-" + final_customer), std::string::npos);

    const CommandResult checked =
        run_command({backoffice_binary(), "ledger", "check", "--db", database_->url()});
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         CollectionsApi,
                         ::testing::Values(store::Backend::sqlite, store::Backend::postgres));

}  // namespace
}  // namespace bo::testing
