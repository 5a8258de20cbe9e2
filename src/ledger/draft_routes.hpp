// HTTP handlers of draft journal entries and recurring entries (their rows are in routes.cpp's
// table; docs/api/openapi.json describes the bodies):
//   GET/POST /api/v1/ledger/journal-drafts, GET/PUT/DELETE /api/v1/ledger/journal-drafts/{id},
//   POST /api/v1/ledger/journal-drafts/{id}/post            {"override_reason": "..."?}
//   GET/POST /api/v1/ledger/recurring-entries, GET /api/v1/ledger/recurring-entries/{id},
//   POST /api/v1/ledger/recurring-entries/{id}/activate | /deactivate,
//   POST /api/v1/ledger/recurring-entries/run               {"as_of": "YYYY-MM-DD"?}
// A draft's and a template's lines use the body shape of POST /journal-entries.
// Thread safety: stateless handlers.
#pragma once

#include <vector>

#include <boost/json/object.hpp>

#include "core/result.hpp"
#include "ledger/model.hpp"
#include "platform/api/api.hpp"

namespace bo::ledger {

using platform::api::ApiRequest;
using platform::api::ApiResponse;

[[nodiscard]] core::Result<ApiResponse> list_drafts_route(store::Txn& txn,
                                                          const ApiRequest& request);
[[nodiscard]] core::Result<ApiResponse> create_draft_route(store::Txn& txn,
                                                           const ApiRequest& request);
[[nodiscard]] core::Result<ApiResponse> get_draft_route(store::Txn& txn, const ApiRequest& request);
[[nodiscard]] core::Result<ApiResponse> update_draft_route(store::Txn& txn,
                                                           const ApiRequest& request);
[[nodiscard]] core::Result<ApiResponse> delete_draft_route(store::Txn& txn,
                                                           const ApiRequest& request);
[[nodiscard]] core::Result<ApiResponse> post_draft_route(store::Txn& txn,
                                                         const ApiRequest& request);

[[nodiscard]] core::Result<ApiResponse> list_recurring_route(store::Txn& txn,
                                                             const ApiRequest& request);
[[nodiscard]] core::Result<ApiResponse> create_recurring_route(store::Txn& txn,
                                                               const ApiRequest& request);
[[nodiscard]] core::Result<ApiResponse> get_recurring_route(store::Txn& txn,
                                                            const ApiRequest& request);
[[nodiscard]] core::Result<ApiResponse> activate_recurring_route(store::Txn& txn,
                                                                 const ApiRequest& request);
[[nodiscard]] core::Result<ApiResponse> deactivate_recurring_route(store::Txn& txn,
                                                                   const ApiRequest& request);
[[nodiscard]] core::Result<ApiResponse> run_recurring_route(store::Txn& txn,
                                                            const ApiRequest& request);

namespace internal {

// Defined in routes.cpp, shared with the journal-entry routes: the body of an entry (date,
// memo, lines by account number and department code) and an entry's JSON answer.
[[nodiscard]] core::Result<EntryInput> read_entry_body(store::Txn& txn, const ApiRequest& request);
// The lines of such a body (an array). Errors: invalid_argument naming "lines/N/field";
// limit_exceeded past journal_entry_lines_max.
[[nodiscard]] core::Result<std::vector<LineInput>> read_lines_body(store::Txn& txn,
                                                                   CompanyId company,
                                                                   const boost::json::value& lines);
boost::json::object entry_body(const PostedEntry& entry, core::Currency functional);

}  // namespace internal

}  // namespace bo::ledger
