// bench_billing: the billing run over shipped orders, and invoice PDFs per second (issue #7).
//
// 1. Set-up (not timed): a fresh database (a SQLite file in a temporary directory unless
//    --db names one), migrated; a company BENCH (USD, standard chart, this year open, tax
//    8.875 %), 20 items and a warehouse through the services; `--customers` customers and
//    `--orders` shipped orders of two lines each — orders, order lines, shipments and shipment
//    lines as fulfilment leaves them (priced, billable, not invoiced) — by bulk SQL fixtures,
//    as bench_orders does for its master data.
// 2. The billing run (receivables::run_billing) as of today in one read-write transaction,
//    per-shipment billing: every shipment becomes one issued, posted invoice. Printed: seconds,
//    invoices per second, and whether it billed them all (target: 10,000 under 2 s on SQLite).
// 3. Invoice PDFs: receivables::document_pdf for `--pdfs` of those invoices in one read-only
//    transaction; printed: pages per second (each is one A4 page).
//
// Usage: bench_billing [--db URL] [--orders N] [--customers N] [--pdfs N]
// Defaults: SQLite in a temporary directory, 10,000 orders, 1,000 customers, 500 PDFs.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ledger/service.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/inventory/service.hpp"
#include "modules/receivables/billing_run.hpp"
#include "modules/receivables/invoice_pdf.hpp"
#include "modules/sales/pricing.hpp"
#include "platform/tenancy/service.hpp"
#include "schema.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

#include <unistd.h>

