#include "ledger/report_files.hpp"

#include <utility>

#include "platform/documents/pdf.hpp"
#include "platform/files/csv_writer.hpp"
#include "platform/files/xlsx.hpp"

namespace bo::ledger {
namespace {

using platform::files::Cell;
using platform::files::Column;
using platform::files::Row;
using platform::files::RowStyle;
using platform::files::Table;

constexpr int percent_exponent = 2;  // basis points shown as percent with two decimals
constexpr unsigned name_weight = 4;  // account names and memos get the room
constexpr unsigned amount_weight = 2;

// One report, laid out: what every format prints.
struct Layout {
    std::string title;      // "Trial balance"
    std::string file_stem;  // "trial-balance_2024-01-01_2024-12-31"
    std::vector<std::string> header_lines;
    platform::documents::Orientation orientation = platform::documents::Orientation::portrait;
    Table table;
};

Column text_column(std::string title, unsigned weight = 1) {
    return Column{std::move(title), Cell::Kind::text, weight};
}

Column amount_column(std::string title) {
    return Column{std::move(title), Cell::Kind::amount, amount_weight};
}

Cell text(std::string value) {
    return Cell::of_text(std::move(value));
}

Cell percent(std::int64_t current, std::int64_t previous) {
    const std::optional<std::int64_t> points = change_basis_points(current, previous);
    return points ? Cell::of_amount(*points, percent_exponent) : Cell::of_text("");
}

// The last day inside a half-open range (the day before `to`; `to` itself for an empty one).
core::Date last_day(DateRange range) {
    if (!(range.from < range.to)) {
        return range.to;
    }
    const core::Result<core::Date> last = range.to.add_days(-1);
    return last ? *last : range.to;
}

std::vector<std::string> header_lines(const ReportContext& context, std::string period) {
    std::vector<std::string> lines{context.company_name, std::move(period)};
    if (!context.department_label.empty()) {
        lines.push_back(context.department_label);
    }
    return lines;
}

std::string stem(std::string_view name, DateRange range) {
    return std::string(name) + "_" + range.from.to_string() + "_" + last_day(range).to_string();
}

// The comparison's three cells: the compared amount, the difference and its percentage.
void add_comparison(std::vector<Cell>& cells,
                    std::int64_t current,
                    std::int64_t previous,
                    int exponent) {
    cells.push_back(Cell::of_amount(previous, exponent));
    cells.push_back(Cell::of_amount(current - previous, exponent));
    cells.push_back(percent(current, previous));
}

void add_comparison_columns(Table& table, const std::string& label) {
    table.columns.push_back(amount_column(label));
    table.columns.push_back(amount_column("Difference"));
    table.columns.push_back(amount_column("Change %"));
}

std::string media_type(ReportFormat format) {
    switch (format) {
        case ReportFormat::csv:
            return "text/csv; charset=utf-8";
        case ReportFormat::xlsx:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        case ReportFormat::pdf:
            return "application/pdf";
        case ReportFormat::json:
            break;
    }
    return "application/json";
}

core::Result<ReportFile> render(Layout layout, const ReportContext& context, ReportFormat format) {
    BO_ASSERT(format != ReportFormat::json);
    ReportFile file{.content_type = media_type(format),
                    .filename = layout.file_stem + "."
                                + std::string(format == ReportFormat::csv    ? "csv"
                                              : format == ReportFormat::xlsx ? "xlsx"
                                                                             : "pdf"),
                    .bytes = {}};
    if (format == ReportFormat::csv) {
        file.bytes = platform::files::write_csv(layout.table);
    } else if (format == ReportFormat::xlsx) {
        BO_TRY_ASSIGN(
            file.bytes,
            platform::files::write_xlsx(
                {.sheet_name = layout.title,
                 .title = layout.title,
                 .subject = layout.header_lines.size() > 1 ? layout.header_lines[1] : std::string(),
                 .company = context.company_name,
                 .table = std::move(layout.table)}));
    } else {
        platform::documents::Document document{
            .title = layout.title,
            .header_lines = layout.header_lines,
            .footer = context.company_name + " \xE2\x80\x94 " + layout.title,
            .orientation = layout.orientation,
            .blocks = {}};
        document.blocks.emplace_back(std::move(layout.table));
        BO_TRY_ASSIGN(file.bytes, platform::documents::render_pdf(document));
    }
    return file;
}

// Rows of a hierarchical statement: each account's roll-up, indented by depth.
void add_statement_rows(Table& table,
                        const std::vector<StatementRow>& rows,
                        int exponent,
                        bool compare) {
    for (const StatementRow& row : rows) {
        Row out{.cells = {text(row.number),
                          text(row.name),
                          Cell::of_amount(row.rolled_up_minor, exponent)},
                .style = RowStyle::normal,
                .indent = row.depth};
        if (compare) {
            add_comparison(out.cells, row.rolled_up_minor, row.compare_rolled_up_minor, exponent);
        }
        table.rows.push_back(std::move(out));
    }
}

void add_total_row(Table& table,
                   std::string label,
                   std::int64_t current,
                   std::int64_t previous,
                   int exponent,
                   bool compare) {
    Row out{.cells = {text(""), text(std::move(label)), Cell::of_amount(current, exponent)},
            .style = RowStyle::total,
            .indent = 0};
    if (compare) {
        add_comparison(out.cells, current, previous, exponent);
    }
    table.rows.push_back(std::move(out));
}

Table statement_table(const std::vector<StatementRow>& rows,
                      int exponent,
                      const std::optional<std::string>& compare_label) {
    Table table;
    table.columns = {
        text_column("Number", 2), text_column("Account", 2 * name_weight), amount_column("Amount")};
    table.indent_column = 1;
    if (compare_label) {
        add_comparison_columns(table, *compare_label);
    }
    add_statement_rows(table, rows, exponent, compare_label.has_value());
    return table;
}

std::string department_text(const ReportContext& context,
                            const std::optional<DepartmentId>& department) {
    if (!department) {
        return "";
    }
    const auto found = context.department_codes.find(department->value());
    return found == context.department_codes.end() ? std::to_string(department->value())
                                                   : found->second;
}

std::string source_text(const Source& source) {
    return source.id.empty() ? source.type : source.type + " " + source.id;
}

}  // namespace

core::Result<ReportFormat> parse_report_format(const std::optional<std::string>& format,
                                               std::string_view accept) {
    if (format) {
        if (*format == "json") {
            return ReportFormat::json;
        }
        if (*format == "csv") {
            return ReportFormat::csv;
        }
        if (*format == "xlsx") {
            return ReportFormat::xlsx;
        }
        if (*format == "pdf") {
            return ReportFormat::pdf;
        }
        return core::Error::invalid("format", "must be json, csv, xlsx or pdf");
    }
    if (accept.find("text/csv") != std::string_view::npos) {
        return ReportFormat::csv;
    }
    if (accept.find("spreadsheetml.sheet") != std::string_view::npos) {
        return ReportFormat::xlsx;
    }
    if (accept.find("application/pdf") != std::string_view::npos) {
        return ReportFormat::pdf;
    }
    return ReportFormat::json;
}

std::string range_text(DateRange range) {
    return range.from.to_string() + " to " + last_day(range).to_string();
}

core::Result<ReportFile> trial_balance_file(const TrialBalance& report,
                                            const ReportContext& context,
                                            ReportFormat format) {
    const int exponent = report.currency.exponent();
    const bool compare = report.compare_range.has_value();
    std::string period =
        range_text(report.range) + " (" + std::string(report.currency.code()) + ")";
    if (compare) {
        period += ", compared with " + range_text(*report.compare_range);
    }
    Layout layout{.title = "Trial balance",
                  .file_stem = stem("trial-balance", report.range),
                  .header_lines = header_lines(context, std::move(period)),
                  .orientation = compare ? platform::documents::Orientation::landscape
                                         : platform::documents::Orientation::portrait,
                  .table = {}};
    Table& table = layout.table;
    table.columns = {text_column("Number", 2),
                     text_column("Account", 2 * name_weight),
                     amount_column("Opening"),
                     amount_column("Debit"),
                     amount_column("Credit"),
                     amount_column("Closing")};
    if (compare) {
        add_comparison_columns(table, "Previous closing");
    }
    const auto add =
        [&](Row row, const TrialBalanceAmounts& now, const TrialBalanceAmounts& before) {
            for (const std::int64_t amount :
                 {now.opening_minor, now.debit_minor, now.credit_minor, now.closing_minor}) {
                row.cells.push_back(Cell::of_amount(amount, exponent));
            }
            if (compare) {
                add_comparison(row.cells, now.closing_minor, before.closing_minor, exponent);
            }
            table.rows.push_back(std::move(row));
        };
    for (const TrialBalanceRow& row : report.rows) {
        add(Row{.cells = {text(row.number), text(row.name)}},
            {row.opening_minor, row.debit_minor, row.credit_minor, row.closing_minor},
            row.compare);
    }
    add(Row{.cells = {text(""), text("Total")}, .style = RowStyle::total},
        {report.opening_total_minor,
         report.debit_total_minor,
         report.credit_total_minor,
         report.closing_total_minor},
        report.compare_total);
    return render(std::move(layout), context, format);
}

namespace {

struct TotalLine {
    std::string label;
    std::int64_t current_minor = 0;
    std::int64_t compare_minor = 0;
};

// A hierarchical statement's figures: its rows, total rows, the currency exponent, and the
// compared range or date when there is a comparison column.
struct StatementBody {
    const std::vector<StatementRow>& rows;
    std::vector<TotalLine> totals;
    int exponent = 0;
    std::optional<std::string> compared;
};

core::Result<ReportFile> statement_file(Layout layout,
                                        const StatementBody& body,
                                        const ReportContext& context,
                                        ReportFormat format) {
    const bool compare = body.compared.has_value();
    const std::optional<std::string> label =
        compare ? std::optional<std::string>("Previous") : std::nullopt;
    if (compare) {
        layout.header_lines.at(1) += ", compared with " + *body.compared;
    }
    layout.table = statement_table(body.rows, body.exponent, label);
    for (const TotalLine& total : body.totals) {
        add_total_row(layout.table,
                      total.label,
                      total.current_minor,
                      total.compare_minor,
                      body.exponent,
                      compare);
    }
    return render(std::move(layout), context, format);
}

std::string in_currency(const std::string& text, core::Currency currency) {
    return text + " (" + std::string(currency.code()) + ")";
}

}  // namespace

core::Result<ReportFile> income_statement_file(const IncomeStatement& report,
                                               const ReportContext& context,
                                               ReportFormat format) {
    Layout layout{.title = "Income statement",
                  .file_stem = stem("income-statement", report.range),
                  .header_lines =
                      header_lines(context, in_currency(range_text(report.range), report.currency)),
                  .orientation = platform::documents::Orientation::portrait,
                  .table = {}};
    std::vector<TotalLine> totals{
        {"Total income", report.income_total_minor, report.compare_income_total_minor},
        {"Total expenses", report.expense_total_minor, report.compare_expense_total_minor},
        {"Net income", report.net_income_minor, report.compare_net_income_minor}};
    const std::optional<std::string> compared =
        report.compare_range ? std::optional(range_text(*report.compare_range)) : std::nullopt;
    return statement_file(std::move(layout),
                          {report.rows, std::move(totals), report.currency.exponent(), compared},
                          context,
                          format);
}

core::Result<ReportFile> balance_sheet_file(const BalanceSheet& report,
                                            const ReportContext& context,
                                            ReportFormat format) {
    Layout layout{.title = "Balance sheet",
                  .file_stem = "balance-sheet_" + report.as_of.to_string(),
                  .header_lines = header_lines(
                      context, in_currency("As of " + report.as_of.to_string(), report.currency)),
                  .orientation = platform::documents::Orientation::portrait,
                  .table = {}};
    std::vector<TotalLine> totals{
        {"Total assets", report.assets_total_minor, report.compare_assets_total_minor},
        {"Total liabilities",
         report.liabilities_total_minor,
         report.compare_liabilities_total_minor},
        {"Current earnings (not yet closed)",
         report.current_earnings_minor,
         report.compare_current_earnings_minor},
        {"Total equity", report.equity_total_minor, report.compare_equity_total_minor}};
    const std::optional<std::string> compared =
        report.compare_as_of ? std::optional(report.compare_as_of->to_string()) : std::nullopt;
    return statement_file(std::move(layout),
                          {report.rows, std::move(totals), report.currency.exponent(), compared},
                          context,
                          format);
}

core::Result<ReportFile> general_ledger_file(const GeneralLedger& report,
                                             const ReportContext& context,
                                             ReportFormat format) {
    const int exponent = report.currency.exponent();
    Layout layout{
        .title = "General ledger " + report.account.number + " " + report.account.name,
        .file_stem = stem("general-ledger-" + report.account.number, report.range),
        .header_lines = header_lines(
            context, range_text(report.range) + " (" + std::string(report.currency.code()) + ")"),
        .orientation = platform::documents::Orientation::landscape,
        .table = {}};
    Table& table = layout.table;
    table.columns = {text_column("Date", 2),
                     text_column("Entry", 2),
                     text_column("Memo", name_weight + 1),
                     text_column("Source", 4),
                     text_column("Department", 2),
                     amount_column("Debit"),
                     amount_column("Credit"),
                     amount_column("Balance")};
    const auto edge = [&](std::string label, std::int64_t balance) {
        return Row{.cells = {text(""),
                             text(""),
                             text(std::move(label)),
                             text(""),
                             text(""),
                             text(""),
                             text(""),
                             Cell::of_amount(balance, exponent)},
                   .style = RowStyle::total};
    };
    table.rows.push_back(edge("Opening balance", report.opening_minor));
    for (const LedgerDetailLine& line : report.lines) {
        table.rows.push_back(Row{.cells = {text(line.date.to_string()),
                                           text(line.entry_reference),
                                           text(line.memo),
                                           text(source_text(line.source)),
                                           text(department_text(context, line.department)),
                                           Cell::of_amount(line.debit_minor, exponent),
                                           Cell::of_amount(line.credit_minor, exponent),
                                           Cell::of_amount(line.running_balance_minor, exponent)}});
    }
    table.rows.push_back(edge("Closing balance", report.closing_minor));
    return render(std::move(layout), context, format);
}

core::Result<ReportFile> journal_file(const std::vector<PostedEntry>& entries,
                                      core::Currency functional,
                                      const ReportContext& context,
                                      ReportFormat format) {
    const int exponent = functional.exponent();
    Layout layout{
        .title = "Journal",
        .file_stem = "journal",
        .header_lines = header_lines(context,
                                     context.filter_label + std::to_string(entries.size())
                                         + " entries (" + std::string(functional.code()) + ")"),
        .orientation = platform::documents::Orientation::landscape,
        .table = {}};
    if (!entries.empty()) {
        layout.file_stem =
            "journal_" + entries.front().date.to_string() + "_" + entries.back().date.to_string();
    }
    Table& table = layout.table;
    table.columns = {text_column("Date", 2),
                     text_column("Entry", 2),
                     text_column("Memo", name_weight),
                     text_column("Source", 4),
                     text_column("Account", 2),
                     text_column("Account name", name_weight),
                     text_column("Department", 2),
                     amount_column("Debit"),
                     amount_column("Credit")};
    for (const PostedEntry& entry : entries) {
        const std::string reference = entry.fiscal_year_name + "/" + std::to_string(entry.number);
        for (const PostedLine& line : entry.lines) {
            const auto account = context.accounts.find(line.account);
            const bool known = account != context.accounts.end();
            const bool debit = line.side == Side::debit;
            table.rows.push_back(
                Row{.cells = {text(entry.date.to_string()),
                              text(reference),
                              text(line.memo.empty() ? entry.memo : line.memo),
                              text(source_text(entry.source)),
                              text(known ? account->second->number : line.account.to_string()),
                              text(known ? account->second->name : std::string()),
                              text(department_text(context, line.department)),
                              Cell::of_amount(debit ? line.functional_minor : 0, exponent),
                              Cell::of_amount(debit ? 0 : line.functional_minor, exponent)}});
        }
    }
    return render(std::move(layout), context, format);
}

}  // namespace bo::ledger
