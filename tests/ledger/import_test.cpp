// CSV import of journal entries and opening balances (ledger/import.hpp), on both backends.
//
// Method: files as literal text; a good file posts every entry (numbers, lines, sources,
// balances checked); a bad file with problems on many rows reports every one of them
// ("rows/<line>/<column>") and leaves the journal untouched; a dry run writes nothing.
#include "ledger/import.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ledger/ledger_fixture.hpp"

namespace bo::ledger::testing {
namespace {

class Import : public LedgerTest {
protected:
    core::Result<ImportReport> entries(std::string_view csv, ImportMode mode = ImportMode::post) {
        return in_txn([&](store::Txn& txn) {
            return import_journal_entries(txn, clock(), actor(), csv, mode, {});
        });
    }

    core::Result<ImportReport> opening(std::string_view csv,
                                       std::optional<std::string> offset = std::nullopt) {
        return in_txn([&](store::Txn& txn) {
            return import_opening_balances(txn,
                                           clock(),
                                           actor(),
                                           csv,
                                           {date("2024-01-01"), std::move(offset)},
                                           ImportMode::post);
        });
    }

    std::size_t entry_count() {
        const auto list = in_txn(
            [&](store::Txn& txn) { return list_entries(txn, actor().company, EntryId(0), 500); });
        EXPECT_TRUE(list.ok());
        return list.ok() ? list->size() : 0;
    }

