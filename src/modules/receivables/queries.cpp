#include "modules/receivables/queries.hpp"

#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::receivables::queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Value;

constexpr std::string_view table = "receivable_documents";

// What issued credit notes and write-offs took off invoice d (on or before a date when the
// caller adds it).
constexpr std::string_view credited_sql =
    "COALESCE((SELECT SUM(x.total_minor) FROM receivable_documents x WHERE x.company_id = "
    "d.company_id AND x.credited_invoice_id = d.id AND x.status = 'issued'), 0)";

// What the receipts' allocations in force settled on invoice d (payments.hpp): cash,
// early-payment discounts and differences written off.
constexpr std::string_view paid_sql =
    "COALESCE((SELECT SUM(a.amount_minor + a.discount_minor + a.write_off_minor) FROM "
    "receipt_allocations a WHERE a.company_id = d.company_id AND a.invoice_id = d.id AND "
    "a.unapplied_date IS NULL AND a.voided_date IS NULL), 0)";

constexpr std::string_view document_columns =
    "d.id, d.company_id, d.kind, d.status, COALESCE(d.number, ''), d.customer_id, c.number, "
    "c.name, d.currency, d.prices, d.document_date, d.due_date, d.payment_terms_days, "
    "d.early_discount_percent, d.early_discount_days, d.credited_invoice_id, "
    "COALESCE(i.number, ''), d.reason, d.customer_reference, d.net_minor, d.tax_minor, "
    "d.total_minor, d.functional_total_minor, d.entry_id, d.billing_run_id, d.created_by, "
    "d.created_at_us, d.updated_at_us, d.issued_by, d.issued_at_us, ";

constexpr std::string_view document_from =
    " FROM receivable_documents d JOIN customers c ON c.company_id = d.company_id AND c.id = "
    "d.customer_id LEFT JOIN receivable_documents i ON i.company_id = d.company_id AND i.id = "
    "d.credited_invoice_id ";

const std::string& document_select() {
    static const std::string sql =
        "SELECT " + std::string(document_columns) + std::string(credited_sql) + ", "
        + std::string(paid_sql) + std::string(document_from);
    return sql;
}

enum Column : std::size_t {
    id_column,
    company_column,
    kind_column,
    status_column,
    number_column,
    customer_column,
    customer_number_column,
    customer_name_column,
    currency_column,
    prices_column,
    date_column,
    due_column,
    terms_column,
    early_percent_column,
    early_days_column,
    credited_invoice_column,
    credited_number_column,
    reason_column,
    reference_column,
    net_column,
    tax_column,
    total_column,
    functional_column,
    entry_column,
    run_column,
    created_by_column,
    created_at_column,
    updated_at_column,
    issued_by_column,
    issued_at_column,
    credited_column,
    paid_column
};

core::Result<core::Date> date_of(const store::Row& row, std::size_t column) {
    core::Result<core::Date> date = core::Date::parse(row.text(column));
    if (!date) {
        return corrupt_row(table, "date " + row.text(column));
    }
    return date;
}

core::Result<core::Instant> instant_of(std::int64_t micros) {
    core::Result<core::Instant> at = core::Instant::from_unix_micros(micros);
    if (!at) {
        return corrupt_row(table, "timestamp out of range");
    }
    return at;
}

core::Result<void> decode_header_dates(const store::Row& row, Document& document) {
    BO_TRY_ASSIGN(document.due_date, date_of(row, due_column));
    BO_TRY_ASSIGN(document.created_at, instant_of(row.i64(created_at_column)));
    BO_TRY_ASSIGN(document.updated_at, instant_of(row.i64(updated_at_column)));
    if (const auto issued_at = row.opt_i64(issued_at_column)) {
        BO_TRY_ASSIGN(const core::Instant at, instant_of(*issued_at));
        document.issued_at = at;
    }
    return core::ok();
}

