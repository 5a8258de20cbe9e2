#include "modules/receivables/collections_queries.hpp"

#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::receivables::collections_queries {
namespace {

using platform::auth::UserId;
using platform::tenancy::corrupt_row;
using store::Null;
using store::Value;

core::Result<core::Date> date_in(std::string_view table, const std::string& text) {
    core::Result<core::Date> date = core::Date::parse(text);
    if (!date) {
        return corrupt_row(table, "date " + text);
    }
    return date;
}

core::Result<core::Instant> instant_in(std::string_view table, std::int64_t micros) {
    core::Result<core::Instant> at = core::Instant::from_unix_micros(micros);
    if (!at) {
        return corrupt_row(table, "timestamp out of range");
    }
    return at;
}

core::Result<core::Currency> currency_in(std::string_view table, const std::string& code) {
    core::Result<core::Currency> currency = core::Currency::create(code);
    if (!currency) {
        return corrupt_row(table, "currency " + code);
    }
    return currency;
}

Value optional_value(std::optional<std::int64_t> value) {
    return value ? Value(*value) : Value(Null{});
}

Value optional_user(const std::optional<UserId>& user) {
    return user ? Value(user->value()) : Value(Null{});
}

std::optional<UserId> user_of(std::optional<std::int64_t> value) {
    return value ? std::optional<UserId>(UserId(*value)) : std::nullopt;
}

}  // namespace

// --- Dunning levels --------------------------------------------------------------------------

core::Result<std::vector<DunningLevel>> select_levels(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT level, name, days_overdue, fee_minor, fee_currency, "
                            "interest_percent, letter_text FROM dunning_levels WHERE company_id "
                            "= $1 ORDER BY level",
                            params));
    std::vector<DunningLevel> levels;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Currency currency, currency_in("dunning_levels", row.text(4)));
        levels.push_back(DunningLevel{.level = row.i64(0),
                                      .name = row.text(1),
                                      .days_overdue = row.i64(2),
                                      .fee = core::Money{row.i64(3), currency},
                                      .interest_percent = row.text(5),
                                      .letter_text = row.text(6)});
    }
    return levels;
}

core::Result<std::optional<HoldSettings>> select_hold_settings(store::Txn& txn,
                                                               CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT hold_days_overdue, hold_level FROM dunning_settings "
                                     "WHERE company_id = $1",
                                     params));
    if (!row) {
        return std::optional<HoldSettings>();
    }
    return std::optional<HoldSettings>(HoldSettings{row->opt_i64(0), row->opt_i64(1)});
}

core::Result<void> replace_policy(store::Txn& txn,
                                  CompanyId company,
                                  const DunningPolicy& policy,
                                  core::Instant at) {
    const std::vector<Value> key{company.value()};
    BO_TRY(txn.execute("DELETE FROM dunning_levels WHERE company_id = $1", key));
    std::vector<std::vector<Value>> rows;
    for (const DunningLevel& level : policy.levels) {
        rows.push_back({company.value(), level.level, level.name, level.days_overdue,
                        level.fee.minor, std::string(level.fee.currency.code()),
                        level.interest_percent, level.letter_text});
    }
    BO_TRY(txn.execute_batch("INSERT INTO dunning_levels (company_id, level, name, days_overdue, "
                             "fee_minor, fee_currency, interest_percent, letter_text) VALUES ($1, "
                             "$2, $3, $4, $5, $6, $7, $8)",
                             rows));
    const std::vector<Value> params{company.value(), optional_value(policy.hold_days_overdue),
                                    optional_value(policy.hold_level), at.unix_micros()};
    BO_TRY(txn.execute("INSERT INTO dunning_settings (company_id, hold_days_overdue, hold_level, "
                       "updated_at_us) VALUES ($1, $2, $3, $4) ON CONFLICT (company_id) DO "
                       "UPDATE SET hold_days_overdue = $2, hold_level = $3, updated_at_us = $4",
                       params));
    return core::ok();
}

