// Receipts and cash application: checks, postings and audit (see payments.hpp).
#include "modules/receivables/payments.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "core/assert.hpp"
#include "ledger/service.hpp"
#include "modules/banking/service.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/receivables/payment_queries.hpp"
#include "modules/receivables/queries.hpp"
#include "modules/sales/service.hpp"
#include "modules/sales/totals.hpp"
#include "platform/audit/audit.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::receivables {

std::string_view to_string(ReceiptMethod method) noexcept {
    switch (method) {
        case ReceiptMethod::cheque:
            return "cheque";
        case ReceiptMethod::card:
            return "card";
        case ReceiptMethod::transfer:
            return "transfer";
        case ReceiptMethod::cash:
            return "cash";
    }
    return "transfer";
}

std::string_view to_string(ReceiptStatus status) noexcept {
    return status == ReceiptStatus::posted ? "posted" : "voided";
}

std::string_view to_string(AllocationStatus status) noexcept {
    switch (status) {
        case AllocationStatus::applied:
            return "applied";
        case AllocationStatus::unapplied:
            return "unapplied";
        case AllocationStatus::voided:
            return "voided";
    }
    return "applied";
}

core::Result<ReceiptMethod> parse_receipt_method(std::string_view text, std::string_view field) {
    for (const ReceiptMethod method : {ReceiptMethod::cheque,
                                       ReceiptMethod::card,
                                       ReceiptMethod::transfer,
                                       ReceiptMethod::cash}) {
        if (text == to_string(method)) {
            return method;
        }
    }
    return core::Error::invalid(std::string(field), "must be cheque, card, transfer or cash");
}

namespace {

using core::Error;
using core::FieldError;
using ledger::LineInput;
using ledger::Side;

constexpr std::string_view source_type = "customer_receipt";
constexpr std::string_view entity_type = "customer_receipt";
constexpr std::int64_t percent_whole = 100;

// The ledger account `number` of the company. Errors: invalid_argument naming `field`.
core::Result<ledger::AccountId> account_id(store::Txn& txn,
                                           CompanyId company,
                                           std::string_view number,
                                           const std::string& field) {
    BO_TRY_ASSIGN(const std::optional<ledger::Account> account,
                  ledger::find_account_by_number(txn, company, number));
    if (!account) {
        return Error::invalid(field, "account " + std::string(number) + " does not exist");
    }
    return account->id;
}

ledger::Party party_of(const Receipt& receipt) {
    return ledger::Party{ledger::PartyType::customer, receipt.customer.value()};
}

boost::json::object receipt_record(const Receipt& receipt) {
    return {{"customer", receipt.customer_number},
            {"receipt_date", receipt.receipt_date.to_string()},
            {"currency", receipt.amount.currency.code()},
            {"amount", receipt.amount.format()},
            {"method", to_string(receipt.method)},
            {"reference", receipt.reference},
            {"bank_account", receipt.bank_account.value()},
            {"statement_line",
             receipt.statement_line ? boost::json::value(receipt.statement_line->value())
                                    : boost::json::value()},
            {"status", to_string(receipt.status)},
            {"applied", receipt.applied.format()},
            {"refunded", receipt.refunded.format()},
            {"unapplied", receipt.unapplied.format()},
            {"void_reason", receipt.void_reason}};
}

core::Result<void> audit(store::Txn& txn,
                         const core::Clock& clock,
                         const platform::Actor& actor,
                         std::string_view verb,
                         const boost::json::object& before,
                         const Receipt& after) {
    return platform::audit::record(
        txn,
        clock,
        actor,
        {.action = "receivables.receipt." + std::string(verb),
         .entity_type = std::string(entity_type),
         .entity_id = std::to_string(after.id.value()),
         .changes = platform::audit::diff(before, receipt_record(after))});
}

core::Result<Receipt> load_receipt(store::Txn& txn, CompanyId company, ReceiptId id) {
    BO_TRY_ASSIGN(std::optional<Receipt> receipt, find_receipt(txn, company, id));
    if (!receipt) {
        return Error(core::ErrorCode::not_found, "no such receipt");
    }
    return std::move(*receipt);
}

// The posted receipt `id`, locked for this transaction with its allocations and refunds.
// Errors: not_found; conflict once voided.
core::Result<Receipt> posted_for_change(store::Txn& txn, CompanyId company, ReceiptId id) {
    BO_TRY_ASSIGN(const bool exists, payment_queries::lock_receipt(txn, company, id));
    if (!exists) {
        return Error(core::ErrorCode::not_found, "no such receipt");
    }
    BO_TRY_ASSIGN(Receipt receipt, load_receipt(txn, company, id));
    if (receipt.status == ReceiptStatus::voided) {
        return Error(core::ErrorCode::conflict, "the receipt is voided");
    }
    return receipt;
}

// `date`, or today; never before `earliest` (what it follows). Errors: invalid_argument "date".
core::Result<core::Date> event_date(std::optional<core::Date> date,
                                    const core::Clock& clock,
                                    core::Date earliest,
                                    std::string_view what) {
    const core::Date day = date.value_or(internal::today(clock));
    if (day < earliest) {
        return Error::invalid(
            "date", "may not be before " + std::string(what) + " (" + earliest.to_string() + ")");
    }
    return day;
}

// --- Checking allocations -------------------------------------------------------------------

// One allocation checked against its invoice: what settles it.
struct Settlement {
    DocumentId invoice{};
    std::string invoice_number;
    core::Money amount;
    core::Money discount;
    core::Money write_off;

