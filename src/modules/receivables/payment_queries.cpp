#include "modules/receivables/payment_queries.hpp"

#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::receivables::payment_queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Value;

constexpr std::string_view receipts_table = "customer_receipts";

// The cash of receipt r's allocations in force, and what was refunded of it.
constexpr std::string_view applied_sql =
    "COALESCE((SELECT SUM(a.amount_minor) FROM receipt_allocations a WHERE a.company_id = "
    "r.company_id AND a.receipt_id = r.id AND a.unapplied_date IS NULL AND a.voided_date IS "
    "NULL), 0)";
constexpr std::string_view refunded_sql =
    "COALESCE((SELECT SUM(f.amount_minor) FROM receipt_refunds f WHERE f.company_id = "
    "r.company_id AND f.receipt_id = r.id), 0)";

const std::string& receipt_select() {
    static const std::string sql =
        "SELECT r.id, r.company_id, r.customer_id, c.number, c.name, r.currency, "
        "r.receipt_date, r.amount_minor, r.method, r.reference, r.bank_account_id, "
        "COALESCE((SELECT l.number FROM bank_accounts b JOIN ledger_accounts l ON l.company_id = "
        "b.company_id AND l.id = b.ledger_account_id WHERE b.company_id = r.company_id AND b.id "
        "= r.bank_account_id), ''), r.statement_line_id, r.status, r.entry_id, r.void_date, "
        "r.void_reason, r.created_by, r.created_at_us, "
        + std::string(applied_sql) + ", " + std::string(refunded_sql)
        + " FROM customer_receipts r JOIN customers c ON c.company_id = r.company_id AND c.id = "
          "r.customer_id ";
    return sql;
}

enum ReceiptColumn : std::size_t {
    id_column,
    company_column,
    customer_column,
    customer_number_column,
    customer_name_column,
    currency_column,
    date_column,
    amount_column,
    method_column,
    reference_column,
    bank_account_column,
    bank_ledger_column,
    statement_line_column,
    status_column,
    entry_column,
    void_date_column,
    void_reason_column,
    created_by_column,
    created_at_column,
    applied_column,
    refunded_column
};

core::Result<core::Date> date_of(const store::Row& row, std::size_t column) {
    core::Result<core::Date> date = core::Date::parse(row.text(column));
    if (!date) {
        return corrupt_row(receipts_table, "date " + row.text(column));
    }
    return date;
}

core::Result<std::optional<core::Date>> optional_date_of(const store::Row& row,
                                                         std::size_t column) {
    if (row.is_null(column)) {
        return std::optional<core::Date>();
    }
    BO_TRY_ASSIGN(const core::Date date, date_of(row, column));
    return std::optional<core::Date>(date);
}

core::Result<core::Instant> instant_of(std::int64_t micros) {
    core::Result<core::Instant> at = core::Instant::from_unix_micros(micros);
    if (!at) {
        return corrupt_row(receipts_table, "timestamp out of range");
    }
    return at;
}

core::Result<ReceiptMethod> method_of(const std::string& text) {
    core::Result<ReceiptMethod> method = parse_receipt_method(text, "method");
    if (!method) {
        return corrupt_row(receipts_table, "method " + text);
    }
    return method;
}