// --- Dunning runs ----------------------------------------------------------------------------

core::Result<std::map<DocumentId, InvoiceDunningRow>> select_invoice_dunning(store::Txn& txn,
                                                                             CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT invoice_id, level, dunned_on, interest_through FROM "
                            "invoice_dunning WHERE company_id = $1",
                            params));
    std::map<DocumentId, InvoiceDunningRow> found;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Date on, date_in("invoice_dunning", row.text(2)));
        InvoiceDunningRow state{.level = row.i64(1), .dunned_on = on, .interest_through = {}};
        if (const std::optional<std::string> through = row.opt_text(3)) {
            BO_TRY_ASSIGN(state.interest_through, date_in("invoice_dunning", *through));
        }
        found.emplace(DocumentId(row.i64(0)), state);
    }
    return found;
}

core::Result<bool> raise_invoice_dunning(store::Txn& txn,
                                         CompanyId company,
                                         DocumentId invoice,
                                         std::int64_t level,
                                         core::Date on,
                                         std::optional<core::Date> interest_through,
                                         DunningRunId run) {
    const std::vector<Value> params{
        company.value(), invoice.value(), level, on.to_string(),
        interest_through ? Value(interest_through->to_string()) : Value(Null{}), run.value()};
    BO_TRY_ASSIGN(
        const std::int64_t changed,
        txn.execute("INSERT INTO invoice_dunning (company_id, invoice_id, level, dunned_on, "
                    "interest_through, run_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT "
                    "(company_id, invoice_id) DO UPDATE SET level = $3, dunned_on = $4, "
                    "interest_through = COALESCE($5, invoice_dunning.interest_through), run_id = "
                    "$6 WHERE invoice_dunning.level < $3",
                    params));
    return changed > 0;
}

core::Result<std::vector<InvoiceDunning>> select_customer_dunning(store::Txn& txn,
                                                                  CompanyId company,
                                                                  sales::CustomerId customer) {
    const std::vector<Value> params{company.value(), customer.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT g.invoice_id, g.level, g.dunned_on FROM invoice_dunning g "
                            "JOIN receivable_documents d ON d.company_id = g.company_id AND d.id "
                            "= g.invoice_id WHERE g.company_id = $1 AND d.customer_id = $2 ORDER "
                            "BY g.invoice_id",
                            params));
    std::vector<InvoiceDunning> found;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Date on, date_in("invoice_dunning", row.text(2)));
        found.push_back({DocumentId(row.i64(0)), row.i64(1), on});
    }
    return found;
}

core::Result<DunningRunId> insert_run(store::Txn& txn, CompanyId company, const DunningRun& run) {
    const std::vector<Value> params{company.value(),
                                    run.as_of.to_string(),
                                    std::int64_t{run.dry_run ? 1 : 0},
                                    static_cast<std::int64_t>(run.letters.size()),
                                    run.created_by.value(),
                                    run.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO dunning_runs (company_id, as_of, dry_run, letters, "
                                "created_by, created_at_us) VALUES ($1, $2, $3, $4, $5, $6) "
                                "RETURNING id",
                                params));
    return DunningRunId(row.i64(0));
}

