// bench_orders: sales orders end to end through the HTTP API on loopback (issue #6).
//
// 1. Set-up (not timed as the benchmark): `backoffice seed-demo`, then in-process a warehouse
//    BENCH, `--items` stocked items (bulk SQL) received in receipts of 500 lines through
//    inventory::receive (so the stock is valued and posted), and `--customers` customers (bulk
//    SQL).
// 2. Availability: sales::order_availability of a 20-line order (random items among all of
//    them, one stock_levels query), in a read-only transaction; median and p99 of 2,000 runs.
// 3. `backoffice serve` on 127.0.0.1, and `--clients` threads, each with its own session and a
//    keep-alive connection, running orders until `--orders` are shipped: create (5 lines, a
//    random customer, random items among the first `--http-items`) -> confirm -> pick list
//    (make + record picked) -> ship (from the picked list, one package). Printed: orders/s
//    shipped over the whole run, and p50/p99 per step.
//
// Usage: bench_orders [--db URL] [--orders N] [--clients N] [--items N] [--http-items N]
//                     [--customers N]
// Defaults: a SQLite file in a temporary directory, 2,000 orders, 32 clients, 100,000 items
// (10,000 of them ordered over HTTP), 50,000 customers.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include "ledger/service.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/sales/orders.hpp"
#include "platform/tenancy/service.hpp"
#include "store/database.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT: POSIX

namespace {

using namespace bo;  // NOLINT(google-build-using-namespace): a benchmark's main file
using namespace bo::modules;  // NOLINT(google-build-using-namespace): inventory, sales
namespace beast = boost::beast;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using tcp = boost::asio::ip::tcp;

constexpr std::int64_t receipt_lines = 500;
constexpr std::int64_t insert_rows = 10'000;
constexpr std::int64_t stock_units = 1'000'000;
constexpr int availability_lines = 20;
constexpr int availability_runs = 2'000;
constexpr int order_lines = 5;
constexpr double us_per_ms = 1000.0;

struct Options {
    std::string db;
    std::int64_t orders = 2'000;
    int clients = 32;
    std::int64_t items = 100'000;
    std::int64_t http_items = 10'000;
    std::int64_t customers = 50'000;
};

Options parse(int argc, char** argv) {
    Options options;
    for (int index = 1; index + 1 < argc; index += 2) {
        const std::string name = argv[index];
        const std::string value = argv[index + 1];
        if (name == "--db") {
            options.db = value;
        } else if (name == "--orders") {
            options.orders = std::stoll(value);
        } else if (name == "--clients") {
            options.clients = std::stoi(value);
        } else if (name == "--items") {
            options.items = std::stoll(value);
        } else if (name == "--http-items") {
            options.http_items = std::stoll(value);
        } else if (name == "--customers") {
            options.customers = std::stoll(value);
        } else {
            std::fprintf(stderr, "unknown option %s\n", name.c_str());
            std::exit(2);
        }
    }
    options.http_items = std::min(options.http_items, options.items);
    return options;
}

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "bench_orders: %s\n", what.c_str());
    std::exit(1);
}

template <typename T>
T check(core::Result<T> result, const char* what) {
    if (!result) {
        fail(std::string(what) + ": " + result.error().message());
    }
    return std::move(*result);
}

void check(core::Result<void> result, const char* what) {
    if (!result) {
        fail(std::string(what) + ": " + result.error().message());
    }
}

double percentile(std::vector<double> values, double fraction) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1));
    return values[index];
}

// --- Set-up -----------------------------------------------------------------------------------

std::string seed_demo(const std::string& db) {
    const std::string command = std::string(BO_BINARY) + " seed-demo --db '" + db + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");  // NOLINT(cert-env33-c): our own binary
    std::string out;
    std::array<char, 4096> buffer{};
    while (pipe != nullptr && std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) {
        out += buffer.data();
    }
    if (pipe == nullptr || pclose(pipe) != 0) {
        fail("seed-demo failed: " + out);
    }
    const std::string marker = "user admin, password ";
    const auto at = out.find(marker);
    if (at == std::string::npos) {
        fail("no admin password in: " + out);
    }
    const auto start = at + marker.size();
    return out.substr(start, out.find_first_of(" \n", start) - start);
}

