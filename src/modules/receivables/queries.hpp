// The SQL of the receivables module (the only place it lives). Every statement is scoped by
// company and uses $n parameters; the texts are the same on both backends.
// Thread safety: functions of a Txn.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/receivables/model.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables::queries {

// The next number of `series` in `year` (1, 2, ...): an upsert whose row lock holds until the
// transaction ends, so concurrent issuers wait and a rollback gives the number back.
[[nodiscard]] core::Result<std::int64_t> next_number(store::Txn& txn,
                                                     CompanyId company,
                                                     std::string_view series,
                                                     std::int64_t year);

[[nodiscard]] core::Result<DocumentId> insert_document(store::Txn& txn, const Document& document);
// Writes the header fields that may change (draft edits, issue) and replaces the lines.
[[nodiscard]] core::Result<void> update_document(store::Txn& txn, const Document& document);
[[nodiscard]] core::Result<void> delete_document(store::Txn& txn,
                                                 CompanyId company,
                                                 DocumentId id);
// Locks the document's row for the rest of the transaction (a no-op on SQLite, which has one
// writer). Answers false when there is no such document.
[[nodiscard]] core::Result<bool> lock_document(store::Txn& txn, CompanyId company, DocumentId id);

// The document with its lines, customer and credits, or nullopt.
[[nodiscard]] core::Result<std::optional<Document>> select_document(store::Txn& txn,
                                                                    CompanyId company,
                                                                    DocumentId id);
// A page of documents (without lines) matching `query`, by id.
[[nodiscard]] core::Result<std::vector<Document>> select_documents(store::Txn& txn,
                                                                   CompanyId company,
                                                                   const DocumentQuery& query);
// The issued documents of a customer (without lines), by date then id, at most `limit`.
[[nodiscard]] core::Result<std::vector<Document>> select_customer_documents(
    store::Txn& txn, CompanyId company, sales::CustomerId customer, std::int64_t limit);

struct CreditedAmounts {
    std::int64_t net_minor = 0;
    std::int64_t tax_minor = 0;
};
// What issued credit notes took off each line of `invoice`, by invoice line number.
[[nodiscard]] core::Result<std::map<std::int64_t, CreditedAmounts>> select_credited_lines(
    store::Txn& txn, CompanyId company, DocumentId invoice);

// One issued invoice as aging sees it on a date: its totals and what reduced it by then —
// credits issued and receipts' allocations in force (credited_* includes both).
struct OpenInvoiceRow {
    DocumentId id{};
    std::string number;
    sales::CustomerId customer{};
    std::string customer_number;
    std::string customer_name;
    std::string currency;
    core::Date due_date;
    std::int64_t total_minor = 0;
    std::int64_t functional_minor = 0;
    std::int64_t credited_minor = 0;
    std::int64_t credited_functional_minor = 0;
};
// Every invoice issued on or before `as_of` whose open balance on that date is not zero.
[[nodiscard]] core::Result<std::vector<OpenInvoiceRow>> select_open_invoices(
    store::Txn& txn,
    CompanyId company,
    core::Date as_of,
    std::optional<sales::CustomerId> customer);

[[nodiscard]] core::Result<std::optional<BillingMode>> select_billing_mode(
    store::Txn& txn, CompanyId company, sales::CustomerId customer);
[[nodiscard]] core::Result<void> upsert_billing_mode(store::Txn& txn,
                                                     CompanyId company,
                                                     sales::CustomerId customer,
                                                     BillingMode mode,
                                                     core::Instant at);

[[nodiscard]] core::Result<BillingRunId> insert_billing_run(store::Txn& txn,
                                                            CompanyId company,
                                                            const BillingRun& run);
[[nodiscard]] core::Result<std::optional<BillingRun>> select_billing_run(store::Txn& txn,
                                                                        CompanyId company,
                                                                        BillingRunId id);
[[nodiscard]] core::Result<std::vector<BillingRun>> select_billing_runs(store::Txn& txn,
                                                                       CompanyId company,
                                                                       BillingRunId after,
                                                                       std::int64_t limit);

}  // namespace bo::modules::receivables::queries
