// HTTP handlers of the banking module and their route table:
//   GET  /api/v1/bank-accounts          banking.read       list (paged: limit, cursor)
//   POST /api/v1/bank-accounts          banking.reconcile  create
//   GET  /api/v1/bank-accounts/{id}     banking.read
//   POST /api/v1/bank-statements        banking.reconcile  import a statement file
//   GET  /api/v1/bank-statements        banking.read       list (paged)
//   GET  /api/v1/bank-statements/{id}   banking.read       one statement with its lines
// The import's file travels in the JSON body like every other body of the API (one content
// type, one body limit, one idempotency fingerprint): `content` (the text) or `content_base64`
// (any bytes: a Latin-1 OFX file), with `format`, `bank_account` and `dry_run` in the body or
// the query. A refused file is 422 problem+json naming the line or element; nothing is written.
// Thread safety: stateless handlers.
#pragma once

#include "platform/api/api.hpp"

namespace bo::modules::banking {

void add_banking_routes(platform::api::Api& api);

}  // namespace bo::modules::banking
