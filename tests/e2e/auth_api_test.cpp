// Goal: issue #4's "done means" for identity, over real HTTP against the real `backoffice
// serve` process, on both backends: the demo admin signs in, creates a clerk, the clerk signs
// in and is refused what a clerk may not do; writes need the CSRF header; bearer tokens work
// within their scopes; repeated failures lock and an admin unlocks; and every non-public route
// of the whole route table answers 401 without credentials and 403 to a user who lacks its
// permission.
// Method: a fresh database per test, seeded with `backoffice seed-demo` (its printed admin
// password is parsed), then a server on 127.0.0.1:0 driven by ApiClient.
#include <regex>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "cli/routes.hpp"
#include "core/date.hpp"
#include "platform/access/permissions.hpp"
#include "platform/api/api.hpp"

#include "support/api_client.hpp"
#include "support/databases.hpp"
#include "support/process.hpp"

namespace bo::testing {
namespace {

using boost::json::array;
using boost::json::object;

bool has(const boost::json::value& list, std::string_view item) {
    const array* items = list.if_array();
    if (items == nullptr) {
        return false;
    }
    for (const auto& value : *items) {
        if (value.is_string() && value.get_string() == item) {
            return true;
        }
    }
    return false;
}

class AuthApi : public ::testing::TestWithParam<store::Backend> {
protected:
    void SetUp() override {
        database_ = TestDatabase::create(GetParam());
        if (database_ == nullptr) {
            return;
        }
        const CommandResult seeded =
            run_command({backoffice_binary(), "seed-demo", "--db", database_->url()});
        ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
        std::smatch match;
        const std::regex password(R"(user admin, password (\S+))");
        ASSERT_TRUE(std::regex_search(seeded.out, match, password)) << seeded.out;
        admin_password_ = match[1];
        server_ = std::make_unique<ServerProcess>(database_->url());
        ASSERT_NE(server_->port(), 0);
    }

    std::uint16_t port() const { return server_->port(); }

    // A signed-in admin client.
    ApiClient admin() {
        ApiClient client(port());
        const ApiReply reply = client.sign_in("DEMO", "admin", admin_password_);
        EXPECT_EQ(reply.status, 200) << reply.text;
        return client;
    }

