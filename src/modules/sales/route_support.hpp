// Helpers shared by the sales module's handlers (routes.cpp, order_routes.cpp): bodies with
// arrays of objects, merged field errors, and the JSON of money and quantities.
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/result.hpp"
#include "platform/api/api.hpp"
#include "platform/api/json.hpp"

namespace bo::modules::sales::internal {

// The permissions of the module's routes.
inline constexpr std::string_view read_permission = "sales.read";
inline constexpr std::string_view order_permission = "sales.order";
inline constexpr std::string_view manage_permission = "sales.manage";
inline constexpr std::string_view release_permission = "sales.release";
// 32 characters for a decimal text (money, quantity, percentage): 19 digits, a point and
// decimals, the bound of core::money_text_bytes_max.
inline constexpr std::size_t decimal_chars_max = 32;
// An item's SKU (inventory::sku_chars_max).
inline constexpr std::size_t sku_chars_max = 64;

// A body split into its flat part (for a BodyReader) and its array fields.
struct SplitBody {
    boost::json::value rest;
    std::map<std::string, boost::json::value, std::less<>> arrays;  // only those present
};

SplitBody split_body(const boost::json::value& body,
                     std::initializer_list<std::string_view> array_fields);

// Reads each element of `array` (which must be an array of at most `items_max` objects) with
// `read_one`, a BodyReader over the element; field errors are named "<field>/<index>/<name>".
template <typename T>
std::vector<T> read_objects(const boost::json::value& array,
                            std::string_view field,
                            std::size_t items_max,
                            const std::function<T(platform::api::BodyReader&)>& read_one,
                            std::vector<core::FieldError>& errors) {
    std::vector<T> items;
    if (!array.is_array()) {
        errors.push_back({std::string(field), "must be an array of objects"});
        return items;
    }
    if (array.as_array().size() > items_max) {
        errors.push_back(
            {std::string(field), "must have at most " + std::to_string(items_max) + " items"});
        return items;
    }
    for (std::size_t index = 0; index < array.as_array().size(); ++index) {
        const std::string prefix = std::string(field) + "/" + std::to_string(index);
        const boost::json::value& element = array.as_array()[index];
        if (!element.is_object()) {
            errors.push_back({prefix, "must be an object"});
            continue;
        }
        platform::api::BodyReader reader(element);
        T item = read_one(reader);
        core::Result<void> done = reader.finish();
        if (!done) {
            for (const core::FieldError& error : done.error().fields()) {
                errors.push_back({prefix + "/" + error.field, error.reason});
            }
        }
        items.push_back(std::move(item));
    }
    return items;
}

// ok when `head` is ok and `more` is empty; else one invalid_argument with every field error.
[[nodiscard]] core::Result<void> all_fields_ok(core::Result<void> head,
                                               std::vector<core::FieldError> more,
                                               std::string_view what);

// An invalid_argument found by a check that wrote nothing becomes a 422 problem naming the
// fields (committed: there is nothing to roll back); any other error is returned as is.
[[nodiscard]] core::Result<platform::api::ApiResponse> unprocessable(core::Error error);

// One row of a route table: `pattern` is appended to the table's prefix.
struct RouteRow {
    http::Method method;
    std::string_view pattern;
    std::string_view permission;
    store::TxnMode mode;
    std::string_view summary;
    platform::api::ApiHandler handler;
};

// Adds each row as the route `prefix + pattern`.
void add_routes(platform::api::Api& api,
                std::string_view prefix,
                const std::vector<RouteRow>& rows);

}  // namespace bo::modules::sales::internal
