// Drafts: save, edit, delete, post (drafts.hpp). A draft is checked loosely here; post_draft
// hands it to post(), which checks everything.
#include "ledger/drafts.hpp"

#include <map>
#include <string>
#include <utility>

#include "core/limits.hpp"
#include "ledger/departments/service.hpp"
#include "ledger/internal.hpp"
#include "ledger/journal_internal.hpp"
#include "ledger/queries.hpp"
#include "ledger/saved_queries.hpp"
#include "ledger/service.hpp"
#include "platform/access/segregation.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::ledger {
namespace {

using core::Error;
using core::ErrorCode;

// Whether each account / department read so far is one of the company's.
struct KnownReferences {
    std::map<AccountId, bool> accounts;
    std::map<DepartmentId, bool> departments;
};

// Adds field errors for a line whose account or department is not one of the company's.
core::Result<void> check_references(store::Txn& txn,
                                    CompanyId company,
                                    const LineInput& line,
                                    std::size_t index,
                                    KnownReferences& known,
                                    std::vector<core::FieldError>& errors) {
    auto account = known.accounts.find(line.account);
    if (account == known.accounts.end()) {
        BO_TRY_ASSIGN(const std::optional<Account> found,
                      queries::select_account(txn, company, line.account));
        account = known.accounts.emplace(line.account, found.has_value()).first;
    }
    if (!account->second) {
        errors.push_back(
            {internal::line_field(index, "account"), "is not an account of this company"});
    }
    if (!line.department) {
        return core::ok();
    }
    auto department = known.departments.find(*line.department);
    if (department == known.departments.end()) {
        BO_TRY_ASSIGN(const auto found,
                      departments::find_department_by_id(txn, company, *line.department));
        department = known.departments.emplace(*line.department, found.has_value()).first;
    }
    if (!department->second) {
        errors.push_back(
            {internal::line_field(index, "department"), "is not a department of this company"});
    }
    return core::ok();
}

}  // namespace

