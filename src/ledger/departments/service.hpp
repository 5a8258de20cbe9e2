// The departments service: create, find and list the departments of a company.
//
// Each function runs inside the caller's transaction and never commits. Inputs are validated
// here: a bad field is invalid_argument with field errors, and then nothing is written.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "ledger/departments/model.hpp"
#include "store/database.hpp"

namespace bo::ledger::departments {

// Creates an active department. Errors: invalid_argument (fields "code", "name", "parent_id"
// when the parent is not a department of this company); conflict (field "code") if taken.
[[nodiscard]] core::Result<Department> create_department(store::Txn& txn,
                                                         const core::Clock& clock,
                                                         platform::tenancy::CompanyId company,
                                                         const NewDepartment& input);

// The department with this code in `company`, or nullopt.
[[nodiscard]] core::Result<std::optional<Department>> find_department(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view code);

// The department with this id in `company`, or nullopt (also for another company's id).
[[nodiscard]] core::Result<std::optional<Department>> find_department_by_id(
    store::Txn& txn, platform::tenancy::CompanyId company, DepartmentId id);

// Up to `limit` departments of `company` in creation order, after id `after_id` (0 = from the
// first). Errors: invalid_argument / limit_exceeded (field "limit").
[[nodiscard]] core::Result<std::vector<Department>> list_departments(
    store::Txn& txn,
    platform::tenancy::CompanyId company,
    DepartmentId after_id,
    std::int64_t limit);

}  // namespace bo::ledger::departments
