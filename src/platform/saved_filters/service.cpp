#include "platform/saved_filters/service.hpp"

#include "core/log.hpp"
#include "platform/audit/audit.hpp"
#include "platform/saved_filters/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::platform::saved_filters {
namespace {

std::string json_text(std::string_view text) {
    std::string out;
    core::append_json_string(out, text);
    return out;
}

}  // namespace

core::Result<SavedFilter> create_saved_filter(store::Txn& txn,
                                              const core::Clock& clock,
                                              const Actor& actor,
                                              const NewSavedFilter& input) {
    tenancy::FieldChecks checks;
    checks.code("resource", input.resource, resource_chars_max, tenancy::FieldChecks::Case::lower);
    checks.required_text("name", input.name, name_chars_max);
    checks.optional_text("query", input.query, query_chars_max);
    BO_TRY(std::move(checks).finish("saved filter"));
    SavedFilter filter{.id = {},
                       .company_id = actor.company,
                       .user_id = actor.user,
                       .resource = input.resource,
                       .name = input.name,
                       .query = input.query,
                       .created_at = clock.now()};
    BO_TRY_ASSIGN(filter.id, queries::insert_saved_filter(txn, filter));
    BO_TRY(audit::record(txn,
                         clock,
                         actor,
                         audit::NewEvent{"saved_filter.create",
                                         "saved_filter",
                                         std::to_string(filter.id.value()),
                                         {{"resource", std::nullopt, json_text(filter.resource)},
                                          {"name", std::nullopt, json_text(filter.name)},
                                          {"query", std::nullopt, json_text(filter.query)}}}));
    return filter;
}

core::Result<std::vector<SavedFilter>> list_saved_filters(store::Txn& txn,
                                                          const Actor& actor,
                                                          std::string_view resource,
                                                          SavedFilterId after_id,
                                                          std::int64_t limit) {
    BO_TRY(tenancy::check_page_limit(limit));
    return queries::select_saved_filters(txn, actor.company, actor.user, resource, after_id, limit);
}

core::Result<void> delete_saved_filter(store::Txn& txn,
                                       const core::Clock& clock,
                                       const Actor& actor,
                                       SavedFilterId id) {
    BO_TRY_ASSIGN(auto existing, queries::select_saved_filter(txn, actor.company, id));
    // Another user's filter is answered like a missing one: its existence is not disclosed.
    if (!existing || existing->user_id != actor.user) {
        return core::Error(core::ErrorCode::not_found,
                           "saved filter " + std::to_string(id.value()) + " does not exist");
    }
    BO_TRY(queries::delete_saved_filter(txn, actor.company, id));
    return audit::record(txn,
                         clock,
                         actor,
                         audit::NewEvent{"saved_filter.delete",
                                         "saved_filter",
                                         std::to_string(id.value()),
                                         {{"name", json_text(existing->name), std::nullopt}}});
}

}  // namespace bo::platform::saved_filters
