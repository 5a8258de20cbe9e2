// CSV statements through a saved column mapping (see parsers.hpp and model.hpp's CsvMapping).
#include <string>
#include <utility>
#include <vector>

#include "modules/banking/parse_common.hpp"
#include "modules/banking/parsers.hpp"
#include "platform/files/csv_reader.hpp"

namespace bo::modules::banking {
namespace {

using detail::located;

struct Columns {
    std::size_t date = 0;
    std::optional<std::size_t> value_date, amount, debit, credit, reference, counterparty,
        counterparty_account, text;
};

// The index of a mapped column; an empty name is "not mapped".
core::Result<std::optional<std::size_t>> column(const platform::files::CsvTable& table,
                                                std::string_view field,
                                                const std::string& name) {
    if (name.empty()) {
        return std::optional<std::size_t>();
    }
    const std::size_t index = table.column(name);
    if (index == table.header.size()) {
        return located("mapping/" + std::string(field), "the file has no column '" + name + "'");
    }
    return std::optional<std::size_t>(index);
}

core::Result<Columns> columns_of(const platform::files::CsvTable& table, const CsvMapping& map) {
    Columns columns;
    BO_TRY_ASSIGN(std::optional<std::size_t> date, column(table, "date_column", map.date_column));
    if (!date) {
        return located("mapping/date_column", "is required");
    }
    columns.date = *date;
    BO_TRY_ASSIGN(columns.value_date, column(table, "value_date_column", map.value_date_column));
    BO_TRY_ASSIGN(columns.amount, column(table, "amount_column", map.amount_column));
    BO_TRY_ASSIGN(columns.debit, column(table, "debit_column", map.debit_column));
    BO_TRY_ASSIGN(columns.credit, column(table, "credit_column", map.credit_column));
    if (!columns.amount && !(columns.debit && columns.credit)) {
        return located("mapping/amount_column",
                       "name an amount column, or both a debit and a credit column");
    }
    BO_TRY_ASSIGN(columns.reference, column(table, "reference_column", map.reference_column));
    BO_TRY_ASSIGN(columns.counterparty,
                  column(table, "counterparty_column", map.counterparty_column));
    BO_TRY_ASSIGN(columns.counterparty_account,
                  column(table, "counterparty_account_column", map.counterparty_account_column));
    BO_TRY_ASSIGN(columns.text, column(table, "text_column", map.text_column));
    return columns;
}

// A date written as `format` says.
core::Result<core::Date> csv_date(std::string_view text, CsvDateFormat format) {
    text = detail::trim(text);
    std::string iso;
    const auto part = [&](std::size_t at, std::size_t size) {
        return std::string(text.substr(std::min(at, text.size()), size));
    };
    const bool ten = text.size() == 10;
    switch (format) {
        case CsvDateFormat::iso:
            iso = std::string(text);
            break;
        case CsvDateFormat::dmy_dot:
            iso = ten && text[2] == '.' && text[5] == '.'
                      ? part(6, 4) + "-" + part(3, 2) + "-" + part(0, 2)
                      : "";
            break;
        case CsvDateFormat::dmy_slash:
            iso = ten && text[2] == '/' && text[5] == '/'
                      ? part(6, 4) + "-" + part(3, 2) + "-" + part(0, 2)
                      : "";
            break;
        case CsvDateFormat::mdy_slash:
            iso = ten && text[2] == '/' && text[5] == '/'
                      ? part(6, 4) + "-" + part(0, 2) + "-" + part(3, 2)
                      : "";
            break;
        case CsvDateFormat::ymd_compact:
            iso = text.size() == 8 ? part(0, 4) + "-" + part(4, 2) + "-" + part(6, 2) : "";
            break;
    }
    const core::Result<core::Date> date = core::Date::parse(iso);
    if (!date) {
        return core::Error(core::ErrorCode::invalid_argument,
                           "'" + std::string(text.substr(0, 20)) + "' is not a date "
                               + std::string(to_string(format)));
    }
    return *date;
}

std::string_view field(const platform::files::CsvRecord& record, std::optional<std::size_t> index) {
    return index && *index < record.fields.size() ? std::string_view(record.fields[*index])
                                                  : std::string_view();
}

// The record's signed amount: the amount column, or credit minus debit.
core::Result<core::Money> record_amount(const platform::files::CsvRecord& record,
                                        const Columns& columns,
                                        const CsvMapping& mapping,
                                        core::Currency currency) {
    const detail::AmountSyntax syntax{mapping.decimal_separator, true, true};
    const std::string where = "line/" + std::to_string(record.line);
    if (columns.amount) {
        const core::Result<core::Money> amount =
            detail::parse_amount(field(record, columns.amount), currency, syntax);
        if (!amount) {
            return located(where, mapping.amount_column + ": " + amount.error().message());
        }
        return *amount;
    }
    const std::string_view debit = detail::trim(field(record, columns.debit));
    const std::string_view credit = detail::trim(field(record, columns.credit));
    if (debit.empty() == credit.empty()) {
        return located(where,
                       "exactly one of " + mapping.debit_column + " and " + mapping.credit_column
                           + " must hold an amount");
    }
    const bool is_debit = !debit.empty();
    const core::Result<core::Money> amount =
        detail::parse_amount(is_debit ? debit : credit, currency, syntax);
    if (!amount) {
        return located(where,
                       (is_debit ? mapping.debit_column : mapping.credit_column) + ": "
                           + amount.error().message());
    }
    const std::int64_t size = amount->minor < 0 ? -amount->minor : amount->minor;
    return core::Money{is_debit ? -size : size, currency};
}

core::Result<ParsedLine> parse_record(const platform::files::CsvRecord& record,
                                      const Columns& columns,
                                      const CsvMapping& mapping,
                                      core::Currency currency,
                                      std::size_t entry_number) {
    const std::string where = "line/" + std::to_string(record.line);
    const core::Result<core::Date> booked =
        csv_date(field(record, columns.date), mapping.date_format);
    if (!booked) {
        return located(where, mapping.date_column + ": " + booked.error().message());
    }
    BO_TRY_ASSIGN(core::Money amount, record_amount(record, columns, mapping, currency));
    ParsedLine line{.entry_number = entry_number,
                    .source = "line " + std::to_string(record.line),
                    .booking_date = *booked,
                    .amount = amount};
    if (const std::string_view value = field(record, columns.value_date);
        !detail::trim(value).empty()) {
        const core::Result<core::Date> date = csv_date(value, mapping.date_format);
        if (!date) {
            return located(where, mapping.value_date_column + ": " + date.error().message());
        }
        line.value_date = *date;
    }
    line.bank_reference = detail::clean_text(field(record, columns.reference), reference_chars_max);
    line.counterparty_name =
        detail::clean_text(field(record, columns.counterparty), text_chars_max);
    line.counterparty_account =
        detail::clean_text(field(record, columns.counterparty_account), account_number_chars_max);
    line.remittance = detail::clean_text(field(record, columns.text), text_chars_max);
    return line;
}

}  // namespace

core::Result<ParsedFile> parse_csv_statement(std::string_view bytes,
                                             const CsvMapping& mapping,
                                             core::Currency currency) {
    BO_TRY_ASSIGN(platform::files::CsvTable table, platform::files::read_csv(bytes));
    if (table.header.empty()) {
        return located("line/1", "the file is empty");
    }
    BO_TRY_ASSIGN(Columns columns, columns_of(table, mapping));
    ParsedStatement statement;
    statement.format = StatementFormat::csv;
    statement.currency = currency;
    std::size_t entry = 0;
    for (const platform::files::CsvRecord& record : table.records) {
        BO_TRY_ASSIGN(ParsedLine line, parse_record(record, columns, mapping, currency, ++entry));
        if (!statement.from_date || line.booking_date < *statement.from_date) {
            statement.from_date = line.booking_date;
        }
        if (!statement.to_date || line.booking_date > *statement.to_date) {
            statement.to_date = line.booking_date;
        }
        statement.lines.push_back(std::move(line));
    }
    if (statement.lines.empty()) {
        return located("line/" + std::to_string(table.header_line + 1), "the file has no rows");
    }
    ParsedFile file{StatementFormat::csv, {}};
    file.statements.push_back(std::move(statement));
    return file;
}

}  // namespace bo::modules::banking
