#include "platform/audit/queries.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::platform::audit::queries {
namespace {

using store::Value;

constexpr std::string_view event_columns =
    "company_id, seq, at_us, user_id, username, action, entity_type, entity_id, changes, "
    "request_id, client_address, prev_hash, hash";

// The same columns for reading. Integers are read as text: on SQLite a row edited behind the
// program's back can hold any kind of value in any column (even a floating-point one, which
// the store refuses to read), and neither verify nor search may fail or abort on such a row.
// PostgreSQL names the output column `CAST(seq AS TEXT)` "seq" and resolves ORDER BY to output
// columns first, so queries order by `audit_events.seq` to sort numbers, not texts.
constexpr std::string_view event_select_columns =
    "CAST(company_id AS TEXT), CAST(seq AS TEXT), CAST(at_us AS TEXT), CAST(user_id AS TEXT), "
    "username, action, entity_type, entity_id, changes, request_id, client_address, prev_hash, "
    "hash";

// A cell that should be text: its text, or nullopt for NULL or another kind.
std::optional<std::string> tolerant_text(const store::Row& row, std::size_t column) {
    const auto* text = std::get_if<std::string>(&row.cell(column));
    return text == nullptr ? std::nullopt : std::optional<std::string>(*text);
}

// A cell that should be an integer, selected as text (event_select_columns): its value, or
// nullopt for anything that is not the decimal text of an int64.
std::optional<std::int64_t> tolerant_int(const store::Row& row, std::size_t column) {
    std::optional<std::string> text = tolerant_text(row, column);
    if (!text || text->empty()) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    const char* end = text->data() + text->size();
    auto [ptr, error] = std::from_chars(text->data(), end, value);
    if (error != std::errc{} || ptr != end) {
        return std::nullopt;
    }
    return value;
}

// Decodes a row of select_event_page without trusting it.
StoredEvent decode_stored_event(const store::Row& row) {
    StoredEvent stored;
    Event& event = stored.event;
    std::optional<std::int64_t> company = tolerant_int(row, 0);
    std::optional<std::int64_t> seq = tolerant_int(row, 1);
    std::optional<std::int64_t> at_us = tolerant_int(row, 2);
    std::optional<std::int64_t> user = tolerant_int(row, 3);
    event.company = tenancy::CompanyId(company.value_or(0));
    event.seq = seq.value_or(0);
    if (at_us && *at_us >= core::Instant::unix_micros_min
        && *at_us <= core::Instant::unix_micros_max) {
        event.at = core::Instant(*at_us);
    } else {
        at_us.reset();
    }
    event.user = auth::UserId(user.value_or(0));
    // Columns 4.. of event_select_columns, in order.
    constexpr std::size_t first_text_column = 4;
    constexpr std::size_t text_columns = 9;
    std::array<std::string*, text_columns> texts = {&event.username,
                                                    &event.action,
                                                    &event.entity_type,
                                                    &event.entity_id,
                                                    &event.changes,
                                                    &event.request_id,
                                                    &event.client_address,
                                                    &event.prev_hash,
                                                    &event.hash};
    stored.well_formed = company && seq && at_us && user;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        std::optional<std::string> text = tolerant_text(row, first_text_column + i);
        stored.well_formed = stored.well_formed && text.has_value();
        *texts.at(i) = std::move(text).value_or(std::string());
    }
    return stored;
}

// The WHERE clause and parameters of a search, from fixed fragments only: no input text ever
// becomes SQL, it is always bound as a parameter.
struct SearchSql {
    std::string sql;
    std::vector<Value> params;

    void add(std::string_view fragment, Value value) {
        params.push_back(std::move(value));
        sql += " AND ";
        sql += fragment;
        sql += " $" + std::to_string(params.size());
    }
};

}  // namespace

core::Result<Link> advance_head(store::Txn& txn, tenancy::CompanyId company) {
    static constexpr std::string_view advance =
        "UPDATE audit_chain_heads SET seq = seq + 1 WHERE company_id = $1 RETURNING seq, hash";
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(std::optional<store::Row> row, txn.query_optional(advance, params));
    if (!row) {
        // First event of the company. Two first events at once both insert; the unique key
        // makes the second wait for the first and then do nothing.
        const std::vector<Value> create{company.value(), std::string(genesis_hash)};
        BO_TRY(
            txn.execute("INSERT INTO audit_chain_heads (company_id, seq, hash) "
                        "VALUES ($1, 0, $2) ON CONFLICT (company_id) DO NOTHING",
                        create));
        BO_TRY_ASSIGN(row, txn.query_optional(advance, params));
        if (!row) {
            return tenancy::corrupt_row("audit_chain_heads", "head missing after insert");
        }
    }
    return Link{.seq = row->i64(0), .prev_hash = row->text(1)};
}

