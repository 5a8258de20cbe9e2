// Maintained balances: the recomputation check, and the year-end close.
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "core/limits.hpp"
#include "ledger/departments/service.hpp"
#include "ledger/internal.hpp"
#include "ledger/journal_internal.hpp"
#include "ledger/queries.hpp"
#include "ledger/service.hpp"

namespace bo::ledger {
namespace {

using BalanceKey = std::tuple<std::int64_t, std::int64_t, std::int64_t>;

BalanceKey key_of(const BalanceRow& row) {
    return {row.account.value(), row.department ? row.department->value() : 0, row.period.value()};
}

// Lines whose account or department is not the company's. The recomputed totals name every
// account and department the lines use, so those few are looked up; only if one is foreign
// are the lines counted (a scan as long as the recomputation).
core::Result<std::int64_t> foreign_lines(store::Txn& txn,
                                         CompanyId company,
                                         const std::vector<BalanceRow>& recomputed) {
    std::set<AccountId> accounts;
    std::set<DepartmentId> departments;
    for (const BalanceRow& row : recomputed) {
        accounts.insert(row.account);
        if (row.department) {
            departments.insert(*row.department);
        }
    }
    bool foreign = false;
    for (const AccountId account : accounts) {
        BO_TRY_ASSIGN(const std::optional<Account> found,
                      queries::select_account(txn, company, account));
        foreign = foreign || !found.has_value();
    }
    for (const DepartmentId department : departments) {
        BO_TRY_ASSIGN(const std::optional<departments::Department> found,
                      departments::find_department_by_id(txn, company, department));
        foreign = foreign || !found.has_value();
    }
    if (!foreign) {
        return std::int64_t{0};
    }
    return queries::count_foreign_lines(txn, company);
}

// The closing lines of one fiscal year: every non-zero P&L balance per (account, department)
// brought to zero, and per department the opposite amount on retained earnings.
core::Result<std::vector<LineInput>> closing_lines(store::Txn& txn,
                                                   CompanyId company,
                                                   const FiscalYear& year,
                                                   const Account& retained_earnings,
                                                   core::Currency functional) {
    BO_TRY_ASSIGN(const std::vector<Account> chart, chart_of_accounts(txn, company));
    std::map<AccountId, AccountType> types;
    for (const Account& account : chart) {
        types.emplace(account.id, account.type);
    }
    BO_TRY_ASSIGN(
        const std::vector<queries::Totals> totals,
        queries::sum_balances(txn, company, year.start_date, year.end_date, std::nullopt));
    std::vector<LineInput> lines;
    std::map<std::int64_t, std::int64_t> retained_per_department;  // net debit per department
    for (const queries::Totals& total : totals) {
        const auto type = types.find(total.account);
        BO_ASSERT(type != types.end());
        if (!is_profit_and_loss(type->second) || total.debit_minor == total.credit_minor) {
            continue;
        }
        std::int64_t net = 0;  // debit-positive
        if (__builtin_sub_overflow(total.debit_minor, total.credit_minor, &net)) {
            return core::Error(core::ErrorCode::limit_exceeded, "a balance does not fit in int64");
        }
        lines.push_back(LineInput{.account = total.account,
                                  .department = total.department,
                                  .party = std::nullopt,
                                  .side = net > 0 ? Side::credit : Side::debit,
                                  .amount = core::Money{net > 0 ? net : -net, functional},
                                  .memo = "Year-end close"});
        std::int64_t& department_net =
            retained_per_department[total.department ? total.department->value() : 0];
        if (__builtin_add_overflow(department_net, net, &department_net)) {
            return core::Error(core::ErrorCode::limit_exceeded, "a result does not fit in int64");
        }
    }
    for (const auto& [department, net] : retained_per_department) {
        if (net == 0) {
            continue;
        }
        lines.push_back(LineInput{
            .account = retained_earnings.id,
            .department = department == 0 ? std::nullopt
                                          : std::optional<DepartmentId>(DepartmentId(department)),
            .party = std::nullopt,
            .side = net > 0 ? Side::debit : Side::credit,
            .amount = core::Money{net > 0 ? net : -net, functional},
            .memo = "Year-end close: result of " + year.name});
    }
    return lines;
}

// Closes every open period of `year` (each audited); answers how many.
core::Result<std::int64_t> close_open_periods(store::Txn& txn,
                                              const core::Clock& clock,
                                              const Actor& actor,
                                              FiscalYearId year) {
    BO_TRY_ASSIGN(const std::vector<Period> periods,
                  queries::select_periods(txn, actor.company, year));
    std::int64_t closed = 0;
    for (const Period& period : periods) {
        if (period.status != PeriodStatus::open) {
            continue;
        }
        BO_TRY(close_period(txn, clock, actor, period.id));
        ++closed;
    }
    return closed;
}

}  // namespace

core::Result<std::vector<BalanceRow>> maintained_balances(store::Txn& txn, CompanyId company) {
    return queries::select_balances(txn, company);
}

core::Result<BalanceCheck> check_balances(store::Txn& txn, CompanyId company) {
    BO_TRY_ASSIGN(const std::vector<BalanceRow> maintained, queries::select_balances(txn, company));
    BO_TRY_ASSIGN(const std::vector<BalanceRow> recomputed,
                  queries::recompute_balances(txn, company));
    std::map<BalanceKey, BalanceDifference> rows;
    for (const BalanceRow& row : maintained) {
        BalanceDifference& slot = rows[key_of(row)];
        slot.account = row.account;
        slot.department = row.department;
        slot.period = row.period;
        slot.maintained_debit_minor = row.debit_minor;
        slot.maintained_credit_minor = row.credit_minor;
    }
    for (const BalanceRow& row : recomputed) {
        BalanceDifference& slot = rows[key_of(row)];
        slot.account = row.account;
        slot.department = row.department;
        slot.period = row.period;
        slot.recomputed_debit_minor = row.debit_minor;
        slot.recomputed_credit_minor = row.credit_minor;
    }
    BalanceCheck check;
    check.balance_rows = static_cast<std::int64_t>(maintained.size());
    for (const auto& [key, row] : rows) {
        if (row.maintained_debit_minor != row.recomputed_debit_minor
            || row.maintained_credit_minor != row.recomputed_credit_minor) {
            check.differences.push_back(row);
        }
    }
    BO_TRY_ASSIGN(check.entries, queries::count_entries(txn, company));
    BO_TRY_ASSIGN(check.unbalanced_entries, queries::count_unbalanced_entries(txn, company));
    BO_TRY_ASSIGN(check.foreign_lines, foreign_lines(txn, company, recomputed));
    BO_TRY_ASSIGN(check.orphan_lines, queries::count_orphan_lines(txn, company));
    return check;
}

core::Result<YearEndClose> close_year(store::Txn& txn,
                                      const core::Clock& clock,
                                      const Actor& actor,
                                      FiscalYearId year_id,
                                      AccountId retained_earnings_id) {
    BO_TRY_ASSIGN(const std::optional<FiscalYear> year,
                  queries::select_fiscal_year(txn, actor.company, year_id));
    if (!year) {
        return core::Error(core::ErrorCode::not_found, "no such fiscal year");
    }
    if (year->closed) {
        return core::Error(core::ErrorCode::conflict, "fiscal year " + year->name + " is closed");
    }
    BO_TRY_ASSIGN(const std::optional<Account> retained,
                  queries::select_account(txn, actor.company, retained_earnings_id));
    if (!retained || retained->type != AccountType::equity || !retained->active) {
        return core::Error::invalid("retained_earnings",
                                    "must be an active equity account of this company");
    }
    BO_TRY_ASSIGN(const core::Currency functional,
                  internal::functional_currency(txn, actor.company));
    BO_TRY_ASSIGN(std::vector<LineInput> lines,
                  closing_lines(txn, actor.company, *year, *retained, functional));
    YearEndClose result;
    if (!lines.empty()) {
        BO_TRY_ASSIGN(const core::Date last_day, year->end_date.add_days(-1));
        const EntryInput input{.date = last_day,
                               .memo = "Year-end close of " + year->name,
                               .source = Source{"year_end_close", year->name, Subledger::none},
                               .lines = std::move(lines)};
        internal::ReferenceCache cache;
        BO_TRY_ASSIGN(PostedEntry prepared, internal::prepare_entry(txn, actor, input, cache));
        BO_TRY_ASSIGN(
            result.closing_entry,
            internal::write_entry(
                txn, clock, actor, std::move(prepared), "ledger.fiscal_year.closing_entry"));
    }
    BO_TRY_ASSIGN(result.periods_closed, close_open_periods(txn, clock, actor, year_id));
    BO_TRY(queries::update_fiscal_year_closed(txn, actor.company, year_id));
    BO_TRY(internal::audit(txn,
                           clock,
                           actor,
                           {"ledger.fiscal_year.close",
                            "fiscal_year",
                            year_id.value(),
                            {{"closed", "false", "true"}}}));
    return result;
}

}  // namespace bo::ledger