struct Loaded {
    platform::Actor actor;
    std::vector<inventory::ItemId> items;
    inventory::WarehouseId warehouse{};
};

void load(store::Database& database, const Options& options, Loaded& loaded) {
    const core::SystemClock clock;
    check(database.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(const auto company, platform::tenancy::find_company(txn, "DEMO"));
        BO_ASSERT(company.has_value());
        const std::vector<store::Value> params{company->id.value()};
        BO_TRY_ASSIGN(const store::Row admin,
                      txn.query_one("SELECT id FROM users WHERE company_id = $1 AND "
                                    "username = 'admin'",
                                    params));
        loaded.actor = platform::Actor{.company = company->id,
                                       .user = platform::auth::UserId(admin.i64(0)),
                                       .username = "admin",
                                       .request_id = "bench",
                                       .client_address = ""};
        BO_TRY_ASSIGN(const core::Currency currency,
                      ledger::functional_currency(txn, company->id));
        const std::int64_t now = clock.now().unix_micros();
        for (std::int64_t first = 0; first < options.items; first += insert_rows) {
            std::vector<std::vector<store::Value>> rows;
            for (std::int64_t n = first; n < std::min(options.items, first + insert_rows); ++n) {
                char sku[32];
                std::snprintf(sku, sizeof sku, "BI-%06lld", static_cast<long long>(n));
                rows.push_back({company->id.value(), std::string(sku), "Bench item " + std::string(sku),
                                std::string("ea"), std::string("stocked"), std::int64_t{1999},
                                std::int64_t{100}, std::string(currency.code()), now});
            }
            BO_TRY(txn.execute_batch(
                "INSERT INTO items (company_id, sku, description, unit, kind, price_minor, "
                "standard_cost_minor, currency, active, created_at_us) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9)",
                rows));
        }
        for (std::int64_t first = 0; first < options.customers; first += insert_rows) {
            std::vector<std::vector<store::Value>> rows;
            for (std::int64_t n = first; n < std::min(options.customers, first + insert_rows);
                 ++n) {
                char number[32];
                std::snprintf(number, sizeof number, "BC-%06lld", static_cast<long long>(n));
                rows.push_back({company->id.value(), std::string(number),
                                "Bench customer " + std::string(number),
                                std::string(currency.code()), std::int64_t{1'000'000'000'000},
                                now});
            }
            BO_TRY(txn.execute_batch(
                "INSERT INTO customers (company_id, number, name, currency, credit_limit_minor, "
                "status, created_at_us, updated_at_us) VALUES ($1, $2, $3, $4, $5, 'active', $6, "
                "$6)",
                rows));
        }
        BO_TRY_ASSIGN(const store::Rows ids,
                      txn.query("SELECT id FROM items WHERE company_id = $1 AND sku LIKE 'BI-%' "
                                "ORDER BY sku",
                                params));
        for (const store::Row& row : ids) {
            loaded.items.emplace_back(row.i64(0));
        }
        BO_TRY_ASSIGN(const inventory::Warehouse warehouse,
                      inventory::create_warehouse(txn, clock, loaded.actor,
                                                  {.code = "BENCH",
                                                   .name = "Benchmark",
                                                   .address = "",
                                                   .bins = {"A-01", "B-01", "C-01"}}));
        loaded.warehouse = warehouse.id;
        return core::ok();
    }), "bulk load");
    // Stock, valued and posted: receipts of 500 lines, one transaction each.
    const core::Date today = core::business_date(clock.now(), core::TimeZone::utc());
    for (std::size_t first = 0; first < loaded.items.size();
         first += static_cast<std::size_t>(receipt_lines)) {
        check(database.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
            inventory::Receipt receipt{.warehouse = loaded.warehouse,
                                       .date = today,
                                       .reference = "bench stock",
                                       .lines = {},
                                       .offset_account = std::string("3900")};
            for (std::size_t n = first;
                 n < std::min(loaded.items.size(), first + static_cast<std::size_t>(receipt_lines));
                 ++n) {
                receipt.lines.push_back({.item = loaded.items[n],
                                         .quantity = {stock_units * 1000},
                                         .unit_cost_minor = 100,
                                         .bin = std::nullopt,
                                         .expected = std::nullopt});
            }
            BO_TRY(inventory::receive(txn, clock, loaded.actor, receipt, {}));
            return core::ok();
        }), "stock receipt");
    }
}

