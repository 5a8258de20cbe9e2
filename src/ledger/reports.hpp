// Financial reports read from the maintained balances: trial balance, income statement,
// balance sheet, and the general-ledger detail of one account.
//
// Ranges are half-open, [from, to). Whole periods inside a range are read from the maintained
// balances (one row per account, department and period), so a report costs the same at a
// thousand entries or ten million; only a period cut by the range's edge is read from its
// lines (at most two periods). Amounts are int64 minor units of the company's functional
// currency; "signed" amounts are debit-positive unless a field says otherwise.
// Thread safety: functions of a Txn; read-only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "ledger/model.hpp"
#include "store/database.hpp"

namespace bo::ledger {

// Which departments a report covers: all, or one (`no_department` = lines without one).
struct DepartmentScope {
    enum class Kind { all, one, no_department };
    Kind kind = Kind::all;
    DepartmentId department{};

    static DepartmentScope all() { return {}; }

    static DepartmentScope only(DepartmentId id) { return {Kind::one, id}; }
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
};

struct TrialBalance {
    core::Currency currency;
    DateRange range;
    std::vector<TrialBalanceRow> rows;     // accounts with any opening or movement, by number
    std::int64_t opening_total_minor = 0;  // zero for an unfiltered report
    std::int64_t debit_total_minor = 0;
    std::int64_t credit_total_minor = 0;   // equals debit_total_minor when unfiltered
    std::int64_t closing_total_minor = 0;  // zero for an unfiltered report
};

// Per (account) opening, movements and closing for `range`. Errors: invalid_argument (field
// "to") when to < from; limit_exceeded when a sum leaves int64.
[[nodiscard]] core::Result<TrialBalance> trial_balance(store::Txn& txn,
                                                       CompanyId company,
                                                       DateRange range,
                                                       DepartmentScope scope);

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
};

struct IncomeStatement {
    core::Currency currency;
    DateRange range;
    std::vector<StatementRow> rows;  // income then expense accounts, depth-first by number
    std::int64_t income_total_minor = 0;
    std::int64_t expense_total_minor = 0;
    std::int64_t net_income_minor = 0;  // income - expenses
};

// Income and expenses of `range`, excluding year-end closing entries (which move the result
// to retained earnings and would otherwise zero the statement). Errors: as trial_balance.
[[nodiscard]] core::Result<IncomeStatement> income_statement(store::Txn& txn,
                                                             CompanyId company,
                                                             DateRange range,
                                                             DepartmentScope scope);

struct BalanceSheet {
    core::Currency currency;
    core::Date as_of;                // inclusive: everything dated on or before it
    std::vector<StatementRow> rows;  // assets, liabilities, equity, depth-first by number
    std::int64_t assets_total_minor = 0;
    std::int64_t liabilities_total_minor = 0;
    std::int64_t equity_total_minor = 0;  // includes current_earnings_minor
    // Income minus expenses not yet closed to retained earnings.
    std::int64_t current_earnings_minor = 0;
};

// Assets, liabilities and equity as of the end of `as_of`. Unfiltered, assets equal
// liabilities plus equity (asserted). Errors: limit_exceeded when a sum leaves int64.
[[nodiscard]] core::Result<BalanceSheet> balance_sheet(store::Txn& txn,
                                                       CompanyId company,
                                                       core::Date as_of,
                                                       DepartmentScope scope);

struct LedgerDetailLine {
    EntryId entry{};
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
[[nodiscard]] core::Result<GeneralLedger> general_ledger(
    store::Txn& txn, CompanyId company, AccountId account, DateRange range, DepartmentScope scope);

}  // namespace bo::ledger
