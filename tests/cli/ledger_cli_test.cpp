// The ledger's operator commands as an operator runs them, on both backends: `seed-demo` books
// that balance and export to hledger to the cent, `ledger check` catching a balance changed
// behind the program's back, and `import journal-entries` / `import opening-balances`.
//
// Method: the real binary (BO_BINARY) against a fresh database per test; the test process
// opens the same database through the store to set up a company, to tamper with a row, and to
// compare the program's output with the ledger's own reports.
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

#include <gtest/gtest.h>

#include "core/money.hpp"
#include "ledger/export.hpp"
#include "ledger/reports.hpp"
#include "ledger/service.hpp"
#include "platform/tenancy/service.hpp"

#include "support/databases.hpp"
#include "support/hledger.hpp"
#include "support/process.hpp"

namespace bo::testing {
namespace {

namespace fs = std::filesystem;

core::Date day(std::string_view text) {
    return core::Date::parse(text).value();
}

class LedgerCli : public ::testing::TestWithParam<store::Backend> {
protected:
    void SetUp() override { database_ = TestDatabase::create(GetParam()); }

    bool ready() const { return database_ != nullptr; }

    // `backoffice ARGS --db URL`.
    CommandResult run(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), backoffice_binary());
        arguments.push_back("--db");
        arguments.push_back(database_->url());
        return run_command(arguments);
    }

