// HTTP routes of inventory (the table is in routes.cpp, readable in one place): items, units,
// warehouses, the stock view, movements, receipts, planned receipts, transfers, adjustments,
// counts, the reorder report and the inventory accounts. Quantities are decimal strings with
// at most the unit's decimals ("2.5" kg); money is a decimal string in the company's
// functional currency. Items, warehouses and bins are named by SKU and code in bodies and
// query strings. Permissions: inventory.read (lists and views), inventory.manage (the rest).
// A stock document with bad input is refused with 422 naming every bad field, before
// anything is written (docs/inventory.md).
#pragma once

#include "modules/inventory/stock.hpp"
#include "platform/api/api.hpp"

namespace bo::modules::inventory {

struct InventoryRouteOptions {
    // Runs after every movement that adds stock, in the same transaction (sales allocates
    // its backorders there). Empty: nobody listens.
    ArrivalListener on_arrival;
};

// Adds every inventory route to `api`.
void add_inventory_routes(platform::api::Api& api, const InventoryRouteOptions& options);

}  // namespace bo::modules::inventory
