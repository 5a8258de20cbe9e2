// Employees: the plain types of the HR module (people on the payroll, each in a department).
//
// An employee's number ("E-0001") is unique within the company. Names are stored as given, in
// any script ("Zoë", "Łukasz", "José"); they are UTF-8 and counted in characters.
// Invariants: the department belongs to the same company (composite foreign key).
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "ledger/departments/model.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::modules::hr {

struct EmployeeTag;
using EmployeeId = core::Id<EmployeeTag>;

inline constexpr std::size_t employee_number_chars_max = 32;
inline constexpr std::size_t person_name_chars_max = 100;
inline constexpr std::size_t job_title_chars_max = 100;

// Enumerators equal the stored and wire names.
enum class EmployeeStatus { active, on_leave, terminated };

std::string_view to_string(EmployeeStatus status) noexcept;

// Parses a stored or wire name. Errors: invalid_argument (field "status").
[[nodiscard]] core::Result<EmployeeStatus> parse_employee_status(std::string_view text);

struct Employee {
    EmployeeId id{};
    platform::tenancy::CompanyId company_id{};
    std::string number;
    std::string given_name;
    std::string family_name;
    std::string email;
    std::string job_title;
    ledger::departments::DepartmentId department_id{};
    core::Date hire_date;
    EmployeeStatus status = EmployeeStatus::active;
    core::Instant created_at{0};
};

// The input of create_employee, as it comes from outside (not yet validated).
struct NewEmployee {
    std::string number;  // letters, digits, '-', '_', '.'; 1..32
    std::string given_name;
    std::string family_name;
    std::string email;      // optional
    std::string job_title;  // optional
    ledger::departments::DepartmentId department_id{};
    std::string hire_date;  // "YYYY-MM-DD"
};

}  // namespace bo::modules::hr
