#include "ledger/queries.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::ledger::queries {
namespace {

using store::Null;
using store::Value;

core::Result<core::Date> decode_date(const store::Row& row, std::size_t column, const char* table) {
    core::Result<core::Date> date = core::Date::parse(row.text(column));
    if (!date) {
        return platform::tenancy::corrupt_row(table, "malformed date");
    }
    return date;
}

core::Result<core::Currency> decode_currency(const store::Row& row,
                                             std::size_t column,
                                             const char* table) {
    core::Result<core::Currency> currency = core::Currency::create(row.text(column));
    if (!currency) {
        return platform::tenancy::corrupt_row(table, "unknown currency");
    }
    return currency;
}

template <typename T>
core::Result<T> decode_enum(core::Result<T> parsed, const char* table) {
    if (!parsed) {
        return platform::tenancy::corrupt_row(table, "unknown enumerator");
    }
    return parsed;
}

Value optional_id(const std::optional<std::int64_t>& id) {
    return id ? Value(*id) : Value(Null{});
}

Value department_key(const std::optional<DepartmentId>& department) {
    return department ? department->value() : std::int64_t{0};
}

std::optional<DepartmentId> department_of_key(std::int64_t key) {
    return key == 0 ? std::nullopt : std::optional<DepartmentId>(DepartmentId(key));
}

// 128 rows per multi-row statement at most: a batch of a thousand entries takes a few dozen
// statements (PostgreSQL: round trips) instead of thousands, and the widest (lines, 14 columns)
// binds 1,792 parameters, far below both engines' limits (store::statement_params_max).
// Chunks are powers of two (128, 64, ..., 1), so only 8 statement texts per table are ever
// prepared.
constexpr std::size_t rows_per_statement_max = 128;
constexpr std::size_t widest_row_columns = 16;  // an entry header
static_assert(rows_per_statement_max * widest_row_columns <= store::statement_params_max);

// Rows of parameters stored flat (row after row), so that a chunk is a span and not a copy.
struct RowBuffer {
    std::size_t columns = 0;
    std::vector<Value> values;

    std::size_t rows() const noexcept { return values.size() / columns; }
};

// "<head> VALUES ($1, ..., $c), ($c+1, ...) <tail>" for `rows` rows of `columns` values.
std::string build_multi_row_sql(std::string_view head,
                                std::size_t columns,
                                std::size_t rows,
                                std::string_view tail) {
    std::string sql(head);
    sql += " VALUES ";
    std::size_t number = 1;
    for (std::size_t row = 0; row < rows; ++row) {
        sql += row == 0 ? "(" : ", (";
        for (std::size_t column = 0; column < columns; ++column) {
            sql += (column == 0 ? "$" : ", $") + std::to_string(number++);
        }
        sql += ")";
    }
    sql += tail;
    return sql;
}

// build_multi_row_sql(), built once per text: the texts are a few dozen (8 chunk sizes per
// statement) and building the 128-row ones (~10 KB) for every chunk cost as much as a B-tree
// insert per row. The answer stays valid for the life of the program (map nodes never move).
const std::string& multi_row_sql(std::string_view head,
                                 std::size_t columns,
                                 std::size_t rows,
                                 std::string_view tail) {
    static std::mutex mutex;
    static std::map<std::tuple<std::string, std::string, std::size_t, std::size_t>,
                    std::string,
                    std::less<>>
        texts;
    const std::lock_guard lock(mutex);
    auto key = std::make_tuple(std::string(head), std::string(tail), columns, rows);
    auto found = texts.find(key);
    if (found == texts.end()) {
        std::string sql = build_multi_row_sql(head, columns, rows, tail);
        found = texts.emplace(std::move(key), std::move(sql)).first;
    }
    return found->second;
}

// Runs `run(sql, params)` once per chunk of `rows`: the largest power of two that fits the
// remaining rows, at most rows_per_statement_max.
template <typename Run>
core::Result<void> for_each_chunk(const RowBuffer& rows,
                                  std::string_view head,
                                  std::string_view tail,
                                  Run&& run) {
    BO_ASSERT(rows.columns > 0);
    BO_ASSERT(rows.values.size() % rows.columns == 0);
    const std::size_t total = rows.rows();
    std::size_t first = 0;
    while (first < total) {
        std::size_t count = rows_per_statement_max;
        while (count > total - first) {
            count /= 2;
        }
        const store::Params params =
            store::Params(rows.values).subspan(first * rows.columns, count * rows.columns);
        BO_TRY(run(multi_row_sql(head, rows.columns, count, tail), params));
        first += count;
    }
    return core::ok();
}

// Runs one multi-row INSERT per chunk.
core::Result<void> insert_rows(store::Txn& txn,
                               std::string_view head,
                               std::string_view tail,
                               const RowBuffer& rows) {
    return for_each_chunk(
        rows, head, tail, [&](const std::string& sql, store::Params params) -> core::Result<void> {
            BO_TRY(txn.execute(sql, params));
            return core::ok();
        });
}

// --- accounts

constexpr std::string_view account_select =
    "SELECT id, company_id, number, name, account_type, parent_id, currency, active, control, "
    "created_at_us FROM ledger_accounts ";

core::Result<Account> decode_account(const store::Row& row) {
    constexpr const char* table = "ledger_accounts";
    BO_TRY_ASSIGN(AccountType type, decode_enum(parse_account_type(row.text(4), "type"), table));
    BO_TRY_ASSIGN(core::Currency currency, decode_currency(row, 6, table));
    BO_TRY_ASSIGN(Subledger control, decode_enum(parse_subledger(row.text(8), "control"), table));
    core::Result<core::Instant> created_at = core::Instant::from_unix_micros(row.i64(9));
    if (!created_at) {
        return platform::tenancy::corrupt_row(table, "created_at_us out of range");
    }
    std::optional<AccountId> parent;
    if (const std::optional<std::int64_t> parent_id = row.opt_i64(5)) {
        parent = AccountId(*parent_id);
    }
    return Account{.id = AccountId(row.i64(0)),
                   .company_id = CompanyId(row.i64(1)),
                   .number = row.text(2),
                   .name = row.text(3),
                   .type = type,
                   .parent_id = parent,
                   .currency = currency,
                   .active = row.i64(7) != 0,
                   .control = control,
                   .created_at = *created_at};
}

core::Result<std::optional<Account>> optional_account(store::Txn& txn,
                                                      std::string_view sql,
                                                      store::Params params) {
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Account>();
    }
    BO_TRY_ASSIGN(Account account, decode_account(*row));
    return std::optional<Account>(std::move(account));
}

