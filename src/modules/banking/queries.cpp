#include "modules/banking/queries.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::banking::queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Value;

constexpr std::string_view account_select =
    "SELECT b.id, b.company_id, b.name, b.iban, b.account_number, b.bank_code, b.currency, "
    "b.ledger_account_id, a.number, b.csv_mapping, b.created_at_us FROM bank_accounts b "
    "JOIN ledger_accounts a ON a.company_id = b.company_id AND a.id = b.ledger_account_id ";

core::Result<BankAccountRow> decode_account(const store::Row& row) {
    const core::Result<core::Currency> currency = core::Currency::create(row.text(6));
    const core::Result<core::Instant> created = core::Instant::from_unix_micros(row.i64(10));
    if (!currency || !created) {
        return corrupt_row("bank_accounts", "currency or created_at_us");
    }
    BankAccountRow decoded{BankAccount{.id = BankAccountId(row.i64(0)),
                                       .company_id = CompanyId(row.i64(1)),
                                       .name = row.text(2),
                                       .iban = row.text(3),
                                       .account_number = row.text(4),
                                       .bank_code = row.text(5),
                                       .currency = *currency,
                                       .ledger_account_id = row.i64(7),
                                       .ledger_account = row.text(8),
                                       .csv_mapping = std::nullopt,
                                       .created_at = *created},
                           row.text(9)};
    return decoded;
}

core::Result<std::optional<BankAccountRow>> one_account(store::Txn& txn,
                                                        const std::string& sql,
                                                        const std::vector<Value>& params) {
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<BankAccountRow>();
    }
    BO_TRY_ASSIGN(BankAccountRow account, decode_account(*row));
    return std::optional<BankAccountRow>(std::move(account));
}

Value optional_date(const std::optional<core::Date>& date) {
    return date ? Value(date->to_string()) : Value(store::Null{});
}

core::Result<std::optional<core::Date>> read_date(const store::Row& row, std::size_t column) {
    const std::optional<std::string> text = row.opt_text(column);
    if (!text) {
        return std::optional<core::Date>();
    }
    const core::Result<core::Date> date = core::Date::parse(*text);
    if (!date) {
        return corrupt_row("bank_statements", "date " + *text);
    }
    return std::optional<core::Date>(*date);
}

constexpr std::string_view statement_select =
    "SELECT id, company_id, bank_account_id, format, statement_ref, sequence, currency, "
    "from_date, to_date, opening_minor, opening_date, closing_minor, closing_date, "
    "lines_imported, lines_skipped, imported_at_us FROM bank_statements ";

core::Result<std::optional<Balance>> read_balance(const store::Row& row,
                                                  std::size_t column,
                                                  std::string type,
                                                  core::Currency currency) {
    const std::optional<std::int64_t> minor = row.opt_i64(column);
    BO_TRY_ASSIGN(const std::optional<core::Date> date, read_date(row, column + 1));
    if (!minor || !date) {
        return std::optional<Balance>();
    }
    return std::optional<Balance>(Balance{std::move(type), core::Money{*minor, currency}, *date});
}

core::Result<Statement> decode_statement(const store::Row& row) {
    const core::Result<core::Currency> currency = core::Currency::create(row.text(6));
    const core::Result<StatementFormat> format = parse_statement_format(row.text(3));
    const core::Result<core::Instant> imported = core::Instant::from_unix_micros(row.i64(15));
    if (!currency || !format || !imported) {
        return corrupt_row("bank_statements", "currency, format or imported_at_us");
    }
    Statement statement{.id = StatementId(row.i64(0)),
                        .company_id = CompanyId(row.i64(1)),
                        .bank_account_id = BankAccountId(row.i64(2)),
                        .format = *format,
                        .statement_ref = row.text(4),
                        .sequence = row.text(5),
                        .currency = *currency,
                        .lines_imported = row.i64(13),
                        .lines_skipped = row.i64(14),
                        .imported_at = *imported};
    BO_TRY_ASSIGN(statement.from_date, read_date(row, 7));
    BO_TRY_ASSIGN(statement.to_date, read_date(row, 8));
    BO_TRY_ASSIGN(statement.opening, read_balance(row, 9, "opening", *currency));
    BO_TRY_ASSIGN(statement.closing, read_balance(row, 11, "closing", *currency));
    return statement;
}

