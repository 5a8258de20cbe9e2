// Departments (cost centres): the plain types of the departments module.
//
// A department is a dimension on every journal line and the scope of a department manager.
// Its code ("FIN") is unique within the company; departments may nest under a parent.
// Invariants: a parent belongs to the same company (a composite foreign key enforces it).
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::ledger::departments {

struct DepartmentTag;
using DepartmentId = core::Id<DepartmentTag>;

inline constexpr std::size_t department_code_chars_max = 16;
inline constexpr std::size_t department_name_chars_max = 200;

struct Department {
    DepartmentId id{};
    platform::tenancy::CompanyId company_id{};
    std::string code;
    std::string name;
    std::optional<DepartmentId> parent_id;
    bool active = true;
    core::Instant created_at{0};
};

// The input of create_department, as it comes from outside (not yet validated).
struct NewDepartment {
    std::string code;  // upper-case letters, digits, '-', '_', '.'; 1..16
    std::string name;
    std::optional<DepartmentId> parent_id;  // must be a department of the same company
};

}  // namespace bo::ledger::departments