core::Result<Receipt> decode_receipt(const store::Row& row) {
    core::Result<core::Currency> currency = core::Currency::create(row.text(currency_column));
    if (!currency) {
        return corrupt_row(receipts_table, "currency " + row.text(currency_column));
    }
    BO_TRY_ASSIGN(const core::Date date, date_of(row, date_column));
    Receipt receipt(core::Money{row.i64(amount_column), *currency}, date);
    receipt.id = ReceiptId(row.i64(id_column));
    receipt.company_id = CompanyId(row.i64(company_column));
    receipt.customer = sales::CustomerId(row.i64(customer_column));
    receipt.customer_number = row.text(customer_number_column);
    receipt.customer_name = row.text(customer_name_column);
    BO_TRY_ASSIGN(receipt.method, method_of(row.text(method_column)));
    receipt.reference = row.text(reference_column);
    receipt.bank_account = banking::BankAccountId(row.i64(bank_account_column));
    receipt.bank_ledger_account = row.text(bank_ledger_column);
    if (const auto line = row.opt_i64(statement_line_column)) {
        receipt.statement_line = banking::StatementLineId(*line);
    }
    receipt.status =
        row.text(status_column) == "voided" ? ReceiptStatus::voided : ReceiptStatus::posted;
    receipt.entry_id = row.i64(entry_column);
    BO_TRY_ASSIGN(receipt.void_date, optional_date_of(row, void_date_column));
    receipt.void_reason = row.text(void_reason_column);
    receipt.created_by = platform::auth::UserId(row.i64(created_by_column));
    BO_TRY_ASSIGN(receipt.created_at, instant_of(row.i64(created_at_column)));
    const bool posted = receipt.status == ReceiptStatus::posted;
    receipt.applied.minor = posted ? row.i64(applied_column) : 0;
    receipt.refunded.minor = row.i64(refunded_column);
    receipt.unapplied.minor =
        posted ? receipt.amount.minor - receipt.applied.minor - receipt.refunded.minor : 0;
    if (receipt.unapplied.minor < 0) {
        return corrupt_row(receipts_table, "more applied and refunded than received");
    }
    return receipt;
}

constexpr std::string_view allocation_columns =
    "a.id, a.receipt_id, a.invoice_id, COALESCE(d.number, ''), a.amount_minor, "
    "a.discount_minor, a.write_off_minor, a.applied_date, a.entry_id, a.functional_minor, "
    "a.unapplied_date, a.unapply_entry_id, a.voided_date, d.currency, a.discount_account, "
    "a.write_off_account";
constexpr std::size_t allocation_column_count = 16;

core::Result<Allocation> decode_allocation(const store::Row& row) {
    constexpr std::size_t currency_column = 13;
    core::Result<core::Currency> currency = core::Currency::create(row.text(currency_column));
    if (!currency) {
        return corrupt_row("receipt_allocations", "currency");
    }
    BO_TRY_ASSIGN(const core::Date applied, date_of(row, 7));
    Allocation allocation{.id = AllocationId(row.i64(0)),
                          .receipt = ReceiptId(row.i64(1)),
                          .invoice = DocumentId(row.i64(2)),
                          .invoice_number = row.text(3),
                          .amount = core::Money{row.i64(4), *currency},
                          .discount = core::Money{row.i64(5), *currency},
                          .write_off = core::Money{row.i64(6), *currency},
                          .applied_date = applied,
                          .entry_id = row.i64(8),
                          .functional_minor = row.i64(9)};
    constexpr std::size_t unapplied_column = 10;
    constexpr std::size_t voided_column = 12;
    BO_TRY_ASSIGN(allocation.unapplied_date, optional_date_of(row, unapplied_column));
    allocation.unapply_entry_id = row.opt_i64(unapplied_column + 1);
    BO_TRY_ASSIGN(allocation.voided_date, optional_date_of(row, voided_column));
    allocation.discount_account = row.text(currency_column + 1);
    allocation.write_off_account = row.text(currency_column + 2);
    allocation.status = allocation.voided_date      ? AllocationStatus::voided
                        : allocation.unapplied_date ? AllocationStatus::unapplied
                                                    : AllocationStatus::applied;
    return allocation;
}

constexpr std::string_view allocation_from =
    " FROM receipt_allocations a JOIN receivable_documents d ON d.company_id = a.company_id AND "
    "d.id = a.invoice_id ";

}  // namespace

