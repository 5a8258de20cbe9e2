// The ledger's reports as files: CSV, XLSX and PDF renderings of the trial balance, income
// statement, balance sheet, general-ledger detail and journal listing.
//
// Each report is first laid out as one platform table (files::Table: text and amount cells),
// then written by the platform's writers, so the three formats show the same rows and figures
// as the JSON answer: amounts in the functional currency's minor units, percentages as
// basis points shown with two decimals ("12.34" = 12.34 %), and an empty cell where JSON has
// null. Amount columns are numbers in every format (no formula guard needed on them).
// Thread safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ledger/model.hpp"
#include "ledger/reports.hpp"

namespace bo::ledger {

// JSON stays the default; the others are files. Enumerators equal their wire names.
enum class ReportFormat { json, csv, xlsx, pdf };

// The format asked by `?format=` (which wins) or by the Accept header (text/csv, the XLSX
// media type, application/pdf; anything else is JSON). Errors: invalid_argument (field
// "format") for an unknown `?format=`.
[[nodiscard]] core::Result<ReportFormat> parse_report_format(
    const std::optional<std::string>& format, std::string_view accept);

struct ReportFile {
    std::string content_type;  // "text/csv; charset=utf-8", ...
    std::string filename;      // "trial-balance_2024-01-01_2024-12-31.csv"
    std::string bytes;
};

// What the reports show besides their figures: the company, the department filter, and the
// names of the accounts and departments that lines refer to by id.
struct ReportContext {
    std::string company_name;
    std::string department_label;  // "" for every department; else "Department SALES", ...
    std::map<std::int64_t, std::string> department_codes;  // id -> code
    std::map<AccountId, const Account*> accounts;          // for the journal's lines
    std::string filter_label;  // the journal's filters ("Dated 2024-01-01 to 2024-01-31: ")
};

// Each answers the report as a `format` file (format != json). Errors: internal when a writer
// fails (a font or temporary file missing).
[[nodiscard]] core::Result<ReportFile> trial_balance_file(const TrialBalance& report,
                                                          const ReportContext& context,
                                                          ReportFormat format);
[[nodiscard]] core::Result<ReportFile> income_statement_file(const IncomeStatement& report,
                                                             const ReportContext& context,
                                                             ReportFormat format);
[[nodiscard]] core::Result<ReportFile> balance_sheet_file(const BalanceSheet& report,
                                                          const ReportContext& context,
                                                          ReportFormat format);
[[nodiscard]] core::Result<ReportFile> general_ledger_file(const GeneralLedger& report,
                                                           const ReportContext& context,
                                                           ReportFormat format);
[[nodiscard]] core::Result<ReportFile> journal_file(const std::vector<PostedEntry>& entries,
                                                    core::Currency functional,
                                                    const ReportContext& context,
                                                    ReportFormat format);

// "2024-01-01 to 2024-12-31": a half-open range shown with its last day included.
std::string range_text(DateRange range);

}  // namespace bo::ledger
