#include "platform/auth/routes.hpp"

#include <any>

#include <boost/json.hpp>

#include "platform/access/roles_routes.hpp"
#include "platform/api/json.hpp"
#include "platform/auth/passwords.hpp"
#include "platform/auth/service.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/auth/tokens.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::platform::auth {
namespace {

using api::ApiRequest;
using api::ApiResponse;
using core::Result;

constexpr std::int64_t micros_per_second = 1'000'000;
constexpr unsigned no_content = 204;

boost::json::array strings(const std::vector<std::string>& items) {
    boost::json::array array;
    for (const std::string& item : items) {
        array.emplace_back(item);
    }
    return array;
}

boost::json::array ids(const std::vector<std::int64_t>& items) {
    boost::json::array array;
    for (const std::int64_t item : items) {
        array.emplace_back(item);
    }
    return array;
}

boost::json::object user_json(const User& user) {
    return {{"id", user.id.value()},
            {"username", user.username},
            {"display_name", user.display_name},
            {"email", user.email},
            {"status", to_string(user.status)},
            {"roles", strings(user.roles)},
            {"created_at", user.created_at.to_rfc3339()}};
}

// What sign-in and GET /me answer about the caller.
boost::json::object caller_json(const Caller& caller) {
    boost::json::array permissions;
    permissions.reserve(caller.permissions.all().size());
    for (const std::string& permission : caller.permissions.all()) {
        permissions.emplace_back(permission);
    }
    boost::json::object body{{"roles", strings(caller.roles)},
                             {"permissions", std::move(permissions)},
                             {"department_ids", nullptr}};
    if (caller.department_scope) {
        body["department_ids"] = ids(*caller.department_scope);
    }
    return body;
}

boost::json::object token_json(const ApiToken& token) {
    boost::json::object body{{"id", token.id.value()},
                             {"name", token.name},
                             {"user_id", token.user_id.value()},
                             {"scopes", strings(token.scopes)},
                             {"created_at", token.created_at.to_rfc3339()},
                             {"expires_at", token.expires_at.to_rfc3339()},
                             {"revoked_at", nullptr}};
    if (token.revoked_at) {
        body["revoked_at"] = token.revoked_at->to_rfc3339();
    }
    return body;
}

std::string cookie(std::string_view value, std::int64_t max_age_s, bool secure) {
    std::string text = std::string(session_cookie_name) + "=" + std::string(value)
                       + "; HttpOnly; SameSite=Lax; Path=/; Max-Age=" + std::to_string(max_age_s);
    if (secure) {
        text += "; Secure";
    }
    return text;
}

// A refused sign-in: the failure counters and audit events commit with the answer.
ApiResponse refused(const SignInOutcome& outcome) {
    ApiResponse response = ApiResponse::committed_problem(outcome.error());
    if (outcome.refusal == Refusal::throttled) {
        constexpr unsigned too_many_requests = 429;
        response.status = too_many_requests;
        response.body.as_object()["status"] = too_many_requests;
        response.body.as_object()["title"] = "Too Many Requests";
        response.headers.push_back({"Retry-After", std::to_string(outcome.retry_after_s)});
    }
    return response;
}

Result<SignInRequest> sign_in_input(const boost::json::value& body, const http::Request& http) {
    api::BodyReader reader(body);
    SignInRequest input;
    input.company = reader.required_string("company", tenancy::company_code_chars_max);
    input.username = reader.required_string("username", username_chars_max);
    input.password = reader.required_string("password", password_bytes_max);
    BO_TRY(reader.finish());
    input.client_address = http.remote_address;
    input.request_id = http.request_id;
    return input;
}

// Before the transaction: the password's hash check (a bad body is left to the handler).
Result<std::any> check_sign_in_ahead(store::Database& database,
                                     const http::Request& http,
                                     const boost::json::value& body) {
    Result<SignInRequest> input = sign_in_input(body, http);
    if (!input.ok()) {
        return std::any();
    }
    BO_TRY_ASSIGN(PasswordCheck check, check_password_ahead(database, *input));
    return std::any(std::move(check));
}

Result<ApiResponse> sign_in_route(store::Txn& txn,
                                  const ApiRequest& request,
                                  const AuthRoutesOptions& options) {
    BO_TRY_ASSIGN(const SignInRequest input, sign_in_input(request.body, request.http));
    const PasswordCheck* ahead =
        request.prepared != nullptr ? std::any_cast<PasswordCheck>(request.prepared) : nullptr;
    BO_TRY_ASSIGN(SignInOutcome outcome, sign_in(txn, request.clock, input, ahead));
    if (!outcome.session) {
        return refused(outcome);
    }
    const NewSession& session = *outcome.session;
    boost::json::object body = caller_json(session.caller);
    body["user"] = user_json(session.user);
    body["company"] = boost::json::object{{"id", session.company.id.value()},
                                          {"code", session.company.code},
                                          {"name", session.company.name}};
    body["csrf_token"] = session.caller.csrf_token;
    body["expires_at"] = session.expires_at.to_rfc3339();
    ApiResponse response = ApiResponse::ok(std::move(body));
    response.headers.push_back(
        {"Set-Cookie",
         cookie(session.token, session_lifetime_us / micros_per_second, options.secure_cookies)});
    return response;
}

Result<ApiResponse> sign_out_route(store::Txn& txn,
                                   const ApiRequest& request,
                                   const AuthRoutesOptions& options) {
    BO_TRY(sign_out(txn, request.clock, request.caller));
    ApiResponse response{no_content, {}, {}};
    response.headers.push_back({"Set-Cookie", cookie("", 0, options.secure_cookies)});
    return response;
}

Result<ApiResponse> me(store::Txn& txn, const ApiRequest& request) {
    const Actor& actor = request.caller.actor;
    BO_TRY_ASSIGN(const std::optional<User> user, find_caller_user(txn, request.caller));
    if (!user) {
        return core::Error(core::ErrorCode::unauthenticated, "the user no longer exists");
    }
    boost::json::object body = caller_json(request.caller);
    body["user"] = user_json(*user);
    body["company_id"] = actor.company.value();
    body["auth_method"] = request.caller.method == AuthMethod::token ? "token" : "session";
    return ApiResponse::ok(std::move(body));
}

Result<ApiResponse> change_password(store::Txn& txn, const ApiRequest& request) {
    api::BodyReader reader(request.body);
    const std::string current = reader.required_string("current_password", password_bytes_max);
    const std::string next = reader.required_string("new_password", password_bytes_max);
    BO_TRY(reader.finish());
    BO_TRY(change_own_password(txn, request.clock, request.caller, current, next));
    return ApiResponse{no_content, {}, {}};
}

Result<ApiResponse> list_users_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const api::PageRequest page, api::page_request(request.http));
    BO_TRY_ASSIGN(const std::vector<User> users,
                  list_users(txn,
                             request.caller.actor.company,
                             UserId(page.after_id),
                             static_cast<std::int64_t>(page.limit)));
    boost::json::array items;
    for (const User& user : users) {
        items.push_back(user_json(user));
    }
    boost::json::object body{{"items", std::move(items)}};
    if (users.size() == page.limit) {
        body["next_cursor"] = api::encode_cursor(users.back().id.value());
    }
    return ApiResponse::ok(std::move(body));
}

