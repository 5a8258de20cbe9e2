#include "ledger/saved_queries.hpp"

#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::ledger::queries {
namespace {

using store::Null;
using store::Value;

Value optional_value(const std::optional<std::int64_t>& value) {
    return value ? Value(*value) : Value(Null{});
}

Value optional_date(const std::optional<core::Date>& date) {
    return date ? Value(date->to_string()) : Value(Null{});
}

core::Result<core::Date> decode_date(const std::string& text, const char* table) {
    core::Result<core::Date> date = core::Date::parse(text);
    if (!date) {
        return platform::tenancy::corrupt_row(table, "malformed date");
    }
    return date;
}

core::Result<core::Instant> decode_instant(std::int64_t micros, const char* table) {
    core::Result<core::Instant> at = core::Instant::from_unix_micros(micros);
    if (!at) {
        return platform::tenancy::corrupt_row(table, "timestamp out of range");
    }
    return at;
}

// The parameter rows of `lines` under parent `parent_id`, in the column order of line_insert.
std::vector<std::vector<Value>> line_rows(CompanyId company,
                                          std::int64_t parent_id,
                                          const std::vector<LineInput>& lines) {
    std::vector<std::vector<Value>> rows;
    rows.reserve(lines.size());
    for (std::size_t index = 0; index < lines.size(); ++index) {
        const LineInput& line = lines[index];
        rows.push_back(
            {company.value(),
             parent_id,
             static_cast<std::int64_t>(index + 1),
             line.account.value(),
             line.department ? Value(line.department->value()) : Value(Null{}),
             line.party ? Value(std::string(to_string(line.party->type))) : Value(Null{}),
             optional_value(line.party ? std::optional<std::int64_t>(line.party->id)
                                       : std::nullopt),
             std::string(to_string(line.side)),
             std::string(line.amount.currency.code()),
             line.amount.minor,
             line.memo});
    }
    return rows;
}

constexpr std::string_view line_columns =
    "account_id, department_id, party_type, party_id, side, currency, amount_minor, memo";

core::Result<std::vector<LineInput>> decode_lines(const store::Rows& rows, const char* table) {
    std::vector<LineInput> lines;
    lines.reserve(rows.size());
    for (const store::Row& row : rows) {
        const core::Result<Side> side = parse_side(row.text(4), "side");
        const core::Result<core::Currency> currency = core::Currency::create(row.text(5));
        if (!side || !currency) {
            return platform::tenancy::corrupt_row(table, "unknown side or currency");
        }
        LineInput line{.account = AccountId(row.i64(0)),
                       .department = std::nullopt,
                       .party = std::nullopt,
                       .side = *side,
                       .amount = core::Money{row.i64(6), *currency},
                       .memo = row.text(7)};
        if (const std::optional<std::int64_t> department = row.opt_i64(1)) {
            line.department = DepartmentId(*department);
        }
        if (const std::optional<std::string> party_type = row.opt_text(2)) {
            const core::Result<PartyType> type = parse_party_type(*party_type, "party_type");
            if (!type) {
                return platform::tenancy::corrupt_row(table, "unknown party type");
            }
            line.party = Party{*type, row.i64(3)};
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

// --- drafts

constexpr std::string_view draft_select =
    "SELECT id, company_id, entry_date, memo, source_type, source_id, status, posted_entry_id, "
    "created_by_user_id, created_at_us, updated_by_user_id, updated_at_us FROM ledger_drafts ";

core::Result<Draft> decode_draft(const store::Row& row) {
    constexpr const char* table = "ledger_drafts";
    BO_TRY_ASSIGN(const core::Date date, decode_date(row.text(2), table));
    BO_TRY_ASSIGN(const core::Instant created_at, decode_instant(row.i64(9), table));
    BO_TRY_ASSIGN(const core::Instant updated_at, decode_instant(row.i64(11), table));
    Draft draft{.id = DraftId(row.i64(0)),
                .company_id = CompanyId(row.i64(1)),
                .date = date,
                .memo = row.text(3),
                .source = Source{row.text(4), row.text(5), Subledger::none},
                .status = row.text(6) == "posted" ? EntryStatus::posted : EntryStatus::draft,
                .posted_entry = std::nullopt,
                .created_by = platform::auth::UserId(row.i64(8)),
                .created_at = created_at,
                .updated_by = platform::auth::UserId(row.i64(10)),
                .updated_at = updated_at,
                .lines = {}};
    if (const std::optional<std::int64_t> entry = row.opt_i64(7)) {
        draft.posted_entry = EntryId(*entry);
    }
    return draft;
}

constexpr std::string_view draft_line_insert =
    "INSERT INTO ledger_draft_lines (company_id, draft_id, line_number, account_id, "
    "department_id, party_type, party_id, side, currency, amount_minor, memo) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

// --- recurring templates

constexpr std::string_view recurring_select =
    "SELECT id, company_id, name, memo, frequency, interval_months, start_date, end_date, "
    "occurrences_max, occurrences_done, next_run_date, mode, active, created_by_user_id, "
    "created_by_username, created_at_us FROM ledger_recurring ";

core::Result<RecurringTemplate> decode_recurring(const store::Row& row) {
    constexpr const char* table = "ledger_recurring";
    BO_TRY_ASSIGN(const core::Date start, decode_date(row.text(6), table));
    BO_TRY_ASSIGN(const core::Instant created_at, decode_instant(row.i64(15), table));
    const core::Result<Frequency> frequency = parse_frequency(row.text(4), "frequency");
    const core::Result<RecurringMode> mode = parse_recurring_mode(row.text(11), "mode");
    if (!frequency || !mode) {
        return platform::tenancy::corrupt_row(table, "unknown frequency or mode");
    }
    RecurringTemplate recurring{.id = RecurringId(row.i64(0)),
                                .company_id = CompanyId(row.i64(1)),
                                .name = row.text(2),
                                .memo = row.text(3),
                                .frequency = *frequency,
                                .interval_months = row.i64(5),
                                .start_date = start,
                                .end_date = std::nullopt,
                                .occurrences_max = row.opt_i64(8),
                                .occurrences_done = row.i64(9),
                                .next_run_date = std::nullopt,
                                .mode = *mode,
                                .active = row.i64(12) != 0,
                                .created_by = platform::auth::UserId(row.i64(13)),
                                .created_by_username = row.text(14),
                                .created_at = created_at,
                                .lines = {}};
    if (const std::optional<std::string> end = row.opt_text(7)) {
        BO_TRY_ASSIGN(recurring.end_date, decode_date(*end, table));
    }
    if (const std::optional<std::string> next = row.opt_text(10)) {
        BO_TRY_ASSIGN(recurring.next_run_date, decode_date(*next, table));
    }
    return recurring;
}

}  // namespace

// --- drafts -------------------------------------------------------------------------------------

core::Result<DraftId> insert_draft(store::Txn& txn, const Draft& draft) {
    const std::vector<Value> params{draft.company_id.value(),
                                    draft.date.to_string(),
                                    draft.memo,
                                    draft.source.type,
                                    draft.source.id,
                                    static_cast<std::int64_t>(draft.lines.size()),
                                    draft.created_by.value(),
                                    draft.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO ledger_drafts (company_id, entry_date, memo, "
                                "source_type, source_id, status, line_count, created_by_user_id, "
                                "created_at_us, updated_by_user_id, updated_at_us) VALUES ($1, "
                                "$2, $3, $4, $5, 'draft', $6, $7, $8, $7, $8) RETURNING id",
                                params));
    return DraftId(row.i64(0));
}

core::Result<void> insert_draft_lines(store::Txn& txn, const Draft& draft) {
    if (draft.lines.empty()) {
        return core::ok();
    }
    const auto rows = line_rows(draft.company_id, draft.id.value(), draft.lines);
    return txn.execute_batch(draft_line_insert, rows);
}

core::Result<bool> replace_draft(store::Txn& txn, const Draft& draft) {
    const std::vector<Value> params{draft.company_id.value(),
                                    draft.id.value(),
                                    draft.date.to_string(),
                                    draft.memo,
                                    static_cast<std::int64_t>(draft.lines.size()),
                                    draft.updated_by.value(),
                                    draft.updated_at.unix_micros()};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE ledger_drafts SET entry_date = $3, memo = $4, "
                              "line_count = $5, updated_by_user_id = $6, updated_at_us = $7 "
                              "WHERE company_id = $1 AND id = $2 AND status = 'draft'",
                              params));
    if (changed != 1) {
        return false;
    }
    const std::vector<Value> key{draft.company_id.value(), draft.id.value()};
    BO_TRY(
        txn.execute("DELETE FROM ledger_draft_lines WHERE company_id = $1 AND draft_id = $2", key));
    BO_TRY(insert_draft_lines(txn, draft));
    return true;
}

core::Result<bool> delete_draft(store::Txn& txn, CompanyId company, DraftId id) {
    const std::vector<Value> key{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT status FROM ledger_drafts WHERE company_id = $1 "
                                     "AND id = $2",
                                     key));
    if (!row || row->text(0) != "draft") {
        return false;
    }
    BO_TRY(
        txn.execute("DELETE FROM ledger_draft_lines WHERE company_id = $1 AND draft_id = $2", key));
    BO_TRY_ASSIGN(const std::int64_t deleted,
                  txn.execute("DELETE FROM ledger_drafts WHERE company_id = $1 AND id = $2 "
                              "AND status = 'draft'",
                              key));
    return deleted == 1;
}