core::Result<Document> decode_document(const store::Row& row) {
    core::Result<core::Currency> currency = core::Currency::create(row.text(currency_column));
    core::Result<DocumentKind> kind = parse_document_kind(row.text(kind_column), "kind");
    core::Result<DocumentStatus> status = parse_document_status(row.text(status_column), "status");
    if (!currency || !kind || !status) {
        return corrupt_row(table, "currency, kind or status");
    }
    BO_TRY_ASSIGN(const core::Date date, date_of(row, date_column));
    Document document(*currency, date);
    document.id = DocumentId(row.i64(id_column));
    document.company_id = CompanyId(row.i64(company_column));
    document.kind = *kind;
    document.status = *status;
    document.number = row.text(number_column);
    document.customer = sales::CustomerId(row.i64(customer_column));
    document.customer_number = row.text(customer_number_column);
    document.customer_name = row.text(customer_name_column);
    document.currency = *currency;
    document.prices = row.text(prices_column) == "inclusive" ? sales::TaxInclusion::inclusive
                                                             : sales::TaxInclusion::exclusive;
    BO_TRY(decode_header_dates(row, document));
    document.payment_terms_days = row.i64(terms_column);
    document.early_discount_percent = row.text(early_percent_column);
    document.early_discount_days = row.i64(early_days_column);
    if (const auto invoice = row.opt_i64(credited_invoice_column)) {
        document.credited_invoice = DocumentId(*invoice);
    }
    document.credited_number = row.text(credited_number_column);
    document.reason = row.text(reason_column);
    document.customer_reference = row.text(reference_column);
    document.net = core::Money{row.i64(net_column), *currency};
    document.tax = core::Money{row.i64(tax_column), *currency};
    document.total = core::Money{row.i64(total_column), *currency};
    document.functional_total_minor = row.i64(functional_column);
    document.entry_id = row.opt_i64(entry_column);
    if (const auto run = row.opt_i64(run_column)) {
        document.billing_run = BillingRunId(*run);
    }
    document.created_by = platform::auth::UserId(row.i64(created_by_column));
    if (const auto user = row.opt_i64(issued_by_column)) {
        document.issued_by = platform::auth::UserId(*user);
    }
    const bool invoice = document.kind == DocumentKind::invoice;
    document.credited = core::Money{invoice ? row.i64(credited_column) : 0, *currency};
    document.paid = core::Money{invoice ? row.i64(paid_column) : 0, *currency};
    document.open = core::Money{
        invoice && document.status == DocumentStatus::issued
            ? document.total.minor - document.credited.minor - document.paid.minor
            : 0,
        *currency};
    return document;
}

core::Result<std::vector<Document>> decode_documents(const store::Rows& rows) {
    std::vector<Document> documents;
    documents.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Document document, decode_document(row));
        documents.push_back(std::move(document));
    }
    return documents;
}

Value optional_value(std::optional<std::int64_t> value) {
    return value ? Value(*value) : Value(store::Null{});
}

constexpr std::string_view line_columns =
    "line_number, item_id, description, unit, quantity_milli, unit_price_minor, "
    "discount_percent, tax_rate_id, tax_percent, tax_account, revenue_account, net_minor, "
    "tax_minor, credited_line_number, shipment_id, shipment_line_number";

core::Result<std::vector<DocumentLine>> select_lines(store::Txn& txn,
                                                     CompanyId company,
                                                     DocumentId id,
                                                     core::Currency currency) {
    static const std::string sql =
        "SELECT " + std::string(line_columns)
        + ", COALESCE((SELECT sku FROM items WHERE items.company_id = l.company_id AND items.id = "
          "l.item_id), '') FROM receivable_document_lines l WHERE company_id = $1 AND "
          "document_id = $2 ORDER BY line_number";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<DocumentLine> lines;
    lines.reserve(rows.size());
    for (const store::Row& row : rows) {
        constexpr std::size_t sku_column = 16;
        lines.push_back(DocumentLine{.line_number = row.i64(0),
                                     .item_id = row.opt_i64(1),
                                     .sku = row.text(sku_column),
                                     .description = row.text(2),
                                     .unit = row.text(3),
                                     .quantity_milli = row.i64(4),
                                     .unit_price = core::Money{row.i64(5), currency},
                                     .discount_percent = row.text(6),
                                     .tax_rate_id = row.opt_i64(7),
                                     .tax_percent = row.text(8),
                                     .tax_account = row.text(9),
                                     .revenue_account = row.text(10),
                                     .net = core::Money{row.i64(11), currency},
                                     .tax = core::Money{row.i64(12), currency},
                                     .credited_line_number = row.opt_i64(13),
                                     .shipment_id = row.opt_i64(14),
                                     .shipment_line_number = row.opt_i64(15)});
    }
    return lines;
}

