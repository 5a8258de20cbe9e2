// The HR service: create, find and list the employees of a company.
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
#include "modules/hr/model.hpp"
#include "store/database.hpp"

namespace bo::modules::hr {

// Creates an active employee. Errors: invalid_argument (fields "number", "given_name",
// "family_name", "email", "job_title", "department_id" when it is not a department of this
// company, "hire_date"); conflict (field "number") if the number is taken in this company.
[[nodiscard]] core::Result<Employee> create_employee(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     platform::tenancy::CompanyId company,
                                                     const NewEmployee& input);

// The employee with this number in `company`, or nullopt.
[[nodiscard]] core::Result<std::optional<Employee>> find_employee(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view number);

// Up to `limit` employees of `company` in creation order, after id `after_id` (0 = from the
// first). Errors: invalid_argument / limit_exceeded (field "limit").
[[nodiscard]] core::Result<std::vector<Employee>> list_employees(
    store::Txn& txn, platform::tenancy::CompanyId company, EmployeeId after_id, std::int64_t limit);

}  // namespace bo::modules::hr
