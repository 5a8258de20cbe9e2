#include "platform/files/xlsx.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include <unistd.h>
#include <xlsxwriter.h>

namespace bo::platform::files {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t sheet_name_chars_max = 31;  // Excel's limit on a tab's name
constexpr double column_width_min = 8;
constexpr double column_width_max = 60;  // a long memo is cut on screen, not in the cell
constexpr std::int64_t exact_double_max = std::int64_t{1} << 53;
constexpr std::size_t indent_max = 15;  // Excel's deepest indentation level

// A temporary file that is removed when this goes out of scope.
class TempFile {
public:
    static core::Result<TempFile> create() {
        std::error_code error;
        const std::filesystem::path dir = std::filesystem::temp_directory_path(error);
        if (error) {
            return Error(ErrorCode::internal, "no temporary directory: " + error.message());
        }
        std::string pattern = (dir / "bo-xlsx-XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        if (fd < 0) {
            return Error(ErrorCode::internal, "cannot create a temporary file for XLSX");
        }
        ::close(fd);
        return TempFile(std::move(pattern));
    }

    TempFile(TempFile&& other) noexcept : path_(std::exchange(other.path_, {})) {}

    TempFile& operator=(TempFile&&) = delete;
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    ~TempFile() {
        if (!path_.empty()) {
            std::error_code ignored;
            std::filesystem::remove(path_, ignored);
        }
    }

    [[nodiscard]] const std::string& path() const { return path_; }

private:
    explicit TempFile(std::string path) : path_(std::move(path)) {}

    std::string path_;
};

// Closes (and frees) a workbook that was not closed on the normal path.
struct WorkbookCloser {
    void operator()(lxw_workbook* workbook) const { (void)workbook_close(workbook); }
};

using WorkbookHandle = std::unique_ptr<lxw_workbook, WorkbookCloser>;

std::string sheet_name_of(std::string_view name) {
    std::string cleaned;
    for (const char c : name) {
        cleaned += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '-';
    }
    if (cleaned.empty()) {
        cleaned = "Sheet1";
    }
    return utf8_prefix(cleaned, sheet_name_chars_max);
}

// "#,##0.00" for exponent 2, "#,##0" for 0.
std::string number_format(int exponent) {
    std::string format = "#,##0";
    if (exponent > 0) {
        format += '.';
        format.append(static_cast<std::size_t>(exponent), '0');
    }
    return format;
}

// The one place where money becomes a double (the file format's number type).
double to_double(std::int64_t minor, int exponent) {
    BO_ASSERT(minor < exact_double_max);
    BO_ASSERT(minor > -exact_double_max);
    double scale = 1;
    for (int digit = 0; digit < exponent; ++digit) {
        scale *= 10;  // NOLINT(readability-magic-numbers): decimal digits
    }
    return static_cast<double>(minor) / scale;
}

core::Result<void> check(lxw_error error) {
    if (error != LXW_NO_ERROR) {
        return Error(ErrorCode::internal, std::string("XLSX: ") + lxw_strerror(error));
    }
    return core::ok();
}

class SheetWriter {
public:
    SheetWriter(lxw_workbook* workbook, lxw_worksheet* sheet) : workbook_(workbook), sheet_(sheet) {
        header_ = workbook_add_format(workbook_);
        format_set_bold(header_);
        format_set_bottom(header_, LXW_BORDER_THIN);
    }

    core::Result<void> write(const Table& table) {
        widths_.assign(table.columns.size(), column_width_min);
        for (std::size_t column = 0; column < table.columns.size(); ++column) {
            const Column& info = table.columns[column];
            BO_TRY(check(worksheet_write_string(
                sheet_, 0, col(column), info.title.c_str(), header_with(info.kind))));
            widen(column, info.title.size());
        }
        for (std::size_t index = 0; index < table.rows.size(); ++index) {
            BO_TRY(write_row(
                static_cast<lxw_row_t>(index + 1), table.rows[index], table.indent_column));
        }
        for (std::size_t column = 0; column < widths_.size(); ++column) {
            BO_TRY(check(
                worksheet_set_column(sheet_, col(column), col(column), widths_[column], nullptr)));
        }
        worksheet_freeze_panes(sheet_, 1, 0);
        return core::ok();
    }

private:
    static lxw_col_t col(std::size_t index) { return static_cast<lxw_col_t>(index); }

