// The SQL of receipts and cash application (the only place it lives). Every statement is
// scoped by company and uses $n parameters; the texts are the same on both backends.
// Thread safety: functions of a Txn.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "modules/receivables/payments.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables::payment_queries {

// Inserts the receipt's header (posted, with its entry). Answers its id.
[[nodiscard]] core::Result<ReceiptId> insert_receipt(store::Txn& txn, const Receipt& receipt);

// Stores the receipt's journal entry (posted after the header, whose id is its source).
[[nodiscard]] core::Result<void> set_entry(store::Txn& txn,
                                           CompanyId company,
                                           ReceiptId id,
                                           std::int64_t entry_id);

// Deletes a receipt header whose entry was refused (entry_id still 0; nothing refers to it).
[[nodiscard]] core::Result<void> delete_unposted_receipt(store::Txn& txn,
                                                         CompanyId company,
                                                         ReceiptId id);

// Locks the receipt's row for the rest of the transaction (a no-op on SQLite, which has one
// writer). Answers false when there is no such receipt.
[[nodiscard]] core::Result<bool> lock_receipt(store::Txn& txn, CompanyId company, ReceiptId id);

// The receipt's header with its applied and refunded sums (no allocations), or nullopt.
[[nodiscard]] core::Result<std::optional<Receipt>> select_receipt(store::Txn& txn,
                                                                  CompanyId company,
                                                                  ReceiptId id);
[[nodiscard]] core::Result<std::vector<Receipt>> select_receipts(store::Txn& txn,
                                                                 CompanyId company,
                                                                 const ReceiptQuery& query);

// The unapplied cash of a customer's posted receipts (minor units of its currency).
[[nodiscard]] core::Result<std::int64_t> select_unapplied_total(store::Txn& txn,
                                                                CompanyId company,
                                                                sales::CustomerId customer);

[[nodiscard]] core::Result<std::vector<Allocation>> select_allocations(store::Txn& txn,
                                                                       CompanyId company,
                                                                       ReceiptId receipt);
[[nodiscard]] core::Result<std::vector<Refund>> select_refunds(store::Txn& txn,
                                                               CompanyId company,
                                                               ReceiptId receipt);
// Every allocation to `invoice` with its receipt's date, method and reference, by id.
[[nodiscard]] core::Result<std::vector<InvoicePayment>> select_invoice_payments(store::Txn& txn,
                                                                                CompanyId company,
                                                                                DocumentId invoice);

struct AllocationWrite {
    ReceiptId receipt{};
    DocumentId invoice{};
    std::int64_t amount_minor = 0;
    std::int64_t discount_minor = 0;
    std::int64_t write_off_minor = 0;
    core::Date applied_date;
    std::int64_t entry_id = 0;
    std::int64_t functional_minor = 0;
    std::string discount_account;
    std::string write_off_account;
};

[[nodiscard]] core::Result<AllocationId> insert_allocation(store::Txn& txn,
                                                           const platform::Actor& actor,
                                                           core::Instant at,
                                                           const AllocationWrite& allocation);

// Stamps an applied allocation un-applied. Answers false when it was not applied.
[[nodiscard]] core::Result<bool> mark_unapplied(store::Txn& txn,
                                                CompanyId company,
                                                AllocationId allocation,
                                                core::Date date,
                                                std::int64_t entry_id,
                                                std::int64_t functional_minor);

// Stamps the receipt and every allocation of it voided on `date`.
[[nodiscard]] core::Result<void> mark_voided(store::Txn& txn,
                                             const platform::Actor& actor,
                                             core::Instant at,
                                             ReceiptId receipt,
                                             core::Date date,
                                             const std::string& reason);

struct RefundWrite {
    ReceiptId receipt{};
    core::Date refund_date;
    std::int64_t amount_minor = 0;
    std::string reference;
    std::int64_t entry_id = 0;
};

[[nodiscard]] core::Result<RefundId> insert_refund(store::Txn& txn,
                                                   const platform::Actor& actor,
                                                   core::Instant at,
                                                   const RefundWrite& refund);

[[nodiscard]] core::Result<std::optional<PaymentSettings>> select_settings(store::Txn& txn,
                                                                           CompanyId company);
[[nodiscard]] core::Result<void> upsert_settings(store::Txn& txn,
                                                 CompanyId company,
                                                 const PaymentSettings& settings,
                                                 core::Instant at);

}  // namespace bo::modules::receivables::payment_queries
