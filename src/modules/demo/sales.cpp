#include "modules/demo/sales.hpp"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/assert.hpp"
#include "core/limits.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/inventory/service.hpp"
#include "modules/sales/orders.hpp"
#include "modules/sales/pricing.hpp"
#include "modules/sales/service.hpp"
#include "platform/access/permissions.hpp"

namespace bo::modules::demo {
namespace {

constexpr std::int64_t milli_per_unit = 1000;
constexpr std::size_t customers_detailed = 6;
constexpr std::size_t wholesale_items = 12;
constexpr std::int64_t arrival_days = 10;

struct DemoAddress {
    std::string_view line1;
    std::string_view city;
    std::string_view region;
    std::string_view postal_code;
};

constexpr std::array<DemoAddress, customers_detailed> addresses{{
    {"500 Market Street", "San Francisco", "CA", "94105"},
    {"12 Industrial Pkwy", "Reno", "NV", "89502"},
    {"88 Lakeshore Drive", "Chicago", "IL", "60601"},
    {"3 Harbor Road", "Seattle", "WA", "98101"},
    {"710 Peachtree St", "Atlanta", "GA", "30308"},
    {"41 Commerce Blvd", "Austin", "TX", "78701"},
}};

// The company's customers billed in USD, in number order (the demo's first ones).
core::Result<std::vector<sales::Customer>> usd_customers(store::Txn& txn,
                                                         platform::tenancy::CompanyId company) {
    BO_TRY_ASSIGN(const std::vector<sales::Customer> all,
                  sales::list_customers(txn, company, sales::CustomerId(0), core::page_size_max));
    std::vector<sales::Customer> usd;
    for (const sales::Customer& customer : all) {
        if (customer.currency.code() == "USD") {
            usd.push_back(customer);
        }
    }
    return usd;
}

// Stocked items with stock available in `warehouse`, in SKU order of the demo table.
core::Result<std::vector<inventory::StockLevel>> stocked(store::Txn& txn,
                                                         const platform::Actor& actor,
                                                         inventory::WarehouseId warehouse,
                                                         std::vector<inventory::Item>& items) {
    BO_TRY_ASSIGN(
        std::vector<inventory::Item> all,
        inventory::list_items(txn, actor.company, inventory::ItemId(0), core::page_size_max));
    std::vector<inventory::ItemId> ids;
    for (inventory::Item& item : all) {
        if (item.kind == inventory::ItemKind::stocked) {
            ids.push_back(item.id);
            items.push_back(std::move(item));
        }
    }
    return inventory::stock_levels(txn, actor, warehouse, ids);
}

core::Result<void> seed_pricing(store::Txn& txn,
                                const core::Clock& clock,
                                const platform::Actor& actor,
                                const std::vector<inventory::Item>& items) {
    BO_TRY(sales::create_tax_rate(txn,
                                  clock,
                                  actor,
                                  {.code = "STD",
                                   .name = "Sales tax 8.25 %",
                                   .rate_percent = "8.25",
                                   .account_number = "2300",
                                   .is_default = true}));
    BO_TRY(sales::create_tax_rate(txn,
                                  clock,
                                  actor,
                                  {.code = "ZERO",
                                   .name = "Zero-rated",
                                   .rate_percent = "0",
                                   .account_number = "2300",
                                   .is_default = false}));
    BO_TRY(sales::create_price_list(txn,
                                    clock,
                                    actor,
                                    {.code = "WHOLESALE",
                                     .name = "Wholesale",
                                     .currency = "USD",
                                     .prices_include_tax = false}));
    std::vector<sales::NewPrice> prices;
    for (std::size_t index = 0; index < items.size() && index < wholesale_items; ++index) {
        // 10 % off the list price, in whole cents.
        const core::Money price = items[index].price;
        prices.push_back(
            {.sku = items[index].sku,
             .price = core::Money{price.minor - price.minor / 10, price.currency}.format()});
    }
    BO_TRY(sales::set_prices(txn, clock, actor, "WHOLESALE", prices));
    return core::ok();
}

core::Result<void> detail_customers(store::Txn& txn,
                                    const core::Clock& clock,
                                    const platform::Actor& actor,
                                    const std::vector<sales::Customer>& customers) {
    for (std::size_t index = 0; index < customers.size() && index < customers_detailed; ++index) {
        const sales::Customer& customer = customers[index];
        const DemoAddress& address = addresses.at(index);
        sales::CustomerPatch patch;
        patch.addresses =
            std::vector<sales::Address>{{.kind = sales::AddressKind::billing,
                                         .is_default = true,
                                         .name = "Accounts payable",
                                         .line1 = std::string(address.line1),
                                         .line2 = "",
                                         .city = std::string(address.city),
                                         .region = std::string(address.region),
                                         .postal_code = std::string(address.postal_code),
                                         .country = "US"},
                                        {.kind = sales::AddressKind::shipping,
                                         .is_default = true,
                                         .name = "Receiving",
                                         .line1 = std::string(address.line1),
                                         .line2 = "Dock 2",
                                         .city = std::string(address.city),
                                         .region = std::string(address.region),
                                         .postal_code = std::string(address.postal_code),
                                         .country = "US"}};
        patch.contacts = std::vector<sales::Contact>{{.name = "Purchasing desk",
                                                      .email = customer.email,
                                                      .phone = customer.phone,
                                                      .role = "Purchasing"}};
        if (index < 2) {
            patch.price_list = "WHOLESALE";
        }
        if (index == 2) {
            patch.tax_category = "exempt";  // a reseller with a resale certificate
        }
        BO_TRY(sales::update_customer(txn, clock, actor, customer.id, patch));
    }
    return core::ok();
}

sales::NewOrderLine line(const inventory::Item& item, std::int64_t units) {
    return {.sku = item.sku,
            .quantity = std::to_string(units),
            .unit_price = std::nullopt,
            .discount_percent = "0",
            .tax_code = std::nullopt};
}

}  // namespace

core::Result<DemoSalesReport> seed_sales(store::Txn& txn,
                                         const core::Clock& clock,
                                         const platform::Actor& actor) {
    DemoSalesReport report;
    BO_TRY_ASSIGN(const std::optional<inventory::Warehouse> main,
                  inventory::find_warehouse_by_code(txn, actor.company, "MAIN"));
    BO_ASSERT(main.has_value());
    std::vector<inventory::Item> items;
    BO_TRY_ASSIGN(const std::vector<inventory::StockLevel> levels,
                  stocked(txn, actor, main->id, items));
    BO_ASSERT(items.size() >= 6);
    BO_TRY(seed_pricing(txn, clock, actor, items));
    report.tax_rates = 2;
    report.price_lists = 1;
    BO_TRY_ASSIGN(const std::vector<sales::Customer> customers, usd_customers(txn, actor.company));
    BO_ASSERT(customers.size() >= customers_detailed);
    BO_TRY(detail_customers(txn, clock, actor, customers));

    // The admin enters the orders as a clerk would (it holds every permission).
    platform::Caller clerk{.actor = actor,
                           .method = platform::AuthMethod::session,
                           .roles = {"admin"},
                           .permissions = {},
                           .department_scope = std::nullopt,
                           .csrf_token = {},
                           .credential_id = 0};
    for (const platform::access::PermissionInfo& info : platform::access::permission_catalogue()) {
        clerk.permissions.add(info.name);
    }
    const auto enter = [&](const std::string& customer,
                           std::vector<sales::NewOrderLine> lines,
                           bool quotation) -> core::Result<sales::SalesOrderId> {
        sales::NewOrder input;
        input.customer = customer;
        input.warehouse = "MAIN";
        input.quotation = quotation;
        input.lines = std::move(lines);
        BO_TRY_ASSIGN(const sales::EnteredOrder order,
                      sales::create_order(txn, clock, clerk, input));
        ++report.orders;
        return order.order.id;
    };
    const std::string& first = customers[0].number;
    const std::string& second = customers[1].number;
    // A quotation, an entered order, a confirmed one fully reserved.
    BO_TRY(enter(first, {line(items[0], 2), line(items[1], 1)}, true));
    BO_TRY(enter(second, {line(items[2], 3)}, false));
    BO_TRY_ASSIGN(const sales::SalesOrderId reserved,
                  enter(customers[2].number, {line(items[3], 2), line(items[4], 1)}, false));
    BO_TRY(sales::confirm_order(txn, clock, clerk, reserved));
    // More than MAIN has of one item: backordered, with a planned receipt that covers it.
    const std::int64_t available = levels[5].available().milli / milli_per_unit;
    BO_TRY(inventory::plan_receipt(
        txn,
        clock,
        actor,
        {.item = items[5].id,
         .warehouse = main->id,
         .expected_date =
             core::business_date(clock.now(), core::TimeZone::utc()).add_days(arrival_days).value(),
         .quantity = {(available + 10) * milli_per_unit},
         .reference = "PO-DEMO-1"}));
    BO_TRY_ASSIGN(const sales::SalesOrderId backordered,
                  enter(first, {line(items[5], available + 5), line(items[0], 1)}, false));
    BO_TRY(sales::confirm_order(txn, clock, clerk, backordered));
    // A customer of the demo on hold: its order waits for a credit manager.
    for (const sales::Customer& customer : customers) {
        if (customer.status == sales::CustomerStatus::on_hold) {
            BO_TRY_ASSIGN(const sales::SalesOrderId held,
                          enter(customer.number, {line(items[1], 4)}, false));
            BO_TRY(sales::confirm_order(txn, clock, clerk, held));
            break;
        }
    }
    BO_TRY_ASSIGN(const sales::SalesOrderId cancelled, enter(second, {line(items[4], 1)}, false));
    BO_TRY(sales::confirm_order(txn, clock, clerk, cancelled));
    BO_TRY(sales::cancel_order(txn, clock, clerk, cancelled, "customer ordered twice"));
    return report;
}

}  // namespace bo::modules::demo