core::Result<void> insert_letter(store::Txn& txn,
                                 CompanyId company,
                                 DunningRunId run,
                                 const DunningLetter& letter) {
    const std::vector<Value> params{company.value(),
                                    run.value(),
                                    letter.customer.value(),
                                    letter.level,
                                    letter.level_name,
                                    letter.letter_text,
                                    std::string(letter.open.currency.code()),
                                    letter.open.minor,
                                    letter.fee.minor,
                                    letter.interest.minor};
    BO_TRY(txn.execute("INSERT INTO dunning_letters (company_id, run_id, customer_id, level, "
                       "level_name, letter_text, currency, open_minor, fee_minor, interest_minor) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                       params));
    std::vector<std::vector<Value>> rows;
    for (const DunningItem& item : letter.items) {
        rows.push_back({company.value(), run.value(), letter.customer.value(),
                        item.invoice.value(), item.level, item.days_overdue, item.open.minor,
                        item.interest.minor, item.interest_days});
    }
    return txn.execute_batch("INSERT INTO dunning_letter_items (company_id, run_id, customer_id, "
                             "invoice_id, level, days_overdue, open_minor, interest_minor, "
                             "interest_days) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                             rows);
}

core::Result<void> update_letter_outcome(store::Txn& txn,
                                         CompanyId company,
                                         DunningRunId run,
                                         const DunningLetter& letter) {
    const std::vector<Value> params{
        company.value(), run.value(), letter.customer.value(),
        optional_value(letter.charge_invoice ? std::optional(letter.charge_invoice->value())
                                             : std::nullopt),
        optional_value(letter.mail_id)};
    BO_TRY(txn.execute("UPDATE dunning_letters SET charge_invoice_id = $4, mail_id = $5 WHERE "
                       "company_id = $1 AND run_id = $2 AND customer_id = $3",
                       params));
    return core::ok();
}

core::Result<std::vector<DunningRun>> select_runs(store::Txn& txn,
                                                  CompanyId company,
                                                  DunningRunId after,
                                                  std::int64_t limit,
                                                  std::optional<DunningRunId> only) {
    const std::vector<Value> params{company.value(), after.value(), limit,
                                    only ? only->value() : std::int64_t{0}};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT id, as_of, dry_run, created_by, created_at_us FROM "
                            "dunning_runs WHERE company_id = $1 AND id > $2 AND ($4 = 0 OR id = "
                            "$4) ORDER BY id LIMIT $3",
                            params));
    std::vector<DunningRun> runs;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Date as_of, date_in("dunning_runs", row.text(1)));
        BO_TRY_ASSIGN(const core::Instant at, instant_in("dunning_runs", row.i64(4)));
        runs.push_back(DunningRun{.id = DunningRunId(row.i64(0)),
                                  .as_of = as_of,
                                  .dry_run = row.i64(2) == 1,
                                  .letters = {},
                                  .skipped = {},
                                  .created_by = UserId(row.i64(3)),
                                  .created_at = at});
    }
    return runs;
}

namespace {

core::Result<void> select_items(store::Txn& txn,
                                CompanyId company,
                                DunningRunId run,
                                DunningLetter& letter) {
    const std::vector<Value> params{company.value(), run.value(), letter.customer.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT i.invoice_id, d.number, d.due_date, i.level, i.days_overdue, "
                            "i.open_minor, i.interest_minor, i.interest_days FROM "
                            "dunning_letter_items i JOIN receivable_documents "
                            "d ON d.company_id = i.company_id AND d.id = i.invoice_id WHERE "
                            "i.company_id = $1 AND i.run_id = $2 AND i.customer_id = $3 ORDER BY "
                            "d.due_date, d.id",
                            params));
    const core::Currency currency = letter.open.currency;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Date due, date_in("receivable_documents", row.text(2)));
        letter.items.push_back(DunningItem{.invoice = DocumentId(row.i64(0)),
                                           .number = row.text(1),
                                           .due_date = due,
                                           .level = row.i64(3),
                                           .days_overdue = row.i64(4),
                                           .open = core::Money{row.i64(5), currency},
                                           .interest = core::Money{row.i64(6), currency},
                                           .interest_days = row.i64(7)});
    }
    return core::ok();
}

}  // namespace

