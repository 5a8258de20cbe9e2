#include "platform/api/api.hpp"

#include <array>

#include <boost/algorithm/string/predicate.hpp>
#include <boost/json.hpp>
#include <sodium.h>

#include "core/limits.hpp"
#include "http/problem.hpp"
#include "platform/access/permissions.hpp"
#include "platform/api/json.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/idempotency/idempotency.hpp"

namespace bo::platform::api {
namespace {

using core::Error;
using core::ErrorCode;

bool is_read_method(http::Method method) {
    return method == http::Method::get || method == http::Method::head;
}

// The value of the session cookie, or empty.
std::string session_cookie(const http::Request& request) {
    std::string_view cookies = request.header("Cookie");
    while (!cookies.empty()) {
        std::size_t end = cookies.find(';');
        std::string_view pair = cookies.substr(0, end);
        cookies = end == std::string_view::npos ? std::string_view() : cookies.substr(end + 1);
        while (!pair.empty() && pair.front() == ' ') {
            pair.remove_prefix(1);
        }
        std::size_t equals = pair.find('=');
        if (equals != std::string_view::npos
            && pair.substr(0, equals) == auth::session_cookie_name) {
            return std::string(pair.substr(equals + 1));
        }
    }
    return {};
}

auth::Credentials credentials_of(const http::Request& request) {
    auth::Credentials credentials;
    credentials.session_token = session_cookie(request);
    constexpr std::string_view bearer = "Bearer ";
    std::string_view authorization = request.header("Authorization");
    if (authorization.starts_with(bearer)) {
        credentials.bearer_token = std::string(authorization.substr(bearer.size()));
    }
    return credentials;
}

std::string fingerprint_of(const http::Request& request) {
    std::array<unsigned char, crypto_generichash_BYTES> hash{};
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, hash.size());
    std::string head = std::string(http::to_string(request.method)) + " " + request.path + "\n";
    crypto_generichash_update(&state,
                              reinterpret_cast<const unsigned char*>(head.data()),  // NOLINT
                              head.size());
    crypto_generichash_update(
        &state,
        reinterpret_cast<const unsigned char*>(request.body.data()),  // NOLINT
        request.body.size());
    crypto_generichash_final(&state, hash.data(), hash.size());
    std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
    return std::string(hex.data());
}

http::Response to_http(const ApiResponse& response) {
    http::Response out;
    out.status = response.status;
    out.content_type = response.content_type;
    if (response.raw_body) {
        out.body = *response.raw_body;
    } else {
        out.body = response.status == 204 ? std::string() : boost::json::serialize(response.body);
    }
    out.headers = response.headers;
    out.headers.push_back({"Cache-Control", "no-store"});
    return out;
}

// The headers a replay repeats: all the handler set (Location, …) but cookies, which belong to
// the response that set them, not to a later retry.
std::vector<idempotency::StoredHeader> replayable_headers(
    const std::vector<http::Header>& headers) {
    std::vector<idempotency::StoredHeader> kept;
    for (const http::Header& header : headers) {
        if (!boost::algorithm::iequals(header.name, "Set-Cookie")) {
            kept.push_back({header.name, header.value});
        }
    }
    return kept;
}

// The response a replayed idempotency key answers: the first outcome, marked as a replay.
ApiResponse replayed(const idempotency::StoredResponse& stored) {
    ApiResponse outcome;
    outcome.status = stored.status;
    outcome.content_type = stored.content_type;
    outcome.body = stored.body.empty() ? boost::json::value() : boost::json::parse(stored.body);
    for (const auto& header : stored.headers) {
        outcome.headers.push_back({header.name, header.value});
    }
    outcome.headers.push_back({"Idempotent-Replayed", "true"});
    return outcome;
}

// Errors whose outcome a retry would see again, and so are stored under an idempotency key.
bool is_deterministic_refusal(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument:
        case ErrorCode::not_found:
        case ErrorCode::conflict:
        case ErrorCode::period_closed:
        case ErrorCode::forbidden:
        case ErrorCode::limit_exceeded:
            return true;
        default:
            return false;
    }
}

// Stores a refusal under its idempotency key, in a transaction of its own, so that a retry is
// refused the same way without running again. The refusal stands whether or not it could be
// remembered.
void remember_refusal(store::Database& database,
                      const core::Clock& clock,
                      std::int64_t ttl_us,
                      const idempotency::Scope& scope,
                      const http::Response& refused) {
    const core::Instant now = clock.now();
    const core::Instant expires(now.unix_micros() + ttl_us);
    auto stored =
        database.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(auto claim, idempotency::claim(txn, scope, now, expires));
            if (claim.outcome != idempotency::ClaimOutcome::claimed) {
                return core::ok();  // a concurrent retry stored its outcome first
            }
            return idempotency::complete(
                txn, scope, {refused.status, refused.content_type, refused.body, {}}, now, expires);
        });
    (void)stored;
}

// Checks that the caller may run the route: signed in, CSRF token, permission.
core::Result<void> admit(const ApiRoute& route,
                         const Caller& caller,
                         const http::Request& request) {
    if (route.access == http::Access::public_route) {
        return core::ok();
    }
    if (!caller.authenticated()) {
        return Error(ErrorCode::unauthenticated, "sign in first (POST /api/v1/session)");
    }
    if (caller.method == AuthMethod::session && !is_read_method(request.method)) {
        std::string_view presented = request.header("X-CSRF-Token");
        if (presented.empty() || caller.csrf_token.empty()
            || sodium_memcmp(presented.data(),
                             caller.csrf_token.data(),
                             std::min(presented.size(), caller.csrf_token.size()))
                   != 0
            || presented.size() != caller.csrf_token.size()) {
            return Error(ErrorCode::forbidden,
                         "missing or wrong X-CSRF-Token header (use the csrf_token from sign-in)");
        }
    }
    if (!caller.permissions.contains(route.permission)) {
        return Error(ErrorCode::forbidden, "this requires the permission " + route.permission);
    }
    return core::ok();
}

}  // namespace