Result<ApiResponse> create_user_route(store::Txn& txn, const ApiRequest& request) {
    api::BodyReader reader(request.body);
    NewUser input;
    input.username = reader.required_string("username", username_chars_max);
    input.display_name = reader.required_string("display_name", display_name_chars_max);
    input.email = reader.optional_string("email", display_name_chars_max).value_or("");
    const std::optional<std::string> password =
        reader.optional_string("password", password_bytes_max);
    input.roles = reader.string_list("roles", role_chars_max, user_roles_max);
    BO_TRY(reader.finish());
    input.password = password.value_or(generate_password());
    BO_TRY_ASSIGN(const User user, create_user(txn, request.clock, request.caller.actor, input));
    boost::json::object body = user_json(user);
    if (!password) {
        body["password"] = input.password;  // generated: shown once
    }
    return ApiResponse::created(std::move(body));
}

Result<User> user_of(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const UserId id, UserId::parse(request.param("id")));
    BO_TRY_ASSIGN(std::optional<User> user, find_user_by_id(txn, request.caller.actor.company, id));
    if (!user) {
        return core::Error(core::ErrorCode::not_found, "no user " + id.to_string());
    }
    return std::move(*user);
}

Result<ApiResponse> show_user(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const User user, user_of(txn, request));
    return ApiResponse::ok(user_json(user));
}

