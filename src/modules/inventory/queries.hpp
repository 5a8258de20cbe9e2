// The inventory module's SQL, behind plain functions (bodies in queries.cpp, the only place
// the module's SQL lives). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/inventory/model.hpp"
#include "store/database.hpp"

namespace bo::modules::inventory::queries {

// Inserts `item` (its id is ignored); answers the new id.
[[nodiscard]] core::Result<ItemId> insert_item(store::Txn& txn, const Item& item);

[[nodiscard]] core::Result<std::optional<Item>> select_item_by_sku(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view sku);

[[nodiscard]] core::Result<std::vector<Item>> select_items(store::Txn& txn,
                                                           platform::tenancy::CompanyId company,
                                                           ItemId after_id,
                                                           std::int64_t limit);

}  // namespace bo::modules::inventory::queries
