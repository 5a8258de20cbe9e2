#include "modules/receivables/credit_notes.hpp"

#include <map>
#include <string>
#include <utility>

#include "core/assert.hpp"
#include "ledger/service.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/receivables/queries.hpp"
#include "modules/sales/totals.hpp"
#include "platform/access/segregation.hpp"

namespace bo::modules::receivables {
namespace {

using core::Error;
using core::FieldError;

constexpr std::string_view credit_note_document = "credit_note";
constexpr std::string_view create_duty = "receivables.credit_note_create";
constexpr std::string_view approve_duty = "receivables.credit_note_approve";
constexpr std::string_view write_off_account = "4200";
constexpr std::int64_t one_unit_milli = 1000;

using Credited = std::map<std::int64_t, queries::CreditedAmounts>;

// The issued invoice `id`, locked. Errors: not_found; conflict unless issued.
core::Result<Document> issued_invoice(store::Txn& txn, CompanyId company, DocumentId id) {
    BO_TRY_ASSIGN(Document invoice,
                  internal::load_for_change(txn, company, id, DocumentKind::invoice));
    if (invoice.status != DocumentStatus::issued) {
        return Error(core::ErrorCode::conflict, "the invoice is a draft: change it instead");
    }
    return invoice;
}

core::Result<std::string> checked_reason(const std::string& reason) {
    if (reason.empty() || reason.size() > reason_chars_max) {
        return Error::invalid("reason",
                              "must say why, in 1 to " + std::to_string(reason_chars_max)
                                  + " characters");
    }
    return reason;
}

// The date given (not before the invoice's), or today.
core::Result<core::Date> credit_date(const std::optional<std::string>& text,
                                     const core::Clock& clock,
                                     const Document& invoice,
                                     const std::string& field) {
    core::Date date = internal::today(clock);
    if (text) {
        core::Result<core::Date> parsed = core::Date::parse(*text);
        if (!parsed) {
            return Error::invalid(field, "must be a date YYYY-MM-DD");
        }
        date = *parsed;
    }
    if (date < invoice.document_date) {
        return Error::invalid(field, "may not be before the invoice's date");
    }
    return date;
}

// What a partial credit of `line` comes to: by quantity at the line's price, discount and tax
// (sales' line arithmetic), or by a net amount taxed at the line's rate.
core::Result<sales::LineAmounts> partial_amounts(const Document& invoice,
                                                 const DocumentLine& line,
                                                 const NewCreditLine& input,
                                                 const std::string& prefix) {
    BO_TRY_ASSIGN(const core::Rational tax, sales::parse_percent(line.tax_percent, prefix));
    if (input.quantity) {
        BO_TRY_ASSIGN(const inventory::Quantity quantity,
                      inventory::parse_quantity(*input.quantity, line.unit, prefix + "quantity"));
        if (quantity.milli > line.quantity_milli) {
            return Error::invalid(prefix + "quantity", "is more than the invoice line's");
        }
        BO_TRY_ASSIGN(const core::Rational discount,
                      sales::parse_percent(line.discount_percent, prefix + "quantity"));
        return sales::line_amounts(line.unit_price, quantity.milli, discount, tax,
                                   invoice.prices, prefix + "quantity");
    }
    core::Result<core::Money> amount = core::Money::parse(*input.amount, invoice.currency);
    if (!amount || amount->minor <= 0) {
        return Error::invalid(prefix + "amount",
                              "must be a net amount > 0 in " + std::string(invoice.currency.code()));
    }
    return sales::line_amounts(*amount, one_unit_milli, core::Rational{0, 1}, tax,
                               sales::TaxInclusion::exclusive, prefix + "amount");
}

// The credit line for `input` against what is left of the invoice line, or an error naming
// the field. Crediting the whole remaining net credits the whole remaining tax, so that a
// line credited in parts cancels exactly.
core::Result<DocumentLine> credit_line(const Document& invoice,
                                       const Credited& credited,
                                       const NewCreditLine& input,
                                       const std::string& prefix) {
    const DocumentLine* found = nullptr;
    for (const DocumentLine& line : invoice.lines) {
        found = line.line_number == input.invoice_line ? &line : found;
    }
    if (found == nullptr) {
        return Error::invalid(prefix + "invoice_line", "is not a line of the invoice");
    }
    if (input.quantity && input.amount) {
        return Error::invalid(prefix + "amount", "give a quantity or an amount, not both");
    }
    const auto done = credited.find(found->line_number);
    const std::int64_t net_left =
        found->net.minor - (done == credited.end() ? 0 : done->second.net_minor);
    const std::int64_t tax_left =
        found->tax.minor - (done == credited.end() ? 0 : done->second.tax_minor);
    DocumentLine line = *found;
    line.credited_line_number = found->line_number;
    line.shipment_id.reset();
    line.shipment_line_number.reset();
    if (!input.quantity && !input.amount) {
        line.net.minor = net_left;
        line.tax.minor = tax_left;
        return line;
    }
    BO_TRY_ASSIGN(const sales::LineAmounts amounts,
                  partial_amounts(invoice, *found, input, prefix));
    if (amounts.net.minor > net_left) {
        return Error::invalid(prefix + (input.quantity ? "quantity" : "amount"),
                              "is more than is left to credit on the line ("
                                  + core::Money{net_left, invoice.currency}.format() + " net)");
    }
    line.net = amounts.net;
    line.tax.minor = amounts.net.minor == net_left ? tax_left
                                                    : std::min(amounts.tax.minor, tax_left);
    if (input.quantity) {
        BO_TRY_ASSIGN(const inventory::Quantity quantity,
                      inventory::parse_quantity(*input.quantity, found->unit, prefix + "quantity"));
        line.quantity_milli = quantity.milli;
    } else {
        line.quantity_milli = 0;
    }
    return line;
}

// The credit lines of `input` against `invoice` given what was credited already.
core::Result<std::vector<DocumentLine>> credit_lines(const Document& invoice,
                                                     const Credited& credited,
                                                     const std::vector<NewCreditLine>& input) {
    std::vector<NewCreditLine> wanted = input;
    if (wanted.empty()) {
        for (const DocumentLine& line : invoice.lines) {
            wanted.push_back({.invoice_line = line.line_number, .quantity = {}, .amount = {}});
        }
    }
    if (wanted.size() > document_lines_max) {
        return Error::invalid("lines", "at most " + std::to_string(document_lines_max));
    }
    std::vector<FieldError> errors;
    std::vector<DocumentLine> lines;
    for (std::size_t index = 0; index < wanted.size(); ++index) {
        core::Result<DocumentLine> line = credit_line(
            invoice, credited, wanted[index], "lines/" + std::to_string(index) + "/");
        if (!line) {
            internal::collect(line.error(), "lines/" + std::to_string(index), errors);
        } else if (!line->net.is_zero() || !line->tax.is_zero()) {
            line->line_number = static_cast<std::int64_t>(lines.size() + 1);
            lines.push_back(std::move(*line));
        }
    }
    if (!errors.empty()) {
        return Error(core::ErrorCode::invalid_argument, "the credit note is not valid",
                     std::move(errors));
    }
    return lines;
}

core::Result<void> check_within_open(const Document& invoice, const Document& credit) {
    if (credit.total.minor <= 0) {
        return Error::invalid("lines", "nothing is left to credit");
    }
    if (credit.total.minor > invoice.open.minor) {
        return Error::invalid("lines",
                              "the credit (" + credit.total.format()
                                  + ") is more than the invoice's open balance ("
                                  + invoice.open.format() + ")");
    }
    return core::ok();
}

// A blank credit document of `kind` against `invoice`.
Document credit_document(const Document& invoice,
                         DocumentKind kind,
                         core::Date date,
                         const platform::Actor& actor,
                         const core::Clock& clock) {
    Document credit(invoice.currency, date);
    credit.company_id = actor.company;
    credit.kind = kind;
    credit.customer = invoice.customer;
    credit.customer_number = invoice.customer_number;
    credit.customer_name = invoice.customer_name;
    credit.prices = invoice.prices;
    credit.credited_invoice = invoice.id;
    credit.credited_number = invoice.number;
    credit.created_by = actor.user;
    credit.created_at = credit.updated_at = clock.now();
    return credit;
}

}  // namespace

core::Result<Document> create_credit_note(store::Txn& txn,
                                          const core::Clock& clock,
                                          const platform::Caller& caller,
                                          const NewCreditNote& input) {
    const platform::Actor& actor = caller.actor;
    BO_TRY_ASSIGN(const Document invoice, issued_invoice(txn, actor.company, input.invoice));
    BO_TRY_ASSIGN(const std::string reason, checked_reason(input.reason));
    BO_TRY_ASSIGN(const core::Date date,
                  credit_date(input.credit_date, clock, invoice, "credit_date"));
    BO_TRY_ASSIGN(const Credited credited,
                  queries::select_credited_lines(txn, actor.company, invoice.id));
    Document credit = credit_document(invoice, DocumentKind::credit_note, date, actor, clock);
    credit.reason = reason;
    BO_TRY_ASSIGN(credit.lines, credit_lines(invoice, credited, input.lines));
    BO_TRY(internal::sum_lines(credit));
    BO_TRY(check_within_open(invoice, credit));
    BO_TRY_ASSIGN(credit.id, queries::insert_document(txn, credit));
    BO_TRY(platform::access::perform_duty(txn,
                                          clock,
                                          caller,
                                          create_duty,
                                          {credit_note_document, std::to_string(credit.id.value())},
                                          std::nullopt));
    BO_TRY(internal::audit(txn, clock, actor, "receivables.credit_note.create", {}, credit));
    return credit;
}

core::Result<Document> approve_credit_note(store::Txn& txn,
                                           const core::Clock& clock,
                                           const platform::Caller& caller,
                                           DocumentId id,
                                           const std::optional<std::string>& override_reason) {
    const platform::Actor& actor = caller.actor;
    BO_TRY_ASSIGN(Document credit,
                  internal::load_for_change(txn, actor.company, id, DocumentKind::credit_note));
    if (credit.status != DocumentStatus::draft) {
        return Error(core::ErrorCode::conflict, "credit note " + credit.number + " is issued");
    }
    BO_TRY(platform::access::perform_duty(txn,
                                          clock,
                                          caller,
                                          approve_duty,
                                          {credit_note_document, std::to_string(id.value())},
                                          override_reason));
    BO_ASSERT(credit.credited_invoice.has_value());
    BO_TRY_ASSIGN(const Document invoice,
                  issued_invoice(txn, actor.company, *credit.credited_invoice));
    BO_TRY_ASSIGN(const Credited credited,
                  queries::select_credited_lines(txn, actor.company, invoice.id));
    for (const DocumentLine& line : credit.lines) {
        const auto done = credited.find(line.credited_line_number.value_or(0));
        for (const DocumentLine& original : invoice.lines) {
            const bool same = original.line_number == line.credited_line_number;
            const std::int64_t net_done = done == credited.end() ? 0 : done->second.net_minor;
            const std::int64_t tax_done = done == credited.end() ? 0 : done->second.tax_minor;
            if (same && (line.net.minor + net_done > original.net.minor
                         || line.tax.minor + tax_done > original.tax.minor)) {
                return Error(core::ErrorCode::conflict,
                             "credits issued since this was entered leave less to credit on "
                             "invoice line " + std::to_string(original.line_number));
            }
        }
    }
    if (core::Result<void> within = check_within_open(invoice, credit); !within) {
        return Error(core::ErrorCode::conflict, within.error().message());
    }
    return internal::issue(txn, clock, actor, std::move(credit));
}

core::Result<Document> write_off(store::Txn& txn,
                                 const core::Clock& clock,
                                 const platform::Actor& actor,
                                 DocumentId invoice_id,
                                 const NewWriteOff& input) {
    BO_TRY_ASSIGN(const Document invoice, issued_invoice(txn, actor.company, invoice_id));
    if (invoice.open.minor <= 0) {
        return Error(core::ErrorCode::conflict, "invoice " + invoice.number + " is not open");
    }
    BO_TRY_ASSIGN(const std::string reason, checked_reason(input.reason));
    BO_TRY_ASSIGN(const core::Date date, credit_date(input.date, clock, invoice, "date"));
    core::Money amount = invoice.open;
    if (input.amount) {
        core::Result<core::Money> parsed = core::Money::parse(*input.amount, invoice.currency);
        if (!parsed || parsed->minor <= 0 || parsed->minor > invoice.open.minor) {
            return Error::invalid("amount",
                                  "must be more than zero and at most the open balance ("
                                      + invoice.open.format() + ")");
        }
        amount = *parsed;
    }
    if (amount.minor > write_off_minor_max) {
        return Error::invalid("amount",
                              "a write-off clears at most "
                                  + core::Money{write_off_minor_max, invoice.currency}.format()
                                  + "; issue a credit note for more");
    }
    const std::string account = input.account.value_or(std::string(write_off_account));
    BO_TRY_ASSIGN(const std::optional<ledger::Account> found,
                  ledger::find_account_by_number(txn, actor.company, account));
    if (!found || !found->active
        || (found->type != ledger::AccountType::income
            && found->type != ledger::AccountType::expense)) {
        return Error::invalid("account", "must be an active income or expense account");
    }
    Document document = credit_document(invoice, DocumentKind::write_off, date, actor, clock);
    document.reason = reason;
    document.lines.push_back(DocumentLine{.line_number = 1,
                                          .description = "Write-off: " + reason,
                                          .unit = "",
                                          .unit_price = amount,
                                          .revenue_account = account,
                                          .net = amount,
                                          .tax = core::Money::zero(amount.currency)});
    BO_TRY(internal::sum_lines(document));
    BO_TRY_ASSIGN(document.id, queries::insert_document(txn, document));
    BO_TRY(internal::audit(txn, clock, actor, "receivables.write_off.create", {}, document));
    return internal::issue(txn, clock, actor, std::move(document));
}

}  // namespace bo::modules::receivables
