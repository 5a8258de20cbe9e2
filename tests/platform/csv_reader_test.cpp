// The CSV reader (platform/files/csv_reader): RFC 4180 quoting, line numbers as a spreadsheet
// user counts them, and every malformed shape and limit refused with the line named.
//
// Method: small texts as data, each with the table or the error it must give; limits tested
// at the limit and one past it; a rapidcheck property that quoting any fields and reading them
// back gives the same fields.
#include "platform/files/csv_reader.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

namespace bo::platform::files {
namespace {

using Fields = std::vector<std::string>;

CsvTable read_ok(std::string_view text, const CsvLimits& limits = {}) {
    auto table = read_csv(text, limits);
    EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().message());
    return table.ok() ? std::move(table).value() : CsvTable{};
}

core::Error read_error(std::string_view text, const CsvLimits& limits = {}) {
    auto table = read_csv(text, limits);
    EXPECT_FALSE(table.ok());
    return table.ok() ? core::Error(core::ErrorCode::internal, "read") : table.error();
}

TEST(CsvReader, ReadsHeaderAndRecordsWithTheirLines) {
    const CsvTable table = read_ok("a,b\n1,2\n3,4\n");
    EXPECT_EQ(table.header, (Fields{"a", "b"}));
    EXPECT_EQ(table.header_line, 1U);
    ASSERT_EQ(table.records.size(), 2U);
    EXPECT_EQ(table.records[0].line, 2U);
    EXPECT_EQ(table.records[0].fields, (Fields{"1", "2"}));
    EXPECT_EQ(table.records[1].line, 3U);
    EXPECT_EQ(table.column("b"), 1U);
    EXPECT_EQ(table.column("c"), 2U);
}

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndNewlines) {
    const CsvTable table =
        read_ok("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\r\nlast,\"\"");
    ASSERT_EQ(table.records.size(), 3U);
    EXPECT_EQ(table.records[0].fields, (Fields{"x, y", "say \"hi\""}));
    EXPECT_EQ(table.records[1].fields, (Fields{"two\nlines", "z"}));
    EXPECT_EQ(table.records[1].line, 3U);
    EXPECT_EQ(table.records[2].line, 5U);  // the record after a two-line field
    EXPECT_EQ(table.records[2].fields, (Fields{"last", ""}));
}

TEST(CsvReader, SkipsBomAndBlankLinesAndKeepsEmptyFields) {
    const CsvTable table = read_ok("\xEF\xBB\xBF a ,b\n\n1,\n\r\n,\n");
    EXPECT_EQ(table.header, (Fields{"a", "b"}));
    ASSERT_EQ(table.records.size(), 2U);
    EXPECT_EQ(table.records[0].line, 3U);
    EXPECT_EQ(table.records[0].fields, (Fields{"1", ""}));
    EXPECT_EQ(table.records[1].line, 5U);
    EXPECT_EQ(table.records[1].fields, (Fields{"", ""}));
}

TEST(CsvReader, EmptyTextIsAnEmptyTable) {
    const CsvTable table = read_ok("\n\n");
    EXPECT_TRUE(table.header.empty());
    EXPECT_EQ(table.header_line, 0U);
    EXPECT_TRUE(table.records.empty());
}

TEST(CsvReader, RaggedRecordsAreLeftToTheCaller) {
    const CsvTable table = read_ok("a,b\n1\n1,2,3\n");
    ASSERT_EQ(table.records.size(), 2U);
    EXPECT_EQ(table.records[0].fields.size(), 1U);
    EXPECT_EQ(table.records[1].fields.size(), 3U);
}

struct Malformed {
    std::string text;
    std::string field;
};

TEST(CsvReader, RefusesMalformedTextNamingTheLine) {
    const std::vector<Malformed> cases = {
        {"a,b\n1,x\"y\n", "line/2"},         // quote inside an unquoted field
        {"a,b\n1,\"x\"y\n", "line/2"},       // text after the closing quote
        {"a,b\n1,2\n\"open\n\n", "line/3"},  // never closed: names the line it opened on
        {"a,b\r1,2\n", "line/1"},            // bare CR
        {"a,b\n1,\xC3\x28\n", "line/2"},     // invalid UTF-8
        {"a,b\n1,\x01\n", "line/2"},         // control character
        {"a,,b\n", "line/1"},                // empty header name
        {"a,a\n", "line/1"},                 // duplicate header name
    };
    for (const Malformed& bad : cases) {
        const core::Error error = read_error(bad.text);
        EXPECT_EQ(error.code(), core::ErrorCode::invalid_argument) << bad.text;
        ASSERT_EQ(error.fields().size(), 1U) << bad.text;
        EXPECT_EQ(error.fields()[0].field, bad.field) << bad.text;
    }
}

TEST(CsvReader, LimitsHoldAtTheLimitAndRefuseOnePast) {
    CsvLimits limits;
    limits.columns_max = 3;
    limits.field_bytes_max = 4;
    limits.records_max = 2;
    limits.bytes_max = 40;
    EXPECT_EQ(read_ok("a,b,c\nabcd,,\n1,2,3\n", limits).records.size(), 2U);
    EXPECT_EQ(read_error("a,b,c,d\n", limits).code(), core::ErrorCode::limit_exceeded);
    EXPECT_EQ(read_error("a\nabcde\n", limits).code(), core::ErrorCode::limit_exceeded);
    EXPECT_EQ(read_error("a\n\"abcde\"\n", limits).code(), core::ErrorCode::limit_exceeded);
    const core::Error rows = read_error("a\n1\n2\n3\n", limits);
    EXPECT_EQ(rows.code(), core::ErrorCode::limit_exceeded);
    EXPECT_EQ(rows.fields().at(0).field, "line/4");
    const std::string forty_bytes = "a,b,c\nabcd,abcd,abcd\r\nabcd,abcd,abcd\r\n\n\n";
    ASSERT_EQ(forty_bytes.size(), 40U);
    EXPECT_TRUE(read_csv(forty_bytes, limits).ok());
    EXPECT_EQ(read_error(forty_bytes + "\n", limits).code(), core::ErrorCode::limit_exceeded);
}

std::string quoted(const std::string& field) {
    std::string out = "\"";
    for (const char c : field) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

RC_GTEST_PROP(CsvReaderProperty, QuotedFieldsReadBackUnchanged, ()) {
    const auto alphabet = rc::gen::element('a', 'Z', '0', ',', '"', '\n', ' ', '\t');
    const auto field = rc::gen::container<std::string>(alphabet);
    const auto rows = *rc::gen::container<std::vector<std::vector<std::string>>>(
        rc::gen::container<std::vector<std::string>>(2, field));
    std::string text = "x,y\r\n";
    for (const auto& row : rows) {
        text += quoted(row[0]) + "," + quoted(row[1]) + "\r\n";
    }
    const auto table = read_csv(text);
    RC_ASSERT(table.ok());
    RC_ASSERT(table->records.size() == rows.size());
    for (std::size_t index = 0; index < rows.size(); ++index) {
        RC_ASSERT(table->records[index].fields == rows[index]);
    }
}

}  // namespace
}  // namespace bo::platform::files