core::Result<ReceiptId> insert_receipt(store::Txn& txn, const Receipt& receipt) {
    const std::vector<Value> params{
        receipt.company_id.value(),
        receipt.customer.value(),
        std::string(receipt.amount.currency.code()),
        receipt.receipt_date.to_string(),
        receipt.amount.minor,
        std::string(to_string(receipt.method)),
        receipt.reference,
        receipt.bank_account.value(),
        receipt.statement_line ? Value(receipt.statement_line->value()) : Value(store::Null{}),
        receipt.entry_id,
        receipt.created_by.value(),
        receipt.created_at.unix_micros()};
    BO_TRY_ASSIGN(
        const store::Row row,
        txn.query_one(
            "INSERT INTO customer_receipts (company_id, customer_id, currency, receipt_date, "
            "amount_minor, method, reference, bank_account_id, statement_line_id, status, "
            "entry_id, created_by, created_at_us, updated_at_us) VALUES ($1, $2, $3, $4, $5, $6, "
            "$7, $8, $9, 'posted', $10, $11, $12, $12) RETURNING id",
            params));
    return ReceiptId(row.i64(0));
}

core::Result<void> set_entry(store::Txn& txn,
                             CompanyId company,
                             ReceiptId id,
                             std::int64_t entry_id) {
    const std::vector<Value> params{company.value(), id.value(), entry_id};
    BO_TRY(txn.execute(
        "UPDATE customer_receipts SET entry_id = $3 WHERE company_id = $1 AND id = $2", params));
    return core::ok();
}

core::Result<void> delete_unposted_receipt(store::Txn& txn, CompanyId company, ReceiptId id) {
    const std::vector<Value> key{company.value(), id.value()};
    BO_TRY(txn.execute(
        "DELETE FROM customer_receipts WHERE company_id = $1 AND id = $2 AND entry_id = 0", key));
    return core::ok();
}

core::Result<bool> lock_receipt(store::Txn& txn, CompanyId company, ReceiptId id) {
    const std::vector<Value> key{company.value(), id.value()};
    static const store::LockingSelect sql(
        "SELECT id FROM customer_receipts WHERE company_id = $1 AND id = $2");
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql.sql(txn.backend()), key));
    return !rows.empty();
}

core::Result<std::optional<Receipt>> select_receipt(store::Txn& txn,
                                                    CompanyId company,
                                                    ReceiptId id) {
    static const std::string sql = receipt_select() + "WHERE r.company_id = $1 AND r.id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Receipt>();
    }
    BO_TRY_ASSIGN(Receipt receipt, decode_receipt(*row));
    return std::optional<Receipt>(std::move(receipt));
}

core::Result<std::vector<Receipt>> select_receipts(store::Txn& txn,
                                                   CompanyId company,
                                                   const ReceiptQuery& query) {
    // Fixed condition texts, each with the next parameter number: nothing from the request is
    // spliced into the SQL.
    std::string sql = receipt_select() + "WHERE r.company_id = $1 AND r.id > $2";
    std::vector<Value> params{company.value(), query.after.value()};
    const auto add = [&](std::string_view condition, Value value) {
        params.push_back(std::move(value));
        sql += " AND " + std::string(condition) + std::to_string(params.size());
    };
    if (query.customer) {
        add("r.customer_id = $", query.customer->value());
    }
    if (query.from) {
        add("r.receipt_date >= $", query.from->to_string());
    }
    if (query.to) {
        add("r.receipt_date < $", query.to->to_string());
    }
    if (query.method) {
        add("r.method = $", std::string(to_string(*query.method)));
    }
    if (query.statement_line) {
        add("r.statement_line_id = $", query.statement_line->value());
    }
    if (query.unapplied_only) {
        sql += " AND r.status = 'posted' AND r.amount_minor > " + std::string(applied_sql) + " + "
               + std::string(refunded_sql);
    }
    params.emplace_back(query.limit);
    sql += " ORDER BY r.id LIMIT $" + std::to_string(params.size());
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Receipt> receipts;
    receipts.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Receipt receipt, decode_receipt(row));
        receipts.push_back(std::move(receipt));
    }
    return receipts;
}

core::Result<std::int64_t> select_unapplied_total(store::Txn& txn,
                                                  CompanyId company,
                                                  sales::CustomerId customer) {
    static const std::string sql = "SELECT COALESCE(SUM(r.amount_minor - " + std::string(applied_sql)
                                   + " - " + std::string(refunded_sql)
                                   + "), 0) FROM customer_receipts r WHERE r.company_id = $1 AND "
                                     "r.customer_id = $2 AND r.status = 'posted'";
    const std::vector<Value> params{company.value(), customer.value()};
    BO_TRY_ASSIGN(const store::Row row, txn.query_one(sql, params));
    return row.i64(0);
}