core::Result<bool> mark_draft_posted(store::Txn& txn,
                                     CompanyId company,
                                     DraftId id,
                                     EntryId entry,
                                     platform::auth::UserId user,
                                     core::Instant at) {
    const std::vector<Value> params{
        company.value(), id.value(), entry.value(), user.value(), at.unix_micros()};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE ledger_drafts SET status = 'posted', posted_entry_id = $3, "
                              "updated_by_user_id = $4, updated_at_us = $5 "
                              "WHERE company_id = $1 AND id = $2 AND status = 'draft'",
                              params));
    return changed == 1;
}

core::Result<std::optional<Draft>> select_draft(store::Txn& txn, CompanyId company, DraftId id) {
    static const std::string sql = std::string(draft_select) + "WHERE company_id = $1 AND id = $2";
    static const std::string lines_sql = "SELECT " + std::string(line_columns)
                                         + " FROM ledger_draft_lines WHERE company_id = $1 "
                                           "AND draft_id = $2 ORDER BY line_number";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Draft>();
    }
    BO_TRY_ASSIGN(Draft draft, decode_draft(*row));
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(lines_sql, params));
    BO_TRY_ASSIGN(draft.lines, decode_lines(rows, "ledger_draft_lines"));
    return std::optional<Draft>(std::move(draft));
}

