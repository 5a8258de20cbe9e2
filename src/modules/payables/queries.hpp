// The payables module's SQL, behind plain functions (bodies in queries.cpp, the only place
// the module's SQL lives). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/payables/model.hpp"
#include "store/database.hpp"

namespace bo::modules::payables::queries {

// Inserts `vendor` (its id is ignored); answers the new id.
[[nodiscard]] core::Result<VendorId> insert_vendor(store::Txn& txn, const Vendor& vendor);

[[nodiscard]] core::Result<std::optional<Vendor>> select_vendor_by_number(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view number);

[[nodiscard]] core::Result<std::vector<Vendor>> select_vendors(store::Txn& txn,
                                                               platform::tenancy::CompanyId company,
                                                               VendorId after_id,
                                                               std::int64_t limit);

}  // namespace bo::modules::payables::queries
