#include "ledger/departments/queries.hpp"

#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::ledger::departments::queries {
namespace {

using store::Value;

constexpr std::string_view department_select =
    "SELECT id, company_id, code, name, parent_id, active, created_at_us FROM departments ";

core::Result<Department> decode_department(const store::Row& row) {
    core::Result<core::Instant> created_at = core::Instant::from_unix_micros(row.i64(6));
    if (!created_at) {
        return platform::tenancy::corrupt_row("departments", "created_at_us out of range");
    }
    std::optional<DepartmentId> parent_id;
    if (const std::optional<std::int64_t> parent = row.opt_i64(4)) {
        parent_id = DepartmentId(*parent);
    }
    return Department{.id = DepartmentId(row.i64(0)),
                      .company_id = platform::tenancy::CompanyId(row.i64(1)),
                      .code = row.text(2),
                      .name = row.text(3),
                      .parent_id = parent_id,
                      .active = row.i64(5) != 0,
                      .created_at = *created_at};
}

core::Result<std::optional<Department>> select_optional(store::Txn& txn,
                                                        std::string_view sql,
                                                        store::Params params) {
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Department>();
    }
    BO_TRY_ASSIGN(Department department, decode_department(*row));
    return std::optional<Department>(std::move(department));
}

}  // namespace

core::Result<DepartmentId> insert_department(store::Txn& txn, const Department& department) {
    std::vector<Value> params{department.company_id.value(),
                              department.code,
                              department.name,
                              store::Null{},
                              std::int64_t{department.active ? 1 : 0},
                              department.created_at.unix_micros()};
    if (department.parent_id) {
        params[3] = department.parent_id->value();
    }
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO departments (company_id, code, name, parent_id, "
                                "active, created_at_us) VALUES ($1, $2, $3, $4, $5, $6) "
                                "RETURNING id",
                                params));
    return DepartmentId(row.i64(0));
}

core::Result<std::optional<Department>> select_department_by_code(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view code) {
    static const std::string sql =
        std::string(department_select) + "WHERE company_id = $1 AND code = $2";
    const std::vector<Value> params{company.value(), std::string(code)};
    return select_optional(txn, sql, params);
}

core::Result<std::optional<Department>> select_department_by_id(
    store::Txn& txn, platform::tenancy::CompanyId company, DepartmentId id) {
    static const std::string sql =
        std::string(department_select) + "WHERE company_id = $1 AND id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    return select_optional(txn, sql, params);
}

core::Result<std::vector<Department>> select_departments(store::Txn& txn,
                                                         platform::tenancy::CompanyId company,
                                                         DepartmentId after_id,
                                                         std::int64_t limit) {
    static const std::string sql =
        std::string(department_select) + "WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3";
    const std::vector<Value> params{company.value(), after_id.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Department> departments;
    departments.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Department department, decode_department(row));
        departments.push_back(std::move(department));
    }
    return departments;
}

}  // namespace bo::ledger::departments::queries
