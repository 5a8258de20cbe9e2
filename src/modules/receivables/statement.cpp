// The statement of account (statement.hpp).
#include "modules/receivables/statement.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "core/assert.hpp"
#include "core/limits.hpp"
#include "ledger/reports.hpp"
#include "modules/receivables/aging.hpp"
#include "modules/receivables/collections_queries.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/receivables/invoices.hpp"
#include "modules/sales/service.hpp"
#include "platform/documents/pdf.hpp"

namespace bo::modules::receivables {
namespace {

using core::Error;
using platform::documents::Paragraph;
using platform::documents::TextStyle;
using platform::files::Cell;
using platform::files::Column;
using platform::files::Row;
using platform::files::RowStyle;
using platform::files::Table;

// The customer's issued documents dated in [from, to), by date then id.
core::Result<std::vector<Document>> documents_in(store::Txn& txn,
                                                 CompanyId company,
                                                 sales::CustomerId customer,
                                                 core::Date from,
                                                 core::Date to) {
    std::vector<Document> found;
    DocumentQuery query{.kind = std::nullopt,
                        .status = DocumentStatus::issued,
                        .customer = customer,
                        .overdue_only = false,
                        .today = from,
                        .from = from,
                        .to = to,
                        .after = DocumentId(0),
                        .limit = static_cast<std::int64_t>(core::page_size_max)};
    while (true) {
        BO_TRY_ASSIGN(std::vector<Document> page, list_documents(txn, company, query));
        const bool full = page.size() == core::page_size_max;
        if (!page.empty()) {
            query.after = page.back().id;
        }
        std::move(page.begin(), page.end(), std::back_inserter(found));
        if (found.size() > statement_lines_max) {
            return Error(core::ErrorCode::limit_exceeded,
                         "a statement shows at most " + std::to_string(statement_lines_max)
                             + " documents: choose a shorter range");
        }
        if (!full) {
            break;
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Document& a, const Document& b) {
        return a.document_date < b.document_date;
    });
    return found;
}

StatementEntry entry_of(DocumentKind kind) {
    switch (kind) {
        case DocumentKind::invoice:
            return StatementEntry::invoice;
        case DocumentKind::credit_note:
            return StatementEntry::credit_note;
        case DocumentKind::write_off:
            return StatementEntry::write_off;
    }
    return StatementEntry::invoice;
}

core::Result<StatementLine> line_of(const Document& document, core::Money& balance) {
    const core::Money zero = core::Money::zero(balance.currency);
    StatementLine line{.date = document.document_date,
                       .kind = entry_of(document.kind),
                       .number = document.number,
                       .detail = {},
                       .debit = zero,
                       .credit = zero,
                       .balance = zero};
    if (document.kind == DocumentKind::invoice) {
        line.detail = "Invoice, due " + document.due_date.to_string();
        line.debit = document.total;
        BO_TRY_ASSIGN(balance, core::add(balance, document.total));
    } else {
        line.detail = (document.kind == DocumentKind::credit_note ? "Credit note on "
                                                                  : "Write-off on ")
                      + document.credited_number;
        line.credit = document.total;
        BO_TRY_ASSIGN(balance, core::subtract(balance, document.total));
    }
    line.balance = balance;
    return line;
}

// A payment movement as a line (debit-positive amount).
core::Result<StatementLine> line_of(const collections_queries::PaymentMovement& movement,
                                    core::Money& balance) {
    const core::Money zero = core::Money::zero(balance.currency);
    const core::Money amount{movement.amount_minor < 0 ? -movement.amount_minor
                                                       : movement.amount_minor,
                             balance.currency};
    StatementLine line{.date = movement.date,
                       .kind = StatementEntry::receipt,
                       .number = "Receipt " + std::to_string(movement.receipt),
                       .detail = movement.detail,
                       .debit = movement.amount_minor > 0 ? amount : zero,
                       .credit = movement.amount_minor < 0 ? amount : zero,
                       .balance = zero};
    if (movement.kind == "receipt") {
        line.detail = "Payment, " + movement.detail;
    } else if (movement.kind == "receipt_void") {
        line.kind = StatementEntry::receipt_void;
        line.detail = "Payment taken back: " + movement.detail;
    } else if (movement.kind == "refund") {
        line.kind = StatementEntry::refund;
        line.detail = "Refund " + movement.detail;
    } else if (movement.kind == "allowance") {
        line.kind = StatementEntry::allowance;
        line.detail = "Discount / difference on " + movement.detail;
    } else {
        line.kind = StatementEntry::allowance_reversed;
        line.detail = "Discount / difference reversed on " + movement.detail;
    }
    BO_TRY_ASSIGN(balance, core::add(balance, core::Money{movement.amount_minor,
                                                          balance.currency}));
    line.balance = balance;
    return line;
}

// The open invoices on `day`, by aging bucket, in `currency`.
core::Result<std::vector<core::Money>> aging_on(store::Txn& txn,
                                                              CompanyId company,
                                                              sales::CustomerId customer,
                                                              core::Date day,
                                                              core::Currency currency) {
    std::vector<core::Money> buckets(aging_buckets, core::Money::zero(currency));
    BO_TRY_ASSIGN(const Aging report, aging(txn, company, day, customer));
    for (const CustomerAging& group : report.customers) {
        for (const AgingItem& item : group.items) {
            core::Money& bucket = buckets.at(aging_bucket(item.days_overdue));
            BO_TRY_ASSIGN(bucket, core::add(bucket, item.open));
        }
    }
    return buckets;
}

Table lines_table(const Statement& statement) {
    const int exponent = statement.opening.currency.exponent();
    Table table{.columns = {Column{"Date", Cell::Kind::text, 3},
                            Column{"Document", Cell::Kind::text, 4},
                            Column{"Detail", Cell::Kind::text, 6},
                            Column{"Debit", Cell::Kind::amount, 3},
                            Column{"Credit", Cell::Kind::amount, 3},
                            Column{"Balance", Cell::Kind::amount, 3}},
                .rows = {},
                .indent_column = 0};
    const auto text_or_blank = [](const core::Money& amount, int digits) {
        return amount.is_zero() ? Cell::of_text("") : Cell::of_amount(amount.minor, digits);
    };
    table.rows.push_back(Row{.cells = {Cell::of_text(statement.from.to_string()),
                                       Cell::of_text("Opening balance"), Cell::of_text(""),
                                       Cell::of_text(""), Cell::of_text(""),
                                       Cell::of_amount(statement.opening.minor, exponent)},
                             .style = RowStyle::normal,
                             .indent = 0});
    for (const StatementLine& line : statement.lines) {
        table.rows.push_back(Row{.cells = {Cell::of_text(line.date.to_string()),
                                           Cell::of_text(line.number),
                                           Cell::of_text(line.detail),
                                           text_or_blank(line.debit, exponent),
                                           text_or_blank(line.credit, exponent),
                                           Cell::of_amount(line.balance.minor, exponent)},
                                 .style = RowStyle::normal,
                                 .indent = 0});
    }
    table.rows.push_back(Row{.cells = {Cell::of_text(""), Cell::of_text("Closing balance"),
                                       Cell::of_text(""), Cell::of_text(""), Cell::of_text(""),
                                       Cell::of_amount(statement.closing.minor, exponent)},
                             .style = RowStyle::total,
                             .indent = 0});
    return table;
}

Table aging_table(const Statement& statement) {
    const int exponent = statement.opening.currency.exponent();
    Table table{.columns = {}, .rows = {}, .indent_column = 0};
    Row row{.cells = {}, .style = RowStyle::normal, .indent = 0};
    constexpr std::array<std::string_view, aging_buckets> titles{
        "Current", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"};
    for (std::size_t bucket = 0; bucket < aging_buckets; ++bucket) {
        table.columns.push_back(Column{std::string(titles.at(bucket)), Cell::Kind::amount, 3});
        row.cells.push_back(Cell::of_amount(statement.aging.at(bucket).minor, exponent));
    }
    table.rows.push_back(std::move(row));
    return table;
}

}  // namespace

core::Result<Statement> statement_of_account(store::Txn& txn,
                                             const core::Clock& clock,
                                             CompanyId company,
                                             sales::CustomerId customer_id,
                                             std::optional<core::Date> from_in,
                                             std::optional<core::Date> to_in) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, company, customer_id));
    if (!customer) {
        return Error(core::ErrorCode::not_found, "no such customer");
    }
    core::Date to = internal::today(clock);
    if (to_in) {
        to = *to_in;
    } else {
        BO_TRY_ASSIGN(to, to.add_days(1));
    }
    core::Date from = to;
    if (from_in) {
        from = *from_in;
    } else {
        BO_TRY_ASSIGN(from, to.add_days(-statement_days_default));
    }
    if (!(from < to)) {
        return Error::invalid("from", "must be before to (the range is [from, to))");
    }
    if (core::days_between(from, to) > statement_days_max) {
        return Error::invalid("to", "a statement covers at most "
                                        + std::to_string(statement_days_max) + " days");
    }
    const core::Currency currency = customer->currency;
    BO_TRY_ASSIGN(const std::int64_t documents_before,
                  collections_queries::select_balance_before(txn, company, customer_id, from));
    BO_TRY_ASSIGN(const std::int64_t payments_before,
                  collections_queries::select_payments_before(txn, company, customer_id, from));
    const std::int64_t opening_minor = documents_before + payments_before;
    Statement statement{.customer = customer_id,
                        .customer_number = customer->number,
                        .customer_name = customer->name,
                        .from = from,
                        .to = to,
                        .opening = core::Money{opening_minor, currency},
                        .lines = {},
                        .closing = core::Money{opening_minor, currency},
                        .aging = {}};
    BO_TRY_ASSIGN(const std::vector<Document> documents,
                  documents_in(txn, company, customer_id, from, to));
    BO_TRY_ASSIGN(const std::vector<collections_queries::PaymentMovement> movements,
                  collections_queries::select_payment_movements(txn, company, customer_id, from,
                                                                to));
    if (documents.size() + movements.size() > statement_lines_max) {
        return Error(core::ErrorCode::limit_exceeded,
                     "a statement shows at most " + std::to_string(statement_lines_max)
                         + " lines: choose a shorter range");
    }
    // Both are by date: merge them, a day's documents before its payments.
    auto document = documents.begin();
    auto movement = movements.begin();
    while (document != documents.end() || movement != movements.end()) {
        const bool take_document =
            movement == movements.end()
            || (document != documents.end() && !(movement->date < document->document_date));
        BO_TRY_ASSIGN(StatementLine line, take_document
                                              ? line_of(*document++, statement.closing)
                                              : line_of(*movement++, statement.closing));
        statement.lines.push_back(std::move(line));
    }
    BO_TRY_ASSIGN(const core::Date last_day, to.add_days(-1));
    BO_TRY_ASSIGN(statement.aging, aging_on(txn, company, customer_id, last_day, currency));
    return statement;
}

