// The departments module's SQL, behind plain functions (bodies in queries.cpp, the only place
// the module's SQL lives). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ledger/departments/model.hpp"
#include "store/database.hpp"

namespace bo::ledger::departments::queries {

// Inserts `department` (its id is ignored); answers the new id.
[[nodiscard]] core::Result<DepartmentId> insert_department(store::Txn& txn,
                                                           const Department& department);

[[nodiscard]] core::Result<std::optional<Department>> select_department_by_code(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view code);

[[nodiscard]] core::Result<std::optional<Department>> select_department_by_id(
    store::Txn& txn, platform::tenancy::CompanyId company, DepartmentId id);

[[nodiscard]] core::Result<std::vector<Department>> select_departments(
    store::Txn& txn,
    platform::tenancy::CompanyId company,
    DepartmentId after_id,
    std::int64_t limit);

}  // namespace bo::ledger::departments::queries