namespace {

using namespace bo;  // NOLINT(google-build-using-namespace): a benchmark's main file
using Clock = std::chrono::steady_clock;
using store::Value;

constexpr std::int64_t items_count = 20;
constexpr std::int64_t batch_rows = 10'000;
constexpr std::int64_t unit_price_minor = 1999;
constexpr std::int64_t quantity_milli = 2000;
constexpr std::int64_t line_net_minor = 3998;  // 2 x 19.99
constexpr std::int64_t line_tax_minor = 355;   // 8.875 % of 39.98, half-even
constexpr std::int64_t lines_per_order = 2;

struct Options {
    std::string db;
    std::int64_t orders = 10'000;
    std::int64_t customers = 1'000;
    std::int64_t pdfs = 500;
};

Options parse(int argc, char** argv) {
    Options options;
    for (int index = 1; index + 1 < argc; index += 2) {
        const std::string flag = argv[index];
        const std::string value = argv[index + 1];
        if (flag == "--db") {
            options.db = value;
        } else if (flag == "--orders") {
            options.orders = std::stoll(value);
        } else if (flag == "--customers") {
            options.customers = std::stoll(value);
        } else if (flag == "--pdfs") {
            options.pdfs = std::stoll(value);
        } else {
            std::fprintf(stderr, "unknown option %s\n", flag.c_str());
            std::exit(2);
        }
    }
    return options;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void check(const core::Result<void>& done, const char* what) {
    if (!done.ok()) {
        std::fprintf(stderr, "%s: %s\n", what, done.error().message().c_str());
        std::exit(1);
    }
}

struct Company {
    platform::Actor actor;
    std::vector<std::int64_t> items;
    std::int64_t warehouse = 0;
    std::int64_t tax_rate = 0;
};

// The company, its chart, this year, a tax rate, the items and a warehouse, through the services.
core::Result<void> make_company(store::Txn& txn, const core::Clock& clock, Company& company) {
    BO_TRY_ASSIGN(const platform::tenancy::Company created,
                  platform::tenancy::create_company(
                      txn, clock,
                      {.code = "BENCH", .name = "Bench Billing Ltd", .functional_currency = "USD",
                       .time_zone = "UTC"}));
    company.actor = platform::Actor{.company = created.id, .user = platform::auth::UserId(0),
                                    .username = "bench", .request_id = "bench",
                                    .client_address = ""};
    BO_TRY(ledger::load_standard_chart(txn, clock, company.actor));
    const core::Date today = core::business_date(clock.now(), core::TimeZone::utc());
    BO_TRY(ledger::create_fiscal_year(txn, clock, company.actor,
                                      core::Date::create(today.year(), 1, 1).value(),
                                      std::nullopt));
    BO_TRY_ASSIGN(const modules::sales::TaxRate rate,
                  modules::sales::create_tax_rate(txn, clock, company.actor,
                                                  {.code = "NY", .name = "New York",
                                                   .rate_percent = "8.875",
                                                   .account_number = "2300",
                                                   .is_default = true}));
    company.tax_rate = rate.id.value();
    for (std::int64_t index = 0; index < items_count; ++index) {
        BO_TRY_ASSIGN(const modules::inventory::Item item,
                      modules::inventory::create_item(
                          txn, clock, company.actor.company,
                          {.sku = "BW-" + std::to_string(index),
                           .description = "Bench widget " + std::to_string(index),
                           .unit = "ea", .kind = modules::inventory::ItemKind::stocked,
                           .currency = "USD", .price_minor = unit_price_minor,
                           .standard_cost_minor = unit_price_minor / 2}));
        company.items.push_back(item.id.value());
    }
    BO_TRY_ASSIGN(const modules::inventory::Warehouse warehouse,
                  modules::inventory::create_warehouse(
                      txn, clock, company.actor,
                      {.code = "MAIN", .name = "Main", .address = "", .bins = {}}));
    company.warehouse = warehouse.id.value();
    return core::ok();
}

// Runs `sql` over `rows` in batches.
core::Result<void> insert(store::Txn& txn, std::string_view sql,
                          const std::vector<std::vector<Value>>& rows) {
    for (std::size_t first = 0; first < rows.size(); first += batch_rows) {
        const std::size_t last = std::min(rows.size(), first + static_cast<std::size_t>(batch_rows));
        const std::vector<std::vector<Value>> batch(rows.begin() + static_cast<long>(first),
                                                    rows.begin() + static_cast<long>(last));
        BO_TRY(txn.execute_batch(sql, batch));
    }
    return core::ok();
}

core::Result<std::int64_t> next_id(store::Txn& txn, std::string_view table) {
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("SELECT COALESCE(MAX(id), 0) + 1 FROM " + std::string(table), {}));
    return row.i64(0);
}

// Customers, and shipped orders with their shipments, as the services would leave them.
core::Result<void> make_shipped_orders(store::Txn& txn, const Company& company,
                                       const Options& options, core::Instant now) {
    const std::int64_t id = company.actor.company.value();
    const std::int64_t at = now.unix_micros();
    const std::string today = core::business_date(now, core::TimeZone::utc()).to_string();
    std::vector<std::vector<Value>> customers;
    for (std::int64_t n = 0; n < options.customers; ++n) {
        customers.push_back({id, "BC-" + std::to_string(n), "Bench customer " + std::to_string(n),
                             std::string("USD"), std::int64_t{100'000'000}, at});
    }
    BO_TRY(insert(txn,
                  "INSERT INTO customers (company_id, number, name, currency, credit_limit_minor, "
                  "status, created_at_us, updated_at_us) VALUES ($1, $2, $3, $4, $5, 'active', "
                  "$6, $6)",
                  customers));
    BO_TRY_ASSIGN(const store::Rows ids,
                  txn.query("SELECT id FROM customers WHERE company_id = $1 ORDER BY id",
                            std::vector<Value>{id}));
    BO_TRY_ASSIGN(const std::int64_t first_order, next_id(txn, "sales_orders"));
    BO_TRY_ASSIGN(const std::int64_t first_shipment, next_id(txn, "shipments"));
    std::vector<std::vector<Value>> orders;
    std::vector<std::vector<Value>> order_lines;
    std::vector<std::vector<Value>> shipments;
    std::vector<std::vector<Value>> shipment_lines;
    const std::int64_t net = line_net_minor * lines_per_order;
    const std::int64_t tax = line_tax_minor * lines_per_order;
    for (std::int64_t n = 0; n < options.orders; ++n) {
        const std::int64_t order = first_order + n;
        const std::int64_t shipment = first_shipment + n;
        const std::int64_t customer =
            ids.at(static_cast<std::size_t>(n) % ids.size()).i64(0);
        orders.push_back({order, id, "SO-B" + std::to_string(n), customer, company.warehouse,
                          today, net, tax, net + tax, at});
        shipments.push_back({shipment, id, "SH-B" + std::to_string(n), order, company.warehouse,
                             today, at});
        for (std::int64_t line = 1; line <= lines_per_order; ++line) {
            const std::int64_t item =
                company.items.at(static_cast<std::size_t>((n + line) % items_count));
            order_lines.push_back({id, order, line, item, quantity_milli, unit_price_minor,
                                   company.tax_rate, line_net_minor, line_tax_minor});
            shipment_lines.push_back({id, shipment, line, order, item, quantity_milli,
                                      unit_price_minor, company.tax_rate, line_net_minor,
                                      line_tax_minor});
        }
    }
    BO_TRY(insert(txn,
                  "INSERT INTO sales_orders (id, company_id, number, customer_id, warehouse_id, "
                  "status, currency, order_date, entered_by, net_minor, tax_minor, total_minor, "
                  "created_at_us, updated_at_us) VALUES ($1, $2, $3, $4, $5, 'shipped', 'USD', $6, "
                  "0, $7, $8, $9, $10, $10)",
                  orders));
    BO_TRY(insert(txn,
                  "INSERT INTO sales_order_lines (company_id, order_id, line_number, item_id, "
                  "quantity_milli, unit_price_minor, price_source, discount_percent, tax_rate_id, "
                  "tax_percent, net_minor, tax_minor, shipped_milli) VALUES ($1, $2, $3, $4, $5, "
                  "$6, 'item', '0', $7, '8.875', $8, $9, $5)",
                  order_lines));
    BO_TRY(insert(txn,
                  "INSERT INTO shipments (id, company_id, number, order_id, warehouse_id, "
                  "ship_date, carrier, currency, cost_minor, created_by, created_at_us) VALUES "
                  "($1, $2, $3, $4, $5, $6, 'UPS', 'USD', 0, 0, $7)",
                  shipments));
    return insert(txn,
                  "INSERT INTO shipment_lines (company_id, shipment_id, line_number, order_id, "
                  "order_line_number, item_id, quantity_milli, unit_price_minor, "
                  "discount_percent, tax_rate_id, tax_percent, net_minor, tax_minor, cost_minor) "
                  "VALUES ($1, $2, $3, $4, $3, $5, $6, $7, '0', $8, '8.875', $9, $10, 0)",
                  shipment_lines);
}

}  // namespace