core::Result<void> append_event(store::Txn& txn, const Event& event) {
    static const std::string insert =
        "INSERT INTO audit_events (" + std::string(event_columns)
        + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    const std::vector<Value> row{event.company.value(),
                                 event.seq,
                                 event.at.unix_micros(),
                                 event.user.value(),
                                 event.username,
                                 event.action,
                                 event.entity_type,
                                 event.entity_id,
                                 event.changes,
                                 event.request_id,
                                 event.client_address,
                                 event.prev_hash,
                                 event.hash};
    BO_TRY(txn.execute(insert, row));
    const std::vector<Value> head{event.company.value(), event.seq, event.hash};
    BO_TRY_ASSIGN(std::int64_t updated,
                  txn.execute("UPDATE audit_chain_heads SET hash = $3 "
                              "WHERE company_id = $1 AND seq = $2",
                              head));
    if (updated != 1) {
        return tenancy::corrupt_row("audit_chain_heads", "head moved during an append");
    }
    return core::ok();
}

core::Result<std::vector<Event>> select_events(store::Txn& txn,
                                               tenancy::CompanyId company,
                                               const EventFilter& filter,
                                               std::int64_t before_seq,
                                               std::int64_t limit) {
    SearchSql where{"company_id = $1", {company.value()}};
    if (before_seq > 0) {
        where.add("seq <", before_seq);
    }
    if (filter.entity_type) {
        where.add("entity_type =", *filter.entity_type);
    }
    if (filter.entity_id) {
        where.add("entity_id =", *filter.entity_id);
    }
    if (filter.username) {
        where.add("username =", *filter.username);
    }
    if (filter.action) {
        where.add("action =", *filter.action);
    }
    if (filter.from) {
        where.add("at_us >=", filter.from->unix_micros());
    }
    if (filter.to) {
        where.add("at_us <", filter.to->unix_micros());
    }
    where.params.emplace_back(limit);
    std::string sql = "SELECT " + std::string(event_select_columns) + " FROM audit_events WHERE "
                      + where.sql + " ORDER BY audit_events.seq DESC LIMIT $"
                      + std::to_string(where.params.size());
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, where.params));
    std::vector<Event> events;
    events.reserve(rows.size());
    for (const store::Row& row : rows) {
        // A row edited into an unreadable shape is still shown, as far as it can be read:
        // the auditor is looking for exactly such rows.
        events.push_back(decode_stored_event(row).event);
    }
    return events;
}

core::Result<ChainState> select_chain_state(store::Txn& txn, tenancy::CompanyId company) {
    // One statement, so one snapshot on both engines (PostgreSQL's READ COMMITTED takes a new
    // snapshot per statement): an append commits its event and the head together, so here the
    // highest event never exceeds the head unless someone wrote behind the program's back.
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("SELECT (SELECT seq FROM audit_chain_heads WHERE company_id = $1), "
                                "(SELECT hash FROM audit_chain_heads WHERE company_id = $1), "
                                "(SELECT MAX(seq) FROM audit_events WHERE company_id = $1)",
                                params));
    return ChainState{
        .head_seq = row.opt_i64(0), .head_hash = row.opt_text(1), .max_event_seq = row.opt_i64(2)};
}

core::Result<std::vector<StoredEvent>> select_event_page(store::Txn& txn,
                                                         tenancy::CompanyId company,
                                                         std::int64_t after_seq,
                                                         std::int64_t last_seq,
                                                         std::int64_t limit) {
    static const std::string sql =
        "SELECT " + std::string(event_select_columns)
        + " FROM audit_events WHERE company_id = $1 AND seq > $2 AND seq <= $3 "
          "ORDER BY audit_events.seq LIMIT $4";
    const std::vector<Value> params{company.value(), after_seq, last_seq, limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<StoredEvent> events;
    events.reserve(rows.size());
    for (const store::Row& row : rows) {
        events.push_back(decode_stored_event(row));
    }
    return events;
}

}  // namespace bo::platform::audit::queries
