// Goal: issue #6's inventory half over real HTTP on both backends: items (create, search,
// sort, page, PATCH with quantities in the unit's decimals), warehouses with bins, and a
// receipt that shows in the stock view, in the movement history and as a ledger entry on the
// inventory account; bad input (unknown item, negative or fractional quantity for "ea", price
// overflow, unknown warehouse) is 422 naming the field, and nothing is written.
// Method: a fresh database per test seeded with `backoffice seed-demo` (its current month is
// open), a server on 127.0.0.1:0 driven by ApiClient as the demo admin.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/date.hpp"

#include "support/api_client.hpp"
#include "support/databases.hpp"
#include "support/demo.hpp"
#include "support/process.hpp"

namespace bo::testing {
namespace {

using boost::json::array;
using boost::json::object;

class InventoryApi : public ::testing::TestWithParam<store::Backend> {
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
    }

    ApiClient admin() {
        ApiClient client(server_->port());
        EXPECT_EQ(client.sign_in("DEMO", "admin", admin_password_).status, 200);
        return client;
    }

    // The names of the fields of a problem's `errors`.
    static std::vector<std::string> fields(const ApiReply& reply) {
        std::vector<std::string> names;
        if (const auto* errors = reply.body.as_object().if_contains("errors")) {
            for (const auto& error : errors->as_array()) {
                names.emplace_back(error.at("field").as_string());
            }
        }
        return names;
    }

    object receipt(const std::string& warehouse,
                   const std::string& sku,
                   const std::string& quantity,
                   const std::string& cost) const {
        return object{
            {"warehouse", warehouse},
            {"date", today_.to_string()},
            {"reference", "DN-1"},
            {"lines",
             array{object{
                 {"item", sku}, {"quantity", quantity}, {"unit_cost", cost}, {"bin", "R1"}}}}};
    }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ServerProcess> server_;
    std::string admin_password_;
    core::Date today_ = core::Date::parse("2000-01-01").value();
};

TEST_P(InventoryApi, ItemsAreCreatedSearchedSortedAndPatched) {
    ApiClient client = admin();
    const ApiReply created = client.post("/api/v1/items",
                                         object{{"sku", "E2E-BOLT"},
                                                {"description", "Hex bolt M8, zinc"},
                                                {"unit", "box"},
                                                {"price", "12.50"},
                                                {"standard_cost", "7.10"},
                                                {"weight_g", 1200},
                                                {"reorder_point", "10"},
                                                {"reorder_quantity", "40"},
                                                {"barcode", "4006381333931"}});
    ASSERT_EQ(created.status, 201) << created.text;
    EXPECT_EQ(created.string("reorder_point"), "10");
    const std::string path = "/api/v1/items/" + std::to_string(created.body.at("id").as_int64());

    const ApiReply found = client.get("/api/v1/items?q=m8%2C%20ZINC&kind=stocked");
    ASSERT_EQ(found.status, 200) << found.text;
    ASSERT_EQ(found.body.at("items").as_array().size(), 1U);
    const ApiReply by_barcode = client.get("/api/v1/items?q=4006381333931");
    ASSERT_EQ(by_barcode.body.at("items").as_array().size(), 1U);

    // Sorted by SKU descending, two per page: the cursor continues in that order.
    const ApiReply first = client.get("/api/v1/items?sort=-sku&limit=2");
    ASSERT_EQ(first.status, 200) << first.text;
    const auto& page = first.body.at("items").as_array();
    ASSERT_EQ(page.size(), 2U);
    EXPECT_GT(page[0].at("sku").as_string(), page[1].at("sku").as_string());
    const ApiReply second = client.get("/api/v1/items?sort=-sku&limit=2&cursor="
                                       + std::string(first.body.at("next_cursor").as_string()));
    ASSERT_EQ(second.status, 200) << second.text;
    EXPECT_GT(page[1].at("sku").as_string(),
              second.body.at("items").as_array()[0].at("sku").as_string());
    EXPECT_EQ(client.get("/api/v1/items?sort=price").status, 400);

    // PATCH: to kg, 2.5 is fine; back in boxes 2.5 is refused naming the field.
    const ApiReply kilos = client.send(
        "PATCH", path, object{{"unit", "kg"}, {"reorder_point", "2.5"}, {"barcode", nullptr}});
    ASSERT_EQ(kilos.status, 200) << kilos.text;
    EXPECT_EQ(kilos.string("reorder_point"), "2.5");
    EXPECT_TRUE(kilos.body.at("barcode").is_null());
    const ApiReply boxes = client.send("PATCH", path, object{{"unit", "box"}});
    EXPECT_EQ(boxes.status, 400) << boxes.text;
    EXPECT_EQ(fields(boxes), std::vector<std::string>{"reorder_point"});
    const ApiReply overflow = client.send("PATCH", path, object{{"price", "92233720368547758.08"}});
    EXPECT_EQ(overflow.status, 400) << overflow.text;
    EXPECT_EQ(fields(overflow), std::vector<std::string>{"price"});
    EXPECT_EQ(client.get(path).string("unit"), "kg");
}

TEST_P(InventoryApi, ReceiptShowsInStockMovementsAndTheLedger) {
    ApiClient client = admin();
    const ApiReply warehouse =
        client.post("/api/v1/warehouses",
                    object{{"code", "E2E"}, {"name", "End to end"}, {"bins", array{"R1", "R2"}}});
    ASSERT_EQ(warehouse.status, 201) << warehouse.text;
    ASSERT_EQ(warehouse.body.at("bins").as_array().size(), 2U);
    ASSERT_EQ(client
                  .post("/api/v1/items",
                        object{{"sku", "E2E-DESK"}, {"description", "Desk"}, {"unit", "ea"}})
                  .status,
              201);

    const ApiReply received =
        client.post("/api/v1/stock/receipts", receipt("E2E", "E2E-DESK", "4", "125.25"));
    ASSERT_EQ(received.status, 201) << received.text;
    EXPECT_EQ(received.string("value"), "501.00");
    const std::int64_t entry = received.body.at("entry_id").as_int64();

    const ApiReply stock = client.get("/api/v1/stock?item=E2E-DESK&warehouse=E2E");
    ASSERT_EQ(stock.status, 200) << stock.text;
    const auto& rows = stock.body.at("items").as_array();
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].at("on_hand").as_string(), "4");
    EXPECT_EQ(rows[0].at("value").as_string(), "501.00");
    EXPECT_EQ(rows[0].at("average_cost").as_string(), "125.25");
    EXPECT_EQ(rows[0].at("bin").as_string(), "R1");

    const ApiReply movements = client.get("/api/v1/stock/movements?item=E2E-DESK");
    ASSERT_EQ(movements.status, 200) << movements.text;
    ASSERT_EQ(movements.body.at("items").as_array().size(), 1U);
    EXPECT_EQ(movements.body.at("items").as_array()[0].at("entry_id").as_int64(), entry);

    const ApiReply posted = client.get("/api/v1/ledger/journal-entries/" + std::to_string(entry));
    ASSERT_EQ(posted.status, 200) << posted.text;
    EXPECT_EQ(posted.string("total"), "501.00");
    EXPECT_EQ(posted.body.at("source").at("subledger").as_string(), "inventory");

    // The books agree: `backoffice inventory check` is clean.
    const CommandResult checked = run_command(
        {backoffice_binary(), "inventory", "check", "--db", database_->url(), "--company", "DEMO"});
    EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
}

