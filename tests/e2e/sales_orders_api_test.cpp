// Goal: issue #6's sales half over real HTTP on both backends: a customer with addresses and
// contacts, an order that shows at entry what ships now and when the rest can, confirmation
// that reserves what is there and backorders the rest, a receipt that allocates the backorder
// (history "allocated", `?shippable=true`); bad input refused with 422 naming each field and
// nothing written; a credit hold that the person who entered the order may not release.
// Method: SalesApiTest (a seeded demo database, a real server on 127.0.0.1:0, the demo admin
// setting up a warehouse and items); clerks and an executive created through the API.
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "e2e/sales_api_fixture.hpp"

namespace bo::testing {
namespace {

class SalesOrdersApi : public SalesApiTest {};

std::string errors_of(const ApiReply& reply) {
    std::string fields;
    if (!reply.body.is_object() || !reply.body.as_object().contains("errors")) {
        return fields;
    }
    for (const boost::json::value& error : reply.body.at("errors").as_array()) {
        fields += (fields.empty() ? "" : " ") + std::string(error.at("field").as_string());
    }
    return fields;
}

TEST_P(SalesOrdersApi, CustomerOrderConfirmBackorderAndAReceiptAllocatesIt) {
    customer("C-E2E", "100000.00");
    const ApiReply fetched = admin().get("/api/v1/customers?q=c-e2e");
    ASSERT_EQ(fetched.status, 200) << fetched.text;
    ASSERT_EQ(fetched.body.at("items").as_array().size(), 1U);
    const std::int64_t customer_id = fetched.body.at("items").at(0).at("id").as_int64();
    const ApiReply full = admin().get("/api/v1/customers/" + std::to_string(customer_id));
    ASSERT_EQ(full.status, 200);
    EXPECT_EQ(full.body.at("addresses").at(0).at("default"), true);
    EXPECT_EQ(full.body.at("contacts").at(0).at("name"), "Pat");

    receive("E2E-WID", "2");
    const core::Date arrives = today_.add_days(5).value();
    plan("E2E-WID", "10", arrives);
    ApiClient clerk = user("olga", "order_clerk");
    const ApiReply entered =
        clerk.post("/api/v1/sales-orders", order("C-E2E", array{line("E2E-WID", "5")}));
    ASSERT_EQ(entered.status, 201) << entered.text;
    EXPECT_EQ(entered.string("status"), "entered");
    // The demo's default tax rate is 8.25 %: 4.125 rounds half-even to 4.12.
    EXPECT_EQ(entered.string("tax"), "4.12");
    EXPECT_EQ(entered.string("total"), "54.12");
    const boost::json::value& availability = entered.body.at("availability").at(0);
    EXPECT_EQ(availability.at("available"), "2");
    EXPECT_EQ(availability.at("short"), "3");
    EXPECT_EQ(availability.at("ship_from"), boost::json::value(arrives.to_string()));

    const ApiReply confirmed = clerk.post(order_path(entered) + "/confirm", object{});
    ASSERT_EQ(confirmed.status, 200) << confirmed.text;
    EXPECT_EQ(confirmed.string("status"), "confirmed");
    EXPECT_EQ(confirmed.body.at("lines").at(0).at("reserved"), "2");
    EXPECT_EQ(confirmed.body.at("lines").at(0).at("backordered"), "3");
    EXPECT_EQ(confirmed.body.at("fully_reserved"), false);
    EXPECT_EQ(stock("E2E-WID").at("reserved"), "2");
    EXPECT_EQ(stock("E2E-WID").at("backordered"), "3");

    receive("E2E-WID", "4");
    const ApiReply after = clerk.get(order_path(entered));
    ASSERT_EQ(after.status, 200);
    EXPECT_EQ(after.body.at("lines").at(0).at("reserved"), "5");
    EXPECT_EQ(after.body.at("lines").at(0).at("backordered"), "0");
    EXPECT_EQ(after.body.at("fully_reserved"), true);
    EXPECT_EQ(stock("E2E-WID").at("reserved"), "5");
    EXPECT_EQ(stock("E2E-WID").at("available"), "1");
    const ApiReply history = clerk.get(order_path(entered) + "/history");
    ASSERT_EQ(history.status, 200);
    const auto& events = history.body.at("items").as_array();
    ASSERT_EQ(events.size(), 3U) << history.text;
    EXPECT_EQ(events.at(2).at("event"), "allocated");
    const ApiReply shippable = clerk.get("/api/v1/sales-orders?customer=C-E2E&shippable=true");
    ASSERT_EQ(shippable.status, 200);
    ASSERT_EQ(shippable.body.at("items").as_array().size(), 1U);
    EXPECT_EQ(shippable.body.at("items").at(0).at("id"), entered.body.at("id"));

    // Cancelling gives the reservation back.
    const ApiReply cancelled = clerk.post(order_path(entered) + "/cancel", object{});
    ASSERT_EQ(cancelled.status, 200) << cancelled.text;
    EXPECT_EQ(stock("E2E-WID").at("reserved"), "0");
}

TEST_P(SalesOrdersApi, BadInputIsRefusedWith422NamingEachFieldAndNothingIsWritten) {
    customer("C-BAD", "100000.00");
    receive("E2E-WID", "5");
    object huge = line("E2E-WID", "1000000");
    huge["unit_price"] = "92233720368547758.07";
    const ApiReply refused = admin().post("/api/v1/sales-orders",
                                          order("C-BAD",
                                                array{line("NOPE", "1"),
                                                      line("E2E-WID", "-2"),
                                                      line("E2E-WID", "1.5"),
                                                      huge,
                                                      line("E2E-FLOUR", "0.0001")}));
    EXPECT_EQ(refused.status, 422) << refused.text;
    EXPECT_EQ(errors_of(refused),
              "lines/0/item lines/1/quantity lines/2/quantity lines/3/unit_price "
              "lines/4/quantity");
    const ApiReply nobody =
        admin().post("/api/v1/sales-orders", order("C-NOBODY", array{line("E2E-WID", "1")}));
    EXPECT_EQ(nobody.status, 422) << nobody.text;
    EXPECT_EQ(errors_of(nobody), "customer");
    const ApiReply shapeless = admin().post("/api/v1/sales-orders",
                                            object{{"customer", "C-BAD"},
                                                   {"warehouse", "SALESWH"},
                                                   {"lines", array{object{{"item", 7}}}}});
    EXPECT_EQ(shapeless.status, 400) << shapeless.text;
    EXPECT_EQ(errors_of(shapeless), "lines/0/item lines/0/quantity");
    // An auditor reads orders but enters none.
    ApiClient reader = user("rita", "auditor");
    EXPECT_EQ(
        reader.post("/api/v1/sales-orders", order("C-BAD", array{line("E2E-WID", "1")})).status,
        403);

    const ApiReply orders = admin().get("/api/v1/sales-orders?customer=C-BAD");
    ASSERT_EQ(orders.status, 200);
    EXPECT_TRUE(orders.body.at("items").as_array().empty()) << orders.text;
    EXPECT_EQ(stock("E2E-WID").at("reserved"), "0");
}

TEST_P(SalesOrdersApi, WhoEntersAnOrderDoesNotReleaseItsCreditHold) {
    customer("C-SMALL", "10.00");
    receive("E2E-WID", "5");
    const ApiReply entered =
        admin().post("/api/v1/sales-orders", order("C-SMALL", array{line("E2E-WID", "3")}));
    ASSERT_EQ(entered.status, 201) << entered.text;
    const ApiReply held = admin().post(order_path(entered) + "/confirm", object{});
    ASSERT_EQ(held.status, 200) << held.text;
    EXPECT_EQ(held.string("status"), "on_hold");
    EXPECT_NE(held.string("hold_reason").find("credit limit 10.00"), std::string::npos);

    ApiClient clerk = user("olga", "order_clerk");
    EXPECT_EQ(clerk.post(order_path(entered) + "/release", object{}).status, 403);
    const ApiReply own = admin().post(order_path(entered) + "/release", object{});
    EXPECT_EQ(own.status, 403) << own.text;
    EXPECT_NE(own.text.find("sales.order_enter_and_credit_release"), std::string::npos) << own.text;
    ApiClient boss = user("erin", "executive");
    const ApiReply released = boss.post(order_path(entered) + "/release", object{});
    ASSERT_EQ(released.status, 200) << released.text;
    EXPECT_EQ(released.string("status"), "confirmed");
    EXPECT_EQ(stock("E2E-WID").at("reserved"), "3");
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         SalesOrdersApi,
                         ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace bo::testing