Result<ApiResponse> set_roles_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const UserId id, UserId::parse(request.param("id")));
    api::BodyReader reader(request.body);
    // The list replaces every role, so it must be sent: a forgotten field must not strip a
    // user of all their roles. An empty list is how roles are removed on purpose.
    const auto* object = request.body.if_object();
    if (object == nullptr || !object->contains("roles")) {
        reader.reject("roles", "is required (send [] to remove every role)");
    }
    const std::vector<std::string> roles =
        reader.string_list("roles", role_chars_max, user_roles_max);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const User user,
                  set_user_roles(txn, request.clock, request.caller.actor, id, roles));
    return ApiResponse::ok(user_json(user));
}

Result<ApiResponse> departments_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const UserId id, UserId::parse(request.param("id")));
    BO_TRY_ASSIGN(const std::vector<std::int64_t> departments,
                  user_departments(txn, request.caller.actor.company, id));
    return ApiResponse::ok(boost::json::object{{"department_ids", ids(departments)}});
}

// Reads {"department_ids": [1, 2]}: BodyReader has no list of integers, so this reads the
// one field itself, with the same rules (every problem reported, unknown fields refused).
Result<std::vector<std::int64_t>> read_department_ids(const boost::json::value& body) {
    std::vector<core::FieldError> errors;
    std::vector<std::int64_t> departments;
    const boost::json::object* object = body.if_object();
    const boost::json::value* list =
        object == nullptr ? nullptr : object->if_contains("department_ids");
    if (list == nullptr || !list->is_array()) {
        errors.push_back({"department_ids", "is required: an array of department ids"});
    } else if (list->get_array().size() > user_departments_max) {
        errors.push_back({"department_ids",
                          "must have at most " + std::to_string(user_departments_max) + " items"});
    } else {
        const boost::json::array& array = list->get_array();
        for (std::size_t index = 0; index < array.size(); ++index) {
            if (!array[index].is_int64() || array[index].get_int64() < 1) {
                errors.push_back({"department_ids/" + std::to_string(index),
                                  "must be a department id (a positive whole number)"});
            } else {
                departments.push_back(array[index].get_int64());
            }
        }
    }
    if (object != nullptr) {
        for (const auto& member : *object) {
            if (member.key() != "department_ids") {
                errors.push_back({std::string(member.key()), "is not a field of this request"});
            }
        }
    }
    if (!errors.empty()) {
        std::string message = errors.front().field + ": " + errors.front().reason;
        return core::Error(
            core::ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    return departments;
}

Result<ApiResponse> set_departments_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const UserId id, UserId::parse(request.param("id")));
    BO_TRY_ASSIGN(std::vector<std::int64_t> departments, read_department_ids(request.body));
    BO_TRY_ASSIGN(
        const std::vector<std::int64_t> stored,
        set_user_departments(txn, request.clock, request.caller.actor, id, std::move(departments)));
    return ApiResponse::ok(boost::json::object{{"department_ids", ids(stored)}});
}

Result<ApiResponse> unlock_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const UserId id, UserId::parse(request.param("id")));
    api::BodyReader reader(request.body);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const User user, unlock_user(txn, request.clock, request.caller.actor, id));
    return ApiResponse::ok(user_json(user));
}

Result<ApiResponse> reset_password_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const UserId id, UserId::parse(request.param("id")));
    api::BodyReader reader(request.body);
    const std::optional<std::string> password =
        reader.optional_string("password", password_bytes_max);
    BO_TRY(reader.finish());
    const std::string chosen = password.value_or(generate_password());
    BO_TRY(reset_password(txn, request.clock, request.caller.actor, id, chosen));
    boost::json::object body{{"user_id", id.value()}};
    if (!password) {
        body["password"] = chosen;  // generated: shown once
    }
    return ApiResponse::ok(std::move(body));
}

Result<ApiResponse> list_tokens_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const std::vector<ApiToken> tokens, list_tokens(txn, request.caller));
    boost::json::array items;
    for (const ApiToken& token : tokens) {
        items.push_back(token_json(token));
    }
    return ApiResponse::ok(boost::json::object{{"items", std::move(items)}});
}

Result<ApiResponse> create_token_route(store::Txn& txn, const ApiRequest& request) {
    api::BodyReader reader(request.body);
    NewApiToken input;
    input.name = reader.required_string("name", api_token_name_chars_max);
    input.scopes = reader.string_list(
        "scopes", access::role_id_chars_max, access::permission_catalogue().size());
    const std::optional<std::string> expires = reader.optional_string("expires_at", 64);
    if (expires) {
        core::Result<core::Instant> parsed = core::Instant::parse_rfc3339(*expires);
        if (parsed) {
            input.expires_at = *parsed;
        } else {
            reader.reject("expires_at",
                          "must be an RFC 3339 date-time such as 2026-01-31T00:00:00Z");
        }
    }
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const CreatedApiToken created,
                  create_token(txn, request.clock, request.caller, input));
    boost::json::object body = token_json(created.token);
    body["token"] = created.secret;  // shown once
    return ApiResponse::created(std::move(body));
}