core::Result<void> insert_lines(store::Txn& txn, const Document& document) {
    if (document.lines.empty()) {
        return core::ok();
    }
    std::vector<std::vector<Value>> rows;
    rows.reserve(document.lines.size());
    for (const DocumentLine& line : document.lines) {
        rows.push_back({document.company_id.value(),
                        document.id.value(),
                        line.line_number,
                        optional_value(line.item_id),
                        line.description,
                        line.unit,
                        line.quantity_milli,
                        line.unit_price.minor,
                        line.discount_percent,
                        optional_value(line.tax_rate_id),
                        line.tax_percent,
                        line.tax_account,
                        line.revenue_account,
                        line.net.minor,
                        line.tax.minor,
                        optional_value(line.credited_line_number),
                        optional_value(line.shipment_id),
                        optional_value(line.shipment_line_number)});
    }
    return txn.execute_batch(
        "INSERT INTO receivable_document_lines (company_id, document_id, " + std::string(line_columns)
            + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
              "$17, $18)",
        rows);
}

Value optional_user(const std::optional<platform::auth::UserId>& user) {
    return user ? Value(user->value()) : Value(store::Null{});
}

}  // namespace

core::Result<std::int64_t> next_number(store::Txn& txn,
                                       CompanyId company,
                                       std::string_view series,
                                       std::int64_t year) {
    const std::vector<Value> params{company.value(), std::string(series), year};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO receivable_counters (company_id, series, year, "
                                "last_number) VALUES ($1, $2, $3, 1) ON CONFLICT (company_id, "
                                "series, year) DO UPDATE SET last_number = "
                                "receivable_counters.last_number + 1 RETURNING last_number",
                                params));
    return row.i64(0);
}

core::Result<DocumentId> insert_document(store::Txn& txn, const Document& document) {
    const std::vector<Value> params{
        document.company_id.value(),
        std::string(to_string(document.kind)),
        std::string(to_string(document.status)),
        document.customer.value(),
        std::string(document.currency.code()),
        std::string(document.prices == sales::TaxInclusion::inclusive ? "inclusive" : "exclusive"),
        document.document_date.to_string(),
        document.due_date.to_string(),
        document.payment_terms_days,
        document.early_discount_percent,
        document.early_discount_days,
        optional_value(document.credited_invoice
                           ? std::optional(document.credited_invoice->value())
                           : std::nullopt),
        document.reason,
        document.customer_reference,
        document.net.minor,
        document.tax.minor,
        document.total.minor,
        optional_value(document.billing_run ? std::optional(document.billing_run->value())
                                            : std::nullopt),
        document.created_by.value(),
        document.created_at.unix_micros(),
        document.updated_at.unix_micros()};
    BO_TRY_ASSIGN(
        const store::Row row,
        txn.query_one(
            "INSERT INTO receivable_documents (company_id, kind, status, customer_id, currency, "
            "prices, document_date, due_date, payment_terms_days, early_discount_percent, "
            "early_discount_days, credited_invoice_id, reason, customer_reference, net_minor, "
            "tax_minor, total_minor, billing_run_id, created_by, created_at_us, updated_at_us) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
            "$18, $19, $20, $21) RETURNING id",
            params));
    Document stored = document;
    stored.id = DocumentId(row.i64(0));
    BO_TRY(insert_lines(txn, stored));
    return stored.id;
}

core::Result<void> update_document(store::Txn& txn, const Document& document) {
    const std::vector<Value> params{
        document.company_id.value(),
        document.id.value(),
        std::string(to_string(document.status)),
        document.number.empty() ? Value(store::Null{}) : Value(document.number),
        std::string(document.prices == sales::TaxInclusion::inclusive ? "inclusive" : "exclusive"),
        document.document_date.to_string(),
        document.due_date.to_string(),
        document.payment_terms_days,
        document.early_discount_percent,
        document.early_discount_days,
        document.reason,
        document.customer_reference,
        document.net.minor,
        document.tax.minor,
        document.total.minor,
        document.functional_total_minor,
        optional_value(document.entry_id),
        document.updated_at.unix_micros(),
        optional_user(document.issued_by),
        optional_value(document.issued_at ? std::optional(document.issued_at->unix_micros())
                                          : std::nullopt)};
    BO_TRY(txn.execute(
        "UPDATE receivable_documents SET status = $3, number = $4, prices = $5, document_date = "
        "$6, due_date = $7, payment_terms_days = $8, early_discount_percent = $9, "
        "early_discount_days = $10, reason = $11, customer_reference = $12, net_minor = $13, "
        "tax_minor = $14, total_minor = $15, functional_total_minor = $16, entry_id = $17, "
        "updated_at_us = $18, issued_by = $19, issued_at_us = $20 WHERE company_id = $1 AND id = "
        "$2",
        params));
    const std::vector<Value> key{document.company_id.value(), document.id.value()};
    BO_TRY(txn.execute(
        "DELETE FROM receivable_document_lines WHERE company_id = $1 AND document_id = $2", key));
    return insert_lines(txn, document);
}

