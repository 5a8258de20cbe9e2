// The API kernel: declarative routes with a permission each, run through one pipeline.
//
// Every `/api/v1` request goes through the same steps, in this order, inside ONE database
// transaction (so a failure anywhere writes nothing):
//   1. body: a body must be `application/json`, at most http_body_bytes_max, at most
//      json_depth_max deep, and an object; otherwise a 400 (413 when too large) problem.
//      A route's `prepare` step, if it has one, runs next, before the transaction.
//   2. authenticate: `Authorization: Bearer <token>` or the session cookie → Caller; a route
//      that is not public answers 401 without one. A caller resolved by an earlier request is
//      reused while the company's auth epoch is unchanged (platform/auth/caller_cache.hpp).
//   3. CSRF: a cookie-authenticated request other than GET/HEAD must carry the session's
//      token in `X-CSRF-Token`, else 403.
//   4. permission: the caller must hold the route's permission, else 403 naming it.
//   5. idempotency: a signed-in POST with `Idempotency-Key` replays the stored status and body
//      of the first request with that key and body; the same key with another body is 422.
//   6. the handler runs with the transaction; its result becomes JSON or problem+json.
// Handlers never see the raw socket and never write SQL: they call module services.
// Thread safety: build with add() before serving; then handle() is thread-safe.
#pragma once

#include <any>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "core/date.hpp"
#include "core/result.hpp"
#include "http/router.hpp"
#include "platform/api/caller.hpp"
#include "platform/auth/caller_cache.hpp"
#include "store/database.hpp"

namespace bo::platform::api {

// What a handler gets.
struct ApiRequest {
    const http::Request& http;
    const http::PathParams& params;
    const Caller& caller;
    const core::Clock& clock;
    const boost::json::value& body;  // an object for requests with a body, else null
    // What the route's `prepare` step returned (empty without one).
    const std::any* prepared = nullptr;

    // The path parameter (asserts the route declares it: a bug otherwise).
    const std::string& param(std::string_view name) const;
};

// What a handler answers on success. Errors are core::Error values (mapped to problem+json).
struct ApiResponse {
    unsigned status = 200;
    boost::json::value body;
    std::vector<http::Header> headers;  // e.g. Set-Cookie, Location
    std::string content_type = "application/json";
    // A body sent as is instead of `body` as JSON (a CSV, XLSX or PDF download). Not for
    // routes that store idempotent replays (those keep JSON only).
    std::optional<std::string> raw_body = std::nullopt;

    static ApiResponse ok(boost::json::value body) { return ApiResponse{200, std::move(body), {}}; }

    static ApiResponse created(boost::json::value body) {
        return ApiResponse{201, std::move(body), {}};
    }

    // A response whose body is a problem document (e.g. a 401 that must still commit a
    // failed-sign-in counter): the transaction commits and the client sees the problem.
    static ApiResponse committed_problem(const core::Error& error);

    // committed_problem with 422 Unprocessable Content: a well-formed request whose values fail
    // validation, refused before anything was written (docs/api/README.md).
    static ApiResponse unprocessable(const core::Error& error);
};

using ApiHandler = std::function<core::Result<ApiResponse>(store::Txn&, const ApiRequest&)>;

struct ApiRoute {
    http::Method method;
    std::string pattern;     // "/api/v1/users/{id}"
    std::string permission;  // "users.manage"; empty only with `public_route`
    http::Access access = http::Access::permission_required;
    store::TxnMode mode = store::TxnMode::read_write;
    std::string summary;  // one line for the OpenAPI document
    ApiHandler handler;
    // The body may also be a file of any Content-Type (a bank statement, an import): then it
    // is not parsed, ApiRequest::body is null and the handler reads request.http.body. A body
    // sent as application/json is still parsed as JSON.
    bool accepts_file = false;
    // Slow work that needs no lock, run before the request's transaction and outside it (a
    // password hash check would otherwise hold SQLite's only writer for its ~100 ms). It may
    // read in a transaction of its own; it gets the parsed body (null for a file) and what it
    // returns reaches the handler as ApiRequest::prepared. The handler must not trust it
    // blindly: anything read here may have changed by the time the transaction starts.
    std::function<core::Result<std::any>(store::Database&, const http::Request&,
                                          const boost::json::value&)>
        prepare = nullptr;
};

struct ApiOptions {
    // How long an idempotency key replays its first outcome. A day covers any client's retry
    // policy; keys older than that are purged.
    std::int64_t idempotency_ttl_us = std::int64_t{24} * 3600 * 1'000'000;
};

class Api {
public:
    Api(store::Database& database, const core::Clock& clock, ApiOptions options);

    // Adds a route. Asserts that its permission is in the catalogue (or that it is public).
    void add(ApiRoute route);

    // Registers every route, wrapped in the pipeline, into `router`.
    void install(http::Router& router) const;

    const std::vector<ApiRoute>& routes() const noexcept { return routes_; }

    // Runs one request through the pipeline (exposed for tests and the fuzzer).
    http::Response handle(const ApiRoute& route,
                          const http::Request& request,
                          const http::PathParams& params) const;

private:
    store::Database& database_;
    const core::Clock& clock_;
    ApiOptions options_;
    std::vector<ApiRoute> routes_;
    // Callers resolved by earlier requests (thread-safe; see platform/auth/caller_cache.hpp).
    std::unique_ptr<auth::CallerCache> callers_;
};

}  // namespace bo::platform::api