core::Result<std::vector<DunningLetter>> select_letters(store::Txn& txn,
                                                        CompanyId company,
                                                        DunningRunId run,
                                                        std::optional<sales::CustomerId> customer) {
    const std::vector<Value> params{company.value(), run.value(),
                                    customer ? customer->value() : std::int64_t{0}};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT l.customer_id, c.number, c.name, l.level, l.level_name, "
                            "l.currency, l.open_minor, l.fee_minor, l.interest_minor, "
                            "l.charge_invoice_id, l.mail_id, l.letter_text FROM dunning_letters l "
                            "JOIN customers c ON c.company_id = l.company_id AND c.id = "
                            "l.customer_id WHERE l.company_id = $1 AND l.run_id = $2 AND ($3 = 0 "
                            "OR l.customer_id = $3) ORDER BY c.number",
                            params));
    std::vector<DunningLetter> letters;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Currency currency, currency_in("dunning_letters", row.text(5)));
        DunningLetter letter{.customer = sales::CustomerId(row.i64(0)),
                             .customer_number = row.text(1),
                             .customer_name = row.text(2),
                             .level = row.i64(3),
                             .level_name = row.text(4),
                             .letter_text = row.text(11),
                             .open = core::Money{row.i64(6), currency},
                             .fee = core::Money{row.i64(7), currency},
                             .interest = core::Money{row.i64(8), currency},
                             .charge_invoice = std::nullopt,
                             .mail_id = row.opt_i64(10),
                             .items = {}};
        if (const auto invoice = row.opt_i64(9)) {
            letter.charge_invoice = DocumentId(*invoice);
        }
        BO_TRY(select_items(txn, company, run, letter));
        letters.push_back(std::move(letter));
    }
    return letters;
}

// --- Collection cases ------------------------------------------------------------------------

namespace {

constexpr std::string_view case_columns =
    "SELECT k.id, k.customer_id, c.number, c.name, k.status, k.origin, k.disputed, "
    "k.dispute_reason, k.opened_on, k.assignee, k.opened_by, k.opened_at_us, k.closed_at_us, "
    "c.currency FROM collection_cases k JOIN customers c ON c.company_id = k.company_id AND c.id "
    "= k.customer_id ";

core::Result<std::vector<CollectionCase>> decode_cases(const store::Rows& rows) {
    std::vector<CollectionCase> cases;
    for (const store::Row& row : rows) {
        constexpr std::size_t opened_at_column = 11;
        constexpr std::size_t closed_at_column = 12;
        constexpr std::size_t currency_column = 13;
        BO_TRY_ASSIGN(const core::Date opened_on, date_in("collection_cases", row.text(8)));
        BO_TRY_ASSIGN(const core::Instant opened_at,
                      instant_in("collection_cases", row.i64(opened_at_column)));
        BO_TRY_ASSIGN(const core::Currency currency,
                      currency_in("customers", row.text(currency_column)));
        CollectionCase record{.id = CollectionCaseId(row.i64(0)),
                              .customer = sales::CustomerId(row.i64(1)),
                              .customer_number = row.text(2),
                              .customer_name = row.text(3),
                              .status = row.text(4) == "open" ? CaseStatus::open
                                                              : CaseStatus::closed,
                              .origin = row.text(5) == "manual" ? CaseOrigin::manual
                                                                : CaseOrigin::final_notice,
                              .disputed = row.i64(6) == 1,
                              .dispute_reason = row.text(7),
                              .opened_on = opened_on,
                              .assignee = user_of(row.opt_i64(9)),
                              .opened_by = UserId(row.i64(10)),
                              .opened_at = opened_at,
                              .closed_at = std::nullopt,
                              .open_balance = core::Money::zero(currency),
                              .notes = {},
                              .promises = {},
                              .tasks = {}};
        if (const auto closed = row.opt_i64(closed_at_column)) {
            BO_TRY_ASSIGN(record.closed_at, instant_in("collection_cases", *closed));
        }
        cases.push_back(std::move(record));
    }
    return cases;
}

core::Result<std::optional<CollectionCase>> first_case(store::Txn& txn,
                                                       std::string_view where,
                                                       const std::vector<Value>& params) {
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(std::string(case_columns) + std::string(where),
                                                    params));
    BO_TRY_ASSIGN(std::vector<CollectionCase> cases, decode_cases(rows));
    if (cases.empty()) {
        return std::optional<CollectionCase>();
    }
    return std::optional<CollectionCase>(std::move(cases.front()));
}

}  // namespace

