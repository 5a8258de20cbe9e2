// Cash application: matching imported bank statement lines to open invoices, posting the
// confident matches, the queue of the rest, and learning from manual matches
// (docs/banking.md "Matching").
//
// A run (after an import, or on request for one statement) reads the company's rules, open
// invoices (receivables::list_documents), learned counterparties and the statement's lines
// that are not matched, and asks the engine (matching_engine.hpp). A line whose best proposal
// reaches the auto-post score (and ties with no other) is posted at once through
// receivables::record_receipt (statement_line set) and becomes `matched`; a line with
// proposals becomes `proposed` and keeps them (at most 3); the rest stay `unmatched`. Money out
// (debit lines) is left for payables: never proposed, and matched only by hand to a ledger
// account (bank fees). A posting the receivables service refuses (a write-off over its
// tolerance, a closed period) is refused before anything is written and leaves the line
// `proposed`.
//
// A clerk then accepts a proposal, or matches by hand: a customer and allocations over one or
// several invoices (partial allowed; what is not allocated stays unapplied cash on the
// receipt), or a ledger account (Dr bank / Cr account for money in; Dr account / Cr bank for
// money out). Accepting and matching by hand teach the matcher: the line's counterparty IBAN and
// normalised name now name that customer (per company; the latest match wins). Unmatching voids
// the receipt (or reverses the ledger entry) and puts the line back to `unmatched`.
//
// Every function runs in the caller's transaction and never commits; every change writes an
// audit event ("bank_line.match", "bank_line.unmatch", "matching_rules.update").
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/banking/matching_engine.hpp"
#include "modules/banking/model.hpp"
#include "modules/banking/service.hpp"
#include "modules/receivables/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::banking {

// Bounds of the rules: a tolerance at most what a write-off document clears
// (receivables::write_off_minor_max); a date window of at most ten years.
inline constexpr std::int64_t matching_date_window_days_max = 3660;
// 500 allocations per manual match, the receipt's own bound (receipt_allocations_max).
inline constexpr std::size_t manual_allocations_max = 500;
// A search text in the queue: 100 characters.
inline constexpr std::size_t queue_search_chars_max = 100;
// A reason or memo: 500 characters.
inline constexpr std::size_t match_memo_chars_max = 500;

// Enumerators equal the stored and wire names.
enum class MatchHow { automatic, accepted, manual };
enum class MatchTarget { receipt, ledger };

std::string_view to_string(MatchHow how) noexcept;
std::string_view to_string(MatchTarget target) noexcept;

// How a matched line was settled.
struct LineSettlement {
    MatchTarget target = MatchTarget::receipt;
    std::optional<std::int64_t> receipt_id{};
    std::optional<std::int64_t> entry_id{};
    std::optional<std::int64_t> customer_id{};
    std::string ledger_account{};
    MatchHow how = MatchHow::manual;
    std::optional<std::int64_t> score{};
    std::string reason{};
    std::int64_t matched_by = 0;
    core::Instant matched_at{0};
};

struct StoredProposal {
    std::int64_t rank = 0;  // 1 is the best
    matching::Proposal proposal;
};

// A line of the queue: the line, its best proposal when proposed, its settlement when matched.
struct QueueLine {
    StatementLine line;
    std::optional<StoredProposal> best{};
    std::optional<LineSettlement> settlement{};
};

struct QueueQuery {
    std::optional<MatchStatus> status{};
    std::string search{};  // in the remittance, counterparty name / account, references, amount
    std::optional<StatementId> statement{};
    StatementLineId after{};
    std::int64_t limit = 50;
};

struct MatchRunReport {
    std::int64_t lines = 0;              // credit lines looked at (not matched before)
    std::int64_t matched = 0;            // posted automatically
    std::int64_t proposed = 0;           // waiting with proposals
    std::int64_t unmatched = 0;          // nothing found
    std::int64_t debits = 0;             // money out: left for payables
    std::vector<std::string> refused{};  // "line 12: <why the posting was refused>"
};

// A manual allocation: cash of the line applied to one invoice of the customer.
struct ManualAllocation {
    receivables::DocumentId invoice{};
    core::Money amount;
    std::optional<core::Money> discount{};
    std::optional<core::Money> write_off{};
};

// A match by hand: a customer with allocations (the rest unapplied cash), or a ledger account.
struct ManualMatch {
    std::optional<sales::CustomerId> customer{};
    std::vector<ManualAllocation> allocations{};
    std::string ledger_account{};  // e.g. "6900" for bank fees, "7100" for interest
    std::string memo{};
};

// The company's rules (the defaults when never set).
[[nodiscard]] core::Result<matching::MatchingRules> matching_rules(
    store::Txn& txn, platform::tenancy::CompanyId company);

// Replaces the rules. Errors: invalid_argument ("auto_post_score" not 1..101,
// "tolerance_minor" negative or over receivables::write_off_minor_max, "date_window_days" not
// 0..matching_date_window_days_max).
[[nodiscard]] core::Result<matching::MatchingRules> set_matching_rules(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Actor& actor,
    const matching::MatchingRules& rules);

// Matches the lines of `statements` that are not matched (see the header comment).
// Errors: not_found for a statement of another company; those of the store.
[[nodiscard]] core::Result<MatchRunReport> match_statements(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Actor& actor,
    std::span<const StatementId> statements);

// A page of lines by id. Errors: invalid_argument / limit_exceeded ("limit", "search").
[[nodiscard]] core::Result<std::vector<QueueLine>> list_queue(store::Txn& txn,
                                                              platform::tenancy::CompanyId company,
                                                              const QueueQuery& query);

// One line with its best proposal or settlement, or nullopt.
[[nodiscard]] core::Result<std::optional<QueueLine>> find_queue_line(
    store::Txn& txn, platform::tenancy::CompanyId company, StatementLineId line);

// The line's stored proposals, best first. Errors: not_found.
[[nodiscard]] core::Result<std::vector<StoredProposal>> line_proposals(
    store::Txn& txn, platform::tenancy::CompanyId company, StatementLineId line);

// Posts proposal `rank` of a proposed line and learns its counterparty. Errors: not_found
// (line or rank); conflict when the line is matched; those of receivables::record_receipt
// (an invoice paid meanwhile: invalid_argument "allocations/N/amount").
[[nodiscard]] core::Result<LineSettlement> accept_proposal(store::Txn& txn,
                                                           const core::Clock& clock,
                                                           const platform::Actor& actor,
                                                           StatementLineId line,
                                                           std::int64_t rank);

// Matches a line by hand (see ManualMatch) and learns its counterparty when it names a
// customer. Errors: not_found; conflict when matched; invalid_argument ("customer" and
// "ledger_account" both or neither, "customer" for money out, "allocations" over
// manual_allocations_max, "ledger_account" unknown, "memo"); those of record_receipt
// ("allocations/N/...") and ledger::post().
[[nodiscard]] core::Result<LineSettlement> match_by_hand(store::Txn& txn,
                                                         const core::Clock& clock,
                                                         const platform::Actor& actor,
                                                         StatementLineId line,
                                                         const ManualMatch& input);

// Undoes a match: voids the receipt (receivables::void_receipt) or reverses the ledger entry
// with `reason`, and puts the line back to unmatched. Errors: not_found; conflict when the line
// is not matched, or when the receipt cannot be voided (cash of it was refunded);
// invalid_argument ("reason").
[[nodiscard]] core::Result<void> unmatch_line(store::Txn& txn,
                                              const core::Clock& clock,
                                              const platform::Actor& actor,
                                              StatementLineId line,
                                              const std::string& reason);

}  // namespace bo::modules::banking
