#include "platform/access/segregation_queries.hpp"

namespace bo::platform::access::queries {

using store::Value;

core::Result<std::vector<std::string>> select_performed_actions(store::Txn& txn,
                                                                tenancy::CompanyId company,
                                                                auth::UserId user,
                                                                Document document) {
    const std::vector<Value> params{
        company.value(), std::string(document.type), std::string(document.id), user.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT action FROM performed_duties WHERE company_id = $1 "
                            "AND document_type = $2 AND document_id = $3 AND user_id = $4",
                            params));
    std::vector<std::string> actions;
    actions.reserve(rows.size());
    for (const store::Row& row : rows) {
        actions.push_back(row.text(0));
    }
    return actions;
}

core::Result<void> insert_duty(store::Txn& txn,
                               tenancy::CompanyId company,
                               auth::UserId user,
                               std::string_view action,
                               Document document,
                               core::Instant at) {
    const std::vector<Value> params{company.value(),
                                    std::string(document.type),
                                    std::string(document.id),
                                    user.value(),
                                    std::string(action),
                                    at.unix_micros()};
    BO_TRY(
        txn.execute("INSERT INTO performed_duties (company_id, document_type, document_id, "
                    "user_id, action, at_us) VALUES ($1, $2, $3, $4, $5, $6) "
                    "ON CONFLICT (company_id, document_type, document_id, user_id, action) "
                    "DO NOTHING",
                    params));
    return core::ok();
}

}  // namespace bo::platform::access::queries