// Accounts and departments are read once each; balance, activity and control accounts wait
// for posting.
core::Result<void> internal::check_draft(store::Txn& txn,
                                         CompanyId company,
                                         const EntryInput& input) {
    if (input.lines.size() > core::journal_entry_lines_max) {
        return Error(
            ErrorCode::limit_exceeded,
            "an entry has at most " + std::to_string(core::journal_entry_lines_max) + " lines");
    }
    std::vector<core::FieldError> errors;
    BO_TRY(internal::check_text("memo", input.memo, core::text_field_bytes_max, errors));
    KnownReferences known;
    for (std::size_t index = 0; index < input.lines.size(); ++index) {
        const LineInput& line = input.lines[index];
        BO_TRY(internal::check_line_shape(index, line, errors));
        BO_TRY(check_references(txn, company, line, index, known, errors));
    }
    if (!errors.empty()) {
        std::string message = "draft: " + errors.front().field + ": " + errors.front().reason;
        return Error(ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    return core::ok();
}

namespace {

std::string document_id(DraftId id) {
    return "draft/" + id.to_string();
}

core::Result<void> perform(store::Txn& txn,
                           const core::Clock& clock,
                           const platform::Caller& caller,
                           std::string_view duty,
                           DraftId id,
                           const std::optional<std::string>& override_reason) {
    const std::string document = document_id(id);
    return platform::access::perform_duty(
        txn, clock, caller, duty, {draft_document_type, document}, override_reason);
}

std::vector<platform::audit::FieldChange> draft_fields(const Draft& draft) {
    return {{"date", std::nullopt, internal::json_string(draft.date.to_string())},
            {"memo", std::nullopt, internal::json_string(draft.memo)},
            {"lines", std::nullopt, std::to_string(draft.lines.size())}};
}

// The draft `id`, refusing a missing or posted one.
core::Result<Draft> editable_draft(store::Txn& txn, CompanyId company, DraftId id) {
    BO_TRY_ASSIGN(std::optional<Draft> draft, queries::select_draft(txn, company, id));
    if (!draft) {
        return Error(ErrorCode::not_found, "no such draft");
    }
    if (draft->status == EntryStatus::posted) {
        return Error(ErrorCode::conflict,
                     "draft " + id.to_string() + " is already posted as entry id "
                         + draft->posted_entry->to_string());
    }
    return std::move(*draft);
}

}  // namespace

namespace internal {

core::Result<Draft> save_draft(store::Txn& txn,
                               const core::Clock& clock,
                               const platform::Caller& caller,
                               const EntryInput& input) {
    const Actor& actor = caller.actor;
    BO_ASSERT(actor.company.value() > 0);
    BO_TRY(internal::check_draft(txn, actor.company, input));
    const core::Instant now = clock.now();
    Draft draft{.id = {},
                .company_id = actor.company,
                .date = input.date,
                .memo = input.memo,
                .source = input.source,
                .status = EntryStatus::draft,
                .posted_entry = std::nullopt,
                .created_by = actor.user,
                .created_at = now,
                .updated_by = actor.user,
                .updated_at = now,
                .lines = input.lines};
    BO_TRY_ASSIGN(draft.id, queries::insert_draft(txn, draft));
    BO_TRY(queries::insert_draft_lines(txn, draft));
    BO_TRY(perform(txn, clock, caller, draft_create_duty, draft.id, std::nullopt));
    BO_TRY(internal::audit(
        txn,
        clock,
        actor,
        {"ledger.draft.create", "journal_draft", draft.id.value(), draft_fields(draft)}));
    return draft;
}

}  // namespace internal

core::Result<Draft> create_draft(store::Txn& txn,
                                 const core::Clock& clock,
                                 const platform::Caller& caller,
                                 const EntryInput& input) {
    if (!input.source.is_manual()) {
        return Error::invalid("source", "a draft saved by hand is a manual entry");
    }
    return internal::save_draft(txn, clock, caller, input);
}

core::Result<Draft> update_draft(store::Txn& txn,
                                 const core::Clock& clock,
                                 const platform::Caller& caller,
                                 DraftId id,
                                 const EntryInput& input) {
    const Actor& actor = caller.actor;
    BO_TRY_ASSIGN(const Draft before, editable_draft(txn, actor.company, id));
    BO_TRY(internal::check_draft(txn, actor.company, input));
    Draft after = before;
    after.date = input.date;
    after.memo = input.memo;
    after.lines = input.lines;
    after.updated_by = actor.user;
    after.updated_at = clock.now();
    BO_TRY_ASSIGN(const bool replaced, queries::replace_draft(txn, after));
    if (!replaced) {
        return Error(ErrorCode::conflict, "draft " + id.to_string() + " changed meanwhile");
    }
    // Whoever edits a draft prepared it too, and so may not post it either.
    BO_TRY(perform(txn, clock, caller, draft_create_duty, id, std::nullopt));
    std::vector<platform::audit::FieldChange> changes;
    const auto old_fields = draft_fields(before);
    const auto new_fields = draft_fields(after);
    for (std::size_t index = 0; index < new_fields.size(); ++index) {
        changes.push_back(
            {new_fields[index].field, old_fields[index].after, new_fields[index].after});
    }
    BO_TRY(
        internal::audit(txn,
                        clock,
                        actor,
                        {"ledger.draft.update", "journal_draft", id.value(), std::move(changes)}));
    return after;
}

core::Result<void> delete_draft(store::Txn& txn,
                                const core::Clock& clock,
                                const platform::Caller& caller,
                                DraftId id) {
    const Actor& actor = caller.actor;
    BO_TRY_ASSIGN(const Draft draft, editable_draft(txn, actor.company, id));
    BO_TRY_ASSIGN(const bool deleted, queries::delete_draft(txn, actor.company, id));
    if (!deleted) {
        return Error(ErrorCode::conflict, "draft " + id.to_string() + " changed meanwhile");
    }
    std::vector<platform::audit::FieldChange> changes;
    for (platform::audit::FieldChange& field : draft_fields(draft)) {
        changes.push_back({field.field, field.after, std::nullopt});
    }
    return internal::audit(
        txn,
        clock,
        actor,
        {"ledger.draft.delete", "journal_draft", id.value(), std::move(changes)});
}

core::Result<PostedEntry> post_draft(store::Txn& txn,
                                     const core::Clock& clock,
                                     const platform::Caller& caller,
                                     DraftId id,
                                     const std::optional<std::string>& override_reason) {
    const Actor& actor = caller.actor;
    BO_TRY_ASSIGN(const Draft draft, editable_draft(txn, actor.company, id));
    BO_TRY(perform(txn, clock, caller, draft_post_duty, id, override_reason));
    const EntryInput input{
        .date = draft.date, .memo = draft.memo, .source = draft.source, .lines = draft.lines};
    BO_TRY_ASSIGN(PostedEntry entry, post(txn, clock, actor, input));
    BO_TRY_ASSIGN(
        const bool marked,
        queries::mark_draft_posted(txn, actor.company, id, entry.id, actor.user, entry.posted_at));
    if (!marked) {
        return Error(ErrorCode::conflict, "draft " + id.to_string() + " changed meanwhile");
    }
    BO_TRY(internal::audit(txn,
                           clock,
                           actor,
                           {"ledger.draft.post",
                            "journal_draft",
                            id.value(),
                            {{"status", "\"draft\"", "\"posted\""},
                             {"entry_id", std::nullopt, std::to_string(entry.id.value())}}}));
    BO_ASSERT(entry.lines.size() == draft.lines.size());
    return entry;
}

core::Result<std::optional<Draft>> find_draft(store::Txn& txn, CompanyId company, DraftId id) {
    return queries::select_draft(txn, company, id);
}

core::Result<std::vector<Draft>> list_drafts(store::Txn& txn,
                                             CompanyId company,
                                             std::optional<EntryStatus> status,
                                             DraftId after_id,
                                             std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_drafts(txn, company, status, after_id, limit);
}

}  // namespace bo::ledger