int main(int argc, char** argv) {
    Options options = parse(argc, argv);
    std::filesystem::path directory;
    if (options.db.empty()) {
        directory = std::filesystem::temp_directory_path()
                    / ("bench_billing." + std::to_string(::getpid()));
        std::filesystem::create_directories(directory);
        options.db = "sqlite:" + (directory / "bench.db").string();
    }
    auto opened = store::Database::open(options.db);
    check(opened.ok() ? core::ok() : core::Result<void>(opened.error()), "open");
    store::Database& database = **opened;
    check(store::migrate(database, schema::migrations()).ok()
              ? core::ok()
              : core::Result<void>(core::Error(core::ErrorCode::internal, "migrate")),
          "migrate");
    const core::SystemClock clock;
    Company company;
    check(database.transact(store::TxnMode::read_write,
                            [&](store::Txn& txn) { return make_company(txn, clock, company); }),
          "company");
    check(database.transact(store::TxnMode::read_write,
                            [&](store::Txn& txn) {
                                return make_shipped_orders(txn, company, options, clock.now());
                            }),
          "orders");

    std::optional<modules::receivables::BillingRun> billed;
    const Clock::time_point started = Clock::now();
    check(database.transact(store::TxnMode::read_write,
                            [&](store::Txn& txn) -> core::Result<void> {
                                BO_TRY_ASSIGN(billed, modules::receivables::run_billing(
                                                          txn, clock, company.actor, std::nullopt));
                                return core::ok();
                            }),
          "billing run");
    const modules::receivables::BillingRun& run = *billed;
    const double billing_s = seconds_since(started);
    std::printf("backend %s, %lld shipped orders (%lld lines), %lld customers\n",
                std::string(store::to_string(database.backend())).c_str(),
                static_cast<long long>(options.orders),
                static_cast<long long>(options.orders * lines_per_order),
                static_cast<long long>(options.customers));
    std::printf("billing run: %lld invoices, %lld lines in %.3f s (%.0f invoices/s)%s\n",
                static_cast<long long>(run.invoices), static_cast<long long>(run.lines), billing_s,
                static_cast<double>(run.invoices) / billing_s,
                run.invoices == options.orders ? "" : "  [NOT ALL BILLED]");

    const std::size_t pdfs =
        std::min(run.documents.size(), static_cast<std::size_t>(options.pdfs));
    std::size_t bytes = 0;
    const Clock::time_point rendering = Clock::now();
    check(database.transact(store::TxnMode::read_only,
                            [&](store::Txn& txn) -> core::Result<void> {
                                for (std::size_t index = 0; index < pdfs; ++index) {
                                    BO_TRY_ASSIGN(const std::string pdf,
                                                  modules::receivables::document_pdf(
                                                      txn, company.actor.company,
                                                      run.documents[index]));
                                    bytes += pdf.size();
                                }
                                return core::ok();
                            }),
          "pdf");
    const double pdf_s = seconds_since(rendering);
    std::printf("invoice PDFs: %zu one-page PDFs in %.3f s (%.1f pages/s, %.1f KiB each)\n", pdfs,
                pdf_s, static_cast<double>(pdfs) / pdf_s,
                pdfs == 0 ? 0.0 : static_cast<double>(bytes) / static_cast<double>(pdfs) / 1024.0);
    if (!directory.empty()) {
        std::filesystem::remove_all(directory);
    }
    return run.invoices == options.orders ? 0 : 1;
}
