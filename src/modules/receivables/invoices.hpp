// Customer invoices: manual drafts for services and fees, changed or deleted while draft, then
// issued: a gap-free number of the series INV per company and year ("INV-2026-000001") taken
// inside the issuing transaction, and one journal entry through ledger::post() — Dr 1200
// Accounts Receivable (party: the customer) / Cr revenue per line / Cr tax payable per rate
// account. An issued invoice never changes; credit notes and write-offs reduce it.
//
// Lines are priced as sales orders are (sales::line_amounts: per line, half-even, explicit
// rounding; docs/sales.md "Totals"); the tax rate comes from sales' tax-rate table
// (sales::tax_rate_for), none for an exempt customer. The currency and payment terms are the
// customer's; due date = invoice date + terms. An early-payment discount (e.g. 2 % within 10
// days) is recorded and printed; it is taken when a payment arrives (cash application, #7).
// Every change writes an audit event "receivables.invoice.<verb>" in the caller's transaction.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <optional>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/receivables/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables {

using platform::Actor;

// Creates a draft invoice. Errors: invalid_argument ("customer" unknown, "invoice_date",
// "payment_terms_days", "early_discount_percent", "early_discount_days", "customer_reference",
// "lines" empty or over document_lines_max, "lines/N/sku" unknown, "lines/N/description",
// "lines/N/unit", "lines/N/quantity", "lines/N/unit_price", "lines/N/discount_percent",
// "lines/N/tax_code", "lines/N/account" not an active income account).
[[nodiscard]] core::Result<Document> create_invoice(store::Txn& txn,
                                                    const core::Clock& clock,
                                                    const Actor& actor,
                                                    const NewInvoice& input);

// Replaces a draft's fields and lines with `input`. Errors: not_found; conflict once issued;
// invalid_argument as create_invoice.
[[nodiscard]] core::Result<Document> update_invoice(store::Txn& txn,
                                                    const core::Clock& clock,
                                                    const Actor& actor,
                                                    DocumentId id,
                                                    const NewInvoice& input);

// Deletes a draft. Errors: not_found; conflict once issued.
[[nodiscard]] core::Result<void> delete_invoice(store::Txn& txn,
                                                const core::Clock& clock,
                                                const Actor& actor,
                                                DocumentId id);

// Issues a draft invoice (number, posting, audit). Errors: not_found; conflict once issued;
// invalid_argument ("lines") for a zero total; those of ledger::post() (period_closed, ...).
[[nodiscard]] core::Result<Document> issue_invoice(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const Actor& actor,
                                                   DocumentId id);

// The document (any kind) with its lines, or nullopt (also for another company's id).
[[nodiscard]] core::Result<std::optional<Document>> find_document(store::Txn& txn,
                                                                  CompanyId company,
                                                                  DocumentId id);

// A page of documents matching `query`, by id. Errors: invalid_argument / limit_exceeded
// (field "limit").
[[nodiscard]] core::Result<std::vector<Document>> list_documents(store::Txn& txn,
                                                                 CompanyId company,
                                                                 const DocumentQuery& query);

// Builds a draft invoice for `customer` from `lines` already priced (the billing run's
// shipped lines); the caller inserts it. Errors: invalid_argument ("customer").
[[nodiscard]] core::Result<Document> draft_for(store::Txn& txn,
                                               const core::Clock& clock,
                                               const Actor& actor,
                                               sales::CustomerId customer,
                                               core::Date date);

// Inserts `document` (a draft built by draft_for with its lines) and audits its creation.
[[nodiscard]] core::Result<Document> insert_draft(store::Txn& txn,
                                                  const core::Clock& clock,
                                                  const Actor& actor,
                                                  Document document);

}  // namespace bo::modules::receivables
