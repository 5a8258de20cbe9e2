// The inventory service (master data for now): create, find and list the items of a company.
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
#include "modules/inventory/model.hpp"
#include "store/database.hpp"

namespace bo::modules::inventory {

// Creates an active item. Errors: invalid_argument (fields "sku", "description", "unit",
// "currency", "price_minor" / "standard_cost_minor" when negative); conflict (field "sku") if
// the SKU is taken in this company.
[[nodiscard]] core::Result<Item> create_item(store::Txn& txn,
                                             const core::Clock& clock,
                                             platform::tenancy::CompanyId company,
                                             const NewItem& input);

// The item with this SKU in `company`, or nullopt.
[[nodiscard]] core::Result<std::optional<Item>> find_item(store::Txn& txn,
                                                          platform::tenancy::CompanyId company,
                                                          std::string_view sku);

// Up to `limit` items of `company` in creation order, after id `after_id` (0 = from the
// first). Errors: invalid_argument / limit_exceeded (field "limit").
[[nodiscard]] core::Result<std::vector<Item>> list_items(store::Txn& txn,
                                                         platform::tenancy::CompanyId company,
                                                         ItemId after_id,
                                                         std::int64_t limit);

}  // namespace bo::modules::inventory