core::Result<CollectionCaseId> insert_case(store::Txn& txn,
                                           CompanyId company,
                                           const CollectionCase& record) {
    const std::vector<Value> params{company.value(),
                                    record.customer.value(),
                                    std::string(to_string(record.origin)),
                                    record.opened_on.to_string(),
                                    optional_user(record.assignee),
                                    record.opened_by.value(),
                                    record.opened_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO collection_cases (company_id, customer_id, status, "
                                "origin, opened_on, assignee, opened_by, opened_at_us) VALUES ($1, "
                                "$2, 'open', $3, $4, $5, $6, $7) RETURNING id",
                                params));
    return CollectionCaseId(row.i64(0));
}

core::Result<void> update_case(store::Txn& txn, CompanyId company, const CollectionCase& record) {
    const std::vector<Value> params{
        company.value(),
        record.id.value(),
        std::string(to_string(record.status)),
        std::int64_t{record.disputed ? 1 : 0},
        record.dispute_reason,
        optional_user(record.assignee),
        optional_value(record.closed_at ? std::optional(record.closed_at->unix_micros())
                                        : std::nullopt)};
    BO_TRY(txn.execute("UPDATE collection_cases SET status = $3, disputed = $4, dispute_reason = "
                       "$5, assignee = $6, closed_at_us = $7 WHERE company_id = $1 AND id = $2",
                       params));
    return core::ok();
}

core::Result<std::optional<CollectionCase>> select_case(store::Txn& txn,
                                                        CompanyId company,
                                                        CollectionCaseId id) {
    return first_case(txn, "WHERE k.company_id = $1 AND k.id = $2", {company.value(), id.value()});
}

core::Result<std::optional<CollectionCase>> select_open_case(store::Txn& txn,
                                                             CompanyId company,
                                                             sales::CustomerId customer) {
    return first_case(txn, "WHERE k.company_id = $1 AND k.customer_id = $2 AND k.status = 'open'",
                      {company.value(), customer.value()});
}

core::Result<std::vector<CollectionCase>> select_cases(store::Txn& txn,
                                                       CompanyId company,
                                                       const CaseQuery& query) {
    const std::vector<Value> params{
        company.value(), query.after.value(), query.limit,
        query.status ? Value(std::string(to_string(*query.status))) : Value(std::string()),
        query.customer ? query.customer->value() : std::int64_t{0}};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query(std::string(case_columns)
                                + "WHERE k.company_id = $1 AND k.id > $2 AND ($4 = '' OR "
                                  "k.status = $4) AND ($5 = 0 OR k.customer_id = $5) ORDER BY "
                                  "k.id LIMIT $3",
                            params));
    return decode_cases(rows);
}

core::Result<CollectionNote> insert_note(store::Txn& txn,
                                         CompanyId company,
                                         CollectionCaseId id,
                                         const CollectionNote& note) {
    const std::vector<Value> params{company.value(), id.value(), note.text,
                                    note.created_by.value(), note.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO collection_notes (company_id, case_id, note_number, "
                                "text, created_by, created_at_us) VALUES ($1, $2, (SELECT "
                                "COALESCE(MAX(note_number), 0) + 1 FROM collection_notes WHERE "
                                "company_id = $1 AND case_id = $2), $3, $4, $5) RETURNING "
                                "note_number",
                                params));
    CollectionNote stored = note;
    stored.number = row.i64(0);
    return stored;
}

