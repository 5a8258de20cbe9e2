// Goal: 64 clients ordering and confirming a few scarce items at once, against a real server on
// both backends, never oversell: afterwards no stock is negative, reserved never exceeds on
// hand, and inventory's reserved and backordered figures equal the sums over the open order
// lines (every order confirmed, some cancelled).
// Method: SalesApiTest; three items with 10 units each; 64 threads, each with its own HTTP
// connections (ApiClient, one connection per request) and a bearer token of the admin, enter
// an order of 1-4 units of one or two items, confirm it, and cancel every fifth; then the
// orders and the stock view are read back over HTTP and compared.
#include <atomic>
#include <mutex>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "e2e/sales_api_fixture.hpp"

namespace bo::testing {
namespace {

class SalesOrdersConcurrency : public SalesApiTest {};

constexpr int clients = 64;

// Thousandths from a quantity text without a fraction ("7" -> 7000).
std::int64_t milli(const boost::json::value& text) {
    return std::stoll(std::string(text.as_string())) * 1000;
}

TEST_P(SalesOrdersConcurrency, SixtyFourClientsNeverOversellAndReservationsMatchTheOrders) {
    customer("C-RUSH", "100000000.00");
    const std::vector<std::string> skus{"E2E-WID", "E2E-A", "E2E-B"};
    for (const std::string& sku : {std::string("E2E-A"), std::string("E2E-B")}) {
        const ApiReply item = admin().post(
            "/api/v1/items",
            object{{"sku", sku}, {"description", sku}, {"unit", "ea"}, {"price", "3.00"}});
        ASSERT_EQ(item.status, 201) << item.text;
    }
    for (const std::string& sku : skus) {
        receive(sku, "10");
    }
    const std::string expires =
        core::Instant(core::SystemClock().now().unix_micros() + std::int64_t{86'400'000'000})
            .to_rfc3339();
    const ApiReply token =
        admin().post("/api/v1/tokens",
                     object{{"name", "rush"},
                            {"scopes", array{"sales.read", "sales.order", "sales.manage"}},
                            {"expires_at", expires}});
    ASSERT_EQ(token.status, 201) << token.text;

    std::atomic<int> failures{0};
    std::mutex first_failure_mutex;
    std::string first_failure;  // what the first refused request answered, for the message
    const auto failed = [&](const std::string& step, const ApiReply& reply) {
        ++failures;
        const std::lock_guard lock(first_failure_mutex);
        if (first_failure.empty()) {
            first_failure = step + ": " + std::to_string(reply.status) + " " + reply.text;
        }
    };
    std::vector<std::thread> threads;
    threads.reserve(clients);
    for (int index = 0; index < clients; ++index) {
        threads.emplace_back([&, index] {
            ApiClient client(port());
            client.use_bearer(token.string("token"));
            array lines{line(skus[static_cast<std::size_t>(index) % skus.size()],
                             std::to_string(1 + index % 4))};
            if (index % 3 == 0) {
                lines.push_back(line(skus[static_cast<std::size_t>(index + 1) % skus.size()], "1"));
            }
            const ApiReply entered = client.post("/api/v1/sales-orders", order("C-RUSH", lines));
            if (entered.status != 201) {
                failed("enter", entered);
                return;
            }
            const ApiReply confirmed = client.post(order_path(entered) + "/confirm", object{});
            if (confirmed.status != 200 || confirmed.string("status") != "confirmed") {
                failed("confirm", confirmed);
                return;
            }
            if (index % 5 == 0) {
                const ApiReply cancelled = client.post(order_path(entered) + "/cancel", object{});
                if (cancelled.status != 200) {
                    failed("cancel", cancelled);
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0) << first_failure;

    // Read every order back and add up its open lines per item.
    std::map<std::string, std::int64_t> reserved;
    std::map<std::string, std::int64_t> backordered;
    int confirmed = 0;
    std::string cursor;
    for (int pages = 0; pages < 10; ++pages) {
        const ApiReply page = admin().get("/api/v1/sales-orders?customer=C-RUSH&limit=50"
                                          + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(page.status, 200) << page.text;
        for (const boost::json::value& summary : page.body.at("items").as_array()) {
            if (summary.at("status") != "confirmed") {
                continue;
            }
            ++confirmed;
            const ApiReply one =
                admin().get("/api/v1/sales-orders/" + std::to_string(summary.at("id").as_int64()));
            ASSERT_EQ(one.status, 200);
            for (const boost::json::value& order_line : one.body.at("lines").as_array()) {
                const std::string sku(order_line.at("item").as_string());
                reserved[sku] += milli(order_line.at("reserved"));
                backordered[sku] += milli(order_line.at("backordered"));
            }
        }
        if (!page.body.as_object().contains("next_cursor")) {
            break;
        }
        cursor = std::string(page.body.at("next_cursor").as_string());
    }
    EXPECT_EQ(confirmed, clients - (clients + 4) / 5);
    for (const std::string& sku : skus) {
        const boost::json::value row = stock(sku);
        ASSERT_TRUE(row.is_object()) << sku;
        EXPECT_EQ(milli(row.at("on_hand")), 10'000) << sku;
        EXPECT_GE(milli(row.at("available")), 0) << sku;
        EXPECT_LE(milli(row.at("reserved")), milli(row.at("on_hand"))) << sku;
        EXPECT_EQ(milli(row.at("reserved")), reserved[sku]) << sku;
        EXPECT_EQ(milli(row.at("backordered")), backordered[sku]) << sku;
        // The scarce items are gone: demand far exceeds the ten units.
        EXPECT_EQ(milli(row.at("reserved")), 10'000) << sku;
    }
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         SalesOrdersConcurrency,
                         ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace bo::testing