    std::int64_t settled_minor() const { return amount.minor + discount.minor + write_off.minor; }
};

// What an allocation is checked against: the receipt's side.
struct Payer {
    sales::CustomerId customer{};
    core::Currency currency;
    core::Date receipt_date;  // decides the discount window
    core::Date date;          // the allocation's date
};

// The early-payment discount still available on `invoice` for a payment dated `paid_on`.
core::Result<std::int64_t> discount_available(store::Txn& txn,
                                              CompanyId company,
                                              const Document& invoice,
                                              core::Date paid_on) {
    BO_TRY_ASSIGN(const core::Rational percent,
                  sales::parse_percent(invoice.early_discount_percent, "early_discount_percent"));
    BO_TRY_ASSIGN(const core::Date last_day,
                  invoice.document_date.add_days(invoice.early_discount_days));
    if (percent.num == 0 || paid_on > last_day) {
        return std::int64_t{0};
    }
    const core::Money base{invoice.total.minor - invoice.credited.minor, invoice.currency};
    BO_TRY_ASSIGN(const core::Money most,
                  core::multiply(base,
                                 core::Rational{percent.num, percent.den * percent_whole},
                                 core::RoundingMode::half_even));
    BO_TRY_ASSIGN(const std::vector<InvoicePayment> payments,
                  payment_queries::select_invoice_payments(txn, company, invoice.id));
    std::int64_t taken = 0;
    for (const InvoicePayment& payment : payments) {
        if (payment.allocation.status == AllocationStatus::applied) {
            taken += payment.allocation.discount.minor;
        }
    }
    return std::max<std::int64_t>(0, most.minor - taken);
}

// Why `invoice` cannot be allocated from `payer`, if it cannot.
std::optional<std::string> invoice_problem(const Document& invoice, const Payer& payer) {
    if (invoice.customer != payer.customer) {
        return "is another customer's invoice";
    }
    if (invoice.status != DocumentStatus::issued) {
        return "is a draft invoice";
    }
    if (invoice.currency != payer.currency) {
        return "is in " + std::string(invoice.currency.code()) + ", the receipt in "
               + std::string(payer.currency.code());
    }
    if (invoice.document_date > payer.date) {
        return "is dated after the payment (" + invoice.document_date.to_string() + ")";
    }
    return std::nullopt;
}

// The discount of `input` on `invoice`: as given (checked), or taken automatically when the
// amount pays the discounted balance (see NewAllocation).
core::Result<core::Money> discount_of(store::Txn& txn,
                                      CompanyId company,
                                      const Document& invoice,
                                      const NewAllocation& input,
                                      const Payer& payer,
                                      const std::string& prefix) {
    BO_TRY_ASSIGN(const std::int64_t available,
                  discount_available(txn, company, invoice, payer.receipt_date));
    const std::int64_t written_off = input.write_off ? input.write_off->minor : 0;
    if (!input.discount) {
        const std::int64_t short_by = invoice.open.minor - input.amount.minor - written_off;
        const bool discounted = short_by > 0 && short_by <= available && input.amount.minor > 0;
        return core::Money{discounted ? short_by : 0, payer.currency};
    }
    const core::Money discount = *input.discount;
    if (discount.minor > 0 && available == 0) {
        return Error::invalid(prefix + "discount",
                              "no early-payment discount is available on this invoice for a "
                              "payment of "
                                  + payer.receipt_date.to_string());
    }
    if (discount.minor > available) {
        return Error::invalid(prefix + "discount",
                              "is more than the discount available ("
                                  + core::Money{available, payer.currency}.format() + ")");
    }
    return discount;
}

// Checks one allocation against its (locked) invoice.
core::Result<Settlement> settle(store::Txn& txn,
                                CompanyId company,
                                const Document& invoice,
                                const NewAllocation& input,
                                const Payer& payer,
                                const PaymentSettings& settings,
                                const std::string& prefix) {
    if (const auto problem = invoice_problem(invoice, payer)) {
        return Error::invalid(prefix + "invoice_id", *problem);
    }
    const core::Money zero = core::Money::zero(payer.currency);
    for (const auto& [field, money] : {std::pair{"amount", std::optional(input.amount)},
                                       std::pair{"discount", input.discount},
                                       std::pair{"write_off", input.write_off}}) {
        if (money && (money->currency != payer.currency || money->minor < 0)) {
            return Error::invalid(prefix + field,
                                  "must be >= 0 in " + std::string(payer.currency.code()));
        }
    }
    const core::Money write_off = input.write_off.value_or(zero);
    if (write_off.minor > settings.write_off_tolerance_minor) {
        return Error::invalid(
            prefix + "write_off",
            "is more than the tolerance for small differences ("
                + core::Money{settings.write_off_tolerance_minor, payer.currency}.format() + ")");
    }
    BO_TRY_ASSIGN(const core::Money discount,
                  discount_of(txn, company, invoice, input, payer, prefix));
    Settlement settlement{.invoice = invoice.id,
                          .invoice_number = invoice.number,
                          .amount = input.amount,
                          .discount = discount,
                          .write_off = write_off};
    if (settlement.settled_minor() <= 0) {
        return Error::invalid(prefix + "amount", "settles nothing");
    }
    if (settlement.settled_minor() > invoice.open.minor) {
        return Error::invalid(prefix + "amount",
                              "with discount and write-off, is more than the open balance ("
                                  + invoice.open.format() + ")");
    }
    return settlement;
}

// The invoices of `allocations`, locked in id order (so concurrent receipts never deadlock),
// by id; an id that is not an invoice of the company is absent.
core::Result<std::map<DocumentId, Document>> lock_invoices(
    store::Txn& txn, CompanyId company, const std::vector<NewAllocation>& allocations) {
    std::set<DocumentId> ids;
    for (const NewAllocation& allocation : allocations) {
        ids.insert(allocation.invoice);
    }
    std::map<DocumentId, Document> invoices;
    for (const DocumentId id : ids) {
        core::Result<Document> invoice =
            internal::load_for_change(txn, company, id, DocumentKind::invoice);
        if (invoice) {
            invoices.emplace(id, std::move(*invoice));
        } else if (invoice.error().code() != core::ErrorCode::not_found) {
            return invoice.error();
        }
    }
    return invoices;
}

// Checks every allocation; answers them all or every field error at once. The cash they
// apply must not exceed `cash_available_minor`.
core::Result<std::vector<Settlement>> check_allocations(
    store::Txn& txn,
    CompanyId company,
    const Payer& payer,
    const std::vector<NewAllocation>& allocations,
    const PaymentSettings& settings,
    std::int64_t cash_available_minor) {
    if (allocations.size() > receipt_allocations_max) {
        return Error(
            core::ErrorCode::limit_exceeded,
            "a receipt has at most " + std::to_string(receipt_allocations_max) + " allocations",
            {{"allocations", "at most " + std::to_string(receipt_allocations_max)}});
    }
    BO_TRY_ASSIGN(const auto invoices, lock_invoices(txn, company, allocations));
    std::vector<FieldError> errors;
    std::vector<Settlement> settlements;
    std::set<DocumentId> seen;
    std::int64_t cash_minor = 0;
    for (std::size_t index = 0; index < allocations.size(); ++index) {
        const std::string prefix = "allocations/" + std::to_string(index) + "/";
        const NewAllocation& input = allocations[index];
        const auto invoice = invoices.find(input.invoice);
        if (invoice == invoices.end()) {
            errors.push_back({prefix + "invoice_id", "is not an invoice of this company"});
            continue;
        }
        if (!seen.insert(input.invoice).second) {
            errors.push_back({prefix + "invoice_id", "is allocated twice in one request"});
            continue;
        }
        core::Result<Settlement> settlement =
            settle(txn, company, invoice->second, input, payer, settings, prefix);
        if (!settlement) {
            internal::collect(settlement.error(), prefix + "amount", errors);
            continue;
        }
        cash_minor += settlement->amount.minor;
        settlements.push_back(std::move(*settlement));
    }
    if (errors.empty() && cash_minor > cash_available_minor) {
        errors.push_back({"allocations",
                          "allocate " + core::Money{cash_minor, payer.currency}.format()
                              + ", more than the unapplied cash ("
                              + core::Money{cash_available_minor, payer.currency}.format() + ")"});
    }
    if (!errors.empty()) {
        return Error(
            core::ErrorCode::invalid_argument, "the allocations are not valid", std::move(errors));
    }
    return settlements;
}

// --- Posting ----------------------------------------------------------------------------------

// A debit (or credit) of `amount` to `account` when it is not zero.
void add_line(ledger::EntryInput& entry,
              ledger::AccountId account,
              Side side,
              core::Money amount,
              std::optional<ledger::Party> party,
              std::string memo) {
    if (amount.minor > 0) {
        entry.lines.push_back(LineInput{.account = account,
                                        .department = std::nullopt,
                                        .party = party,
                                        .side = side,
                                        .amount = amount,
                                        .memo = std::move(memo)});
    }
}

ledger::EntryInput blank_entry(const Receipt& receipt, core::Date date, std::string memo) {
    return ledger::EntryInput{
        .date = date,
        .memo = std::move(memo) + " " + receipt.customer_number + " " + receipt.customer_name,
        .source = ledger::Source{.type = std::string(source_type),
                                 .id = std::to_string(receipt.id.value()),
                                 .subledger = ledger::Subledger::ar},
        .lines = {}};
}

// The cash side of a settlement entry: where the cash comes from (the bank for a new
// receipt, 2400 for unapplied cash applied later) and how much goes to 2400 (a new receipt's
// unapplied rest).
struct CashSide {
    ledger::AccountId account{};
    core::Money amount;
    std::optional<ledger::Party> party;
    core::Money to_unapplied;
};

// Posts `settlements` dated `date`: Dr cash side, discounts and write-offs / Cr 1200 per
// invoice (and 2400 for the unapplied rest). Stores each allocation with what it credited to
// 1200 (functional).
core::Result<std::int64_t> post_settlements(store::Txn& txn,
                                            const core::Clock& clock,
                                            const platform::Actor& actor,
                                            const Receipt& receipt,
                                            core::Date date,
                                            const std::vector<Settlement>& settlements,
                                            const CashSide& cash,
                                            const PaymentSettings& settings) {
    const CompanyId company = actor.company;
    const core::Currency currency = receipt.amount.currency;
    core::Money discounts = core::Money::zero(currency);
    core::Money write_offs = discounts;
    for (const Settlement& settlement : settlements) {
        discounts.minor += settlement.discount.minor;
        write_offs.minor += settlement.write_off.minor;
    }
    ledger::EntryInput entry = blank_entry(receipt, date, "Receipt " + receipt.id.to_string());
    add_line(entry, cash.account, Side::debit, cash.amount, cash.party, receipt.reference);
    if (discounts.minor > 0) {
        BO_TRY_ASSIGN(const auto account,
                      account_id(txn, company, settings.discount_account, "discount_account"));
        add_line(entry, account, Side::debit, discounts, std::nullopt, "Early-payment discounts");
    }
    if (write_offs.minor > 0) {
        BO_TRY_ASSIGN(const auto account,
                      account_id(txn, company, settings.write_off_account, "write_off_account"));
        add_line(entry, account, Side::debit, write_offs, std::nullopt, "Differences written off");
    }
    BO_TRY_ASSIGN(const auto receivable,
                  account_id(txn, company, internal::receivable_account, "allocations"));
    const std::size_t first_receivable = entry.lines.size();
    for (const Settlement& settlement : settlements) {
        add_line(entry,
                 receivable,
                 Side::credit,
                 core::Money{settlement.settled_minor(), currency},
                 party_of(receipt),
                 settlement.invoice_number);
    }
    if (cash.to_unapplied.minor > 0) {
        BO_TRY_ASSIGN(const auto unapplied,
                      account_id(txn, company, unapplied_cash_account, "amount"));
        add_line(
            entry, unapplied, Side::credit, cash.to_unapplied, party_of(receipt), "Unapplied cash");
    }
    BO_TRY_ASSIGN(const ledger::PostedEntry posted, ledger::post(txn, clock, actor, entry));
    BO_ASSERT(posted.lines.size() == entry.lines.size());
    for (std::size_t index = 0; index < settlements.size(); ++index) {
        const Settlement& settlement = settlements[index];
        const ledger::PostedLine& line = posted.lines[first_receivable + index];
        BO_ASSERT(line.amount.minor == settlement.settled_minor());
        BO_TRY(
            payment_queries::insert_allocation(txn,
                                               actor,
                                               clock.now(),
                                               {.receipt = receipt.id,
                                                .invoice = settlement.invoice,
                                                .amount_minor = settlement.amount.minor,
                                                .discount_minor = settlement.discount.minor,
                                                .write_off_minor = settlement.write_off.minor,
                                                .applied_date = date,
                                                .entry_id = posted.id.value(),
                                                .functional_minor = line.functional_minor,
                                                .discount_account = settings.discount_account,
                                                .write_off_account = settings.write_off_account}));
    }
    return posted.id.value();
}

core::Result<std::int64_t> cash_total(const std::vector<Settlement>& settlements) {
    std::int64_t total = 0;
    for (const Settlement& settlement : settlements) {
        if (__builtin_add_overflow(total, settlement.amount.minor, &total)) {
            return Error(core::ErrorCode::limit_exceeded, "the allocations do not fit in int64");
        }
    }
    return total;
}

// The customer and bank account of a new receipt, checked. Errors: invalid_argument.
core::Result<Receipt> new_receipt(store::Txn& txn,
                                  const core::Clock& clock,
                                  const platform::Actor& actor,
                                  const NewReceipt& input) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, actor.company, input.customer));
    if (!customer) {
        return Error::invalid("customer", "is not a customer of this company");
    }
    std::vector<FieldError> errors;
    if (input.amount.currency != customer->currency || input.amount.minor <= 0) {
        errors.push_back({"amount",
                          "must be more than zero in the customer's currency ("
                              + std::string(customer->currency.code()) + ")"});
    }
    if (input.reference.size() > receipt_reference_chars_max) {
        errors.push_back(
            {"reference",
             "at most " + std::to_string(receipt_reference_chars_max) + " characters"});
    }
    BO_TRY_ASSIGN(const std::optional<banking::BankAccount> bank,
                  banking::find_bank_account(txn, actor.company, input.bank_account));
    if (!bank) {
        errors.push_back({"bank_account_id", "is not a bank account of this company"});
    } else if (bank->currency != customer->currency) {
        errors.push_back({"bank_account_id",
                          "is in " + std::string(bank->currency.code()) + ", the customer pays in "
                              + std::string(customer->currency.code())});
    }
    if (!errors.empty()) {
        return Error(
            core::ErrorCode::invalid_argument, "the receipt is not valid", std::move(errors));
    }
    Receipt receipt(input.amount, input.receipt_date);
    receipt.company_id = actor.company;
    receipt.customer = customer->id;
    receipt.customer_number = customer->number;
    receipt.customer_name = customer->name;
    receipt.method = input.method;
    receipt.reference = input.reference;
    receipt.bank_account = bank->id;
    receipt.bank_ledger_account = bank->ledger_account;
    receipt.statement_line = input.statement_line;
    receipt.created_by = actor.user;
    receipt.created_at = clock.now();
    return receipt;
}

}  // namespace

