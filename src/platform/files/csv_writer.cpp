#include "platform/files/csv_writer.hpp"

namespace bo::platform::files {
namespace {

// The first characters that make a spreadsheet evaluate a cell (OWASP "CSV injection").
bool starts_like_formula(std::string_view text) {
    if (text.empty()) {
        return false;
    }
    switch (text.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            return true;
        default:
            return false;
    }
}

bool needs_quotes(std::string_view text) {
    return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

std::string csv_text_field(std::string_view text) {
    std::string value;
    value.reserve(text.size() + 3);
    if (starts_like_formula(text)) {
        value += '\'';
    }
    value += text;
    if (!needs_quotes(value)) {
        return value;
    }
    std::string quoted = "\"";
    for (const char c : value) {
        if (c == '"') {
            quoted += '"';
        }
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

void CsvWriter::separate() {
    if (row_started_) {
        out_ += ',';
    }
    row_started_ = true;
}

void CsvWriter::add_text(std::string_view text) {
    separate();
    out_ += csv_text_field(text);
}

void CsvWriter::add_amount(std::int64_t minor, int exponent) {
    separate();
    out_ += decimal_text(minor, exponent);
}

void CsvWriter::add(const Cell& cell) {
    if (cell.kind == Cell::Kind::amount) {
        add_amount(cell.minor, cell.exponent);
    } else {
        add_text(cell.text);
    }
}

void CsvWriter::end_row() {
    out_ += "\r\n";
    row_started_ = false;
}

std::string CsvWriter::take() {
    std::string taken = std::move(out_);
    out_.clear();
    row_started_ = false;
    return taken;
}

std::string write_csv(const Table& table) {
    check_table(table);
    CsvWriter writer;
    for (const Column& column : table.columns) {
        writer.add_text(column.title);
    }
    writer.end_row();
    for (const Row& row : table.rows) {
        for (const Cell& cell : row.cells) {
            writer.add(cell);
        }
        writer.end_row();
    }
    return writer.take();
}

}  // namespace bo::platform::files
