// Goal: the platform's file writers produce files other programs read back as written: CSV per
// RFC 4180 with formula injection guarded, XLSX whose sheet holds the same cells (numbers as
// numbers, the header bold and frozen), PDF whose text holds every amount, the page numbers
// and a UTF-8 name, across page breaks.
// Method: tables written by the writers, then read back by independent tools: a small CSV
// parser here, `unzip -p` for the XLSX sheet's XML, `pdftotext -layout` (poppler) for the PDF.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "platform/documents/pdf.hpp"
#include "platform/files/csv_writer.hpp"
#include "platform/files/table.hpp"
#include "platform/files/xlsx.hpp"

#include "support/databases.hpp"
#include "support/process.hpp"

namespace bo::platform::files {
namespace {

// RFC 4180 records back into fields (quotes, doubled quotes, CRLF inside quotes).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    for (std::size_t index = 0; index < text.size(); ++index) {
        const char c = text[index];
        if (quoted) {
            if (c == '"' && index + 1 < text.size() && text[index + 1] == '"') {
                field += '"';
                ++index;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && index + 1 < text.size() && text[index + 1] == '\n') {
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
            ++index;
        } else {
            field += c;
        }
    }
    EXPECT_TRUE(field.empty() && record.empty()) << "the last record must end with CRLF";
    return records;
}

Table sample_table() {
    Table table;
    table.columns = {Column{"Account", Cell::Kind::text, 3},
                     Column{"Amount", Cell::Kind::amount, 1}};
    table.rows = {
        Row{{Cell::of_text("Cash, petty"), Cell::of_amount(123456, 2)}},
        Row{{Cell::of_text("=HYPERLINK(\"http://x\")"), Cell::of_amount(-5, 2)}},
        Row{{Cell::of_text("Łódź \"quoted\"\nsecond line"), Cell::of_amount(0, 2)}},
        Row{{Cell::of_text("-1+2"), Cell::of_amount(100000000000, 2)}, RowStyle::total},
    };
    return table;
}

std::filesystem::path write_temp(const std::string& bytes, const std::string& name) {
    const std::filesystem::path path = bo::testing::make_temp_directory() / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

TEST(DecimalText, PrintsMinorUnitsExactlyWithAndWithoutGrouping) {
    EXPECT_EQ(decimal_text(123456, 2), "1234.56");
    EXPECT_EQ(decimal_text(-5, 2), "-0.05");
    EXPECT_EQ(decimal_text(0, 2), "0.00");
    EXPECT_EQ(decimal_text(1500, 0), "1500");
    EXPECT_EQ(decimal_text(-1234567, 3), "-1234.567");
    EXPECT_EQ(decimal_text(std::numeric_limits<std::int64_t>::min(), 2), "-92233720368547758.08");
    EXPECT_EQ(grouped_decimal_text(123456789, 2), "1,234,567.89");
    EXPECT_EQ(grouped_decimal_text(-100000, 2), "-1,000.00");
    EXPECT_EQ(grouped_decimal_text(99999, 2), "999.99");
    EXPECT_EQ(grouped_decimal_text(1000, 0), "1,000");
}

TEST(Utf8Text, CutsAndPopsWholeCharactersOnly) {
    EXPECT_EQ(utf8_prefix("Łódź", 2), "Ł");  // Ł and ó are two bytes each
    EXPECT_EQ(utf8_prefix("Łódź", 3), "Ł");
    EXPECT_EQ(utf8_prefix("Łódź", 4), "Łó");
    EXPECT_EQ(utf8_prefix("abc", 10), "abc");
    EXPECT_EQ(utf8_prefix("€", 2), "");  // three bytes
    std::string name = "Zoë";
    pop_utf8_character(name);
    EXPECT_EQ(name, "Zo");
    std::string empty;
    pop_utf8_character(empty);
    EXPECT_EQ(empty, "");
}

TEST(CsvWriter, QuotesWhenNeededEndsRecordsWithCrlfAndGuardsFormulas) {
    EXPECT_EQ(csv_text_field("plain"), "plain");
    EXPECT_EQ(csv_text_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_text_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_text_field("=1+1"), "'=1+1");
    EXPECT_EQ(csv_text_field("+1"), "'+1");
    EXPECT_EQ(csv_text_field("-1"), "'-1");
    EXPECT_EQ(csv_text_field("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(csv_text_field("\tx"), "'\tx");
    EXPECT_EQ(csv_text_field("=a,b"), "\"'=a,b\"");
    const std::string csv = write_csv(sample_table());
    EXPECT_EQ(csv.substr(0, 16), "Account,Amount\r\n");
    const auto records = parse_csv(csv);
    ASSERT_EQ(records.size(), 5U);
    EXPECT_EQ(records[1], (std::vector<std::string>{"Cash, petty", "1234.56"}));
    EXPECT_EQ(records[2], (std::vector<std::string>{"'=HYPERLINK(\"http://x\")", "-0.05"}));
    EXPECT_EQ(records[3], (std::vector<std::string>{"Łódź \"quoted\"\nsecond line", "0.00"}));
    // A negative amount is a number, not a formula: never prefixed.
    EXPECT_EQ(records[4], (std::vector<std::string>{"'-1+2", "1000000000.00"}));
}

TEST(Xlsx, TheSheetHoldsTheCellsWithNumbersAsNumbersAndAFrozenBoldHeader) {
    const auto bytes = write_xlsx({.sheet_name = "Trial balance: 2024/01",
                                   .title = "Trial balance",
                                   .subject = "2024",
                                   .company = "Łódź Trading",
                                   .table = sample_table()});
    ASSERT_TRUE(bytes.ok()) << bytes.error().message();
    ASSERT_EQ(bytes->substr(0, 2), "PK");  // a zip archive
    const auto path = write_temp(*bytes, "t.xlsx");
    const auto sheet = bo::testing::run_command(
        {"/usr/bin/unzip", "-p", path.string(), "xl/worksheets/sheet1.xml"});
    ASSERT_EQ(sheet.exit_code, 0) << sheet.err;
    EXPECT_NE(sheet.out.find("<v>1234.56</v>"), std::string::npos) << sheet.out;
    EXPECT_NE(sheet.out.find("<v>-0.05</v>"), std::string::npos) << sheet.out;
    EXPECT_NE(sheet.out.find("<v>1000000000</v>"), std::string::npos) << sheet.out;
    EXPECT_NE(sheet.out.find("state=\"frozen\""), std::string::npos) << sheet.out;
    const auto strings =
        bo::testing::run_command({"/usr/bin/unzip", "-p", path.string(), "xl/sharedStrings.xml"});
    ASSERT_EQ(strings.exit_code, 0) << strings.err;
    // Text is a string cell as given: no apostrophe, and the formula is not a formula.
    EXPECT_NE(strings.out.find("<t>=HYPERLINK(\"http://x\")</t>"), std::string::npos)
        << strings.out;
    EXPECT_NE(strings.out.find("Łódź"), std::string::npos);
    EXPECT_EQ(sheet.out.find("<f>"), std::string::npos);
    const auto styles =
        bo::testing::run_command({"/usr/bin/unzip", "-p", path.string(), "xl/styles.xml"});
    EXPECT_NE(styles.out.find("#,##0.00"), std::string::npos) << styles.out;
    EXPECT_NE(styles.out.find("<b/>"), std::string::npos) << styles.out;
    const auto workbook =
        bo::testing::run_command({"/usr/bin/unzip", "-p", path.string(), "xl/workbook.xml"});
    EXPECT_NE(workbook.out.find("name=\"Trial balance- 2024-01\""), std::string::npos)
        << workbook.out;
    std::filesystem::remove_all(path.parent_path());
}

documents::Document long_document() {
    documents::Document document{.title = "Ledger listing",
                                 .header_lines = {"Ærøskøbing Ltd", "2024-01-01 to 2024-12-31"},
                                 .footer = "Ærøskøbing Ltd",
                                 .orientation = documents::Orientation::portrait,
                                 .blocks = {}};
    document.blocks.emplace_back(
        documents::Paragraph{"Figures in USD.", documents::TextStyle::body});
    Table table;
    table.columns = {Column{"Line", Cell::Kind::text, 1},
                     Column{"Name", Cell::Kind::text, 4},
                     Column{"Amount", Cell::Kind::amount, 2}};
    for (int line = 1; line <= 120; ++line) {
        table.rows.push_back(Row{{Cell::of_text("L" + std::to_string(line)),
                                  Cell::of_text(line == 7 ? "Zoë Ågren-Øster, 東京"
                                                          : "A name that is long enough to be cut "
                                                            "short in its column because it "
                                                            "goes on and on and on"),
                                  Cell::of_amount(std::int64_t{line} * 100'001, 2)}});
    }
    table.rows.push_back(
        Row{{Cell::of_text(""), Cell::of_text("Total"), Cell::of_amount(726'006'050, 2)},
            RowStyle::total});
    document.blocks.emplace_back(std::move(table));
    return document;
}

TEST(Pdf, TextHoldsAmountsPageNumbersAndUtf8AcrossPageBreaks) {
    const auto bytes = documents::render_pdf(long_document());
    ASSERT_TRUE(bytes.ok()) << bytes.error().message();
    ASSERT_EQ(bytes->substr(0, 5), "%PDF-");
    const auto path = write_temp(*bytes, "t.pdf");
    const auto text =
        bo::testing::run_command({"/usr/bin/pdftotext", "-layout", path.string(), "-"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("Ledger listing"), std::string::npos);
    EXPECT_NE(text.out.find("Ærøskøbing Ltd"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Zoë Ågren-Øster"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("1,000.01"), std::string::npos);      // line 1
    EXPECT_NE(text.out.find("120,001.20"), std::string::npos);    // line 120, on a later page
    EXPECT_NE(text.out.find("7,260,060.50"), std::string::npos);  // the total
    EXPECT_NE(text.out.find("Page 1 of 3"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Page 3 of 3"), std::string::npos);
    // The header row repeats on every page.
    std::size_t headers = 0;
    for (std::size_t at = text.out.find("Amount"); at != std::string::npos;
         at = text.out.find("Amount", at + 1)) {
        ++headers;
    }
    EXPECT_EQ(headers, 3U);
    EXPECT_NE(text.out.find("\xE2\x80\xA6"), std::string::npos) << "a long name is cut with …";
    if (std::getenv("BO_KEEP_PDF") != nullptr) {
        std::filesystem::copy_file(
            path, std::getenv("BO_KEEP_PDF"), std::filesystem::copy_options::overwrite_existing);
    }
    std::filesystem::remove_all(path.parent_path());
}

TEST(Pdf, AMissingFontIsAnInternalErrorNotACrash) {
    const auto bytes =
        documents::render_pdf(long_document(), {"/nonexistent.ttf", "/nonexistent.ttf"});
    ASSERT_FALSE(bytes.ok());
    EXPECT_EQ(bytes.error().code(), core::ErrorCode::internal);
}

}  // namespace
}  // namespace bo::platform::files
