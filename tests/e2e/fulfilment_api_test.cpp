// Issue #6 end to end, over real HTTP on both backends: a customer's order with a backordered
// line is confirmed, a receipt allocates the backorder, the warehouse picks (one line short),
// ships in two parts (from the pick list, then "ship now"), prints the packing slip, and the
// customer returns one unit to stock and one to scrap. Afterwards `backoffice ledger check` and
// `backoffice inventory check` are clean (the inventory account equals the valued stock).
//
// Method: a fresh demo database per backend, `backoffice serve` on 127.0.0.1:0, the demo admin
// over ApiClient; the Idempotency-Key replay goes through a raw request with the same session.
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "e2e/fulfilment_fixture.hpp"

namespace bo::testing {
namespace {

using object = boost::json::object;
using array = boost::json::array;

class FulfilmentApi : public FulfilmentServer {
protected:
    void SetUp() override {
        start();
        if (admin_ == nullptr) {
            return;
        }
        expect_created("/api/v1/warehouses",
                       object{{"code", "FULWH"}, {"name", "Fulfilment"}, {"bins", array{"A-01", "B-01"}}});
        for (const char* sku : {"FUL-A", "FUL-B"}) {
            expect_created("/api/v1/items",
                           object{{"sku", sku},
                                  {"description", std::string("Widget ") + sku},
                                  {"unit", "ea"},
                                  {"price", "10.00"}});
        }
        expect_created("/api/v1/customers",
                       object{{"number", "C-FUL"},
                              {"name", "Ful Filment GmbH"},
                              {"currency", "USD"},
                              {"credit_limit", "100000.00"},
                              {"addresses",
                               array{object{{"kind", "shipping"},
                                            {"line1", "7 Quay Street"},
                                            {"city", "Troy"},
                                            {"postal_code", "12180"},
                                            {"country", "US"}}}}});
    }

    boost::json::value expect_created(const std::string& path, const object& body) {
        const ApiReply reply = admin_->post(path, body);
        EXPECT_EQ(reply.status, 201) << path << ": " << reply.text;
        return reply.body;
    }

    void receive(const std::string& sku, int quantity, const std::string& bin) {
        expect_created("/api/v1/stock/receipts",
                       object{{"warehouse", "FULWH"},
                              {"reference", "R-" + sku},
                              {"date", today().to_string()},
                              {"lines",
                               array{object{{"item", sku},
                                            {"quantity", std::to_string(quantity)},
                                            {"unit_cost", "4.00"},
                                            {"bin", bin}}}}});
    }

    boost::json::value stock(const std::string& sku) {
        const ApiReply rows = admin_->get("/api/v1/stock?item=" + sku + "&warehouse=FULWH");
        EXPECT_EQ(rows.status, 200) << rows.text;
        return rows.body.at("items").at(0);
    }

    boost::json::value order_line(std::int64_t order, std::size_t index) {
        const ApiReply reply = admin_->get("/api/v1/sales-orders/" + std::to_string(order));
        EXPECT_EQ(reply.status, 200) << reply.text;
        return reply.body.at("lines").at(index);
    }

    std::string order_status(std::int64_t order) {
        return admin_->get("/api/v1/sales-orders/" + std::to_string(order)).string("status");
    }

