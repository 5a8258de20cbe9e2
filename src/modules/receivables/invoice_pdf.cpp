#include "modules/receivables/invoice_pdf.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "core/assert.hpp"
#include "ledger/reports.hpp"
#include "modules/banking/service.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/receivables/queries.hpp"
#include "modules/sales/service.hpp"
#include "platform/company/profile.hpp"
#include "platform/documents/pdf.hpp"

namespace bo::modules::receivables {
namespace {

using platform::documents::Paragraph;
using platform::documents::TextStyle;
using platform::files::Cell;
using platform::files::Column;
using platform::files::Row;
using platform::files::RowStyle;
using platform::files::Table;

constexpr std::int64_t bank_accounts_max = 20;

std::string title_of(const Document& document) {
    switch (document.kind) {
        case DocumentKind::invoice:
            return "Invoice " + document.number;
        case DocumentKind::credit_note:
            return "Credit note " + document.number;
        case DocumentKind::write_off:
            return "Write-off " + document.number;
    }
    return document.number;
}

// The customer's default billing address, else its first billing address, else any.
std::vector<std::string> bill_to(const sales::Customer& customer) {
    const sales::Address* best = nullptr;
    int best_rank = -1;
    for (const sales::Address& address : customer.addresses) {
        const int rank = (address.kind == sales::AddressKind::billing ? 2 : 0)
                         + (address.is_default ? 1 : 0);
        if (rank > best_rank) {
            best = &address;
            best_rank = rank;
        }
    }
    std::vector<std::string> lines{customer.name};
    if (best == nullptr) {
        lines.push_back(customer.city + (customer.country.empty() ? "" : " " + customer.country));
        return lines;
    }
    for (const std::string* part : {&best->name, &best->line1, &best->line2}) {
        if (!part->empty()) {
            lines.push_back(*part);
        }
    }
    std::string city = best->postal_code;
    city += (city.empty() || best->city.empty() ? "" : " ") + best->city;
    if (!best->region.empty()) {
        city += (city.empty() ? "" : ", ") + best->region;
    }
    lines.push_back(city);
    lines.push_back(best->country);
    return lines;
}

Row text_row(std::vector<Cell> cells, RowStyle style = RowStyle::normal) {
    return Row{.cells = std::move(cells), .style = style, .indent = 0};
}

Table lines_table(const Document& document) {
    const int exponent = document.currency.exponent();
    Table table{.columns = {Column{"#", Cell::Kind::text, 1},
                            Column{"Description", Cell::Kind::text, 9},
                            Column{"Quantity", Cell::Kind::text, 2},
                            Column{"Unit price", Cell::Kind::amount, 3},
                            Column{"Disc. %", Cell::Kind::text, 2},
                            Column{"Tax %", Cell::Kind::text, 2},
                            Column{"Net", Cell::Kind::amount, 3}},
                .rows = {},
                .indent_column = 0};
    for (const DocumentLine& line : document.lines) {
        const std::string description =
            line.sku.empty() || line.description == line.sku ? line.description
                                                               : line.sku + " " + line.description;
        table.rows.push_back(text_row(
            {Cell::of_text(std::to_string(line.line_number)),
             Cell::of_text(description),
             Cell::of_text(line.quantity_milli == 0
                               ? std::string()
                               : inventory::format_quantity({line.quantity_milli}) + " "
                                     + line.unit),
             Cell::of_amount(line.unit_price.minor, exponent),
             Cell::of_text(line.discount_percent == "0" ? "" : line.discount_percent),
             Cell::of_text(line.tax_percent),
             Cell::of_amount(line.net.minor, exponent)}));
    }
    return table;
}

Table totals_table(const Document& document) {
    const int exponent = document.currency.exponent();
    Table table{.columns = {Column{"", Cell::Kind::text, 12},
                            Column{"Amount " + std::string(document.currency.code()),
                                   Cell::Kind::amount, 4}},
                .rows = {},
                .indent_column = 0};
    table.rows.push_back(
        text_row({Cell::of_text("Net"), Cell::of_amount(document.net.minor, exponent)}));
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> per_rate;  // net, tax
    for (const DocumentLine& line : document.lines) {
        if (!line.tax_rate_id) {
            continue;
        }
        auto& sums = per_rate[line.tax_percent];
        sums.first += line.net.minor;
        sums.second += line.tax.minor;
    }
    for (const auto& [percent, sums] : per_rate) {
        table.rows.push_back(text_row(
            {Cell::of_text("Tax " + percent + " % on "
                           + core::Money{sums.first, document.currency}.format()),
             Cell::of_amount(sums.second, exponent)}));
    }
    table.rows.push_back(text_row({Cell::of_text("Total " + std::string(document.currency.code())),
                                   Cell::of_amount(document.total.minor, exponent)},
                                  RowStyle::total));
    return table;
}

// The payment terms, early-payment discount, remit-to and payment reference.
core::Result<std::vector<std::string>> payment_lines(store::Txn& txn,
                                                     CompanyId company,
                                                     const Document& document) {
    std::vector<std::string> lines;
    lines.push_back("Payment terms: " + std::to_string(document.payment_terms_days)
                    + " days net, due " + document.due_date.to_string() + ".");
    if (document.early_discount_percent != "0" && document.early_discount_days > 0) {
        BO_TRY_ASSIGN(const core::Date until,
                      document.document_date.add_days(document.early_discount_days));
        lines.push_back("Early payment: " + document.early_discount_percent + " % discount if paid by "
                        + until.to_string() + ".");
    }
    BO_TRY_ASSIGN(std::string remit, remit_to(txn, company, document.currency));
    lines.push_back(std::move(remit));
    lines.push_back("Payment reference (please quote): " + document.number);
    return lines;
}

core::Result<Document> issued_document(store::Txn& txn, CompanyId company, DocumentId id) {
    BO_TRY_ASSIGN(std::optional<Document> document, queries::select_document(txn, company, id));
    if (!document) {
        return core::Error(core::ErrorCode::not_found, "no such invoice");
    }
    if (document->status != DocumentStatus::issued) {
        return core::Error(core::ErrorCode::conflict,
                           "a draft has no number yet: issue it before printing or sending");
    }
    return std::move(*document);
}

}  // namespace

core::Result<platform::documents::Document> customer_document(
    store::Txn& txn,
    CompanyId company,
    const sales::Customer& customer,
    const std::string& title,
    std::vector<std::string> header_lines,
    std::string_view address_heading) {
    BO_TRY_ASSIGN(const std::string company_name, ledger::company_name(txn, company));
    BO_TRY_ASSIGN(std::vector<std::string> letterhead,
                  platform::company::letterhead(txn, company));
    header_lines.insert(header_lines.begin(), letterhead.begin(), letterhead.end());
    platform::documents::Document pdf{.title = title,
                                      .header_lines = std::move(header_lines),
                                      .footer = company_name + " \xE2\x80\x94 " + title,
                                      .orientation = platform::documents::Orientation::portrait,
                                      .blocks = {}};
    pdf.blocks.emplace_back(Paragraph{std::string(address_heading), TextStyle::heading});
    for (std::string& line : bill_to(customer)) {
        if (!line.empty()) {
            pdf.blocks.emplace_back(Paragraph{std::move(line), TextStyle::body});
        }
    }
    return pdf;
}

core::Result<std::string> remit_to(store::Txn& txn, CompanyId company, core::Currency currency) {
    BO_TRY_ASSIGN(const std::string company_name, ledger::company_name(txn, company));
    BO_TRY_ASSIGN(const std::vector<banking::BankAccount> accounts,
                  banking::list_bank_accounts(txn, company, banking::BankAccountId(0),
                                              bank_accounts_max));
    const auto same_currency = std::find_if(accounts.begin(), accounts.end(),
                                            [&](const banking::BankAccount& account) {
                                                return account.currency == currency;
                                            });
    const auto chosen = same_currency != accounts.end() ? same_currency : accounts.begin();
    std::string remit = "Remit to: " + company_name;
    if (chosen != accounts.end()) {
        remit += ", " + chosen->name;
        if (!chosen->iban.empty()) {
            remit += ", IBAN " + chosen->iban;
        } else if (!chosen->account_number.empty()) {
            remit += ", account " + chosen->account_number;
        }
        if (!chosen->bank_code.empty()) {
            remit += ", " + chosen->bank_code;
        }
    }
    return remit + ".";
}

std::vector<std::string> customer_recipients(const sales::Customer& customer) {
    std::vector<std::string> to;
    for (const sales::Contact& contact : customer.contacts) {
        std::string role = contact.role;
        std::transform(role.begin(), role.end(), role.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const bool billing = role.find("billing") != std::string::npos
                             || role.find("accounts payable") != std::string::npos;
        if (billing && !contact.email.empty()) {
            to.push_back(contact.name.empty() ? contact.email
                                              : contact.name + " <" + contact.email + ">");
            return to;
        }
    }
    if (!customer.email.empty()) {
        to.push_back(customer.email);
    }
    return to;
}

core::Result<platform::mail::OutboxMail> send_to_customer(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Actor& actor,
    const sales::Customer& customer,
    const platform::mail::DocumentRef& document,
    CustomerMail mail) {
    std::vector<std::string> to = mail.to.empty() ? customer_recipients(customer) : mail.to;
    if (to.empty()) {
        return core::Error::invalid("to",
                                    "the customer has no billing contact or e-mail: give "
                                    "addresses");
    }
    platform::mail::Message message;
    BO_TRY_ASSIGN(message.from, platform::mail::Mailbox::parse(mail.from, "from"));
    for (std::size_t index = 0; index < to.size(); ++index) {
        BO_TRY_ASSIGN(platform::mail::Mailbox mailbox,
                      platform::mail::Mailbox::parse(to[index], "to/" + std::to_string(index)));
        message.to.push_back(std::move(mailbox));
    }
    message.subject = std::move(mail.subject);
    message.text = std::move(mail.text);
    message.attachments.push_back(platform::mail::Attachment{.filename = std::move(mail.filename),
                                                             .content_type = "application/pdf",
                                                             .data = std::move(mail.pdf)});
    return platform::mail::enqueue(txn, clock, actor, document, message);
}

platform::mail::DocumentRef mail_document(const Document& document) {
    return {std::string(source_type_of(document.kind)), std::to_string(document.id.value())};
}

core::Result<std::string> document_pdf(store::Txn& txn, CompanyId company, DocumentId id) {
    BO_TRY_ASSIGN(const Document document, issued_document(txn, company, id));
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, company, document.customer));
    BO_ASSERT(customer.has_value());
    std::string dates = "Date " + document.document_date.to_string();
    if (document.kind == DocumentKind::invoice) {
        dates += "    Due " + document.due_date.to_string();
    } else {
        dates += "    Credits invoice " + document.credited_number;
    }
    BO_TRY_ASSIGN(
        platform::documents::Document pdf,
        customer_document(txn, company, *customer, title_of(document),
                          {dates, "Customer " + customer->number
                                      + (document.customer_reference.empty()
                                             ? std::string()
                                             : "    Your reference " + document.customer_reference)},
                          "Bill to"));
    if (!document.reason.empty()) {
        pdf.blocks.emplace_back(Paragraph{"Reason: " + document.reason, TextStyle::body});
    }
    pdf.blocks.emplace_back(Paragraph{"Lines", TextStyle::heading});
    pdf.blocks.emplace_back(lines_table(document));
    pdf.blocks.emplace_back(totals_table(document));
    if (document.kind == DocumentKind::invoice) {
        pdf.blocks.emplace_back(Paragraph{"Payment", TextStyle::heading});
        BO_TRY_ASSIGN(std::vector<std::string> lines, payment_lines(txn, company, document));
        for (std::string& line : lines) {
            pdf.blocks.emplace_back(Paragraph{std::move(line), TextStyle::body});
        }
    }
    return platform::documents::render_pdf(pdf);
}

