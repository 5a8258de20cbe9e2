// Goal: issue #5's drafts and recurring entries over real HTTP and the real CLI, on both
// backends: a ledger clerk saves a draft and may not post; the accountant who prepared a draft
// is refused by segregation of duties (403 naming the rule) while another may post it; an admin
// overrides with a recorded reason; posted drafts are final; a recurring template runs once per
// date through the API and `backoffice ledger run-recurring`, however often either is run.
// Method: a fresh database per test seeded with `backoffice seed-demo` (the demo company's
// current month is open), users created through the API, a server on 127.0.0.1:0 driven by
// ApiClient, and the CLI run beside it against the same database.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/date.hpp"

#include "support/api_client.hpp"
#include "support/databases.hpp"
#include "support/demo.hpp"
#include "support/process.hpp"

namespace bo::testing {
namespace {

using boost::json::array;
using boost::json::object;

class LedgerDraftsApi : public ::testing::TestWithParam<store::Backend> {
protected:
    void SetUp() override {
        database_ = TestDatabase::create(GetParam());
        if (database_ == nullptr) {
            GTEST_SKIP() << "no PostgreSQL (scripts/with-postgres sets BO_TEST_POSTGRES_URL)";
        }
        admin_password_ = seed_demo(database_->url());
        ASSERT_FALSE(admin_password_.empty());
        server_ = std::make_unique<ServerProcess>(database_->url());
        ASSERT_NE(server_->port(), 0);
        today_ = core::business_date(core::SystemClock().now(), core::TimeZone::utc());
    }

    ApiClient admin() {
        ApiClient client(server_->port());
        EXPECT_EQ(client.sign_in("DEMO", "admin", admin_password_).status, 200);
        return client;
    }

    // A user with `role`, created by the admin and signed in.
    ApiClient user(const std::string& username, const std::string& role) {
        const ApiReply created = admin().post("/api/v1/users",
                                              object{{"username", username},
                                                     {"display_name", username},
                                                     {"password", "password of " + username},
                                                     {"roles", array{role}}});
        EXPECT_EQ(created.status, 201) << created.text;
        ApiClient client(server_->port());
        EXPECT_EQ(client.sign_in("DEMO", username, "password of " + username).status, 200);
        return client;
    }

    // A balanced rent entry of `amount` dated today (the demo's current month is open).
    object rent(const std::string& amount) const {
        return object{{"date", today_.to_string()},
                      {"memo", "Office rent"},
                      {"lines",
                       array{object{{"account", "6210"},
                                    {"side", "debit"},
                                    {"amount", amount},
                                    {"currency", "USD"}},
                             object{{"account", "1120"},
                                    {"side", "credit"},
                                    {"amount", amount},
                                    {"currency", "USD"}}}}};
    }

    static std::string draft_path(const ApiReply& reply) {
        return "/api/v1/ledger/journal-drafts/" + std::to_string(reply.body.at("id").as_int64());
    }

