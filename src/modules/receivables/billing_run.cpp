#include "modules/receivables/billing_run.hpp"

#include <map>
#include <string>
#include <utility>

#include "core/assert.hpp"
#include "core/limits.hpp"
#include "modules/fulfilment/service.hpp"
#include "modules/inventory/service.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/receivables/invoices.hpp"
#include "modules/receivables/queries.hpp"
#include "modules/sales/orders.hpp"
#include "modules/sales/pricing.hpp"
#include "modules/sales/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::receivables {
namespace {

constexpr std::int64_t shipments_per_page = 500;
constexpr std::string_view product_revenue = "4110";
constexpr std::string_view service_revenue = "4120";

// A shipment with lines to bill.
struct Billable {
    fulfilment::Shipment shipment;
    sales::CustomerId customer{};
    std::vector<fulfilment::BillingLine> lines;
};

// The shipments up to as_of with billable lines not yet invoiced, in shipment order.
// Shipments are paged by fulfilment::list_shipments, and the billable lines of each page's
// window asked of fulfilment::list_billable (which pages by shipment too).
core::Result<std::vector<Billable>> billable_shipments(store::Txn& txn,
                                                       CompanyId company,
                                                       core::Date as_of) {
    std::vector<Billable> found;
    fulfilment::ShipmentId after(0);
    for (std::int64_t seen = 0; seen < billing_run_shipments_max; seen += shipments_per_page) {
        BO_TRY_ASSIGN(const std::vector<fulfilment::Shipment> page,
                      fulfilment::list_shipments(txn, company, std::nullopt, after,
                                                 shipments_per_page));
        if (page.empty()) {
            break;
        }
        BO_TRY_ASSIGN(const std::vector<fulfilment::BillingLine> lines,
                      fulfilment::list_billable(txn, company, after, shipments_per_page));
        std::map<std::int64_t, std::vector<fulfilment::BillingLine>> by_shipment;
        for (const fulfilment::BillingLine& line : lines) {
            by_shipment[line.shipment.value()].push_back(line);
        }
        for (const fulfilment::Shipment& shipment : page) {
            const auto billable = by_shipment.find(shipment.id.value());
            if (billable == by_shipment.end() || as_of < shipment.ship_date) {
                continue;
            }
            BO_TRY_ASSIGN(const std::optional<fulfilment::Shipment> full,
                          fulfilment::find_shipment(txn, company, shipment.id));
            BO_TRY_ASSIGN(const std::optional<sales::SalesOrder> order,
                          sales::find_order(txn, company, shipment.order));
            BO_ASSERT(full.has_value() && order.has_value());
            found.push_back(Billable{*full, order->customer, std::move(billable->second)});
        }
        after = page.back().id;
    }
    return found;
}

// Item kinds (for the revenue account) and tax rates' accounts, read once per run.
struct Lookups {
    std::map<std::string, std::string> revenue_by_sku;
    std::map<std::int64_t, std::string> tax_account_by_rate;
};

core::Result<DocumentLine> invoice_line(store::Txn& txn,
                                        CompanyId company,
                                        const Billable& billable,
                                        const fulfilment::BillingLine& line,
                                        Lookups& lookups) {
    const fulfilment::ShipmentLine* shipped = nullptr;
    for (const fulfilment::ShipmentLine& candidate : billable.shipment.lines) {
        shipped = candidate.line_number == line.line_number ? &candidate : shipped;
    }
    BO_ASSERT(shipped != nullptr);
    if (!lookups.revenue_by_sku.contains(shipped->sku)) {
        BO_TRY_ASSIGN(const std::optional<inventory::Item> item,
                      inventory::find_item(txn, company, shipped->sku));
        const bool service = item && item->kind == inventory::ItemKind::service;
        lookups.revenue_by_sku[shipped->sku] =
            std::string(service ? service_revenue : product_revenue);
    }
    std::string tax_account;
    if (line.tax_rate_id) {
        if (lookups.tax_account_by_rate.empty()) {
            BO_TRY_ASSIGN(const std::vector<sales::TaxRate> rates,
                          sales::list_tax_rates(txn, company));
            for (const sales::TaxRate& rate : rates) {
                lookups.tax_account_by_rate[rate.id.value()] = rate.account_number;
            }
        }
        tax_account = lookups.tax_account_by_rate[*line.tax_rate_id];
    }
    return DocumentLine{.line_number = 0,
                        .item_id = line.item.value(),
                        .sku = shipped->sku,
                        .description = shipped->description + " (" + billable.shipment.number
                                       + ", order " + billable.shipment.order_number + ")",
                        .unit = shipped->unit,
                        .quantity_milli = line.quantity_milli,
                        .unit_price = core::Money{line.unit_price_minor, line.net.currency},
                        .discount_percent = line.discount_percent,
                        .tax_rate_id = line.tax_rate_id,
                        .tax_percent = line.tax_percent,
                        .tax_account = tax_account,
                        .revenue_account = lookups.revenue_by_sku[shipped->sku],
                        .net = line.net,
                        .tax = line.tax,
                        .credited_line_number = std::nullopt,
                        .shipment_id = billable.shipment.id.value(),
                        .shipment_line_number = line.line_number};
}

// The invoices' groups: per customer and shipment, or per customer when consolidated.
core::Result<std::vector<std::vector<const Billable*>>> group(
    store::Txn& txn, CompanyId company, const std::vector<Billable>& billables) {
    std::map<std::pair<std::int64_t, std::int64_t>, std::vector<const Billable*>> groups;
    std::map<std::int64_t, BillingMode> modes;
    for (const Billable& billable : billables) {
        const std::int64_t customer = billable.customer.value();
        if (!modes.contains(customer)) {
            BO_TRY_ASSIGN(modes[customer], billing_mode(txn, company, billable.customer));
        }
        const std::int64_t shipment =
            modes[customer] == BillingMode::consolidated ? 0 : billable.shipment.id.value();
        groups[{customer, shipment}].push_back(&billable);
    }
    std::vector<std::vector<const Billable*>> result;
    for (auto& [key, members] : groups) {
        result.push_back(std::move(members));
    }
    return result;
}

core::Result<DocumentId> bill_group(store::Txn& txn,
                                    const core::Clock& clock,
                                    const platform::Actor& actor,
                                    const std::vector<const Billable*>& members,
                                    const BillingRun& run,
                                    Lookups& lookups) {
    BO_ASSERT(!members.empty());
    BO_TRY_ASSIGN(Document invoice,
                  draft_for(txn, clock, actor, members.front()->customer, run.as_of));
    invoice.billing_run = run.id;
    for (const Billable* billable : members) {
        for (const fulfilment::BillingLine& line : billable->lines) {
            BO_TRY_ASSIGN(DocumentLine priced,
                          invoice_line(txn, actor.company, *billable, line, lookups));
            priced.line_number = static_cast<std::int64_t>(invoice.lines.size() + 1);
            invoice.lines.push_back(std::move(priced));
        }
    }
    if (members.size() == 1) {
        invoice.customer_reference = members.front()->shipment.order_number;
    }
    BO_TRY(internal::sum_lines(invoice));
    BO_TRY_ASSIGN(invoice, insert_draft(txn, clock, actor, std::move(invoice)));
    for (const DocumentLine& line : invoice.lines) {
        BO_TRY(fulfilment::mark_invoiced(txn,
                                         clock,
                                         actor,
                                         fulfilment::ShipmentId(*line.shipment_id),
                                         *line.shipment_line_number,
                                         invoice.id.value()));
    }
    if (invoice.total.is_zero()) {
        return invoice.id;  // nothing to post: a zero-priced shipment stays a draft to review
    }
    BO_TRY_ASSIGN(const Document issued, internal::issue(txn, clock, actor, std::move(invoice)));
    return issued.id;
}

}  // namespace

