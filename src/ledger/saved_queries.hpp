// The SQL of entries saved but not posted: drafts and recurring templates (bodies in
// saved_queries.cpp, the only place their SQL lives). Callers have validated every argument;
// every statement is scoped by company.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/result.hpp"
#include "ledger/drafts.hpp"
#include "ledger/recurring.hpp"
#include "store/database.hpp"

namespace bo::ledger::queries {

// --- drafts
// Inserts the header (its id and lines are ignored); answers the new id.
[[nodiscard]] core::Result<DraftId> insert_draft(store::Txn& txn, const Draft& draft);
// Replaces the header fields and lines of a draft still in status draft; answers whether it
// was (false: none such, or posted).
[[nodiscard]] core::Result<bool> replace_draft(store::Txn& txn, const Draft& draft);
[[nodiscard]] core::Result<void> insert_draft_lines(store::Txn& txn, const Draft& draft);
// Deletes a draft still in status draft with its lines; answers whether it was.
[[nodiscard]] core::Result<bool> delete_draft(store::Txn& txn, CompanyId company, DraftId id);
// Marks a draft posted as `entry`; answers whether it was still a draft.
[[nodiscard]] core::Result<bool> mark_draft_posted(store::Txn& txn,
                                                   CompanyId company,
                                                   DraftId id,
                                                   EntryId entry,
                                                   platform::auth::UserId user,
                                                   core::Instant at);
[[nodiscard]] core::Result<std::optional<Draft>> select_draft(store::Txn& txn,
                                                              CompanyId company,
                                                              DraftId id);
[[nodiscard]] core::Result<std::vector<Draft>> select_drafts(store::Txn& txn,
                                                             CompanyId company,
                                                             std::optional<EntryStatus> status,
                                                             DraftId after_id,
                                                             std::int64_t limit);

// --- recurring templates
[[nodiscard]] core::Result<RecurringId> insert_recurring(store::Txn& txn,
                                                         const RecurringTemplate& recurring);
[[nodiscard]] core::Result<std::int64_t> count_recurring(store::Txn& txn, CompanyId company);
[[nodiscard]] core::Result<bool> recurring_name_taken(store::Txn& txn,
                                                      CompanyId company,
                                                      std::string_view name);
[[nodiscard]] core::Result<void> update_recurring_active(store::Txn& txn,
                                                         CompanyId company,
                                                         RecurringId id,
                                                         bool active);
// Moves a template's schedule from `done_before` occurrences to `recurring`'s; answers whether
// the row was still at `done_before` (compare-and-set against a concurrent run).
[[nodiscard]] core::Result<bool> advance_recurring(store::Txn& txn,
                                                   const RecurringTemplate& recurring,
                                                   std::int64_t done_before);
[[nodiscard]] core::Result<std::optional<RecurringTemplate>> select_recurring(store::Txn& txn,
                                                                              CompanyId company,
                                                                              RecurringId id);
// Every template, or only the active ones due on or before `due_by`, by id (without lines).
[[nodiscard]] core::Result<std::vector<RecurringTemplate>> select_recurring_list(
    store::Txn& txn, CompanyId company, std::optional<core::Date> due_by);
// Records that occurrence `date` of `recurring` ran; answers false when it had already run.
[[nodiscard]] core::Result<bool> insert_recurring_run(store::Txn& txn,
                                                      CompanyId company,
                                                      RecurringId recurring,
                                                      const RecurringOccurrence& occurrence,
                                                      core::Instant at);

}  // namespace bo::ledger::queries
