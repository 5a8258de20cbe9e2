// HTTP handlers of the ledger's CSV imports (their rows are in routes.cpp's table):
//   POST /api/v1/ledger/imports/journal-entries   {"csv": "...", "dry_run": false}
//   POST /api/v1/ledger/imports/opening-balances  {"csv": "...", "date": "2026-01-01",
//                                                  "offset_account": "3900", "dry_run": false}
// The CSV travels as a JSON string, like every other body of the API (one content type, one
// body limit, one idempotency fingerprint). A file with bad rows answers 422 problem+json
// listing every bad row ("rows/17/debit") and writes nothing.
// Thread safety: stateless handlers.
#pragma once

#include "core/result.hpp"
#include "platform/api/api.hpp"

namespace bo::ledger {

[[nodiscard]] core::Result<platform::api::ApiResponse> import_entries_route(
    store::Txn& txn, const platform::api::ApiRequest& request);

[[nodiscard]] core::Result<platform::api::ApiResponse> import_opening_route(
    store::Txn& txn, const platform::api::ApiRequest& request);

}  // namespace bo::ledger