const std::string& ApiRequest::param(std::string_view name) const {
    auto found = params.find(name);
    BO_ASSERT(found != params.end());
    return found->second;
}

namespace {

ApiResponse from_problem(const http::Response& rendered) {
    ApiResponse response;
    response.status = rendered.status;
    response.body = boost::json::parse(rendered.body);
    response.content_type = rendered.content_type;
    return response;
}

}  // namespace

ApiResponse ApiResponse::committed_problem(const core::Error& error) {
    return from_problem(http::problem(error));
}

ApiResponse ApiResponse::unprocessable(const core::Error& error) {
    constexpr unsigned unprocessable_status = 422;
    return from_problem(http::problem(error, unprocessable_status));
}

Api::Api(store::Database& database, const core::Clock& clock, ApiOptions options)
    : database_(database),
      clock_(clock),
      options_(options),
      callers_(std::make_unique<auth::CallerCache>()) {}

void Api::add(ApiRoute route) {
    BO_ASSERT(route.handler != nullptr);
    BO_ASSERT(route.pattern.starts_with("/api/v1/"));
    if (route.access == http::Access::public_route) {
        BO_ASSERT(route.permission.empty());
    } else {
        BO_ASSERT(access::is_known_permission(route.permission));
    }
    routes_.push_back(std::move(route));
}

void Api::install(http::Router& router) const {
    for (const auto& route : routes_) {
        router.add(http::Route{route.method,
                               route.pattern,
                               route.access,
                               route.permission,
                               [this, &route](const http::RouteContext& context) {
                                   return handle(route, context.request, context.params);
                               }});
    }
}

http::Response Api::handle(const ApiRoute& route,
                           const http::Request& request,
                           const http::PathParams& params) const {
    const bool file_body =
        route.accepts_file && !request.header("Content-Type").starts_with("application/json");
    auto body = file_body ? core::Result<boost::json::value>(boost::json::value())
                          : parse_json_body(request);
    if (!body.ok()) {
        return http::problem(body.error());
    }
    std::string_view key = request.header("Idempotency-Key");
    // Keys are scoped by company and user, so only signed-in routes replay: an anonymous key
    // would be shared by every client, and a sign-in's cookie is not part of a stored answer.
    bool idempotent = !key.empty() && request.method == http::Method::post
                      && route.mode != store::TxnMode::read_only
                      && route.access != http::Access::public_route;
    if (key.size() > core::idempotency_key_bytes_max) {
        return http::problem(Error::invalid(
            "Idempotency-Key",
            "must be at most " + std::to_string(core::idempotency_key_bytes_max) + " bytes"));
    }
    auth::Credentials credentials = credentials_of(request);
    idempotency::Scope scope;
    scope.key = std::string(key);
    if (idempotent) {
        scope.fingerprint = fingerprint_of(request);
    }
    std::any prepared;
    if (route.prepare) {
        auto ready = route.prepare(database_, request, *body);
        if (!ready.ok()) {
            return http::problem(ready.error());
        }
        prepared = std::move(ready).value();
    }
    ApiResponse outcome;
    auth::CallerCacheUse cache_use{*callers_};
    auto ran = database_.transact(route.mode, [&](store::Txn& txn) -> core::Result<void> {
        auto caller = auth::authenticate(
            txn, clock_, credentials, request.request_id, request.remote_address, &cache_use);
        if (!caller.ok() && route.access != http::Access::public_route) {
            return std::move(caller).error();
        }
        Caller anonymous;
        const Caller& who = caller.ok() ? *caller : anonymous;
        BO_TRY(admit(route, who, request));
        core::Instant now = clock_.now();
        core::Instant expires(now.unix_micros() + options_.idempotency_ttl_us);
        if (idempotent) {
            scope.company_id = who.actor.company.value();
            scope.user_id = who.actor.user.value();
            BO_TRY_ASSIGN(auto claim, idempotency::claim(txn, scope, now, expires));
            if (claim.outcome == idempotency::ClaimOutcome::mismatch) {
                return Error(ErrorCode::idempotency_mismatch,
                             "this Idempotency-Key was used with a different request");
            }
            if (claim.outcome == idempotency::ClaimOutcome::replay) {
                outcome = replayed(claim.response.value());
                return core::ok();
            }
        }
        ApiRequest api_request{request, params, who, clock_, *body, &prepared};
        BO_TRY_ASSIGN(outcome, route.handler(txn, api_request));
        if (idempotent) {
            idempotency::StoredResponse stored{outcome.status,
                                               outcome.content_type,
                                               boost::json::serialize(outcome.body),
                                               replayable_headers(outcome.headers)};
            BO_TRY(idempotency::complete(txn, scope, stored, now, expires));
        }
        return core::ok();
    });
    if (ran.ok()) {
        if (cache_use.resolved) {
            callers_->store(std::move(*cache_use.resolved));  // committed: safe to reuse
        }
        return to_http(outcome);
    }
    http::Response refused = http::problem(ran.error());
    if (idempotent && scope.company_id != 0 && is_deterministic_refusal(ran.error().code())) {
        remember_refusal(database_, clock_, options_.idempotency_ttl_us, scope, refused);
    }
    return refused;
}

}  // namespace bo::platform::api