core::Result<Receipt> record_receipt(store::Txn& txn,
                                     const core::Clock& clock,
                                     const platform::Actor& actor,
                                     const NewReceipt& input) {
    BO_TRY_ASSIGN(Receipt receipt, new_receipt(txn, clock, actor, input));
    BO_TRY_ASSIGN(const PaymentSettings settings, payment_settings(txn, actor.company));
    const Payer payer{.customer = receipt.customer,
                      .currency = receipt.amount.currency,
                      .receipt_date = receipt.receipt_date,
                      .date = receipt.receipt_date};
    BO_TRY_ASSIGN(
        const std::vector<Settlement> settlements,
        check_allocations(
            txn, actor.company, payer, input.allocations, settings, receipt.amount.minor));
    BO_TRY_ASSIGN(const std::int64_t cash_minor, cash_total(settlements));
    // The header first (its id is the entry's source), then the entry, then its id on the row.
    receipt.entry_id = 0;
    BO_TRY_ASSIGN(receipt.id, payment_queries::insert_receipt(txn, receipt));
    BO_TRY_ASSIGN(const std::optional<banking::BankAccount> account,
                  banking::find_bank_account(txn, actor.company, receipt.bank_account));
    BO_ASSERT(account.has_value());
    const CashSide bank{
        .account = ledger::AccountId(account->ledger_account_id),
        .amount = receipt.amount,
        .party = std::nullopt,
        .to_unapplied = core::Money{receipt.amount.minor - cash_minor, receipt.amount.currency}};
    core::Result<std::int64_t> entry = post_settlements(
        txn, clock, actor, receipt, receipt.receipt_date, settlements, bank, settings);
    if (!entry) {
        // ledger::post refused the entry (a period, an account, a rate) and wrote nothing:
        // take the header back too, so that a caller who carries on (the matcher, posting a
        // statement's lines in one transaction) finds nothing written.
        BO_TRY(payment_queries::delete_unposted_receipt(txn, actor.company, receipt.id));
        return std::move(entry).error();
    }
    receipt.entry_id = *entry;
    BO_TRY(payment_queries::set_entry(txn, actor.company, receipt.id, receipt.entry_id));
    BO_TRY_ASSIGN(Receipt stored, load_receipt(txn, actor.company, receipt.id));
    BO_ASSERT(stored.applied.minor == cash_minor);
    BO_TRY(audit(txn, clock, actor, "record", {}, stored));
    return stored;
}

