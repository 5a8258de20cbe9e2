// Reading request bodies and query strings into typed values, collecting every problem.
//
// `BodyReader` walks a JSON object: each accessor reads one field and records a FieldError
// (field name + reason) instead of failing at the first, so a client sees all its mistakes at
// once; `finish()` also refuses fields the endpoint does not know (a typo must not be silently
// ignored). Money never comes from a JSON number: amounts are strings parsed by core::Money.
// Thread safety: one reader per request.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "core/result.hpp"
#include "http/message.hpp"

namespace bo::platform::api {

// The body of a POST/PUT/PATCH as a JSON object (null when empty or for other methods).
// Errors: invalid_argument when the Content-Type is not application/json, the text is not
// JSON, nests deeper than json_depth_max, or is not an object.
[[nodiscard]] core::Result<boost::json::value> parse_json_body(const http::Request& request);

class BodyReader {
public:
    // `body` is the request body (an object, or null when there is none).
    explicit BodyReader(const boost::json::value& body);

    // A string of 1..max_chars UTF-8 characters (required) or absent (optional).
    std::string required_string(std::string_view field, std::size_t max_chars);
    std::optional<std::string> optional_string(std::string_view field, std::size_t max_chars);

    // An integer that fits int64 (JSON numbers with a fraction or exponent are refused).
    std::optional<std::int64_t> optional_int(std::string_view field);

    std::optional<bool> optional_bool(std::string_view field);

    // An array of strings, each 1..max_chars, at most max_items.
    std::vector<std::string> string_list(std::string_view field,
                                         std::size_t max_chars,
                                         std::size_t max_items);

    // Records a problem found by the caller's own checks.
    void reject(std::string field, std::string reason);

    // ok when every read succeeded and no unknown field was sent; otherwise invalid_argument
    // listing every problem.
    [[nodiscard]] core::Result<void> finish();

private:
    const boost::json::value* find(std::string_view field);

    const boost::json::object* object_ = nullptr;
    std::set<std::string, std::less<>> seen_;
    std::vector<core::FieldError> errors_;
};

// The value of query parameter `name` (percent-decoded), or nullopt.
std::optional<std::string> query_param(const http::Request& request, std::string_view name);

// A page request: `limit` (1..page_size_max, default page_size_default) and an opaque
// `cursor` that encodes the last id of the previous page.
struct PageRequest {
    std::size_t limit = 0;
    std::int64_t after_id = 0;
};

// Reads `limit` and `cursor` from the query. Errors: invalid_argument naming the field.
[[nodiscard]] core::Result<PageRequest> page_request(const http::Request& request);

// The opaque cursor for "after this id" (base64url, so clients do not build them).
std::string encode_cursor(std::int64_t after_id);

}  // namespace bo::platform::api
