// HTTP requests and responses as plain values, free of Boost.Beast.
//
// Only server.cpp sees Beast; everything above it (router, handlers, modules' routes) works on
// these types, which keeps the Boost include surface to one translation unit and the handlers
// testable without a socket.
// Thread safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bo::http {

enum class Method { get, head, post, put, patch, del, options, other };

// "GET", "POST", ... ("DELETE" for del).
std::string_view to_string(Method method) noexcept;

struct Header {
    std::string name;  // as received; compare case-insensitively
    std::string value;
};

struct Request {
    Method method = Method::get;
    std::string target;  // path and query as received
    std::string path;    // percent-decoded path without the query
    std::string query;   // raw query string without '?'
    std::vector<Header> headers;
    std::string body;
    std::string remote_address;
    std::string request_id;

    // The first header with this name (case-insensitive), or an empty view.
    std::string_view header(std::string_view name) const noexcept;
};

struct Response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<Header> headers;

    static Response json(unsigned status, std::string body) {
        return Response{status, "application/json", std::move(body), {}};
    }
};

enum class PlusSign { literal, space };  // a query string's '+' means a space; a path's does not

// Decodes %XX escapes (and '+' per `plus`). nullopt for a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, PlusSign plus);

// Case-insensitive ASCII comparison, for header names.
bool iequals(std::string_view a, std::string_view b) noexcept;

}  // namespace bo::http