core::Result<Receipt> apply_receipt(store::Txn& txn,
                                    const core::Clock& clock,
                                    const platform::Actor& actor,
                                    ReceiptId id,
                                    const std::vector<NewAllocation>& allocations,
                                    std::optional<core::Date> date) {
    BO_TRY_ASSIGN(const Receipt receipt, posted_for_change(txn, actor.company, id));
    BO_TRY_ASSIGN(const core::Date day,
                  event_date(date, clock, receipt.receipt_date, "the receipt's date"));
    if (allocations.empty()) {
        return Error::invalid("allocations", "name at least one invoice to apply cash to");
    }
    if (receipt.allocations.size() + allocations.size() > receipt_allocations_max) {
        return Error(core::ErrorCode::limit_exceeded,
                     "a receipt has at most " + std::to_string(receipt_allocations_max)
                         + " allocations over its life");
    }
    BO_TRY_ASSIGN(const PaymentSettings settings, payment_settings(txn, actor.company));
    const Payer payer{.customer = receipt.customer,
                      .currency = receipt.amount.currency,
                      .receipt_date = receipt.receipt_date,
                      .date = day};
    BO_TRY_ASSIGN(const std::vector<Settlement> settlements,
                  check_allocations(
                      txn, actor.company, payer, allocations, settings, receipt.unapplied.minor));
    BO_TRY_ASSIGN(const std::int64_t cash_minor, cash_total(settlements));
    BO_TRY_ASSIGN(const auto unapplied,
                  account_id(txn, actor.company, unapplied_cash_account, "allocations"));
    const CashSide cash{.account = unapplied,
                        .amount = core::Money{cash_minor, receipt.amount.currency},
                        .party = party_of(receipt),
                        .to_unapplied = core::Money::zero(receipt.amount.currency)};
    BO_TRY(post_settlements(txn, clock, actor, receipt, day, settlements, cash, settings));
    BO_TRY_ASSIGN(Receipt stored, load_receipt(txn, actor.company, id));
    BO_TRY(audit(txn, clock, actor, "apply", receipt_record(receipt), stored));
    return stored;
}