// --- fiscal years and periods

core::Result<FiscalYear> decode_fiscal_year(const store::Row& row) {
    constexpr const char* table = "ledger_fiscal_years";
    BO_TRY_ASSIGN(core::Date start, decode_date(row, 3, table));
    BO_TRY_ASSIGN(core::Date end, decode_date(row, 4, table));
    return FiscalYear{.id = FiscalYearId(row.i64(0)),
                      .company_id = CompanyId(row.i64(1)),
                      .name = row.text(2),
                      .start_date = start,
                      .end_date = end,
                      .closed = row.i64(5) != 0};
}

constexpr std::string_view fiscal_year_select =
    "SELECT id, company_id, name, start_date, end_date, closed FROM ledger_fiscal_years ";

constexpr std::string_view period_select =
    "SELECT id, company_id, fiscal_year_id, start_date, end_date, status FROM ledger_periods ";

core::Result<Period> decode_period(const store::Row& row) {
    constexpr const char* table = "ledger_periods";
    BO_TRY_ASSIGN(core::Date start, decode_date(row, 3, table));
    BO_TRY_ASSIGN(core::Date end, decode_date(row, 4, table));
    BO_TRY_ASSIGN(PeriodStatus status,
                  decode_enum(parse_period_status(row.text(5), "status"), table));
    return Period{.id = PeriodId(row.i64(0)),
                  .company_id = CompanyId(row.i64(1)),
                  .fiscal_year_id = FiscalYearId(row.i64(2)),
                  .start_date = start,
                  .end_date = end,
                  .status = status};
}

core::Result<std::optional<Period>> optional_period(store::Txn& txn,
                                                    std::string_view sql,
                                                    store::Params params) {
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Period>();
    }
    BO_TRY_ASSIGN(Period period, decode_period(*row));
    return std::optional<Period>(period);
}

// --- journal

constexpr std::string_view entry_columns =
    "e.id, e.company_id, e.fiscal_year_id, y.name, e.entry_number, e.entry_date, e.period_id, "
    "e.memo, e.source_type, e.source_id, e.subledger, e.reverses_entry_id, "
    "e.debit_total_minor, e.credit_total_minor, e.posted_by_user_id, e.posted_at_us, "
    "(SELECT r.id FROM ledger_entries r WHERE r.company_id = e.company_id "
    "AND r.reverses_entry_id = e.id)";
constexpr std::size_t entry_column_count = 17;

constexpr std::string_view entry_from =
    " FROM ledger_entries e JOIN ledger_fiscal_years y "
    "ON y.company_id = e.company_id AND y.id = e.fiscal_year_id ";

core::Result<PostedEntry> decode_entry(const store::Row& row) {
    constexpr const char* table = "ledger_entries";
    BO_TRY_ASSIGN(core::Date date, decode_date(row, 5, table));
    BO_TRY_ASSIGN(Subledger subledger,
                  decode_enum(parse_subledger(row.text(10), "subledger"), table));
    core::Result<core::Instant> posted_at = core::Instant::from_unix_micros(row.i64(15));
    if (!posted_at) {
        return platform::tenancy::corrupt_row(table, "posted_at_us out of range");
    }
    PostedEntry entry{.id = EntryId(row.i64(0)),
                      .company_id = CompanyId(row.i64(1)),
                      .fiscal_year_id = FiscalYearId(row.i64(2)),
                      .fiscal_year_name = row.text(3),
                      .number = row.i64(4),
                      .date = date,
                      .period_id = PeriodId(row.i64(6)),
                      .memo = row.text(7),
                      .source = Source{row.text(8), row.text(9), subledger},
                      .status = EntryStatus::posted,
                      .reverses = std::nullopt,
                      .reversed_by = std::nullopt,
                      .debit_total_minor = row.i64(12),
                      .credit_total_minor = row.i64(13),
                      .posted_by = platform::auth::UserId(row.i64(14)),
                      .posted_at = *posted_at,
                      .lines = {}};
    if (const std::optional<std::int64_t> reverses = row.opt_i64(11)) {
        entry.reverses = EntryId(*reverses);
    }
    if (const std::optional<std::int64_t> reversed_by = row.opt_i64(16)) {
        entry.reversed_by = EntryId(*reversed_by);
    }
    return entry;
}

constexpr std::string_view line_columns =
    "l.line_number, l.account_id, l.department_id, l.party_type, l.party_id, l.side, "
    "l.currency, l.amount_minor, l.functional_minor, l.memo";

