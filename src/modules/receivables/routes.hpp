// The receivables module's /api/v1 routes: invoices, credit notes, write-offs, billing runs,
// customer accounts and aging (docs/api/openapi.json describes the bodies).
// Thread safety: call before serving.
#pragma once

#include <string>

#include "platform/api/api.hpp"

namespace bo::modules::receivables {

struct RouteOptions {
    // The sender of invoice e-mail when a request names none (the server's smtp_from).
    std::string mail_from = "Billing <billing@localhost>";
};

void add_receivables_routes(platform::api::Api& api, const RouteOptions& options = {});

}  // namespace bo::modules::receivables
