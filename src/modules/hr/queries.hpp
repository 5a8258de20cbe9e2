// The HR module's SQL, behind plain functions (bodies in queries.cpp, the only place the
// module's SQL lives). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/hr/model.hpp"
#include "store/database.hpp"

namespace bo::modules::hr::queries {

// Inserts `employee` (its id is ignored); answers the new id.
[[nodiscard]] core::Result<EmployeeId> insert_employee(store::Txn& txn, const Employee& employee);

[[nodiscard]] core::Result<std::optional<Employee>> select_employee_by_number(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view number);

[[nodiscard]] core::Result<std::vector<Employee>> select_employees(
    store::Txn& txn, platform::tenancy::CompanyId company, EmployeeId after_id, std::int64_t limit);

}  // namespace bo::modules::hr::queries