// Decodes the line columns starting at `first`.
core::Result<PostedLine> decode_line(const store::Row& row, std::size_t first) {
    constexpr const char* table = "ledger_entry_lines";
    BO_TRY_ASSIGN(Side side, decode_enum(parse_side(row.text(first + 5), "side"), table));
    BO_TRY_ASSIGN(core::Currency currency, decode_currency(row, first + 6, table));
    PostedLine line{.line_number = row.i64(first),
                    .account = AccountId(row.i64(first + 1)),
                    .department = std::nullopt,
                    .party = std::nullopt,
                    .side = side,
                    .amount = core::Money{row.i64(first + 7), currency},
                    .functional_minor = row.i64(first + 8),
                    .memo = row.text(first + 9)};
    if (const std::optional<std::int64_t> department = row.opt_i64(first + 2)) {
        line.department = DepartmentId(*department);
    }
    if (const std::optional<std::string> party_type = row.opt_text(first + 3)) {
        BO_TRY_ASSIGN(PartyType type, decode_enum(parse_party_type(*party_type, "party"), table));
        line.party = Party{type, row.i64(first + 4)};
    }
    return line;
}

core::Result<std::vector<Totals>> decode_totals(const store::Rows& rows) {
    std::vector<Totals> totals;
    totals.reserve(rows.size());
    for (const store::Row& row : rows) {
        totals.push_back(Totals{.account = AccountId(row.i64(0)),
                                .department = department_of_key(row.i64(1)),
                                .debit_minor = row.i64(2),
                                .credit_minor = row.i64(3)});
    }
    return totals;
}

// `$n` stands for the department filter: -1 (every department) or a department key.
Value filter_value(DepartmentFilter department) {
    return department.value_or(-1);
}

}  // namespace

core::Result<std::string> select_functional_currency(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("SELECT functional_currency FROM companies WHERE id = $1", params));
    return row.text(0);
}

core::Result<std::string> select_company_name(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("SELECT name FROM companies WHERE id = $1", params));
    return row.text(0);
}

// --- accounts ---------------------------------------------------------------------------------

core::Result<AccountId> insert_account(store::Txn& txn, const Account& account) {
    const std::vector<Value> params{
        account.company_id.value(),
        account.number,
        account.name,
        std::string(to_string(account.type)),
        account.parent_id ? Value(account.parent_id->value()) : Value(Null{}),
        std::string(account.currency.code()),
        std::int64_t{account.active ? 1 : 0},
        std::string(to_string(account.control)),
        account.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO ledger_accounts (company_id, number, name, "
                                "account_type, parent_id, currency, active, control, "
                                "created_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                                "RETURNING id",
                                params));
    return AccountId(row.i64(0));
}

core::Result<std::optional<Account>> select_account(store::Txn& txn,
                                                    CompanyId company,
                                                    AccountId id) {
    static const std::string sql =
        std::string(account_select) + "WHERE company_id = $1 AND id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    return optional_account(txn, sql, params);
}

core::Result<std::optional<Account>> select_account_by_number(store::Txn& txn,
                                                              CompanyId company,
                                                              std::string_view number) {
    static const std::string sql =
        std::string(account_select) + "WHERE company_id = $1 AND number = $2";
    const std::vector<Value> params{company.value(), std::string(number)};
    return optional_account(txn, sql, params);
}

core::Result<std::vector<Account>> select_accounts(store::Txn& txn,
                                                   CompanyId company,
                                                   AccountId after_id,
                                                   std::int64_t limit) {
    static const std::string sql =
        std::string(account_select) + "WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3";
    const std::vector<Value> params{company.value(), after_id.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Account> accounts;
    accounts.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Account account, decode_account(row));
        accounts.push_back(std::move(account));
    }
    return accounts;
}

core::Result<std::int64_t> count_accounts(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(
        const store::Row row,
        txn.query_one("SELECT COUNT(*) FROM ledger_accounts WHERE company_id = $1", params));
    return row.i64(0);
}

core::Result<void> update_account_active(store::Txn& txn,
                                         CompanyId company,
                                         AccountId id,
                                         bool active) {
    const std::vector<Value> params{company.value(), id.value(), std::int64_t{active ? 1 : 0}};
    BO_TRY(txn.execute("UPDATE ledger_accounts SET active = $3 WHERE company_id = $1 AND id = $2",
                       params));
    return core::ok();
}

// --- fiscal years and periods -------------------------------------------------------------------

core::Result<FiscalYearId> insert_fiscal_year(store::Txn& txn,
                                              const FiscalYear& year,
                                              core::Instant created_at) {
    const std::vector<Value> params{year.company_id.value(),
                                    year.name,
                                    year.start_date.to_string(),
                                    year.end_date.to_string(),
                                    created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO ledger_fiscal_years (company_id, name, start_date, "
                                "end_date, created_at_us) VALUES ($1, $2, $3, $4, $5) "
                                "RETURNING id",
                                params));
    return FiscalYearId(row.i64(0));
}

core::Result<PeriodId> insert_period(store::Txn& txn, const Period& period) {
    const std::vector<Value> params{period.company_id.value(),
                                    period.fiscal_year_id.value(),
                                    period.start_date.to_string(),
                                    period.end_date.to_string(),
                                    std::string(to_string(period.status))};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO ledger_periods (company_id, fiscal_year_id, "
                                "start_date, end_date, status) VALUES ($1, $2, $3, $4, $5) "
                                "RETURNING id",
                                params));
    return PeriodId(row.i64(0));
}

