// Payments received from customers and their application to invoices (cash application,
// docs/receivables.md "Payments and cash application").
//
// A receipt is money a customer paid into one of the company's bank accounts (cheque, card,
// transfer or cash), in the customer's currency. It is recorded with its allocations to that
// customer's issued, open invoices and posted at once, in one journal entry through
// ledger::post() (source `customer_receipt`, sub-ledger ar, party the customer):
//   Dr bank (the bank account's ledger account)          amount
//   Dr 4300 Sales Discounts (configurable)               early-payment discounts taken
//   Dr 6900 Bank Fees (configurable)                     small differences written off
//   Cr 1200 Accounts Receivable, one line per invoice    amount + discount + write-off
//   Cr 2400 Customer Deposits                            what is not allocated (unapplied cash)
// Unapplied cash sits on 2400 with the customer as party, never on 1200: so the aging of open
// invoices equals the 1200 control account to the cent at every date, with or without
// unapplied cash. Applying it later posts Dr 2400 / Cr 1200; un-applying an allocation posts
// the exact opposite of what applied it (restoring every balance); a refund posts Dr 2400 /
// Cr bank; voiding reverses every entry of the receipt (ledger::reverse, so each cancels
// exactly) with a reason.
//
// Invariants (checked here before anything is written; violations are field errors):
// - an allocation settles one issued invoice of the receipt's customer in the receipt's
//   currency, dated on or before the allocation; an invoice is allocated at most once per
//   request; amount + discount + write-off <= the invoice's open balance, so no open balance
//   ever goes negative;
// - the allocated cash never exceeds the receipt's unapplied cash (amount - applied -
//   refunded >= 0 at all times);
// - a discount is taken only when the receipt is dated within the invoice's discount window
//   (invoice date + early_discount_days) and, with the discounts taken on that invoice
//   before, never exceeds early_discount_percent of the invoice's total less its credits;
// - a write-off per allocation is at most the company's tolerance (default 5.00).
// Every change writes an audit event "receivables.receipt.<verb>" in the caller's
// transaction. Field errors are named as the API's body names them ("bank_account_id",
// "allocations/0/invoice_id", "allocations/0/amount"). Rows are never deleted: an un-applied or voided allocation keeps its dates, so
// that the aging as of any earlier date still sees it.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "modules/banking/model.hpp"
#include "modules/receivables/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables {

struct ReceiptTag;
using ReceiptId = core::Id<ReceiptTag>;
struct AllocationTag;
using AllocationId = core::Id<AllocationTag>;
struct RefundTag;
using RefundId = core::Id<RefundTag>;

// 500 allocations per request and per receipt over its life (applied and un-applied): one
// remittance advice rarely lists more invoices, and one journal entry stays ~500 lines.
inline constexpr std::size_t receipt_allocations_max = 500;
// 100 refunds per receipt: a refund returns what is left unapplied, usually once.
inline constexpr std::size_t receipt_refunds_max = 100;
// A cheque number or remittance text: the 140 characters of an ISO 20022 Ustrd.
inline constexpr std::size_t receipt_reference_chars_max = 140;
// The default tolerance for small differences written off when cash is applied: 5.00 in a
// two-decimal currency (minor units of the receipt's currency).
inline constexpr std::int64_t payment_write_off_tolerance_default_minor = 500;
// The tolerance may be configured up to what a write-off document clears (write_off_minor_max).
inline constexpr std::int64_t payment_write_off_tolerance_max_minor = write_off_minor_max;

// The accounts of the standard chart the postings use unless configured otherwise.
inline constexpr std::string_view unapplied_cash_account = "2400";  // Customer Deposits
inline constexpr std::string_view sales_discount_account_default = "4300";
inline constexpr std::string_view payment_write_off_account_default = "6900";  // Bank Fees

// Enumerators equal the stored and wire names.
enum class ReceiptMethod { cheque, card, transfer, cash };
enum class ReceiptStatus { posted, voided };
enum class AllocationStatus { applied, unapplied, voided };

std::string_view to_string(ReceiptMethod method) noexcept;
std::string_view to_string(ReceiptStatus status) noexcept;
std::string_view to_string(AllocationStatus status) noexcept;
// Errors: invalid_argument naming `field`.
[[nodiscard]] core::Result<ReceiptMethod> parse_receipt_method(std::string_view text,
                                                               std::string_view field);

