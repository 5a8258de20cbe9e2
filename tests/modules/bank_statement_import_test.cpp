// Goal: bank accounts and the statement import keep their promises on both backends: a file is
// stored all or nothing, its account and currency must be the company's, a statement imported
// twice stores nothing the second time, lines already seen are skipped and counted, a broken
// balance chain warns, and every change is audited.
// Method: each test runs once per backend on the ledger fixture's fresh database (company ACME,
// the standard chart with 1120 Checking Account) plus one EUR bank account on 1120; the files
// are built inline.
#include <string>

#include <gtest/gtest.h>

#include "ledger/ledger_fixture.hpp"
#include "modules/banking/service.hpp"

namespace bo::modules::banking {
namespace {

using bo::testing::only_field;

constexpr std::string_view iban = "DE89370400440532013000";

// A camt.053 statement `id` for `month` of 2026 (opening on the 1st, closing on the 28th) with
// entries (amount, bank reference).
std::string camt(const std::string& id,
                 const std::string& opening,
                 const std::string& closing,
                 const std::vector<std::pair<std::string, std::string>>& entries,
                 std::string_view account = iban,
                 std::string_view currency = "EUR",
                 int month = 3) {
    const std::string prefix = "2026-0" + std::to_string(month) + "-";
    const auto balance = [&](const char* code, const std::string& amount, const std::string& date) {
        return std::string("<Bal><Tp><CdOrPrtry><Cd>") + code + "</Cd></CdOrPrtry></Tp><Amt Ccy=\""
               + std::string(currency) + "\">" + amount
               + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>" + date + "</Dt></Dt></Bal>";
    };
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document "
        "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><GrpHdr><MsgId>"
        + id + "</MsgId></GrpHdr><Stmt><Id>" + id + "</Id><Acct><Id><IBAN>" + std::string(account)
        + "</IBAN></Id><Ccy>" + std::string(currency) + "</Ccy></Acct>"
        + balance("OPBD", opening, prefix + "01") + balance("CLBD", closing, prefix + "28");
    for (const auto& [amount, reference] : entries) {
        xml += "<Ntry><Amt Ccy=\"" + std::string(currency) + "\">" + amount
               + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>"
                 "2026-03-10</Dt></BookgDt><AcctSvcrRef>"
               + reference + "</AcctSvcrRef></Ntry>";
    }
    return xml + "</Stmt></BkToCstmrStmt></Document>";
}

class BankImportTest : public ledger::testing::LedgerTest {
protected:
    void SetUp() override {
        LedgerTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const auto account = create({.name = "Main account",
                                     .iban = "DE89 3704 0044 0532 0130 00",
                                     .bank_code = "COBADEFFXXX",
                                     .currency = "EUR",
                                     .ledger_account = "1120"});
        ASSERT_TRUE(account.ok()) << account.error().message();
        account_ = account->id;
    }

    core::Result<BankAccount> create(const NewBankAccount& input) {
        return in_txn(
            [&](store::Txn& txn) { return create_bank_account(txn, clock(), actor(), input); });
    }

    core::Result<ImportReport> import(std::string_view bytes,
                                      std::optional<BankAccountId> account = std::nullopt,
                                      ImportMode mode = ImportMode::post) {
        return in_txn([&](store::Txn& txn) {
            return import_statements(
                txn, clock(), actor(), {.bytes = bytes, .bank_account = account, .mode = mode});
        });
    }

    std::size_t statement_count() {
        const auto listed =
            in_txn([&](store::Txn& txn) { return list_statements(txn, actor().company, {}, 500); });
        EXPECT_TRUE(listed.ok());
        return listed.ok() ? listed->size() : 0;
    }

    std::int64_t audit_events(std::string_view action) {
        const auto counted = in_txn([&](store::Txn& txn) -> core::Result<std::int64_t> {
            BO_TRY_ASSIGN(const store::Row row,
                          txn.query_one("SELECT COUNT(*) FROM audit_events WHERE company_id = $1 "
                                        "AND action = $2",
                                        std::vector<store::Value>{actor().company.value(),
                                                                  std::string(action)}));
            return row.i64(0);
        });
        EXPECT_TRUE(counted.ok()) << counted.error().message();
        return counted.ok() ? *counted : -1;
    }

