// The statement of account: a customer's issued documents over a date range with a running
// balance, as a PDF to print or e-mail (docs/receivables.md "Collections").
//
// Opening balance = the customer's issued invoices less its credit notes and write-offs dated
// before `from`, less its payments (receipts, less refunds and voids, and the discounts and
// differences their allocations wrote off); then every document and payment dated in
// [from, to) by date (documents first within a day): an invoice, a refund or a void is a
// debit, a credit note, write-off, receipt or allowance a credit; closing = opening + debits -
// credits. So unapplied cash lowers the balance, as the customer sees it. At the foot, the
// open invoices on the last day by aging bucket (current, 1–30, 31–60, 61–90, over 90 days
// past due). All amounts in the customer's currency. Sending queues the PDF by e-mail through
// the outbox; each send is in the customer's statement send log (document
// "customer_statement:<id>").
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "modules/receivables/invoice_pdf.hpp"
#include "modules/receivables/model.hpp"
#include "platform/api/caller.hpp"
#include "platform/mail/outbox.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables {

// Five thousand lines: a statement is a document to read (about a hundred pages at most).
inline constexpr std::size_t statement_lines_max = 5000;
// A statement covers at most ten years.
inline constexpr std::int64_t statement_days_max = 3660;
// Without `from`, a statement covers the 90 days up to `to`.
inline constexpr std::int64_t statement_days_default = 90;

// What a statement line is. Enumerators equal their wire names.
enum class StatementEntry {
    invoice,
    credit_note,
    write_off,
    receipt,             // a payment received
    receipt_void,        // a payment taken back (bounced cheque, wrong customer)
    refund,              // unapplied cash paid back
    allowance,           // an early-payment discount or small difference written off
    allowance_reversed,  // its allocation un-applied or voided
};

struct StatementLine {
    core::Date date;
    StatementEntry kind = StatementEntry::invoice;
    std::string number;
    std::string detail;  // "Invoice, due 2026-04-04", "Credit note on INV-…", "transfer 4711"
    core::Money debit;
    core::Money credit;
    core::Money balance;  // running, after this line
};

struct Statement {
    sales::CustomerId customer{};
    std::string customer_number;
    std::string customer_name;
    core::Date from;
    core::Date to;  // exclusive
    core::Money opening;
    std::vector<StatementLine> lines;
    core::Money closing;
    std::vector<core::Money> aging;  // aging_buckets: open invoices on to - 1 day, by bucket
};

// The statement for [from, to) (defaults: to = tomorrow, from = to - 90 days).
// Errors: not_found (customer); invalid_argument ("from" not before "to", "to" more than
// statement_days_max after "from"); limit_exceeded past statement_lines_max lines.
[[nodiscard]] core::Result<Statement> statement_of_account(store::Txn& txn,
                                                           const core::Clock& clock,
                                                           CompanyId company,
                                                           sales::CustomerId customer,
                                                           std::optional<core::Date> from,
                                                           std::optional<core::Date> to);

// The statement as an A4 PDF. Errors: internal when it cannot be rendered.
[[nodiscard]] core::Result<std::string> statement_pdf(store::Txn& txn,
                                                      CompanyId company,
                                                      const Statement& statement);

// The mail document a customer's statement sends are logged under.
platform::mail::DocumentRef statement_mail_document(sales::CustomerId customer);

// Queues the statement's PDF by e-mail (to `request.to`, else the customer's billing contact,
// else its e-mail). Errors: those of statement_of_account and send_to_customer.
[[nodiscard]] core::Result<platform::mail::OutboxMail> send_statement(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Actor& actor,
    const Statement& statement,
    const SendRequest& request);

}  // namespace bo::modules::receivables
