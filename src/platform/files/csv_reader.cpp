#include "platform/files/csv_reader.hpp"

#include <set>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::platform::files {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

Error malformed(std::size_t line, std::string reason) {
    return Error::invalid("line/" + std::to_string(line), std::move(reason));
}

Error too_large(std::size_t line, std::string reason) {
    std::string field = "line/" + std::to_string(line);
    std::string message = field + ": " + reason;
    return Error(ErrorCode::limit_exceeded,
                 std::move(message),
                 {core::FieldError{std::move(field), std::move(reason)}});
}

// Every line must be UTF-8 without control characters other than tab. CR and LF are ASCII, so
// they never split a multi-byte sequence: checking the text between them checks it all.
core::Result<void> check_text(std::string_view text) {
    std::size_t line = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find_first_of("\r\n", start), text.size());
        if (!tenancy::utf8_chars(text.substr(start, end - start))) {
            return malformed(line, "is not UTF-8 text, or holds a control character");
        }
        if (end < text.size() && text[end] == '\n') {
            ++line;
        }
        start = end + 1;
    }
    return core::ok();
}

// A forward cursor over the text that counts physical lines (a line ends at LF; CRLF is one
// line end).
class Scanner {
public:
    Scanner(std::string_view text, const CsvLimits& limits) : text_(text), limits_(limits) {}

    bool done() const noexcept { return at_ >= text_.size(); }

    std::size_t line() const noexcept { return line_; }

    // Reads one record starting at the cursor, which is at the start of a line.
    // `blank` is set when the line held nothing at all (no field, no quote).
    core::Result<std::vector<std::string>> record(bool& blank) {
        std::vector<std::string> fields;
        blank = true;
        for (;;) {
            if (fields.size() == limits_.columns_max) {
                return too_large(line_,
                                 "more than " + std::to_string(limits_.columns_max) + " columns");
            }
            std::string field;
            bool quoted = false;
            BO_TRY(read_field(field, quoted));
            blank = blank && !quoted && field.empty();
            fields.push_back(std::move(field));
            if (done()) {
                return fields;
            }
            const char next = text_[at_];
            if (next == ',') {
                blank = false;
                ++at_;
                continue;
            }
            BO_TRY(end_of_line());
            return fields;
        }
    }

private:
    // Consumes LF or CRLF at the cursor (which is at CR or LF).
    core::Result<void> end_of_line() {
        if (text_[at_] == '\r') {
            if (at_ + 1 >= text_.size() || text_[at_ + 1] != '\n') {
                return malformed(line_, "a carriage return without a line feed");
            }
            ++at_;
        }
        BO_ASSERT(text_[at_] == '\n');
        ++at_;
        ++line_;
        return core::ok();
    }

    core::Result<void> append(std::string& field, char c) {
        if (field.size() == limits_.field_bytes_max) {
            return too_large(
                line_, "a field longer than " + std::to_string(limits_.field_bytes_max) + " bytes");
        }
        field.push_back(c);
        return core::ok();
    }

    core::Result<void> read_field(std::string& field, bool& quoted) {
        if (!done() && text_[at_] == '"') {
            quoted = true;
            return read_quoted(field);
        }
        while (!done()) {
            const char c = text_[at_];
            if (c == ',' || c == '\r' || c == '\n') {
                return core::ok();
            }
            if (c == '"') {
                return malformed(line_, "a quote inside a field that does not start with one");
            }
            BO_TRY(append(field, c));
            ++at_;
        }
        return core::ok();
    }

    core::Result<void> read_quoted(std::string& field) {
        const std::size_t opened_line = line_;
        ++at_;  // the opening quote
        while (!done()) {
            const char c = text_[at_];
            if (c == '"') {
                if (at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
                    BO_TRY(append(field, '"'));
                    at_ += 2;
                    continue;
                }
                ++at_;  // the closing quote
                if (!done() && text_[at_] != ',' && text_[at_] != '\r' && text_[at_] != '\n') {
                    return malformed(line_, "text after the closing quote of a field");
                }
                return core::ok();
            }
            if (c == '\n') {
                ++line_;
            }
            BO_TRY(append(field, c));
            ++at_;
        }
        return malformed(opened_line, "a quoted field that is never closed");
    }

    std::string_view text_;
    const CsvLimits& limits_;
    std::size_t at_ = 0;
    std::size_t line_ = 1;
};

std::string trimmed(std::string_view text) {
    const std::size_t first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) {
        return {};
    }
    const std::size_t last = text.find_last_not_of(' ');
    return std::string(text.substr(first, last - first + 1));
}

core::Result<std::vector<std::string>> header_names(const std::vector<std::string>& fields,
                                                    std::size_t line) {
    std::vector<std::string> names;
    std::set<std::string, std::less<>> seen;
    for (const std::string& field : fields) {
        std::string name = trimmed(field);
        if (name.empty()) {
            return malformed(line, "the header has an empty column name");
        }
        if (!seen.insert(name).second) {
            return malformed(line, "the header names column " + name + " twice");
        }
        names.push_back(std::move(name));
    }
    return names;
}

}  // namespace

std::size_t CsvTable::column(std::string_view name) const noexcept {
    for (std::size_t index = 0; index < header.size(); ++index) {
        if (header[index] == name) {
            return index;
        }
    }
    return header.size();
}

core::Result<CsvTable> read_csv(std::string_view text, const CsvLimits& limits) {
    if (text.size() > limits.bytes_max) {
        return too_large(1,
                         "the file is larger than " + std::to_string(limits.bytes_max) + " bytes");
    }
    if (text.starts_with(utf8_bom)) {
        text.remove_prefix(utf8_bom.size());
    }
    BO_TRY(check_text(text));
    CsvTable table;
    Scanner scanner(text, limits);
    std::size_t previous_line = 0;
    while (!scanner.done()) {
        const std::size_t line = scanner.line();
        BO_ASSERT(line > previous_line);
        previous_line = line;
        bool blank = false;
        BO_TRY_ASSIGN(std::vector<std::string> fields, scanner.record(blank));
        if (blank) {
            continue;
        }
        if (table.header_line == 0) {
            BO_TRY_ASSIGN(table.header, header_names(fields, line));
            table.header_line = line;
            continue;
        }
        if (table.records.size() == limits.records_max) {
            return too_large(
                line, "more than " + std::to_string(limits.records_max) + " rows after the header");
        }
        table.records.push_back(CsvRecord{line, std::move(fields)});
    }
    return table;
}

}  // namespace bo::platform::files
