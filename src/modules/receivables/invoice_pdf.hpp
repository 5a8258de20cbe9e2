// The invoice document: its PDF (A4, fit to print) and sending it by e-mail.
//
// The PDF shows the company, bill-to (the customer's default billing address), the number,
// invoice and due dates, the lines, tax per rate, totals, the early-payment terms, remit-to
// (the company's bank account in the invoice's currency, else its first) and the payment
// reference customers should quote: the invoice number, which cash application matches on.
// Sending queues one e-mail with the PDF attached through the outbox in the caller's
// transaction (platform/mail: delivered after the commit); each send is in the invoice's send
// log (document "sales_invoice:<id>"). Credit notes print and send the same way.
// The frame every document to a customer shares — invoices, dunning letters, statements of
// account: the title, the company and dates under it, the footer, the customer's address block,
// remit-to, and the e-mail with the PDF attached — is built by the functions below, once.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/receivables/model.hpp"
#include "modules/sales/model.hpp"
#include "platform/api/caller.hpp"
#include "platform/documents/pdf.hpp"
#include "platform/mail/outbox.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables {

// --- The frame of documents to customers --------------------------------------------------

// A PDF to `customer` titled `title`: the company's letterhead (platform/company) and
// `header_lines` under the title, the footer "<company> — <title>", and the customer's address
// (its default billing address, else its first billing address, else any) under the heading
// `address_heading`; the caller appends its blocks. Errors: those of the store.
[[nodiscard]] core::Result<platform::documents::Document> customer_document(
    store::Txn& txn,
    CompanyId company,
    const sales::Customer& customer,
    const std::string& title,
    std::vector<std::string> header_lines,
    std::string_view address_heading);

// "Remit to: <company>, <bank account in `currency`, else the first>, IBAN …." Errors: those
// of the store.
[[nodiscard]] core::Result<std::string> remit_to(store::Txn& txn,
                                                 CompanyId company,
                                                 core::Currency currency);

// A message to a customer with one PDF attached.
struct CustomerMail {
    std::vector<std::string> to;  // empty: the billing contact, else the customer's e-mail
    std::string from;             // "Name <address>"
    std::string subject;
    std::string text;
    std::string filename;  // "INV-2026-000001.pdf"
    std::string pdf;
};

// The addresses a message to `customer` goes to when none are given: its contacts whose role
// names "Billing" or "Accounts payable", else its e-mail; empty when it has neither.
std::vector<std::string> customer_recipients(const sales::Customer& customer);

// Queues `mail` for `document` through the outbox. Errors: invalid_argument ("to" when the
// customer has no address and none is given, "to/N", "from"); those of
// platform::mail::enqueue.
[[nodiscard]] core::Result<platform::mail::OutboxMail> send_to_customer(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Actor& actor,
    const sales::Customer& customer,
    const platform::mail::DocumentRef& document,
    CustomerMail mail);

// --- Invoices and credit notes --------------------------------------------------------------

// The mail document a receivable document's sends are logged under.
platform::mail::DocumentRef mail_document(const Document& document);

// The PDF of an issued document. Errors: not_found; conflict for a draft (it has no number
// yet); internal when the PDF cannot be rendered.
[[nodiscard]] core::Result<std::string> document_pdf(store::Txn& txn,
                                                     CompanyId company,
                                                     DocumentId id);

struct SendRequest {
    std::vector<std::string> to{};  // empty: the customer's billing contact, else its e-mail
    std::string from{};           // "Name <address>"; empty: the server's smtp_from
    std::string message{};        // optional text above the standard one
};

// Queues the document's e-mail with its PDF. Errors: not_found; conflict for a draft;
// invalid_argument ("to" when the customer has no address and none is given, "to/N", "from");
// those of platform::mail::enqueue.
[[nodiscard]] core::Result<platform::mail::OutboxMail> send_document(store::Txn& txn,
                                                                     const core::Clock& clock,
                                                                     const platform::Actor& actor,
                                                                     DocumentId id,
                                                                     const SendRequest& request);

}  // namespace bo::modules::receivables
