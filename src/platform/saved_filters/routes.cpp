#include "platform/saved_filters/routes.hpp"

#include <boost/json.hpp>

#include "platform/api/json.hpp"
#include "platform/saved_filters/service.hpp"

namespace bo::platform::saved_filters {
namespace {

constexpr std::string_view permission = "self.preferences";

boost::json::object to_json(const SavedFilter& filter) {
    return {{"id", filter.id.value()},
            {"resource", filter.resource},
            {"name", filter.name},
            {"query", filter.query},
            {"created_at", filter.created_at.to_rfc3339()}};
}

core::Result<api::ApiResponse> list(store::Txn& txn, const api::ApiRequest& request) {
    auto resource = api::query_param(request.http, "resource");
    if (!resource || resource->empty()) {
        return core::Error::invalid("resource", "is required (e.g. ?resource=customers)");
    }
    BO_TRY_ASSIGN(auto page, api::page_request(request.http));
    BO_TRY_ASSIGN(auto filters,
                  list_saved_filters(txn,
                                     request.caller.actor,
                                     *resource,
                                     SavedFilterId(page.after_id),
                                     static_cast<std::int64_t>(page.limit)));
    boost::json::array items;
    for (const auto& filter : filters) {
        items.push_back(to_json(filter));
    }
    boost::json::object body{{"items", std::move(items)}};
    if (filters.size() == page.limit) {
        body["next_cursor"] = api::encode_cursor(filters.back().id.value());
    }
    return api::ApiResponse::ok(std::move(body));
}

core::Result<api::ApiResponse> create(store::Txn& txn, const api::ApiRequest& request) {
    api::BodyReader reader(request.body);
    NewSavedFilter input;
    input.resource = reader.required_string("resource", resource_chars_max);
    input.name = reader.required_string("name", name_chars_max);
    input.query = reader.optional_string("query", query_chars_max).value_or("");
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(auto filter,
                  create_saved_filter(txn, request.clock, request.caller.actor, input));
    return api::ApiResponse::created(to_json(filter));
}

core::Result<api::ApiResponse> remove(store::Txn& txn, const api::ApiRequest& request) {
    BO_TRY_ASSIGN(auto id, SavedFilterId::parse(request.param("id")));
    BO_TRY(delete_saved_filter(txn, request.clock, request.caller.actor, id));
    return api::ApiResponse{204, {}, {}};
}

}  // namespace

void add_saved_filter_routes(api::Api& api) {
    api.add({http::Method::get,
             "/api/v1/saved-filters",
             std::string(permission),
             http::Access::permission_required,
             store::TxnMode::read_only,
             "List the caller's saved filters for a resource",
             list});
    api.add({http::Method::post,
             "/api/v1/saved-filters",
             std::string(permission),
             http::Access::permission_required,
             store::TxnMode::read_write,
             "Save a named filter for a list screen",
             create});
    api.add({http::Method::del,
             "/api/v1/saved-filters/{id}",
             std::string(permission),
             http::Access::permission_required,
             store::TxnMode::read_write,
             "Delete one of the caller's saved filters",
             remove});
}

}  // namespace bo::platform::saved_filters