core::Result<BillingRun> run_billing(store::Txn& txn,
                                     const core::Clock& clock,
                                     const platform::Actor& actor,
                                     std::optional<core::Date> as_of) {
    BillingRun run{.id = BillingRunId(0),
                   .as_of = as_of.value_or(internal::today(clock)),
                   .invoices = 0,
                   .lines = 0,
                   .documents = {},
                   .created_by = actor.user,
                   .created_at = clock.now()};
    BO_TRY_ASSIGN(const std::vector<Billable> billables,
                  billable_shipments(txn, actor.company, run.as_of));
    BO_TRY_ASSIGN(const auto groups, group(txn, actor.company, billables));
    run.invoices = static_cast<std::int64_t>(groups.size());
    for (const Billable& billable : billables) {
        run.lines += static_cast<std::int64_t>(billable.lines.size());
    }
    BO_TRY_ASSIGN(run.id, queries::insert_billing_run(txn, actor.company, run));
    Lookups lookups;
    for (const auto& members : groups) {
        BO_TRY_ASSIGN(const DocumentId id, bill_group(txn, clock, actor, members, run, lookups));
        run.documents.push_back(id);
    }
    BO_TRY(platform::audit::record(
        txn,
        clock,
        actor,
        {.action = "receivables.billing_run.create",
         .entity_type = "billing_run",
         .entity_id = std::to_string(run.id.value()),
         .changes = {{"as_of", std::nullopt, "\"" + run.as_of.to_string() + "\""},
                     {"invoices", std::nullopt, std::to_string(run.invoices)},
                     {"lines", std::nullopt, std::to_string(run.lines)}}}));
    return run;
}

