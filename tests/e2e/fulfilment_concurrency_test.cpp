// Issue #6 under load, over real HTTP on both backends: 64 clients order and confirm a few
// scarce items at once, then ship them at once (most "ship now", every eighth through its own
// pick list) while a receipt of one of the items arrives and allocates backorders. Afterwards
// no stock figure is negative, each item's reserved stock equals the sum of the open order
// lines' reserved quantities, on hand equals what was received less what shipped, and
// `backoffice inventory check` / `ledger check` are clean (inventory account = valued stock).
//
// Method: a fresh demo database per backend, `backoffice serve` on 127.0.0.1:0, 64 threads each
// with a copy of the signed-in admin client; every answer must be one the API promises (201,
// 200, or 422 when nothing is left to ship).
#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "e2e/fulfilment_fixture.hpp"

namespace bo::testing {
namespace {

using object = boost::json::object;
using array = boost::json::array;

constexpr int clients = 64;
constexpr int items = 3;
constexpr int units_each = 40;
constexpr int late_units = 30;

std::string sku(int index) {
    return "SC-" + std::to_string(index);
}

int units(const boost::json::value& text) {
    return std::stoi(std::string(text.as_string()));
}

class FulfilmentConcurrency : public FulfilmentServer {
protected:
    void SetUp() override {
        start();
        if (admin_ == nullptr) {
            return;
        }
        created("/api/v1/warehouses", object{{"code", "CONC"}, {"name", "Scarce"}});
        for (int index = 0; index < items; ++index) {
            created("/api/v1/items",
                    object{{"sku", sku(index)}, {"description", "Scarce"}, {"unit", "ea"},
                           {"price", "5.00"}});
            receive(index, units_each);
        }
        for (int index = 0; index < 4; ++index) {
            created("/api/v1/customers",
                    object{{"number", "CC-" + std::to_string(index)},
                           {"name", "Concurrent " + std::to_string(index)},
                           {"currency", "USD"},
                           {"credit_limit", "1000000.00"}});
        }
    }

    void created(const std::string& path, const object& body) {
        const ApiReply reply = admin_->post(path, body);
        ASSERT_EQ(reply.status, 201) << path << ": " << reply.text;
    }

    void receive(int item, int quantity) {
        created("/api/v1/stock/receipts",
                object{{"warehouse", "CONC"},
                       {"date", today().to_string()},
                       {"reference", "R"},
                       {"lines",
                        array{object{{"item", sku(item)},
                                     {"quantity", std::to_string(quantity)},
                                     {"unit_cost", "3.33"}}}}});
    }
};

// Client `index` orders two of the scarce items (2-4 units each) and confirms.
std::int64_t order_and_confirm(const ApiClient& client, int index, std::atomic<int>& bad) {
    const ApiReply order = client.post(
        "/api/v1/sales-orders",
        object{{"customer", "CC-" + std::to_string(index % 4)},
               {"warehouse", "CONC"},
               {"lines",
                array{object{{"item", sku(index % items)}, {"quantity", std::to_string(2 + index % 3)}},
                      object{{"item", sku((index + 1) % items)}, {"quantity", "2"}}}}});
    if (order.status != 201) {
        ++bad;
        return 0;
    }
    const std::int64_t id = order.body.at("id").as_int64();
    if (client.post("/api/v1/sales-orders/" + std::to_string(id) + "/confirm", object{}).status
        != 200) {
        ++bad;
    }
    return id;
}

// Ships what the order has reserved: through its own pick list for every eighth client.
void ship(const ApiClient& client, int index, std::int64_t order, std::atomic<int>& bad) {
    object body{{"order", order}, {"carrier", "UPS"}, {"packages", array{object{}}}};
    if (index % 8 == 0) {
        const ApiReply list = client.post(
            "/api/v1/pick-lists", object{{"warehouse", "CONC"}, {"orders", array{order}}});
        if (list.status == 422) {
            return;  // nothing reserved yet
        }
        if (list.status != 201) {
            ++bad;
            return;
        }
        const std::string path = "/api/v1/pick-lists/" + std::to_string(list.body.at("id").as_int64());
        if (client.post(path + "/pick", object{}).status != 200) {
            ++bad;
            return;
        }
        body["pick_list"] = list.body.at("id");
    }
    const int status = client.post("/api/v1/shipments", body).status;
    if (status != 201 && status != 422) {
        ++bad;
    }
}

TEST_P(FulfilmentConcurrency, SixtyFourClientsOrderAndShipScarceStockWithoutLosingAUnit) {
    std::vector<std::int64_t> orders(clients, 0);
    std::atomic<int> bad{0};
    {
        std::vector<std::thread> threads;
        for (int index = 0; index < clients; ++index) {
            threads.emplace_back([&, index, client = *admin_] {
                orders[static_cast<std::size_t>(index)] = order_and_confirm(client, index, bad);
            });
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
    }
    ASSERT_EQ(bad.load(), 0);
    {
        std::vector<std::thread> threads;
        for (int index = 0; index < clients; ++index) {
            threads.emplace_back([&, index, client = *admin_] {
                ship(client, index, orders[static_cast<std::size_t>(index)], bad);
            });
        }
        receive(0, late_units);  // allocates backorders while the others ship
        for (std::thread& thread : threads) {
            thread.join();
        }
    }
    EXPECT_EQ(bad.load(), 0);

    // What the orders say: reserved per item over open orders, shipped per item over shipments.
    std::map<std::string, int> reserved;
    std::map<std::string, int> shipped;
    for (const std::int64_t id : orders) {
        const ApiReply order = admin_->get("/api/v1/sales-orders/" + std::to_string(id));
        ASSERT_EQ(order.status, 200);
        const std::string status(order.body.at("status").as_string());
        for (const boost::json::value& line : order.body.at("lines").as_array()) {
            const std::string item(line.at("item").as_string());
            shipped[item] += units(line.at("shipped"));
            if (status == "confirmed" || status == "partly_shipped") {
                reserved[item] += units(line.at("reserved"));
            } else {
                EXPECT_EQ(units(line.at("reserved")), 0) << status;
            }
        }
        int by_shipments = 0;
        int by_lines = 0;
        const ApiReply list = admin_->get("/api/v1/shipments?order=" + std::to_string(id));
        for (const boost::json::value& summary : list.body.at("items").as_array()) {
            const ApiReply one =
                admin_->get("/api/v1/shipments/" + std::to_string(summary.at("id").as_int64()));
            for (const boost::json::value& line : one.body.at("lines").as_array()) {
                by_shipments += units(line.at("quantity"));
            }
        }
        for (const boost::json::value& line : order.body.at("lines").as_array()) {
            by_lines += units(line.at("shipped"));
        }
        EXPECT_EQ(by_shipments, by_lines) << "order " << id;
    }
    for (int index = 0; index < items; ++index) {
        const ApiReply rows = admin_->get("/api/v1/stock?item=" + sku(index) + "&warehouse=CONC");
        ASSERT_EQ(rows.status, 200);
        const boost::json::value& row = rows.body.at("items").at(0);
        const int received = units_each + (index == 0 ? late_units : 0);
        EXPECT_GT(shipped[sku(index)], 0) << sku(index);  // the run did ship
        EXPECT_GE(units(row.at("available")), 0) << sku(index);
        EXPECT_EQ(units(row.at("reserved")), reserved[sku(index)]) << sku(index);
        EXPECT_EQ(units(row.at("on_hand")), received - shipped[sku(index)]) << sku(index);
    }
    expect_clean_books();
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         FulfilmentConcurrency,
                         ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace bo::testing
