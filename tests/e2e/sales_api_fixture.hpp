// A fixture for the sales API end to end: a fresh database per backend seeded with
// `backoffice seed-demo`, a real server on 127.0.0.1:0, the demo admin signed in, a warehouse
// SALESWH, two items (E2E-WID by the each, E2E-FLOUR by the kg) and helpers for users, stock
// receipts, planned receipts, customers and orders over HTTP.
// Thread safety: one test, one thread (clients made here may be handed to other threads).
#pragma once

#include <memory>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/date.hpp"

#include "support/api_client.hpp"
#include "support/databases.hpp"
#include "support/demo.hpp"
#include "support/process.hpp"

namespace bo::testing {

class SalesApiTest : public ::testing::TestWithParam<store::Backend> {
protected:
    void SetUp() override {
        database_ = TestDatabase::create(GetParam());
        if (database_ == nullptr) {
            GTEST_SKIP() << "no PostgreSQL (scripts/with-postgres sets BO_TEST_POSTGRES_URL)";
        }
        admin_password_ = seed_demo(database_->url());
        ASSERT_FALSE(admin_password_.empty());
        server_ = std::make_unique<ServerProcess>(database_->url());
        ASSERT_NE(server_->port(), 0);
        today_ = core::business_date(core::SystemClock().now(), core::TimeZone::utc());
        admin_ = std::make_unique<ApiClient>(server_->port());
        ASSERT_EQ(admin_->sign_in("DEMO", "admin", admin_password_).status, 200);
        const ApiReply warehouse =
            admin_->post("/api/v1/warehouses", object{{"code", "SALESWH"}, {"name", "Sales"}});
        ASSERT_EQ(warehouse.status, 201) << warehouse.text;
        for (const auto& [sku, unit] : {std::pair{"E2E-WID", "ea"}, std::pair{"E2E-FLOUR", "kg"}}) {
            const ApiReply item = admin_->post(
                "/api/v1/items",
                object{{"sku", sku}, {"description", sku}, {"unit", unit}, {"price", "10.00"}});
            ASSERT_EQ(item.status, 201) << item.text;
        }
    }

    using object = boost::json::object;
    using array = boost::json::array;

    std::uint16_t port() const { return server_->port(); }

    ApiClient& admin() { return *admin_; }

    // A user with `role`, created by the admin and signed in.
    ApiClient user(const std::string& username, const std::string& role) {
        const ApiReply created = admin_->post("/api/v1/users",
                                              object{{"username", username},
                                                     {"display_name", username},
                                                     {"password", "password of " + username},
                                                     {"roles", array{role}}});
        EXPECT_EQ(created.status, 201) << created.text;
        ApiClient client(port());
        EXPECT_EQ(client.sign_in("DEMO", username, "password of " + username).status, 200);
        return client;
    }

    void receive(const std::string& sku, const std::string& quantity) {
        const ApiReply received = admin_->post(
            "/api/v1/stock/receipts",
            object{{"warehouse", "SALESWH"},
                   {"date", today_.to_string()},
                   {"reference", "R-" + sku},
                   {"lines",
                    array{object{{"item", sku}, {"quantity", quantity}, {"unit_cost", "4.00"}}}}});
        ASSERT_EQ(received.status, 201) << received.text;
    }

    void plan(const std::string& sku, const std::string& quantity, core::Date date) {
        const ApiReply planned = admin_->post("/api/v1/stock/planned-receipts",
                                              object{{"warehouse", "SALESWH"},
                                                     {"item", sku},
                                                     {"quantity", quantity},
                                                     {"expected_date", date.to_string()},
                                                     {"reference", "PO-1"}});
        ASSERT_EQ(planned.status, 201) << planned.text;
    }

    void customer(const std::string& number, const std::string& credit_limit) {
        const ApiReply created = admin_->post(
            "/api/v1/customers",
            object{{"number", number},
                   {"name", "Customer " + number},
                   {"currency", "USD"},
                   {"credit_limit", credit_limit},
                   {"addresses",
                    array{object{{"kind", "shipping"}, {"line1", "1 Dock Rd"}, {"city", "Troy"}}}},
                   {"contacts", array{object{{"name", "Pat"}, {"email", "pat@example.com"}}}}});
        ASSERT_EQ(created.status, 201) << created.text;
    }

    static object order(const std::string& customer_number, array lines) {
        return object{
            {"customer", customer_number}, {"warehouse", "SALESWH"}, {"lines", std::move(lines)}};
    }

    static object line(const std::string& sku, const std::string& quantity) {
        return object{{"item", sku}, {"quantity", quantity}};
    }

    static std::string order_path(const ApiReply& reply) {
        return "/api/v1/sales-orders/" + std::to_string(reply.body.at("id").as_int64());
    }

    // The stock row of `sku` in SALESWH (null when none).
    boost::json::value stock(const std::string& sku) {
        const ApiReply rows = admin_->get("/api/v1/stock?item=" + sku + "&warehouse=SALESWH");
        EXPECT_EQ(rows.status, 200) << rows.text;
        if (rows.status != 200 || rows.body.at("items").as_array().empty()) {
            return nullptr;
        }
        return rows.body.at("items").at(0);
    }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ServerProcess> server_;
    std::unique_ptr<ApiClient> admin_;
    std::string admin_password_;
    core::Date today_ = core::Date::parse("2000-01-01").value();
};

}  // namespace bo::testing
