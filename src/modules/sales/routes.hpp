// The sales module's HTTP routes (docs/api/openapi.json describes the bodies; docs/sales.md the
// rules): customers, price lists and tax rates (routes.cpp) and sales orders
// (order_routes.cpp), all under /api/v1.
// Thread safety: stateless handlers.
#pragma once

#include "modules/inventory/stock.hpp"
#include "platform/api/api.hpp"

namespace bo::modules::sales {

// Adds every sales route to `api`.
void add_sales_routes(platform::api::Api& api);

// The sales orders' listener for stock arrivals (allocates backorders, oldest order first):
// what src/cli/routes.cpp hands to inventory.
inventory::ArrivalListener arrival_listener();

namespace internal {

// Adds the sales-order routes (order_routes.cpp).
void add_order_routes(platform::api::Api& api);

}  // namespace internal

}  // namespace bo::modules::sales
