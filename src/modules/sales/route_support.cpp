#include "modules/sales/route_support.hpp"

#include <utility>

namespace bo::modules::sales::internal {

SplitBody split_body(const boost::json::value& body,
                     std::initializer_list<std::string_view> array_fields) {
    boost::json::object rest = body.is_object() ? body.as_object() : boost::json::object();
    SplitBody split;
    for (const std::string_view field : array_fields) {
        if (const boost::json::value* value = rest.if_contains(field);
            value != nullptr && !value->is_null()) {
            split.arrays.emplace(std::string(field), *value);
        }
        rest.erase(field);
    }
    split.rest = body.is_object() ? boost::json::value(std::move(rest)) : boost::json::value();
    return split;
}

core::Result<void> all_fields_ok(core::Result<void> head,
                                 std::vector<core::FieldError> more,
                                 std::string_view what) {
    std::vector<core::FieldError> errors;
    if (!head) {
        if (head.error().code() != core::ErrorCode::invalid_argument) {
            return head;
        }
        errors = head.error().fields();
    }
    errors.insert(errors.end(), more.begin(), more.end());
    if (errors.empty()) {
        return core::ok();
    }
    std::string message =
        std::string(what) + ": " + errors.front().field + ": " + errors.front().reason;
    return core::Error(core::ErrorCode::invalid_argument, std::move(message), std::move(errors));
}

core::Result<platform::api::ApiResponse> unprocessable(core::Error error) {
    if (error.code() != core::ErrorCode::invalid_argument) {
        return error;
    }
    return platform::api::ApiResponse::unprocessable(error);
}

void add_routes(platform::api::Api& api,
                std::string_view prefix,
                const std::vector<RouteRow>& rows) {
    for (const RouteRow& row : rows) {
        api.add(platform::api::ApiRoute{row.method,
                                        std::string(prefix) + std::string(row.pattern),
                                        std::string(row.permission),
                                        http::Access::permission_required,
                                        row.mode,
                                        std::string(row.summary),
                                        row.handler});
    }
}

}  // namespace bo::modules::sales::internal
