// CSV output per RFC 4180, for exports that accountants open in a spreadsheet.
//
// Records end with CRLF; a field is quoted when it holds a comma, a double quote, CR or LF
// (quotes doubled inside); text is UTF-8 as given, without a byte-order mark. Formula
// injection: a spreadsheet runs a text cell that starts with = + - @ (or a tab or CR) as a
// formula, so such text cells get a leading apostrophe ("'=SUM(A1)"), which spreadsheets show
// as text. Amounts are written as plain decimal numbers ("-1234.56") and are never prefixed.
// Thread safety: one writer per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "platform/files/table.hpp"

namespace bo::platform::files {

class CsvWriter {
public:
    // Appends a text field (formula-guarded, quoted when needed).
    void add_text(std::string_view text);

    // Appends an amount: minor units with `exponent` decimals, unquoted.
    void add_amount(std::int64_t minor, int exponent);

    void add(const Cell& cell);

    // Ends the current record with CRLF.
    void end_row();

    // The text written so far; the writer is left empty.
    std::string take();

private:
    void separate();

    std::string out_;
    bool row_started_ = false;
};

// The table as CSV: one header record (the column titles), then one record per row.
std::string write_csv(const Table& table);

// One field as written by CsvWriter::add_text (exposed for tests).
std::string csv_text_field(std::string_view text);

}  // namespace bo::platform::files
