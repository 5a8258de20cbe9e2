// HTTP routes of fulfilment (the table is in routes.cpp): pick lists, shipments with their
// packing slip PDF, customer returns, and the billing hand-off lists. Quantities are decimal
// strings ("2.5"); money is a decimal string (net and tax in the order's currency, cost in the
// company's). Permissions: sales.read (lists and documents), sales.fulfil (pick lists and
// shipments), returns.manage (returns). Bad input is refused with 422 naming every bad field
// before anything is written (docs/fulfilment.md).
#pragma once

#include "modules/inventory/stock.hpp"
#include "platform/api/api.hpp"

namespace bo::modules::fulfilment {

struct FulfilmentRouteOptions {
    // Runs after returned goods are restocked, in the same transaction (sales allocates its
    // backorders there). Empty: nobody listens.
    inventory::ArrivalListener on_arrival;
};

// Adds every fulfilment route to `api`.
void add_fulfilment_routes(platform::api::Api& api, const FulfilmentRouteOptions& options);

}  // namespace bo::modules::fulfilment