core::Result<Receipt> unapply_allocation(store::Txn& txn,
                                         const core::Clock& clock,
                                         const platform::Actor& actor,
                                         ReceiptId id,
                                         AllocationId allocation_id,
                                         std::optional<core::Date> date) {
    BO_TRY_ASSIGN(const Receipt receipt, posted_for_change(txn, actor.company, id));
    const auto found = std::find_if(receipt.allocations.begin(),
                                    receipt.allocations.end(),
                                    [&](const Allocation& one) { return one.id == allocation_id; });
    if (found == receipt.allocations.end()) {
        return Error(core::ErrorCode::not_found, "no such allocation of this receipt");
    }
    const Allocation& allocation = *found;
    if (allocation.status != AllocationStatus::applied) {
        return Error(core::ErrorCode::conflict, "the allocation is not applied");
    }
    BO_TRY_ASSIGN(const core::Date day,
                  event_date(date, clock, allocation.applied_date, "the allocation's date"));
    BO_TRY(
        internal::load_for_change(txn, actor.company, allocation.invoice, DocumentKind::invoice));
    const CompanyId company = actor.company;
    ledger::EntryInput entry =
        blank_entry(receipt, day, "Un-apply receipt " + receipt.id.to_string());
    BO_TRY_ASSIGN(const auto receivable,
                  account_id(txn, company, internal::receivable_account, "allocation"));
    const core::Money settled{
        allocation.amount.minor + allocation.discount.minor + allocation.write_off.minor,
        allocation.amount.currency};
    add_line(entry, receivable, Side::debit, settled, party_of(receipt), allocation.invoice_number);
    BO_TRY_ASSIGN(const auto unapplied,
                  account_id(txn, company, unapplied_cash_account, "allocation"));
    add_line(
        entry, unapplied, Side::credit, allocation.amount, party_of(receipt), "Unapplied cash");
    if (allocation.discount.minor > 0) {
        BO_TRY_ASSIGN(const auto account,
                      account_id(txn, company, allocation.discount_account, "allocation"));
        add_line(entry,
                 account,
                 Side::credit,
                 allocation.discount,
                 std::nullopt,
                 "Early-payment discount taken back");
    }
    if (allocation.write_off.minor > 0) {
        BO_TRY_ASSIGN(const auto account,
                      account_id(txn, company, allocation.write_off_account, "allocation"));
        add_line(entry,
                 account,
                 Side::credit,
                 allocation.write_off,
                 std::nullopt,
                 "Write-off taken back");
    }
    BO_TRY_ASSIGN(const ledger::PostedEntry posted, ledger::post(txn, clock, actor, entry));
    BO_ASSERT(posted.lines.front().amount == settled);
    BO_TRY_ASSIGN(const bool marked,
                  payment_queries::mark_unapplied(txn,
                                                  company,
                                                  allocation.id,
                                                  day,
                                                  posted.id.value(),
                                                  posted.lines.front().functional_minor));
    BO_ASSERT(marked);
    BO_TRY_ASSIGN(Receipt stored, load_receipt(txn, company, id));
    BO_TRY(audit(txn, clock, actor, "unapply", receipt_record(receipt), stored));
    return stored;
}