core::Result<std::string> statement_pdf(store::Txn& txn,
                                        CompanyId company,
                                        const Statement& statement) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, company, statement.customer));
    BO_ASSERT(customer.has_value());
    BO_TRY_ASSIGN(const core::Date last_day, statement.to.add_days(-1));
    BO_TRY_ASSIGN(platform::documents::Document pdf,
                  customer_document(txn, company, *customer, "Statement of account",
                                    {"From " + statement.from.to_string() + " to "
                                         + last_day.to_string(),
                                     "Customer " + customer->number + "    Currency "
                                         + std::string(statement.opening.currency.code())},
                                    "To"));
    pdf.blocks.emplace_back(Paragraph{"Account activity", TextStyle::heading});
    pdf.blocks.emplace_back(lines_table(statement));
    pdf.blocks.emplace_back(
        Paragraph{"Open invoices on " + last_day.to_string() + " by days past due",
                  TextStyle::heading});
    pdf.blocks.emplace_back(aging_table(statement));
    BO_TRY_ASSIGN(std::string remit, remit_to(txn, company, statement.opening.currency));
    pdf.blocks.emplace_back(Paragraph{std::move(remit), TextStyle::body});
    return platform::documents::render_pdf(pdf);
}

platform::mail::DocumentRef statement_mail_document(sales::CustomerId customer) {
    return {"customer_statement", customer.to_string()};
}

