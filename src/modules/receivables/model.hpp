// Receivables: the plain types of customer invoices, credit notes, write-offs, billing runs and
// aging (docs/receivables.md).
//
// One document type holds all three kinds. A document is a draft (no number, may change) until
// it is issued: then it has a gap-free number of its series and year ("INV-2026-000001"), its
// journal entry, and it never changes again. A credit note or write-off reduces one invoice.
// Invariants: total = net + tax; every amount is >= 0 and in the document's currency (the
// customer's); the credits issued against an invoice never exceed its total, and each credited
// line's net and tax never exceed the invoice line's.
// Thread safety: plain values.
#pragma once

#include <array>
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
#include "modules/sales/model.hpp"
#include "platform/auth/model.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::modules::receivables {

using platform::tenancy::CompanyId;

struct DocumentTag;
using DocumentId = core::Id<DocumentTag>;
struct BillingRunTag;
using BillingRunId = core::Id<BillingRunTag>;

// 500 lines per invoice: one request body and one journal entry of at most ~500 + rates lines.
inline constexpr std::size_t document_lines_max = 500;
inline constexpr std::size_t description_chars_max = 500;
inline constexpr std::size_t reason_chars_max = 500;
inline constexpr std::size_t customer_reference_chars_max = 100;
// A write-off clears a small remainder (a short payment, a rounding difference); anything
// larger is a credit note with its approval. 100.00 in a two-decimal currency.
inline constexpr std::int64_t write_off_minor_max = 10'000;
// Early-payment discounts run for at most the longest payment terms.
inline constexpr std::int64_t early_discount_days_max = 365;

// Enumerators equal the stored and wire names.
enum class DocumentKind { invoice, credit_note, write_off };
enum class DocumentStatus { draft, issued };
enum class BillingMode { per_shipment, consolidated };

std::string_view to_string(DocumentKind kind) noexcept;
std::string_view to_string(DocumentStatus status) noexcept;
std::string_view to_string(BillingMode mode) noexcept;
// Errors: invalid_argument naming `field`.
[[nodiscard]] core::Result<DocumentKind> parse_document_kind(std::string_view text,
                                                             std::string_view field);
[[nodiscard]] core::Result<DocumentStatus> parse_document_status(std::string_view text,
                                                                 std::string_view field);
[[nodiscard]] core::Result<BillingMode> parse_billing_mode(std::string_view text,
                                                           std::string_view field);

// The number series of a kind ("INV", "CN", "WO").
std::string_view series_of(DocumentKind kind) noexcept;
// The ledger source type of a kind ("sales_invoice", "sales_credit_note", "sales_write_off").
std::string_view source_type_of(DocumentKind kind) noexcept;

struct DocumentLine {
    std::int64_t line_number = 0;
    std::optional<std::int64_t> item_id{};
    std::string sku{};  // "" for a free line
    std::string description{};
    std::string unit{};
    std::int64_t quantity_milli = 0;
    core::Money unit_price;
    std::string discount_percent = "0";
    std::optional<std::int64_t> tax_rate_id{};
    std::string tax_percent = "0";
    std::string tax_account{};  // the liability the tax is payable to; "" without tax
    std::string revenue_account{};
    core::Money net;
    core::Money tax;
    std::optional<std::int64_t> credited_line_number{};  // credit notes
    std::optional<std::int64_t> shipment_id{};           // billed shipment lines
    std::optional<std::int64_t> shipment_line_number{};
};

struct Document {
    // A blank document in `currency` dated `date` (every amount zero).
    Document(core::Currency currency_in, core::Date date)
        : currency(currency_in),
          document_date(date),
          due_date(date),
          net(core::Money::zero(currency_in)),
          tax(net),
          total(net),
          credited(net),
          paid(net),
          open(net) {}

    DocumentId id{};
    CompanyId company_id{};
    DocumentKind kind = DocumentKind::invoice;
    DocumentStatus status = DocumentStatus::draft;
    std::string number;  // "" while draft
    sales::CustomerId customer{};
    std::string customer_number;
    std::string customer_name;
    core::Currency currency;
    sales::TaxInclusion prices = sales::TaxInclusion::exclusive;
    core::Date document_date;  // the invoice (or credit) date
    core::Date due_date;
    std::int64_t payment_terms_days = 0;
    std::string early_discount_percent = "0";
    std::int64_t early_discount_days = 0;
    std::optional<DocumentId> credited_invoice;
    std::string credited_number;
    std::string reason;
    std::string customer_reference;
    core::Money net;
    core::Money tax;
    core::Money total;
    std::int64_t functional_total_minor = 0;
    std::optional<std::int64_t> entry_id;
    std::optional<BillingRunId> billing_run;
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
    core::Instant updated_at{0};
    std::optional<platform::auth::UserId> issued_by;
    std::optional<core::Instant> issued_at;
    // Invoices only: what issued credit notes and write-offs took off, what receipts' allocations
    // in force settled (cash, early-payment discounts and differences written off), and what is
    // left: open = total - credited - paid.
    core::Money credited;
    core::Money paid;
    core::Money open;
    std::vector<DocumentLine> lines;  // empty in list answers
};

