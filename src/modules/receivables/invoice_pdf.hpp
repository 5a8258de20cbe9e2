// The invoice document: its PDF (A4, fit to print) and sending it by e-mail.
//
// The PDF shows the company, bill-to (the customer's default billing address), the number,
// invoice and due dates, the lines, tax per rate, totals, the early-payment terms, remit-to
// (the company's bank account in the invoice's currency, else its first) and the payment
// reference customers should quote: the invoice number, which cash application matches on.
// Sending queues one e-mail with the PDF attached through the outbox in the caller's
// transaction (platform/mail: delivered after the commit); each send is in the invoice's send
// log (document "sales_invoice:<id>"). Credit notes print and send the same way.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/receivables/model.hpp"
#include "platform/api/caller.hpp"
#include "platform/mail/outbox.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables {

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