// One allocation to make: cash of the receipt applied to an invoice, plus what settles it
// without cash. All amounts are >= 0 in the receipt's currency and their sum is > 0.
struct NewAllocation {
    DocumentId invoice{};
    core::Money amount;  // cash applied
    // The early-payment discount taken. nullopt: taken automatically when the receipt is within
    // the invoice's window and `amount` pays the discounted balance (the shortfall, up to the
    // discount still available, becomes the discount and the invoice is settled in full).
    std::optional<core::Money> discount{};
    std::optional<core::Money> write_off{};  // a small difference cleared (<= the tolerance)
};

struct NewReceipt {
    sales::CustomerId customer{};
    core::Date receipt_date;
    core::Money amount;  // > 0, in the customer's currency
    ReceiptMethod method = ReceiptMethod::transfer;
    std::string reference{};  // cheque number or remittance text
    banking::BankAccountId bank_account{};
    // The bank statement line the money arrived on (the matcher's), stored for the link only.
    std::optional<banking::StatementLineId> statement_line{};
    std::vector<NewAllocation> allocations{};  // may be empty: all of it is unapplied cash
};

struct Allocation {
    AllocationId id{};
    ReceiptId receipt{};
    DocumentId invoice{};
    std::string invoice_number;
    core::Money amount;
    core::Money discount;
    core::Money write_off;
    core::Date applied_date;
    std::int64_t entry_id = 0;          // the entry that applied it
    std::int64_t functional_minor = 0;  // what that entry credited to 1200, functional
    AllocationStatus status = AllocationStatus::applied;
    std::optional<core::Date> unapplied_date{};
    std::optional<std::int64_t> unapply_entry_id{};
    std::optional<core::Date> voided_date{};
    std::string discount_account{};  // where its discount and write-off were debited
    std::string write_off_account{};
};

struct Refund {
    RefundId id{};
    core::Date refund_date;
    core::Money amount;
    std::string reference;
    std::int64_t entry_id = 0;
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
};

struct Receipt {
    // A blank receipt of `amount` dated `date` (nothing applied or refunded).
    Receipt(core::Money amount_in, core::Date date)
        : receipt_date(date),
          amount(amount_in),
          applied(core::Money::zero(amount_in.currency)),
          refunded(applied),
          unapplied(amount_in) {}

    ReceiptId id{};
    CompanyId company_id{};
    sales::CustomerId customer{};
    std::string customer_number;
    std::string customer_name;
    core::Date receipt_date;
    core::Money amount;
    ReceiptMethod method = ReceiptMethod::transfer;
    std::string reference;
    banking::BankAccountId bank_account{};
    std::string bank_ledger_account;  // its number, e.g. "1120"
    std::optional<banking::StatementLineId> statement_line;
    ReceiptStatus status = ReceiptStatus::posted;
    std::int64_t entry_id = 0;
    core::Money applied;  // cash of the allocations in force
    core::Money refunded;
    core::Money unapplied;  // amount - applied - refunded; zero once voided
    std::optional<core::Date> void_date;
    std::string void_reason;
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
    std::vector<Allocation> allocations;  // every allocation ever made, by id (find_receipt)
    std::vector<Refund> refunds;          // by id (find_receipt)
};

// What a company configures for cash application.
struct PaymentSettings {
    std::int64_t write_off_tolerance_minor = payment_write_off_tolerance_default_minor;
    std::string write_off_account = std::string(payment_write_off_account_default);
    std::string discount_account = std::string(sales_discount_account_default);
};

struct ReceiptQuery {
    std::optional<sales::CustomerId> customer{};
    std::optional<core::Date> from{};  // receipt_date range [from, to)
    std::optional<core::Date> to{};
    bool unapplied_only = false;  // posted receipts with unapplied cash left
    std::optional<ReceiptMethod> method{};
    std::optional<banking::StatementLineId> statement_line{};
    ReceiptId after{};
    std::int64_t limit = 50;
};

// A payment as an invoice sees it: one allocation with its receipt.
struct InvoicePayment {
    Allocation allocation;
    core::Date receipt_date;
    ReceiptMethod method = ReceiptMethod::transfer;
    std::string reference;
};

// Records and posts a receipt with its allocations (see the header comment), audited as
// "receivables.receipt.record". Errors (nothing written): invalid_argument — "customer"
// unknown, "amount" not > 0 or not in the customer's currency, "reference" too long,
// "bank_account_id" unknown or in another currency, "allocations" allocating more than the
// amount; limit_exceeded ("allocations") over receipt_allocations_max; "allocations/N/invoice_id" (unknown, another customer's,
// not issued, another currency, dated after the receipt, given twice),
// "allocations/N/amount" (negative, nothing to settle, over the open balance),
// "allocations/N/discount" (outside the window or over the discount available),
// "allocations/N/write_off" (over the tolerance); those of ledger::post() (period_closed).
[[nodiscard]] core::Result<Receipt> record_receipt(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const platform::Actor& actor,
                                                   const NewReceipt& input);

