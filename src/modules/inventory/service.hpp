// The inventory service's items: create, find and list the items of a company (the item API,
// warehouses and stock are in operations.hpp; what sales asks of stock is in stock.hpp).
//
// Each function runs inside the caller's transaction and never commits. Inputs are validated
// here: a bad field is invalid_argument with field errors, and then nothing is written.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/inventory/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::inventory {

// Creates an active item. Errors: invalid_argument (fields "sku", "description", "unit" (one
// of units()), "currency", "price_minor" / "standard_cost_minor" when negative, and those of
// `details`: "weight_g", "reorder_point", "reorder_quantity" (more decimals than the unit has),
// "barcode"); conflict (field "sku" / "barcode") if taken in this company.
[[nodiscard]] core::Result<Item> create_item(store::Txn& txn,
                                             const core::Clock& clock,
                                             platform::tenancy::CompanyId company,
                                             const NewItem& input,
                                             const ItemDetails& details = {});

// As create_item, and audits the creation as `actor` (the API's path).
[[nodiscard]] core::Result<Item> create_item_audited(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     const platform::Actor& actor,
                                                     const NewItem& input,
                                                     const ItemDetails& details);

// The item's fields as the API shows them and the audit trail records them (money and
// quantities as decimal strings; without id and created_at).
boost::json::object item_fields(const Item& item);

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
