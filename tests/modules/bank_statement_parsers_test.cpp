// Goal: the statement parsers read real banks' files by the standard, with exact amounts, and
// refuse malformed files naming the place (a line, or a camt element path).
// Method: every camt sample under ../shared/formats/iso20022/camt-samples is parsed and checked
// against its *.expected.json (the genkgo/camt object model: statements, balances with type,
// amount, currency and date, entries with amount, dates, status and references); every OFX
// sample is parsed (figures from the README) and every file in ofx/invalid is refused;
// hand-written camt, OFX and CSV cases cover batches, namespaces, decimals and bad input.
// The shared files are read in place (BO_FORMATS_DIR overrides their location).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "modules/banking/parsers.hpp"

namespace bo::modules::banking {
namespace {

namespace json = boost::json;

std::filesystem::path formats_dir() {
    if (const char* dir = std::getenv("BO_FORMATS_DIR");
        dir != nullptr) {  // NOLINT(concurrency-mt-unsafe)
        return dir;
    }
    return std::filesystem::path(BO_SOURCE_DIR) / ".." / "shared" / "formats";
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

core::Currency currency(std::string_view code) {
    return core::Currency::create(code).value();
}

// The statement with `id` in `file`, or null.
const ParsedStatement* statement_with_id(const ParsedFile& file, std::string_view id) {
    for (const ParsedStatement& statement : file.statements) {
        if (statement.statement_id == id) {
            return &statement;
        }
    }
    return nullptr;
}

std::string date_of(const json::value& date_time) {
    return std::string(date_time.as_object().at("0").as_string()).substr(0, 10);
}

void expect_balances(const ParsedStatement& ours, const json::array& expected) {
    ASSERT_EQ(ours.balances.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const json::object& balance = expected[i].as_object();
        const json::object& amount = balance.at("getAmount").as_object();
        SCOPED_TRACE("balance " + std::to_string(i));
        EXPECT_EQ(ours.balances[i].type, balance.at("getType").as_string());
        EXPECT_EQ(std::to_string(ours.balances[i].amount.minor),
                  amount.at("getAmount").as_string());
        EXPECT_EQ(ours.balances[i].amount.currency.code(),
                  amount.at("getCurrency").at("getCode").as_string());
        EXPECT_EQ(ours.balances[i].date.to_string(), date_of(balance.at("getDate")));
    }
}

void expect_record(const ParsedStatement& ours, const json::object& record) {
    const json::object& account = record.at("getAccount").as_object();
    const std::string identification(account.at("getIdentification").as_string());
    EXPECT_TRUE(ours.account_iban == identification || ours.account_number == identification);
    if (record.contains("getBalances")) {
        expect_balances(ours, record.at("getBalances").as_array());
    }
    const json::value& sequence = record.at("getLegalSequenceNumber");
    if (sequence.is_string()) {
        EXPECT_EQ(ours.sequence, sequence.as_string());
    }
}

// One genkgo Entry against the lines of `ours` that came from it.
void expect_entry(const ParsedStatement& ours, const json::object& entry) {
    const auto index = static_cast<std::size_t>(entry.at("getIndex").as_int64()) + 1;
    std::int64_t sum = 0;
    const ParsedLine* first = nullptr;
    for (const ParsedLine& line : ours.lines) {
        if (line.entry_number == index) {
            sum += line.amount.minor;
            first = first == nullptr ? &line : first;
        }
    }
    ASSERT_NE(first, nullptr) << "no line for entry " << index;
    const json::object& amount = entry.at("getAmount").as_object();
    EXPECT_EQ(std::to_string(sum), amount.at("getAmount").as_string());
    EXPECT_EQ(first->amount.currency.code(), amount.at("getCurrency").at("getCode").as_string());
    EXPECT_EQ(first->booking_date.to_string(), date_of(entry.at("getBookingDate")));
    if (entry.at("getValueDate").is_object()) {
        ASSERT_TRUE(first->value_date.has_value());
        EXPECT_EQ(first->value_date->to_string(), date_of(entry.at("getValueDate")));
    }
    EXPECT_EQ(
        first->status,
        entry.at("getStatus").as_string() == "BOOK" ? LineStatus::booked : LineStatus::pending);
    const json::value& reference = entry.at("getAccountServicerReference");
    EXPECT_EQ(first->bank_reference, reference.is_string() ? reference.as_string() : "");
}

class CamtSample : public testing::TestWithParam<std::string> {};

TEST_P(CamtSample, MatchesTheExpectedParse) {
    const std::filesystem::path dir = formats_dir() / "iso20022" / "camt-samples";
    const std::string xml = read_file(dir / (GetParam() + ".xml"));
    ASSERT_FALSE(xml.empty()) << "missing sample " << GetParam();
    const json::value expected = json::parse(read_file(dir / (GetParam() + ".expected.json")));
    const auto parsed = parse_camt(xml);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    EXPECT_EQ(
        parsed->format,
        GetParam().starts_with("camt054") ? StatementFormat::camt054 : StatementFormat::camt053);
    EXPECT_EQ(detect_format(xml), parsed->format);
    EXPECT_EQ(parsed->statements.size(), expected.at("getRecords").as_array().size());
    const ParsedStatement* current = nullptr;
    for (const json::value& value : expected.at("getEntries").as_array()) {
        const json::object& entry = value.as_object();
        if (entry.at("getRecord").is_object()) {
            const json::object& record = entry.at("getRecord").as_object();
            current = statement_with_id(*parsed, record.at("getId").as_string());
            ASSERT_NE(current, nullptr) << "no statement " << record.at("getId");
            expect_record(*current, record);
        }
        ASSERT_NE(current, nullptr);
        expect_entry(*current, entry);
    }
}

INSTANTIATE_TEST_SUITE_P(Genkgo,
                         CamtSample,
                         testing::Values("camt053.v2.all-balance-types",
                                         "camt053.v2.five.decimals",
                                         "camt053.v2.minimal",
                                         "camt053.v2.multi.statement",
                                         "camt053.v2.with-party-ids",
                                         "camt053.v4",
                                         "camt053.v8",
                                         "camt054.v2",
                                         "camt054.v8"),
                         [](const testing::TestParamInfo<std::string>& sample) {
                             std::string name = sample.param;
                             for (char& c : name) {
                                 c = (c == '.' || c == '-') ? '_' : c;
                             }
                             return name;
                         });

TEST(Camt, SamplesCarryTransactionDetails) {
    const std::filesystem::path dir = formats_dir() / "iso20022" / "camt-samples";
    const auto minimal = parse_camt(read_file(dir / "camt053.v2.minimal.xml"));
    ASSERT_TRUE(minimal.ok());
    const ParsedLine& line = minimal->statements.at(0).lines.at(0);
    EXPECT_EQ(line.creditor_reference, "4654654654654654");
    EXPECT_EQ(line.counterparty_name, "NAME NAME");  // money in: the debtor
    EXPECT_EQ(line.counterparty_account, "NL56AGDH9619008421");
    EXPECT_EQ(line.transaction_code, "544");
    const auto multi = parse_camt(read_file(dir / "camt053.v2.multi.statement.xml"));
    ASSERT_TRUE(multi.ok());
    EXPECT_EQ(multi->statements.at(0).statement_id, "253EURNL26VAYB8060476890");
    EXPECT_EQ(multi->statements.at(1).lines.at(0).amount.minor, -700);
    // camt.054 v8: one DBIT SEK entry batching three CHF transactions; the currencies differ,
    // so it stays one line carrying every transaction's remittance text.
    const auto batch = parse_camt(read_file(dir / "camt054.v8.xml"));
    ASSERT_TRUE(batch.ok());
    ASSERT_EQ(batch->statements.at(0).lines.size(), 1U);
    const ParsedLine& batched = batch->statements.at(0).lines.at(0);
    EXPECT_EQ(batched.amount, (core::Money{-20'000'000, currency("SEK")}));
    EXPECT_NE(batched.remittance.find("Unstructured Remittance Information V1"), std::string::npos);
    EXPECT_EQ(batched.transaction_code, "PMNT/ICDT/DMCT");
}

TEST(Camt, WrongSampleIsRefusedNamingTheElement) {
    const auto parsed =
        parse_camt(read_file(formats_dir() / "iso20022" / "camt-samples" / "camt053.v2.wrong.xml"));
    ASSERT_FALSE(parsed.ok());
    ASSERT_EQ(parsed.error().fields().size(), 1U);
    EXPECT_EQ(parsed.error().fields()[0].field, "Document/BkToCstmrStmt");
    EXPECT_EQ(parsed.error().message(), "Document/BkToCstmrStmt: has no Stmt");
}

// A camt.053 statement with the given entries, under `ns` with an optional prefix.
std::string camt(const std::string& entries,
                 const std::string& ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02",
                 const std::string& prefix = "") {
    const std::string p = prefix.empty() ? "" : prefix + ":";
    std::string xml = "<?xml version=\"1.0\"?>\n<" + p + "Document xmlns"
                      + (prefix.empty() ? "" : ":" + prefix) + "=\"" + ns + "\"><" + p
                      + "BkToCstmrStmt><" + p + "Stmt><" + p + "Id>S1</" + p + "Id><" + p + "Acct><"
                      + p + "Id><" + p + "IBAN>DE89370400440532013000</" + p + "IBAN></" + p
                      + "Id><" + p + "Ccy>EUR</" + p + "Ccy></" + p + "Acct>" + entries + "</" + p
                      + "Stmt></" + p + "BkToCstmrStmt></" + p + "Document>";
    return xml;
}

std::string entry(const std::string& amount,
                  const std::string& indicator = "CRDT",
                  const std::string& details = "") {
    return "<Ntry><Amt Ccy=\"EUR\">" + amount + "</Amt><CdtDbtInd>" + indicator
           + "</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt>"
             "<AcctSvcrRef>R1</AcctSvcrRef>"
           + details + "</Ntry>";
}

std::string transaction(const std::string& amount, const std::string& reference) {
    return "<TxDtls><Refs><EndToEndId>" + reference + "</EndToEndId></Refs><Amt Ccy=\"EUR\">"
           + amount + "</Amt><RmtInf><Ustrd>INV " + reference + "</Ustrd></RmtInf></TxDtls>";
}

TEST(Camt, BatchThatAddsUpBecomesOneLinePerTransaction) {
    const std::string details =
        "<NtryDtls>" + transaction("10.00", "E1") + transaction("2.50", "E2") + "</NtryDtls>";
    const auto parsed = parse_camt(camt(entry("12.50", "CRDT", details)));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    const auto& lines = parsed->statements.at(0).lines;
    ASSERT_EQ(lines.size(), 2U);
    EXPECT_EQ(lines[0].amount.minor, 1000);
    EXPECT_EQ(lines[1].amount.minor, 250);
    EXPECT_EQ(lines[0].entry_number, 1U);
    EXPECT_EQ(lines[1].entry_number, 1U);
    EXPECT_EQ(lines[0].end_to_end_id, "E1");
    EXPECT_EQ(lines[1].remittance, "INV E2");
    EXPECT_EQ(lines[0].bank_reference, "R1#1");
    EXPECT_EQ(lines[1].bank_reference, "R1#2");
    EXPECT_EQ(lines[1].source, "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/NtryDtls/TxDtls[2]");
}

// The common case: one entry, one transaction. Its remittance text is read once (it was read
// twice, "INV E1 INV E1", which the matcher then showed to clerks).
TEST(Camt, OneTransactionGivesItsTextsOnce) {
    const std::string details = "<NtryDtls>" + transaction("12.50", "E1") + "</NtryDtls>";
    const auto parsed = parse_camt(camt(entry("12.50", "CRDT", details)));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    ASSERT_EQ(parsed->statements.at(0).lines.size(), 1U);
    const auto& line = parsed->statements.at(0).lines[0];
    EXPECT_EQ(line.remittance, "INV E1");
    EXPECT_EQ(line.end_to_end_id, "E1");
    EXPECT_EQ(line.amount.minor, 1250);
}

TEST(Camt, BatchThatDoesNotAddUpStaysOneLine) {
    const std::string details =
        "<NtryDtls>" + transaction("10.00", "E1") + transaction("2.00", "E2") + "</NtryDtls>";
    const auto parsed = parse_camt(camt(entry("12.50", "DBIT", details)));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    ASSERT_EQ(parsed->statements.at(0).lines.size(), 1U);
    EXPECT_EQ(parsed->statements.at(0).lines[0].amount.minor, -1250);
    EXPECT_EQ(parsed->statements.at(0).lines[0].remittance, "INV E1 INV E2");
}

TEST(Camt, AnyVersionAndPrefixReadAlike) {
    const auto parsed =
        parse_camt(camt(entry("1"), "urn:iso:std:iso:20022:tech:xsd:camt.053.001.13", "c"));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    EXPECT_EQ(parsed->statements.at(0).lines.at(0).amount.minor, 100);
    EXPECT_EQ(parsed->statements.at(0).account_iban, "DE89370400440532013000");
    const auto pain =
        parse_camt(camt(entry("1"), "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"));
    ASSERT_FALSE(pain.ok());
    EXPECT_EQ(pain.error().fields().at(0).field, "Document");
}

TEST(Camt, BadAmountNamesItsElementPath) {
    const auto parsed = parse_camt(camt(entry("1.00") + entry("2.00") + entry("3,00")));
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(parsed.error().message(),
              "Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt: not a decimal amount");
}

TEST(Camt, ExtraDecimalsAreExactOrRefused) {
    const auto zeros = parse_camt(camt(entry("8.85000")));
    ASSERT_TRUE(zeros.ok()) << zeros.error().message();
    EXPECT_EQ(zeros->statements.at(0).lines.at(0).amount.minor, 885);
    const auto digits = parse_camt(camt(entry("8.85001")));
    ASSERT_FALSE(digits.ok());
    EXPECT_EQ(digits.error().fields().at(0).field, "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt");
    EXPECT_NE(digits.error().message().find("more decimals than EUR"), std::string::npos);
}

TEST(Camt, OtherMalformedInputIsRefused) {
    EXPECT_FALSE(parse_camt(camt(entry("1.00", "CRED"))).ok());
    EXPECT_FALSE(parse_camt(camt(entry("-1.00"))).ok());
    EXPECT_FALSE(parse_camt("<Document><BkToCstmrStmt>").ok());
    EXPECT_FALSE(parse_camt("").ok());
    const auto bad_date =
        parse_camt(camt("<Ntry><Amt Ccy=\"EUR\">1</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                        "<BookgDt><Dt>2026-02-30</Dt></BookgDt></Ntry>"));
    ASSERT_FALSE(bad_date.ok());
    EXPECT_EQ(bad_date.error().fields().at(0).field,
              "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/BookgDt/Dt");
}

std::filesystem::path ofx_dir() {
    return formats_dir() / "ofx";
}

TEST(Ofx, BankMediumHasTheFiguresOfItsReadme) {
    const std::string text = read_file(ofx_dir() / "bank_medium.ofx");
    EXPECT_EQ(detect_format(text), StatementFormat::ofx);
    const auto parsed = parse_ofx(text);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    ASSERT_EQ(parsed->statements.size(), 1U);
    const ParsedStatement& statement = parsed->statements[0];
    ASSERT_EQ(statement.lines.size(), 3U);
    EXPECT_EQ(statement.lines[0].amount, (core::Money{-660, currency("CAD")}));
    ASSERT_NE(statement.balance("closing"), nullptr);
    EXPECT_EQ(statement.balance("closing")->amount.minor, 38'234);
    ASSERT_NE(statement.balance("closing_available"), nullptr);
    EXPECT_EQ(statement.balance("closing_available")->amount.minor, 68'234);
    EXPECT_EQ(statement.lines[0].booking_date.to_string(), "2009-04-01");
    EXPECT_EQ(statement.lines[0].bank_reference, "0000123456782009040100001");
}

TEST(Ofx, EveryBankSampleParses) {
    struct Case {
        const char* file;
        std::size_t statements;
        std::size_t lines;  // in the first statement
        const char* currency;
    };

    for (const Case& sample : {Case{"checking.ofx", 1, 3, "USD"},
                               Case{"anzcc.ofx", 1, 1, "AUD"},
                               Case{"suncorp.ofx", 1, 1, "AUD"},
                               Case{"multiple_accounts2.ofx", 2, 0, "USD"},
                               Case{"ofx-v102-empty-tags.ofx", 1, 1, "AUD"}}) {
        SCOPED_TRACE(sample.file);
        const auto parsed = parse_ofx(read_file(ofx_dir() / sample.file));
        ASSERT_TRUE(parsed.ok()) << parsed.error().message();
        EXPECT_EQ(parsed->statements.size(), sample.statements);
        EXPECT_EQ(parsed->statements.at(0).lines.size(), sample.lines);
        EXPECT_EQ(parsed->statements.at(0).currency->code(), sample.currency);
    }
    const auto checking = parse_ofx(read_file(ofx_dir() / "checking.ofx"));
    ASSERT_TRUE(checking.ok());
    EXPECT_EQ(checking->statements[0].account_number, "1452687~7");
    EXPECT_EQ(checking->statements[0].bank_code, "5472369148");
    EXPECT_EQ(checking->statements[0].lines[1].amount.minor, -3451);
    const auto accounts = parse_ofx(read_file(ofx_dir() / "multiple_accounts2.ofx"));
    ASSERT_TRUE(accounts.ok());
    EXPECT_EQ(accounts->statements[0].account_number, "9100");
    EXPECT_EQ(accounts->statements[1].account_number, "9200");
    EXPECT_EQ(accounts->statements[1].balance("closing")->amount.minor, 22'200);
}

TEST(Ofx, InvestmentStatementIsNotABankStatement) {
    const auto parsed = parse_ofx(read_file(ofx_dir() / "fidelity-savings.ofx"));
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error().message().find("no bank or credit card statement"), std::string::npos);
}

TEST(Ofx, EveryInvalidSampleIsRefusedNamingALine) {
    std::size_t seen = 0;
    for (const auto& file : std::filesystem::directory_iterator(ofx_dir() / "invalid")) {
        SCOPED_TRACE(file.path().string());
        const auto parsed = parse_ofx(read_file(file.path()));
        ASSERT_FALSE(parsed.ok());
        EXPECT_EQ(parsed.error().code(), core::ErrorCode::invalid_argument);
        ASSERT_EQ(parsed.error().fields().size(), 1U);
        EXPECT_TRUE(parsed.error().fields()[0].field.starts_with("line/"))
            << parsed.error().message();
        ++seen;
    }
    EXPECT_EQ(seen, 3U);
    const auto missing = parse_ofx(read_file(ofx_dir() / "invalid" / "date_missing.ofx"));
    EXPECT_NE(missing.error().message().find("DTPOSTED"), std::string::npos);
    const auto decimal = parse_ofx(read_file(ofx_dir() / "invalid" / "decimal_error.ofx"));
    EXPECT_NE(decimal.error().message().find("not a calendar day"), std::string::npos)
        << decimal.error().message();
}

TEST(Ofx, Latin1TextBecomesUtf8AndBadTagsAreRefused) {
    const std::string sgml =
        "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nENCODING:USASCII\nCHARSET:1252\n\n"
        "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>1<ACCTID>42"
        "</BANKACCTFROM><BANKTRANLIST><STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260301<TRNAMT>+1,5"
        "<FITID>F1<NAME>M\xFCller</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>"
        "</OFX>";
    const auto parsed = parse_ofx(sgml);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    EXPECT_EQ(parsed->statements[0].lines[0].counterparty_name, "M\xC3\xBCller");
    EXPECT_EQ(parsed->statements[0].lines[0].amount.minor, 150);
    const auto stray = parse_ofx("<OFX>\n<STMTRS>\n</STMTTRN>\n</OFX>");
    ASSERT_FALSE(stray.ok());
    EXPECT_EQ(stray.error().fields()[0].field, "line/3");
}

CsvMapping debit_credit_mapping() {
    CsvMapping mapping;
    mapping.date_column = "Buchungstag";
    mapping.date_format = CsvDateFormat::dmy_dot;
    mapping.debit_column = "Soll";
    mapping.credit_column = "Haben";
    mapping.decimal_separator = ',';
    mapping.reference_column = "Referenz";
    mapping.counterparty_column = "Name";
    mapping.text_column = "Verwendungszweck";
    return mapping;
}

TEST(CsvStatement, ReadsThroughTheMapping) {
    const std::string text =
        "Buchungstag,Soll,Haben,Referenz,Name,Verwendungszweck\n"
        "02.03.2026,\"1.234,50\",,A1,Stadtwerke,Strom\n"
        "03.03.2026,,\"99,00\",A2,Kunde GmbH,RE-1001\n";
    const auto parsed = parse_csv_statement(text, debit_credit_mapping(), currency("EUR"));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    const ParsedStatement& statement = parsed->statements.at(0);
    ASSERT_EQ(statement.lines.size(), 2U);
    EXPECT_EQ(statement.lines[0].amount.minor, -123'450);
    EXPECT_EQ(statement.lines[1].amount.minor, 9'900);
    EXPECT_EQ(statement.lines[1].remittance, "RE-1001");
    EXPECT_EQ(statement.lines[1].bank_reference, "A2");
    EXPECT_EQ(statement.from_date->to_string(), "2026-03-02");
    EXPECT_EQ(statement.to_date->to_string(), "2026-03-03");
    EXPECT_EQ(detect_format(text), StatementFormat::csv);
}

TEST(CsvStatement, BadRowsAndMissingColumnsAreNamed) {
    const auto bad = parse_csv_statement(
        "Buchungstag,Soll,Haben,Referenz,Name,Verwendungszweck\n"
        "02.03.2026,1,,A1,x,y\n"
        "31.02.2026,1,,A2,x,y\n",
        debit_credit_mapping(),
        currency("EUR"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().fields().at(0).field, "line/3");
    const auto both = parse_csv_statement(
        "Buchungstag,Soll,Haben,Referenz,Name,Verwendungszweck\n02.03.2026,1,2,A1,x,y\n",
        debit_credit_mapping(),
        currency("EUR"));
    ASSERT_FALSE(both.ok());
    EXPECT_EQ(both.error().fields().at(0).field, "line/2");
    const auto missing = parse_csv_statement(
        "Datum,Betrag\n2026-03-02,1\n", debit_credit_mapping(), currency("EUR"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().fields().at(0).field, "mapping/date_column");
}

}  // namespace
}  // namespace bo::modules::banking
