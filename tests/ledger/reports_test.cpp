// Goal: the reports read from maintained balances equal hand-computed figures, for whole and
// partial periods, with and without a department filter; the year-end close moves the result
// to retained earnings and closes the year; the hledger export balances to the cent.
// Method: one small, hand-checked year (six entries, below) on both backends. Amounts in the
// comments are dollars; the code uses cents.
//   1 2024-01-02 Dr 1120 Checking 100,000 / Cr 3100 Capital 100,000
//   2 2024-01-15 Dr 1120 25,000 / Cr 4110 Product Sales 25,000 [SALES]
//   3 2024-01-31 Dr 6210 Rent 3,000 [OPS] / Cr 1120 3,000
//   4 2024-02-10 Dr 1120 5,000 / Cr 4120 Service Revenue 5,000 [SALES]
//   5 2024-02-20 Dr 6110 Wages 8,000 [OPS] / Cr 1120 8,000
//   6 2024-03-05 Dr 6310 Office Supplies 250 / Cr 1120 250
#include "ledger/reports.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "ledger/export.hpp"
#include "ledger/ledger_fixture.hpp"

#include "support/hledger.hpp"

namespace bo::ledger::testing {
namespace {

constexpr std::int64_t dollars = 100;

class Reports : public LedgerTest {
protected:
    void SetUp() override {
        LedgerTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        sales_ = department(0);
        ops_ = department(1);
        post_ok("2024-01-02", "1120", std::nullopt, "3100", std::nullopt, 100'000);
        post_ok("2024-01-15", "1120", std::nullopt, "4110", sales_, 25'000);
        post_ok("2024-01-31", "6210", ops_, "1120", std::nullopt, 3'000);
        post_ok("2024-02-10", "1120", std::nullopt, "4120", sales_, 5'000);
        post_ok("2024-02-20", "6110", ops_, "1120", std::nullopt, 8'000);
        post_ok("2024-03-05", "6310", std::nullopt, "1120", std::nullopt, 250);
    }

    void post_ok(std::string_view day,
                 std::string_view debit_account,
                 std::optional<DepartmentId> debit_department,
                 std::string_view credit_account,
                 std::optional<DepartmentId> credit_department,
                 std::int64_t amount_dollars) {
        LineInput dr = debit(account(debit_account), usd(amount_dollars * dollars));
        dr.department = debit_department;
        LineInput cr = credit(account(credit_account), usd(amount_dollars * dollars));
        cr.department = credit_department;
        const auto posted = post_entry(entry(day, {dr, cr}));
        ASSERT_TRUE(posted.ok()) << posted.error().message();
    }

    TrialBalance trial(std::string_view from, std::string_view to) {
        const auto report = in_txn([&](store::Txn& txn) {
            return trial_balance(
                txn, actor().company, {date(from), date(to)}, DepartmentScope::all());
        });
        EXPECT_TRUE(report.ok()) << report.error().message();
        return *report;
    }

    IncomeStatement income(DepartmentScope scope) {
        const auto report = in_txn([&](store::Txn& txn) {
            return income_statement(
                txn, actor().company, {date("2024-01-01"), date("2025-01-01")}, scope);
        });
        EXPECT_TRUE(report.ok()) << report.error().message();
        return *report;
    }

    static std::map<std::string, std::array<std::int64_t, 4>> by_number(const TrialBalance& tb) {
        std::map<std::string, std::array<std::int64_t, 4>> rows;
        for (const auto& row : tb.rows) {
            rows[row.number] = {row.opening_minor / dollars,
                                row.debit_minor / dollars,
                                row.credit_minor / dollars,
                                row.closing_minor / dollars};
        }
        return rows;
    }

    static const StatementRow* find_row(const std::vector<StatementRow>& rows,
                                        std::string_view number) {
        for (const auto& row : rows) {
            if (row.number == number) {
                return &row;
            }
        }
        return nullptr;
    }

    DepartmentId sales_{};
    DepartmentId ops_{};
};

TEST_P(Reports, TrialBalanceOfAWholePeriod) {
    const TrialBalance tb = trial("2024-02-01", "2024-03-01");
    using Row = std::array<std::int64_t, 4>;  // opening, debit, credit, closing
    const std::map<std::string, Row> expected{{"1120", Row{122'000, 5'000, 8'000, 119'000}},
                                              {"3100", Row{-100'000, 0, 0, -100'000}},
                                              {"4110", Row{-25'000, 0, 0, -25'000}},
                                              {"4120", Row{0, 0, 5'000, -5'000}},
                                              {"6110", Row{0, 8'000, 0, 8'000}},
                                              {"6210", Row{3'000, 0, 0, 3'000}}};
    EXPECT_EQ(by_number(tb), expected);
    EXPECT_EQ(tb.opening_total_minor, 0);
    EXPECT_EQ(tb.debit_total_minor, 13'000 * dollars);
    EXPECT_EQ(tb.credit_total_minor, 13'000 * dollars);
    EXPECT_EQ(tb.closing_total_minor, 0);
}

TEST_P(Reports, TrialBalanceWithBothEdgesInsidePeriods) {
    const TrialBalance tb = trial("2024-01-10", "2024-02-15");
    using Row = std::array<std::int64_t, 4>;
    const std::map<std::string, Row> expected{{"1120", Row{100'000, 30'000, 3'000, 127'000}},
                                              {"3100", Row{-100'000, 0, 0, -100'000}},
                                              {"4110", Row{0, 0, 25'000, -25'000}},
                                              {"4120", Row{0, 0, 5'000, -5'000}},
                                              {"6210", Row{0, 3'000, 0, 3'000}}};
    EXPECT_EQ(by_number(tb), expected);
    EXPECT_EQ(tb.debit_total_minor, 33'000 * dollars);
    // Inside one period, both edges cut it.
    const TrialBalance narrow = trial("2024-01-10", "2024-01-20");
    using Row2 = std::array<std::int64_t, 4>;
    const std::map<std::string, Row2> expected_narrow{{"1120", Row2{100'000, 25'000, 0, 125'000}},
                                                      {"3100", Row2{-100'000, 0, 0, -100'000}},
                                                      {"4110", Row2{0, 0, 25'000, -25'000}}};
    EXPECT_EQ(by_number(narrow), expected_narrow);
    const auto backwards = in_txn([&](store::Txn& txn) {
        return trial_balance(
            txn, actor().company, {date("2024-02-01"), date("2024-01-01")}, DepartmentScope::all());
    });
    ASSERT_FALSE(backwards.ok());
    EXPECT_EQ(bo::testing::only_field(backwards.error()), "to");
}

TEST_P(Reports, IncomeStatementRollsUpAndFiltersByDepartment) {
    const IncomeStatement all = income(DepartmentScope::all());
    EXPECT_EQ(all.income_total_minor, 30'000 * dollars);
    EXPECT_EQ(all.expense_total_minor, 11'250 * dollars);
    EXPECT_EQ(all.net_income_minor, 18'750 * dollars);
    const StatementRow* revenue = find_row(all.rows, "4100");
    ASSERT_NE(revenue, nullptr);
    EXPECT_EQ(revenue->depth, 1U);
    EXPECT_EQ(revenue->own_minor, 0);
    EXPECT_EQ(revenue->rolled_up_minor, 30'000 * dollars);
    const StatementRow* payroll = find_row(all.rows, "6100");
    ASSERT_NE(payroll, nullptr);
    EXPECT_EQ(payroll->rolled_up_minor, 8'000 * dollars);
    const StatementRow* top_expenses = find_row(all.rows, "6000");
    ASSERT_NE(top_expenses, nullptr);
    ASSERT_EQ(top_expenses->by_department.size(), 2U);  // no department (250) and OPS (11,000)
    EXPECT_EQ(top_expenses->by_department[0], (std::pair<std::int64_t, std::int64_t>{0, 25'000}));
    EXPECT_EQ(top_expenses->by_department[1],
              (std::pair<std::int64_t, std::int64_t>{ops_.value(), 1'100'000}));
    EXPECT_EQ(find_row(all.rows, "4200"), nullptr);  // nothing posted: left out

    const IncomeStatement sales = income(DepartmentScope::only(sales_));
    EXPECT_EQ(sales.income_total_minor, 30'000 * dollars);
    EXPECT_EQ(sales.expense_total_minor, 0);
    const IncomeStatement ops = income(DepartmentScope::only(ops_));
    EXPECT_EQ(ops.net_income_minor, -11'000 * dollars);
}

TEST_P(Reports, BalanceSheetBalancesWithCurrentEarnings) {
    const auto sheet = in_txn([&](store::Txn& txn) {
        return balance_sheet(txn, actor().company, date("2024-03-31"), DepartmentScope::all());
    });
    ASSERT_TRUE(sheet.ok()) << sheet.error().message();
    EXPECT_EQ(sheet->assets_total_minor, 118'750 * dollars);
    EXPECT_EQ(sheet->liabilities_total_minor, 0);
    EXPECT_EQ(sheet->current_earnings_minor, 18'750 * dollars);
    EXPECT_EQ(sheet->equity_total_minor, 118'750 * dollars);
    const auto early = in_txn([&](store::Txn& txn) {
        return balance_sheet(txn, actor().company, date("2024-01-15"), DepartmentScope::all());
    });
    ASSERT_TRUE(early.ok());
    EXPECT_EQ(early->assets_total_minor, 125'000 * dollars);
    EXPECT_EQ(early->current_earnings_minor, 25'000 * dollars);
}

TEST_P(Reports, GeneralLedgerRunsTheBalance) {
    const AccountId checking = account("1120");
    const auto gl = in_txn([&](store::Txn& txn) {
        return general_ledger(txn,
                              actor().company,
                              checking,
                              {date("2024-02-01"), date("2024-04-01")},
                              DepartmentScope::all());
    });
    ASSERT_TRUE(gl.ok()) << gl.error().message();
    EXPECT_EQ(gl->opening_minor, 122'000 * dollars);
    ASSERT_EQ(gl->lines.size(), 3U);
    EXPECT_EQ(gl->lines[0].debit_minor, 5'000 * dollars);
    EXPECT_EQ(gl->lines[0].running_balance_minor, 127'000 * dollars);
    EXPECT_EQ(gl->lines[0].entry_reference, "FY2024/4");
    EXPECT_EQ(gl->lines[0].source.type, "manual");
    EXPECT_EQ(gl->lines[1].credit_minor, 8'000 * dollars);
    EXPECT_EQ(gl->lines[2].running_balance_minor, 118'750 * dollars);
    EXPECT_EQ(gl->closing_minor, 118'750 * dollars);
}

TEST_P(Reports, YearEndCloseMovesTheResultToRetainedEarnings) {
    const AccountId retained = account("3900");
    const auto closed = in_txn(
        [&](store::Txn& txn) { return close_year(txn, clock(), actor(), year().id, retained); });
    ASSERT_TRUE(closed.ok()) << closed.error().message();
    ASSERT_TRUE(closed->closing_entry.has_value());
    EXPECT_EQ(closed->closing_entry->date, date("2024-12-31"));
    EXPECT_EQ(closed->closing_entry->debit_total_minor, 41'250 * dollars);
    EXPECT_EQ(closed->closing_entry->lines.size(), 8U);
    EXPECT_EQ(closed->periods_closed, 12);

    const TrialBalance tb = trial("2024-01-01", "2025-01-01");
    const auto rows = by_number(tb);
    EXPECT_EQ(rows.at("3900")[3], -18'750);
    EXPECT_EQ(rows.at("4110")[3], 0);
    EXPECT_EQ(rows.at("6210")[3], 0);
    // The income statement leaves the closing entry out.
    EXPECT_EQ(income(DepartmentScope::all()).net_income_minor, 18'750 * dollars);
    const auto sheet = in_txn([&](store::Txn& txn) {
        return balance_sheet(txn, actor().company, date("2024-12-31"), DepartmentScope::all());
    });
    ASSERT_TRUE(sheet.ok());
    EXPECT_EQ(sheet->current_earnings_minor, 0);
    EXPECT_EQ(sheet->equity_total_minor, 118'750 * dollars);

    const auto late = transfer("2024-06-01", "1120", "3100", 1);
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code(), core::ErrorCode::period_closed);
    const auto again = in_txn(
        [&](store::Txn& txn) { return close_year(txn, clock(), actor(), year().id, retained); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code(), core::ErrorCode::conflict);
    const auto checked = check();
    ASSERT_TRUE(checked.ok());
    EXPECT_TRUE(checked->clean());
}

TEST_P(Reports, HledgerBalancesEqualTheTrialBalance) {
    if (!bo::testing::hledger_installed()) {
        GTEST_SKIP() << "hledger is not installed (Debian package hledger)";
    }
    // A foreign-currency entry too, written with its functional cost.
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_exchange_rate(txn,
                                             clock(),
                                             actor(),
                                             "EUR",
                                             date("2024-01-01"),
                                             core::Rational::parse("1.0825").value());
                }).ok());
    const core::Money part{333, currency("EUR")};
    ASSERT_TRUE(post_entry(entry("2024-04-15",
                                 {debit(account("6310"), part),
                                  debit(account("6320"), part),
                                  credit(account("1120"), core::Money{666, currency("EUR")})}))
                    .ok());
    const std::filesystem::path file =
        std::filesystem::temp_directory_path()
        / ("bo-ledger-export-" + std::string(store::to_string(GetParam())) + ".journal");
    {
        std::ofstream out(file);
        const auto summary = in_txn([&](store::Txn& txn) {
            return export_journal(txn, actor().company, std::nullopt, out);
        });
        ASSERT_TRUE(summary.ok()) << summary.error().message();
        EXPECT_EQ(summary->entries, 7);
    }
    const std::map<std::string, std::int64_t> hledger = bo::testing::hledger_balances(file);
    const auto names =
        in_txn([&](store::Txn& txn) { return journal_account_names(txn, actor().company); });
    ASSERT_TRUE(names.ok());
    const TrialBalance tb = trial("2024-01-01", "2025-01-01");
    std::map<std::string, std::int64_t> ours;
    for (const auto& row : tb.rows) {
        if (row.closing_minor != 0) {
            ours[names->at(row.account)] = row.closing_minor;
        }
    }
    EXPECT_EQ(hledger, ours);
    EXPECT_EQ(ours.at("Assets:Current Assets:1120 Checking Account"), 11'875'000 - 721);
    std::filesystem::remove(file);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Reports);

}  // namespace
}  // namespace bo::ledger::testing