// Applies unapplied cash of a posted receipt to invoices on `date` (default: today; not before
// the receipt's date): Dr 2400 (and discount / write-off accounts) / Cr 1200 per invoice.
// Errors: not_found; conflict once voided; invalid_argument as record_receipt ("allocations"
// empty or over the unapplied cash, "allocations/N/...", "date"); those of ledger::post().
[[nodiscard]] core::Result<Receipt> apply_receipt(store::Txn& txn,
                                                  const core::Clock& clock,
                                                  const platform::Actor& actor,
                                                  ReceiptId id,
                                                  const std::vector<NewAllocation>& allocations,
                                                  std::optional<core::Date> date);

// Takes allocation `allocation` back to unapplied cash on `date` (default today; not before it
// was applied): posts the exact opposite of what applied it. Errors: not_found (receipt or
// allocation); conflict once voided or already un-applied; invalid_argument ("date").
[[nodiscard]] core::Result<Receipt> unapply_allocation(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       const platform::Actor& actor,
                                                       ReceiptId id,
                                                       AllocationId allocation,
                                                       std::optional<core::Date> date);

struct NewRefund {
    std::optional<core::Money> amount{};  // default: all the unapplied cash
    std::optional<core::Date> date{};     // default: today
    std::string reference{};
};

// Pays unapplied cash back to the customer: Dr 2400 / Cr bank. Errors: not_found; conflict
// once voided or with no unapplied cash; invalid_argument ("amount" not > 0 or over the
// unapplied cash, "date", "reference"); limit_exceeded past receipt_refunds_max.
[[nodiscard]] core::Result<Receipt> refund_receipt(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const platform::Actor& actor,
                                                   ReceiptId id,
                                                   const NewRefund& input);

// Voids a receipt (a bounced cheque, a receipt entered by mistake) on `date` (default today;
// not before its last entry): reverses each of its entries with `reason`; its allocations stop
// settling their invoices. Errors: not_found; conflict when already voided or when cash was
// refunded (the refund happened: un-apply and correct instead); invalid_argument ("reason",
// "date"); period_closed.
[[nodiscard]] core::Result<Receipt> void_receipt(store::Txn& txn,
                                                 const core::Clock& clock,
                                                 const platform::Actor& actor,
                                                 ReceiptId id,
                                                 const std::string& reason,
                                                 std::optional<core::Date> date);

// The receipt with its allocations and refunds, or nullopt (also for another company's id).
[[nodiscard]] core::Result<std::optional<Receipt>> find_receipt(store::Txn& txn,
                                                                CompanyId company,
                                                                ReceiptId id);

// A page of receipts (without allocations and refunds) matching `query`, by id.
[[nodiscard]] core::Result<std::vector<Receipt>> list_receipts(store::Txn& txn,
                                                               CompanyId company,
                                                               const ReceiptQuery& query);

// Every allocation ever made to `invoice` with its receipt, by id (bounded by the invoice's
// allocations: each settles a part of it).
[[nodiscard]] core::Result<std::vector<InvoicePayment>> invoice_payments(store::Txn& txn,
                                                                         CompanyId company,
                                                                         DocumentId invoice);

// A customer's payment history: its first account_receipts_max receipts by id (without
// allocations), and the unapplied cash of all its posted receipts.
inline constexpr std::int64_t account_receipts_max = 500;

struct CustomerPayments {
    std::vector<Receipt> receipts;
    core::Money unapplied;
};

[[nodiscard]] core::Result<CustomerPayments> customer_payments(store::Txn& txn,
                                                               CompanyId company,
                                                               sales::CustomerId customer,
                                                               core::Currency currency);

// The company's cash-application settings (defaults when never set).
[[nodiscard]] core::Result<PaymentSettings> payment_settings(store::Txn& txn, CompanyId company);

// Replaces the settings. Errors: invalid_argument ("write_off_tolerance" negative or over
// payment_write_off_tolerance_max_minor, "write_off_account" / "discount_account" not an
// active income or expense account).
[[nodiscard]] core::Result<PaymentSettings> set_payment_settings(store::Txn& txn,
                                                                 const core::Clock& clock,
                                                                 const platform::Actor& actor,
                                                                 const PaymentSettings& input);

}  // namespace bo::modules::receivables