void availability(store::Database& database, const Loaded& loaded) {
    std::mt19937_64 random(7);
    std::vector<double> us;
    const core::Currency usd = core::Currency::create("USD").value();
    const core::Money zero = core::Money::zero(usd);
    sales::SalesOrder order{.id = {},
                            .number = "BENCH",
                            .customer = {},
                            .customer_number = {},
                            .warehouse = loaded.warehouse,
                            .status = sales::OrderStatus::entered,
                            .currency = usd,
                            .order_date = core::Date::parse("2026-01-01").value(),
                            .priority = 0,
                            .salesperson = std::nullopt,
                            .entered_by = {},
                            .customer_reference = {},
                            .hold_reason = {},
                            .net = zero,
                            .tax = zero,
                            .total = zero,
                            .created_at = core::Instant(0),
                            .updated_at = core::Instant(0),
                            .version = 1,
                            .lines = {}};
    std::uniform_int_distribution<std::size_t> pick(0, loaded.items.size() - 1);
    for (int run = 0; run < availability_runs; ++run) {
        order.lines.clear();
        for (int line = 0; line < availability_lines; ++line) {
            order.lines.push_back(sales::OrderLine{.line_number = line + 1,
                                                   .item = loaded.items[pick(random)],
                                                   .sku = {},
                                                   .unit = "ea",
                                                   .quantity_milli = 3000,
                                                   .unit_price = zero,
                                                   .price_source = sales::PriceSource::item,
                                                   .discount_percent = "0",
                                                   .tax_rate = std::nullopt,
                                                   .tax_percent = "0",
                                                   .net = zero,
                                                   .tax = zero,
                                                   .reserved_milli = 0,
                                                   .backordered_milli = 0,
                                                   .shipped_milli = 0});
        }
        const auto start = Clock::now();
        check(database.transact(store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY(sales::order_availability(txn, loaded.actor, order));
            return core::ok();
        }), "availability");
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    std::printf("availability of a 20-line order, %zu items in stock: median %.3f ms, p99 %.3f ms "
                "(%d runs, one read-only transaction each)\n",
                loaded.items.size(), percentile(us, 0.5) / us_per_ms,
                percentile(us, 0.99) / us_per_ms, availability_runs);
}

// --- The server and its clients -------------------------------------------------------------

struct Server {
    pid_t pid = 0;
    int port = 0;
};

