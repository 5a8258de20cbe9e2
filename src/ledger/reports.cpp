#include "ledger/reports.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <tuple>
#include <utility>

#include "core/limits.hpp"
#include "ledger/departments/service.hpp"
#include "ledger/internal.hpp"
#include "ledger/queries.hpp"
#include "ledger/service.hpp"

namespace bo::ledger {
namespace {

using core::Error;
using core::ErrorCode;

// Debit and credit totals keyed by (account id, department key; 0 = no department).
using Key = std::pair<std::int64_t, std::int64_t>;

struct DebitCredit {
    std::int64_t debit_minor = 0;
    std::int64_t credit_minor = 0;
};

using Window = std::map<Key, DebitCredit>;

core::Error overflow() {
    return Error(ErrorCode::limit_exceeded, "a report total does not fit in 64-bit minor units");
}

core::Result<void> add_into(std::int64_t& sum, std::int64_t value) {
    if (__builtin_add_overflow(sum, value, &sum)) {
        return overflow();
    }
    return core::ok();
}

core::Result<void> merge(Window& window, const std::vector<queries::Totals>& totals, int sign) {
    for (const queries::Totals& total : totals) {
        DebitCredit& slot =
            window[{total.account.value(), total.department ? total.department->value() : 0}];
        BO_TRY(add_into(slot.debit_minor, sign * total.debit_minor));
        BO_TRY(add_into(slot.credit_minor, sign * total.credit_minor));
    }
    return core::ok();
}

// The department filters whose union is `scope`: one filter, or one per department of a
// `several` scope (each department once; none for an empty list).
std::vector<queries::DepartmentFilter> filters_of(const DepartmentScope& scope) {
    switch (scope.kind) {
        case DepartmentScope::Kind::all:
            return {std::nullopt};
        case DepartmentScope::Kind::one:
            return {scope.department.value()};
        case DepartmentScope::Kind::no_department:
            return {std::int64_t{0}};
        case DepartmentScope::Kind::several:
            break;
    }
    std::vector<queries::DepartmentFilter> filters;
    for (const DepartmentId id : scope.departments) {
        if (std::find(filters.begin(), filters.end(), id.value()) == filters.end()) {
            filters.emplace_back(id.value());
        }
    }
    return filters;
}

core::Date earliest_date() {
    return core::Date::from_days_since_epoch(core::Date::days_min).value();
}

// Adds to `window` the totals of one department filter of everything dated in a non-empty
// `range`: whole periods from the maintained balances, the parts of at most two periods cut by
// the edges from their lines.
core::Result<void> add_window(Window& window,
                              store::Txn& txn,
                              CompanyId company,
                              DateRange range,
                              queries::DepartmentFilter filter) {
    const core::Date from = range.from;
    const core::Date to = range.to;
    BO_TRY_ASSIGN(const std::vector<queries::Totals> whole,
                  queries::sum_balances(txn, company, from, to, filter));
    BO_TRY(merge(window, whole, 1));
    // The period containing `from`, when it starts before `from`: its part inside the range.
    BO_TRY_ASSIGN(const std::optional<Period> first,
                  queries::select_period_for_date(txn, company, from));
    if (first && first->start_date < from) {
        BO_TRY_ASSIGN(
            const std::vector<queries::Totals> part,
            queries::sum_lines(txn, company, from, std::min(to, first->end_date), filter));
        BO_TRY(merge(window, part, 1));
    }
    // The period containing `to`, when it starts inside the range: its part before `to`. (If it
    // starts before `from` it is the same period as above, already read.)
    BO_TRY_ASSIGN(const std::optional<Period> last,
                  queries::select_period_for_date(txn, company, to));
    if (last && from <= last->start_date && last->start_date < to) {
        BO_TRY_ASSIGN(const std::vector<queries::Totals> part,
                      queries::sum_lines(txn, company, last->start_date, to, filter));
        BO_TRY(merge(window, part, 1));
    }
    return core::ok();
}

// Totals of everything dated in [from, to) in the departments of `scope`.
core::Result<Window> window_totals(store::Txn& txn,
                                   CompanyId company,
                                   core::Date from,
                                   core::Date to,
                                   const DepartmentScope& scope) {
    Window window;
    if (!(from < to)) {
        return window;
    }
    for (const queries::DepartmentFilter filter : filters_of(scope)) {
        BO_TRY(add_window(window, txn, company, DateRange{from, to}, filter));
    }
    return window;
}

core::Result<void> check_range(DateRange range) {
    if (range.to < range.from) {
        return Error::invalid("to", "must not be before from");
    }
    return core::ok();
}

core::Result<std::map<AccountId, Account>> chart_by_id(store::Txn& txn, CompanyId company) {
    BO_TRY_ASSIGN(std::vector<Account> chart, chart_of_accounts(txn, company));
    std::map<AccountId, Account> accounts;
    for (Account& account : chart) {
        accounts.emplace(account.id, std::move(account));
    }
    return accounts;
}

// Signed (debit-positive) per account, summed over departments.
core::Result<std::map<AccountId, std::int64_t>> net_by_account(const Window& window) {
    std::map<AccountId, std::int64_t> net;
    for (const auto& [key, totals] : window) {
        std::int64_t& slot = net[AccountId(key.first)];
        BO_TRY(add_into(slot, totals.debit_minor));
        BO_TRY(add_into(slot, -totals.credit_minor));
    }
    return net;
}

// Income minus expenses in `window` (credit-positive): the result not yet closed.
core::Result<std::int64_t> unclosed_earnings(const Window& window,
                                             const std::map<AccountId, Account>& chart) {
    std::int64_t earnings = 0;
    for (const auto& [key, totals] : window) {
        if (!is_profit_and_loss(chart.at(AccountId(key.first)).type)) {
            continue;
        }
        BO_TRY(add_into(earnings, totals.credit_minor));
        BO_TRY(add_into(earnings, -totals.debit_minor));
    }
    return earnings;
}

// Builds the hierarchical rows of the accounts whose type passes `include`, from natural
// (sign-adjusted) amounts per (account, department) of the current window and per account of
// the comparison window, depth-first by number.
class StatementBuilder {
public:
    StatementBuilder(const std::map<AccountId, Account>& chart,
                     const Window& window,
                     const Window& compare) {
        for (const auto& [id, account] : chart) {
            children_[account.parent_id.value_or(AccountId(0))].push_back(&account);
        }
        for (auto& [parent, kids] : children_) {
            std::sort(kids.begin(), kids.end(), [](const Account* a, const Account* b) {
                return a->number < b->number;
            });
        }
        for (const auto& [key, totals] : window) {
            own_[AccountId(key.first)][key.second] += natural(chart, key, totals);
        }
        for (const auto& [key, totals] : compare) {
            compare_own_[AccountId(key.first)] += natural(chart, key, totals);
        }
    }