core::Result<std::vector<FiscalYear>> select_fiscal_years(store::Txn& txn, CompanyId company) {
    static const std::string sql =
        std::string(fiscal_year_select) + "WHERE company_id = $1 ORDER BY start_date";
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<FiscalYear> years;
    years.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(FiscalYear year, decode_fiscal_year(row));
        years.push_back(std::move(year));
    }
    return years;
}

core::Result<std::optional<FiscalYear>> select_fiscal_year(store::Txn& txn,
                                                           CompanyId company,
                                                           FiscalYearId id) {
    static const std::string sql =
        std::string(fiscal_year_select) + "WHERE company_id = $1 AND id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<FiscalYear>();
    }
    BO_TRY_ASSIGN(FiscalYear year, decode_fiscal_year(*row));
    return std::optional<FiscalYear>(std::move(year));
}

core::Result<bool> fiscal_year_overlaps(store::Txn& txn,
                                        CompanyId company,
                                        core::Date start,
                                        core::Date end) {
    const std::vector<Value> params{company.value(), start.to_string(), end.to_string()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("SELECT COUNT(*) FROM ledger_fiscal_years WHERE company_id = $1 "
                                "AND start_date < $3 AND end_date > $2",
                                params));
    return row.i64(0) > 0;
}

core::Result<std::vector<Period>> select_periods(store::Txn& txn,
                                                 CompanyId company,
                                                 std::optional<FiscalYearId> fiscal_year) {
    static const std::string sql = std::string(period_select)
                                   + "WHERE company_id = $1 AND ($2 = 0 OR fiscal_year_id = $2) "
                                     "ORDER BY start_date";
    const std::vector<Value> params{company.value(),
                                    fiscal_year ? fiscal_year->value() : std::int64_t{0}};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Period> periods;
    periods.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Period period, decode_period(row));
        periods.push_back(period);
    }
    return periods;
}

core::Result<std::optional<Period>> select_period(store::Txn& txn, CompanyId company, PeriodId id) {
    static const std::string sql = std::string(period_select) + "WHERE company_id = $1 AND id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    return optional_period(txn, sql, params);
}

core::Result<std::optional<Period>> select_period_for_date(store::Txn& txn,
                                                           CompanyId company,
                                                           core::Date date) {
    static const std::string sql =
        std::string(period_select)
        + "WHERE company_id = $1 AND start_date <= $2 AND end_date > $2 "
          "ORDER BY start_date DESC LIMIT 1";
    const std::vector<Value> params{company.value(), date.to_string()};
    return optional_period(txn, sql, params);
}

core::Result<bool> update_period_status(
    store::Txn& txn, CompanyId company, PeriodId id, PeriodStatus from, PeriodStatus to) {
    const std::vector<Value> params{
        company.value(), id.value(), std::string(to_string(from)), std::string(to_string(to))};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE ledger_periods SET status = $4 WHERE company_id = $1 "
                              "AND id = $2 AND status = $3",
                              params));
    return changed == 1;
}

core::Result<void> update_fiscal_year_closed(store::Txn& txn, CompanyId company, FiscalYearId id) {
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY(txn.execute(
        "UPDATE ledger_fiscal_years SET closed = 1 WHERE company_id = $1 AND id = $2", params));
    return core::ok();
}

core::Result<std::int64_t> take_entry_numbers(store::Txn& txn,
                                              CompanyId company,
                                              FiscalYearId year,
                                              std::int64_t count) {
    BO_ASSERT(count >= 1);
    const std::vector<Value> params{company.value(), year.value(), count};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("UPDATE ledger_fiscal_years SET next_entry_number = "
                                "next_entry_number + $3 WHERE company_id = $1 AND id = $2 "
                                "RETURNING next_entry_number - $3",
                                params));
    return row.i64(0);
}

// --- exchange rates -----------------------------------------------------------------------------

core::Result<void> upsert_rate(store::Txn& txn,
                               CompanyId company,
                               std::string_view currency,
                               core::Date date,
                               core::Rational rate,
                               core::Instant created_at) {
    const std::vector<Value> params{company.value(),
                                    std::string(currency),
                                    date.to_string(),
                                    rate.num,
                                    rate.den,
                                    created_at.unix_micros()};
    BO_TRY(
        txn.execute("INSERT INTO ledger_exchange_rates (company_id, currency, rate_date, "
                    "rate_num, rate_den, created_at_us) VALUES ($1, $2, $3, $4, $5, $6) "
                    "ON CONFLICT (company_id, currency, rate_date) DO UPDATE SET "
                    "rate_num = excluded.rate_num, rate_den = excluded.rate_den, "
                    "created_at_us = excluded.created_at_us",
                    params));
    return core::ok();
}

core::Result<std::optional<core::Rational>> select_rate(store::Txn& txn,
                                                        CompanyId company,
                                                        std::string_view currency,
                                                        core::Date date) {
    const std::vector<Value> params{company.value(), std::string(currency), date.to_string()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT rate_num, rate_den FROM ledger_exchange_rates "
                                     "WHERE company_id = $1 AND currency = $2 AND rate_date <= $3 "
                                     "ORDER BY rate_date DESC LIMIT 1",
                                     params));
    if (!row) {
        return std::optional<core::Rational>();
    }
    return std::optional<core::Rational>(core::Rational{row->i64(0), row->i64(1)});
}

// --- journal -------------------------------------------------------------------------------------

