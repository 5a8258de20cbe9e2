// A table of cells, the common input of the file writers (CSV, XLSX) and of PDF documents.
//
// A cell is text or an amount. An amount is integer minor units with the decimal exponent of
// its currency, so that every writer prints money exactly (never through a float it computes
// itself; XLSX alone stores numbers as doubles, see xlsx.hpp).
// Invariants: every row of a table has as many cells as the table has columns; an amount's
// exponent is 0..4 (ISO 4217).
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bo::platform::files {

struct Cell {
    enum class Kind { text, amount };
    Kind kind = Kind::text;
    std::string text;        // text cells
    std::int64_t minor = 0;  // amount cells: minor units
    int exponent = 0;        // amount cells: digits after the decimal point

    static Cell of_text(std::string text) { return Cell{Kind::text, std::move(text), 0, 0}; }

    static Cell of_amount(std::int64_t minor, int exponent) {
        return Cell{Kind::amount, {}, minor, exponent};
    }
};

// How a row stands out: totals print bold (XLSX, PDF) with a rule above (PDF).
enum class RowStyle { normal, total };

struct Row {
    std::vector<Cell> cells;
    RowStyle style = RowStyle::normal;
    std::size_t indent = 0;  // levels of indentation of the table's indent_column (hierarchies)
};

// How a column is laid out in a document: its relative width and alignment (amounts right).
struct Column {
    std::string title;
    Cell::Kind kind = Cell::Kind::text;  // amounts are right-aligned, text left-aligned
    unsigned width_weight = 1;           // share of the table's width (PDF)
};

struct Table {
    std::vector<Column> columns;
    std::vector<Row> rows;
    std::size_t indent_column = 0;  // the column that rows indent (e.g. an account's name)
};

// Asserts the table's invariants (a bug in the caller otherwise).
void check_table(const Table& table);

// "-1234.56": minor units as a plain decimal with `exponent` decimals, no grouping.
std::string decimal_text(std::int64_t minor, int exponent);

// "-1,234.56": the same with thousands grouped by commas, for people reading a document.
std::string grouped_decimal_text(std::int64_t minor, int exponent);

// `text` cut to at most `bytes_max` bytes without splitting a UTF-8 character.
std::string utf8_prefix(std::string_view text, std::size_t bytes_max);

// Drops the last UTF-8 character of `text` (nothing when it is empty).
void pop_utf8_character(std::string& text);

}  // namespace bo::platform::files