    void widen(std::size_t column, std::size_t chars) {
        widths_[column] =
            std::clamp(static_cast<double>(chars) + 2, widths_[column], column_width_max);
    }

    lxw_format* header_with(Cell::Kind kind) {
        if (kind != Cell::Kind::amount) {
            return header_;
        }
        if (header_right_ == nullptr) {
            header_right_ = workbook_add_format(workbook_);
            format_set_bold(header_right_);
            format_set_bottom(header_right_, LXW_BORDER_THIN);
            format_set_align(header_right_, LXW_ALIGN_RIGHT);
        }
        return header_right_;
    }

    // One format per (kind, exponent, bold, indent) actually used.
    lxw_format* format_for(const Cell& cell, const Row& row, bool indented) {
        const bool bold = row.style == RowStyle::total;
        const std::size_t indent = indented ? std::min<std::size_t>(row.indent, indent_max) : 0;
        const int exponent = cell.kind == Cell::Kind::amount ? cell.exponent : -1;
        const auto key = std::make_tuple(exponent, bold, indent);
        if (const auto found = formats_.find(key); found != formats_.end()) {
            return found->second;
        }
        if (exponent < 0 && !bold && indent == 0) {
            formats_[key] = nullptr;
            return nullptr;
        }
        lxw_format* format = workbook_add_format(workbook_);
        if (exponent >= 0) {
            format_set_num_format(format, number_format(exponent).c_str());
        }
        if (bold) {
            format_set_bold(format);
        }
        if (indent > 0) {
            format_set_indent(format, static_cast<std::uint8_t>(indent));
        }
        formats_[key] = format;
        return format;
    }

    core::Result<void> write_cell(lxw_row_t at,
                                  std::size_t column,
                                  const Cell& cell,
                                  lxw_format* format,
                                  std::size_t indent) {
        if (cell.kind == Cell::Kind::amount) {
            widen(column, decimal_text(cell.minor, cell.exponent).size() + 2);
            return check(worksheet_write_number(
                sheet_, at, col(column), to_double(cell.minor, cell.exponent), format));
        }
        if (cell.text.empty()) {
            return core::ok();
        }
        widen(column, cell.text.size() + 2 * indent);
        return check(worksheet_write_string(sheet_, at, col(column), cell.text.c_str(), format));
    }

    core::Result<void> write_row(lxw_row_t at, const Row& row, std::size_t indent_column) {
        for (std::size_t column = 0; column < row.cells.size(); ++column) {
            const Cell& cell = row.cells[column];
            const bool indented = column == indent_column;
            BO_TRY(write_cell(
                at, column, cell, format_for(cell, row, indented), indented ? row.indent : 0));
        }
        return core::ok();
    }

    lxw_workbook* workbook_;
    lxw_worksheet* sheet_;
    lxw_format* header_ = nullptr;
    lxw_format* header_right_ = nullptr;
    std::map<std::tuple<int, bool, std::size_t>, lxw_format*> formats_;
    std::vector<double> widths_;
};

core::Result<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error(ErrorCode::internal, "cannot read back the XLSX file");
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace

core::Result<std::string> write_xlsx(const Workbook& input) {
    check_table(input.table);
    BO_TRY_ASSIGN(const TempFile file, TempFile::create());
    const std::string tmpdir = std::filesystem::path(file.path()).parent_path().string();
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = const_cast<char*>(tmpdir.c_str());  // NOLINT: the C API is not const-correct
    options.use_zip64 = LXW_FALSE;
    WorkbookHandle workbook(workbook_new_opt(file.path().c_str(), &options));
    if (workbook == nullptr) {
        return Error(ErrorCode::internal, "cannot create the XLSX workbook");
    }
    lxw_doc_properties properties{};
    std::string title = input.title;
    std::string subject = input.subject;
    std::string company = input.company;
    properties.title = title.data();
    properties.subject = subject.data();
    properties.company = company.data();
    BO_TRY(check(workbook_set_properties(workbook.get(), &properties)));
    const std::string name = sheet_name_of(input.sheet_name);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook.get(), name.c_str());
    if (sheet == nullptr) {
        return Error(ErrorCode::internal, "cannot add the XLSX sheet");
    }
    SheetWriter writer(workbook.get(), sheet);
    BO_TRY(writer.write(input.table));
    const lxw_error closed = workbook_close(workbook.release());
    BO_TRY(check(closed));
    return read_file(file.path());
}

}  // namespace bo::platform::files