core::Result<void> insert_entries(store::Txn& txn, std::span<PostedEntry> entries) {
    BO_ASSERT(!entries.empty());
    RowBuffer rows{.columns = 16, .values = {}};
    rows.values.reserve(entries.size() * rows.columns);
    std::map<std::pair<std::int64_t, std::int64_t>, PostedEntry*> by_number;
    for (PostedEntry& entry : entries) {
        BO_ASSERT(entry.company_id == entries.front().company_id);
        const bool inserted =
            by_number.emplace(std::pair{entry.fiscal_year_id.value(), entry.number}, &entry).second;
        BO_ASSERT(inserted);  // numbers are unique per fiscal year
        const Value values[] = {
            entry.company_id.value(),
            entry.fiscal_year_id.value(),
            entry.number,
            entry.date.to_string(),
            entry.period_id.value(),
            entry.memo,
            entry.source.type,
            entry.source.id,
            std::string(to_string(entry.source.subledger)),
            entry.reverses ? Value(entry.reverses->value()) : Value(Null{}),
            static_cast<std::int64_t>(entry.lines.size()),
            entry.debit_total_minor,
            entry.credit_total_minor,
            entry.posted_by.value(),
            entry.posted_at.unix_micros(),
            std::string(to_string(EntryStatus::posted))};
        rows.values.insert(rows.values.end(), std::begin(values), std::end(values));
    }
    BO_TRY(insert_rows(
        txn,
        "INSERT INTO ledger_entries (company_id, fiscal_year_id, entry_number, entry_date, "
        "period_id, memo, source_type, source_id, subledger, reverses_entry_id, line_count, "
        "debit_total_minor, credit_total_minor, posted_by_user_id, posted_at_us, status)",
        "",
        rows));
    // The new ids, read back by (year, number) over each year's range of numbers: a batch's
    // numbers of a year are consecutive and taken by this transaction (gap-free counter), so
    // the range holds exactly its entries. (RETURNING cost SQLite an ephemeral table row and
    // a third of the insert's time.)
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> numbers;  // year -> first, last
    for (const auto& [key, entry] : by_number) {
        auto [range, inserted] = numbers.try_emplace(key.first, key.second, key.second);
        range->second.second = key.second;  // by_number is ordered by (year, number)
    }
    std::size_t assigned = 0;
    for (const auto& [year, range] : numbers) {
        const std::vector<Value> params{
            entries.front().company_id.value(), year, range.first, range.second};
        BO_TRY_ASSIGN(const store::Rows found_rows,
                      txn.query("SELECT id, entry_number FROM ledger_entries "
                                "WHERE company_id = $1 AND fiscal_year_id = $2 "
                                "AND entry_number >= $3 AND entry_number <= $4",
                                params));
        for (const store::Row& row : found_rows) {
            const auto found = by_number.find({year, row.i64(1)});
            BO_ASSERT(found != by_number.end());
            found->second->id = EntryId(row.i64(0));
            ++assigned;
        }
    }
    BO_ASSERT(assigned == entries.size());
    return core::ok();
}

core::Result<void> insert_lines(store::Txn& txn, std::span<const PostedEntry> entries) {
    RowBuffer rows{.columns = 14, .values = {}};
    for (const PostedEntry& entry : entries) {
        BO_ASSERT(entry.id.value() > 0);
        const std::string date = entry.date.to_string();
        for (const PostedLine& line : entry.lines) {
            const Value values[] = {
                entry.company_id.value(),
                entry.id.value(),
                line.line_number,
                line.account.value(),
                line.department ? Value(line.department->value()) : Value(Null{}),
                line.party ? Value(std::string(to_string(line.party->type))) : Value(Null{}),
                optional_id(line.party ? std::optional<std::int64_t>(line.party->id)
                                       : std::nullopt),
                std::string(to_string(line.side)),
                std::string(line.amount.currency.code()),
                line.amount.minor,
                line.functional_minor,
                line.memo,
                date,
                entry.period_id.value()};
            rows.values.insert(rows.values.end(),
                               std::make_move_iterator(std::begin(values)),
                               std::make_move_iterator(std::end(values)));
        }
    }
    return insert_rows(txn,
                       "INSERT INTO ledger_entry_lines (company_id, entry_id, line_number, "
                       "account_id, department_id, party_type, party_id, side, currency, "
                       "amount_minor, functional_minor, memo, entry_date, period_id)",
                       "",
                       rows);
}

core::Result<void> add_to_balances(store::Txn& txn,
                                   CompanyId company,
                                   std::span<const BalanceRow> deltas) {
    RowBuffer rows{.columns = 6, .values = {}};
    rows.values.reserve(deltas.size() * rows.columns);
    for (const BalanceRow& delta : deltas) {
        const Value values[] = {company.value(),
                                delta.account.value(),
                                department_key(delta.department),
                                delta.period.value(),
                                delta.debit_minor,
                                delta.credit_minor};
        rows.values.insert(rows.values.end(), std::begin(values), std::end(values));
    }
    if (rows.values.empty()) {
        return core::ok();
    }
    // The keys of `deltas` are distinct (the caller aggregates per key), as a multi-row upsert
    // requires on PostgreSQL.
    return insert_rows(txn,
                       "INSERT INTO ledger_balances (company_id, account_id, department_id, "
                       "period_id, debit_minor, credit_minor)",
                       " ON CONFLICT (company_id, account_id, department_id, period_id) DO UPDATE "
                       "SET debit_minor = ledger_balances.debit_minor + excluded.debit_minor, "
                       "credit_minor = ledger_balances.credit_minor + excluded.credit_minor",
                       rows);
}

