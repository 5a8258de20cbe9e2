// The collections routes of /api/v1: dunning levels and runs with their letters, collection
// cases (notes, promises to pay, tasks), the clerk's task worklist, a customer's statement of
// account and standing (docs/api/openapi.json describes the bodies).
// Thread safety: call before serving.
#pragma once

#include <string>

#include "platform/api/api.hpp"

namespace bo::modules::receivables {

struct CollectionsRouteOptions {
    // The sender of dunning letters and statements when a request names none.
    std::string mail_from = "Billing <billing@localhost>";
};

void add_collections_routes(platform::api::Api& api, const CollectionsRouteOptions& options = {});

}  // namespace bo::modules::receivables
