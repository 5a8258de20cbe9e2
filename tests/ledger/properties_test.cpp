// Goal: over random sequences of postings, reversals, refused entries and period closes, the
// ledger's invariants hold: every entry balances; the trial balance sums to zero; maintained
// balances equal their recomputation from the lines; a reversal restores every balance (the
// balances always equal a model that applies each accepted entry); no posting lands in a
// closed period.
// Method: rapidcheck inside a test parameterized over both backends; each case works in a
// fresh company (cheaper than a fresh database) with the standard chart and FY2024. Runs are
// modest (30 cases x up to 20 operations); a failure prints the seed (RC_PARAMS="seed=N").
#include <iostream>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "ledger/check_cases.hpp"
#include "ledger/ledger_fixture.hpp"
#include "ledger/reports.hpp"

namespace bo::ledger::testing {
namespace {

class Properties : public LedgerTest {};

// 30 cases: each builds a company and up to 20 operations on a real database, twice per run.
constexpr int property_cases = 30;

// Postable, non-control accounts of the standard chart.
constexpr std::array<std::string_view, 10> accounts_used = {
    "1110", "1120", "1130", "1400", "2120", "3100", "4110", "4120", "6210", "6310"};

struct Case {
    Actor actor;
    std::map<std::string_view, AccountId> accounts;
    std::vector<Period> periods;
    std::vector<DepartmentId> departments;
};

TEST_P(Properties, LedgerInvariantsHoldOverRandomSequences) {
    int company_index = 0;
    const bool held = check_cases("ledger invariants", property_cases, [&]() {
        // A fresh company for this case.
        Case c;
        c.actor = actor();
        const std::string code = "P" + std::to_string(++company_index);
        const auto company = in_txn([&](store::Txn& txn) {
            return platform::tenancy::create_company(
                txn,
                clock(),
                {.code = code, .name = code, .functional_currency = "USD", .time_zone = "UTC"});
        });
        RC_ASSERT(company.ok());
        c.actor.company = company->id;
        RC_ASSERT(in_txn([&](store::Txn& txn) {
                      return load_standard_chart(txn, clock(), c.actor);
                  }).ok());
        const auto year = in_txn([&](store::Txn& txn) {
            return create_fiscal_year(txn, clock(), c.actor, date("2024-01-01"), std::nullopt);
        });
        RC_ASSERT(year.ok());
        for (std::string_view number : accounts_used) {
            const auto found = in_txn([&](store::Txn& txn) {
                return find_account_by_number(txn, c.actor.company, number);
            });
            RC_ASSERT(found.ok() && found->has_value());
            c.accounts[number] = (**found).id;
        }
        for (const char* department_code : {"D1", "D2"}) {
            const auto department = in_txn([&](store::Txn& txn) {
                return departments::create_department(
                    txn,
                    clock(),
                    c.actor.company,
                    {.code = department_code, .name = department_code, .parent_id = {}});
            });
            RC_ASSERT(department.ok());
            c.departments.push_back(department->id);
        }
        const auto periods =
            in_txn([&](store::Txn& txn) { return list_periods(txn, c.actor.company, year->id); });
        RC_ASSERT(periods.ok());
        c.periods = *periods;

        std::map<std::int64_t, std::int64_t> model;  // account -> net, debit-positive
        std::set<std::size_t> closed;                // indexes of closed periods
        std::vector<PostedEntry> reversible;
        const int operations = *rc::gen::inRange(1, 21);
        for (int op = 0; op < operations; ++op) {
            const int kind = *rc::gen::inRange(0, 10);
            const auto month = static_cast<std::size_t>(*rc::gen::inRange(0, 12));
            const core::Date day =
                c.periods[month].start_date.add_days(*rc::gen::inRange(0, 28)).value();
            if (kind == 0) {  // close a period
                if (closed.insert(month).second) {
                    RC_ASSERT(in_txn([&](store::Txn& txn) {
                                  return close_period(txn, clock(), c.actor, c.periods[month].id);
                              }).ok());
                }
                continue;
            }
            if (kind <= 2 && !reversible.empty()) {  // reverse an earlier entry
                const auto pick =
                    static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, reversible.size()));
                const PostedEntry original = reversible[pick];
                reversible.erase(reversible.begin() + static_cast<std::ptrdiff_t>(pick));
                const auto reversal = in_txn([&](store::Txn& txn) {
                    return reverse(txn, clock(), c.actor, original.id, day, "property");
                });
                if (closed.count(month) != 0) {
                    RC_ASSERT(!reversal.ok());
                    RC_ASSERT(reversal.error().code() == core::ErrorCode::period_closed);
                    continue;
                }
                RC_ASSERT(reversal.ok());
                for (const PostedLine& line : original.lines) {
                    model[line.account.value()] -=
                        line.side == Side::debit ? line.functional_minor : -line.functional_minor;
                }
                continue;
            }
            // Post a random entry: 1..3 debits, their sum split into 1..(4 - debits) credits.
            const int debits = *rc::gen::inRange(1, 4);
            const int credits = *rc::gen::inRange(1, 5 - debits);
            std::vector<LineInput> lines;
            std::int64_t total = 0;
            auto random_account = [&]() {
                return c.accounts.at(accounts_used[static_cast<std::size_t>(
                    *rc::gen::inRange<std::size_t>(0, accounts_used.size()))]);
            };
            for (int i = 0; i < debits; ++i) {
                const std::int64_t amount = *rc::gen::inRange<std::int64_t>(1, 10'000'000);
                total += amount;
                lines.push_back(LedgerTest::debit(random_account(), usd(amount)));
            }
            std::int64_t left = total;
            for (int i = 0; i < credits; ++i) {
                const std::int64_t amount =
                    i + 1 == credits || left <= 1 ? left : *rc::gen::inRange<std::int64_t>(1, left);
                if (amount == 0) {
                    break;
                }
                left -= amount;
                lines.push_back(LedgerTest::credit(random_account(), usd(amount)));
            }
            for (LineInput& line : lines) {
                const int department = *rc::gen::inRange(0, 3);
                if (department > 0) {
                    line.department = c.departments[static_cast<std::size_t>(department - 1)];
                }
            }
            const bool unbalance = *rc::gen::inRange(0, 8) == 0;
            if (unbalance) {
                lines.back().amount.minor += 1;
            }
            const EntryInput input = LedgerTest::entry(day.to_string(), lines);
            const auto posted =
                in_txn([&](store::Txn& txn) { return post(txn, clock(), c.actor, input); });
            if (closed.count(month) != 0) {
                RC_ASSERT(!posted.ok());
                RC_ASSERT(posted.error().code() == core::ErrorCode::period_closed);
                continue;
            }
            if (unbalance || lines.size() < 2) {
                RC_ASSERT(!posted.ok());
                RC_ASSERT(posted.error().code() == core::ErrorCode::invalid_argument);
                continue;
            }
            if (!posted.ok()) {
                RC_FAIL(posted.error().message());
            }
            RC_ASSERT(posted->debit_total_minor == posted->credit_total_minor);
            for (const PostedLine& line : posted->lines) {
                model[line.account.value()] +=
                    line.side == Side::debit ? line.functional_minor : -line.functional_minor;
            }
            reversible.push_back(*posted);
        }

        const auto checked =
            in_txn([&](store::Txn& txn) { return check_balances(txn, c.actor.company); });
        RC_ASSERT(checked.ok());
        RC_ASSERT(checked->differences.empty());
        RC_ASSERT(checked->unbalanced_entries == 0);
        const auto tb = in_txn([&](store::Txn& txn) {
            return trial_balance(txn,
                                 c.actor.company,
                                 {date("2024-01-01"), date("2025-01-01")},
                                 DepartmentScope::all());
        });
        RC_ASSERT(tb.ok());
        RC_ASSERT(tb->debit_total_minor == tb->credit_total_minor);
        RC_ASSERT(tb->closing_total_minor == 0);
        std::map<std::int64_t, std::int64_t> reported;
        for (const TrialBalanceRow& row : tb->rows) {
            if (row.closing_minor != 0) {
                reported[row.account.value()] = row.closing_minor;
            }
        }
        std::erase_if(model, [](const auto& item) { return item.second == 0; });
        RC_ASSERT(reported == model);
        // No entry is dated in a period that was closed when it was posted: every period
        // closed above refused its postings, so its entries predate the close. Re-check from
        // storage that each entry's period is the one containing its date.
        const auto entries = in_txn(
            [&](store::Txn& txn) { return list_entries(txn, c.actor.company, EntryId(0), 500); });
        RC_ASSERT(entries.ok());
        for (const PostedEntry& entry : *entries) {
            const auto month = static_cast<std::size_t>(entry.date.month() - 1);
            RC_ASSERT(entry.period_id == c.periods[month].id);
        }
    });
    EXPECT_TRUE(held);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Properties);

}  // namespace
}  // namespace bo::ledger::testing