core::Result<std::optional<PostedEntry>> select_entry(store::Txn& txn,
                                                      CompanyId company,
                                                      EntryId id) {
    static const std::string entry_sql = "SELECT " + std::string(entry_columns)
                                         + std::string(entry_from)
                                         + "WHERE e.company_id = $1 AND e.id = $2";
    static const std::string lines_sql = "SELECT " + std::string(line_columns)
                                         + " FROM ledger_entry_lines l WHERE l.company_id = $1 "
                                           "AND l.entry_id = $2 ORDER BY l.line_number";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(entry_sql, params));
    if (!row) {
        return std::optional<PostedEntry>();
    }
    BO_TRY_ASSIGN(PostedEntry entry, decode_entry(*row));
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(lines_sql, params));
    entry.lines.reserve(rows.size());
    for (const store::Row& line_row : rows) {
        BO_TRY_ASSIGN(PostedLine line, decode_line(line_row, 0));
        entry.lines.push_back(std::move(line));
    }
    return std::optional<PostedEntry>(std::move(entry));
}

core::Result<std::vector<PostedEntry>> select_entries(store::Txn& txn,
                                                      CompanyId company,
                                                      EntryId after_id,
                                                      std::int64_t limit) {
    static const std::string sql = "SELECT " + std::string(entry_columns) + std::string(entry_from)
                                   + "WHERE e.company_id = $1 AND e.id > $2 ORDER BY e.id LIMIT $3";
    const std::vector<Value> params{company.value(), after_id.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<PostedEntry> entries;
    entries.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(PostedEntry entry, decode_entry(row));
        entries.push_back(std::move(entry));
    }
    return entries;
}

// --- balances ------------------------------------------------------------------------------------

namespace {

std::vector<BalanceRow> decode_balance_rows(const store::Rows& rows) {
    std::vector<BalanceRow> balances;
    balances.reserve(rows.size());
    for (const store::Row& row : rows) {
        balances.push_back(BalanceRow{.account = AccountId(row.i64(0)),
                                      .department = department_of_key(row.i64(1)),
                                      .period = PeriodId(row.i64(2)),
                                      .debit_minor = row.i64(3),
                                      .credit_minor = row.i64(4)});
    }
    return balances;
}

}  // namespace

core::Result<std::vector<BalanceRow>> select_balances(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT account_id, department_id, period_id, debit_minor, "
                            "credit_minor FROM ledger_balances WHERE company_id = $1 "
                            "ORDER BY account_id, department_id, period_id",
                            params));
    return decode_balance_rows(rows);
}

core::Result<std::vector<BalanceRow>> recompute_balances(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(
        const store::Rows rows,
        txn.query("SELECT account_id, COALESCE(department_id, 0) AS department, period_id, "
                  "SUM(CASE WHEN side = 'debit' THEN functional_minor ELSE 0 END), "
                  "SUM(CASE WHEN side = 'credit' THEN functional_minor ELSE 0 END) "
                  "FROM ledger_entry_lines WHERE company_id = $1 "
                  "GROUP BY account_id, COALESCE(department_id, 0), period_id "
                  "ORDER BY account_id, department, period_id",
                  params));
    return decode_balance_rows(rows);
}

namespace {

// The one number answered by `sql`, a COUNT(*) over the company $1.
core::Result<std::int64_t> count_of_company(store::Txn& txn,
                                            CompanyId company,
                                            std::string_view sql) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Row row, txn.query_one(sql, params));
    return row.i64(0);
}

}  // namespace

core::Result<std::int64_t> count_entries(store::Txn& txn, CompanyId company) {
    return count_of_company(
        txn, company, "SELECT COUNT(*) FROM ledger_entries WHERE company_id = $1");
}

core::Result<std::int64_t> count_unbalanced_entries(store::Txn& txn, CompanyId company) {
    BO_TRY_ASSIGN(const std::int64_t functional,
                  count_of_company(
                      txn,
                      company,
                      "SELECT COUNT(*) FROM (SELECT entry_id FROM ledger_entry_lines "
                      "WHERE company_id = $1 GROUP BY entry_id HAVING "
                      "SUM(CASE WHEN side = 'debit' THEN functional_minor ELSE 0 END) <> "
                      "SUM(CASE WHEN side = 'credit' THEN functional_minor ELSE 0 END)) AS u"));
    BO_TRY_ASSIGN(const std::int64_t per_currency,
                  count_of_company(
                      txn,
                      company,
                      "SELECT COUNT(*) FROM (SELECT entry_id FROM ledger_entry_lines "
                      "WHERE company_id = $1 GROUP BY entry_id, currency HAVING "
                      "SUM(CASE WHEN side = 'debit' THEN amount_minor ELSE 0 END) <> "
                      "SUM(CASE WHEN side = 'credit' THEN amount_minor ELSE 0 END)) AS u"));
    return functional + per_currency;
}

core::Result<std::int64_t> count_foreign_lines(store::Txn& txn, CompanyId company) {
    return count_of_company(
        txn,
        company,
        "SELECT COUNT(*) FROM ledger_entry_lines l WHERE l.company_id = $1 AND ("
        "NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.company_id = l.company_id "
        "AND a.id = l.account_id) OR (l.department_id IS NOT NULL AND NOT EXISTS ("
        "SELECT 1 FROM departments d WHERE d.company_id = l.company_id "
        "AND d.id = l.department_id)))");
}