core::Result<Receipt> refund_receipt(store::Txn& txn,
                                     const core::Clock& clock,
                                     const platform::Actor& actor,
                                     ReceiptId id,
                                     const NewRefund& input) {
    BO_TRY_ASSIGN(const Receipt receipt, posted_for_change(txn, actor.company, id));
    if (receipt.unapplied.minor <= 0) {
        return Error(core::ErrorCode::conflict, "the receipt has no unapplied cash to refund");
    }
    if (receipt.refunds.size() >= receipt_refunds_max) {
        return Error(core::ErrorCode::limit_exceeded,
                     "a receipt has at most " + std::to_string(receipt_refunds_max) + " refunds");
    }
    const core::Money amount = input.amount.value_or(receipt.unapplied);
    if (amount.currency != receipt.unapplied.currency || amount.minor <= 0
        || amount.minor > receipt.unapplied.minor) {
        return Error::invalid("amount",
                              "must be more than zero and at most the unapplied cash ("
                                  + receipt.unapplied.format() + ")");
    }
    if (input.reference.size() > receipt_reference_chars_max) {
        return Error::invalid(
            "reference", "at most " + std::to_string(receipt_reference_chars_max) + " characters");
    }
    BO_TRY_ASSIGN(const core::Date day,
                  event_date(input.date, clock, receipt.receipt_date, "the receipt's date"));
    BO_TRY_ASSIGN(const std::optional<banking::BankAccount> bank,
                  banking::find_bank_account(txn, actor.company, receipt.bank_account));
    BO_ASSERT(bank.has_value());
    BO_TRY_ASSIGN(const auto unapplied,
                  account_id(txn, actor.company, unapplied_cash_account, "amount"));
    ledger::EntryInput entry =
        blank_entry(receipt, day, "Refund of receipt " + receipt.id.to_string());
    add_line(entry, unapplied, Side::debit, amount, party_of(receipt), "Unapplied cash refunded");
    add_line(entry,
             ledger::AccountId(bank->ledger_account_id),
             Side::credit,
             amount,
             std::nullopt,
             input.reference);
    BO_TRY_ASSIGN(const ledger::PostedEntry posted, ledger::post(txn, clock, actor, entry));
    BO_TRY(payment_queries::insert_refund(txn,
                                          actor,
                                          clock.now(),
                                          {.receipt = id,
                                           .refund_date = day,
                                           .amount_minor = amount.minor,
                                           .reference = input.reference,
                                           .entry_id = posted.id.value()}));
    BO_TRY_ASSIGN(Receipt stored, load_receipt(txn, actor.company, id));
    BO_TRY(audit(txn, clock, actor, "refund", receipt_record(receipt), stored));
    return stored;
}

