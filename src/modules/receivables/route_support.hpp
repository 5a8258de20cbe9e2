// Helpers shared by the receivables module's handlers (routes.cpp, collections_routes.cpp):
// path ids, dates in the query and the body, pages.
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <boost/json.hpp>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/api.hpp"
#include "platform/api/json.hpp"

namespace bo::modules::receivables::route_support {

inline constexpr std::size_t date_chars = 10;

// The path parameter `id` as an Id. Errors: invalid_argument.
template <typename Id>
core::Result<Id> path_id(const platform::api::ApiRequest& request) {
    return Id::parse(request.param("id"));
}

// A page answer: the items, and the cursor after `last_id` when the page is full.
boost::json::object page_body(boost::json::array items, bool full, std::int64_t last_id);

// The query parameter `name` as a date, or nullopt when absent. Errors: invalid_argument
// naming it.
[[nodiscard]] core::Result<std::optional<core::Date>> date_param(
    const platform::api::ApiRequest& request, std::string_view name);

// The body field `field` as a date, or nullopt when absent (a bad one is rejected on reader).
std::optional<core::Date> read_date(platform::api::BodyReader& reader, std::string_view field);

}  // namespace bo::modules::receivables::route_support
