// What the receivables services share (not for other modules): loading a document of a kind,
// issuing it (number, posting, audit) and its flat record for the audit trail and the API.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/receivables/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables::internal {

// The receivable control account (the `ar` sub-ledger's) of the standard chart.
inline constexpr std::string_view receivable_account = "1200";

// Today's date for documents dated by default (UTC, as the other sales documents).
core::Date today(const core::Clock& clock);

// The document `id` of `kind`, locked for this transaction. Errors: not_found (also for a
// document of another kind or company).
[[nodiscard]] core::Result<Document> load_for_change(store::Txn& txn,
                                                     CompanyId company,
                                                     DocumentId id,
                                                     DocumentKind kind);

// The flat record of a document's header (what the audit trail records).
boost::json::object document_record(const Document& document);

// Records `action` ("receivables.invoice.issue") on the document with the change of record.
[[nodiscard]] core::Result<void> audit(store::Txn& txn,
                                       const core::Clock& clock,
                                       const platform::Actor& actor,
                                       std::string_view action,
                                       const boost::json::object& before,
                                       const Document& after);

// Issues a draft: takes the next number of its series in the year of its date, posts its
// journal entry through ledger::post() (receivable against revenue and tax, on the sides of
// its kind), stores both and audits "receivables.<kind>.issue". Errors: conflict unless a
// draft; invalid_argument ("lines") for a zero total; those of ledger::post().
[[nodiscard]] core::Result<Document> issue(store::Txn& txn,
                                           const core::Clock& clock,
                                           const platform::Actor& actor,
                                           Document document);

// Sums the lines into net, tax and total. Errors: limit_exceeded on overflow.
[[nodiscard]] core::Result<void> sum_lines(Document& document);

// The field errors of `result` appended to `errors` (a non-field error becomes one on `field`).
void collect(const core::Error& error, const std::string& field,
             std::vector<core::FieldError>& errors);

}  // namespace bo::modules::receivables::internal
