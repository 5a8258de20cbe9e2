// Goal: the auditor's routes on both backends: GET /api/v1/audit/events searches the caller's
// company with filters and an opaque cursor and refuses bad filters field by field; POST
// /api/v1/audit/verify answers the chain's state, naming the first broken event after raw
// tampering; both answer 403 to a caller without audit.read / audit.verify.
// Method: the real API pipeline (platform::api::Api::handle) in-process, with sessions from
// auth::sign_in, on a fresh migrated database per case (StorageTest).
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "platform/api/api.hpp"
#include "platform/audit/audit.hpp"
#include "platform/audit/routes.hpp"
#include "platform/auth/service.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/storage_fixture.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::platform {
namespace {

namespace json = boost::json;

struct Reply {
    unsigned status = 0;
    json::value body;
};

struct Session {
    std::string cookie;
    std::string csrf;
};

class AuditRoutes : public testing::StorageTest {
protected:
    void SetUp() override {
        StorageTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        auto company = in_txn([&](store::Txn& txn) {
            return tenancy::create_company(
                txn,
                clock(),
                {.code = "ACME", .name = "Acme", .functional_currency = "USD", .time_zone = "UTC"});
        });
        ASSERT_TRUE(company.ok()) << company.error().message();
        company_ = company->id;
        api_ = std::make_unique<api::Api>(db(), clock(), api::ApiOptions{});
        audit::add_audit_routes(*api_);
        auditor_ = session("otto", {"auditor"});
        clerk_ = session("carl", {"ap_clerk"});
    }

