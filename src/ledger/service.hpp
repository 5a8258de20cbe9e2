// The ledger service: the chart of accounts, fiscal years and periods, exchange rates, and the
// one posting entry point every module uses.
//
// Every function runs inside the caller's transaction and never commits: a module posts its
// journal entry in the same transaction as its document's state change, so both happen or
// neither. The company is always the actor's (`actor.company`); every query is scoped by it.
// Every change appends an audit event (platform/audit) in the same transaction.
// Inputs are validated here, at the boundary: a bad field is invalid_argument with field errors
// ("lines/2/amount"), and then nothing is written.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "ledger/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::ledger {

using platform::Actor;

// The functional currency of `company` (the currency its ledger and reports are kept in).
// Errors: not_found for an unknown company.
[[nodiscard]] core::Result<core::Currency> functional_currency(store::Txn& txn, CompanyId company);

// --- Chart of accounts ------------------------------------------------------------------------

// Creates an active account in the actor's company. Errors: invalid_argument (fields "number",
// "name", "type", "parent", "currency", "control"; a parent of another type or beyond
// account_depth_max); conflict (field "number") if taken; limit_exceeded past
// accounts_per_company_max.
[[nodiscard]] core::Result<Account> create_account(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const Actor& actor,
                                                   const NewAccount& input);

enum class Activity { active, inactive };

// Activates or deactivates an account (an inactive account accepts no new postings; its
// history stays). Errors: not_found.
[[nodiscard]] core::Result<Account> set_account_activity(store::Txn& txn,
                                                         const core::Clock& clock,
                                                         const Actor& actor,
                                                         AccountId account,
                                                         Activity activity);

// The account with this id / number in `company`, or nullopt (also for another company's).
[[nodiscard]] core::Result<std::optional<Account>> find_account(store::Txn& txn,
                                                                CompanyId company,
                                                                AccountId account);
[[nodiscard]] core::Result<std::optional<Account>> find_account_by_number(store::Txn& txn,
                                                                          CompanyId company,
                                                                          std::string_view number);

// Up to `limit` accounts after id `after_id` (0 = from the first), in id order.
// Errors: invalid_argument / limit_exceeded (field "limit").
[[nodiscard]] core::Result<std::vector<Account>> list_accounts(store::Txn& txn,
                                                               CompanyId company,
                                                               AccountId after_id,
                                                               std::int64_t limit);

// The whole chart of `company` (at most accounts_per_company_max accounts), in id order.
[[nodiscard]] core::Result<std::vector<Account>> chart_of_accounts(store::Txn& txn,
                                                                   CompanyId company);

// Loads the standard small-business chart (about 60 accounts in a hierarchy, standard_chart.cpp)
// into the actor's company, in its functional currency; answers the accounts created.
// Errors: conflict when the company already has accounts.
[[nodiscard]] core::Result<std::vector<Account>> load_standard_chart(store::Txn& txn,
                                                                     const core::Clock& clock,
                                                                     const Actor& actor);

// The number of the standard chart's retained-earnings account ("3900").
std::string_view standard_retained_earnings_number() noexcept;

// --- Fiscal years, periods, exchange rates ------------------------------------------------------

// Creates the fiscal year [start, start + 12 months) with twelve open monthly periods, named
// `name` or "FY<year of start>". Errors: invalid_argument (field "start_date") unless `start`
// is the first of a month; conflict when it overlaps an existing year or the name is taken.
[[nodiscard]] core::Result<FiscalYear> create_fiscal_year(store::Txn& txn,
                                                          const core::Clock& clock,
                                                          const Actor& actor,
                                                          core::Date start,
                                                          const std::optional<std::string>& name);

// Every fiscal year of `company`, by start date (bounded by the dates a company can have).
[[nodiscard]] core::Result<std::vector<FiscalYear>> list_fiscal_years(store::Txn& txn,
                                                                      CompanyId company);