    BankAccountId account_{};
};

TEST_P(BankImportTest, AccountIsValidatedAndUnique) {
    const auto bad = create({.name = "",
                             .iban = "DE00370400440532013000",
                             .currency = "EURO",
                             .ledger_account = "4000"});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(bad.error().fields().size(), 3U);  // name, iban, currency
    const auto revenue = create(
        {.name = "Other", .account_number = "12345", .currency = "EUR", .ledger_account = "4000"});
    ASSERT_FALSE(revenue.ok());
    EXPECT_EQ(only_field(revenue.error()), "ledger_account");
    const auto same = create(
        {.name = "Again", .iban = std::string(iban), .currency = "EUR", .ledger_account = "1120"});
    ASSERT_FALSE(same.ok());
    EXPECT_EQ(same.error().code(), core::ErrorCode::conflict);
    EXPECT_EQ(only_field(same.error()), "iban");
    EXPECT_EQ(audit_events("bank_account.create"), 1);
}

TEST_P(BankImportTest, ImportsStoresAndReadsBack) {
    const auto report = import(camt("S1", "100.00", "112.50", {{"10.00", "R1"}, {"2.50", "R2"}}));
    ASSERT_TRUE(report.ok()) << report.error().message();
    ASSERT_EQ(report->statements.size(), 1U);
    EXPECT_FALSE(report->duplicate());
    EXPECT_EQ(report->statements[0].lines_imported, 2);
    EXPECT_TRUE(report->warnings.empty());
    const StatementId id = report->statements[0].id;
    const auto stored =
        in_txn([&](store::Txn& txn) { return find_statement(txn, actor().company, id); });
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ((*stored)->statement_ref, "S1");
    EXPECT_EQ((*stored)->bank_account_id, account_);
    EXPECT_EQ((*stored)->closing->amount.minor, 11'250);
    const auto lines =
        in_txn([&](store::Txn& txn) { return statement_lines(txn, actor().company, id); });
    ASSERT_TRUE(lines.ok());
    ASSERT_EQ(lines->size(), 2U);
    EXPECT_EQ((*lines)[1].line.amount.minor, 250);
    EXPECT_EQ((*lines)[1].line.bank_reference, "R2");
    EXPECT_EQ((*lines)[1].match_status, MatchStatus::unmatched);
    EXPECT_EQ(audit_events("bank_statement.import"), 1);
}

TEST_P(BankImportTest, SameStatementTwiceStoresNothingTheSecondTime) {
    const std::string file = camt("S1", "0", "10.00", {{"10.00", "R1"}});
    ASSERT_TRUE(import(file).ok());
    const auto again = import(file);
    ASSERT_TRUE(again.ok()) << again.error().message();
    EXPECT_TRUE(again->duplicate());
    EXPECT_EQ(again->statements[0].id, StatementId{});
    // Another file with the same statement id is the same statement.
    const auto renamed = import(camt("S1", "0", "11.00", {{"11.00", "R9"}}));
    ASSERT_TRUE(renamed.ok());
    EXPECT_TRUE(renamed->duplicate());
    EXPECT_EQ(statement_count(), 1U);
}

TEST_P(BankImportTest, OverlappingStatementSkipsSeenLinesAndChainWarns) {
    ASSERT_TRUE(import(camt("S1", "0", "12.50", {{"10.00", "R1"}, {"2.50", "R2"}})).ok());
    const auto next =
        import(camt("S2", "12.50", "20.00", {{"2.50", "R2"}, {"7.50", "R3"}}, iban, "EUR", 4));
    ASSERT_TRUE(next.ok()) << next.error().message();
    EXPECT_EQ(next->statements[0].lines_imported, 1);
    EXPECT_EQ(next->statements[0].lines_skipped, 1);
    EXPECT_TRUE(next->warnings.empty());
    const auto gap = import(camt("S3", "99.00", "100.00", {{"1.00", "R4"}}, iban, "EUR", 5));
    ASSERT_TRUE(gap.ok()) << gap.error().message();
    ASSERT_EQ(gap->warnings.size(), 1U);
    EXPECT_NE(gap->warnings[0].find("does not match the closing balance 20.00"), std::string::npos)
        << gap->warnings[0];
}

TEST_P(BankImportTest, WrongAccountOrCurrencyIsRefusedAndNothingStored) {
    const auto stranger = import(camt("S1", "0", "1", {{"1", "R1"}}, "GB82WEST12345698765432"));
    ASSERT_FALSE(stranger.ok());
    EXPECT_EQ(only_field(stranger.error()), "statements/1/account");
    EXPECT_NE(stranger.error().message().find("GB82WEST12345698765432"), std::string::npos);
    const auto dollars = import(camt("S1", "0", "1", {{"1", "R1"}}, iban, "USD"));
    ASSERT_FALSE(dollars.ok());
    EXPECT_EQ(only_field(dollars.error()), "statements/1/currency");
    const auto broken = import(camt("S1", "0", "1", {{"1", "R1"}, {"x", "R2"}}));
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(only_field(broken.error()), "Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/Amt");
    EXPECT_EQ(statement_count(), 0U);
    EXPECT_EQ(audit_events("bank_statement.import"), 0);
}

TEST_P(BankImportTest, CsvNeedsTheAccountAndItsMapping) {
    const std::string csv =
        "Date,Amount,Ref,Text\n2026-03-02,-5.00,C1,Fee\n2026-03-03,7.25,C2,In\n";
    const auto unnamed = import(csv);
    ASSERT_FALSE(unnamed.ok());
    EXPECT_EQ(only_field(unnamed.error()), "bank_account");
    CsvMapping mapping;
    mapping.date_column = "Date";
    mapping.amount_column = "Amount";
    mapping.reference_column = "Ref";
    mapping.text_column = "Text";
    const auto mapped = create({.name = "Savings",
                                .account_number = "778899",
                                .currency = "EUR",
                                .ledger_account = "1120",
                                .csv_mapping = mapping});
    ASSERT_TRUE(mapped.ok()) << mapped.error().message();
    const auto checked = import(csv, mapped->id, ImportMode::check_only);
    ASSERT_TRUE(checked.ok()) << checked.error().message();
    EXPECT_EQ(checked->statements[0].lines_imported, 2);
    EXPECT_EQ(statement_count(), 0U);  // a dry run stores nothing
    const auto report = import(csv, mapped->id);
    ASSERT_TRUE(report.ok()) << report.error().message();
    EXPECT_EQ(report->format, StatementFormat::csv);
    EXPECT_TRUE(report->statements[0].statement_ref.starts_with("csv:"));
    EXPECT_TRUE(import(csv, mapped->id)->duplicate());
    const auto other = import(camt("S1", "0", "1", {{"1", "R1"}}), mapped->id);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(only_field(other.error()), "bank_account");
}

BO_INSTANTIATE_ON_ALL_BACKENDS(BankImportTest);

}  // namespace
}  // namespace bo::modules::banking
