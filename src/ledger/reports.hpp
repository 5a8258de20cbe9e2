// Financial reports read from the maintained balances: trial balance, income statement,
// balance sheet, and the general-ledger detail of one account.
//
// Ranges are half-open, [from, to). Whole periods inside a range are read from the maintained
// balances (one row per account, department and period), so a report costs the same at a
// thousand entries or ten million; only a period cut by the range's edge is read from its
// lines (at most two periods). Amounts are int64 minor units of the company's functional
// currency; "signed" amounts are debit-positive unless a field says otherwise.
// Comparison columns: each statement can carry a second column for an earlier range (the
// previous period or the same range a year before), computed the same way, with the difference
// and its percentage (basis points, integer) per row.
// Thread safety: functions of a Txn; read-only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "ledger/model.hpp"
#include "store/database.hpp"

namespace bo::ledger {

// Which departments a report covers: all, one (`no_department` = lines without one), or the
// union of several (a department manager's own; an empty list covers nothing).
struct DepartmentScope {
    enum class Kind { all, one, no_department, several };
    Kind kind = Kind::all;
    DepartmentId department{};
    std::vector<DepartmentId> departments;  // Kind::several only

    static DepartmentScope all() { return {}; }

    static DepartmentScope only(DepartmentId id) { return {Kind::one, id, {}}; }