core::Result<std::vector<CollectionNote>> select_notes(store::Txn& txn,
                                                       CompanyId company,
                                                       CollectionCaseId id) {
    const std::vector<Value> params{company.value(), id.value(), case_entries_max};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT note_number, text, created_by, created_at_us FROM "
                            "collection_notes WHERE company_id = $1 AND case_id = $2 ORDER BY "
                            "note_number LIMIT $3",
                            params));
    std::vector<CollectionNote> notes;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Instant at, instant_in("collection_notes", row.i64(3)));
        notes.push_back({row.i64(0), row.text(1), UserId(row.i64(2)), at});
    }
    return notes;
}

core::Result<PromiseId> insert_promise(store::Txn& txn,
                                       CompanyId company,
                                       const Promise& promise) {
    const std::vector<Value> params{company.value(),
                                    promise.case_id.value(),
                                    promise.promised_date.to_string(),
                                    promise.amount.minor,
                                    std::string(promise.amount.currency.code()),
                                    promise.open_at_promise.minor,
                                    promise.created_by.value(),
                                    promise.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO promises_to_pay (company_id, case_id, "
                                "promised_date, amount_minor, currency, open_at_promise_minor, "
                                "created_by, created_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                                "$8) RETURNING id",
                                params));
    return PromiseId(row.i64(0));
}

core::Result<std::vector<Promise>> select_promises(store::Txn& txn,
                                                   CompanyId company,
                                                   CollectionCaseId id,
                                                   std::optional<sales::CustomerId> customer) {
    const std::vector<Value> params{company.value(), id.value(),
                                    customer ? customer->value() : std::int64_t{0},
                                    case_entries_max};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT p.id, p.case_id, p.promised_date, p.amount_minor, "
                            "p.currency, p.open_at_promise_minor, p.created_by, p.created_at_us "
                            "FROM promises_to_pay p JOIN collection_cases k ON k.company_id = "
                            "p.company_id AND k.id = p.case_id WHERE p.company_id = $1 AND (($2 "
                            "<> 0 AND p.case_id = $2) OR ($2 = 0 AND k.customer_id = $3 AND "
                            "k.status = 'open')) ORDER BY p.promised_date, p.id LIMIT $4",
                            params));
    std::vector<Promise> promises;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Date date, date_in("promises_to_pay", row.text(2)));
        BO_TRY_ASSIGN(const core::Currency currency, currency_in("promises_to_pay", row.text(4)));
        BO_TRY_ASSIGN(const core::Instant at, instant_in("promises_to_pay", row.i64(7)));
        promises.push_back(Promise{.id = PromiseId(row.i64(0)),
                                   .case_id = CollectionCaseId(row.i64(1)),
                                   .promised_date = date,
                                   .amount = core::Money{row.i64(3), currency},
                                   .open_at_promise = core::Money{row.i64(5), currency},
                                   .status = PromiseStatus::pending,
                                   .created_by = UserId(row.i64(6)),
                                   .created_at = at});
    }
    return promises;
}

namespace {

constexpr std::string_view task_columns =
    "SELECT t.id, t.case_id, k.customer_id, c.number, t.title, t.due_date, t.assignee, t.done, "
    "t.done_by, t.done_at_us, t.created_by, t.created_at_us FROM collection_tasks t JOIN "
    "collection_cases k ON k.company_id = t.company_id AND k.id = t.case_id JOIN customers c ON "
    "c.company_id = k.company_id AND c.id = k.customer_id ";

core::Result<std::vector<CollectionTask>> decode_tasks(const store::Rows& rows) {
    std::vector<CollectionTask> tasks;
    for (const store::Row& row : rows) {
        constexpr std::size_t done_at_column = 9;
        constexpr std::size_t created_by_column = 10;
        constexpr std::size_t created_at_column = 11;
        BO_TRY_ASSIGN(const core::Date due, date_in("collection_tasks", row.text(5)));
        BO_TRY_ASSIGN(const core::Instant at,
                      instant_in("collection_tasks", row.i64(created_at_column)));
        CollectionTask task{.id = CollectionTaskId(row.i64(0)),
                            .case_id = CollectionCaseId(row.i64(1)),
                            .customer = sales::CustomerId(row.i64(2)),
                            .customer_number = row.text(3),
                            .title = row.text(4),
                            .due_date = due,
                            .assignee = user_of(row.opt_i64(6)),
                            .done = row.i64(7) == 1,
                            .done_by = user_of(row.opt_i64(8)),
                            .done_at = std::nullopt,
                            .created_by = UserId(row.i64(created_by_column)),
                            .created_at = at};
        if (const auto done_at = row.opt_i64(done_at_column)) {
            BO_TRY_ASSIGN(task.done_at, instant_in("collection_tasks", *done_at));
        }
        tasks.push_back(std::move(task));
    }
    return tasks;
}

}  // namespace

