// A fixture for sales-order tests: CustomerTest plus a warehouse MAIN, and helpers to receive
// and plan stock (arrivals allocate backorders through sales::allocate_arrivals), to enter and
// confirm orders, and to check that inventory's reserved and backordered figures equal the sums
// over open order lines.
// Thread safety: one test, one thread.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "modules/inventory/operations.hpp"
#include "modules/sales/order_queries.hpp"
#include "modules/sales/orders.hpp"
#include "modules/sales_fixture.hpp"

namespace bo::modules::sales::testing {

class SalesTest : public CustomerTest {
protected:
    void SetUp() override {
        CustomerTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const auto warehouse = in_txn([&](store::Txn& txn) {
            return inventory::create_warehouse(
                txn, clock(), actor(), {.code = "MAIN", .name = "Main", .address = "", .bins = {}});
        });
        ASSERT_TRUE(warehouse.ok()) << warehouse.error().message();
        warehouse_ = warehouse->id;
    }

    // Receives `quantity_milli` of `item` into the warehouse (allocating backorders).
    void receive(inventory::ItemId item, std::int64_t quantity_milli) {
// The receipt names what this test needs; fields inventory adds later keep their defaults.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
        const inventory::Receipt receipt{.warehouse = warehouse_,
                                         .date = date("2024-03-01"),
                                         .reference = "R",
                                         .lines = {{.item = item,
                                                    .quantity = {quantity_milli},
                                                    .unit_cost_minor = 500,
                                                    .bin = std::nullopt,
                                                    .expected = std::nullopt}}};
#pragma GCC diagnostic pop
        const auto received = in_txn([&](store::Txn& txn) {
            return inventory::receive(txn, clock(), actor(), receipt, allocate_arrivals);
        });
        ASSERT_TRUE(received.ok()) << received.error().message();
    }

    void plan(inventory::ItemId item, std::int64_t quantity_milli, const std::string& day) {
        const auto planned = in_txn([&](store::Txn& txn) {
            return inventory::plan_receipt(txn,
                                           clock(),
                                           actor(),
                                           {.item = item,
                                            .warehouse = warehouse_,
                                            .expected_date = date(day),
                                            .quantity = {quantity_milli},
                                            .reference = "PO"});
        });
        ASSERT_TRUE(planned.ok()) << planned.error().message();
    }

    static NewOrderLine line(const std::string& sku, const std::string& quantity) {
        return NewOrderLine{.sku = sku,
                            .quantity = quantity,
                            .unit_price = std::nullopt,
                            .discount_percent = "0",
                            .tax_code = std::nullopt};
    }

    NewOrder order(const std::string& customer_number, std::vector<NewOrderLine> lines) const {
        NewOrder input;
        input.customer = customer_number;
        input.warehouse = "MAIN";
        input.order_date = "2024-03-01";
        input.lines = std::move(lines);
        return input;
    }

    core::Result<EnteredOrder> enter(const platform::Caller& who, const NewOrder& input) {
        return in_txn([&](store::Txn& txn) { return create_order(txn, clock(), who, input); });
    }

    core::Result<SalesOrder> confirm(const platform::Caller& who, SalesOrderId id) {
        return in_txn([&](store::Txn& txn) { return confirm_order(txn, clock(), who, id); });
    }

    // Enters and confirms an order of the clerk; answers its id (0 when either failed).
    SalesOrderId confirmed(const NewOrder& input) {
        const auto entered = enter(clerk(), input);
        EXPECT_TRUE(entered.ok()) << entered.error().message();
        if (!entered.ok()) {
            return SalesOrderId(0);
        }
        const auto done = confirm(clerk(), entered->order.id);
        EXPECT_TRUE(done.ok()) << done.error().message();
        return done.ok() ? done->id : SalesOrderId(0);
    }

    SalesOrder load(SalesOrderId id) {
        const auto found =
            in_txn([&](store::Txn& txn) { return find_order(txn, actor().company, id); });
        EXPECT_TRUE(found.ok() && found->has_value());
        return **found;
    }

    inventory::StockLevel level(inventory::ItemId item) {
        const auto found = in_txn([&](store::Txn& txn) {
            return inventory::stock_level(txn, actor(), item, warehouse_);
        });
        EXPECT_TRUE(found.ok()) << found.error().message();
        return *found;
    }

    // Inventory's reserved and backordered figures equal the sums over open order lines.
    void expect_reservations_match_orders() {
        const auto sums = in_txn(
            [&](store::Txn& txn) { return queries::select_open_quantities(txn, actor().company); });
        ASSERT_TRUE(sums.ok()) << sums.error().message();
        for (const inventory::ItemId id : {widget_, flour_}) {
            std::int64_t reserved = 0;
            std::int64_t backordered = 0;
            for (const queries::OpenQuantities& sum : *sums) {
                if (sum.item == id) {
                    reserved += sum.reserved_milli;
                    backordered += sum.backordered_milli;
                }
            }
            const inventory::StockLevel stock = level(id);
            EXPECT_EQ(stock.reserved.milli, reserved) << id.value();
            EXPECT_EQ(stock.backordered.milli, backordered) << id.value();
            EXPECT_GE(stock.on_hand.milli, stock.reserved.milli);
            EXPECT_GE(stock.reserved.milli, 0);
        }
    }

    std::int64_t order_count() {
        const auto orders = in_txn([&](store::Txn& txn) {
            return list_orders(txn,
                               actor().company,
                               {.status = std::nullopt,
                                .customer = std::nullopt,
                                .shippable_only = false,
                                .after_id = SalesOrderId(0),
                                .limit = 500});
        });
        EXPECT_TRUE(orders.ok());
        return orders.ok() ? static_cast<std::int64_t>(orders->size()) : -1;
    }

    inventory::WarehouseId warehouse_{};
};

}  // namespace bo::modules::sales::testing
