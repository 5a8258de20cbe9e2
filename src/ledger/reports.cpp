#include "ledger/reports.hpp"

#include <algorithm>
#include <map>
#include <utility>

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

queries::DepartmentFilter filter_of(DepartmentScope scope) {
    switch (scope.kind) {
        case DepartmentScope::Kind::all:
            return std::nullopt;
        case DepartmentScope::Kind::one:
            return scope.department.value();
        case DepartmentScope::Kind::no_department:
            return std::int64_t{0};
    }
    return std::nullopt;
}

core::Date earliest_date() {
    return core::Date::from_days_since_epoch(core::Date::days_min).value();
}

// Totals of everything dated in [from, to): whole periods from the maintained balances, the
// parts of at most two periods cut by the edges from their lines.
core::Result<Window> window_totals(
    store::Txn& txn, CompanyId company, core::Date from, core::Date to, DepartmentScope scope) {
    Window window;
    if (!(from < to)) {
        return window;
    }
    const queries::DepartmentFilter filter = filter_of(scope);
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
// (sign-adjusted) amounts per (account, department), depth-first by number.
class StatementBuilder {
public:
    StatementBuilder(const std::map<AccountId, Account>& chart, const Window& window)
        : chart_(chart) {
        for (const auto& [id, account] : chart) {
            children_[account.parent_id.value_or(AccountId(0))].push_back(&account);
        }
        for (auto& [parent, kids] : children_) {
            std::sort(kids.begin(), kids.end(), [](const Account* a, const Account* b) {
                return a->number < b->number;
            });
        }
        for (const auto& [key, totals] : window) {
            const auto account = chart.find(AccountId(key.first));
            BO_ASSERT(account != chart.end());
            const std::int64_t sign = is_debit_normal(account->second.type) ? 1 : -1;
            // Overflow was ruled out when the window was summed; natural sign is a negation.
            own_[account->first][key.second] += sign * (totals.debit_minor - totals.credit_minor);
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
    // Appends `account` and its descendants; answers the roll-up per department.
    std::map<std::int64_t, std::int64_t> add_subtree(const Account& account,
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
        std::map<std::int64_t, std::int64_t> rolled = own_[account.id];
        for (const auto& [department, amount] : rolled) {
            rows[index].own_minor += amount;
        }
        for (const Account* child : children_[account.id]) {
            for (const auto& [department, amount] : add_subtree(*child, depth + 1, rows)) {
                rolled[department] += amount;
            }
        }
        for (const auto& [department, amount] : rolled) {
            rows[index].rolled_up_minor += amount;
            if (amount != 0) {
                rows[index].by_department.emplace_back(department, amount);
            }
        }
        return rolled;
    }

    const std::map<AccountId, Account>& chart_;
    std::map<AccountId, std::vector<const Account*>> children_;
    std::map<AccountId, std::map<std::int64_t, std::int64_t>> own_;
};

// Drops the rows whose subtree has no amount at all.
void drop_empty(std::vector<StatementRow>& rows) {
    std::erase_if(rows, [](const StatementRow& row) {
        return row.rolled_up_minor == 0 && row.by_department.empty();
    });
}

std::int64_t top_level_total(const std::vector<StatementRow>& rows, AccountType type) {
    std::int64_t total = 0;
    for (const StatementRow& row : rows) {
        if (row.depth == 0 && row.type == type) {
            total += row.rolled_up_minor;
        }
    }
    return total;
}

}  // namespace

core::Result<TrialBalance> trial_balance(store::Txn& txn,
                                         CompanyId company,
                                         DateRange range,
                                         DepartmentScope scope) {
    BO_TRY(check_range(range));
    BO_TRY_ASSIGN(const core::Currency currency, internal::functional_currency(txn, company));
    BO_TRY_ASSIGN(const auto chart, chart_by_id(txn, company));
    BO_TRY_ASSIGN(const Window opening,
                  window_totals(txn, company, earliest_date(), range.from, scope));
    BO_TRY_ASSIGN(const Window movements, window_totals(txn, company, range.from, range.to, scope));
    BO_TRY_ASSIGN(const auto opening_net, net_by_account(opening));
    std::map<AccountId, DebitCredit> moved;
    for (const auto& [key, totals] : movements) {
        DebitCredit& slot = moved[AccountId(key.first)];
        BO_TRY(add_into(slot.debit_minor, totals.debit_minor));
        BO_TRY(add_into(slot.credit_minor, totals.credit_minor));
    }
    TrialBalance report{.currency = currency, .range = range, .rows = {}};
    for (const auto& [id, account] : chart) {
        const auto open = opening_net.find(id);
        const auto move = moved.find(id);
        if (open == opening_net.end() && move == moved.end()) {
            continue;
        }
        TrialBalanceRow row{
            .account = id, .number = account.number, .name = account.name, .type = account.type};
        row.opening_minor = open == opening_net.end() ? 0 : open->second;
        if (move != moved.end()) {
            row.debit_minor = move->second.debit_minor;
            row.credit_minor = move->second.credit_minor;
        }
        row.closing_minor = row.opening_minor;
        BO_TRY(add_into(row.closing_minor, row.debit_minor));
        BO_TRY(add_into(row.closing_minor, -row.credit_minor));
        BO_TRY(add_into(report.opening_total_minor, row.opening_minor));
        BO_TRY(add_into(report.debit_total_minor, row.debit_minor));
        BO_TRY(add_into(report.credit_total_minor, row.credit_minor));
        BO_TRY(add_into(report.closing_total_minor, row.closing_minor));
        report.rows.push_back(std::move(row));
    }
    std::sort(report.rows.begin(), report.rows.end(), [](const auto& a, const auto& b) {
        return a.number < b.number;
    });
    if (scope.kind == DepartmentScope::Kind::all) {
        // Every posted entry balances, so the whole ledger does (checked twice: post() and
        // the database constraint; this is the third look).
        BO_ASSERT(report.debit_total_minor == report.credit_total_minor);
        BO_ASSERT(report.opening_total_minor == 0);
        BO_ASSERT(report.closing_total_minor == 0);
    }
    return report;
}

core::Result<IncomeStatement> income_statement(store::Txn& txn,
                                               CompanyId company,
                                               DateRange range,
                                               DepartmentScope scope) {
    BO_TRY(check_range(range));
    BO_TRY_ASSIGN(const core::Currency currency, internal::functional_currency(txn, company));
    BO_TRY_ASSIGN(const auto chart, chart_by_id(txn, company));
    BO_TRY_ASSIGN(Window window, window_totals(txn, company, range.from, range.to, scope));
    BO_TRY_ASSIGN(const std::vector<queries::Totals> closing,
                  queries::sum_closing_lines(txn, company, range.from, range.to, filter_of(scope)));
    BO_TRY(merge(window, closing, -1));
    std::erase_if(window, [&](const auto& item) {
        return !is_profit_and_loss(chart.at(AccountId(item.first.first)).type);
    });
    StatementBuilder builder(chart, window);
    IncomeStatement report{.currency = currency, .range = range, .rows = {}};
    builder.add_type(AccountType::income, report.rows);
    builder.add_type(AccountType::expense, report.rows);
    drop_empty(report.rows);
    report.income_total_minor = top_level_total(report.rows, AccountType::income);
    report.expense_total_minor = top_level_total(report.rows, AccountType::expense);
    report.net_income_minor = report.income_total_minor;
    BO_TRY(add_into(report.net_income_minor, -report.expense_total_minor));
    return report;
}

core::Result<BalanceSheet> balance_sheet(store::Txn& txn,
                                         CompanyId company,
                                         core::Date as_of,
                                         DepartmentScope scope) {
    BO_TRY_ASSIGN(const core::Currency currency, internal::functional_currency(txn, company));
    BO_TRY_ASSIGN(const auto chart, chart_by_id(txn, company));
    BO_TRY_ASSIGN(const core::Date end, as_of.add_days(1));
    BO_TRY_ASSIGN(Window window, window_totals(txn, company, earliest_date(), end, scope));
    BO_TRY_ASSIGN(const std::int64_t earnings, unclosed_earnings(window, chart));
    std::erase_if(window, [&](const auto& item) {
        return is_profit_and_loss(chart.at(AccountId(item.first.first)).type);
    });
    StatementBuilder builder(chart, window);
    BalanceSheet report{.currency = currency, .as_of = as_of, .rows = {}};
    builder.add_type(AccountType::asset, report.rows);
    builder.add_type(AccountType::liability, report.rows);
    builder.add_type(AccountType::equity, report.rows);
    drop_empty(report.rows);
    report.assets_total_minor = top_level_total(report.rows, AccountType::asset);
    report.liabilities_total_minor = top_level_total(report.rows, AccountType::liability);
    report.current_earnings_minor = earnings;
    report.equity_total_minor = top_level_total(report.rows, AccountType::equity);
    BO_TRY(add_into(report.equity_total_minor, earnings));
    if (scope.kind == DepartmentScope::Kind::all) {
        BO_ASSERT(report.assets_total_minor
                  == report.liabilities_total_minor + report.equity_total_minor);
    }
    return report;
}

core::Result<GeneralLedger> general_ledger(store::Txn& txn,
                                           CompanyId company,
                                           AccountId account_id,
                                           DateRange range,
                                           DepartmentScope scope) {
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
    BO_TRY_ASSIGN(
        const std::vector<queries::DetailLine> lines,
        queries::select_account_lines(txn,
                                      company,
                                      account_id,
                                      range,
                                      filter_of(scope),
                                      static_cast<std::int64_t>(general_ledger_lines_max) + 1));
    if (lines.size() > general_ledger_lines_max) {
        return Error(ErrorCode::limit_exceeded,
                     "more than " + std::to_string(general_ledger_lines_max)
                         + " lines in the range; narrow it");
    }
    std::int64_t running = report.opening_minor;
    for (const queries::DetailLine& detail : lines) {
        const bool debit = detail.line.side == Side::debit;
        BO_TRY(add_into(running,
                        debit ? detail.line.functional_minor : -detail.line.functional_minor));
        report.lines.push_back(LedgerDetailLine{
            .entry = detail.entry,
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

}  // namespace bo::ledger
