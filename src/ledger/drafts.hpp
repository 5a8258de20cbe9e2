// Draft journal entries: manual entries saved before they are posted (docs/ledger.md, "Drafts").
//
// A draft is editable and deletable, is never in balances or reports, and is validated only
// loosely when saved: its date, texts and line count are within bounds, every amount is
// positive, and every account and department is one of the company's (the database holds the
// lines with foreign keys). Posting a draft runs every check of post() and posts it as a manual
// entry; the draft then records the entry and can no longer change.
// Segregation of duties: saving or editing a draft performs `ledger.entry_create` on the
// document ("journal_entry", "draft/<id>"), posting it performs `ledger.entry_post`; the rule
// gl.entry_create_and_post (platform/access/segregation.cpp) forbids one user both, unless
// they hold access.sod_override and give a reason (recorded in the audit trail).
// Every change appends an audit event in the caller's transaction.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "ledger/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::ledger {

struct DraftTag;
using DraftId = core::Id<DraftTag>;

// The document type and action names the segregation-of-duties rule knows drafts by.
inline constexpr std::string_view draft_document_type = "journal_entry";
inline constexpr std::string_view draft_create_duty = "ledger.entry_create";
inline constexpr std::string_view draft_post_duty = "ledger.entry_post";

struct Draft {
    DraftId id{};
    CompanyId company_id{};
    core::Date date;
    std::string memo;
    Source source;  // manual, or the recurring template that saved it
    EntryStatus status = EntryStatus::draft;
    std::optional<EntryId> posted_entry;  // set once posted
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
    platform::auth::UserId updated_by{};
    core::Instant updated_at{0};
    std::vector<LineInput> lines;  // empty in list answers
};

// Saves a new draft (the input's source must be manual; recurring runs use the internal
// path). Errors: invalid_argument for a bad field ("date", "memo", "lines/N/amount",
// "lines/N/account", "lines/N/department", "lines/N/memo"); limit_exceeded past
// journal_entry_lines_max lines.
[[nodiscard]] core::Result<Draft> create_draft(store::Txn& txn,
                                               const core::Clock& clock,
                                               const platform::Caller& caller,
                                               const EntryInput& input);

// Replaces a draft's date, memo and lines. Errors: not_found; conflict when it is posted;
// those of create_draft.
[[nodiscard]] core::Result<Draft> update_draft(store::Txn& txn,
                                               const core::Clock& clock,
                                               const platform::Caller& caller,
                                               DraftId id,
                                               const EntryInput& input);

// Deletes a draft and its lines. Errors: not_found; conflict when it is posted.
[[nodiscard]] core::Result<void> delete_draft(store::Txn& txn,
                                              const core::Clock& clock,
                                              const platform::Caller& caller,
                                              DraftId id);

// Posts a draft through post() and marks it posted. Errors: not_found; conflict when it is
// already posted; forbidden (segregation of duties) when the caller saved or edited it, unless
// `override_reason` is given by a holder of access.sod_override; every error of post().
[[nodiscard]] core::Result<PostedEntry> post_draft(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Caller& caller,
    DraftId id,
    const std::optional<std::string>& override_reason);

// The draft with its lines, or nullopt (also for another company's id).
[[nodiscard]] core::Result<std::optional<Draft>> find_draft(store::Txn& txn,
                                                            CompanyId company,
                                                            DraftId id);

// Up to `limit` drafts (without lines) after id `after_id`, in id order; only those of
// `status` when given. Errors: invalid_argument / limit_exceeded (field "limit").
[[nodiscard]] core::Result<std::vector<Draft>> list_drafts(store::Txn& txn,
                                                           CompanyId company,
                                                           std::optional<EntryStatus> status,
                                                           DraftId after_id,
                                                           std::int64_t limit);

namespace internal {

// The loose checks of a draft (bounds, positive amounts, accounts and departments of the
// company). Writes nothing. Errors: those of create_draft.
[[nodiscard]] core::Result<void> check_draft(store::Txn& txn,
                                             CompanyId company,
                                             const EntryInput& input);

// Saves a draft for `caller` from `input` whatever its source (a recurring run saves drafts
// whose source names the template). Errors: those of create_draft.
[[nodiscard]] core::Result<Draft> save_draft(store::Txn& txn,
                                             const core::Clock& clock,
                                             const platform::Caller& caller,
                                             const EntryInput& input);

}  // namespace internal

}  // namespace bo::ledger