// The periods of `company` (of one fiscal year when given), by start date.
[[nodiscard]] core::Result<std::vector<Period>> list_periods(
    store::Txn& txn, CompanyId company, std::optional<FiscalYearId> fiscal_year);

// The period containing `date`, or nullopt.
[[nodiscard]] core::Result<std::optional<Period>> find_period_for(store::Txn& txn,
                                                                  CompanyId company,
                                                                  core::Date date);

// Period status changes, each audited with before/after: close (open → closed), reopen
// (closed → open; the API guards it with its own permission), lock (open or closed → locked;
// final). Errors: not_found; conflict for any other transition (names the current status).
[[nodiscard]] core::Result<Period> close_period(store::Txn& txn,
                                                const core::Clock& clock,
                                                const Actor& actor,
                                                PeriodId period);
[[nodiscard]] core::Result<Period> reopen_period(store::Txn& txn,
                                                 const core::Clock& clock,
                                                 const Actor& actor,
                                                 PeriodId period);
[[nodiscard]] core::Result<Period> lock_period(store::Txn& txn,
                                               const core::Clock& clock,
                                               const Actor& actor,
                                               PeriodId period);

// Records the rate of `currency` from `date` on: `rate` units of the functional currency per
// unit of `currency` (e.g. EUR→USD 1.0825). A later call for the same day replaces it.
// Errors: invalid_argument (fields "currency", "rate").
[[nodiscard]] core::Result<void> set_exchange_rate(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const Actor& actor,
                                                   std::string_view currency,
                                                   core::Date date,
                                                   core::Rational rate);

// --- Journal -------------------------------------------------------------------------------------

// THE entry point: validates `input` and posts it in the actor's company, in the caller's
// transaction: the entry with its gap-free number, its lines (functional amounts at the rate
// in force on the entry date), the balance updates and the audit event.
// Errors (nothing is written):
// - invalid_argument: fewer than 2 lines, a zero/negative amount, an unknown or inactive
//   account or one of another company, a department not of this company, a line currency the
//   account does not take, a missing exchange rate, an entry that does not balance per
//   currency or in the functional currency, a manual entry on a control account (or another
//   sub-ledger's control account), bad memo/source text. Field errors name "lines/N/field".
// - limit_exceeded: more than journal_entry_lines_max lines; totals overflowing int64.
// - period_closed: no period contains the date, or it is closed or locked.
[[nodiscard]] core::Result<PostedEntry> post(store::Txn& txn,
                                             const core::Clock& clock,
                                             const Actor& actor,
                                             const EntryInput& input);

// A Poster flushes by itself when this many entries / lines are pending: it bounds the
// memory a batch holds, the statements of one flush, and the size of its one audit event.
inline constexpr std::size_t poster_pending_entries_max = 1000;
inline constexpr std::size_t poster_pending_lines_max = 20'000;

// post() for many entries in one transaction (imports, module batches, benchmarks): the same
// checks, but the company's reference data (periods, fiscal years, accounts, departments,
// functional currency) is read once per Poster, and entries given to add() are written in
// batches: a few multi-row statements per batch and one audit event listing the batch's
// entries (docs/ledger.md). A Poster lives within one transaction, and the chart,
// departments and periods must not be changed in that transaction while it lives (it would
// not see the change). Entries still pending when a Poster is destroyed are not written (and
// took no number): call flush() before the transaction commits.
class Poster {
public:
    Poster(store::Txn& txn, const core::Clock& clock, const Actor& actor);
    ~Poster();
    Poster(const Poster&) = delete;
    Poster& operator=(const Poster&) = delete;

    // Validates `input` as post() does and queues it; writes the queue when it is full.
    // Errors: those of post() (the refused entry is not queued; the queue is unchanged).
    [[nodiscard]] core::Result<void> add(const EntryInput& input);

    // Writes every queued entry, numbered in the order added; answers how many.
    // Errors: those of the store.
    [[nodiscard]] core::Result<std::size_t> flush();