core::Result<std::int64_t> count_orphan_lines(store::Txn& txn, CompanyId company) {
    return count_of_company(
        txn,
        company,
        "SELECT COALESCE(SUM(n), 0) FROM (SELECT l.entry_id, COUNT(*) AS n "
        "FROM ledger_entry_lines l WHERE l.company_id = $1 GROUP BY l.entry_id) AS g "
        "WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.company_id = $1 "
        "AND e.id = g.entry_id)");
}

// --- reports -------------------------------------------------------------------------------------

core::Result<std::vector<Totals>> sum_balances(store::Txn& txn,
                                               CompanyId company,
                                               core::Date from,
                                               core::Date to,
                                               DepartmentFilter department) {
    const std::vector<Value> params{
        company.value(), from.to_string(), to.to_string(), filter_value(department)};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT b.account_id, b.department_id, SUM(b.debit_minor), "
                            "SUM(b.credit_minor) FROM ledger_balances b JOIN ledger_periods p "
                            "ON p.company_id = b.company_id AND p.id = b.period_id "
                            "WHERE b.company_id = $1 AND p.start_date >= $2 AND p.end_date <= $3 "
                            "AND ($4 < 0 OR b.department_id = $4) "
                            "GROUP BY b.account_id, b.department_id",
                            params));
    return decode_totals(rows);
}

core::Result<std::vector<Totals>> sum_lines(store::Txn& txn,
                                            CompanyId company,
                                            core::Date from,
                                            core::Date to,
                                            DepartmentFilter department) {
    const std::vector<Value> params{
        company.value(), from.to_string(), to.to_string(), filter_value(department)};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT l.account_id, COALESCE(l.department_id, 0), "
                            "SUM(CASE WHEN l.side = 'debit' THEN l.functional_minor ELSE 0 END), "
                            "SUM(CASE WHEN l.side = 'credit' THEN l.functional_minor ELSE 0 END) "
                            "FROM ledger_entries e JOIN ledger_entry_lines l "
                            "ON l.company_id = e.company_id AND l.entry_id = e.id "
                            "WHERE e.company_id = $1 AND e.entry_date >= $2 AND e.entry_date < $3 "
                            "AND l.entry_date >= $2 AND l.entry_date < $3 "
                            "AND ($4 < 0 OR COALESCE(l.department_id, 0) = $4) "
                            "GROUP BY l.account_id, COALESCE(l.department_id, 0)",
                            params));
    return decode_totals(rows);
}

core::Result<std::vector<Totals>> sum_closing_lines(store::Txn& txn,
                                                    CompanyId company,
                                                    core::Date from,
                                                    core::Date to,
                                                    DepartmentFilter department) {
    // Two steps, so that both engines find the few closing entries by the source index and
    // then read only their lines (a join lets SQLite's planner scan every line instead).
    const std::vector<Value> range{company.value(), from.to_string(), to.to_string()};
    BO_TRY_ASSIGN(const store::Rows entries,
                  txn.query("SELECT id FROM ledger_entries WHERE company_id = $1 "
                            "AND source_type = 'year_end_close' AND entry_date >= $2 "
                            "AND entry_date < $3",
                            range));
    std::vector<Totals> totals;
    for (const store::Row& entry : entries) {
        const std::vector<Value> params{company.value(), entry.i64(0), filter_value(department)};
        BO_TRY_ASSIGN(const store::Rows rows,
                      txn.query("SELECT account_id, COALESCE(department_id, 0), "
                                "SUM(CASE WHEN side = 'debit' THEN functional_minor ELSE 0 END), "
                                "SUM(CASE WHEN side = 'credit' THEN functional_minor ELSE 0 END) "
                                "FROM ledger_entry_lines WHERE company_id = $1 AND entry_id = $2 "
                                "AND ($3 < 0 OR COALESCE(department_id, 0) = $3) "
                                "GROUP BY account_id, COALESCE(department_id, 0)",
                                params));
        BO_TRY_ASSIGN(std::vector<Totals> part, decode_totals(rows));
        totals.insert(totals.end(), part.begin(), part.end());
    }
    return totals;
}

core::Result<std::vector<DetailLine>> select_account_lines(store::Txn& txn,
                                                           CompanyId company,
                                                           AccountId account,
                                                           DateRange range,
                                                           DepartmentFilter department,
                                                           std::int64_t limit) {
    static const std::string sql =
        "SELECT e.id, y.name, e.entry_number, e.entry_date, e.memo, e.source_type, e.source_id, "
        "e.subledger, "
        + std::string(line_columns)
        + " FROM ledger_entry_lines l JOIN ledger_entries e ON e.company_id = l.company_id "
          "AND e.id = l.entry_id JOIN ledger_fiscal_years y ON y.company_id = e.company_id "
          "AND y.id = e.fiscal_year_id WHERE l.company_id = $1 AND l.account_id = $2 "
          "AND l.entry_date >= $3 AND l.entry_date < $4 "
          "AND ($5 < 0 OR COALESCE(l.department_id, 0) = $5) "
          "ORDER BY l.entry_date, l.entry_id, l.line_number LIMIT $6";
    const std::vector<Value> params{company.value(),
                                    account.value(),
                                    range.from.to_string(),
                                    range.to.to_string(),
                                    filter_value(department),
                                    limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<DetailLine> lines;
    lines.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(core::Date date, decode_date(row, 3, "ledger_entries"));
        BO_TRY_ASSIGN(Subledger subledger,
                      decode_enum(parse_subledger(row.text(7), "subledger"), "ledger_entries"));
        BO_TRY_ASSIGN(PostedLine line, decode_line(row, 8));
        lines.push_back(DetailLine{.entry = EntryId(row.i64(0)),
                                   .fiscal_year_name = row.text(1),
                                   .entry_number = row.i64(2),
                                   .date = date,
                                   .entry_memo = row.text(4),
                                   .source = Source{row.text(5), row.text(6), subledger},
                                   .line = std::move(line)});
    }
    return lines;
}