core::Result<std::vector<Allocation>> select_allocations(store::Txn& txn,
                                                         CompanyId company,
                                                         ReceiptId receipt) {
    static const std::string sql = "SELECT " + std::string(allocation_columns)
                                   + std::string(allocation_from)
                                   + "WHERE a.company_id = $1 AND a.receipt_id = $2 ORDER BY a.id";
    const std::vector<Value> params{company.value(), receipt.value()};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Allocation> allocations;
    allocations.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Allocation allocation, decode_allocation(row));
        allocations.push_back(std::move(allocation));
    }
    return allocations;
}

core::Result<std::vector<Refund>> select_refunds(store::Txn& txn,
                                                 CompanyId company,
                                                 ReceiptId receipt) {
    const std::vector<Value> params{company.value(), receipt.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT f.id, f.refund_date, f.amount_minor, f.reference, f.entry_id, "
                            "f.created_by, f.created_at_us, r.currency FROM receipt_refunds f "
                            "JOIN customer_receipts r ON r.company_id = f.company_id AND r.id = "
                            "f.receipt_id WHERE f.company_id = $1 AND f.receipt_id = $2 ORDER BY "
                            "f.id",
                            params));
    std::vector<Refund> refunds;
    refunds.reserve(rows.size());
    for (const store::Row& row : rows) {
        constexpr std::size_t currency_column = 7;
        core::Result<core::Currency> currency = core::Currency::create(row.text(currency_column));
        if (!currency) {
            return corrupt_row("receipt_refunds", "currency");
        }
        BO_TRY_ASSIGN(const core::Date date, date_of(row, 1));
        BO_TRY_ASSIGN(const core::Instant at, instant_of(row.i64(6)));
        refunds.push_back(Refund{.id = RefundId(row.i64(0)),
                                 .refund_date = date,
                                 .amount = core::Money{row.i64(2), *currency},
                                 .reference = row.text(3),
                                 .entry_id = row.i64(4),
                                 .created_by = platform::auth::UserId(row.i64(5)),
                                 .created_at = at});
    }
    return refunds;
}

core::Result<std::vector<InvoicePayment>> select_invoice_payments(store::Txn& txn,
                                                                  CompanyId company,
                                                                  DocumentId invoice) {
    static const std::string sql =
        "SELECT " + std::string(allocation_columns)
        + ", r.receipt_date, r.method, r.reference" + std::string(allocation_from)
        + "JOIN customer_receipts r ON r.company_id = a.company_id AND r.id = a.receipt_id "
          "WHERE a.company_id = $1 AND a.invoice_id = $2 ORDER BY a.id";
    const std::vector<Value> params{company.value(), invoice.value()};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<InvoicePayment> payments;
    payments.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Allocation allocation, decode_allocation(row));
        BO_TRY_ASSIGN(const core::Date date, date_of(row, allocation_column_count));
        BO_TRY_ASSIGN(const ReceiptMethod method, method_of(row.text(allocation_column_count + 1)));
        payments.push_back(InvoicePayment{.allocation = std::move(allocation),
                                          .receipt_date = date,
                                          .method = method,
                                          .reference = row.text(allocation_column_count + 2)});
    }
    return payments;
}