    // Appends the subtree of every top-level account of `type` to `rows`.
    void add_type(AccountType type, std::vector<StatementRow>& rows) {
        for (const Account* root : children_[AccountId(0)]) {
            if (root->type == type) {
                add_subtree(*root, 0, rows);
            }
        }
    }

private:
    // The amount with the account's natural sign. Overflow was ruled out when the window was
    // summed; natural sign is a negation.
    static std::int64_t natural(const std::map<AccountId, Account>& chart,
                                const Key& key,
                                const DebitCredit& totals) {
        const auto account = chart.find(AccountId(key.first));
        BO_ASSERT(account != chart.end());
        const std::int64_t sign = is_debit_normal(account->second.type) ? 1 : -1;
        return sign * (totals.debit_minor - totals.credit_minor);
    }

    struct RolledUp {
        std::map<std::int64_t, std::int64_t> by_department;
        std::int64_t compare_minor = 0;
    };

    // Appends `account` and its descendants; answers the roll-up per department and the
    // roll-up of the comparison column.
    RolledUp add_subtree(const Account& account,
                         std::size_t depth,
                         std::vector<StatementRow>& rows) {
        BO_ASSERT(depth <= account_depth_max);
        const std::size_t index = rows.size();
        rows.push_back(StatementRow{.account = account.id,
                                    .number = account.number,
                                    .name = account.name,
                                    .type = account.type,
                                    .depth = depth,
                                    .own_minor = 0,
                                    .rolled_up_minor = 0,
                                    .by_department = {}});
        RolledUp rolled{own_[account.id], compare_own_[account.id]};
        for (const auto& [department, amount] : rolled.by_department) {
            rows[index].own_minor += amount;
        }
        rows[index].compare_own_minor = rolled.compare_minor;
        for (const Account* child : children_[account.id]) {
            const RolledUp below = add_subtree(*child, depth + 1, rows);
            for (const auto& [department, amount] : below.by_department) {
                rolled.by_department[department] += amount;
            }
            rolled.compare_minor += below.compare_minor;
        }
        for (const auto& [department, amount] : rolled.by_department) {
            rows[index].rolled_up_minor += amount;
            if (amount != 0) {
                rows[index].by_department.emplace_back(department, amount);
            }
        }
        rows[index].compare_rolled_up_minor = rolled.compare_minor;
        return rolled;
    }

