#include "modules/demo/receivables.hpp"

#include <array>
#include <string>
#include <vector>

#include "core/assert.hpp"
#include "core/limits.hpp"
#include "modules/receivables/credit_notes.hpp"
#include "modules/receivables/invoices.hpp"
#include "modules/sales/service.hpp"

namespace bo::modules::demo {
namespace {

constexpr std::string_view usd = "USD";

// One demo invoice: the customer (by position among the active USD customers), how many days
// past due it is today (negative: due later), and its lines.
struct DemoInvoice {
    std::size_t customer;
    std::int64_t days_past_due;
    std::string_view description;
    std::string_view unit;
    std::string_view quantity;
    std::string_view unit_price;
};

// Current (not yet due), then past due at each default dunning level: 10 days (reminder, from
// 7), 25 (second notice, from 21) and 40 (final notice, from 35); the last one is credited in
// part. Positions 3.. leave the first customers, which the sales demo and tests use, alone.
constexpr std::array<DemoInvoice, 6> invoices{{
    {3, -20, "Installation and set-up", "h", "6", "95.00"},
    {4, 10, "Quarterly maintenance", "ea", "1", "1250.00"},
    {5, 25, "On-site training", "h", "8", "120.00"},
    {7, 40, "Consulting", "h", "12.5", "150.00"},
    {7, -5, "Support hours", "h", "3", "95.00"},
    {8, 3, "Custom packaging design", "ea", "1", "2400.00"},
}};
constexpr std::size_t credited_invoice = 5;
constexpr std::string_view credited_amount = "400.00";

core::Result<std::vector<sales::Customer>> active_usd_customers(store::Txn& txn,
                                                                platform::tenancy::CompanyId company) {
    BO_TRY_ASSIGN(const std::vector<sales::Customer> all,
                  sales::list_customers(txn, company, sales::CustomerId(0), core::page_size_max));
    std::vector<sales::Customer> found;
    for (const sales::Customer& customer : all) {
        if (customer.currency.code() == usd && customer.status == sales::CustomerStatus::active) {
            found.push_back(customer);
        }
    }
    return found;
}

platform::Caller admin_caller(const platform::Actor& actor) {
    platform::Caller caller;
    caller.actor = actor;
    caller.method = platform::AuthMethod::session;
    for (const std::string_view permission :
         {"receivables.credit", "receivables.approve", "access.sod_override"}) {
        caller.permissions.add(std::string(permission));
    }
    return caller;
}

}  // namespace

core::Result<DemoReceivablesReport> seed_receivables(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     const platform::Actor& actor,
                                                     core::Date today) {
    DemoReceivablesReport report;
    BO_TRY_ASSIGN(const std::vector<sales::Customer> customers,
                  active_usd_customers(txn, actor.company));
    std::vector<receivables::DocumentId> issued;
    for (const DemoInvoice& row : invoices) {
        BO_ASSERT(row.customer < customers.size());
        const sales::Customer& customer = customers[row.customer];
        BO_TRY_ASSIGN(const core::Date due, today.add_days(-row.days_past_due));
        BO_TRY_ASSIGN(const core::Date dated, due.add_days(-customer.payment_terms_days));
        receivables::NewInvoice input;
        input.customer = customer.number;
        input.invoice_date = dated.to_string();
        input.customer_reference = "PO " + std::to_string(4700 + issued.size());
        input.lines = {receivables::NewInvoiceLine{.description = std::string(row.description),
                                                   .unit = std::string(row.unit),
                                                   .quantity = std::string(row.quantity),
                                                   .unit_price = std::string(row.unit_price)}};
        BO_TRY_ASSIGN(const receivables::Document draft,
                      receivables::create_invoice(txn, clock, actor, input));
        BO_TRY_ASSIGN(const receivables::Document invoice,
                      receivables::issue_invoice(txn, clock, actor, draft.id));
        issued.push_back(invoice.id);
        ++report.invoices;
    }
    const platform::Caller caller = admin_caller(actor);
    BO_TRY_ASSIGN(const receivables::Document note,
                  receivables::create_credit_note(
                      txn, clock, caller,
                      {.invoice = issued.at(credited_invoice),
                       .reason = "Packaging samples returned",
                       .credit_date = today.to_string(),
                       .lines = {{.invoice_line = 1,
                                  .quantity = std::nullopt,
                                  .amount = std::string(credited_amount)}}}));
    BO_TRY(receivables::approve_credit_note(txn, clock, caller, note.id,
                                            std::string("demo data, entered by the admin")));
    ++report.credit_notes;
    return report;
}

}  // namespace bo::modules::demo