    fs::path write(const std::string& name, const std::string& text) {
        const fs::path path = database_->directory() / name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    store::Database& db() { return database_->migrated(); }

    template <typename Fn>
    void in_txn(Fn&& fn) {
        const auto done = db().transact(store::TxnMode::read_write, fn);
        ASSERT_TRUE(done.ok()) << done.error().message();
    }

    // Company ACME with the standard chart and fiscal year 2024, made in this process.
    void make_company() {
        in_txn([&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(const auto company,
                          platform::tenancy::create_company(txn,
                                                            clock_,
                                                            {.code = "ACME",
                                                             .name = "Acme",
                                                             .functional_currency = "USD",
                                                             .time_zone = "UTC"}));
            actor_.company = company.id;
            actor_.username = "tester";
            BO_TRY(ledger::load_standard_chart(txn, clock_, actor_));
            BO_TRY(ledger::create_fiscal_year(txn, clock_, actor_, day("2024-01-01"), {}));
            return core::ok();
        });
    }

    std::size_t entry_count() {
        std::size_t count = 0;
        in_txn([&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(const auto entries,
                          ledger::list_entries(txn, actor_.company, ledger::EntryId(0), 500));
            count = entries.size();
            return core::ok();
        });
        return count;
    }

    std::unique_ptr<TestDatabase> database_;
    core::FixedClock clock_{core::Instant(1'709'294'400'000'000)};  // 2024-03-01
    platform::Actor actor_;
};

TEST_P(LedgerCli, SeedDemoBooksBalanceAndExportToHledgerToTheCent) {
    if (!ready()) {
        return;
    }
    const CommandResult seeded = run({"seed-demo"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
    EXPECT_NE(seeded.out.find("journal entries"), std::string::npos) << seeded.out;
    const CommandResult checked = run({"ledger", "check", "--company", "DEMO"});
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
    EXPECT_NE(checked.out.find("(clean)"), std::string::npos) << checked.out;

    // Our reports over all of the books: non-empty, balanced, a profit last year.
    const ledger::DateRange all_time{day("2000-01-01"), day("2100-01-01")};
    std::optional<ledger::TrialBalance> trial;
    std::map<ledger::AccountId, std::string> names;
    std::int64_t last_year_net = 0;
    in_txn([&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(const auto company, platform::tenancy::find_company(txn, "DEMO"));
        BO_TRY_ASSIGN(
            trial,
            ledger::trial_balance(txn, company->id, all_time, ledger::DepartmentScope::all()));
        BO_TRY_ASSIGN(names, ledger::journal_account_names(txn, company->id));
        BO_TRY_ASSIGN(const auto years, ledger::list_fiscal_years(txn, company->id));
        EXPECT_EQ(years.size(), 2U);
        EXPECT_TRUE(years.front().closed);
        BO_TRY_ASSIGN(const auto income,
                      ledger::income_statement(txn,
                                               company->id,
                                               {years.front().start_date, years.front().end_date},
                                               ledger::DepartmentScope::all()));
        last_year_net = income.net_income_minor;
        return core::ok();
    });
    ASSERT_TRUE(trial.has_value());
    EXPECT_GT(trial->rows.size(), 30U);
    EXPECT_EQ(trial->debit_total_minor, trial->credit_total_minor);
    EXPECT_GT(trial->debit_total_minor, 100'000'000);
    EXPECT_GT(last_year_net, 0);

    if (!hledger_installed()) {
        GTEST_SKIP() << "hledger is not installed (Debian package hledger)";
    }
    const fs::path journal = database_->directory() / "demo.journal";
    const CommandResult exported =
        run({"export", "ledger", "--company", "DEMO", "--output", journal.string()});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    std::map<std::string, std::int64_t> ours;
    for (const auto& row : trial->rows) {
        if (row.closing_minor != 0) {
            ours[names.at(row.account)] = row.closing_minor;
        }
    }
    EXPECT_EQ(hledger_balances(journal), ours);
}

TEST_P(LedgerCli, LedgerCheckNamesAnAccountWhoseBalanceWasChanged) {
    if (!ready()) {
        return;
    }
    make_company();
    const fs::path file = write("rent.csv",
                                "entry,date,account,debit,credit\n"
                                "R1,2024-01-05,6210,1500.00,\n"
                                "R1,2024-01-05,1120,,1500.00\n");
    ASSERT_EQ(run({"import", "journal-entries", file.string(), "--company", "ACME"}).exit_code, 0);
    const CommandResult clean = run({"ledger", "check", "--company", "ACME"});
    EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;

    // Behind the program's back: one maintained balance gains a cent.
    in_txn([&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(const auto rent, ledger::find_account_by_number(txn, actor_.company, "6210"));
        const std::vector<store::Value> params{actor_.company.value(), rent->id.value()};
        BO_TRY_ASSIGN(const std::int64_t changed,
                      txn.execute("UPDATE ledger_balances SET debit_minor = debit_minor + 1 "
                                  "WHERE company_id = $1 AND account_id = $2",
                                  params));
        EXPECT_EQ(changed, 1);
        return core::ok();
    });
    const CommandResult dirty = run({"ledger", "check", "--company", "ACME"});
    EXPECT_EQ(dirty.exit_code, 1);
    EXPECT_NE(dirty.out.find("account 6210 "), std::string::npos) << dirty.out;
    EXPECT_NE(dirty.out.find("period 2024-01"), std::string::npos) << dirty.out;
    EXPECT_NE(dirty.out.find("1 differences"), std::string::npos) << dirty.out;
    EXPECT_NE(dirty.err.find("differ"), std::string::npos) << dirty.err;
}

TEST_P(LedgerCli, ImportJournalEntriesAllOrNothing) {
    if (!ready()) {
        return;
    }
    make_company();
    const fs::path bad = write("bad.csv",
                               "entry,date,account,debit,credit\n"
                               "A,2024-02-01,6210,100.00,\n"
                               "A,2024-02-01,1120,,100.00\n"
                               "B,2024-02-02,9999,1.00,\n"
                               "B,2024-02-02,1120,,1.00\n"
                               "C,2024-02-03,6210,\"1,000.00\",\n"
                               "C,2024-02-03,1120,,1.234\n");
    const CommandResult refused = run({"import", "journal-entries", bad.string()});
    EXPECT_EQ(refused.exit_code, 1);
    for (const std::string line : {"line 4, account", "line 6, debit", "line 7, credit"}) {
        EXPECT_NE(refused.err.find(line), std::string::npos) << line << "\n" << refused.err;
    }
    EXPECT_NE(refused.err.find("nothing imported"), std::string::npos) << refused.err;
    EXPECT_EQ(entry_count(), 0U);

    const fs::path good = write("good.csv",
                                "\xEF\xBB\xBF"
                                "entry,date,description,account,debit,credit\r\n"
                                "A,2024-02-01,Rent,6210,100.00,\r\n"
                                "A,2024-02-01,Rent,1120,,100.00\r\n"
                                "B,2024-02-02,Sale,1120,99.99,\r\n"
                                "B,2024-02-02,Sale,4110,,99.99\r\n");
    const CommandResult dry = run({"import", "journal-entries", good.string(), "--dry-run"});
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(dry.out.find("nothing written"), std::string::npos) << dry.out;
    EXPECT_EQ(entry_count(), 0U);
    const CommandResult posted = run({"import", "journal-entries", good.string()});
    EXPECT_EQ(posted.exit_code, 0) << posted.err;
    EXPECT_NE(posted.out.find("imported 2 entries"), std::string::npos) << posted.out;
    EXPECT_NE(posted.out.find("FY2024/1 … FY2024/2"), std::string::npos) << posted.out;
    EXPECT_EQ(entry_count(), 2U);
}

TEST_P(LedgerCli, ImportOpeningBalances) {
    if (!ready()) {
        return;
    }
    make_company();
    const fs::path file = write("opening.csv",
                                "account,debit,credit,memo\n"
                                "1120,25000.00,,bank\n"
                                "2510,,10000.00,loan\n");
    const CommandResult missing_date = run({"import", "opening-balances", file.string()});
    EXPECT_EQ(missing_date.exit_code, 2) << missing_date.err;
    const CommandResult done =
        run({"import", "opening-balances", file.string(), "--date", "2024-01-01"});
    EXPECT_EQ(done.exit_code, 0) << done.err;
    EXPECT_NE(done.out.find("imported 1 entries (3 lines from 2 rows)"), std::string::npos)
        << done.out;
    const fs::path control = write("control.csv", "account,debit,credit\n1200,5.00,\n");
    const CommandResult refused =
        run({"import", "opening-balances", control.string(), "--date", "2024-01-01"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("line 2, account"), std::string::npos) << refused.err;
    EXPECT_EQ(entry_count(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerCli, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace bo::testing
