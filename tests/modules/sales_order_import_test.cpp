// Goal: the CSV import of sales orders is all or nothing on both backends: a good file enters
// one order per `order` key with its rows as lines; a file with bad rows names every one as
// rows/<line>/<column> (the header is line 1) and writes nothing; a dry run writes nothing.
// Method: the SalesTest fixture; import_orders called directly with CSV text.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "modules/sales/order_import.hpp"
#include "modules/sales_order_fixture.hpp"

namespace bo::modules::sales::testing {
namespace {

class SalesOrderImport : public SalesTest {
protected:
    core::Result<OrderImportReport> import(const std::string& csv, ImportMode mode) {
        return in_txn(
            [&](store::Txn& txn) { return import_orders(txn, clock(), clerk(), csv, mode); });
    }
};

TEST_P(SalesOrderImport, OneOrderPerKeyWithItsRowsAsLines) {
    receive(widget_, 10'000);
    const std::string csv =
        "order,customer,warehouse,item,quantity,discount_percent\n"
        "A,C-1,MAIN,WID-1,2,\n"
        "B,C-1,MAIN,FLOUR,1.5,10\n"
        "A,C-1,MAIN,INSTALL,1,\n";
    const auto dry = import(csv, ImportMode::check_only);
    ASSERT_TRUE(dry.ok()) << dry.error().message();
    EXPECT_EQ(dry->orders.size(), 2U);
    EXPECT_EQ(order_count(), 0);
    const auto done = import(csv, ImportMode::enter);
    ASSERT_TRUE(done.ok()) << done.error().message();
    ASSERT_EQ(done->orders.size(), 2U);
    EXPECT_EQ(done->rows, 3);
    EXPECT_EQ(done->orders[0].key, "A");
    EXPECT_EQ(done->orders[0].lines, 2);
    const SalesOrder first = load(done->orders[0].id);
    EXPECT_EQ(first.status, OrderStatus::entered);
    ASSERT_EQ(first.lines.size(), 2U);
    EXPECT_EQ(first.lines[1].sku, "INSTALL");
    EXPECT_EQ(load(done->orders[1].id).lines[0].quantity_milli, 1500);
    EXPECT_EQ(order_count(), 2);
}

TEST_P(SalesOrderImport, EveryBadRowIsNamedAndNothingIsWritten) {
    const std::string csv =
        "order,customer,warehouse,item,quantity\n"
        "A,C-1,MAIN,WID-1,2\n"
        "A,C-2,MAIN,WID-1,1\n"
        "B,C-1,MAIN,NOPE,1\n"
        "B,C-1,MAIN,WID-1,1.5\n"
        ",C-1,MAIN,WID-1,1\n"
        "C,C-NOBODY,MAIN,WID-1,1\n";
    const auto refused = import(csv, ImportMode::enter);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(fields(refused.error()),
              (std::vector<std::string>{"rows/3/customer",
                                        "rows/6/order",
                                        "rows/4/item",
                                        "rows/5/quantity",
                                        "rows/7/customer"}));
    EXPECT_EQ(order_count(), 0);
    const auto columns = import("order,customer,item,qty\nA,C-1,WID-1,1\n", ImportMode::enter);
    ASSERT_FALSE(columns.ok());
    EXPECT_EQ(fields(columns.error()), (std::vector<std::string>{"columns", "columns", "columns"}));
}

BO_INSTANTIATE_ON_ALL_BACKENDS(SalesOrderImport);

}  // namespace
}  // namespace bo::modules::sales::testing