TEST_P(InventoryApi, BadDocumentsAre422NamingTheFieldAndWriteNothing) {
    ApiClient client = admin();
    ASSERT_EQ(client
                  .post("/api/v1/warehouses",
                        object{{"code", "E2E"}, {"name", "E2E"}, {"bins", array{"R1"}}})
                  .status,
              201);
    ASSERT_EQ(client
                  .post("/api/v1/items",
                        object{{"sku", "E2E-CHAIR"}, {"description", "Chair"}, {"unit", "ea"}})
                  .status,
              201);
    const auto refused = [&](const object& body, const std::string& field) {
        const ApiReply reply = client.post("/api/v1/stock/receipts", body);
        EXPECT_EQ(reply.status, 422) << reply.text;
        EXPECT_EQ(fields(reply), std::vector<std::string>{field}) << reply.text;
    };
    refused(receipt("E2E", "NO-SUCH-SKU", "1", "1.00"), "lines/0/item");
    refused(receipt("E2E", "E2E-CHAIR", "-1", "1.00"), "lines/0/quantity");
    refused(receipt("E2E", "E2E-CHAIR", "1.5", "1.00"), "lines/0/quantity");
    refused(receipt("E2E", "E2E-CHAIR", "1000", "92233720368547758.07"), "lines/0/unit_cost");
    refused(receipt("NOWHERE", "E2E-CHAIR", "1", "1.00"), "warehouse");
    const ApiReply stock = client.get("/api/v1/stock?item=E2E-CHAIR");
    ASSERT_EQ(stock.status, 200);
    EXPECT_TRUE(stock.body.at("items").as_array().empty()) << stock.text;
    EXPECT_TRUE(
        client.get("/api/v1/stock/movements?item=E2E-CHAIR").body.at("items").as_array().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, InventoryApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace bo::testing
