// Goal: issue #5's comparison columns, department unions, journal listing and report files,
// against hand-computed figures on both backends.
// Method: two fiscal years (2023, 2024) and six entries (dollars below; the code uses cents):
//   1 2023-02-10 Dr 1120 Checking 10,000 / Cr 3100 Capital 10,000
//   2 2023-02-15 Dr 1120 2,000 / Cr 4110 Product Sales 2,000 [SALES]
//   3 2024-01-15 Dr 1120 3,000 / Cr 4110 3,000 [SALES]
//   4 2024-02-10 Dr 1120 5,000 / Cr 4110 5,000 [SALES]      memo "February sales"
//   5 2024-02-20 Dr 6110 Wages 1,000 [OPS] / Cr 1120 1,000  memo "wages 100% paid"
//   6 2024-02-29 Dr 6210 Rent 500 [OPS] / Cr 1120 500        memo "Rent_Feb"
// February 2024 against January 2024 (previous period) and February 2023 (previous year).
// The files are read back: CSV parsed, XLSX sheet XML via unzip, PDF text via pdftotext.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "ledger/ledger_fixture.hpp"
#include "ledger/report_files.hpp"
#include "ledger/reports.hpp"

#include "support/databases.hpp"
#include "support/process.hpp"

namespace bo::ledger::testing {
namespace {

constexpr std::int64_t dollars = 100;

TEST(ComparedRange, PreviousPeriodIsTheSameLengthJustBeforeInWholeMonthsOrDays) {
    const auto previous = [](std::string_view from, std::string_view to) {
        return compared_range({date(from), date(to)}, Comparison::previous_period).value();
    };
    EXPECT_EQ(previous("2024-03-01", "2024-04-01").from, date("2024-02-01"));
    EXPECT_EQ(previous("2024-03-01", "2024-04-01").to, date("2024-03-01"));
    EXPECT_EQ(previous("2024-01-01", "2024-04-01").from, date("2023-10-01"));
    EXPECT_EQ(previous("2024-03-10", "2024-03-20").from, date("2024-02-29"));
    EXPECT_EQ(previous("2024-03-10", "2024-03-20").to, date("2024-03-10"));
}

TEST(ComparedRange, PreviousYearKeepsMonthEndsAsMonthEnds) {
    const auto year = [](std::string_view from, std::string_view to) {
        return compared_range({date(from), date(to)}, Comparison::previous_year).value();
    };
    EXPECT_EQ(year("2024-02-01", "2024-03-01").from, date("2023-02-01"));
    EXPECT_EQ(year("2024-02-01", "2024-03-01").to, date("2023-03-01"));
    // Through 2025-02-28 (a month-end) compares with through 2024-02-29.
    EXPECT_EQ(year("2025-01-01", "2025-03-01").to, date("2024-03-01"));
    EXPECT_EQ(year("2024-02-10", "2024-02-29").to, date("2023-03-01"));
    EXPECT_EQ(year("2024-06-05", "2024-06-20").from, date("2023-06-05"));
    EXPECT_EQ(year("2024-06-05", "2024-06-20").to, date("2023-06-20"));
    EXPECT_EQ(compared_date(date("2024-02-29"), Comparison::previous_year).value(),
              date("2023-02-28"));
    EXPECT_EQ(compared_date(date("2025-02-28"), Comparison::previous_year).value(),
              date("2024-02-29"));
    EXPECT_EQ(compared_date(date("2024-03-31"), Comparison::previous_period).value(),
              date("2024-02-29"));
    EXPECT_EQ(compared_date(date("2024-03-15"), Comparison::previous_period).value(),
              date("2024-02-15"));
    const auto edge =
        compared_range({date("0001-01-01"), date("0001-02-01")}, Comparison::previous_year);
    ASSERT_FALSE(edge.ok());
    EXPECT_EQ(edge.error().fields().at(0).field, "compare");
}

TEST(ChangeBasisPoints, IsAnIntegerRoundedHalfEvenAndNullWithoutABase) {
    EXPECT_EQ(change_basis_points(150, 100), 5000);
    EXPECT_EQ(change_basis_points(50, 100), -5000);
    EXPECT_EQ(change_basis_points(-50, -100), 5000);  // a smaller loss is a rise
    EXPECT_EQ(change_basis_points(1, 3), -6667);
    EXPECT_EQ(change_basis_points(20001, 20000), 0);  // 0.5 → 0
    EXPECT_EQ(change_basis_points(20003, 20000), 2);  // 1.5 → 2
    EXPECT_EQ(change_basis_points(5, 0), std::nullopt);
    EXPECT_EQ(change_basis_points(std::numeric_limits<std::int64_t>::max(), 1), std::nullopt);
    EXPECT_EQ(parse_comparison("previous_year", "compare").value(), Comparison::previous_year);
    EXPECT_FALSE(parse_comparison("last_year", "compare").ok());
}

TEST(ReportFormat, QueryParameterWinsOverAcceptAndJsonIsTheDefault) {
    const auto format = [](std::optional<std::string> query, std::string_view accept) {
        return parse_report_format(query, accept);
    };
    EXPECT_EQ(format(std::nullopt, "").value(), ReportFormat::json);
    EXPECT_EQ(format(std::nullopt, "application/json").value(), ReportFormat::json);
    EXPECT_EQ(format(std::nullopt, "text/csv").value(), ReportFormat::csv);
    EXPECT_EQ(format(std::nullopt, "application/pdf, */*;q=0.1").value(), ReportFormat::pdf);
    EXPECT_EQ(
        format(std::nullopt, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .value(),
        ReportFormat::xlsx);
    EXPECT_EQ(format("json", "text/csv").value(), ReportFormat::json);
    EXPECT_EQ(format("pdf", "text/csv").value(), ReportFormat::pdf);
    const auto bad = format("docx", "");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().fields().at(0).field, "format");
}

class ReportComparison : public LedgerTest {
protected:
    void SetUp() override {
        LedgerTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const auto year = in_txn([&](store::Txn& txn) {
            return create_fiscal_year(txn, clock(), actor(), date("2023-01-01"), std::nullopt);
        });
        ASSERT_TRUE(year.ok()) << year.error().message();
        sales_ = department(0);
        ops_ = department(1);
        post_ok("2023-02-10", "1120", {}, "3100", {}, 10'000, "capital");
        post_ok("2023-02-15", "1120", {}, "4110", sales_, 2'000, "sales 2023");
        post_ok("2024-01-15", "1120", {}, "4110", sales_, 3'000, "January sales");
        post_ok("2024-02-10", "1120", {}, "4110", sales_, 5'000, "February sales");
        post_ok("2024-02-20", "6110", ops_, "1120", {}, 1'000, "wages 100% paid");
        post_ok("2024-02-29", "6210", ops_, "1120", {}, 500, "Rent_Feb");
    }

    void post_ok(std::string_view day,
                 std::string_view debit_account,
                 std::optional<DepartmentId> debit_department,
                 std::string_view credit_account,
                 std::optional<DepartmentId> credit_department,
                 std::int64_t amount_dollars,
                 std::string memo) {
        LineInput dr = debit(account(debit_account), usd(amount_dollars * dollars));
        dr.department = debit_department;
        LineInput cr = credit(account(credit_account), usd(amount_dollars * dollars));
        cr.department = credit_department;
        EntryInput input = entry(day, {dr, cr});
        input.memo = std::move(memo);
        const auto posted = post_entry(input);
        ASSERT_TRUE(posted.ok()) << posted.error().message();
    }

    static DateRange february() { return {date("2024-02-01"), date("2024-03-01")}; }

    IncomeStatement income(Comparison compare, DepartmentScope scope = DepartmentScope::all()) {
        const auto report = in_txn([&](store::Txn& txn) {
            return income_statement(txn, actor().company, february(), scope, compare);
        });
        EXPECT_TRUE(report.ok()) << report.error().message();
        return *report;
    }

    static const StatementRow& row(const std::vector<StatementRow>& rows, std::string_view number) {
        const auto found = std::find_if(
            rows.begin(), rows.end(), [&](const StatementRow& r) { return r.number == number; });
        EXPECT_NE(found, rows.end()) << number;
        return *found;
    }

    std::vector<PostedEntry> listing(const JournalFilter& filter) {
        const auto entries = in_txn([&](store::Txn& txn) {
            return journal_listing(txn, actor().company, filter, EntryId(0), 50);
        });
        EXPECT_TRUE(entries.ok()) << entries.error().message();
        return entries.ok() ? *entries : std::vector<PostedEntry>{};
    }

    static std::vector<std::string> memos(const std::vector<PostedEntry>& entries) {
        std::vector<std::string> out;
        for (const PostedEntry& entry : entries) {
            out.push_back(entry.memo);
        }
        return out;
    }

    DepartmentId sales_;
    DepartmentId ops_;
};

TEST_P(ReportComparison, IncomeStatementAgainstThePreviousPeriodAndYear) {
    const IncomeStatement period = income(Comparison::previous_period);
    ASSERT_TRUE(period.compare_range.has_value());
    EXPECT_EQ(period.compare_range->from, date("2024-01-01"));
    EXPECT_EQ(period.income_total_minor, 5'000 * dollars);
    EXPECT_EQ(period.compare_income_total_minor, 3'000 * dollars);
    EXPECT_EQ(period.expense_total_minor, 1'500 * dollars);
    EXPECT_EQ(period.compare_expense_total_minor, 0);
    EXPECT_EQ(period.net_income_minor, 3'500 * dollars);
    EXPECT_EQ(period.compare_net_income_minor, 3'000 * dollars);
    EXPECT_EQ(change_basis_points(period.net_income_minor, period.compare_net_income_minor),
              1667);  // +16.67 %
    // Roll-ups hold for both columns: 4000 Income = 4100 = 4110.
    EXPECT_EQ(row(period.rows, "4000").rolled_up_minor, 5'000 * dollars);
    EXPECT_EQ(row(period.rows, "4000").compare_rolled_up_minor, 3'000 * dollars);
    EXPECT_EQ(row(period.rows, "4110").compare_own_minor, 3'000 * dollars);
    EXPECT_EQ(row(period.rows, "6000").rolled_up_minor, 1'500 * dollars);
    EXPECT_EQ(row(period.rows, "6000").compare_rolled_up_minor, 0);

    const IncomeStatement year = income(Comparison::previous_year);
    EXPECT_EQ(year.compare_range->from, date("2023-02-01"));
    EXPECT_EQ(year.compare_range->to, date("2023-03-01"));
    EXPECT_EQ(year.compare_income_total_minor, 2'000 * dollars);
    EXPECT_EQ(change_basis_points(year.income_total_minor, year.compare_income_total_minor),
              15000);  // +150 %

    const IncomeStatement none = income(Comparison::none);
    EXPECT_FALSE(none.compare_range.has_value());
    EXPECT_EQ(row(none.rows, "4000").compare_rolled_up_minor, 0);
}

TEST_P(ReportComparison, AnAccountWithOnlyAComparisonAmountStillHasARow) {
    // March 2024 has no activity; against February every February account shows.
    const auto report = in_txn([&](store::Txn& txn) {
        return income_statement(txn,
                                actor().company,
                                {date("2024-03-01"), date("2024-04-01")},
                                DepartmentScope::all(),
                                Comparison::previous_period);
    });
    ASSERT_TRUE(report.ok()) << report.error().message();
    EXPECT_EQ(row(report->rows, "6210").rolled_up_minor, 0);
    EXPECT_EQ(row(report->rows, "6210").compare_rolled_up_minor, 500 * dollars);
    EXPECT_EQ(report->compare_net_income_minor, 3'500 * dollars);
}

TEST_P(ReportComparison, TrialBalanceAndBalanceSheetCompareClosingPositions) {
    const auto trial = in_txn([&](store::Txn& txn) {
        return trial_balance(
            txn, actor().company, february(), DepartmentScope::all(), Comparison::previous_year);
    });
    ASSERT_TRUE(trial.ok()) << trial.error().message();
    const auto checking = std::find_if(
        trial->rows.begin(), trial->rows.end(), [](const auto& r) { return r.number == "1120"; });
    ASSERT_NE(checking, trial->rows.end());
    EXPECT_EQ(checking->opening_minor, 15'000 * dollars);
    EXPECT_EQ(checking->closing_minor, 18'500 * dollars);
    // February 2023 holds entries 1 and 2: nothing before it.
    EXPECT_EQ(checking->compare.opening_minor, 0);
    EXPECT_EQ(checking->compare.debit_minor, 12'000 * dollars);
    EXPECT_EQ(checking->compare.closing_minor, 12'000 * dollars);
    EXPECT_EQ(change_basis_points(checking->closing_minor, checking->compare.closing_minor), 5417);
    EXPECT_EQ(trial->compare_total.debit_minor, trial->compare_total.credit_minor);
    EXPECT_EQ(trial->compare_total.debit_minor, 12'000 * dollars);  // entries 1 and 2

    for (const auto& [compare, as_of, assets] :
         {std::tuple{Comparison::previous_year, "2023-02-28", 12'000},
          std::tuple{Comparison::previous_period, "2024-01-31", 15'000}}) {
        const auto sheet = in_txn([&, compare = compare](store::Txn& txn) {
            return balance_sheet(
                txn, actor().company, date("2024-02-29"), DepartmentScope::all(), compare);
        });
        ASSERT_TRUE(sheet.ok()) << sheet.error().message();
        EXPECT_EQ(sheet->assets_total_minor, 18'500 * dollars);
        EXPECT_EQ(sheet->compare_as_of, date(as_of));
        EXPECT_EQ(sheet->compare_assets_total_minor, assets * dollars);
        EXPECT_EQ(sheet->compare_assets_total_minor,
                  sheet->compare_liabilities_total_minor + sheet->compare_equity_total_minor);
        EXPECT_EQ(row(sheet->rows, "1000").compare_rolled_up_minor, assets * dollars);
    }
}

TEST_P(ReportComparison, SeveralDepartmentsAreTheUnionOfEach) {
    const IncomeStatement both =
        income(Comparison::previous_period, DepartmentScope::any_of({sales_, ops_, sales_}));
    EXPECT_EQ(both.income_total_minor, 5'000 * dollars);
    EXPECT_EQ(both.expense_total_minor, 1'500 * dollars);
    EXPECT_EQ(both.compare_income_total_minor, 3'000 * dollars);
    const IncomeStatement ops = income(Comparison::none, DepartmentScope::any_of({ops_}));
    EXPECT_EQ(ops.income_total_minor, 0);
    EXPECT_EQ(ops.expense_total_minor, 1'500 * dollars);
    const IncomeStatement nothing = income(Comparison::none, DepartmentScope::any_of({}));
    EXPECT_TRUE(nothing.rows.empty());
    const AccountId product_sales = account("4110");
    const auto ledger = in_txn([&](store::Txn& txn) {
        return general_ledger(txn,
                              actor().company,
                              product_sales,
                              {date("2023-01-01"), date("2025-01-01")},
                              DepartmentScope::any_of({ops_, sales_}));
    });
    ASSERT_TRUE(ledger.ok()) << ledger.error().message();
    ASSERT_EQ(ledger->lines.size(), 3U);
    EXPECT_EQ(ledger->lines[0].date, date("2023-02-15"));
    EXPECT_EQ(ledger->lines[2].running_balance_minor, -10'000 * dollars);
    EXPECT_EQ(ledger->lines[2].line_number, 2);
}

TEST_P(ReportComparison, JournalListingFiltersByDateAccountDepartmentSourceAndMemo) {
    EXPECT_EQ(listing({}).size(), 6U);
    JournalFilter february_only;
    february_only.from = date("2024-02-01");
    february_only.to = date("2024-03-01");
    EXPECT_EQ(memos(listing(february_only)),
              (std::vector<std::string>{"February sales", "wages 100% paid", "Rent_Feb"}));
    JournalFilter rent;
    rent.account = account("6210");
    EXPECT_EQ(memos(listing(rent)), (std::vector<std::string>{"Rent_Feb"}));
    JournalFilter ops;
    ops.department = DepartmentScope::only(ops_);
    EXPECT_EQ(listing(ops).size(), 2U);
    JournalFilter undepartmented;
    undepartmented.department = DepartmentScope{DepartmentScope::Kind::no_department, {}, {}};
    EXPECT_EQ(listing(undepartmented).size(), 6U);  // every entry has a line without one
    JournalFilter manual;
    manual.source_type = "manual";
    EXPECT_EQ(listing(manual).size(), 6U);
    manual.source_type = "sales_invoice";
    EXPECT_TRUE(listing(manual).empty());
    // Memo text: case-insensitive, and % _ are literal characters, not wildcards.
    JournalFilter memo;
    memo.memo_contains = "FEBRUARY";
    EXPECT_EQ(memos(listing(memo)), (std::vector<std::string>{"February sales"}));
    memo.memo_contains = "100%";
    EXPECT_EQ(memos(listing(memo)), (std::vector<std::string>{"wages 100% paid"}));
    memo.memo_contains = "t_f";
    EXPECT_EQ(memos(listing(memo)), (std::vector<std::string>{"Rent_Feb"}));
    memo.memo_contains = "%";
    EXPECT_EQ(listing(memo).size(), 1U);
    memo.memo_contains = std::string(memo_search_chars_max + 1, 'x');
    const auto too_long = in_txn([&](store::Txn& txn) {
        return journal_listing(txn, actor().company, memo, EntryId(0), 50);
    });
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(too_long.error().code(), core::ErrorCode::invalid_argument);
    // Pages follow the cursor (the last id).
    const auto first = in_txn(
        [&](store::Txn& txn) { return journal_listing(txn, actor().company, {}, EntryId(0), 4); });
    ASSERT_TRUE(first.ok());
    ASSERT_EQ(first->size(), 4U);
    const auto rest = in_txn([&](store::Txn& txn) {
        return journal_listing(txn, actor().company, {}, first->back().id, 4);
    });
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(memos(*rest), (std::vector<std::string>{"wages 100% paid", "Rent_Feb"}));
    const auto exported = in_txn([&](store::Txn& txn) {
        return journal_export(txn, actor().company, february_only, EntryId(0));
    });
    ASSERT_TRUE(exported.ok());
    ASSERT_EQ(exported->size(), 3U);
    EXPECT_EQ(exported->at(0).lines.size(), 2U);
}

std::string read_back(const std::string& bytes,
                      const std::string& name,
                      std::vector<std::string> command) {
    const std::filesystem::path dir = bo::testing::make_temp_directory();
    const std::filesystem::path path = dir / name;
    std::ofstream(path, std::ios::binary) << bytes;
    for (std::string& argument : command) {
        if (argument == "FILE") {
            argument = path.string();
        }
    }
    const auto result = bo::testing::run_command(command);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::filesystem::remove_all(dir);
    return result.out;
}

TEST_P(ReportComparison, FilesShowTheSameFiguresAsTheReport) {
    const IncomeStatement report = income(Comparison::previous_period);
    ReportContext context;
    context.company_name = "Acme";
    const auto csv = income_statement_file(report, context, ReportFormat::csv);
    ASSERT_TRUE(csv.ok()) << csv.error().message();
    EXPECT_EQ(csv->filename, "income-statement_2024-02-01_2024-02-29.csv");
    EXPECT_EQ(csv->content_type, "text/csv; charset=utf-8");
    EXPECT_NE(csv->bytes.find("Number,Account,Amount,Previous,Difference,Change %\r\n"),
              std::string::npos)
        << csv->bytes;
    EXPECT_NE(csv->bytes.find("4110,Product Sales,5000.00,3000.00,2000.00,66.67\r\n"),
              std::string::npos)
        << csv->bytes;
    EXPECT_NE(csv->bytes.find("6110,Salaries and Wages,1000.00,0.00,1000.00,\r\n"),
              std::string::npos);
    EXPECT_NE(csv->bytes.find(",Net income,3500.00,3000.00,500.00,16.67\r\n"), std::string::npos);

    const auto xlsx = income_statement_file(report, context, ReportFormat::xlsx);
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().message();
    const std::string sheet = read_back(
        xlsx->bytes, "r.xlsx", {"/usr/bin/unzip", "-p", "FILE", "xl/worksheets/sheet1.xml"});
    EXPECT_NE(sheet.find("<v>5000</v>"), std::string::npos) << sheet;
    EXPECT_NE(sheet.find("<v>66.67</v>"), std::string::npos) << sheet;

    const auto pdf = income_statement_file(report, context, ReportFormat::pdf);
    ASSERT_TRUE(pdf.ok()) << pdf.error().message();
    const std::string text =
        read_back(pdf->bytes, "r.pdf", {"/usr/bin/pdftotext", "-layout", "FILE", "-"});
    EXPECT_NE(text.find("Income statement"), std::string::npos) << text;
    EXPECT_NE(text.find("2024-02-01 to 2024-02-29"), std::string::npos) << text;
    EXPECT_NE(text.find("5,000.00"), std::string::npos) << text;
    EXPECT_NE(text.find("3,500.00"), std::string::npos) << text;
    EXPECT_NE(text.find("Page 1 of 1"), std::string::npos) << text;
    if (const char* keep = std::getenv("BO_KEEP_REPORT_PDF"); keep != nullptr) {
        std::ofstream(keep, std::ios::binary) << pdf->bytes;
    }
}

BO_INSTANTIATE_ON_ALL_BACKENDS(ReportComparison);

}  // namespace
}  // namespace bo::ledger::testing