core::Result<void> delete_document(store::Txn& txn, CompanyId company, DocumentId id) {
    const std::vector<Value> key{company.value(), id.value()};
    BO_TRY(txn.execute(
        "DELETE FROM receivable_document_lines WHERE company_id = $1 AND document_id = $2", key));
    BO_TRY(txn.execute("DELETE FROM receivable_documents WHERE company_id = $1 AND id = $2 AND "
                       "status = 'draft'",
                       key));
    return core::ok();
}

core::Result<bool> lock_document(store::Txn& txn, CompanyId company, DocumentId id) {
    const std::vector<Value> key{company.value(), id.value()};
    static const store::LockingSelect sql(
        "SELECT id FROM receivable_documents WHERE company_id = $1 AND id = $2");
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql.sql(txn.backend()), key));
    return !rows.empty();
}

core::Result<std::optional<Document>> select_document(store::Txn& txn,
                                                      CompanyId company,
                                                      DocumentId id) {
    static const std::string sql = document_select() + "WHERE d.company_id = $1 AND d.id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Document>();
    }
    BO_TRY_ASSIGN(Document document, decode_document(*row));
    BO_TRY_ASSIGN(document.lines, select_lines(txn, company, id, document.currency));
    return std::optional<Document>(std::move(document));
}

core::Result<std::vector<Document>> select_documents(store::Txn& txn,
                                                     CompanyId company,
                                                     const DocumentQuery& query) {
    // Fixed condition texts, each with the next parameter number: nothing from the request is
    // spliced into the SQL.
    std::string sql = document_select() + "WHERE d.company_id = $1 AND d.id > $2";
    std::vector<Value> params{company.value(), query.after.value()};
    const auto placeholder = [&](std::string_view condition) {
        sql += " AND " + std::string(condition) + std::to_string(params.size());
    };
    const auto add_text = [&](std::string_view condition, std::string value) {
        params.emplace_back(std::move(value));
        placeholder(condition);
    };
    if (query.kind) {
        add_text("d.kind = $", std::string(to_string(*query.kind)));
    }
    if (query.status) {
        add_text("d.status = $", std::string(to_string(*query.status)));
    }
    if (query.customer) {
        params.emplace_back(query.customer->value());
        placeholder("d.customer_id = $");
    }
    if (query.from) {
        add_text("d.document_date >= $", query.from->to_string());
    }
    if (query.to) {
        add_text("d.document_date < $", query.to->to_string());
    }
    if (query.overdue_only) {
        sql += " AND d.kind = 'invoice' AND d.status = 'issued' AND d.total_minor > "
               + std::string(credited_sql) + " + " + std::string(paid_sql);
        add_text("d.due_date < $", query.today.to_string());
    }
    params.emplace_back(std::int64_t{query.limit});
    sql += " ORDER BY d.id LIMIT $" + std::to_string(params.size());
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    return decode_documents(rows);
}

core::Result<std::vector<Document>> select_customer_documents(store::Txn& txn,
                                                              CompanyId company,
                                                              sales::CustomerId customer,
                                                              std::int64_t limit) {
    static const std::string sql =
        document_select()
        + "WHERE d.company_id = $1 AND d.customer_id = $2 AND d.status = 'issued' ORDER BY "
          "d.document_date, d.id LIMIT $3";
    const std::vector<Value> params{company.value(), customer.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    return decode_documents(rows);
}

core::Result<std::map<std::int64_t, CreditedAmounts>> select_credited_lines(store::Txn& txn,
                                                                            CompanyId company,
                                                                            DocumentId invoice) {
    const std::vector<Value> params{company.value(), invoice.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT l.credited_line_number, SUM(l.net_minor), SUM(l.tax_minor) "
                            "FROM receivable_document_lines l JOIN receivable_documents d ON "
                            "d.company_id = l.company_id AND d.id = l.document_id WHERE "
                            "d.company_id = $1 AND d.credited_invoice_id = $2 AND d.status = "
                            "'issued' AND l.credited_line_number IS NOT NULL GROUP BY "
                            "l.credited_line_number",
                            params));
    std::map<std::int64_t, CreditedAmounts> credited;
    for (const store::Row& row : rows) {
        credited[row.i64(0)] = CreditedAmounts{row.i64(1), row.i64(2)};
    }
    return credited;
}