core::Result<BillingPreview> preview_billing(store::Txn& txn,
                                            CompanyId company,
                                            core::Date as_of) {
    BO_TRY_ASSIGN(const std::vector<Billable> billables,
                  billable_shipments(txn, company, as_of));
    BO_TRY_ASSIGN(const auto groups, group(txn, company, billables));
    BillingPreview preview{.as_of = as_of, .invoices = 0, .shipments = 0, .lines = 0, .customers = {}};
    std::map<std::string, BillingPreviewCustomer> by_number;
    for (const auto& members : groups) {
        BO_ASSERT(!members.empty());
        const sales::CustomerId id = members.front()->customer;
        BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                      sales::get_customer(txn, company, id));
        BO_ASSERT(customer.has_value());
        auto [entry, added] = by_number.try_emplace(
            customer->number,
            BillingPreviewCustomer{.customer = id,
                                   .number = customer->number,
                                   .name = customer->name,
                                   .mode = BillingMode::per_shipment,
                                   .net = core::Money::zero(customer->currency),
                                   .tax = core::Money::zero(customer->currency)});
        BillingPreviewCustomer& part = entry->second;
        if (added) {
            BO_TRY_ASSIGN(part.mode, billing_mode(txn, company, id));
        }
        part.invoices += 1;
        for (const Billable* billable : members) {
            part.shipments += 1;
            for (const fulfilment::BillingLine& line : billable->lines) {
                part.lines += 1;
                BO_TRY_ASSIGN(part.net, core::add(part.net, line.net));
                BO_TRY_ASSIGN(part.tax, core::add(part.tax, line.tax));
            }
        }
    }
    for (auto& [number, part] : by_number) {
        preview.invoices += part.invoices;
        preview.shipments += part.shipments;
        preview.lines += part.lines;
        preview.customers.push_back(std::move(part));
    }
    return preview;
}

core::Result<std::optional<BillingRun>> find_billing_run(store::Txn& txn,
                                                         CompanyId company,
                                                         BillingRunId id) {
    return queries::select_billing_run(txn, company, id);
}

core::Result<std::vector<BillingRun>> list_billing_runs(store::Txn& txn,
                                                        CompanyId company,
                                                        BillingRunId after,
                                                        std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_billing_runs(txn, company, after, limit);
}

core::Result<BillingMode> billing_mode(store::Txn& txn,
                                       CompanyId company,
                                       sales::CustomerId customer) {
    BO_TRY_ASSIGN(const std::optional<BillingMode> mode,
                  queries::select_billing_mode(txn, company, customer));
    return mode.value_or(BillingMode::per_shipment);
}

core::Result<void> set_billing_mode(store::Txn& txn,
                                    const core::Clock& clock,
                                    const platform::Actor& actor,
                                    sales::CustomerId customer,
                                    BillingMode mode) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> found,
                  sales::get_customer(txn, actor.company, customer));
    if (!found) {
        return core::Error(core::ErrorCode::not_found, "no such customer");
    }
    BO_TRY_ASSIGN(const BillingMode before, billing_mode(txn, actor.company, customer));
    BO_TRY(queries::upsert_billing_mode(txn, actor.company, customer, mode, clock.now()));
    return platform::audit::record(
        txn,
        clock,
        actor,
        {.action = "receivables.billing_mode.set",
         .entity_type = "customer",
         .entity_id = std::to_string(customer.value()),
         .changes = {{"billing_mode", "\"" + std::string(to_string(before)) + "\"",
                      "\"" + std::string(to_string(mode)) + "\""}}});
}

}  // namespace bo::modules::receivables