core::Result<AllocationId> insert_allocation(store::Txn& txn,
                                             const platform::Actor& actor,
                                             core::Instant at,
                                             const AllocationWrite& allocation) {
    const std::vector<Value> params{actor.company.value(),
                                    allocation.receipt.value(),
                                    allocation.invoice.value(),
                                    allocation.amount_minor,
                                    allocation.discount_minor,
                                    allocation.write_off_minor,
                                    allocation.applied_date.to_string(),
                                    allocation.entry_id,
                                    allocation.functional_minor,
                                    allocation.discount_account,
                                    allocation.write_off_account,
                                    actor.user.value(),
                                    at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO receipt_allocations (company_id, receipt_id, "
                                "invoice_id, amount_minor, discount_minor, write_off_minor, "
                                "applied_date, entry_id, functional_minor, discount_account, "
                                "write_off_account, created_by, created_at_us) VALUES ($1, $2, "
                                "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                                params));
    return AllocationId(row.i64(0));
}

core::Result<bool> mark_unapplied(store::Txn& txn,
                                  CompanyId company,
                                  AllocationId allocation,
                                  core::Date date,
                                  std::int64_t entry_id,
                                  std::int64_t functional_minor) {
    const std::vector<Value> params{
        company.value(), allocation.value(), date.to_string(), entry_id, functional_minor};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE receipt_allocations SET unapplied_date = $3, "
                              "unapply_entry_id = $4, unapply_functional_minor = $5 WHERE "
                              "company_id = $1 AND id = $2 AND unapplied_date IS NULL AND "
                              "voided_date IS NULL",
                              params));
    return changed > 0;
}

core::Result<void> mark_voided(store::Txn& txn,
                               const platform::Actor& actor,
                               core::Instant at,
                               ReceiptId receipt,
                               core::Date date,
                               const std::string& reason) {
    const std::vector<Value> params{actor.company.value(),
                                    receipt.value(),
                                    date.to_string(),
                                    reason,
                                    actor.user.value(),
                                    at.unix_micros()};
    BO_TRY(
        txn.execute("UPDATE customer_receipts SET status = 'voided', void_date = $3, "
                    "void_reason = $4, voided_by = $5, updated_at_us = $6 WHERE company_id = "
                    "$1 AND id = $2",
                    params));
    const std::vector<Value> key{actor.company.value(), receipt.value(), date.to_string()};
    BO_TRY(
        txn.execute("UPDATE receipt_allocations SET voided_date = $3 WHERE company_id = $1 "
                    "AND receipt_id = $2",
                    key));
    return core::ok();
}

core::Result<RefundId> insert_refund(store::Txn& txn,
                                     const platform::Actor& actor,
                                     core::Instant at,
                                     const RefundWrite& refund) {
    const std::vector<Value> params{actor.company.value(),
                                    refund.receipt.value(),
                                    refund.refund_date.to_string(),
                                    refund.amount_minor,
                                    refund.reference,
                                    refund.entry_id,
                                    actor.user.value(),
                                    at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO receipt_refunds (company_id, receipt_id, "
                                "refund_date, amount_minor, reference, entry_id, created_by, "
                                "created_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                                "RETURNING id",
                                params));
    return RefundId(row.i64(0));
}

core::Result<std::optional<PaymentSettings>> select_settings(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT write_off_tolerance_minor, write_off_account, "
                                     "discount_account FROM receivable_payment_settings WHERE "
                                     "company_id = $1",
                                     params));
    if (!row) {
        return std::optional<PaymentSettings>();
    }
    return std::optional<PaymentSettings>(PaymentSettings{.write_off_tolerance_minor = row->i64(0),
                                                          .write_off_account = row->text(1),
                                                          .discount_account = row->text(2)});
}

core::Result<void> upsert_settings(store::Txn& txn,
                                   CompanyId company,
                                   const PaymentSettings& settings,
                                   core::Instant at) {
    const std::vector<Value> params{company.value(),
                                    settings.write_off_tolerance_minor,
                                    settings.write_off_account,
                                    settings.discount_account,
                                    at.unix_micros()};
    BO_TRY(
        txn.execute("INSERT INTO receivable_payment_settings (company_id, "
                    "write_off_tolerance_minor, write_off_account, discount_account, "
                    "updated_at_us) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (company_id) DO "
                    "UPDATE SET write_off_tolerance_minor = $2, write_off_account = $3, "
                    "discount_account = $4, updated_at_us = $5",
                    params));
    return core::ok();
}

}  // namespace bo::modules::receivables::payment_queries