core::Result<Receipt> void_receipt(store::Txn& txn,
                                   const core::Clock& clock,
                                   const platform::Actor& actor,
                                   ReceiptId id,
                                   const std::string& reason,
                                   std::optional<core::Date> date) {
    BO_TRY_ASSIGN(const Receipt receipt, posted_for_change(txn, actor.company, id));
    if (!receipt.refunds.empty()) {
        return Error(core::ErrorCode::conflict,
                     "cash of this receipt was refunded; a refunded receipt cannot be voided");
    }
    if (reason.empty() || reason.size() > reason_chars_max) {
        return Error::invalid(
            "reason", "must say why, in 1 to " + std::to_string(reason_chars_max) + " characters");
    }
    // Every entry of the receipt, reversed latest first; the void follows all of them.
    std::set<std::int64_t> entries{receipt.entry_id};
    core::Date last = receipt.receipt_date;
    for (const Allocation& allocation : receipt.allocations) {
        entries.insert(allocation.entry_id);
        last = std::max(last, allocation.applied_date);
        if (allocation.unapply_entry_id) {
            entries.insert(*allocation.unapply_entry_id);
            last = std::max(last, allocation.unapplied_date.value_or(last));
        }
    }
    BO_TRY_ASSIGN(const core::Date day, event_date(date, clock, last, "the receipt's last entry"));
    for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
        BO_TRY(ledger::reverse(txn,
                               clock,
                               actor,
                               ledger::EntryId(*entry),
                               day,
                               "void of receipt " + receipt.id.to_string() + ": " + reason));
    }
    BO_TRY(payment_queries::mark_voided(txn, actor, clock.now(), id, day, reason));
    BO_TRY_ASSIGN(Receipt stored, load_receipt(txn, actor.company, id));
    BO_TRY(audit(txn, clock, actor, "void", receipt_record(receipt), stored));
    return stored;
}

