// Goal: the ledger's API routes on both backends: money travels as decimal strings, each report
// answers the hand-computed figures of a small scenario, refusals map to the listed problems
// (400 with the field, 409 period closed, 403 without the permission), and a department
// manager sees only their departments.
// Method: the real API pipeline (platform::api::Api::handle) in-process, with sessions from
// auth::sign_in, on a fresh migrated database per case (LedgerTest).
#include "ledger/routes.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "ledger/ledger_fixture.hpp"
#include "platform/api/api.hpp"
#include "platform/auth/service.hpp"
#include "platform/auth/sessions.hpp"

namespace bo::ledger::testing {
namespace {

namespace json = boost::json;

struct Reply {
    unsigned status = 0;
    json::value body;
};

class Routes : public LedgerTest {
protected:
    void SetUp() override {
        LedgerTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        api_ = std::make_unique<platform::api::Api>(db(), clock(), platform::api::ApiOptions{});
        add_ledger_routes(*api_);
        admin_ = session("alice", {"admin"});
        auditor_ = session("otto", {"auditor"});
    }

    struct Session {
        std::string cookie;
        std::string csrf;
    };

    Session session(const std::string& username, std::vector<std::string> roles) {
        const auto user = in_txn([&](store::Txn& txn) {
            return platform::auth::create_user(txn,
                                               clock(),
                                               actor().company,
                                               {.username = username,
                                                .display_name = username,
                                                .email = "",
                                                .password = "a long password 123",
                                                .roles = std::move(roles)});
        });
        EXPECT_TRUE(user.ok()) << user.error().message();
        const auto outcome = in_txn([&](store::Txn& txn) {
            return platform::auth::sign_in(txn,
                                           clock(),
                                           {.company = "ACME",
                                            .username = username,
                                            .password = "a long password 123",
                                            .client_address = "127.0.0.1",
                                            .request_id = "t"});
        });
        EXPECT_TRUE(outcome.ok() && outcome->session.has_value());
        if (!outcome.ok() || !outcome->session) {
            return {};
        }
        return {std::string(platform::auth::session_cookie_name) + "=" + outcome->session->token,
                outcome->session->caller.csrf_token};
    }

    Reply call(const Session& who,
               http::Method method,
               const std::string& target,
               const json::value& body = nullptr,
               const std::vector<http::Header>& headers = {}) {
        http::Request request;
        request.method = method;
        request.target = target;
        const auto question = target.find('?');
        request.path = target.substr(0, question);
        request.query = question == std::string::npos ? "" : target.substr(question + 1);
        request.headers.push_back({"Cookie", who.cookie});
        request.headers.push_back({"X-CSRF-Token", who.csrf});
        request.headers.insert(request.headers.end(), headers.begin(), headers.end());
        if (!body.is_null()) {
            request.headers.push_back({"Content-Type", "application/json"});
            request.body = json::serialize(body);
        }
        request.remote_address = "127.0.0.1";
        request.request_id = "t";
        for (const auto& route : api_->routes()) {
            http::PathParams params;
            if (route.method == method && match(route.pattern, request.path, params)) {
                const http::Response response = api_->handle(route, request, params);
                Reply reply{response.status, nullptr};
                if (!response.body.empty()) {
                    reply.body = json::parse(response.body);
                }
                return reply;
            }
        }
        ADD_FAILURE() << "no route for " << target;
        return {};
    }

    // A minimal matcher for "/a/{id}/b" patterns.
    static bool match(std::string_view pattern, std::string_view path, http::PathParams& params) {
        while (!pattern.empty() && !path.empty()) {
            const auto pattern_end = pattern.find('/', 1);
            const auto path_end = path.find('/', 1);
            const std::string_view part = pattern.substr(0, pattern_end);
            const std::string_view actual = path.substr(0, path_end);
            if (part.starts_with("/{")) {
                params.emplace(std::string(part.substr(2, part.size() - 3)),
                               std::string(actual.substr(1)));
            } else if (part != actual) {
                return false;
            }
            pattern = pattern_end == std::string_view::npos ? "" : pattern.substr(pattern_end);
            path = path_end == std::string_view::npos ? "" : path.substr(path_end);
        }
        return pattern.empty() && path.empty();
    }