    std::map<AccountId, std::vector<const Account*>> children_;
    std::map<AccountId, std::map<std::int64_t, std::int64_t>> own_;
    std::map<AccountId, std::int64_t> compare_own_;
};

// Drops the rows whose subtree has no amount at all, in either column.
void drop_empty(std::vector<StatementRow>& rows) {
    std::erase_if(rows, [](const StatementRow& row) {
        return row.rolled_up_minor == 0 && row.by_department.empty()
               && row.compare_rolled_up_minor == 0;
    });
}

enum class Column { current, compare };

std::int64_t top_level_total(const std::vector<StatementRow>& rows,
                             AccountType type,
                             Column column) {
    std::int64_t total = 0;
    for (const StatementRow& row : rows) {
        if (row.depth == 0 && row.type == type) {
            total += column == Column::current ? row.rolled_up_minor : row.compare_rolled_up_minor;
        }
    }
    return total;
}

core::Result<core::Date> year_earlier(core::Date date) {
    BO_TRY_ASSIGN(const core::Date shifted, date.add_months(-12));
    return date == date.end_of_month() ? shifted.end_of_month() : shifted;
}

core::Result<core::Date> month_earlier(core::Date date) {
    BO_TRY_ASSIGN(const core::Date shifted, date.add_months(-1));
    return date == date.end_of_month() ? shifted.end_of_month() : shifted;
}

core::Result<DateRange> previous_period(DateRange range) {
    if (range.from.day() == 1 && range.to.day() == 1) {
        const std::int64_t months = (std::int64_t{range.to.year()} - range.from.year()) * 12
                                    + range.to.month() - range.from.month();
        BO_TRY_ASSIGN(const core::Date from, range.from.add_months(-months));
        return DateRange{from, range.from};
    }
    BO_TRY_ASSIGN(const core::Date from,
                  range.from.add_days(-core::days_between(range.from, range.to)));
    return DateRange{from, range.from};
}

core::Result<DateRange> previous_year(DateRange range) {
    BO_TRY_ASSIGN(const core::Date from, year_earlier(range.from));
    if (!(range.from < range.to)) {
        return DateRange{from, from};
    }
    // The last day inside the range keeps its place in the month (a month-end stays one).
    BO_TRY_ASSIGN(const core::Date last, range.to.add_days(-1));
    BO_TRY_ASSIGN(const core::Date last_before, year_earlier(last));
    BO_TRY_ASSIGN(const core::Date to, last_before.add_days(1));
    return DateRange{from, to};
}

core::Error outside_calendar() {
    return Error::invalid("compare", "the compared dates fall outside the calendar");
}

// Natural-sign (debit-positive for debit-normal accounts) trial balance columns per account.
struct TrialColumns {
    std::map<AccountId, std::int64_t> opening;
    std::map<AccountId, DebitCredit> moved;
};

core::Result<TrialColumns> trial_columns(store::Txn& txn,
                                         CompanyId company,
                                         DateRange range,
                                         const DepartmentScope& scope) {
    BO_TRY_ASSIGN(const Window opening,
                  window_totals(txn, company, earliest_date(), range.from, scope));
    BO_TRY_ASSIGN(const Window movements, window_totals(txn, company, range.from, range.to, scope));
    TrialColumns columns;
    BO_TRY_ASSIGN(columns.opening, net_by_account(opening));
    for (const auto& [key, totals] : movements) {
        DebitCredit& slot = columns.moved[AccountId(key.first)];
        BO_TRY(add_into(slot.debit_minor, totals.debit_minor));
        BO_TRY(add_into(slot.credit_minor, totals.credit_minor));
    }
    return columns;
}

// The amounts of `account` in `columns`; `present` tells whether it has any.
core::Result<TrialBalanceAmounts> amounts_of(const TrialColumns& columns,
                                             AccountId account,
                                             bool& present) {
    TrialBalanceAmounts amounts;
    const auto open = columns.opening.find(account);
    const auto move = columns.moved.find(account);
    present = open != columns.opening.end() || move != columns.moved.end();
    amounts.opening_minor = open == columns.opening.end() ? 0 : open->second;
    if (move != columns.moved.end()) {
        amounts.debit_minor = move->second.debit_minor;
        amounts.credit_minor = move->second.credit_minor;
    }
    amounts.closing_minor = amounts.opening_minor;
    BO_TRY(add_into(amounts.closing_minor, amounts.debit_minor));
    BO_TRY(add_into(amounts.closing_minor, -amounts.credit_minor));
    return amounts;
}

core::Result<void> add_amounts(TrialBalanceAmounts& total, const TrialBalanceAmounts& amounts) {
    BO_TRY(add_into(total.opening_minor, amounts.opening_minor));
    BO_TRY(add_into(total.debit_minor, amounts.debit_minor));
    BO_TRY(add_into(total.credit_minor, amounts.credit_minor));
    return add_into(total.closing_minor, amounts.closing_minor);
}

}  // namespace

core::Result<Comparison> parse_comparison(std::string_view text, std::string_view field) {
    if (text == "previous_period") {
        return Comparison::previous_period;
    }
    if (text == "previous_year") {
        return Comparison::previous_year;
    }
    return Error::invalid(std::string(field), "must be previous_period or previous_year");
}

core::Result<DateRange> compared_range(DateRange range, Comparison comparison) {
    BO_ASSERT(comparison != Comparison::none);
    core::Result<DateRange> compared =
        comparison == Comparison::previous_period ? previous_period(range) : previous_year(range);
    if (!compared) {
        return outside_calendar();
    }
    return compared;
}

core::Result<core::Date> compared_date(core::Date as_of, Comparison comparison) {
    BO_ASSERT(comparison != Comparison::none);
    core::Result<core::Date> compared =
        comparison == Comparison::previous_period ? month_earlier(as_of) : year_earlier(as_of);
    if (!compared) {
        return outside_calendar();
    }
    return compared;
}

std::optional<std::int64_t> change_basis_points(std::int64_t current, std::int64_t previous) {
    constexpr std::int64_t basis_points = 10'000;
    if (previous == 0) {
        return std::nullopt;
    }
    const core::Int128 change = (core::Int128{current} - previous) * basis_points;
    const core::Int128 magnitude = previous < 0 ? -core::Int128{previous} : previous;
    const core::Int128 rounded =
        core::round_quotient(change, magnitude, core::RoundingMode::half_even);
    if (rounded > std::numeric_limits<std::int64_t>::max()
        || rounded < std::numeric_limits<std::int64_t>::min()) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(rounded);
}

core::Result<TrialBalance> trial_balance(store::Txn& txn,
                                         CompanyId company,
                                         DateRange range,
                                         const DepartmentScope& scope,
                                         Comparison compare) {
    BO_TRY(check_range(range));
    BO_TRY_ASSIGN(const core::Currency currency, internal::functional_currency(txn, company));
    BO_TRY_ASSIGN(const auto chart, chart_by_id(txn, company));
    BO_TRY_ASSIGN(const TrialColumns current, trial_columns(txn, company, range, scope));
    TrialBalance report{.currency = currency, .range = range, .rows = {}};
    TrialColumns previous;
    if (compare != Comparison::none) {
        BO_TRY_ASSIGN(report.compare_range, compared_range(range, compare));
        BO_TRY_ASSIGN(previous, trial_columns(txn, company, *report.compare_range, scope));
    }
    TrialBalanceAmounts total;
    for (const auto& [id, account] : chart) {
        bool in_current = false;
        bool in_previous = false;
        BO_TRY_ASSIGN(const TrialBalanceAmounts now, amounts_of(current, id, in_current));
        BO_TRY_ASSIGN(const TrialBalanceAmounts before, amounts_of(previous, id, in_previous));
        if (!in_current && !in_previous) {
            continue;
        }
        BO_TRY(add_amounts(total, now));
        BO_TRY(add_amounts(report.compare_total, before));
        report.rows.push_back(TrialBalanceRow{.account = id,
                                              .number = account.number,
                                              .name = account.name,
                                              .type = account.type,
                                              .opening_minor = now.opening_minor,
                                              .debit_minor = now.debit_minor,
                                              .credit_minor = now.credit_minor,
                                              .closing_minor = now.closing_minor,
                                              .compare = before});
    }
    report.opening_total_minor = total.opening_minor;
    report.debit_total_minor = total.debit_minor;
    report.credit_total_minor = total.credit_minor;
    report.closing_total_minor = total.closing_minor;
    std::sort(report.rows.begin(), report.rows.end(), [](const auto& a, const auto& b) {
        return a.number < b.number;
    });
    if (scope.kind == DepartmentScope::Kind::all) {
        // Every posted entry balances, so the whole ledger does (checked twice: post() and
        // the database constraint; this is the third look).
        BO_ASSERT(report.debit_total_minor == report.credit_total_minor);
        BO_ASSERT(report.opening_total_minor == 0);
        BO_ASSERT(report.closing_total_minor == 0);
        BO_ASSERT(report.compare_total.closing_minor == 0);
    }
    return report;
}

namespace {

// Income and expenses of `range` per (account, department), closing entries taken out.
core::Result<Window> profit_and_loss_window(store::Txn& txn,
                                            CompanyId company,
                                            DateRange range,
                                            const DepartmentScope& scope,
                                            const std::map<AccountId, Account>& chart) {
    BO_TRY_ASSIGN(Window window, window_totals(txn, company, range.from, range.to, scope));
    for (const queries::DepartmentFilter filter : filters_of(scope)) {
        BO_TRY_ASSIGN(const std::vector<queries::Totals> closing,
                      queries::sum_closing_lines(txn, company, range.from, range.to, filter));
        BO_TRY(merge(window, closing, -1));
    }
    std::erase_if(window, [&](const auto& item) {
        return !is_profit_and_loss(chart.at(AccountId(item.first.first)).type);
    });
    return window;
}

// Everything dated on or before `as_of`, and the result not yet closed, split out.
struct PositionWindow {
    Window window;  // assets, liabilities and equity
    std::int64_t earnings_minor = 0;
};

core::Result<PositionWindow> position_window(store::Txn& txn,
                                             CompanyId company,
                                             core::Date as_of,
                                             const DepartmentScope& scope,
                                             const std::map<AccountId, Account>& chart) {
    BO_TRY_ASSIGN(const core::Date end, as_of.add_days(1));
    PositionWindow position;
    BO_TRY_ASSIGN(position.window, window_totals(txn, company, earliest_date(), end, scope));
    BO_TRY_ASSIGN(position.earnings_minor, unclosed_earnings(position.window, chart));
    std::erase_if(position.window, [&](const auto& item) {
        return is_profit_and_loss(chart.at(AccountId(item.first.first)).type);
    });
    return position;
}

}  // namespace

core::Result<IncomeStatement> income_statement(store::Txn& txn,
                                               CompanyId company,
                                               DateRange range,
                                               const DepartmentScope& scope,
                                               Comparison compare) {
    BO_TRY(check_range(range));
    BO_TRY_ASSIGN(const core::Currency currency, internal::functional_currency(txn, company));
    BO_TRY_ASSIGN(const auto chart, chart_by_id(txn, company));
    BO_TRY_ASSIGN(const Window window, profit_and_loss_window(txn, company, range, scope, chart));
    IncomeStatement report{.currency = currency, .range = range, .rows = {}};
    Window previous;
    if (compare != Comparison::none) {
        BO_TRY_ASSIGN(report.compare_range, compared_range(range, compare));
        BO_TRY_ASSIGN(previous,
                      profit_and_loss_window(txn, company, *report.compare_range, scope, chart));
    }
    StatementBuilder builder(chart, window, previous);
    builder.add_type(AccountType::income, report.rows);
    builder.add_type(AccountType::expense, report.rows);
    drop_empty(report.rows);
    report.income_total_minor = top_level_total(report.rows, AccountType::income, Column::current);
    report.expense_total_minor =
        top_level_total(report.rows, AccountType::expense, Column::current);
    report.net_income_minor = report.income_total_minor;
    BO_TRY(add_into(report.net_income_minor, -report.expense_total_minor));
    report.compare_income_total_minor =
        top_level_total(report.rows, AccountType::income, Column::compare);
    report.compare_expense_total_minor =
        top_level_total(report.rows, AccountType::expense, Column::compare);
    report.compare_net_income_minor = report.compare_income_total_minor;
    BO_TRY(add_into(report.compare_net_income_minor, -report.compare_expense_total_minor));
    return report;
}

core::Result<BalanceSheet> balance_sheet(store::Txn& txn,
                                         CompanyId company,
                                         core::Date as_of,
                                         const DepartmentScope& scope,
                                         Comparison compare) {
    BO_TRY_ASSIGN(const core::Currency currency, internal::functional_currency(txn, company));
    BO_TRY_ASSIGN(const auto chart, chart_by_id(txn, company));
    BO_TRY_ASSIGN(const PositionWindow current, position_window(txn, company, as_of, scope, chart));
    BalanceSheet report{.currency = currency, .as_of = as_of, .rows = {}};
    PositionWindow previous;
    if (compare != Comparison::none) {
        BO_TRY_ASSIGN(report.compare_as_of, compared_date(as_of, compare));
        BO_TRY_ASSIGN(previous, position_window(txn, company, *report.compare_as_of, scope, chart));
    }
    StatementBuilder builder(chart, current.window, previous.window);
    builder.add_type(AccountType::asset, report.rows);
    builder.add_type(AccountType::liability, report.rows);
    builder.add_type(AccountType::equity, report.rows);
    drop_empty(report.rows);
    const auto totals = [&](Column column,
                            std::int64_t earnings,
                            std::int64_t& assets,
                            std::int64_t& liabilities,
                            std::int64_t& equity) -> core::Result<void> {
        assets = top_level_total(report.rows, AccountType::asset, column);
        liabilities = top_level_total(report.rows, AccountType::liability, column);
        equity = top_level_total(report.rows, AccountType::equity, column);
        return add_into(equity, earnings);
    };
    report.current_earnings_minor = current.earnings_minor;
    BO_TRY(totals(Column::current,
                  current.earnings_minor,
                  report.assets_total_minor,
                  report.liabilities_total_minor,
                  report.equity_total_minor));
    report.compare_current_earnings_minor = previous.earnings_minor;
    BO_TRY(totals(Column::compare,
                  previous.earnings_minor,
                  report.compare_assets_total_minor,
                  report.compare_liabilities_total_minor,
                  report.compare_equity_total_minor));
    if (scope.kind == DepartmentScope::Kind::all) {
        BO_ASSERT(report.assets_total_minor
                  == report.liabilities_total_minor + report.equity_total_minor);
        BO_ASSERT(report.compare_assets_total_minor
                  == report.compare_liabilities_total_minor + report.compare_equity_total_minor);
    }
    return report;
}

namespace {

// The lines of `account` in `range` in the departments of `scope`, by date, entry and line;
// limit_exceeded beyond general_ledger_lines_max.
core::Result<std::vector<queries::DetailLine>> detail_lines(store::Txn& txn,
                                                            CompanyId company,
                                                            AccountId account,
                                                            DateRange range,
                                                            const DepartmentScope& scope) {
    const auto limit = static_cast<std::int64_t>(general_ledger_lines_max) + 1;
    std::vector<queries::DetailLine> lines;
    for (const queries::DepartmentFilter filter : filters_of(scope)) {
        BO_TRY_ASSIGN(std::vector<queries::DetailLine> part,
                      queries::select_account_lines(txn, company, account, range, filter, limit));
        lines.insert(lines.end(),
                     std::make_move_iterator(part.begin()),
                     std::make_move_iterator(part.end()));
        if (lines.size() > general_ledger_lines_max) {
            return Error(ErrorCode::limit_exceeded,
                         "more than " + std::to_string(general_ledger_lines_max)
                             + " lines in the range; narrow it");
        }
    }
    std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) {
        return std::tie(a.date, a.entry, a.line.line_number)
               < std::tie(b.date, b.entry, b.line.line_number);
    });
    return lines;
}

}  // namespace