core::Result<std::vector<Statement>> decode_statements(const store::Rows& rows) {
    std::vector<Statement> statements;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Statement statement, decode_statement(row));
        statements.push_back(std::move(statement));
    }
    return statements;
}

}  // namespace

core::Result<BankAccountId> insert_bank_account(store::Txn& txn,
                                                const BankAccount& account,
                                                const std::string& csv_mapping) {
    const std::vector<Value> params{account.company_id.value(),
                                    account.name,
                                    account.iban,
                                    account.account_number,
                                    account.bank_code,
                                    std::string(account.currency.code()),
                                    account.ledger_account_id,
                                    csv_mapping,
                                    account.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO bank_accounts (company_id, name, iban, "
                                "account_number, bank_code, currency, ledger_account_id, "
                                "csv_mapping, created_at_us) VALUES ($1, $2, $3, $4, $5, $6, "
                                "$7, $8, $9) RETURNING id",
                                params));
    return BankAccountId(row.i64(0));
}

core::Result<std::optional<BankAccountRow>> select_bank_account(store::Txn& txn,
                                                                CompanyId company,
                                                                BankAccountId id) {
    static const std::string sql =
        std::string(account_select) + "WHERE b.company_id = $1 AND b.id = $2";
    return one_account(txn, sql, {company.value(), id.value()});
}

core::Result<std::optional<BankAccountRow>> select_bank_account_by_identifier(
    store::Txn& txn, CompanyId company, std::string_view iban, std::string_view account_number) {
    static const std::string by_iban =
        std::string(account_select) + "WHERE b.company_id = $1 AND b.iban = $2";
    static const std::string by_number =
        std::string(account_select) + "WHERE b.company_id = $1 AND b.account_number = $2";
    if (!iban.empty()) {
        BO_TRY_ASSIGN(std::optional<BankAccountRow> found,
                      one_account(txn, by_iban, {company.value(), std::string(iban)}));
        if (found || account_number.empty()) {
            return found;
        }
    }
    return one_account(txn, by_number, {company.value(), std::string(account_number)});
}

core::Result<std::vector<BankAccountRow>> select_bank_accounts(store::Txn& txn,
                                                               CompanyId company,
                                                               BankAccountId after_id,
                                                               std::int64_t limit) {
    static const std::string sql = std::string(account_select)
                                   + "WHERE b.company_id = $1 AND b.id > $2 ORDER BY b.id LIMIT $3";
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query(sql, std::vector<Value>{company.value(), after_id.value(), limit}));
    std::vector<BankAccountRow> accounts;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(BankAccountRow account, decode_account(row));
        accounts.push_back(std::move(account));
    }
    return accounts;
}

core::Result<bool> name_taken(store::Txn& txn, CompanyId company, std::string_view name) {
    BO_TRY_ASSIGN(
        const std::optional<store::Row> row,
        txn.query_optional("SELECT 1 FROM bank_accounts WHERE company_id = $1 AND name = $2",
                           std::vector<Value>{company.value(), std::string(name)}));
    return row.has_value();
}

core::Result<std::optional<StatementId>> select_statement_id(store::Txn& txn,
                                                             CompanyId company,
                                                             BankAccountId account,
                                                             std::string_view statement_ref) {
    BO_TRY_ASSIGN(
        const std::optional<store::Row> row,
        txn.query_optional(
            "SELECT id FROM bank_statements WHERE company_id = $1 AND "
            "bank_account_id = $2 AND statement_ref = $3",
            std::vector<Value>{company.value(), account.value(), std::string(statement_ref)}));
    if (!row) {
        return std::optional<StatementId>();
    }
    return std::optional<StatementId>(StatementId(row->i64(0)));
}

