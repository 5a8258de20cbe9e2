// bench_payments: cash application's write path (docs/receivables.md "Payments and cash
// application").
//
// 1. Set-up (timed but not the benchmark): a company with the standard chart, 2024, 100
//    customers, a bank account on 1120, and N invoices of one line issued through
//    receivables::create_invoice + issue_invoice, 1,000 per transaction.
// 2. N receipts, each paying one invoice in full through receivables::record_receipt, each in
//    its own durable transaction (one request, or one matched statement line): receipts/s and
//    p50/p99 per receipt.
// 3. One receipt of receipt_allocations_max (500) allocations in one transaction.
// 4. The aging as of year end over everything (median of 5), and its difference to 1200.
//
// Usage: bench_payments [--receipts N] [--db URL]   (default: 10,000; a SQLite file in a
// temporary directory). Not a test: it prints figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "ledger/service.hpp"
#include "modules/banking/service.hpp"
#include "modules/receivables/aging.hpp"
#include "modules/receivables/invoices.hpp"
#include "modules/receivables/payments.hpp"
#include "modules/sales/service.hpp"
#include "platform/tenancy/service.hpp"
#include "store/migrations.hpp"

#include "schema.hpp"

namespace {

using namespace bo;  // NOLINT(google-build-using-namespace): a benchmark's main file
namespace receivables = modules::receivables;
namespace sales = modules::sales;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t invoices_per_txn = 1000;
constexpr int customers = 100;
constexpr int aging_runs = 5;
constexpr double ms_per_s = 1000.0;
constexpr double us_per_ms = 1000.0;

struct Options {
    std::int64_t receipts = 10'000;
    std::string db;
};

Options parse(int argc, char** argv) {
    Options options;
    for (int index = 1; index + 1 < argc; index += 2) {
        const std::string flag = argv[index];
        if (flag == "--receipts") {
            options.receipts = std::atoll(argv[index + 1]);
        } else if (flag == "--db") {
            options.db = argv[index + 1];
        }
    }
    return options;
}

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Setup {
    platform::Actor actor;
    modules::banking::BankAccountId bank{};
    std::vector<sales::CustomerId> customers;
};

core::Result<Setup> set_up(store::Database& db, const core::Clock& clock) {
    Setup setup;
    const core::Result<void> done =
        db.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(const auto company,
                          platform::tenancy::create_company(txn,
                                                            clock,
                                                            {.code = "PAYB",
                                                             .name = "Bench",
                                                             .functional_currency = "USD",
                                                             .time_zone = "UTC"}));
            setup.actor.company = company.id;
            setup.actor.username = "bench";
            BO_TRY(ledger::load_standard_chart(txn, clock, setup.actor));
            BO_TRY(ledger::create_fiscal_year(
                txn, clock, setup.actor, core::Date::parse("2024-01-01").value(), {}));
            for (int index = 0; index < customers; ++index) {
                BO_TRY_ASSIGN(const sales::Customer customer,
                              sales::create_customer(txn,
                                                     clock,
                                                     company.id,
                                                     {.number = "C" + std::to_string(index),
                                                      .name = "Customer",
                                                      .email = "",
                                                      .phone = "",
                                                      .city = "",
                                                      .country = "US",
                                                      .currency = "USD",
                                                      .credit_limit_minor = 0,
                                                      .payment_terms_days = 30,
                                                      .status = sales::CustomerStatus::active}));
                setup.customers.push_back(customer.id);
            }
            BO_TRY_ASSIGN(const auto bank,
                          modules::banking::create_bank_account(txn,
                                                                clock,
                                                                setup.actor,
                                                                {.name = "Bank",
                                                                 .iban = "",
                                                                 .account_number = "1",
                                                                 .bank_code = "",
                                                                 .currency = "USD",
                                                                 .ledger_account = "1120",
                                                                 .csv_mapping = std::nullopt}));
            setup.bank = bank.id;
            return core::ok();
        });
    if (!done.ok()) {
        return done.error();
    }
    return setup;
}

// Issues `count` invoices of customer `index % customers`, 1,000 per transaction.
core::Result<std::vector<receivables::Document>> issue(store::Database& db,
                                                       const core::Clock& clock,
                                                       const Setup& setup,
                                                       std::int64_t count,
                                                       int customer_index) {
    std::vector<receivables::Document> issued;
    for (std::int64_t issued_count = 0; issued_count < count;) {
        const core::Result<void> done =
            db.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
                for (std::int64_t index = 0; index < invoices_per_txn && issued_count < count;
                     ++index, ++issued_count) {
                    receivables::NewInvoice input;
                    input.customer =
                        "C"
                        + std::to_string(customer_index >= 0
                                             ? customer_index
                                             : static_cast<int>(issued_count % customers));
                    input.invoice_date = "2024-03-01";
                    input.lines = {
                        {.description = "Work",
                         .quantity = "1",
                         .unit_price = std::to_string(10 + issued_count % 1000) + ".00"}};
                    BO_TRY_ASSIGN(const auto draft,
                                  receivables::create_invoice(txn, clock, setup.actor, input));
                    BO_TRY_ASSIGN(auto invoice,
                                  receivables::issue_invoice(txn, clock, setup.actor, draft.id));
                    issued.push_back(std::move(invoice));
                }
                return core::ok();
            });
        if (!done.ok()) {
            return done.error();
        }
    }
    return issued;
}