Result<ApiResponse> revoke_token_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const ApiTokenId id, ApiTokenId::parse(request.param("id")));
    BO_TRY_ASSIGN(const ApiToken token, revoke_token(txn, request.clock, request.caller, id));
    return ApiResponse::ok(token_json(token));
}

api::ApiRoute route(http::Method method,
                    std::string pattern,
                    std::string permission,
                    store::TxnMode mode,
                    std::string summary,
                    api::ApiHandler handler) {
    return api::ApiRoute{.method = method,
                         .pattern = std::move(pattern),
                         .permission = std::move(permission),
                         .access = http::Access::permission_required,
                         .mode = mode,
                         .summary = std::move(summary),
                         .handler = std::move(handler)};
}

void add_session_routes(api::Api& api, const AuthRoutesOptions& options) {
    using http::Method;
    using store::TxnMode;
    api.add(api::ApiRoute{.method = Method::post,
                          .pattern = "/api/v1/session",
                          .permission = "",
                          .access = http::Access::public_route,
                          .mode = TxnMode::read_write,
                          .summary = "Sign in with company, username and password",
                          .handler = [options](store::Txn& txn, const ApiRequest& request) {
                              return sign_in_route(txn, request, options);
                          },
                          .prepare = check_sign_in_ahead});
    api.add(route(Method::del,
                  "/api/v1/session",
                  "self.profile",
                  TxnMode::read_write,
                  "Sign out",
                  [options](store::Txn& txn, const ApiRequest& request) {
                      return sign_out_route(txn, request, options);
                  }));
    api.add(route(Method::get,
                  "/api/v1/me",
                  "self.profile",
                  TxnMode::read_only,
                  "The signed-in user, company, roles and permissions",
                  me));
    api.add(route(Method::post,
                  "/api/v1/me/password",
                  "self.profile",
                  TxnMode::read_write,
                  "Change your own password",
                  change_password));
}

void add_user_routes(api::Api& api) {
    using http::Method;
    using store::TxnMode;
    constexpr auto read = TxnMode::read_only;
    constexpr auto write = TxnMode::read_write;
    api.add(
        route(Method::get, "/api/v1/users", "users.read", read, "List users", list_users_route));
    api.add(route(
        Method::post, "/api/v1/users", "users.manage", write, "Create a user", create_user_route));
    api.add(route(Method::get, "/api/v1/users/{id}", "users.read", read, "One user", show_user));
    api.add(route(Method::put,
                  "/api/v1/users/{id}/roles",
                  "users.manage",
                  write,
                  "Replace a user's roles",
                  set_roles_route));
    api.add(route(Method::get,
                  "/api/v1/users/{id}/departments",
                  "users.read",
                  read,
                  "A manager's departments",
                  departments_route));
    api.add(route(Method::put,
                  "/api/v1/users/{id}/departments",
                  "users.manage",
                  write,
                  "Replace a manager's departments",
                  set_departments_route));
    api.add(route(Method::post,
                  "/api/v1/users/{id}/unlock",
                  "users.manage",
                  write,
                  "Unlock a locked user",
                  unlock_route));
    api.add(route(Method::post,
                  "/api/v1/users/{id}/password",
                  "users.manage",
                  write,
                  "Reset a user's password",
                  reset_password_route));
    api.add(route(Method::get,
                  "/api/v1/tokens",
                  "tokens.manage",
                  read,
                  "Your API tokens",
                  list_tokens_route));
    api.add(route(Method::post,
                  "/api/v1/tokens",
                  "tokens.manage",
                  write,
                  "Create an API token",
                  create_token_route));
    api.add(route(Method::del,
                  "/api/v1/tokens/{id}",
                  "tokens.manage",
                  write,
                  "Revoke an API token",
                  revoke_token_route));
}

}  // namespace

void add_auth_routes(api::Api& api, const AuthRoutesOptions& options) {
    add_session_routes(api, options);
    add_user_routes(api);
    access::add_access_routes(api);
}

}  // namespace bo::platform::auth