core::Result<std::optional<Receipt>> find_receipt(store::Txn& txn,
                                                  CompanyId company,
                                                  ReceiptId id) {
    BO_TRY_ASSIGN(std::optional<Receipt> receipt,
                  payment_queries::select_receipt(txn, company, id));
    if (receipt) {
        BO_TRY_ASSIGN(receipt->allocations, payment_queries::select_allocations(txn, company, id));
        BO_TRY_ASSIGN(receipt->refunds, payment_queries::select_refunds(txn, company, id));
    }
    return receipt;
}

core::Result<std::vector<Receipt>> list_receipts(store::Txn& txn,
                                                 CompanyId company,
                                                 const ReceiptQuery& query) {
    BO_TRY(platform::tenancy::check_page_limit(query.limit));
    return payment_queries::select_receipts(txn, company, query);
}

core::Result<std::vector<InvoicePayment>> invoice_payments(store::Txn& txn,
                                                           CompanyId company,
                                                           DocumentId invoice) {
    return payment_queries::select_invoice_payments(txn, company, invoice);
}

core::Result<CustomerPayments> customer_payments(store::Txn& txn,
                                                 CompanyId company,
                                                 sales::CustomerId customer,
                                                 core::Currency currency) {
    const ReceiptQuery query{.customer = customer, .limit = account_receipts_max};
    BO_TRY_ASSIGN(std::vector<Receipt> receipts,
                  payment_queries::select_receipts(txn, company, query));
    BO_TRY_ASSIGN(const std::int64_t unapplied,
                  payment_queries::select_unapplied_total(txn, company, customer));
    return CustomerPayments{.receipts = std::move(receipts),
                            .unapplied = core::Money{unapplied, currency}};
}

core::Result<PaymentSettings> payment_settings(store::Txn& txn, CompanyId company) {
    BO_TRY_ASSIGN(const std::optional<PaymentSettings> stored,
                  payment_queries::select_settings(txn, company));
    return stored.value_or(PaymentSettings{});
}

core::Result<PaymentSettings> set_payment_settings(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const platform::Actor& actor,
                                                   const PaymentSettings& input) {
    std::vector<FieldError> errors;
    if (input.write_off_tolerance_minor < 0
        || input.write_off_tolerance_minor > payment_write_off_tolerance_max_minor) {
        errors.push_back({"write_off_tolerance",
                          "must be 0 to " + std::to_string(payment_write_off_tolerance_max_minor)
                              + " minor units"});
    }
    for (const auto& [field, number] : {std::pair{"write_off_account", &input.write_off_account},
                                        std::pair{"discount_account", &input.discount_account}}) {
        BO_TRY_ASSIGN(const std::optional<ledger::Account> account,
                      ledger::find_account_by_number(txn, actor.company, *number));
        if (!account || !account->active
            || (account->type != ledger::AccountType::income
                && account->type != ledger::AccountType::expense)) {
            errors.push_back({field, "must be an active income or expense account"});
        }
    }
    if (!errors.empty()) {
        return Error(
            core::ErrorCode::invalid_argument, "the settings are not valid", std::move(errors));
    }
    BO_TRY_ASSIGN(const PaymentSettings before, payment_settings(txn, actor.company));
    BO_TRY(payment_queries::upsert_settings(txn, actor.company, input, clock.now()));
    const auto record = [](const PaymentSettings& settings) {
        return boost::json::object{
            {"write_off_tolerance_minor", settings.write_off_tolerance_minor},
            {"write_off_account", settings.write_off_account},
            {"discount_account", settings.discount_account}};
    };
    BO_TRY(
        platform::audit::record(txn,
                                clock,
                                actor,
                                {.action = "receivables.payment_settings.set",
                                 .entity_type = "company",
                                 .entity_id = std::to_string(actor.company.value()),
                                 .changes = platform::audit::diff(record(before), record(input))}));
    return input;
}

}  // namespace bo::modules::receivables
