// HTTP routes of the general ledger, under /api/v1/ledger (the table is in routes.cpp, readable
// in one place). Money is always a decimal string ("1234.56") beside its currency code, never
// a JSON number. Permissions: ledger.read (lists and reports), ledger.post (post, reverse),
// ledger.manage (accounts, fiscal years, exchange rates), ledger.close (close, reopen and lock
// periods; year-end close). A department manager's reports are limited to their departments.
#pragma once

#include "platform/api/api.hpp"

namespace bo::ledger {

// Adds every ledger route to `api`.
void add_ledger_routes(platform::api::Api& api);

}  // namespace bo::ledger
