// The route table of the whole program, in one place: which module answers which paths.
#pragma once

#include <string>
#include <string_view>

#include "http/router.hpp"
#include "platform/api/api.hpp"
#include "store/database.hpp"

namespace bo::cli {

struct ApiRouteOptions {
    bool secure_cookies = false;  // mark cookies Secure (serving behind TLS)
    // The sender of documents sent by e-mail (smtp_from); empty: each module's default.
    std::string mail_from;
};

// Adds every module's /api/v1 routes to `api`.
void add_api_routes(platform::api::Api& api, const ApiRouteOptions& options = {});

// Adds the routes outside the API pipeline: GET /healthz and GET /api/v1/openapi.json.
void add_system_routes(http::Router& router, store::Database& database);

// Loads the web app from `web_root` (empty: `<dir of the executable>/../web`) and adds its
// routes (http/static_files.hpp). Call it after every other route is added: its fallback
// routes match any GET path. A missing default web root is logged and the API serves alone.
// Errors: those of http::StaticFiles::load for a web root that was configured explicitly.
[[nodiscard]] core::Result<void> add_web_routes(http::Router& router, const std::string& web_root);

// The OpenAPI 3.1 document (docs/api/openapi.json, embedded at build time).
std::string_view openapi_document();

}  // namespace bo::cli