    static DepartmentScope any_of(std::vector<DepartmentId> ids) {
        return {Kind::several, {}, std::move(ids)};
    }
};

// The second column of a report. Enumerators equal their wire names (`?compare=`).
enum class Comparison { none, previous_period, previous_year };

// Parses "previous_period" or "previous_year". Errors: invalid_argument naming `field`.
[[nodiscard]] core::Result<Comparison> parse_comparison(std::string_view text,
                                                        std::string_view field);

// The range a comparison column covers. previous_period: the range of the same length just
// before `range` (whole months when `range` is whole months: [Mar 1, Apr 1) gives [Feb 1,
// Mar 1)); previous_year: the same dates a year earlier, the last day of a month staying the
// last day (a range through 2024-02-29 compares with one through 2023-02-28, and back).
// Errors: invalid_argument (field "compare") when the result leaves the calendar; asserts
// comparison != none.
[[nodiscard]] core::Result<DateRange> compared_range(DateRange range, Comparison comparison);

// The as-of date a balance sheet compares with: previous_period is the same day a month
// earlier (a month-end gives the previous month-end); previous_year, a year earlier (likewise).
[[nodiscard]] core::Result<core::Date> compared_date(core::Date as_of, Comparison comparison);

// The change from `previous` to `current` in basis points of |previous| (10000 = +100%),
// rounded half-even; nullopt when previous is zero (no percentage of nothing).
std::optional<std::int64_t> change_basis_points(std::int64_t current, std::int64_t previous);

// One column of a trial balance row (or its totals).
struct TrialBalanceAmounts {
    std::int64_t opening_minor = 0;  // signed, debit-positive, before `from`
    std::int64_t debit_minor = 0;    // movements in the range
    std::int64_t credit_minor = 0;
    std::int64_t closing_minor = 0;  // opening + debit - credit
};

struct TrialBalanceRow {
    AccountId account{};
    std::string number;
    std::string name;
    AccountType type = AccountType::asset;
    std::int64_t opening_minor = 0;  // signed, debit-positive, before `from`
    std::int64_t debit_minor = 0;    // movements in the range
    std::int64_t credit_minor = 0;
    std::int64_t closing_minor = 0;  // opening + debit - credit
    TrialBalanceAmounts compare{};   // the comparison column (zero without one)
};

struct TrialBalance {
    core::Currency currency;
    DateRange range;
    std::vector<TrialBalanceRow> rows;     // accounts with any opening or movement in either
                                           // column, by number
    std::int64_t opening_total_minor = 0;  // zero for an unfiltered report
    std::int64_t debit_total_minor = 0;
    std::int64_t credit_total_minor = 0;   // equals debit_total_minor when unfiltered
    std::int64_t closing_total_minor = 0;  // zero for an unfiltered report
    std::optional<DateRange> compare_range = std::nullopt;  // set with a comparison column
    TrialBalanceAmounts compare_total{};
};

// Per (account) opening, movements and closing for `range`, and for the compared range.
// Errors: invalid_argument (field "to") when to < from; limit_exceeded when a sum leaves int64.
[[nodiscard]] core::Result<TrialBalance> trial_balance(store::Txn& txn,
                                                       CompanyId company,
                                                       DateRange range,
                                                       const DepartmentScope& scope,
                                                       Comparison compare = Comparison::none);

// One row of a hierarchical statement: the account's own amount and its roll-up (own plus
// every descendant's). Amounts are "natural": income, liabilities and equity credit-positive;
// expenses and assets debit-positive.
struct StatementRow {
    AccountId account{};
    std::string number;
    std::string name;
    AccountType type = AccountType::asset;
    std::size_t depth = 0;  // 0 for a top-level account
    std::int64_t own_minor = 0;
    std::int64_t rolled_up_minor = 0;
    // The roll-up split by department (department 0 = none); only departments with a
    // non-zero amount.
    std::vector<std::pair<std::int64_t, std::int64_t>> by_department;
    std::int64_t compare_own_minor = 0;  // the comparison column (zero without one)
    std::int64_t compare_rolled_up_minor = 0;
};

struct IncomeStatement {
    core::Currency currency;
    DateRange range;
    std::vector<StatementRow> rows;  // income then expense accounts, depth-first by number
    std::int64_t income_total_minor = 0;
    std::int64_t expense_total_minor = 0;
    std::int64_t net_income_minor = 0;                      // income - expenses
    std::optional<DateRange> compare_range = std::nullopt;  // set with a comparison column
    std::int64_t compare_income_total_minor = 0;
    std::int64_t compare_expense_total_minor = 0;
    std::int64_t compare_net_income_minor = 0;
};

// Income and expenses of `range`, excluding year-end closing entries (which move the result
// to retained earnings and would otherwise zero the statement). Errors: as trial_balance.
[[nodiscard]] core::Result<IncomeStatement> income_statement(store::Txn& txn,
                                                             CompanyId company,
                                                             DateRange range,
                                                             const DepartmentScope& scope,
                                                             Comparison compare = Comparison::none);

struct BalanceSheet {
    core::Currency currency;
    core::Date as_of;                // inclusive: everything dated on or before it
    std::vector<StatementRow> rows;  // assets, liabilities, equity, depth-first by number
    std::int64_t assets_total_minor = 0;
    std::int64_t liabilities_total_minor = 0;
    std::int64_t equity_total_minor = 0;  // includes current_earnings_minor
    // Income minus expenses not yet closed to retained earnings.
    std::int64_t current_earnings_minor = 0;
    std::optional<core::Date> compare_as_of = std::nullopt;  // set with a comparison column
    std::int64_t compare_assets_total_minor = 0;
    std::int64_t compare_liabilities_total_minor = 0;
    std::int64_t compare_equity_total_minor = 0;
    std::int64_t compare_current_earnings_minor = 0;
};

// Assets, liabilities and equity as of the end of `as_of` (and of the compared date).
// Unfiltered, assets equal liabilities plus equity (asserted). Errors: limit_exceeded when a
// sum leaves int64; invalid_argument when the compared date leaves the calendar.
[[nodiscard]] core::Result<BalanceSheet> balance_sheet(store::Txn& txn,
                                                       CompanyId company,
                                                       core::Date as_of,
                                                       const DepartmentScope& scope,
                                                       Comparison compare = Comparison::none);

struct LedgerDetailLine {
    EntryId entry{};
    std::int64_t line_number = 0;
    std::string entry_reference;  // "FY2024/17"
    core::Date date;
    std::string memo;  // the line's memo, else the entry's
    Source source;
    std::optional<DepartmentId> department;
    std::optional<Party> party;
    std::int64_t debit_minor = 0;  // functional
    std::int64_t credit_minor = 0;
    std::int64_t running_balance_minor = 0;  // signed, debit-positive, after this line
    core::Money amount;                      // the line in its transaction currency
};

struct GeneralLedger {
    core::Currency currency;
    Account account;
    DateRange range;
    std::int64_t opening_minor = 0;
    std::vector<LedgerDetailLine> lines;  // by date, entry, line
    std::int64_t closing_minor = 0;
};

// The lines of one account in `range` with a running balance. Errors: not_found for an
// unknown account; limit_exceeded when the range holds more than general_ledger_lines_max
// lines (narrow the range).
[[nodiscard]] core::Result<GeneralLedger> general_ledger(store::Txn& txn,
                                                         CompanyId company,
                                                         AccountId account,
                                                         DateRange range,
                                                         const DepartmentScope& scope);

// --- what report files print besides figures

// The company's name. Errors: not_found for an unknown company.
[[nodiscard]] core::Result<std::string> company_name(store::Txn& txn, CompanyId company);

// Every department's code by id (lines refer to departments by id).
[[nodiscard]] core::Result<std::map<std::int64_t, std::string>> department_codes(store::Txn& txn,
                                                                                 CompanyId company);

// --- journal listing

// 2,000 entries and 10,000 lines in one journal export (CSV, XLSX, PDF): a month of a busy
// company; a longer listing must be narrowed by its filters (limit_exceeded says so).
inline constexpr std::size_t journal_export_entries_max = 2'000;
inline constexpr std::size_t journal_export_lines_max = 10'000;
// 200 characters of memo text to search for.
inline constexpr std::size_t memo_search_chars_max = 200;

// What the journal listing shows. Unset fields match everything.
struct JournalFilter {
    std::optional<core::Date> from;    // entry date >= from
    std::optional<core::Date> to;      // entry date < to
    std::optional<AccountId> account;  // entries with a line on this account
    // Entries with a line in this department (all = any; several is not supported).
    DepartmentScope department;
    std::optional<std::string> source_type;  // "manual" or a module's document type
    std::string memo_contains;  // case-insensitive (ASCII letters) in the entry's or a line's memo
};

// A page of entry headers (no lines) matching `filter`, by id, after `after`. Errors:
// invalid_argument when to < from or the memo text is too long.
[[nodiscard]] core::Result<std::vector<PostedEntry>> journal_listing(store::Txn& txn,
                                                                     CompanyId company,
                                                                     const JournalFilter& filter,
                                                                     EntryId after,
                                                                     std::size_t limit);

// Every entry matching `filter` after `after`, with its lines, for an export. Errors: as
// journal_listing; limit_exceeded over journal_export_entries_max entries or
// journal_export_lines_max lines.
[[nodiscard]] core::Result<std::vector<PostedEntry>> journal_export(store::Txn& txn,
                                                                    CompanyId company,
                                                                    const JournalFilter& filter,
                                                                    EntryId after);

}  // namespace bo::ledger
