#include "platform/saved_filters/queries.hpp"

namespace bo::platform::saved_filters::queries {
namespace {

SavedFilter from_row(const store::Row& row) {
    return SavedFilter{.id = SavedFilterId(row.i64(0)),
                       .company_id = tenancy::CompanyId(row.i64(1)),
                       .user_id = auth::UserId(row.i64(2)),
                       .resource = row.text(3),
                       .name = row.text(4),
                       .query = row.text(5),
                       .created_at = core::Instant(row.i64(6))};
}

}  // namespace

core::Result<SavedFilterId> insert_saved_filter(store::Txn& txn, const SavedFilter& filter) {
    std::vector<store::Value> params{filter.company_id.value(),
                                     filter.user_id.value(),
                                     filter.resource,
                                     filter.name,
                                     filter.query,
                                     filter.created_at.unix_micros()};
    BO_TRY_ASSIGN(auto row,
                  txn.query_one("INSERT INTO saved_filters (company_id, user_id, "
                                "resource, name, query, created_at_us) VALUES ($1, $2, "
                                "$3, $4, $5, $6) RETURNING id",
                                params));
    return SavedFilterId(row.i64(0));
}

core::Result<std::vector<SavedFilter>> select_saved_filters(store::Txn& txn,
                                                            tenancy::CompanyId company,
                                                            auth::UserId user,
                                                            std::string_view resource,
                                                            SavedFilterId after_id,
                                                            std::int64_t limit) {
    std::vector<store::Value> params{
        company.value(), user.value(), std::string(resource), after_id.value(), limit};
    BO_TRY_ASSIGN(auto rows,
                  txn.query("SELECT id, company_id, user_id, resource, name, query, "
                            "created_at_us FROM saved_filters WHERE company_id = $1 AND user_id "
                            "= $2 AND resource = $3 AND id > $4 ORDER BY id LIMIT $5",
                            params));
    std::vector<SavedFilter> filters;
    filters.reserve(rows.size());
    for (const auto& row : rows) {
        filters.push_back(from_row(row));
    }
    return filters;
}

core::Result<std::optional<SavedFilter>> select_saved_filter(store::Txn& txn,
                                                             tenancy::CompanyId company,
                                                             SavedFilterId id) {
    std::vector<store::Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(auto row,
                  txn.query_optional("SELECT id, company_id, user_id, resource, name, query, "
                                     "created_at_us FROM saved_filters WHERE company_id = $1 AND "
                                     "id = $2",
                                     params));
    if (!row) {
        return std::optional<SavedFilter>();
    }
    return std::optional<SavedFilter>(from_row(*row));
}

core::Result<void> delete_saved_filter(store::Txn& txn,
                                       tenancy::CompanyId company,
                                       SavedFilterId id) {
    std::vector<store::Value> params{company.value(), id.value()};
    BO_TRY(txn.execute("DELETE FROM saved_filters WHERE company_id = $1 AND id = $2", params));
    return core::ok();
}

}  // namespace bo::platform::saved_filters::queries