core::Result<GeneralLedger> general_ledger(store::Txn& txn,
                                           CompanyId company,
                                           AccountId account_id,
                                           DateRange range,
                                           const DepartmentScope& scope) {
    BO_TRY(check_range(range));
    BO_TRY_ASSIGN(const std::optional<Account> account,
                  queries::select_account(txn, company, account_id));
    if (!account) {
        return Error(ErrorCode::not_found, "no such account");
    }
    BO_TRY_ASSIGN(const core::Currency currency, internal::functional_currency(txn, company));
    BO_TRY_ASSIGN(const Window opening,
                  window_totals(txn, company, earliest_date(), range.from, scope));
    GeneralLedger report{
        .currency = currency, .account = *account, .range = range, .opening_minor = 0, .lines = {}};
    BO_TRY_ASSIGN(const auto opening_net, net_by_account(opening));
    if (const auto found = opening_net.find(account_id); found != opening_net.end()) {
        report.opening_minor = found->second;
    }
    BO_TRY_ASSIGN(const std::vector<queries::DetailLine> lines,
                  detail_lines(txn, company, account_id, range, scope));
    std::int64_t running = report.opening_minor;
    for (const queries::DetailLine& detail : lines) {
        const bool debit = detail.line.side == Side::debit;
        BO_TRY(add_into(running,
                        debit ? detail.line.functional_minor : -detail.line.functional_minor));
        report.lines.push_back(LedgerDetailLine{
            .entry = detail.entry,
            .line_number = detail.line.line_number,
            .entry_reference = detail.fiscal_year_name + "/" + std::to_string(detail.entry_number),
            .date = detail.date,
            .memo = detail.line.memo.empty() ? detail.entry_memo : detail.line.memo,
            .source = detail.source,
            .department = detail.line.department,
            .party = detail.line.party,
            .debit_minor = debit ? detail.line.functional_minor : 0,
            .credit_minor = debit ? 0 : detail.line.functional_minor,
            .running_balance_minor = running,
            .amount = detail.line.amount});
    }
    report.closing_minor = running;
    return report;
}