core::Result<CollectionTaskId> insert_task(store::Txn& txn,
                                           CompanyId company,
                                           const CollectionTask& task) {
    const std::vector<Value> params{company.value(),
                                    task.case_id.value(),
                                    task.title,
                                    task.due_date.to_string(),
                                    optional_user(task.assignee),
                                    task.created_by.value(),
                                    task.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO collection_tasks (company_id, case_id, title, "
                                "due_date, assignee, created_by, created_at_us) VALUES ($1, $2, "
                                "$3, $4, $5, $6, $7) RETURNING id",
                                params));
    return CollectionTaskId(row.i64(0));
}

core::Result<void> update_task_done(store::Txn& txn,
                                    CompanyId company,
                                    const CollectionTask& task) {
    const std::vector<Value> params{
        company.value(), task.id.value(), std::int64_t{task.done ? 1 : 0},
        optional_user(task.done_by),
        optional_value(task.done_at ? std::optional(task.done_at->unix_micros()) : std::nullopt)};
    BO_TRY(txn.execute("UPDATE collection_tasks SET done = $3, done_by = $4, done_at_us = $5 "
                       "WHERE company_id = $1 AND id = $2",
                       params));
    return core::ok();
}

core::Result<std::optional<CollectionTask>> select_task(store::Txn& txn,
                                                        CompanyId company,
                                                        CollectionTaskId id) {
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query(std::string(task_columns) + "WHERE t.company_id = $1 AND t.id = $2",
                            params));
    BO_TRY_ASSIGN(std::vector<CollectionTask> tasks, decode_tasks(rows));
    if (tasks.empty()) {
        return std::optional<CollectionTask>();
    }
    return std::optional<CollectionTask>(std::move(tasks.front()));
}

core::Result<std::vector<CollectionTask>> select_tasks(store::Txn& txn,
                                                       CompanyId company,
                                                       const TaskQuery& query,
                                                       std::optional<CollectionCaseId> of_case) {
    const std::vector<Value> params{
        company.value(),
        of_case ? of_case->value() : std::int64_t{0},
        query.assignee ? query.assignee->value() : std::int64_t{0},
        query.due_before ? Value(query.due_before->to_string()) : Value(std::string()),
        std::int64_t{query.include_done ? 1 : 0},
        of_case ? case_entries_max : query.limit};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query(std::string(task_columns)
                                + "WHERE t.company_id = $1 AND ($2 = 0 OR t.case_id = $2) AND ($3 "
                                  "= 0 OR t.assignee = $3) AND ($4 = '' OR t.due_date < $4) AND "
                                  "($5 = 1 OR t.done = 0) ORDER BY t.due_date, t.id LIMIT $6",
                            params));
    return decode_tasks(rows);
}

// --- Statement of account --------------------------------------------------------------------

core::Result<std::int64_t> select_balance_before(store::Txn& txn,
                                                 CompanyId company,
                                                 sales::CustomerId customer,
                                                 core::Date before) {
    const std::vector<Value> params{company.value(), customer.value(), before.to_string()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("SELECT COALESCE(SUM(CASE WHEN kind = 'invoice' THEN total_minor "
                                "ELSE -total_minor END), 0) FROM receivable_documents WHERE "
                                "company_id = $1 AND customer_id = $2 AND status = 'issued' AND "
                                "document_date < $3",
                                params));
    return row.i64(0);
}

