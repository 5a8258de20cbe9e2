#include "modules/hr/queries.hpp"

#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::hr::queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Value;

constexpr std::string_view employee_select =
    "SELECT id, company_id, number, given_name, family_name, email, job_title, department_id, "
    "hire_date, status, created_at_us FROM employees ";

core::Result<Employee> decode_employee(const store::Row& row) {
    core::Result<core::Date> hire_date = core::Date::parse(row.text(8));
    if (!hire_date) {
        return corrupt_row("employees", "hire_date " + row.text(8));
    }
    core::Result<EmployeeStatus> status = parse_employee_status(row.text(9));
    if (!status) {
        return corrupt_row("employees", "status " + row.text(9));
    }
    core::Result<core::Instant> created_at = core::Instant::from_unix_micros(row.i64(10));
    if (!created_at) {
        return corrupt_row("employees", "created_at_us out of range");
    }
    return Employee{.id = EmployeeId(row.i64(0)),
                    .company_id = platform::tenancy::CompanyId(row.i64(1)),
                    .number = row.text(2),
                    .given_name = row.text(3),
                    .family_name = row.text(4),
                    .email = row.text(5),
                    .job_title = row.text(6),
                    .department_id = ledger::departments::DepartmentId(row.i64(7)),
                    .hire_date = *hire_date,
                    .status = *status,
                    .created_at = *created_at};
}

}  // namespace

core::Result<EmployeeId> insert_employee(store::Txn& txn, const Employee& employee) {
    const std::vector<Value> params{employee.company_id.value(),
                                    employee.number,
                                    employee.given_name,
                                    employee.family_name,
                                    employee.email,
                                    employee.job_title,
                                    employee.department_id.value(),
                                    employee.hire_date.to_string(),
                                    std::string(to_string(employee.status)),
                                    employee.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO employees (company_id, number, given_name, "
                                "family_name, email, job_title, department_id, hire_date, status, "
                                "created_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                                "RETURNING id",
                                params));
    return EmployeeId(row.i64(0));
}

core::Result<std::optional<Employee>> select_employee_by_number(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view number) {
    static const std::string sql =
        std::string(employee_select) + "WHERE company_id = $1 AND number = $2";
    const std::vector<Value> params{company.value(), std::string(number)};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Employee>();
    }
    BO_TRY_ASSIGN(Employee employee, decode_employee(*row));
    return std::optional<Employee>(std::move(employee));
}

core::Result<std::vector<Employee>> select_employees(store::Txn& txn,
                                                     platform::tenancy::CompanyId company,
                                                     EmployeeId after_id,
                                                     std::int64_t limit) {
    static const std::string sql =
        std::string(employee_select) + "WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3";
    const std::vector<Value> params{company.value(), after_id.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Employee> employees;
    employees.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Employee employee, decode_employee(row));
        employees.push_back(std::move(employee));
    }
    return employees;
}

}  // namespace bo::modules::hr::queries
