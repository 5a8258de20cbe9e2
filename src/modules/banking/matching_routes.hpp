// HTTP handlers of cash application (docs/banking.md "Matching") and their route table:
//   GET  /api/v1/matching-rules                        banking.read
//   PUT  /api/v1/matching-rules                        banking.configure
//   POST /api/v1/bank-statements/{id}/match            banking.reconcile  run the matcher
//   GET  /api/v1/bank-statement-lines                  banking.read       the queue (paged)
//   GET  /api/v1/bank-statement-lines/{id}             banking.read
//   GET  /api/v1/bank-statement-lines/{id}/proposals   banking.read
//   POST /api/v1/bank-statement-lines/{id}/accept      banking.reconcile  {"rank": 1}
//   POST /api/v1/bank-statement-lines/{id}/match       banking.reconcile  by hand
//   POST /api/v1/bank-statement-lines/{id}/unmatch     banking.reconcile  {"reason": "..."}
// Thread safety: stateless handlers.
#pragma once

#include "platform/api/api.hpp"

namespace bo::modules::banking {

void add_matching_routes(platform::api::Api& api);

}  // namespace bo::modules::banking