core::Result<std::vector<Draft>> select_drafts(store::Txn& txn,
                                               CompanyId company,
                                               std::optional<EntryStatus> status,
                                               DraftId after_id,
                                               std::int64_t limit) {
    static const std::string sql = std::string(draft_select)
                                   + "WHERE company_id = $1 AND id > $2 AND ($3 = '' OR "
                                     "status = $3) ORDER BY id LIMIT $4";
    const std::vector<Value> params{company.value(),
                                    after_id.value(),
                                    status ? std::string(to_string(*status)) : std::string(),
                                    limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Draft> drafts;
    drafts.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Draft draft, decode_draft(row));
        drafts.push_back(std::move(draft));
    }
    return drafts;
}

// --- recurring templates ------------------------------------------------------------------------

core::Result<RecurringId> insert_recurring(store::Txn& txn, const RecurringTemplate& recurring) {
    const std::vector<Value> params{recurring.company_id.value(),
                                    recurring.name,
                                    recurring.memo,
                                    std::string(to_string(recurring.frequency)),
                                    recurring.interval_months,
                                    recurring.start_date.to_string(),
                                    optional_date(recurring.end_date),
                                    optional_value(recurring.occurrences_max),
                                    optional_date(recurring.next_run_date),
                                    std::string(to_string(recurring.mode)),
                                    static_cast<std::int64_t>(recurring.lines.size()),
                                    recurring.created_by.value(),
                                    recurring.created_by_username,
                                    recurring.created_at.unix_micros()};
    BO_TRY_ASSIGN(
        const store::Row row,
        txn.query_one("INSERT INTO ledger_recurring (company_id, name, memo, frequency, "
                      "interval_months, start_date, end_date, occurrences_max, next_run_date, "
                      "mode, line_count, created_by_user_id, created_by_username, created_at_us) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
                      "RETURNING id",
                      params));
    const RecurringId id(row.i64(0));
    const auto rows = line_rows(recurring.company_id, id.value(), recurring.lines);
    BO_TRY(txn.execute_batch(
        "INSERT INTO ledger_recurring_lines (company_id, recurring_id, line_number, account_id, "
        "department_id, party_type, party_id, side, currency, amount_minor, memo) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        rows));
    return id;
}

core::Result<std::int64_t> count_recurring(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(
        const store::Row row,
        txn.query_one("SELECT COUNT(*) FROM ledger_recurring WHERE company_id = $1", params));
    return row.i64(0);
}

core::Result<bool> recurring_name_taken(store::Txn& txn, CompanyId company, std::string_view name) {
    const std::vector<Value> params{company.value(), std::string(name)};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("SELECT COUNT(*) FROM ledger_recurring WHERE company_id = $1 "
                                "AND name = $2",
                                params));
    return row.i64(0) > 0;
}

core::Result<void> update_recurring_active(store::Txn& txn,
                                           CompanyId company,
                                           RecurringId id,
                                           bool active) {
    const std::vector<Value> params{company.value(), id.value(), std::int64_t{active ? 1 : 0}};
    BO_TRY(txn.execute("UPDATE ledger_recurring SET active = $3 WHERE company_id = $1 AND id = $2",
                       params));
    return core::ok();
}

core::Result<bool> advance_recurring(store::Txn& txn,
                                     const RecurringTemplate& recurring,
                                     std::int64_t done_before) {
    const std::vector<Value> params{recurring.company_id.value(),
                                    recurring.id.value(),
                                    done_before,
                                    recurring.occurrences_done,
                                    optional_date(recurring.next_run_date)};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE ledger_recurring SET occurrences_done = $4, "
                              "next_run_date = $5 WHERE company_id = $1 AND id = $2 "
                              "AND occurrences_done = $3",
                              params));
    return changed == 1;
}