core::Result<std::vector<OpenInvoiceRow>> select_open_invoices(
    store::Txn& txn,
    CompanyId company,
    core::Date as_of,
    std::optional<sales::CustomerId> customer) {
    // Per invoice issued by as_of: the credits issued by then, and what receipts' allocations
    // settled on as_of and put on 1200 by then (functional): an allocation counts from its
    // date until it is un-applied or its receipt voided; in functional terms, what applied it
    // less what un-applied it, and nothing once both were reversed by a void. Correlated
    // subqueries, each an index lookup by invoice (receivable_documents_by_invoice,
    // receipt_allocations_by_invoice): grouped derived tables joined to the invoices were
    // re-aggregated per invoice by PostgreSQL plans made without statistics (quadratic).
    static const std::string sql =
        "SELECT t.id, t.number, t.customer_id, t.customer_number, t.customer_name, t.currency, "
        "t.due_date, t.total_minor, t.functional_total_minor, t.credited + t.settled, "
        "t.credited_functional + t.settled_functional FROM (SELECT d.id, d.number, "
        "d.customer_id, c.number AS customer_number, c.name AS customer_name, d.currency, "
        "d.due_date, d.total_minor, d.functional_total_minor, COALESCE((SELECT "
        "SUM(x.total_minor) FROM receivable_documents x WHERE x.company_id = d.company_id AND "
        "x.credited_invoice_id = d.id AND x.status = 'issued' AND x.document_date <= $2), 0) AS "
        "credited, COALESCE((SELECT SUM(x.functional_total_minor) FROM receivable_documents x "
        "WHERE x.company_id = d.company_id AND x.credited_invoice_id = d.id AND x.status = "
        "'issued' AND x.document_date <= $2), 0) AS credited_functional, COALESCE((SELECT "
        "SUM(CASE WHEN (a.unapplied_date IS NULL OR a.unapplied_date > $2) AND (a.voided_date IS "
        "NULL OR a.voided_date > $2) THEN a.amount_minor + a.discount_minor + a.write_off_minor "
        "ELSE 0 END) FROM receipt_allocations a WHERE a.company_id = d.company_id AND "
        "a.invoice_id = d.id AND a.applied_date <= $2), 0) AS settled, COALESCE((SELECT SUM(CASE "
        "WHEN a.voided_date IS NOT NULL AND a.voided_date <= $2 THEN 0 WHEN a.unapplied_date IS "
        "NOT NULL AND a.unapplied_date <= $2 THEN a.functional_minor - "
        "a.unapply_functional_minor ELSE a.functional_minor END) FROM receipt_allocations a "
        "WHERE a.company_id = d.company_id AND a.invoice_id = d.id AND a.applied_date <= $2), 0) "
        "AS settled_functional FROM receivable_documents d JOIN customers c ON c.company_id = "
        "d.company_id AND c.id = d.customer_id WHERE d.company_id = $1 AND d.kind = 'invoice' "
        "AND d.status = 'issued' AND d.document_date <= $2 AND ($3 = 0 OR d.customer_id = $3)) t "
        "WHERE t.total_minor <> t.credited + t.settled OR t.functional_total_minor <> "
        "t.credited_functional + t.settled_functional ORDER BY t.customer_number, t.due_date, "
        "t.id";
    const std::vector<Value> params{
        company.value(), as_of.to_string(), customer ? customer->value() : std::int64_t{0}};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<OpenInvoiceRow> invoices;
    invoices.reserve(rows.size());
    for (const store::Row& row : rows) {
        constexpr std::size_t due_column_index = 6;
        BO_TRY_ASSIGN(const core::Date due, date_of(row, due_column_index));
        invoices.push_back(OpenInvoiceRow{.id = DocumentId(row.i64(0)),
                                          .number = row.text(1),
                                          .customer = sales::CustomerId(row.i64(2)),
                                          .customer_number = row.text(3),
                                          .customer_name = row.text(4),
                                          .currency = row.text(5),
                                          .due_date = due,
                                          .total_minor = row.i64(7),
                                          .functional_minor = row.i64(8),
                                          .credited_minor = row.i64(9),
                                          .credited_functional_minor = row.i64(10)});
    }
    return invoices;
}

