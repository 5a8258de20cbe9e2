#include "modules/receivables/route_support.hpp"

#include <string>
#include <utility>

namespace bo::modules::receivables::route_support {

boost::json::object page_body(boost::json::array items, bool full, std::int64_t last_id) {
    boost::json::object body{{"items", std::move(items)}};
    if (full) {
        body["next_cursor"] = platform::api::encode_cursor(last_id);
    }
    return body;
}

core::Result<std::optional<core::Date>> date_param(const platform::api::ApiRequest& request,
                                                   std::string_view name) {
    const std::optional<std::string> text = platform::api::query_param(request.http, name);
    if (!text) {
        return std::optional<core::Date>();
    }
    core::Result<core::Date> date = core::Date::parse(*text);
    if (!date) {
        return core::Error::invalid(std::string(name), "must be a date YYYY-MM-DD");
    }
    return std::optional<core::Date>(*date);
}

std::optional<core::Date> read_date(platform::api::BodyReader& reader, std::string_view field) {
    const std::optional<std::string> text = reader.optional_string(field, date_chars);
    if (!text) {
        return std::nullopt;
    }
    core::Result<core::Date> date = core::Date::parse(*text);
    if (!date) {
        reader.reject(std::string(field), "must be a date YYYY-MM-DD");
        return std::nullopt;
    }
    return *date;
}

}  // namespace bo::modules::receivables::route_support