core::Result<std::optional<RecurringTemplate>> select_recurring(store::Txn& txn,
                                                                CompanyId company,
                                                                RecurringId id) {
    static const std::string sql =
        std::string(recurring_select) + "WHERE company_id = $1 AND id = $2";
    static const std::string lines_sql = "SELECT " + std::string(line_columns)
                                         + " FROM ledger_recurring_lines WHERE company_id = $1 "
                                           "AND recurring_id = $2 ORDER BY line_number";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<RecurringTemplate>();
    }
    BO_TRY_ASSIGN(RecurringTemplate recurring, decode_recurring(*row));
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(lines_sql, params));
    BO_TRY_ASSIGN(recurring.lines, decode_lines(rows, "ledger_recurring_lines"));
    return std::optional<RecurringTemplate>(std::move(recurring));
}

core::Result<std::vector<RecurringTemplate>> select_recurring_list(
    store::Txn& txn, CompanyId company, std::optional<core::Date> due_by) {
    static const std::string sql = std::string(recurring_select)
                                   + "WHERE company_id = $1 AND ($2 = '' OR (active = 1 AND "
                                     "next_run_date IS NOT NULL AND next_run_date <= $2)) "
                                     "ORDER BY id LIMIT $3";
    const std::vector<Value> params{company.value(),
                                    due_by ? due_by->to_string() : std::string(),
                                    static_cast<std::int64_t>(recurring_templates_max)};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<RecurringTemplate> list;
    list.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(RecurringTemplate recurring, decode_recurring(row));
        list.push_back(std::move(recurring));
    }
    return list;
}

core::Result<bool> insert_recurring_run(store::Txn& txn,
                                        CompanyId company,
                                        RecurringId recurring,
                                        const RecurringOccurrence& occurrence,
                                        core::Instant at) {
    const std::vector<Value> params{
        company.value(),
        recurring.value(),
        occurrence.date.to_string(),
        occurrence.entry ? Value(occurrence.entry->value()) : Value(Null{}),
        occurrence.draft ? Value(occurrence.draft->value()) : Value(Null{}),
        at.unix_micros()};
    BO_TRY_ASSIGN(const std::int64_t inserted,
                  txn.execute("INSERT INTO ledger_recurring_runs (company_id, recurring_id, "
                              "run_date, entry_id, draft_id, run_at_us) VALUES ($1, $2, $3, $4, "
                              "$5, $6) ON CONFLICT (company_id, recurring_id, run_date) DO NOTHING",
                              params));
    return inserted == 1;
}

}  // namespace bo::ledger::queries