core::Result<bool> file_seen(store::Txn& txn,
                             CompanyId company,
                             BankAccountId account,
                             std::string_view file_hash) {
    BO_TRY_ASSIGN(
        const std::optional<store::Row> row,
        txn.query_optional(
            "SELECT 1 FROM bank_statements WHERE company_id = $1 AND "
            "file_hash = $2 AND bank_account_id = $3",
            std::vector<Value>{company.value(), std::string(file_hash), account.value()}));
    return row.has_value();
}

core::Result<bool> reference_seen(store::Txn& txn,
                                  CompanyId company,
                                  BankAccountId account,
                                  std::string_view bank_reference) {
    BO_TRY_ASSIGN(
        const std::optional<store::Row> row,
        txn.query_optional(
            "SELECT 1 FROM bank_statement_lines WHERE company_id = $1 "
            "AND bank_account_id = $2 AND bank_reference = $3",
            std::vector<Value>{company.value(), account.value(), std::string(bank_reference)}));
    return row.has_value();
}

core::Result<std::optional<Statement>> select_last_closed_statement(store::Txn& txn,
                                                                    CompanyId company,
                                                                    BankAccountId account,
                                                                    core::Date on_or_before) {
    static const std::string sql = std::string(statement_select)
                                   + "WHERE company_id = $1 AND bank_account_id = $2 AND "
                                     "closing_minor IS NOT NULL AND closing_date <= $3 ORDER BY "
                                     "closing_date DESC, id DESC LIMIT 1";
    BO_TRY_ASSIGN(
        const store::Rows rows,
        txn.query(sql,
                  std::vector<Value>{company.value(), account.value(), on_or_before.to_string()}));
    BO_TRY_ASSIGN(std::vector<Statement> statements, decode_statements(rows));
    if (statements.empty()) {
        return std::optional<Statement>();
    }
    return std::optional<Statement>(std::move(statements.front()));
}

core::Result<StatementId> insert_statement(store::Txn& txn,
                                           const Statement& statement,
                                           std::string_view file_hash) {
    const auto balance_minor = [](const std::optional<Balance>& balance) {
        return balance ? Value(balance->amount.minor) : Value(store::Null{});
    };
    const auto balance_date = [](const std::optional<Balance>& balance) {
        return balance ? Value(balance->date.to_string()) : Value(store::Null{});
    };
    const std::vector<Value> params{statement.company_id.value(),
                                    statement.bank_account_id.value(),
                                    std::string(to_string(statement.format)),
                                    statement.statement_ref,
                                    statement.sequence,
                                    std::string(file_hash),
                                    std::string(statement.currency.code()),
                                    optional_date(statement.from_date),
                                    optional_date(statement.to_date),
                                    balance_minor(statement.opening),
                                    balance_date(statement.opening),
                                    balance_minor(statement.closing),
                                    balance_date(statement.closing),
                                    statement.lines_imported,
                                    statement.lines_skipped,
                                    statement.imported_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO bank_statements (company_id, bank_account_id, "
                                "format, statement_ref, sequence, file_hash, currency, from_date, "
                                "to_date, opening_minor, opening_date, closing_minor, "
                                "closing_date, lines_imported, lines_skipped, imported_at_us) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                                "$14, $15, $16) RETURNING id",
                                params));
    return StatementId(row.i64(0));
}

