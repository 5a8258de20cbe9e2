#include "platform/api/json.hpp"

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::platform::api {
namespace {

constexpr std::string_view base64url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

}  // namespace

core::Result<boost::json::value> parse_json_body(const http::Request& request) {
    bool has_body = request.method == http::Method::post || request.method == http::Method::put
                    || request.method == http::Method::patch;
    if (!has_body || request.body.empty()) {
        return boost::json::value();
    }
    std::string_view type = request.header("Content-Type");
    if (!type.starts_with("application/json")) {
        return core::Error(core::ErrorCode::invalid_argument,
                           "the body must be JSON with Content-Type: application/json");
    }
    boost::json::parse_options options;
    options.max_depth = core::json_depth_max;
    boost::system::error_code error;
    boost::json::value body = boost::json::parse(request.body, error, {}, options);
    if (error) {
        return core::Error(core::ErrorCode::invalid_argument,
                           "the body is not valid JSON: " + error.message());
    }
    if (!body.is_object()) {
        return core::Error(core::ErrorCode::invalid_argument, "the body must be a JSON object");
    }
    return body;
}

BodyReader::BodyReader(const boost::json::value& body) : object_(body.if_object()) {}

const boost::json::value* BodyReader::find(std::string_view field) {
    seen_.emplace(field);
    if (object_ == nullptr) {
        return nullptr;
    }
    const auto* value = object_->if_contains(field);
    return value == nullptr || value->is_null() ? nullptr : value;
}

std::optional<std::string> BodyReader::optional_string(std::string_view field,
                                                       std::size_t max_chars) {
    const auto* value = find(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_string()) {
        reject(std::string(field), "must be a string");
        return std::nullopt;
    }
    std::string_view text = value->get_string();
    auto length = tenancy::utf8_chars(text);
    if (!length) {
        reject(std::string(field), "is not valid UTF-8");
        return std::nullopt;
    }
    if (*length > max_chars) {
        reject(std::string(field), "must be at most " + std::to_string(max_chars) + " characters");
        return std::nullopt;
    }
    return std::string(text);
}

std::string BodyReader::required_string(std::string_view field, std::size_t max_chars) {
    std::size_t errors_before = errors_.size();
    auto value = optional_string(field, max_chars);
    if (!value || value->empty()) {
        if (errors_.size() == errors_before) {
            reject(std::string(field), "is required");
        }
        return {};
    }
    return *value;
}

std::optional<std::int64_t> BodyReader::optional_int(std::string_view field) {
    const auto* value = find(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_int64()) {
        return value->get_int64();
    }
    if (value->is_uint64()) {
        reject(std::string(field), "is too large");
    } else {
        reject(std::string(field), "must be a whole number");
    }
    return std::nullopt;
}

std::optional<bool> BodyReader::optional_bool(std::string_view field) {
    const auto* value = find(field);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_bool()) {
        reject(std::string(field), "must be true or false");
        return std::nullopt;
    }
    return value->get_bool();
}

std::vector<std::string> BodyReader::string_list(std::string_view field,
                                                 std::size_t max_chars,
                                                 std::size_t max_items) {
    std::vector<std::string> result;
    const auto* value = find(field);
    if (value == nullptr) {
        return result;
    }
    if (!value->is_array()) {
        reject(std::string(field), "must be an array of strings");
        return result;
    }
    const auto& array = value->get_array();
    if (array.size() > max_items) {
        reject(std::string(field), "must have at most " + std::to_string(max_items) + " items");
        return result;
    }
    for (std::size_t i = 0; i < array.size(); ++i) {
        std::string item_field = std::string(field) + "/" + std::to_string(i);
        if (!array[i].is_string()) {
            reject(item_field, "must be a string");
            continue;
        }
        std::string_view text = array[i].get_string();
        auto length = tenancy::utf8_chars(text);
        if (!length || *length == 0 || *length > max_chars) {
            reject(item_field, "must be 1.." + std::to_string(max_chars) + " characters of UTF-8");
            continue;
        }
        result.emplace_back(text);
    }
    return result;
}

void BodyReader::reject(std::string field, std::string reason) {
    errors_.push_back(core::FieldError{std::move(field), std::move(reason)});
}

core::Result<void> BodyReader::finish() {
    if (object_ != nullptr) {
        for (const auto& member : *object_) {
            if (seen_.find(std::string_view(member.key())) == seen_.end()) {
                reject(std::string(member.key()), "is not a field of this request");
            }
        }
    }
    if (errors_.empty()) {
        return core::ok();
    }
    std::string message = errors_.size() == 1
                              ? errors_.front().field + ": " + errors_.front().reason
                              : std::to_string(errors_.size()) + " fields are invalid";
    return core::Error(core::ErrorCode::invalid_argument, std::move(message), errors_);
}

std::optional<std::string> query_param(const http::Request& request, std::string_view name) {
    std::string_view query = request.query;
    while (!query.empty()) {
        std::size_t end = query.find('&');
        std::string_view pair = query.substr(0, end);
        query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
        std::size_t equals = pair.find('=');
        auto key = http::percent_decode(pair.substr(0, equals), http::PlusSign::space);
        if (key && *key == name) {
            return http::percent_decode(
                equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1),
                http::PlusSign::space);
        }
    }
    return std::nullopt;
}

std::string encode_cursor(std::int64_t after_id) {
    // Eight big-endian bytes, base64url without padding.
    auto value = static_cast<std::uint64_t>(after_id);
    std::string bits;
    for (int shift = 60; shift >= 0; shift -= 6) {
        bits.push_back(base64url_alphabet[(value >> static_cast<unsigned>(shift)) & 0x3FU]);
    }
    return "c" + bits;
}

namespace {

std::optional<std::int64_t> decode_cursor(std::string_view cursor) {
    constexpr std::size_t cursor_digits = 11;
    if (cursor.size() != cursor_digits + 1 || cursor.front() != 'c') {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (char c : cursor.substr(1)) {
        auto digit = base64url_alphabet.find(c);
        if (digit == std::string_view::npos) {
            return std::nullopt;
        }
        value = (value << 6U) | digit;
    }
    auto id = static_cast<std::int64_t>(value);
    return id >= 0 ? std::optional<std::int64_t>(id) : std::nullopt;
}

}  // namespace

core::Result<PageRequest> page_request(const http::Request& request) {
    PageRequest page{core::page_size_default, 0};
    if (auto limit = query_param(request, "limit")) {
        std::size_t value = 0;
        bool digits = !limit->empty() && limit->size() <= 6;
        for (char c : *limit) {
            digits = digits && c >= '0' && c <= '9';
            value = value * 10 + static_cast<std::size_t>(c - '0');
        }
        if (!digits || value == 0 || value > core::page_size_max) {
            return core::Error::invalid(
                "limit", "must be a whole number from 1 to " + std::to_string(core::page_size_max));
        }
        page.limit = value;
    }
    if (auto cursor = query_param(request, "cursor")) {
        auto after = decode_cursor(*cursor);
        if (!after) {
            return core::Error::invalid("cursor", "is not a cursor this server gave out");
        }
        page.after_id = *after;
    }
    return page;
}

}  // namespace bo::platform::api