namespace {

// Every movement of cash application on the customer's account ($1 company, $2 customer).
constexpr std::string_view payment_movements =
    "WITH m AS (SELECT receipt_date AS day, 'receipt' AS kind, id AS receipt, method || ' ' || "
    "reference AS detail, -amount_minor AS amount FROM customer_receipts WHERE company_id = $1 "
    "AND customer_id = $2 UNION ALL SELECT void_date, 'receipt_void', id, void_reason, "
    "amount_minor FROM customer_receipts WHERE company_id = $1 AND customer_id = $2 AND status "
    "= 'voided' UNION ALL SELECT f.refund_date, 'refund', f.receipt_id, f.reference, "
    "f.amount_minor FROM receipt_refunds f JOIN customer_receipts r ON r.company_id = "
    "f.company_id AND r.id = f.receipt_id WHERE f.company_id = $1 AND r.customer_id = $2 UNION "
    "ALL SELECT a.applied_date, 'allowance', a.receipt_id, d.number, -(a.discount_minor + "
    "a.write_off_minor) FROM receipt_allocations a JOIN customer_receipts r ON r.company_id = "
    "a.company_id AND r.id = a.receipt_id JOIN receivable_documents d ON d.company_id = "
    "a.company_id AND d.id = a.invoice_id WHERE a.company_id = $1 AND r.customer_id = $2 AND "
    "a.discount_minor + a.write_off_minor > 0 UNION ALL SELECT COALESCE(a.unapplied_date, "
    "a.voided_date), 'allowance_reversed', a.receipt_id, d.number, a.discount_minor + "
    "a.write_off_minor FROM receipt_allocations a JOIN customer_receipts r ON r.company_id = "
    "a.company_id AND r.id = a.receipt_id JOIN receivable_documents d ON d.company_id = "
    "a.company_id AND d.id = a.invoice_id WHERE a.company_id = $1 AND r.customer_id = $2 AND "
    "a.discount_minor + a.write_off_minor > 0 AND (a.unapplied_date IS NOT NULL OR "
    "a.voided_date IS NOT NULL)) ";

}  // namespace

core::Result<std::vector<PaymentMovement>> select_payment_movements(store::Txn& txn,
                                                                    CompanyId company,
                                                                    sales::CustomerId customer,
                                                                    core::Date from,
                                                                    core::Date to) {
    static const std::string sql = std::string(payment_movements)
                                   + "SELECT day, kind, receipt, detail, amount FROM m WHERE day "
                                     ">= $3 AND day < $4 ORDER BY day, receipt, CASE kind WHEN "
                                     "'receipt' THEN 0 WHEN 'allowance' THEN 1 WHEN "
                                     "'allowance_reversed' THEN 2 WHEN 'refund' THEN 3 ELSE 4 END";
    const std::vector<Value> params{company.value(), customer.value(), from.to_string(),
                                    to.to_string()};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<PaymentMovement> movements;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Date day, date_in("customer_receipts", row.text(0)));
        movements.push_back({day, row.text(1), row.i64(2), row.text(3), row.i64(4)});
    }
    return movements;
}

core::Result<std::int64_t> select_payments_before(store::Txn& txn,
                                                  CompanyId company,
                                                  sales::CustomerId customer,
                                                  core::Date before) {
    static const std::string sql =
        std::string(payment_movements) + "SELECT COALESCE(SUM(amount), 0) FROM m WHERE day < $3";
    const std::vector<Value> params{company.value(), customer.value(), before.to_string()};
    BO_TRY_ASSIGN(const store::Row row, txn.query_one(sql, params));
    return row.i64(0);
}

}  // namespace bo::modules::receivables::collections_queries