    static json::object line(std::string_view account,
                             std::string_view side,
                             std::string_view amount,
                             std::string_view department = {}) {
        json::object object{
            {"account", account}, {"side", side}, {"amount", amount}, {"currency", "USD"}};
        if (!department.empty()) {
            object["department"] = department;
        }
        return object;
    }

    Reply post_json_entry(std::string_view day, json::array lines) {
        return call(admin_,
                    http::Method::post,
                    "/api/v1/ledger/journal-entries",
                    json::object{{"date", day}, {"memo", "api"}, {"lines", std::move(lines)}});
    }

    std::unique_ptr<platform::api::Api> api_;
    Session admin_;
    Session auditor_;
};

TEST_P(Routes, PostsAndReportsWithMoneyAsStrings) {
    ASSERT_EQ(
        post_json_entry("2024-01-02",
                        {line("1120", "debit", "100000"), line("3100", "credit", "100000.00")})
            .status,
        201U);
    const Reply sale = post_json_entry(
        "2024-01-15", {line("1120", "debit", "250.50"), line("4110", "credit", "250.50", "SALES")});
    ASSERT_EQ(sale.status, 201U) << json::serialize(sale.body);
    EXPECT_EQ(sale.body.at("reference"), "FY2024/2");
    EXPECT_EQ(sale.body.at("total"), "250.50");
    EXPECT_EQ(sale.body.at("lines").at(1).at("amount"), "250.50");
    const Reply rent = post_json_entry(
        "2024-02-01", {line("6210", "debit", "99.99", "OPS"), line("1120", "credit", "99.99")});
    ASSERT_EQ(rent.status, 201U);

    const Reply tb = call(auditor_,
                          http::Method::get,
                          "/api/v1/ledger/reports/trial-balance?from=2024-01-01&to=2025-01-01");
    ASSERT_EQ(tb.status, 200U) << json::serialize(tb.body);
    EXPECT_EQ(tb.body.at("currency"), "USD");
    EXPECT_EQ(tb.body.at("totals").at("debit"), "100350.49");
    EXPECT_EQ(tb.body.at("totals").at("credit"), "100350.49");
    EXPECT_EQ(tb.body.at("totals").at("closing"), "0.00");
    EXPECT_EQ(tb.body.at("rows").at(0).at("number"), "1120");
    EXPECT_EQ(tb.body.at("rows").at(0).at("closing"), "100150.51");

    const Reply is = call(auditor_,
                          http::Method::get,
                          "/api/v1/ledger/reports/income-statement?from=2024-01-01&to=2025-01-01");
    ASSERT_EQ(is.status, 200U);
    EXPECT_EQ(is.body.at("income"), "250.50");
    EXPECT_EQ(is.body.at("expenses"), "99.99");
    EXPECT_EQ(is.body.at("net_income"), "150.51");
    const Reply sales_only = call(
        auditor_,
        http::Method::get,
        "/api/v1/ledger/reports/income-statement?from=2024-01-01&to=2025-01-01&department=SALES");
    ASSERT_EQ(sales_only.status, 200U);
    EXPECT_EQ(sales_only.body.at("net_income"), "250.50");

    const Reply bs =
        call(auditor_, http::Method::get, "/api/v1/ledger/reports/balance-sheet?as_of=2024-12-31");
    ASSERT_EQ(bs.status, 200U);
    EXPECT_EQ(bs.body.at("assets"), "100150.51");
    EXPECT_EQ(bs.body.at("equity"), "100150.51");
    EXPECT_EQ(bs.body.at("current_earnings"), "150.51");

    const std::string checking = std::to_string(account("1120").value());
    const Reply gl = call(
        auditor_,
        http::Method::get,
        "/api/v1/ledger/accounts/" + checking + "/general-ledger?from=2024-01-10&to=2024-03-01");
    ASSERT_EQ(gl.status, 200U) << json::serialize(gl.body);
    EXPECT_EQ(gl.body.at("opening"), "100000.00");
    EXPECT_EQ(gl.body.at("lines").at(0).at("balance"), "100250.50");
    EXPECT_EQ(gl.body.at("lines").at(1).at("balance"), "100150.51");
    EXPECT_EQ(gl.body.at("closing"), "100150.51");

    const Reply list = call(auditor_, http::Method::get, "/api/v1/ledger/journal-entries?limit=2");
    ASSERT_EQ(list.status, 200U);
    EXPECT_EQ(list.body.at("items").as_array().size(), 2U);
    ASSERT_TRUE(list.body.as_object().contains("next_cursor"));
    const Reply rest = call(auditor_,
                            http::Method::get,
                            "/api/v1/ledger/journal-entries?limit=2&cursor="
                                + std::string(list.body.at("next_cursor").as_string()));
    ASSERT_EQ(rest.status, 200U);
    EXPECT_EQ(rest.body.at("items").as_array().size(), 1U);

    const std::string id = std::to_string(rent.body.at("id").as_int64());
    const Reply reversal = call(admin_,
                                http::Method::post,
                                "/api/v1/ledger/journal-entries/" + id + "/reverse",
                                json::object{{"date", "2024-02-02"}, {"reason", "duplicate"}});
    ASSERT_EQ(reversal.status, 201U) << json::serialize(reversal.body);
    const Reply original =
        call(auditor_, http::Method::get, "/api/v1/ledger/journal-entries/" + id);
    EXPECT_EQ(original.body.at("reversed_by"), reversal.body.at("id"));
}

TEST_P(Routes, RefusalsMapToProblems) {
    const Reply unbalanced =
        post_json_entry("2024-01-02", {line("1120", "debit", "10"), line("3100", "credit", "9")});
    EXPECT_EQ(unbalanced.status, 400U);
    const Reply bad_fields = post_json_entry(
        "2024-01-02", {line("9999", "debit", "1.234"), line("3100", "sideways", "1")});
    ASSERT_EQ(bad_fields.status, 400U);
    const std::string text = json::serialize(bad_fields.body);
    EXPECT_NE(text.find("lines/0/account"), std::string::npos) << text;
    EXPECT_NE(text.find("lines/0/amount"), std::string::npos) << text;
    EXPECT_NE(text.find("lines/1/side"), std::string::npos) << text;
    const Reply number = call(
        admin_,
        http::Method::post,
        "/api/v1/ledger/journal-entries",
        json::object{
            {"date", "2024-01-02"},
            {"lines",
             json::array{json::object{
                 {"account", "1120"}, {"side", "debit"}, {"amount", 10}, {"currency", "USD"}}}}});
    EXPECT_EQ(number.status, 400U) << "money must never be a JSON number";

    const Reply periods = call(admin_, http::Method::get, "/api/v1/ledger/periods");
    ASSERT_EQ(periods.status, 200U);
    const std::string january = std::to_string(periods.body.at("items").at(0).at("id").as_int64());
    const Reply closed =
        call(admin_, http::Method::post, "/api/v1/ledger/periods/" + january + "/close");
    ASSERT_EQ(closed.status, 200U) << json::serialize(closed.body);
    EXPECT_EQ(closed.body.at("status"), "closed");
    const Reply late =
        post_json_entry("2024-01-05", {line("1120", "debit", "1"), line("3100", "credit", "1")});
    EXPECT_EQ(late.status, 409U);
    EXPECT_NE(json::serialize(late.body).find("period_closed"), std::string::npos);

    const Reply forbidden =
        call(auditor_,
             http::Method::post,
             "/api/v1/ledger/journal-entries",
             json::object{{"date", "2024-02-05"},
                          {"lines", {line("1120", "debit", "1"), line("3100", "credit", "1")}}});
    EXPECT_EQ(forbidden.status, 403U);
    const Reply reopen =
        call(auditor_, http::Method::post, "/api/v1/ledger/periods/" + january + "/reopen");
    EXPECT_EQ(reopen.status, 403U);
    const Reply missing = call(auditor_, http::Method::get, "/api/v1/ledger/journal-entries/9999");
    EXPECT_EQ(missing.status, 404U);
}

TEST_P(Routes, CsvImportsAreAllOrNothingWithEveryBadRowListed) {
    const std::string entries_path = "/api/v1/ledger/imports/journal-entries";
    const std::string bad_csv =
        "entry,date,account,debit,credit\n"
        "A,2024-02-01,6210,10.00,\n"
        "A,2024-02-01,1120,,10.00\n"
        "B,2024-02-02,9999,1.5,\n"
        "B,2024-02-02,1120,,1,50\n";
    const Reply refused =
        call(admin_, http::Method::post, entries_path, json::object{{"csv", bad_csv}});
    ASSERT_EQ(refused.status, 422U) << json::serialize(refused.body);
    EXPECT_EQ(refused.body.at("status"), 422);
    const std::string problems = json::serialize(refused.body.at("errors"));
    EXPECT_NE(problems.find("rows/4/account"), std::string::npos) << problems;
    EXPECT_NE(problems.find("\"rows/5\""), std::string::npos) << problems;  // 6 fields
    const Reply listed = call(admin_, http::Method::get, "/api/v1/ledger/journal-entries");
    EXPECT_TRUE(listed.body.at("items").as_array().empty()) << "nothing was written";

    const std::string good_csv =
        "entry,date,description,account,department,debit,credit\r\n"
        "A,2024-02-01,Rent,6210,OPS,10.00,\r\n"
        "A,2024-02-01,Rent,1120,,,10.00\r\n";
    const std::vector<http::Header> key{{"Idempotency-Key", "import-1"}};
    const Reply dry = call(admin_,
                           http::Method::post,
                           entries_path,
                           json::object{{"csv", good_csv}, {"dry_run", true}});
    ASSERT_EQ(dry.status, 200U) << json::serialize(dry.body);
    EXPECT_TRUE(dry.body.at("entries").at(0).at("id").is_null());
    const Reply posted =
        call(admin_, http::Method::post, entries_path, json::object{{"csv", good_csv}}, key);
    ASSERT_EQ(posted.status, 201U) << json::serialize(posted.body);
    EXPECT_EQ(posted.body.at("entries").at(0).at("reference"), "FY2024/1");
    const Reply again =
        call(admin_, http::Method::post, entries_path, json::object{{"csv", good_csv}}, key);
    EXPECT_EQ(again.status, 201U);
    EXPECT_EQ(again.body, posted.body);
    const Reply after = call(admin_, http::Method::get, "/api/v1/ledger/journal-entries");
    EXPECT_EQ(after.body.at("items").as_array().size(), 1U) << "a retry posts nothing twice";

    const std::string opening_path = "/api/v1/ledger/imports/opening-balances";
    const Reply no_date = call(admin_,
                               http::Method::post,
                               opening_path,
                               json::object{{"csv", "account,debit,credit\n1120,5.00,\n"}});
    EXPECT_EQ(no_date.status, 400U);
    EXPECT_NE(json::serialize(no_date.body).find("\"date\""), std::string::npos);
    const Reply opening = call(admin_,
                               http::Method::post,
                               opening_path,
                               json::object{{"csv", "account,debit,credit\n1120,5.00,\n"},
                                            {"date", "2024-01-01"},
                                            {"offset_account", "3100"}});
    ASSERT_EQ(opening.status, 201U) << json::serialize(opening.body);
    EXPECT_EQ(opening.body.at("lines"), 2);
    const Reply no_csv =
        call(admin_, http::Method::post, entries_path, json::object{{"dry_run", true}});
    EXPECT_EQ(no_csv.status, 400U);
    const Reply forbidden =
        call(auditor_, http::Method::post, entries_path, json::object{{"csv", good_csv}});
    EXPECT_EQ(forbidden.status, 403U);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Routes);

}  // namespace
}  // namespace bo::ledger::testing