    Session session(const std::string& username, std::vector<std::string> roles) {
        auto user = in_txn([&](store::Txn& txn) {
            return auth::create_user(txn,
                                     clock(),
                                     company_,
                                     {.username = username,
                                      .display_name = username,
                                      .email = "",
                                      .password = "a long password 123",
                                      .roles = std::move(roles)});
        });
        EXPECT_TRUE(user.ok()) << user.error().message();
        auto outcome = in_txn([&](store::Txn& txn) {
            return auth::sign_in(txn,
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
        return {std::string(auth::session_cookie_name) + "=" + outcome->session->token,
                outcome->session->caller.csrf_token};
    }

    Reply call(const Session& who, http::Method method, const std::string& target) {
        http::Request request;
        request.method = method;
        request.target = target;
        const auto question = target.find('?');
        request.path = target.substr(0, question);
        request.query = question == std::string::npos ? "" : target.substr(question + 1);
        request.headers.push_back({"Cookie", who.cookie});
        request.headers.push_back({"X-CSRF-Token", who.csrf});
        request.remote_address = "127.0.0.1";
        request.request_id = "t";
        for (const auto& route : api_->routes()) {
            if (route.method == method && route.pattern == request.path) {
                const http::Response response = api_->handle(route, request, {});
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

    // Appends `count` events of action "item.update" as user "otto".
    void append(int count) {
        auto done = in_txn([&](store::Txn& txn) -> core::Result<void> {
            for (int n = 0; n < count; ++n) {
                BO_TRY(audit::record(txn,
                                     clock(),
                                     {.company = company_,
                                      .user = auth::UserId(99),
                                      .username = "mallet",
                                      .request_id = "r",
                                      .client_address = "127.0.0.1"},
                                     {.action = "item.update",
                                      .entity_type = "item",
                                      .entity_id = std::to_string(n),
                                      .changes = {{"qty", "1", std::to_string(n)}}}));
            }
            return core::ok();
        });
        ASSERT_TRUE(done.ok()) << done.error().message();
    }

    static std::string first_error_field(const Reply& reply) {
        const auto* errors = reply.body.as_object().if_contains("errors");
        if (errors == nullptr || errors->as_array().empty()) {
            return "";
        }
        return std::string(errors->as_array()[0].as_object().at("field").as_string());
    }

    tenancy::CompanyId company_;
    std::unique_ptr<api::Api> api_;
    Session auditor_;
    Session clerk_;
};

TEST_P(AuditRoutes, SearchesWithFiltersAndACursor) {
    append(7);
    Reply all =
        call(auditor_, http::Method::get, "/api/v1/audit/events?action=item.update&limit=3");
    ASSERT_EQ(all.status, 200U) << json::serialize(all.body);
    const json::array& items = all.body.at("items").as_array();
    ASSERT_EQ(items.size(), 3U);
    EXPECT_EQ(items[0].at("entity_id").as_string(), "6");  // newest first
    EXPECT_EQ(items[0].at("username").as_string(), "mallet");
    EXPECT_EQ(items[0].at("user_id").as_int64(), 99);
    EXPECT_EQ(items[0].at("hash").as_string().size(), 64U);
    EXPECT_EQ(items[0].at("at").as_string(), "2024-03-01T12:00:00.000000Z");
    EXPECT_EQ(json::serialize(items[0].at("changes")), R"([{"field":"qty","before":1,"after":6}])");
    std::string cursor(all.body.at("next_cursor").as_string());
    Reply next = call(auditor_,
                      http::Method::get,
                      "/api/v1/audit/events?action=item.update&limit=3&cursor=" + cursor);
    ASSERT_EQ(next.status, 200U);
    EXPECT_EQ(next.body.at("items").as_array()[0].at("entity_id").as_string(), "3");

    Reply one = call(auditor_,
                     http::Method::get,
                     "/api/v1/audit/events?entity_type=item&entity_id=2&user=mallet"
                     "&from=2024-03-01T12:00:00Z&to=2024-03-01T12:00:01%2B00:00");
    ASSERT_EQ(one.status, 200U) << json::serialize(one.body);
    ASSERT_EQ(one.body.at("items").as_array().size(), 1U);
    EXPECT_FALSE(one.body.as_object().contains("next_cursor"));
}

TEST_P(AuditRoutes, RefusesBadFiltersNamingTheField) {
    for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
             {"from=yesterday", "from"},
             {"to=2024-13-01T00:00:00Z", "to"},
             {"from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z", "to"},
             {"limit=501", "limit"},
             {"limit=0", "limit"},
             {"cursor=not-a-cursor", "cursor"},
             {"entity_type=", "entity_type"},
             {"action=" + std::string(audit::action_bytes_max + 1, 'a'), "action"},
         }) {
        Reply reply = call(auditor_, http::Method::get, "/api/v1/audit/events?" + query);
        EXPECT_EQ(reply.status, 400U) << query;
        EXPECT_EQ(first_error_field(reply), field) << query << " " << json::serialize(reply.body);
    }
    Reply at_limit = call(auditor_, http::Method::get, "/api/v1/audit/events?limit=500");
    EXPECT_EQ(at_limit.status, 200U);
}

TEST_P(AuditRoutes, VerifyAnswersTheFirstBrokenEvent) {
    append(5);
    Reply intact = call(auditor_, http::Method::post, "/api/v1/audit/verify");
    ASSERT_EQ(intact.status, 200U) << json::serialize(intact.body);
    EXPECT_TRUE(intact.body.at("intact").as_bool());
    EXPECT_TRUE(intact.body.at("first_break").is_null());
    const std::int64_t events = intact.body.at("events_checked").as_int64();
    EXPECT_GE(events, 5);
    EXPECT_EQ(intact.body.at("head").at("seq").as_int64(), events);

    const std::vector<store::Value> params{company_.value(), events - 1};
    auto tampered = in_txn([&](store::Txn& txn) {
        return txn.execute(
            "UPDATE audit_events SET entity_id = 'x' WHERE company_id = $1 AND seq = $2", params);
    });
    ASSERT_TRUE(tampered.ok());
    Reply broken = call(auditor_, http::Method::post, "/api/v1/audit/verify");
    ASSERT_EQ(broken.status, 200U);
    EXPECT_FALSE(broken.body.at("intact").as_bool());
    EXPECT_EQ(broken.body.at("first_break").at("seq").as_int64(), events - 1);
    EXPECT_EQ(broken.body.at("first_break").at("kind").as_string(), "hash_mismatch");
}

TEST_P(AuditRoutes, OthersAreForbidden) {
    EXPECT_EQ(call(clerk_, http::Method::get, "/api/v1/audit/events").status, 403U);
    EXPECT_EQ(call(clerk_, http::Method::post, "/api/v1/audit/verify").status, 403U);
    EXPECT_EQ(call(Session{}, http::Method::get, "/api/v1/audit/events").status, 401U);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(AuditRoutes);

}  // namespace
}  // namespace bo::platform
