// HTTP routes of the audit trail, for the internal auditor:
//   GET  /api/v1/audit/events  (audit.read)    search the caller's company's events
//   POST /api/v1/audit/verify  (audit.verify)  recompute the caller's company's chain
#pragma once

#include "platform/api/api.hpp"

namespace bo::platform::audit {

void add_audit_routes(api::Api& api);

}  // namespace bo::platform::audit
