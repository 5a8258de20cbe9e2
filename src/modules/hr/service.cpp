#include "modules/hr/service.hpp"

#include <array>
#include <utility>

#include "ledger/departments/service.hpp"
#include "modules/hr/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::hr {
namespace {

using platform::tenancy::FieldChecks;

constexpr std::array<std::string_view, 3> employee_status_names{"active", "on_leave", "terminated"};

// Checks every field; answers the parsed hire date.
core::Result<core::Date> validate(store::Txn& txn,
                                  platform::tenancy::CompanyId company,
                                  const NewEmployee& input) {
    FieldChecks checks;
    checks.code("number", input.number, employee_number_chars_max, FieldChecks::Case::any);
    checks.required_text("given_name", input.given_name, person_name_chars_max);
    checks.required_text("family_name", input.family_name, person_name_chars_max);
    checks.optional_email("email", input.email);
    checks.optional_text("job_title", input.job_title, job_title_chars_max);
    BO_TRY_ASSIGN(const std::optional<ledger::departments::Department> department,
                  ledger::departments::find_department_by_id(txn, company, input.department_id));
    if (!department) {
        checks.add("department_id", "is not a department of this company");
    }
    core::Result<core::Date> hire_date = core::Date::parse(input.hire_date);
    if (!hire_date) {
        checks.add("hire_date", "must be a date YYYY-MM-DD");
    }
    BO_TRY(std::move(checks).finish("employee"));
    return *hire_date;
}

}  // namespace

std::string_view to_string(EmployeeStatus status) noexcept {
    return employee_status_names.at(static_cast<std::size_t>(status));
}

core::Result<EmployeeStatus> parse_employee_status(std::string_view text) {
    for (std::size_t index = 0; index < employee_status_names.size(); ++index) {
        if (employee_status_names[index] == text) {
            return static_cast<EmployeeStatus>(index);
        }
    }
    return core::Error::invalid("status", "must be one of active, on_leave, terminated");
}

core::Result<Employee> create_employee(store::Txn& txn,
                                       const core::Clock& clock,
                                       platform::tenancy::CompanyId company,
                                       const NewEmployee& input) {
    BO_TRY_ASSIGN(const core::Date hire_date, validate(txn, company, input));
    BO_TRY_ASSIGN(const std::optional<Employee> existing,
                  queries::select_employee_by_number(txn, company, input.number));
    if (existing) {
        return platform::tenancy::duplicate("number", "employee", input.number);
    }
    Employee employee{.id = {},
                      .company_id = company,
                      .number = input.number,
                      .given_name = input.given_name,
                      .family_name = input.family_name,
                      .email = input.email,
                      .job_title = input.job_title,
                      .department_id = input.department_id,
                      .hire_date = hire_date,
                      .status = EmployeeStatus::active,
                      .created_at = clock.now()};
    BO_TRY_ASSIGN(employee.id, queries::insert_employee(txn, employee));
    return employee;
}

core::Result<std::optional<Employee>> find_employee(store::Txn& txn,
                                                    platform::tenancy::CompanyId company,
                                                    std::string_view number) {
    return queries::select_employee_by_number(txn, company, number);
}

core::Result<std::vector<Employee>> list_employees(store::Txn& txn,
                                                   platform::tenancy::CompanyId company,
                                                   EmployeeId after_id,
                                                   std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_employees(txn, company, after_id, limit);
}

}  // namespace bo::modules::hr