core::Result<std::string> company_name(store::Txn& txn, CompanyId company) {
    return queries::select_company_name(txn, company);
}

core::Result<std::map<std::int64_t, std::string>> department_codes(store::Txn& txn,
                                                                   CompanyId company) {
    // Pages of page_size_max; the bound on pages keeps the walk finite whatever the table holds.
    constexpr std::size_t pages_max = 1000;
    std::map<std::int64_t, std::string> codes;
    departments::DepartmentId after(0);
    for (std::size_t page = 0; page < pages_max; ++page) {
        BO_TRY_ASSIGN(const std::vector<departments::Department> found,
                      departments::list_departments(
                          txn, company, after, static_cast<std::int64_t>(core::page_size_max)));
        for (const departments::Department& department : found) {
            codes.emplace(department.id.value(), department.code);
        }
        if (found.size() < core::page_size_max) {
            break;
        }
        after = found.back().id;
    }
    return codes;
}

// --- journal listing ---------------------------------------------------------------------------

namespace {

// The memo text as a LIKE pattern: lower-cased (ASCII), with % _ and the escape '!' escaped.
std::string memo_pattern(std::string_view text) {
    if (text.empty()) {
        return {};
    }
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '!') {
            pattern += '!';
        }
        pattern += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    pattern += '%';
    return pattern;
}