namespace {

// Rows of entry columns then line columns, ordered by entry: the entries with their lines.
core::Result<std::vector<PostedEntry>> decode_entries_with_lines(const store::Rows& rows) {
    std::vector<PostedEntry> entries;
    for (const store::Row& row : rows) {
        const EntryId id(row.i64(0));
        if (entries.empty() || entries.back().id != id) {
            BO_TRY_ASSIGN(PostedEntry entry, decode_entry(row));
            entries.push_back(std::move(entry));
        }
        BO_TRY_ASSIGN(PostedLine line, decode_line(row, entry_column_count));
        entries.back().lines.push_back(std::move(line));
    }
    return entries;
}

}  // namespace

core::Result<std::vector<PostedEntry>> select_entry_page(store::Txn& txn,
                                                         CompanyId company,
                                                         DateRange range,
                                                         core::Date after_date,
                                                         EntryId after_id,
                                                         std::int64_t limit) {
    static const std::string sql =
        "WITH page AS (SELECT e.id FROM ledger_entries e WHERE e.company_id = $1 "
        "AND e.entry_date >= $2 AND e.entry_date < $3 AND (e.entry_date > $4 OR "
        "(e.entry_date = $4 AND e.id > $5)) ORDER BY e.entry_date, e.id LIMIT $6) SELECT "
        + std::string(entry_columns) + ", " + std::string(line_columns)
        + std::string(entry_from)
        + "JOIN page ON page.id = e.id JOIN ledger_entry_lines l ON l.company_id = e.company_id "
          "AND l.entry_id = e.id WHERE e.company_id = $1 "
          "ORDER BY e.entry_date, e.id, l.line_number";
    const std::vector<Value> params{company.value(),
                                    range.from.to_string(),
                                    range.to.to_string(),
                                    after_date.to_string(),
                                    after_id.value(),
                                    limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    return decode_entries_with_lines(rows);
}

// --- journal listing ----------------------------------------------------------------------------

namespace {

// The listing's WHERE clause: $1 company, $2 after id, $3..$4 dates, $5 source type, $6 account,
// $7 department key, $8 memo pattern. One text for both engines: "any" is '' or 0 or -1.
constexpr std::string_view filtered_entries_where =
    "WHERE e.company_id = $1 AND e.id > $2 AND e.entry_date >= $3 AND e.entry_date < $4 "
    "AND ($5 = '' OR e.source_type = $5) "
    "AND ($6 = 0 OR EXISTS (SELECT 1 FROM ledger_entry_lines fa WHERE fa.company_id = "
    "e.company_id AND fa.entry_id = e.id AND fa.account_id = $6)) "
    "AND ($7 < 0 OR EXISTS (SELECT 1 FROM ledger_entry_lines fd WHERE fd.company_id = "
    "e.company_id AND fd.entry_id = e.id AND COALESCE(fd.department_id, 0) = $7)) "
    "AND ($8 = '' OR lower(e.memo) LIKE $8 ESCAPE '!' OR EXISTS (SELECT 1 FROM "
    "ledger_entry_lines fm WHERE fm.company_id = e.company_id AND fm.entry_id = e.id "
    "AND lower(fm.memo) LIKE $8 ESCAPE '!')) ";

std::vector<Value> filter_params(CompanyId company, const EntryFilter& filter, EntryId after_id) {
    return {company.value(),
            after_id.value(),
            filter.range.from.to_string(),
            filter.range.to.to_string(),
            filter.source_type,
            filter.account.value(),
            filter_value(filter.department),
            filter.memo_pattern};
}

}  // namespace

core::Result<std::vector<PostedEntry>> select_filtered_entries(store::Txn& txn,
                                                               CompanyId company,
                                                               const EntryFilter& filter,
                                                               EntryId after_id,
                                                               std::int64_t limit) {
    static const std::string sql = "SELECT " + std::string(entry_columns) + std::string(entry_from)
                                   + std::string(filtered_entries_where) + "ORDER BY e.id LIMIT $9";
    std::vector<Value> params = filter_params(company, filter, after_id);
    params.emplace_back(limit);
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<PostedEntry> entries;
    entries.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(PostedEntry entry, decode_entry(row));
        entries.push_back(std::move(entry));
    }
    return entries;
}

core::Result<std::vector<PostedEntry>> select_filtered_entries_with_lines(store::Txn& txn,
                                                                          CompanyId company,
                                                                          const EntryFilter& filter,
                                                                          EntryId after_id,
                                                                          std::int64_t entry_limit,
                                                                          std::int64_t line_limit) {
    static const std::string sql =
        "WITH page AS (SELECT e.id FROM ledger_entries e " + std::string(filtered_entries_where)
        + "ORDER BY e.id LIMIT $9) SELECT " + std::string(entry_columns) + ", "
        + std::string(line_columns) + std::string(entry_from)
        + "JOIN page ON page.id = e.id JOIN ledger_entry_lines l ON l.company_id = e.company_id "
          "AND l.entry_id = e.id WHERE e.company_id = $1 ORDER BY e.id, l.line_number LIMIT $10";
    std::vector<Value> params = filter_params(company, filter, after_id);
    params.emplace_back(entry_limit);
    params.emplace_back(line_limit);
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    return decode_entries_with_lines(rows);
}

}  // namespace bo::ledger::queries