Server start_server(const std::string& db) {
    int out[2];
    if (pipe(out) != 0) {
        fail("pipe");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::string binary = BO_BINARY;
    std::vector<std::string> args{binary, "serve", "--db", db, "--listen", "127.0.0.1:0",
                                  "--log-level", "warn"};
    std::vector<char*> argv;
    for (std::string& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    Server server;
    if (posix_spawn(&server.pid, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
        fail("cannot start the server");
    }
    close(out[1]);
    std::string text;
    const std::string marker = "http://127.0.0.1:";
    std::array<char, 512> buffer{};
    while (text.find(marker) == std::string::npos || text.find('\n', text.find(marker)) == std::string::npos) {
        const ssize_t got = read(out[0], buffer.data(), buffer.size());
        if (got <= 0) {
            fail("the server did not say where it listens: " + text);
        }
        text.append(buffer.data(), static_cast<std::size_t>(got));
    }
    server.port = std::stoi(text.substr(text.find(marker) + marker.size()));
    return server;
}

// One keep-alive HTTP/1.1 connection with a session.
class Client {
public:
    explicit Client(int port) : port_(port) { connect(); }

    struct Reply {
        unsigned status = 0;
        json::value body;
    };

    Reply send(beast::http::verb verb, const std::string& target, const json::value& body) {
        beast::http::request<beast::http::string_body> request{verb, target, 11};
        request.set(beast::http::field::host, "127.0.0.1");
        request.set(beast::http::field::content_type, "application/json");
        if (!cookie_.empty()) {
            request.set(beast::http::field::cookie, cookie_);
            request.set("X-CSRF-Token", csrf_);
        }
        if (!body.is_null()) {
            request.body() = json::serialize(body);
        }
        request.prepare_payload();
        for (int attempt = 0; attempt < 2; ++attempt) {
            beast::error_code error;
            beast::http::write(socket_, request, error);
            beast::flat_buffer buffer;
            beast::http::response<beast::http::string_body> response;
            if (!error) {
                beast::http::read(socket_, buffer, response, error);
            }
            if (error) {
                connect();  // the server closed the idle connection: once more
                continue;
            }
            if (const auto set = response.find(beast::http::field::set_cookie);
                set != response.end()) {
                const std::string value(set->value());
                cookie_ = value.substr(0, value.find(';'));
            }
            if (!response.keep_alive()) {
                connect();
            }
            Reply reply{response.result_int(), nullptr};
            boost::system::error_code parse_error;
            reply.body = json::parse(response.body(), parse_error);
            return reply;
        }
        fail("cannot reach the server");
    }

    void sign_in(const std::string& password) {
        const Reply reply = send(beast::http::verb::post, "/api/v1/session",
                                 json::object{{"company", "DEMO"}, {"username", "admin"},
                                              {"password", password}});
        if (reply.status != 200) {
            fail("sign-in: " + json::serialize(reply.body));
        }
        csrf_ = json::value_to<std::string>(reply.body.at("csrf_token"));
    }

private:
    void connect() {
        socket_ = tcp::socket(io_);
        socket_.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"),
                                      static_cast<unsigned short>(port_)));
        socket_.set_option(tcp::no_delay(true));
    }

    int port_;
    boost::asio::io_context io_;
    tcp::socket socket_{io_};
    std::string cookie_;
    std::string csrf_;
};

constexpr std::array<const char*, 4> step_names{"create order (5 lines)", "confirm",
                                                "pick (make list + picked)", "ship"};

struct Steps {
    std::array<std::vector<double>, 4> ms;
};

void run_client(int port, const std::string& password, const Options& options,
                std::atomic<std::int64_t>& next, Steps& steps, unsigned seed) {
    Client client(port);
    client.sign_in(password);
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<std::int64_t> customer(0, options.customers - 1);
    std::uniform_int_distribution<std::int64_t> item(0, options.http_items - 1);
    const auto expect = [](const Client::Reply& reply, unsigned status, const char* what) {
        if (reply.status != status) {
            fail(std::string(what) + " answered " + std::to_string(reply.status) + ": "
                 + json::serialize(reply.body));
        }
    };
    const auto timed = [&](int step, auto&& call) {
        const auto start = Clock::now();
        auto reply = call();
        steps.ms.at(static_cast<std::size_t>(step))
            .push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        return reply;
    };
    using verb = beast::http::verb;
    while (next.fetch_add(1) < options.orders) {
        char number[32];
        std::snprintf(number, sizeof number, "BC-%06lld", static_cast<long long>(customer(random)));
        json::array lines;
        std::vector<std::int64_t> chosen;
        while (chosen.size() < order_lines) {
            const std::int64_t n = item(random);
            if (std::find(chosen.begin(), chosen.end(), n) == chosen.end()) {
                chosen.push_back(n);
                char sku[32];
                std::snprintf(sku, sizeof sku, "BI-%06lld", static_cast<long long>(n));
                lines.push_back(json::object{{"item", sku}, {"quantity", "2"}});
            }
        }
        const auto order = timed(0, [&] {
            return client.send(verb::post, "/api/v1/sales-orders",
                               json::object{{"customer", number}, {"warehouse", "BENCH"},
                                            {"lines", lines}});
        });
        expect(order, 201, "create order");
        const std::int64_t id = order.body.at("id").as_int64();
        const std::string path = "/api/v1/sales-orders/" + std::to_string(id);
        expect(timed(1, [&] { return client.send(verb::post, path + "/confirm", json::object{}); }),
               200, "confirm");
        const auto list = timed(2, [&] {
            auto made = client.send(verb::post, "/api/v1/pick-lists",
                                    json::object{{"warehouse", "BENCH"},
                                                 {"orders", json::array{id}}});
            if (made.status == 201) {
                const std::string list_path =
                    "/api/v1/pick-lists/" + std::to_string(made.body.at("id").as_int64());
                made.status = client.send(verb::post, list_path + "/pick", json::object{}).status;
                made.status = made.status == 200 ? 201 : made.status;
            }
            return made;
        });
        expect(list, 201, "pick");
        expect(timed(3, [&] {
                   return client.send(verb::post, "/api/v1/shipments",
                                      json::object{{"order", id},
                                                   {"pick_list", list.body.at("id")},
                                                   {"carrier", "UPS"},
                                                   {"packages",
                                                    json::array{json::object{{"weight_grams", 900}}}}});
               }),
               201, "ship");
    }
}

}  // namespace