    // The balance (debit-positive, minor units) of account `number`, from the maintained
    // balances.
    std::int64_t closing(std::string_view number) {
        const AccountId id = account(number);
        const auto rows =
            in_txn([&](store::Txn& txn) { return maintained_balances(txn, actor().company); });
        EXPECT_TRUE(rows.ok());
        std::int64_t balance = 0;
        for (const BalanceRow& row : rows.ok() ? *rows : std::vector<BalanceRow>{}) {
            if (row.account == id) {
                balance += row.debit_minor - row.credit_minor;
            }
        }
        return balance;
    }
};

std::vector<std::string> fields_of(const core::Error& error) {
    std::vector<std::string> fields;
    for (const auto& field : error.fields()) {
        fields.push_back(field.field);
    }
    return fields;
}

TEST_P(Import, GoodFilePostsEveryEntryInOrder) {
    const std::string csv =
        "entry,date,description,account,department,debit,credit,memo\r\n"
        "A,2024-01-15,Office rent,6210,OPS,1500.00,,January\r\n"
        "A,2024-01-15,Office rent,1120,,,1500.00,\r\n"
        "B,2024-02-03,\"Sale, cash\",1120,,250.5,,\r\n"
        "B,2024-02-03,,4110,SALES,,200.50,\"product \"\"X\"\"\"\r\n"
        "B,2024-02-03,,4120,SALES,,50,\r\n";
    const auto report = entries(csv);
    ASSERT_TRUE(report.ok()) << report.error().message();
    EXPECT_EQ(report->rows, 5U);
    EXPECT_EQ(report->lines, 5U);
    ASSERT_EQ(report->entries.size(), 2U);
    EXPECT_EQ(report->entries[0].key, "A");
    EXPECT_EQ(report->entries[0].reference, "FY2024/1");
    EXPECT_EQ(report->entries[1].reference, "FY2024/2");
    const auto posted = in_txn(
        [&](store::Txn& txn) { return find_entry(txn, actor().company, report->entries[1].id); });
    ASSERT_TRUE(posted.ok() && posted->has_value());
    const PostedEntry& sale = **posted;
    EXPECT_EQ(sale.memo, "Sale, cash");
    EXPECT_EQ(sale.source.type, import_source_type);
    EXPECT_EQ(sale.source.id, "B");
    EXPECT_EQ(sale.debit_total_minor, 25'050);
    EXPECT_EQ(sale.lines[1].memo, "product \"X\"");
    EXPECT_EQ(sale.lines[1].department, department(0));
    EXPECT_EQ(closing("1120"), 25'050 - 150'000);
    EXPECT_TRUE(check()->clean());
}

TEST_P(Import, BadFileReportsEveryBadRowAndWritesNothing) {
    const std::string csv =
        "entry,date,account,department,party,debit,credit\n"
        "A,2024-01-15,6210,,,100.00,\n"
        "A,2024-01-15,1120,,,,100.00\n"        // good entry, but the file is refused
        "B,2024-01-16,9999,,,1.00,\n"          // line 4: unknown account
        "B,2024-01-16,1120,NOPE,,,1.00\n"      // line 5: unknown department
        "C,2024-01-17,6210,,,\"1,000.00\",\n"  // line 6: thousands separator
        "C,2024-01-17,1120,,,,1e3\n"           // line 7: exponent
        "D,2024-01-18,6210,,,1.005,\n"         // line 8: 3 decimals
        "D,2024-01-19,1120,,friend:1,,5\n"     // line 9: date differs, bad party
        "E,2024-01-19,6210,,,10.00,10.00\n"    // line 10: both sides
        "E,2024-01-19,1120,,,,\n"              // line 11: neither side
        "F,2024-01-20,1200,,,10.00,\n"         // line 12: control account (AR)
        "F,2024-01-20,1120,,,,10.00\n"
        "G,2024-01-21,6210,,,10.00,\n"  // line 14: does not balance
        "G,2024-01-21,1120,,,,9.99\n"
        "H,2023-12-31,6210,,,1.00,\n"  // line 16: no period
        "H,2023-12-31,1120,,,,1.00\n"
        "I,2024-02-30,6210,,,-5.00,\n"  // line 18: no such day, negative
        "I,2024-01-22,1120\n";          // line 19: too few fields
    const auto report = entries(csv);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.error().code(), core::ErrorCode::invalid_argument);
    const std::vector<std::string> fields = fields_of(report.error());
    for (const std::string expected : {"rows/4/account",
                                       "rows/5/department",
                                       "rows/6/debit",
                                       "rows/7/credit",
                                       "rows/8/debit",
                                       "rows/9/date",
                                       "rows/9/party",
                                       "rows/10/credit",
                                       "rows/11/debit",
                                       "rows/12/account",
                                       "rows/14/entry",
                                       "rows/16/date",
                                       "rows/18/date",
                                       "rows/18/debit",
                                       "rows/19"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end()) << expected;
    }
    for (const std::string& field : fields) {
        EXPECT_FALSE(field.starts_with("rows/2/") || field.starts_with("rows/3/")) << field;
    }
    EXPECT_EQ(entry_count(), 0U);
    EXPECT_TRUE(check()->clean());
}

TEST_P(Import, HeaderProblemsAreNamed) {
    const auto missing = entries("entry,date,account,debit,amount\nA,2024-01-01,1120,1,\n");
    ASSERT_FALSE(missing.ok());
    const auto fields = fields_of(missing.error());
    EXPECT_NE(std::find(fields.begin(), fields.end(), "header/amount"), fields.end());
    EXPECT_NE(std::find(fields.begin(), fields.end(), "header/credit"), fields.end());
    const auto empty = entries("");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().fields().at(0).field, "csv");
    const auto syntax = entries("entry,date,account,debit,credit\nA,\"2024-01-01,1120,1,\n");
    ASSERT_FALSE(syntax.ok());
    EXPECT_EQ(syntax.error().fields().at(0).field, "line/2");
}

TEST_P(Import, DryRunChecksAndWritesNothing) {
    const std::string csv =
        "entry,date,account,debit,credit\n"
        "A,2024-03-01,6210,12.34,\n"
        "A,2024-03-01,1120,,12.34\n";
    const auto report = entries(csv, ImportMode::check_only);
    ASSERT_TRUE(report.ok()) << report.error().message();
    EXPECT_EQ(report->entries.size(), 1U);
    EXPECT_EQ(report->lines, 2U);
    EXPECT_EQ(report->entries[0].id, EntryId(0));
    EXPECT_EQ(entry_count(), 0U);
}

TEST_P(Import, OpeningBalancesOffsetTheDifferenceAndSkipZeros) {
    const std::string csv =
        "account,department,debit,credit,memo\n"
        "1120,,50000.00,,bank\n"
        "1510,,12000.00,,\n"
        "1590,,,2000.00,\n"
        "2510,,,30000.00,\n"
        "6210,OPS,0.00,,zero rows are skipped\n";
    const auto report = opening(csv);
    ASSERT_TRUE(report.ok()) << report.error().message();
    EXPECT_EQ(report->rows, 5U);
    EXPECT_EQ(report->rows_skipped, 1U);
    EXPECT_EQ(report->lines, 5U);  // four rows and the offset to 3900
    ASSERT_EQ(report->entries.size(), 1U);
    EXPECT_EQ(closing("1120"), 5'000'000);
    EXPECT_EQ(closing("3900"), -3'000'000);
    const auto posted = in_txn(
        [&](store::Txn& txn) { return find_entry(txn, actor().company, report->entries[0].id); });
    ASSERT_TRUE(posted.ok() && posted->has_value());
    EXPECT_EQ((**posted).source.type, opening_source_type);
    EXPECT_EQ((**posted).date, date("2024-01-01"));
}

TEST_P(Import, OpeningBalancesRefuseControlAccountsAndBadOffsets) {
    const std::string csv =
        "account,debit,credit\n"
        "1120,100.00,\n"
        "1200,50.00,\n"   // AR: its sub-ledger's open items
        "2110,,20.00\n";  // AP
    const auto control = opening(csv);
    ASSERT_FALSE(control.ok());
    EXPECT_EQ(fields_of(control.error()),
              (std::vector<std::string>{"rows/3/account", "rows/4/account"}));
    const auto offset = opening("account,debit,credit\n1120,1.00,\n", "6210");
    ASSERT_FALSE(offset.ok());
    EXPECT_EQ(fields_of(offset.error()), (std::vector<std::string>{"offset_account"}));
    EXPECT_EQ(entry_count(), 0U);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Import);

}  // namespace
}  // namespace bo::ledger::testing
