#include "platform/access/roles_queries.hpp"

#include <map>
#include <string>
#include <utility>

namespace bo::platform::access::queries {
namespace {

using store::Value;

// Folds rows (code, name, department_scoped, permission-or-null) ordered by role id into roles.
std::vector<Role> fold_roles(const store::Rows& rows) {
    std::vector<Role> roles;
    for (const store::Row& row : rows) {
        if (roles.empty() || roles.back().id != row.text(0)) {
            roles.push_back(Role{.id = row.text(0),
                                 .name = row.text(1),
                                 .permissions = {},
                                 .department_scoped = row.i64(2) != 0,
                                 .built_in = false});
        }
        if (!row.is_null(3)) {
            roles.back().permissions.push_back(row.text(3));
        }
    }
    return roles;
}

constexpr std::string_view role_select =
    "SELECT r.code, r.name, r.department_scoped, p.permission FROM roles r "
    "LEFT JOIN role_permissions p ON p.company_id = r.company_id AND p.role_id = r.id "
    "WHERE r.company_id = $1";

}  // namespace

core::Result<void> insert_role(store::Txn& txn,
                               tenancy::CompanyId company,
                               const Role& role,
                               core::Instant created_at) {
    const std::vector<Value> params{company.value(),
                                    role.id,
                                    role.name,
                                    std::int64_t{role.department_scoped ? 1 : 0},
                                    created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO roles (company_id, code, name, department_scoped, "
                                "created_at_us) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                                params));
    std::vector<std::vector<Value>> permissions;
    permissions.reserve(role.permissions.size());
    for (const std::string& permission : role.permissions) {
        permissions.push_back({company.value(), row.i64(0), permission});
    }
    return txn.execute_batch(
        "INSERT INTO role_permissions (company_id, role_id, permission) VALUES ($1, $2, $3)",
        permissions);
}

core::Result<std::optional<Role>> select_role(store::Txn& txn,
                                              tenancy::CompanyId company,
                                              std::string_view id) {
    static const std::string sql =
        std::string(role_select) + " AND r.code = $2 ORDER BY p.permission";
    const std::vector<Value> params{company.value(), std::string(id)};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Role> roles = fold_roles(rows);
    if (roles.empty()) {
        return std::optional<Role>();
    }
    return std::optional<Role>(std::move(roles.front()));
}

core::Result<std::vector<Role>> select_roles(store::Txn& txn, tenancy::CompanyId company) {
    static const std::string sql = std::string(role_select) + " ORDER BY r.id, p.permission";
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    return fold_roles(rows);
}

core::Result<std::int64_t> count_roles(store::Txn& txn, tenancy::CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("SELECT COUNT(*) FROM roles WHERE company_id = $1", params));
    return row.i64(0);
}

}  // namespace bo::platform::access::queries