core::Result<platform::mail::OutboxMail> send_statement(store::Txn& txn,
                                                        const core::Clock& clock,
                                                        const platform::Actor& actor,
                                                        const Statement& statement,
                                                        const SendRequest& request) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, actor.company, statement.customer));
    BO_ASSERT(customer.has_value());
    BO_TRY_ASSIGN(const std::string company_name, ledger::company_name(txn, actor.company));
    BO_TRY_ASSIGN(const core::Date last_day, statement.to.add_days(-1));
    CustomerMail mail{.to = request.to,
                      .from = request.from,
                      .subject = "Statement of account from " + company_name,
                      .text = (request.message.empty() ? std::string() : request.message + "\n\n")
                              + "Dear " + customer->name
                              + ",\n\nplease find attached your statement of account from "
                              + statement.from.to_string() + " to " + last_day.to_string()
                              + ". Balance: " + statement.closing.format() + " "
                              + std::string(statement.closing.currency.code()) + ".\n\n"
                              + company_name + "\n",
                      .filename = "statement-" + customer->number + "-" + last_day.to_string()
                                  + ".pdf",
                      .pdf = {}};
    BO_TRY_ASSIGN(mail.pdf, statement_pdf(txn, actor.company, statement));
    return send_to_customer(txn, clock, actor, *customer,
                            statement_mail_document(statement.customer), std::move(mail));
}

}  // namespace bo::modules::receivables