core::Result<platform::mail::OutboxMail> send_document(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       const platform::Actor& actor,
                                                       DocumentId id,
                                                       const SendRequest& request) {
    BO_TRY_ASSIGN(const Document document, issued_document(txn, actor.company, id));
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, actor.company, document.customer));
    BO_ASSERT(customer.has_value());
    BO_TRY_ASSIGN(const std::string company_name, ledger::company_name(txn, actor.company));
    CustomerMail mail{.to = request.to,
                      .from = request.from,
                      .subject = title_of(document) + " from " + company_name,
                      .text = {},
                      .filename = document.number + ".pdf",
                      .pdf = {}};
    mail.text = (request.message.empty() ? std::string() : request.message + "\n\n")
                + "Dear " + customer->name + ",\n\nplease find attached "
                + title_of(document) + " of " + document.document_date.to_string()
                + " for " + document.total.format() + " " + std::string(document.currency.code())
                + (document.kind == DocumentKind::invoice
                       ? ", due " + document.due_date.to_string()
                             + ". Please quote " + document.number + " with your payment."
                       : ".")
                + "\n\n" + company_name + "\n";
    BO_TRY_ASSIGN(mail.pdf, document_pdf(txn, actor.company, id));
    return send_to_customer(txn, clock, actor, *customer, mail_document(document),
                            std::move(mail));
}

}  // namespace bo::modules::receivables
