// The sales module's SQL, behind plain functions (bodies in queries.cpp, the only place the
// module's SQL lives). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/sales/model.hpp"
#include "store/database.hpp"

namespace bo::modules::sales::queries {

// Inserts `customer` (its id is ignored); answers the new id.
[[nodiscard]] core::Result<CustomerId> insert_customer(store::Txn& txn, const Customer& customer);

[[nodiscard]] core::Result<std::optional<Customer>> select_customer_by_number(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view number);

[[nodiscard]] core::Result<std::vector<Customer>> select_customers(
    store::Txn& txn, platform::tenancy::CompanyId company, CustomerId after_id, std::int64_t limit);

}  // namespace bo::modules::sales::queries
