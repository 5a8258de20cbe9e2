// The sales module's HTTP routes (docs/api/openapi.json describes the bodies): customers, price
// lists and tax rates, all under /api/v1.
// Thread safety: stateless handlers.
#pragma once

#include "platform/api/api.hpp"

namespace bo::modules::sales {

// Adds every sales route to `api`.
void add_sales_routes(platform::api::Api& api);

}  // namespace bo::modules::sales