core::Result<std::optional<BillingMode>> select_billing_mode(store::Txn& txn,
                                                             CompanyId company,
                                                             sales::CustomerId customer) {
    const std::vector<Value> params{company.value(), customer.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT billing_mode FROM customer_billing_settings WHERE "
                                     "company_id = $1 AND customer_id = $2",
                                     params));
    if (!row) {
        return std::optional<BillingMode>();
    }
    core::Result<BillingMode> mode = parse_billing_mode(row->text(0), "billing_mode");
    if (!mode) {
        return corrupt_row("customer_billing_settings", row->text(0));
    }
    return std::optional<BillingMode>(*mode);
}

core::Result<void> upsert_billing_mode(store::Txn& txn,
                                       CompanyId company,
                                       sales::CustomerId customer,
                                       BillingMode mode,
                                       core::Instant at) {
    const std::vector<Value> params{
        company.value(), customer.value(), std::string(to_string(mode)), at.unix_micros()};
    BO_TRY(txn.execute("INSERT INTO customer_billing_settings (company_id, customer_id, "
                       "billing_mode, updated_at_us) VALUES ($1, $2, $3, $4) ON CONFLICT "
                       "(company_id, customer_id) DO UPDATE SET billing_mode = $3, "
                       "updated_at_us = $4",
                       params));
    return core::ok();
}

core::Result<BillingRunId> insert_billing_run(store::Txn& txn,
                                              CompanyId company,
                                              const BillingRun& run) {
    const std::vector<Value> params{company.value(),
                                    run.as_of.to_string(),
                                    run.invoices,
                                    run.lines,
                                    run.created_by.value(),
                                    run.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO billing_runs (company_id, as_of, invoices, lines, "
                                "created_by, created_at_us) VALUES ($1, $2, $3, $4, $5, $6) "
                                "RETURNING id",
                                params));
    return BillingRunId(row.i64(0));
}

namespace {

core::Result<std::vector<BillingRun>> decode_runs(store::Txn& txn,
                                                  CompanyId company,
                                                  const store::Rows& rows) {
    std::vector<BillingRun> runs;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Date as_of, date_of(row, 1));
        BO_TRY_ASSIGN(const core::Instant at, instant_of(row.i64(5)));
        BillingRun run{.id = BillingRunId(row.i64(0)),
                       .as_of = as_of,
                       .invoices = row.i64(2),
                       .lines = row.i64(3),
                       .documents = {},
                       .created_by = platform::auth::UserId(row.i64(4)),
                       .created_at = at};
        const std::vector<Value> params{company.value(), run.id.value()};
        BO_TRY_ASSIGN(const store::Rows documents,
                      txn.query("SELECT id FROM receivable_documents WHERE company_id = $1 AND "
                                "billing_run_id = $2 ORDER BY id",
                                params));
        for (const store::Row& document : documents) {
            run.documents.push_back(DocumentId(document.i64(0)));
        }
        runs.push_back(std::move(run));
    }
    return runs;
}

}  // namespace

core::Result<std::optional<BillingRun>> select_billing_run(store::Txn& txn,
                                                          CompanyId company,
                                                          BillingRunId id) {
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT id, as_of, invoices, lines, created_by, created_at_us FROM "
                            "billing_runs WHERE company_id = $1 AND id = $2",
                            params));
    BO_TRY_ASSIGN(std::vector<BillingRun> runs, decode_runs(txn, company, rows));
    if (runs.empty()) {
        return std::optional<BillingRun>();
    }
    return std::optional<BillingRun>(std::move(runs.front()));
}

core::Result<std::vector<BillingRun>> select_billing_runs(store::Txn& txn,
                                                         CompanyId company,
                                                         BillingRunId after,
                                                         std::int64_t limit) {
    const std::vector<Value> params{company.value(), after.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT id, as_of, invoices, lines, created_by, created_at_us FROM "
                            "billing_runs WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                            params));
    return decode_runs(txn, company, rows);
}

}  // namespace bo::modules::receivables::queries