core::Result<void> insert_lines(store::Txn& txn,
                                CompanyId company,
                                StatementId statement,
                                BankAccountId account,
                                std::span<const ParsedLine> lines) {
    std::vector<std::vector<Value>> rows;
    rows.reserve(lines.size());
    std::int64_t number = 0;
    for (const ParsedLine& line : lines) {
        rows.push_back({company.value(),
                        statement.value(),
                        account.value(),
                        ++number,
                        static_cast<std::int64_t>(line.entry_number),
                        line.booking_date.to_string(),
                        optional_date(line.value_date),
                        line.amount.minor,
                        std::string(line.amount.currency.code()),
                        line.bank_reference,
                        line.end_to_end_id,
                        line.remittance,
                        line.creditor_reference,
                        line.counterparty_name,
                        line.counterparty_account,
                        line.counterparty_bic,
                        line.transaction_code,
                        std::string(to_string(line.status))});
    }
    return txn.execute_batch(
        "INSERT INTO bank_statement_lines (company_id, statement_id, bank_account_id, "
        "line_number, entry_number, booking_date, value_date, amount_minor, currency, "
        "bank_reference, end_to_end_id, remittance, creditor_reference, counterparty_name, "
        "counterparty_account, counterparty_bic, transaction_code, status) VALUES ($1, $2, $3, "
        "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
        rows);
}

core::Result<std::vector<Statement>> select_statements(store::Txn& txn,
                                                       CompanyId company,
                                                       StatementId after_id,
                                                       std::int64_t limit) {
    static const std::string sql =
        std::string(statement_select) + "WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3";
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query(sql, std::vector<Value>{company.value(), after_id.value(), limit}));
    return decode_statements(rows);
}

core::Result<std::optional<Statement>> select_statement(store::Txn& txn,
                                                        CompanyId company,
                                                        StatementId id) {
    static const std::string sql =
        std::string(statement_select) + "WHERE company_id = $1 AND id = $2";
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query(sql, std::vector<Value>{company.value(), id.value()}));
    BO_TRY_ASSIGN(std::vector<Statement> statements, decode_statements(rows));
    if (statements.empty()) {
        return std::optional<Statement>();
    }
    return std::optional<Statement>(std::move(statements.front()));
}

core::Result<StatementLine> decode_line(const store::Row& row) {
    const core::Result<core::Date> booked = core::Date::parse(row.text(3));
    const core::Result<core::Currency> currency = core::Currency::create(row.text(6));
    const core::Result<MatchStatus> match_status = parse_match_status(row.text(16), "match_status");
    if (!booked || !currency || !match_status) {
        return corrupt_row("bank_statement_lines", "booking_date, currency or match_status");
    }
    ParsedLine line{
        .entry_number = static_cast<std::size_t>(row.i64(2)),
        .source = "",
        .booking_date = *booked,
        .amount = core::Money{row.i64(5), *currency},
        .status = row.text(15) == "pending" ? LineStatus::pending : LineStatus::booked};
    BO_TRY_ASSIGN(line.value_date, read_date(row, 4));
    line.bank_reference = row.text(7);
    line.end_to_end_id = row.text(8);
    line.remittance = row.text(9);
    line.creditor_reference = row.text(10);
    line.counterparty_name = row.text(11);
    line.counterparty_account = row.text(12);
    line.counterparty_bic = row.text(13);
    line.transaction_code = row.text(14);
    return StatementLine{.id = StatementLineId(row.i64(0)),
                         .line_number = row.i64(1),
                         .line = std::move(line),
                         .match_status = *match_status,
                         .statement_id = StatementId(row.i64(17)),
                         .bank_account_id = BankAccountId(row.i64(18))};
}

core::Result<std::vector<StatementLine>> select_lines(store::Txn& txn,
                                                      CompanyId company,
                                                      StatementId statement) {
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT " + std::string(line_columns)
                                + " FROM bank_statement_lines l WHERE l.company_id = $1 AND "
                                  "l.statement_id = $2 ORDER BY l.line_number",
                            std::vector<Value>{company.value(), statement.value()}));
    std::vector<StatementLine> lines;
    lines.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(StatementLine line, decode_line(row));
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace bo::modules::banking::queries
