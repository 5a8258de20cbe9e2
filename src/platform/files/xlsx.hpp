// XLSX output (one workbook, one sheet) through libxlsxwriter.
//
// The header row is bold and frozen; amounts are numeric cells with as many decimals as their
// currency's exponent ("#,##0.00" for cents), so that a spreadsheet sums them; text cells are
// strings, never formulas (no injection to guard against). libxlsxwriter 1.1.4 writes only to
// a file: the workbook goes to a private temporary file that is read back and removed.
// Money: XLSX stores every number as an IEEE double. The one conversion from minor units
// happens in xlsx.cpp, exactly for |minor| < 2^53 (every realistic amount); its decimal text in
// the file is the shortest that reads back as the same double, e.g. 1234.56.
// Thread safety: each call builds its own workbook; safe to call concurrently.
#pragma once

#include <string>

#include "core/result.hpp"
#include "platform/files/table.hpp"

namespace bo::platform::files {

struct Workbook {
    std::string sheet_name;  // shown on the tab; cut to 31 characters, []:*?/\ replaced
    std::string title;       // document properties: title, subject and company
    std::string subject;
    std::string company;
    Table table;
};

// The bytes of the .xlsx file. Errors: internal when the temporary file cannot be written or
// read back, or libxlsxwriter refuses a value.
[[nodiscard]] core::Result<std::string> write_xlsx(const Workbook& workbook);

}  // namespace bo::platform::files