    // Creates a user through the API as the admin; answers the reply.
    ApiReply create_user(const std::string& username, const array& roles) {
        return admin().post("/api/v1/users",
                            object{{"username", username},
                                   {"display_name", username},
                                   {"password", "password of " + username},
                                   {"roles", roles}});
    }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ServerProcess> server_;
    std::string admin_password_;
};

TEST_P(AuthApi, AdminCreatesAClerkWhoIsRefusedWhatAClerkMayNotDo) {
    BO_REQUIRE_DATABASE(database_);
    ApiClient admin(port());
    const ApiReply signed_in = admin.sign_in("DEMO", "admin", admin_password_);
    ASSERT_EQ(signed_in.status, 200) << signed_in.text;
    const std::string cookie = signed_in.header("Set-Cookie");
    EXPECT_EQ(cookie.rfind("bo_session=", 0), 0U) << cookie;
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
    EXPECT_FALSE(signed_in.string("csrf_token").empty());
    EXPECT_TRUE(has(signed_in.body.at("roles"), "admin"));
    EXPECT_TRUE(has(signed_in.body.at("permissions"), "users.manage"));
    EXPECT_EQ(signed_in.body.at("user").at("username"), "admin");
    EXPECT_EQ(signed_in.body.at("company").at("code"), "DEMO");

    const ApiReply me = admin.get("/api/v1/me");
    ASSERT_EQ(me.status, 200) << me.text;
    EXPECT_EQ(me.body.at("user").at("username"), "admin");
    EXPECT_TRUE(has(me.body.at("user").at("roles"), "admin")) << me.text;
    EXPECT_EQ(admin.get("/api/v1/me").text, me.text);  // the second answer comes from the cache

    const object clerk{{"username", "clara"},
                       {"display_name", "Clara Clerk"},
                       {"password", "clara's long password"},
                       {"roles", array{"ap_clerk", "employee"}}};
    admin.send_csrf(false);
    const ApiReply no_csrf = admin.post("/api/v1/users", clerk);
    EXPECT_EQ(no_csrf.status, 403) << no_csrf.text;
    EXPECT_NE(no_csrf.string("detail").find("CSRF"), std::string::npos) << no_csrf.text;
    admin.send_csrf(true);
    const ApiReply created = admin.post("/api/v1/users", clerk);
    ASSERT_EQ(created.status, 201) << created.text;
    EXPECT_EQ(created.body.at("username"), "clara");
    EXPECT_FALSE(created.body.as_object().contains("password"));

    ApiClient clara(port());
    const ApiReply clerk_in = clara.sign_in("DEMO", "clara", "clara's long password");
    ASSERT_EQ(clerk_in.status, 200) << clerk_in.text;
    EXPECT_TRUE(has(clerk_in.body.at("permissions"), "payables.enter"));
    EXPECT_FALSE(has(clerk_in.body.at("permissions"), "users.manage"));
    EXPECT_EQ(clara.get("/api/v1/me").status, 200);
    const ApiReply list = clara.get("/api/v1/users");
    EXPECT_EQ(list.status, 403) << list.text;
    EXPECT_NE(list.string("detail").find("users.read"), std::string::npos) << list.text;
    EXPECT_EQ(list.header("Content-Type"), "application/problem+json");
    const ApiReply escalate = clara.post(
        "/api/v1/users",
        object{{"username", "mallory"}, {"display_name", "M"}, {"roles", array{"admin"}}});
    EXPECT_EQ(escalate.status, 403) << escalate.text;
    EXPECT_EQ(clara.put("/api/v1/users/1/roles", object{{"roles", array{"admin"}}}).status, 403);

    // Replacing roles needs the list itself: a body without it changes nothing.
    const std::string clara_roles =
        "/api/v1/users/" + std::to_string(created.body.at("id").as_int64()) + "/roles";
    const ApiReply forgotten = admin.put(clara_roles, object{});
    EXPECT_EQ(forgotten.status, 400) << forgotten.text;
    EXPECT_NE(forgotten.text.find("\"field\":\"roles\""), std::string::npos) << forgotten.text;
    const ApiReply still =
        admin.get("/api/v1/users/" + std::to_string(created.body.at("id").as_int64()));
    ASSERT_EQ(still.status, 200) << still.text;
    EXPECT_TRUE(has(still.body.at("roles"), "ap_clerk")) << still.text;

    // The admin sees the clerk; the clerk signs out and the cookie stops working.
    const ApiReply users = admin.get("/api/v1/users");
    ASSERT_EQ(users.status, 200) << users.text;
    bool listed = false;
    for (const auto& user : users.body.at("items").as_array()) {
        listed = listed || user.at("username").as_string() == "clara";
    }
    EXPECT_TRUE(listed) << users.text;
    EXPECT_EQ(clara.del("/api/v1/session").status, 204);
    EXPECT_EQ(clara.get("/api/v1/me").status, 401);
}

TEST_P(AuthApi, WrongPasswordAndUnknownUserGetTheSame401) {
    BO_REQUIRE_DATABASE(database_);
    ApiClient client(port());
    const ApiReply wrong = client.sign_in("DEMO", "admin", "not the password");
    const ApiReply nobody = client.sign_in("DEMO", "nobody", "not the password");
    const ApiReply elsewhere = client.sign_in("NOPE", "admin", admin_password_);
    for (const ApiReply* reply : {&wrong, &nobody, &elsewhere}) {
        EXPECT_EQ(reply->status, 401) << reply->text;
        EXPECT_EQ(reply->header("Content-Type"), "application/problem+json");
        EXPECT_EQ(reply->string("detail"), wrong.string("detail"));
        EXPECT_TRUE(reply->header("Set-Cookie").empty());
    }
    const ApiReply malformed = client.post("/api/v1/session", object{{"company", "DEMO"}});
    EXPECT_EQ(malformed.status, 400) << malformed.text;
    EXPECT_EQ(malformed.body.at("errors").as_array().size(), 2U) << malformed.text;
}

TEST_P(AuthApi, FiveFailuresLockTheUserAndTheAdminUnlocks) {
    BO_REQUIRE_DATABASE(database_);
    const ApiReply created = create_user("lena", array{"employee"});
    ASSERT_EQ(created.status, 201) << created.text;
    const std::int64_t id = created.body.at("id").as_int64();
    ApiClient lena(port());
    for (int failure = 1; failure < 5; ++failure) {
        EXPECT_EQ(lena.sign_in("DEMO", "lena", "wrong password").status, 401);
    }
    const ApiReply locked = lena.sign_in("DEMO", "lena", "wrong password");
    EXPECT_EQ(locked.status, 403) << locked.text;
    EXPECT_NE(locked.string("detail").find("locked"), std::string::npos) << locked.text;
    EXPECT_EQ(lena.sign_in("DEMO", "lena", "password of lena").status, 403);
    const ApiReply shown = admin().get("/api/v1/users/" + std::to_string(id));
    EXPECT_EQ(shown.body.at("status"), "locked") << shown.text;

    const ApiReply unlocked =
        admin().post("/api/v1/users/" + std::to_string(id) + "/unlock", object{});
    ASSERT_EQ(unlocked.status, 200) << unlocked.text;
    EXPECT_EQ(unlocked.body.at("status"), "active");
    EXPECT_EQ(lena.sign_in("DEMO", "lena", "password of lena").status, 200);

    const ApiReply reset =
        admin().post("/api/v1/users/" + std::to_string(id) + "/password", object{});
    ASSERT_EQ(reset.status, 200) << reset.text;
    EXPECT_EQ(lena.get("/api/v1/me").status, 401);  // the reset ended her session
    EXPECT_EQ(lena.sign_in("DEMO", "lena", reset.string("password")).status, 200);
}

TEST_P(AuthApi, BearerTokensWorkWithinTheirScopesUntilRevoked) {
    BO_REQUIRE_DATABASE(database_);
    ApiClient admin_client = admin();
    const std::string expires =
        core::Instant(core::SystemClock().now().unix_micros() + std::int64_t{30} * 86'400'000'000)
            .to_rfc3339();
    const ApiReply far_future = admin_client.post("/api/v1/tokens",
                                                  object{{"name", "ci"},
                                                         {"scopes", array{"users.read"}},
                                                         {"expires_at", "2999-01-01T00:00:00Z"}});
    EXPECT_EQ(far_future.status, 400) << far_future.text;
    const ApiReply created = admin_client.post(
        "/api/v1/tokens",
        object{{"name", "ci"}, {"scopes", array{"users.read"}}, {"expires_at", expires}});
    ASSERT_EQ(created.status, 201) << created.text;
    const std::string token = created.string("token");
    ASSERT_EQ(token.rfind("bo_", 0), 0U) << created.text;

    ApiClient integration(port());
    integration.use_bearer(token);
    EXPECT_EQ(integration.get("/api/v1/users").status, 200);
    const ApiReply out_of_scope = integration.post(
        "/api/v1/users", object{{"username", "x1"}, {"display_name", "x"}, {"roles", array{}}});
    EXPECT_EQ(out_of_scope.status, 403) << out_of_scope.text;  // no CSRF needed, but no scope
    const ApiReply listed = admin_client.get("/api/v1/tokens");
    ASSERT_EQ(listed.status, 200);
    ASSERT_EQ(listed.body.at("items").as_array().size(), 1U);
    EXPECT_FALSE(listed.body.at("items").at(0).as_object().contains("token"));

    const std::string path = "/api/v1/tokens/" + std::to_string(created.body.at("id").as_int64());
    EXPECT_EQ(admin_client.del(path).status, 200);
    EXPECT_EQ(integration.get("/api/v1/users").status, 401);
    ApiClient forged(port());
    forged.use_bearer(token.substr(0, token.size() - 1) + (token.back() == 'A' ? "B" : "A"));
    EXPECT_EQ(forged.get("/api/v1/me").status, 401);
}

TEST_P(AuthApi, CustomRolesAreCreatedAndGranted) {
    BO_REQUIRE_DATABASE(database_);
    ApiClient admin_client = admin();
    const ApiReply role = admin_client.post(
        "/api/v1/roles",
        object{
            {"id", "user_viewer"}, {"name", "User viewer"}, {"permissions", array{"users.read"}}});
    ASSERT_EQ(role.status, 201) << role.text;
    const ApiReply roles = admin_client.get("/api/v1/roles");
    ASSERT_EQ(roles.status, 200);
    EXPECT_EQ(roles.body.at("items").as_array().size(),
              platform::access::built_in_roles().size() + 1);
    ASSERT_EQ(create_user("vera", array{"user_viewer"}).status, 201);
    ApiClient vera(port());
    ASSERT_EQ(vera.sign_in("DEMO", "vera", "password of vera").status, 200);
    EXPECT_EQ(vera.get("/api/v1/users").status, 200);
    EXPECT_EQ(vera.get("/api/v1/roles").status, 200);
    EXPECT_EQ(vera.post("/api/v1/roles", object{{"id", "x"}, {"name", "x"}}).status, 403);
}

// The route table as `backoffice serve` builds it.
std::vector<platform::api::ApiRoute> every_route() {
    auto database = store::Database::open("sqlite::memory:");
    EXPECT_TRUE(database.ok());
    core::SystemClock clock;
    platform::api::Api api(**database, clock, platform::api::ApiOptions{});
    cli::add_api_routes(api);
    return api.routes();
}

// "/api/v1/users/{id}/roles" → "/api/v1/users/1/roles".
std::string concrete(const std::string& pattern) {
    return std::regex_replace(pattern, std::regex(R"(\{[a-z_]+\})"), "1");
}

TEST_P(AuthApi, EveryRouteRefusesStrangersAndUsersWithoutItsPermission) {
    BO_REQUIRE_DATABASE(database_);
    ASSERT_EQ(create_user("nobody", array{}).status, 201);
    ASSERT_EQ(create_user("emma", array{"employee"}).status, 201);
    ApiClient stranger(port());
    ApiClient nobody(port());
    ApiClient emma(port());
    ASSERT_EQ(nobody.sign_in("DEMO", "nobody", "password of nobody").status, 200);
    ASSERT_EQ(emma.sign_in("DEMO", "emma", "password of emma").status, 200);
    const platform::access::RoleDefinition* employee =
        platform::access::find_built_in_role("employee");
    ASSERT_NE(employee, nullptr);
    std::size_t checked = 0;
    for (const platform::api::ApiRoute& route : every_route()) {
        const std::string method(http::to_string(route.method));
        const std::string path = concrete(route.pattern);
        SCOPED_TRACE(method + " " + route.pattern + " (" + route.permission + ")");
        if (route.access == http::Access::public_route) {
            EXPECT_EQ(route.pattern, "/api/v1/session");  // the one public API route
            continue;
        }
        const ApiReply anonymous = stranger.send(method, path);
        EXPECT_EQ(anonymous.status, 401) << anonymous.text;
        const auto implicit = platform::access::signed_in_permissions();
        if (std::find(implicit.begin(), implicit.end(), route.permission) != implicit.end()) {
            continue;  // held by every signed-in user by design: nobody lacks it
        }
        const ApiReply refused = nobody.send(method, path);
        EXPECT_EQ(refused.status, 403) << refused.text;
        EXPECT_NE(refused.string("detail").find(route.permission), std::string::npos)
            << refused.text;
        const bool employee_holds =
            std::find(employee->permissions.begin(), employee->permissions.end(), route.permission)
            != employee->permissions.end();
        if (!employee_holds) {
            EXPECT_EQ(emma.send(method, path).status, 403);
        }
        ++checked;
    }
    EXPECT_GT(checked, 10U);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace bo::testing