    // POST with an Idempotency-Key, through a raw request carrying the admin's session.
    HttpReply post_once(const std::string& path, const object& body, const std::string& key) {
        const std::string text = boost::json::serialize(body);
        return http_exchange(server_->port(),
                             "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                                 + admin_->cookie() + "\r\nX-CSRF-Token: " + csrf_
                                 + "\r\nIdempotency-Key: " + key
                                 + "\r\nContent-Type: application/json\r\nContent-Length: "
                                 + std::to_string(text.size()) + "\r\nConnection: close\r\n\r\n"
                                 + text);
    }
};

object package(std::int64_t grams) {
    return object{{"weight_grams", grams}, {"length_mm", 400}, {"width_mm", 300}, {"height_mm", 200}};
}

TEST_P(FulfilmentApi, OrderToShipmentToReturnKeepsTheBooksClean) {
    receive("FUL-A", 10, "B-01");
    receive("FUL-B", 3, "A-01");
    // An order of 6 A and 5 B: B is short by 2 and backordered.
    const boost::json::value order = expect_created(
        "/api/v1/sales-orders",
        object{{"customer", "C-FUL"},
               {"warehouse", "FULWH"},
               {"customer_reference", "PO-4711"},
               {"lines",
                array{object{{"item", "FUL-A"}, {"quantity", "6"}},
                      object{{"item", "FUL-B"}, {"quantity", "5"}}}}});
    const std::int64_t order_id = order.at("id").as_int64();
    const std::string order_path = "/api/v1/sales-orders/" + std::to_string(order_id);
    ASSERT_EQ(admin_->post(order_path + "/confirm", object{}).status, 200);
    EXPECT_EQ(order_line(order_id, 1).at("backordered").as_string(), "2");
    // The receipt allocates the backorder.
    receive("FUL-B", 4, "A-01");
    EXPECT_EQ(order_line(order_id, 1).at("reserved").as_string(), "5");
    EXPECT_EQ(order_line(order_id, 1).at("backordered").as_string(), "0");

    // Pick: lines by bin (A-01 holds FUL-B, B-01 FUL-A); FUL-A is picked short (4 of 6).
    const boost::json::value list = expect_created(
        "/api/v1/pick-lists", object{{"warehouse", "FULWH"}, {"orders", array{order_id}}});
    const std::string list_path = "/api/v1/pick-lists/" + std::to_string(list.at("id").as_int64());
    ASSERT_EQ(list.at("lines").as_array().size(), 2U);
    EXPECT_EQ(list.at("lines").at(0).at("bin").as_string(), "A-01");
    EXPECT_EQ(list.at("lines").at(0).at("item").as_string(), "FUL-B");
    EXPECT_EQ(list.at("lines").at(1).at("item").as_string(), "FUL-A");
    // A reserved quantity is on at most one open pick list.
    EXPECT_EQ(admin_->post("/api/v1/pick-lists", object{{"warehouse", "FULWH"}}).status, 422);
    const ApiReply picked = admin_->post(
        list_path + "/pick",
        object{{"lines", array{object{{"line_number", 2}, {"picked", "4"}}}}});
    ASSERT_EQ(picked.status, 200) << picked.text;
    EXPECT_EQ(picked.body.at("status").as_string(), "picked");

    // Shipping more than was picked is refused naming the line, and changes nothing.
    const object too_much{{"order", order_id},
                          {"pick_list", list.at("id")},
                          {"carrier", "UPS"},
                          {"lines", array{object{{"line_number", 1}, {"quantity", "5"}}}},
                          {"packages", array{package(2500)}}};
    const ApiReply refused = admin_->post("/api/v1/shipments", too_much);
    ASSERT_EQ(refused.status, 422) << refused.text;
    EXPECT_EQ(refused.body.at("errors").at(0).at("field").as_string(), "lines/0/quantity");
    EXPECT_EQ(stock("FUL-A").at("on_hand").as_string(), "10");

    // Ship what was picked; the same Idempotency-Key twice ships once.
    const object first{{"order", order_id},
                       {"pick_list", list.at("id")},
                       {"carrier", "UPS"},
                       {"service", "Ground"},
                       {"tracking_number", "1Z999AA10123456784"},
                       {"packages", array{package(2500), package(1250)}}};
    const HttpReply shipped = post_once("/api/v1/shipments", first, "ship-once-1");
    ASSERT_EQ(shipped.status, 201) << shipped.body;
    const HttpReply replayed = post_once("/api/v1/shipments", first, "ship-once-1");
    ASSERT_EQ(replayed.status, 201) << replayed.body;
    const boost::json::value shipment = boost::json::parse(shipped.body);
    EXPECT_EQ(boost::json::parse(replayed.body).at("id"), shipment.at("id"));
    EXPECT_EQ(admin_->get("/api/v1/shipments?order=" + std::to_string(order_id))
                  .body.at("items").as_array().size(),
              1U);
    // The warehouse's "shipped today" list: by ship date (today by default), a bad date is 400.
    EXPECT_EQ(admin_->get("/api/v1/shipments?ship_date=" + today().to_string())
                  .body.at("items").as_array().size(),
              1U);
    EXPECT_EQ(admin_->get("/api/v1/shipments?ship_date=2001-01-01").body.at("items").as_array().size(),
              0U);
    EXPECT_EQ(admin_->get("/api/v1/shipments?ship_date=yesterday").status, 400);
    // The executive's chart: this month has the shipment, its order and its net (40 + 50).
    const std::string month_from = today().to_string().substr(0, 8) + "01";
    const ApiReply months = admin_->get("/api/v1/fulfilment/shipped-by-month?from=" + month_from
                                        + "&to=" + today().add_days(1).value().to_string());
    ASSERT_EQ(months.status, 200) << months.text;
    ASSERT_EQ(months.body.at("items").as_array().size(), 1U) << months.text;
    EXPECT_EQ(months.body.at("items").at(0).at("month").as_string(), month_from.substr(0, 7));
    EXPECT_EQ(months.body.at("items").at(0).at("shipments").as_int64(), 1);
    EXPECT_EQ(months.body.at("items").at(0).at("orders").as_int64(), 1);
    EXPECT_EQ(months.body.at("items").at(0).at("net").as_string(), "90.00");
    EXPECT_EQ(admin_->get("/api/v1/fulfilment/shipped-by-month?from=2020-01-01&to=2026-01-01")
                  .status,
              400);
    EXPECT_EQ(admin_->get("/api/v1/fulfilment/shipped-by-month?to=2026-01-01").status, 400);
    EXPECT_EQ(order_status(order_id), "partly_shipped");
    EXPECT_EQ(stock("FUL-A").at("on_hand").as_string(), "6");
    EXPECT_EQ(stock("FUL-A").at("reserved").as_string(), "2");
    EXPECT_EQ(stock("FUL-B").at("on_hand").as_string(), "2");
    // Billing's share: 4 of 6 A at 10.00 and all 5 B.
    EXPECT_EQ(shipment.at("cost").as_string(), "36.00");
    EXPECT_EQ(shipment.at("lines").at(0).at("net").as_string(), "40.00");
    EXPECT_EQ(shipment.at("lines").at(1).at("net").as_string(), "50.00");

    // The packing slip shows the lines, the address, the carrier and the tracking number.
    const std::string shipment_path =
        "/api/v1/shipments/" + std::to_string(shipment.at("id").as_int64());
    const ApiReply slip = admin_->get(shipment_path + "/packing-slip.pdf");
    ASSERT_EQ(slip.status, 200);
    ASSERT_EQ(slip.text.rfind("%PDF", 0), 0U);
    const std::filesystem::path pdf = std::filesystem::temp_directory_path()
                                      / ("packing-slip-" + std::to_string(::getpid()) + ".pdf");
    std::ofstream(pdf, std::ios::binary) << slip.text;
    const CommandResult text = run_command({"/usr/bin/pdftotext", "-layout", pdf.string(), "-"});
    std::filesystem::remove(pdf);
    EXPECT_NE(text.out.find("FUL-A"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Widget FUL-B"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("7 Quay Street"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("PO-4711"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("1Z999AA10123456784"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("3.750 kg"), std::string::npos) << text.out;
    // The letterhead is the company profile's (GET/PUT /api/v1/company).
    EXPECT_NE(text.out.find("100 Harbor Street"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Tax ID EIN 12-3456789"), std::string::npos) << text.out;

    // The rest ships now, without a pick list.
    const ApiReply rest = admin_->post(
        "/api/v1/shipments",
        object{{"order", order_id}, {"carrier", "DHL"}, {"packages", array{object{}}}});
    ASSERT_EQ(rest.status, 201) << rest.text;
    EXPECT_EQ(rest.body.at("lines").at(0).at("net").as_string(), "20.00");
    EXPECT_EQ(order_status(order_id), "shipped");
    EXPECT_EQ(stock("FUL-A").at("reserved").as_string(), "0");

    // Return one A (to stock) and one B (scrap) of the first shipment; not more than shipped.
    const object too_many{
        {"shipment", shipment.at("id")},
        {"lines", array{object{{"shipment_line", 1}, {"quantity", "5"}}}}};
    EXPECT_EQ(admin_->post("/api/v1/returns", too_many).status, 422);
    const boost::json::value authorised = expect_created(
        "/api/v1/returns",
        object{{"shipment", shipment.at("id")},
               {"reason", "wrong colour"},
               {"lines",
                array{object{{"shipment_line", 1}, {"quantity", "1"}},
                      object{{"shipment_line", 2}, {"quantity", "1"}}}}});
    const std::string return_path =
        "/api/v1/returns/" + std::to_string(authorised.at("id").as_int64());
    const ApiReply received = admin_->post(
        return_path + "/receive",
        object{{"lines", array{object{{"line_number", 2}, {"disposition", "scrap"}}}}});
    ASSERT_EQ(received.status, 200) << received.text;
    EXPECT_EQ(received.body.at("status").as_string(), "received");
    EXPECT_EQ(stock("FUL-A").at("on_hand").as_string(), "5");
    EXPECT_EQ(stock("FUL-B").at("on_hand").as_string(), "2");
    // The shipment's returns: this one; the other shipment has none.
    const ApiReply of_first = admin_->get("/api/v1/returns?shipment="
                                          + std::to_string(shipment.at("id").as_int64()));
    ASSERT_EQ(of_first.body.at("items").as_array().size(), 1U) << of_first.text;
    EXPECT_EQ(of_first.body.at("items").at(0).at("id"), authorised.at("id"));
    EXPECT_TRUE(admin_->get("/api/v1/returns?shipment=" + std::to_string(rest.body.at("id").as_int64()))
                    .body.at("items")
                    .as_array()
                    .empty());

    // Billing's hand-off: three shipped lines to invoice, two returned lines to credit.
    EXPECT_EQ(admin_->get("/api/v1/fulfilment/billable").body.at("items").as_array().size(), 3U);
    const ApiReply credit = admin_->get("/api/v1/fulfilment/credit-due");
    ASSERT_EQ(credit.body.at("items").as_array().size(), 2U);
    EXPECT_EQ(credit.body.at("items").at(0).at("net").as_string(), "10.00");
    expect_clean_books();
}

TEST_P(FulfilmentApi, AnOrderCancelledWhileOnAPickListShipsNothing) {
    receive("FUL-A", 5, "B-01");
    const boost::json::value order = expect_created(
        "/api/v1/sales-orders",
        object{{"customer", "C-FUL"},
               {"warehouse", "FULWH"},
               {"lines", array{object{{"item", "FUL-A"}, {"quantity", "3"}}}}});
    const std::int64_t order_id = order.at("id").as_int64();
    const std::string order_path = "/api/v1/sales-orders/" + std::to_string(order_id);
    ASSERT_EQ(admin_->post(order_path + "/confirm", object{}).status, 200);
    // "Ship now" of more than is reserved names the line.
    const ApiReply too_much = admin_->post(
        "/api/v1/shipments",
        object{{"order", order_id},
               {"carrier", "UPS"},
               {"lines", array{object{{"line_number", 1}, {"quantity", "4"}}}},
               {"packages", array{object{}}}});
    ASSERT_EQ(too_much.status, 422) << too_much.text;
    EXPECT_EQ(too_much.body.at("errors").at(0).at("field").as_string(), "lines/0/quantity");
    const boost::json::value list =
        expect_created("/api/v1/pick-lists", object{{"warehouse", "FULWH"}});
    ASSERT_EQ(list.at("lines").as_array().size(), 1U);
    const std::string list_path = "/api/v1/pick-lists/" + std::to_string(list.at("id").as_int64());
    ASSERT_EQ(admin_->post(list_path + "/pick", object{}).status, 200);
    ASSERT_EQ(admin_->post(order_path + "/cancel", object{{"reason", "customer changed mind"}})
                  .status,
              200);
    // The list still names the order, but nothing it holds is reserved any more.
    const ApiReply shipped = admin_->post(
        "/api/v1/shipments",
        object{{"order", order_id},
               {"pick_list", list.at("id")},
               {"carrier", "UPS"},
               {"packages", array{object{}}}});
    EXPECT_EQ(shipped.status, 409) << shipped.text;  // a cancelled order does not ship
    EXPECT_EQ(admin_->post("/api/v1/pick-lists", object{{"warehouse", "FULWH"}}).status, 422);
    const ApiReply cancelled = admin_->post(list_path + "/cancel", object{});
    ASSERT_EQ(cancelled.status, 200) << cancelled.text;
    EXPECT_EQ(cancelled.body.at("lines").at(0).at("held").as_string(), "0");
    EXPECT_EQ(stock("FUL-A").at("on_hand").as_string(), "5");
    EXPECT_EQ(stock("FUL-A").at("reserved").as_string(), "0");
    expect_clean_books();
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         FulfilmentApi,
                         ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace bo::testing