receivables::NewReceipt paying(const Setup& setup,
                               sales::CustomerId customer,
                               core::Money amount,
                               std::vector<receivables::NewAllocation> allocations) {
    return {.customer = customer,
            .receipt_date = core::Date::parse("2024-03-20").value(),
            .amount = amount,
            .method = receivables::ReceiptMethod::transfer,
            .reference = "bench",
            .bank_account = setup.bank,
            .statement_line = std::nullopt,
            .allocations = std::move(allocations)};
}

int fail(const core::Error& error, const char* what) {
    std::fprintf(stderr, "bench_payments: %s: %s\n", what, error.message().c_str());
    return 1;
}

core::Result<std::vector<double>> record_all(store::Database& db,
                                             const core::Clock& clock,
                                             const Setup& setup,
                                             const std::vector<receivables::Document>& invoices) {
    std::vector<double> latencies_us;
    latencies_us.reserve(invoices.size());
    for (const receivables::Document& invoice : invoices) {
        const auto start = Clock::now();
        const core::Result<void> done =
            db.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
                return receivables::record_receipt(
                           txn,
                           clock,
                           setup.actor,
                           paying(setup,
                                  invoice.customer,
                                  invoice.total,
                                  {{.invoice = invoice.id, .amount = invoice.total}}))
                               .ok()
                           ? core::ok()
                           : core::Result<void>(core::Error(core::ErrorCode::internal, "refused"));
            });
        if (!done.ok()) {
            return done.error();
        }
        latencies_us.push_back(ms_since(start) * us_per_ms);
    }
    return latencies_us;
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse(argc, argv);
    std::string url = options.db;
    if (url.empty()) {
        const auto dir = std::filesystem::temp_directory_path() / "bench_payments";
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        url = "sqlite:" + (dir / "bench.db").string();
    }
    auto opened = store::Database::open(url);
    if (!opened.ok()) {
        return fail(opened.error(), "open");
    }
    store::Database& db = **opened;
    if (!store::migrate(db, schema::migrations()).ok()) {
        std::fprintf(stderr, "bench_payments: migrate failed\n");
        return 1;
    }
    core::SystemClock clock;
    auto setup = set_up(db, clock);
    if (!setup.ok()) {
        return fail(setup.error(), "set-up");
    }
    auto start = Clock::now();
    auto invoices = issue(db, clock, *setup, options.receipts, -1);
    if (!invoices.ok()) {
        return fail(invoices.error(), "invoices");
    }
    std::printf("%s: %lld invoices issued in %.0f ms (set-up)\n",
                url.c_str(),
                static_cast<long long>(options.receipts),
                ms_since(start));

    start = Clock::now();
    auto latencies = record_all(db, clock, *setup, *invoices);
    if (!latencies.ok()) {
        return fail(latencies.error(), "receipts");
    }
    const double total_ms = ms_since(start);
    std::sort(latencies->begin(), latencies->end());
    const auto at = [&](double share) {
        return (*latencies)[static_cast<std::size_t>(share
                                                     * static_cast<double>(latencies->size() - 1))];
    };
    std::printf(
        "record_receipt, one invoice each, one durable transaction each: %.0f receipts/s "
        "(%lld in %.0f ms), p50 %.0f us, p99 %.0f us\n",
        static_cast<double>(latencies->size()) * ms_per_s / total_ms,
        static_cast<long long>(latencies->size()),
        total_ms,
        at(0.5),
        at(0.99));

    auto many = issue(
        db, clock, *setup, static_cast<std::int64_t>(receivables::receipt_allocations_max), 0);
    if (!many.ok()) {
        return fail(many.error(), "invoices of one customer");
    }
    std::vector<receivables::NewAllocation> allocations;
    core::Money sum = core::Money::zero(many->front().currency);
    for (const receivables::Document& invoice : *many) {
        allocations.push_back({.invoice = invoice.id, .amount = invoice.total});
        sum.minor += invoice.total.minor;
    }
    start = Clock::now();
    const auto big =
        db.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY(receivables::record_receipt(
                txn,
                clock,
                setup->actor,
                paying(*setup, many->front().customer, sum, allocations)));
            return core::ok();
        });
    if (!big.ok()) {
        return fail(big.error(), "receipt of 500 allocations");
    }
    std::printf(
        "record_receipt with %zu allocations: %.0f ms\n", allocations.size(), ms_since(start));

    std::vector<double> aging_ms;
    std::int64_t difference = 0;
    for (int run = 0; run < aging_runs; ++run) {
        start = Clock::now();
        const auto aged =
            db.transact(store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
                BO_TRY_ASSIGN(
                    const receivables::Aging report,
                    receivables::aging(
                        txn, setup->actor.company, core::Date::parse("2024-12-31").value()));
                difference = report.difference_minor;
                return core::ok();
            });
        if (!aged.ok()) {
            return fail(aged.error(), "aging");
        }
        aging_ms.push_back(ms_since(start));
    }
    std::sort(aging_ms.begin(), aging_ms.end());
    std::printf(
        "aging as of 2024-12-31 over %lld paid invoices: median %.1f ms, difference to "
        "1200: %lld\n",
        static_cast<long long>(options.receipts) + static_cast<long long>(many->size()),
        aging_ms[aging_runs / 2],
        static_cast<long long>(difference));
    return difference == 0 ? 0 : 1;
}