int main(int argc, char** argv) {
    Options options = parse(argc, argv);
    std::filesystem::path directory;
    if (options.db.empty()) {
        directory = std::filesystem::temp_directory_path() / ("bench_orders." + std::to_string(getpid()));
        std::filesystem::create_directories(directory);
        options.db = "sqlite:" + (directory / "bench.db").string();
    }
    std::printf("bench_orders: %s, %lld items (%lld ordered over HTTP), %lld customers, "
                "%d clients, %lld orders, %u hardware threads\n",
                options.db.c_str(), static_cast<long long>(options.items),
                static_cast<long long>(options.http_items),
                static_cast<long long>(options.customers), options.clients,
                static_cast<long long>(options.orders), std::thread::hardware_concurrency());
    const std::string password = seed_demo(options.db);
    Loaded loaded;
    {
        auto database = check(store::Database::open(options.db), "open");
        const auto start = Clock::now();
        load(*database, options, loaded);
        std::printf("set-up: %.1f s (items, customers, stock received and posted)\n",
                    std::chrono::duration<double>(Clock::now() - start).count());
        availability(*database, loaded);
    }
    const Server server = start_server(options.db);
    std::atomic<std::int64_t> next{0};
    std::vector<Steps> steps(static_cast<std::size_t>(options.clients));
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (int index = 0; index < options.clients; ++index) {
        threads.emplace_back(run_client, server.port, std::cref(password), std::cref(options),
                             std::ref(next), std::ref(steps[static_cast<std::size_t>(index)]),
                             static_cast<unsigned>(index + 1));
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    kill(server.pid, SIGTERM);
    waitpid(server.pid, nullptr, 0);
    std::printf("shipped %lld orders in %.1f s: %.0f orders/s (5 lines each; 5 requests per order)\n",
                static_cast<long long>(options.orders), seconds,
                static_cast<double>(options.orders) / seconds);
    for (std::size_t step = 0; step < step_names.size(); ++step) {
        std::vector<double> all;
        for (const Steps& one : steps) {
            all.insert(all.end(), one.ms[step].begin(), one.ms[step].end());
        }
        std::printf("  %-28s p50 %7.2f ms  p99 %7.2f ms\n", step_names[step],
                    percentile(all, 0.5), percentile(all, 0.99));
    }
    if (!directory.empty()) {
        std::filesystem::remove_all(directory);
    }
    return 0;
}