    CommandResult run_recurring_cli() {
        return run_command({backoffice_binary(),
                            "ledger",
                            "run-recurring",
                            "--db",
                            database_->url(),
                            "--company",
                            "DEMO",
                            "--as-of",
                            today_.to_string()});
    }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ServerProcess> server_;
    std::string admin_password_;
    core::Date today_ = core::Date::parse("2000-01-01").value();
};

TEST_P(LedgerDraftsApi, WhoPreparesADraftDoesNotPostIt) {
    ApiClient clerk = user("clara", "gl_clerk");
    ApiClient accountant = user("aaron", "accountant");

    // A clerk prepares; she has no ledger.post at all.
    const ApiReply saved = clerk.post("/api/v1/ledger/journal-drafts", rent("1200.00"));
    ASSERT_EQ(saved.status, 201) << saved.text;
    EXPECT_EQ(saved.string("status"), "draft");
    EXPECT_EQ(clerk.post(draft_path(saved) + "/post", object{}).status, 403);

    // The accountant's own draft: refused by the rule, named in the problem.
    const ApiReply own = accountant.post("/api/v1/ledger/journal-drafts", rent("80.00"));
    ASSERT_EQ(own.status, 201) << own.text;
    const ApiReply refused = accountant.post(draft_path(own) + "/post", object{});
    EXPECT_EQ(refused.status, 403) << refused.text;
    EXPECT_NE(refused.text.find("gl.entry_create_and_post"), std::string::npos) << refused.text;

    // The clerk's draft, posted by the accountant.
    const ApiReply posted = accountant.post(draft_path(saved) + "/post", object{});
    ASSERT_EQ(posted.status, 201) << posted.text;
    EXPECT_EQ(posted.string("total"), "1200.00");
    const ApiReply after = accountant.get(draft_path(saved));
    ASSERT_EQ(after.status, 200);
    EXPECT_EQ(after.string("status"), "posted");
    EXPECT_EQ(after.body.at("posted_entry_id").as_int64(), posted.body.at("id").as_int64());
    EXPECT_EQ(clerk.put(draft_path(saved), rent("1.00")).status, 409);
    EXPECT_EQ(accountant.post(draft_path(saved) + "/post", object{}).status, 409);

    // An unbalanced draft is saved, and refused when posted (400, nothing written).
    object unbalanced = rent("10.00");
    unbalanced["lines"].as_array()[1].as_object()["amount"] = "9.00";
    const ApiReply loose = clerk.post("/api/v1/ledger/journal-drafts", unbalanced);
    ASSERT_EQ(loose.status, 201) << loose.text;
    EXPECT_EQ(accountant.post(draft_path(loose) + "/post", object{}).status, 400);
    EXPECT_EQ(clerk.del(draft_path(loose)).status, 204);
    EXPECT_EQ(clerk.get(draft_path(loose)).status, 404);

    // The admin overrides the rule on a draft of their own, with a reason.
    ApiClient boss = admin();
    const ApiReply mine = boss.post("/api/v1/ledger/journal-drafts", rent("5.00"));
    ASSERT_EQ(mine.status, 201);
    EXPECT_EQ(boss.post(draft_path(mine) + "/post", object{}).status, 403);
    const ApiReply overridden = boss.post(draft_path(mine) + "/post",
                                          object{{"override_reason", "year-end, sole accountant"}});
    EXPECT_EQ(overridden.status, 201) << overridden.text;
    const ApiReply trail = boss.get("/api/v1/audit/events?action=access.sod_override");
    ASSERT_EQ(trail.status, 200) << trail.text;
    EXPECT_NE(trail.text.find("year-end, sole accountant"), std::string::npos) << trail.text;
}

TEST_P(LedgerDraftsApi, RecurringEntriesRunOncePerDateThroughApiAndCli) {
    ApiClient accountant = user("aaron", "accountant");
    object monthly = rent("300.00");
    monthly.erase("date");
    monthly["name"] = "Rent";
    monthly["frequency"] = "monthly";
    monthly["start_date"] = today_.start_of_month().to_string();
    const ApiReply created = accountant.post("/api/v1/ledger/recurring-entries", monthly);
    ASSERT_EQ(created.status, 201) << created.text;
    EXPECT_EQ(created.string("next_run_date"), today_.start_of_month().to_string());

    const object as_of{{"as_of", today_.to_string()}};
    const ApiReply first = accountant.post("/api/v1/ledger/recurring-entries/run", as_of);
    ASSERT_EQ(first.status, 200) << first.text;
    EXPECT_EQ(first.body.at("created").as_array().size(), 1U) << first.text;
    const ApiReply second = accountant.post("/api/v1/ledger/recurring-entries/run", as_of);
    ASSERT_EQ(second.status, 200);
    EXPECT_TRUE(second.body.at("created").as_array().empty()) << second.text;

    // A second template, run by the operator's command: once, then nothing.
    monthly["name"] = "Cleaning";
    monthly["start_date"] = today_.to_string();
    ASSERT_EQ(accountant.post("/api/v1/ledger/recurring-entries", monthly).status, 201);
    const CommandResult cli = run_recurring_cli();
    EXPECT_EQ(cli.exit_code, 0) << cli.err;
    EXPECT_NE(cli.out.find("DEMO: 1 recurring entries created"), std::string::npos) << cli.out;
    const CommandResult again = run_recurring_cli();
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("DEMO: 0 recurring entries created"), std::string::npos)
        << again.out;

    // Bad input: a frequency that does not exist.
    monthly["name"] = "Bad";
    monthly["frequency"] = "fortnightly";
    const ApiReply bad = accountant.post("/api/v1/ledger/recurring-entries", monthly);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.text.find("frequency"), std::string::npos) << bad.text;
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         LedgerDraftsApi,
                         ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace bo::testing