// A line of a manual invoice, as it comes from outside (not yet validated).
struct NewInvoiceLine {
    std::optional<std::string> sku{};  // an item; else a free line with `description`
    std::string description{};         // required for free lines; default the item's
    std::optional<std::string> unit{};  // free lines: "ea" by default, "h" for hours
    std::string quantity{};
    std::optional<std::string> unit_price{};  // default: the item's price
    std::string discount_percent = "0";
    std::optional<std::string> tax_code{};  // default: the item's, else the company's default
    std::optional<std::string> account{};   // income account; default 4110 items, 4120 services
};

struct NewInvoice {
    std::string customer{};  // the customer's number
    std::optional<std::string> invoice_date{};
    std::optional<std::int64_t> payment_terms_days{};  // default: the customer's
    std::string early_discount_percent = "0";
    std::int64_t early_discount_days = 0;
    std::string customer_reference{};
    bool prices_include_tax = false;
    std::vector<NewInvoiceLine> lines{};
};

// A line to credit: an invoice line, and a quantity or a net amount (neither: what is left).
struct NewCreditLine {
    std::int64_t invoice_line = 0;
    std::optional<std::string> quantity{};
    std::optional<std::string> amount{};
};

struct NewCreditNote {
    DocumentId invoice{};
    std::string reason;
    std::optional<std::string> credit_date;
    std::vector<NewCreditLine> lines;  // empty: every line, whatever is left of it
};

struct NewWriteOff {
    std::optional<std::string> amount{};  // default: the whole open balance
    std::string reason{};
    std::optional<std::string> date{};
    std::optional<std::string> account{};  // default 4200 Sales Returns and Allowances
};

struct DocumentQuery {
    std::optional<DocumentKind> kind{};
    std::optional<DocumentStatus> status{};
    std::optional<sales::CustomerId> customer{};
    bool overdue_only = false;  // issued invoices with an open balance past due as of `today`
    core::Date today;
    std::optional<core::Date> from{};  // document_date range [from, to)
    std::optional<core::Date> to{};
    DocumentId after{};
    std::int64_t limit = 50;
};

struct BillingRun {
    BillingRunId id{};
    core::Date as_of;
    std::int64_t invoices = 0;
    std::int64_t lines = 0;
    std::vector<DocumentId> documents;
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
};

// --- Aging ------------------------------------------------------------------------------------

inline constexpr std::size_t aging_buckets = 5;  // current, 1-30, 31-60, 61-90, over 90
std::string_view aging_bucket_name(std::size_t bucket) noexcept;
// The bucket of an item `days_overdue` days past its due date (<= 0: current).
std::size_t aging_bucket(std::int64_t days_overdue) noexcept;

using AgingAmounts = std::array<std::int64_t, aging_buckets>;

struct AgingItem {
    DocumentId invoice{};
    std::string number;
    core::Date due_date;
    std::int64_t days_overdue = 0;
    core::Money open;                   // in the invoice's currency
    std::int64_t functional_minor = 0;  // in the company's functional currency
};

struct CustomerAging {
    sales::CustomerId customer{};
    std::string customer_number;
    std::string customer_name;
    AgingAmounts buckets{};  // functional currency
    std::int64_t total_minor = 0;
    std::vector<AgingItem> items;
};

struct Aging {
    core::Date as_of;
    core::Currency currency;  // functional
    std::vector<CustomerAging> customers;  // by customer number
    AgingAmounts buckets{};
    std::int64_t total_minor = 0;
    // The receivable control account's balance in the ledger at the end of as_of, and what
    // differs (postings to it that are not invoices: opening balances, payments to come).
    std::string control_account;
    std::int64_t ledger_balance_minor = 0;
    std::int64_t difference_minor = 0;
};

struct CustomerAccount {
    sales::Customer customer;
    std::vector<Document> documents;   // issued, by date then id (at most page size)
    std::vector<Document> open_items;  // issued invoices with an open balance
    core::Money balance;               // sum of open, in the customer's currency
    core::Money overdue;
};

}  // namespace bo::modules::receivables
