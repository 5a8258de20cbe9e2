// The ledger's SQL, behind plain functions (bodies in queries.cpp, the only place the ledger's
// SQL lives). Callers have validated every argument; every statement is scoped by company.
// Posted entries and lines are only ever inserted: there is no update or delete of them here.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ledger/model.hpp"
#include "store/database.hpp"

namespace bo::ledger::queries {

// The code of the company's functional currency. Errors: not_found for an unknown company.
[[nodiscard]] core::Result<std::string> select_functional_currency(store::Txn& txn,
                                                                   CompanyId company);
// The company's name, printed on report files. Errors: not_found for an unknown company.
[[nodiscard]] core::Result<std::string> select_company_name(store::Txn& txn, CompanyId company);

// --- accounts
[[nodiscard]] core::Result<AccountId> insert_account(store::Txn& txn, const Account& account);
[[nodiscard]] core::Result<std::optional<Account>> select_account(store::Txn& txn,
                                                                  CompanyId company,
                                                                  AccountId id);
[[nodiscard]] core::Result<std::optional<Account>> select_account_by_number(
    store::Txn& txn, CompanyId company, std::string_view number);
[[nodiscard]] core::Result<std::vector<Account>> select_accounts(store::Txn& txn,
                                                                 CompanyId company,
                                                                 AccountId after_id,
                                                                 std::int64_t limit);
[[nodiscard]] core::Result<std::int64_t> count_accounts(store::Txn& txn, CompanyId company);
[[nodiscard]] core::Result<void> update_account_active(store::Txn& txn,
                                                       CompanyId company,
                                                       AccountId id,
                                                       bool active);

// --- fiscal years and periods
[[nodiscard]] core::Result<FiscalYearId> insert_fiscal_year(store::Txn& txn,
                                                            const FiscalYear& year,
                                                            core::Instant created_at);
[[nodiscard]] core::Result<PeriodId> insert_period(store::Txn& txn, const Period& period);
[[nodiscard]] core::Result<std::vector<FiscalYear>> select_fiscal_years(store::Txn& txn,
                                                                        CompanyId company);
[[nodiscard]] core::Result<std::optional<FiscalYear>> select_fiscal_year(store::Txn& txn,
                                                                         CompanyId company,
                                                                         FiscalYearId id);
// True when some fiscal year of `company` intersects [start, end).
[[nodiscard]] core::Result<bool> fiscal_year_overlaps(store::Txn& txn,
                                                      CompanyId company,
                                                      core::Date start,
                                                      core::Date end);
[[nodiscard]] core::Result<std::vector<Period>> select_periods(
    store::Txn& txn, CompanyId company, std::optional<FiscalYearId> fiscal_year);
[[nodiscard]] core::Result<std::optional<Period>> select_period(store::Txn& txn,
                                                                CompanyId company,
                                                                PeriodId id);
[[nodiscard]] core::Result<std::optional<Period>> select_period_for_date(store::Txn& txn,
                                                                         CompanyId company,
                                                                         core::Date date);
// Compare-and-set of a period's status; answers whether the row changed.
[[nodiscard]] core::Result<bool> update_period_status(
    store::Txn& txn, CompanyId company, PeriodId id, PeriodStatus from, PeriodStatus to);
[[nodiscard]] core::Result<void> update_fiscal_year_closed(store::Txn& txn,
                                                           CompanyId company,
                                                           FiscalYearId id);
// Takes the next `count` gap-free entry numbers of the year (one atomic increment of the
// year's counter; a rollback gives them back); answers the first.
[[nodiscard]] core::Result<std::int64_t> take_entry_numbers(store::Txn& txn,
                                                            CompanyId company,
                                                            FiscalYearId year,
                                                            std::int64_t count);

// --- exchange rates
[[nodiscard]] core::Result<void> upsert_rate(store::Txn& txn,
                                             CompanyId company,
                                             std::string_view currency,
                                             core::Date date,
                                             core::Rational rate,
                                             core::Instant created_at);
// The rate in force on `date` (the latest on or before it), or nullopt.
[[nodiscard]] core::Result<std::optional<core::Rational>> select_rate(store::Txn& txn,
                                                                      CompanyId company,
                                                                      std::string_view currency,
                                                                      core::Date date);

// --- journal
// Inserts the entries' headers (numbered, of one company; their lines are ignored) with
// multi-row statements and sets each entry's new id.
[[nodiscard]] core::Result<void> insert_entries(store::Txn& txn, std::span<PostedEntry> entries);
// Inserts the lines of every entry (ids set) with multi-row statements.
[[nodiscard]] core::Result<void> insert_lines(store::Txn& txn,
                                              std::span<const PostedEntry> entries);
// Adds each row's totals to the maintained balance of its key (atomic upserts; the keys of
// `deltas` must be distinct).
[[nodiscard]] core::Result<void> add_to_balances(store::Txn& txn,
                                                 CompanyId company,
                                                 std::span<const BalanceRow> deltas);
[[nodiscard]] core::Result<std::optional<PostedEntry>> select_entry(store::Txn& txn,
                                                                    CompanyId company,
                                                                    EntryId id);
[[nodiscard]] core::Result<std::vector<PostedEntry>> select_entries(store::Txn& txn,
                                                                    CompanyId company,
                                                                    EntryId after_id,
                                                                    std::int64_t limit);

// --- balances
[[nodiscard]] core::Result<std::vector<BalanceRow>> select_balances(store::Txn& txn,
                                                                    CompanyId company);
[[nodiscard]] core::Result<std::vector<BalanceRow>> recompute_balances(store::Txn& txn,
                                                                       CompanyId company);
[[nodiscard]] core::Result<std::int64_t> count_entries(store::Txn& txn, CompanyId company);
// Entries whose lines do not balance in functional currency or in some transaction currency.
[[nodiscard]] core::Result<std::int64_t> count_unbalanced_entries(store::Txn& txn,
                                                                  CompanyId company);
// Lines whose account or department is not one of the company's.
[[nodiscard]] core::Result<std::int64_t> count_foreign_lines(store::Txn& txn, CompanyId company);

// Lines of `company` whose entry does not exist (one entry lookup per distinct entry id).
[[nodiscard]] core::Result<std::int64_t> count_orphan_lines(store::Txn& txn, CompanyId company);

// --- reports
// Functional debit/credit totals per (account, department) of one window.
struct Totals {
    AccountId account{};
    std::optional<DepartmentId> department;
    std::int64_t debit_minor = 0;
    std::int64_t credit_minor = 0;
};

// Department filter: nullopt = every department; a value = that department only (0 = lines
// without a department).
using DepartmentFilter = std::optional<std::int64_t>;

// Totals of the maintained balances of periods lying inside [from, to).
[[nodiscard]] core::Result<std::vector<Totals>> sum_balances(store::Txn& txn,
                                                             CompanyId company,
                                                             core::Date from,
                                                             core::Date to,
                                                             DepartmentFilter department);
// Totals of the lines dated in [from, to) (used only for partial periods at a range's edges).
[[nodiscard]] core::Result<std::vector<Totals>> sum_lines(store::Txn& txn,
                                                          CompanyId company,
                                                          core::Date from,
                                                          core::Date to,
                                                          DepartmentFilter department);

// Totals of the lines of year-end closing entries dated in [from, to).
[[nodiscard]] core::Result<std::vector<Totals>> sum_closing_lines(store::Txn& txn,
                                                                  CompanyId company,
                                                                  core::Date from,
                                                                  core::Date to,
                                                                  DepartmentFilter department);

// One line of an account's detail, with its entry's header.
struct DetailLine {
    EntryId entry{};
    std::string fiscal_year_name;
    std::int64_t entry_number = 0;
    core::Date date;
    std::string entry_memo;
    Source source;
    PostedLine line;
};

// Lines of `account` dated in `range`, by date, entry and line; at most `limit` rows.
[[nodiscard]] core::Result<std::vector<DetailLine>> select_account_lines(
    store::Txn& txn,
    CompanyId company,
    AccountId account,
    DateRange range,
    DepartmentFilter department,
    std::int64_t limit);

// A page of entries dated in `range` in (date, id) order after (after_date, after_id),
// each with its lines: the export's read path (bounded memory at any size).
[[nodiscard]] core::Result<std::vector<PostedEntry>> select_entry_page(store::Txn& txn,
                                                                       CompanyId company,
                                                                       DateRange range,
                                                                       core::Date after_date,
                                                                       EntryId after_id,
                                                                       std::int64_t limit);

// --- journal listing
// Which entries the journal listing shows; each field's "any" value is noted.
struct EntryFilter {
    DateRange range;              // entry dates in [from, to)
    std::string source_type;      // "" = any; else "manual", "sales_invoice", ...
    AccountId account{};          // 0 = any; else entries with a line on this account
    DepartmentFilter department;  // entries with a line in this department (0 = no department)
    std::string memo_pattern;     // "" = any; else a LIKE pattern ('!' escapes) on lower(memo)
                                  // of the entry or of one of its lines
};

// Entry headers (no lines) matching `filter` with id > after_id, by id; at most `limit`.
[[nodiscard]] core::Result<std::vector<PostedEntry>> select_filtered_entries(
    store::Txn& txn,
    CompanyId company,
    const EntryFilter& filter,
    EntryId after_id,
    std::int64_t limit);

// The same entries (at most `entry_limit`) with their lines, by id and line number; at most
// `line_limit` lines in all (the last entry may then lack some of its lines).
[[nodiscard]] core::Result<std::vector<PostedEntry>> select_filtered_entries_with_lines(
    store::Txn& txn,
    CompanyId company,
    const EntryFilter& filter,
    EntryId after_id,
    std::int64_t entry_limit,
    std::int64_t line_limit);

}  // namespace bo::ledger::queries