core::Result<queries::EntryFilter> entry_filter(const JournalFilter& filter) {
    if (filter.memo_contains.size() > memo_search_chars_max) {
        return Error::invalid(
            "memo", "must be at most " + std::to_string(memo_search_chars_max) + " characters");
    }
    BO_ASSERT(filter.department.kind != DepartmentScope::Kind::several);
    const DateRange range{
        filter.from.value_or(earliest_date()),
        filter.to.value_or(core::Date::from_days_since_epoch(core::Date::days_max).value())};
    BO_TRY(check_range(range));
    return queries::EntryFilter{.range = range,
                                .source_type = filter.source_type.value_or(""),
                                .account = filter.account.value_or(AccountId(0)),
                                .department = filters_of(filter.department).front(),
                                .memo_pattern = memo_pattern(filter.memo_contains)};
}

}  // namespace

core::Result<std::vector<PostedEntry>> journal_listing(store::Txn& txn,
                                                       CompanyId company,
                                                       const JournalFilter& filter,
                                                       EntryId after,
                                                       std::size_t limit) {
    BO_TRY_ASSIGN(const queries::EntryFilter where, entry_filter(filter));
    return queries::select_filtered_entries(
        txn, company, where, after, static_cast<std::int64_t>(limit));
}

core::Result<std::vector<PostedEntry>> journal_export(store::Txn& txn,
                                                      CompanyId company,
                                                      const JournalFilter& filter,
                                                      EntryId after) {
    BO_TRY_ASSIGN(const queries::EntryFilter where, entry_filter(filter));
    BO_TRY_ASSIGN(std::vector<PostedEntry> entries,
                  queries::select_filtered_entries_with_lines(
                      txn,
                      company,
                      where,
                      after,
                      static_cast<std::int64_t>(journal_export_entries_max) + 1,
                      static_cast<std::int64_t>(journal_export_lines_max) + 1));
    std::size_t lines = 0;
    for (const PostedEntry& entry : entries) {
        lines += entry.lines.size();
    }
    if (entries.size() > journal_export_entries_max || lines > journal_export_lines_max) {
        return Error(ErrorCode::limit_exceeded,
                     "the listing holds more than " + std::to_string(journal_export_entries_max)
                         + " entries or " + std::to_string(journal_export_lines_max)
                         + " lines; narrow the filters");
    }
    return entries;
}

}  // namespace bo::ledger
