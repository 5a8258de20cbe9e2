// An RFC 4180 CSV reader for imports: text in, a header and records out, each record with the
// physical line where it starts, so that an import can name the bad rows the way a spreadsheet
// user sees them.
//
// Accepted: fields separated by ',', records by CRLF or LF (mixed is fine); fields in double
// quotes may hold ',', CR, LF and doubled quotes (""); a UTF-8 byte-order mark at the start is
// skipped; the first non-blank record is the header; blank lines (nothing on them, outside
// quotes) are skipped. Refused (invalid_argument, field "line/N"): a quote inside an unquoted
// field, text after a closing quote, an unterminated quoted field, a bare CR, text that is not
// UTF-8, a duplicate or empty header name. Every limit below is checked before the memory it
// bounds is used (limit_exceeded, naming the line).
// Invariants: the text is read in one forward pass (no recursion, no backtracking); record
// line numbers strictly increase; every record's fields are valid UTF-8.
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.hpp"
#include "core/result.hpp"

namespace bo::platform::files {

// 64 MiB of CSV text: an import of import_rows_max rows at a generous ~600 bytes per row; the
// whole file is held in memory once as text and once as fields.
inline constexpr std::size_t csv_bytes_max = std::size_t{64} << 20U;

// 64 columns: our widest import has ten; a spreadsheet export with a few dozen extra columns
// still reads (the importer then names the unknown ones).
inline constexpr std::size_t csv_columns_max = 64;

// 4 KiB per field: the longest field an import stores is a memo (text_field_bytes_max).
inline constexpr std::size_t csv_field_bytes_max = core::text_field_bytes_max;

// Records after the header: the import bound.
inline constexpr std::size_t csv_records_max = core::import_rows_max;

static_assert(csv_field_bytes_max < csv_bytes_max);
static_assert(csv_columns_max * csv_field_bytes_max <= csv_bytes_max,
              "one record at its limits must fit in a file");

struct CsvLimits {
    std::size_t bytes_max = csv_bytes_max;
    std::size_t columns_max = csv_columns_max;
    std::size_t field_bytes_max = csv_field_bytes_max;
    std::size_t records_max = csv_records_max;
};

struct CsvRecord {
    std::size_t line = 0;  // 1-based physical line where the record starts
    std::vector<std::string> fields;
};

struct CsvTable {
    std::vector<std::string> header;  // names as written, surrounding spaces removed
    std::size_t header_line = 0;      // 0 when the text holds no record at all
    std::vector<CsvRecord> records;   // after the header; may differ in field count

    // The index of the header column named `name` (exact match), or header.size() if absent.
    std::size_t column(std::string_view name) const noexcept;
};

// Reads `text` as CSV with a header row. Errors: invalid_argument (field "line/N", N the line
// of the problem) for malformed text; limit_exceeded past any of `limits`. Empty text (or only
// blank lines) is a table without header and records, not an error.
[[nodiscard]] core::Result<CsvTable> read_csv(std::string_view text, const CsvLimits& limits = {});

}  // namespace bo::platform::files