    // As post(): writes the queue, then this entry on its own, and answers it.
    [[nodiscard]] core::Result<PostedEntry> post(const EntryInput& input);

private:
    struct State;
    std::unique_ptr<State> state_;
};

// Posts the reversal of `entry` dated `date`: the same lines with sides swapped and the same
// functional amounts (so it cancels exactly, whatever today's rate), linked to the original,
// with memo "Reversal of <fy>/<number>: <reason>". Errors: not_found; conflict when the entry
// is already reversed; invalid_argument (field "reason") when it is empty or too long;
// period_closed as post().
[[nodiscard]] core::Result<PostedEntry> reverse(store::Txn& txn,
                                                const core::Clock& clock,
                                                const Actor& actor,
                                                EntryId entry,
                                                core::Date date,
                                                std::string_view reason);

// The entry with its lines, or nullopt (also for another company's id).
[[nodiscard]] core::Result<std::optional<PostedEntry>> find_entry(store::Txn& txn,
                                                                  CompanyId company,
                                                                  EntryId entry);

// Up to `limit` entries (headers, without lines) after id `after_id`, in id order.
// Errors: invalid_argument / limit_exceeded (field "limit").
[[nodiscard]] core::Result<std::vector<PostedEntry>> list_entries(store::Txn& txn,
                                                                  CompanyId company,
                                                                  EntryId after_id,
                                                                  std::int64_t limit);

// --- Balances and year-end
// -------------------------------------------------------------------------

struct BalanceDifference {
    AccountId account{};
    std::optional<DepartmentId> department;
    PeriodId period{};
    std::int64_t maintained_debit_minor = 0;
    std::int64_t maintained_credit_minor = 0;
    std::int64_t recomputed_debit_minor = 0;
    std::int64_t recomputed_credit_minor = 0;
};

struct BalanceCheck {
    std::int64_t balance_rows = 0;  // maintained rows compared
    std::int64_t entries = 0;
    std::int64_t unbalanced_entries = 0;  // entries whose lines do not sum to zero
    // Lines whose account or department is not one of the company's (on SQLite no foreign
    // key refuses them; post() does, docs/decisions.md "Journal lines on SQLite").
    std::int64_t foreign_lines = 0;
    // Lines whose entry does not exist (on SQLite no foreign key refuses them since migration
    // 0114; post() writes an entry and its lines together).
    std::int64_t orphan_lines = 0;
    std::vector<BalanceDifference> differences;

    bool clean() const noexcept {
        return differences.empty() && unbalanced_entries == 0 && foreign_lines == 0
               && orphan_lines == 0;
    }
};

// Recomputes every (account, department, period) total of `company` from the lines and
// compares it with the maintained balances; also re-checks that every entry balances and that
// every line's account and department are the company's.
// Read-only; scans every line of the company (an audit tool, not a report).
[[nodiscard]] core::Result<BalanceCheck> check_balances(store::Txn& txn, CompanyId company);

// The maintained balances of `company` (tests and the check).
[[nodiscard]] core::Result<std::vector<BalanceRow>> maintained_balances(store::Txn& txn,
                                                                        CompanyId company);

struct YearEndClose {
    std::optional<PostedEntry> closing_entry;  // none when every P&L account was already zero
    std::int64_t periods_closed = 0;
};

// Closes fiscal year `year`: posts one closing entry on its last day that brings every income
// and expense balance (per department) to zero against `retained_earnings` (an equity
// account), then closes every open period of the year and marks the year closed.
// Errors: not_found; conflict when the year is already closed or a later step fails;
// invalid_argument (field "retained_earnings") unless it is an active equity account;
// period_closed when the last period does not accept postings.
[[nodiscard]] core::Result<YearEndClose> close_year(store::Txn& txn,
                                                    const core::Clock& clock,
                                                    const Actor& actor,
                                                    FiscalYearId year,
                                                    AccountId retained_earnings);

}  // namespace bo::ledger
