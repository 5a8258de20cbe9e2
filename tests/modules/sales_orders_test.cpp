// Goal: sales orders on both backends: prices from the customer's list or the item, overrides
// only with sales.manage, totals per line; bad input names the field and writes nothing; the
// credit check holds orders and the person who entered one may not release its hold (rule
// sales.order_enter_and_credit_release); confirming reserves and backorders; arrivals allocate
// backorders oldest order first (priority before age); cancelling and changing give stock back;
// inventory's reserved and backordered figures always equal the sums over open lines.
// Method: the SalesTest fixture (a fresh migrated database per backend, one company with a
// warehouse, items, a default tax rate and a customer); services called directly.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "modules/sales_order_fixture.hpp"

namespace bo::modules::sales::testing {
namespace {

using bo::testing::only_field;
using core::ErrorCode;

class SalesOrders : public SalesTest {};

TEST_P(SalesOrders, PricesTaxAndTotalsPerLine) {
    const auto list = in_txn([&](store::Txn& txn) {
        return create_price_list(
            txn,
            clock(),
            actor(),
            {.code = "TRADE", .name = "Trade", .currency = "USD", .prices_include_tax = false});
    });
    ASSERT_TRUE(list.ok()) << list.error().message();
    const std::vector<NewPrice> prices{{.sku = "WID-1", .price = "15.00"}};
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_prices(txn, clock(), actor(), "TRADE", prices);
                }).ok());
    CustomerDetails trade;
    trade.price_list = "TRADE";
    customer("C-TRADE", 1'000'000'00, trade);
    receive(widget_, 10'000);
    NewOrderLine discounted = line("FLOUR", "2.5");
    discounted.discount_percent = "10";
    const auto entered =
        enter(clerk(), order("C-TRADE", {line("WID-1", "3"), discounted, line("INSTALL", "1.5")}));
    ASSERT_TRUE(entered.ok()) << entered.error().message();
    const SalesOrder& placed = entered->order;
    ASSERT_EQ(placed.lines.size(), 3U);
    EXPECT_EQ(placed.number, "SO-000001");
    EXPECT_EQ(placed.status, OrderStatus::entered);
    // From the list: 3 x 15.00 = 45.00, tax 3.99375 -> 3.99.
    EXPECT_EQ(placed.lines[0].price_source, PriceSource::price_list);
    EXPECT_EQ(placed.lines[0].net.minor, 4500);
    EXPECT_EQ(placed.lines[0].tax.minor, 399);
    // The item's own price: 2.5 kg x 0.99 = 2.475 -> 2.48; -10 % = 2.232 -> 2.23; tax 0.198 ->
    // 0.20.
    EXPECT_EQ(placed.lines[1].price_source, PriceSource::item);
    EXPECT_EQ(placed.lines[1].net.minor, 223);
    EXPECT_EQ(placed.lines[1].tax.minor, 20);
    // A service by the hour: 1.5 x 80.00 = 120.00; tax 10.65.
    EXPECT_EQ(placed.lines[2].net.minor, 12000);
    EXPECT_EQ(placed.lines[2].tax.minor, 1065);
    EXPECT_EQ(placed.net.minor, 4500 + 223 + 12000);
    EXPECT_EQ(placed.tax.minor, 399 + 20 + 1065);
    EXPECT_EQ(placed.total.minor, placed.net.minor + placed.tax.minor);
    // Availability: 3 of 10 widgets now; no flour at all and none coming.
    ASSERT_EQ(entered->availability.size(), 3U);
    EXPECT_EQ(entered->availability[0].available_milli, 3000);
    EXPECT_EQ(entered->availability[0].short_milli, 0);
    EXPECT_EQ(entered->availability[1].short_milli, 2500);
    EXPECT_FALSE(entered->availability[1].ship_from.has_value());
}

TEST_P(SalesOrders, ExemptCustomersPayNoTax) {
    CustomerDetails exempt;
    exempt.tax_category = "exempt";
    customer("C-EXEMPT", 1'000'000'00, exempt);
    const auto entered = enter(clerk(), order("C-EXEMPT", {line("WID-1", "2")}));
    ASSERT_TRUE(entered.ok()) << entered.error().message();
    EXPECT_EQ(entered->order.tax.minor, 0);
    EXPECT_EQ(entered->order.total.minor, 3998);
}

TEST_P(SalesOrders, APriceOverrideNeedsSalesManage) {
    NewOrderLine special = line("WID-1", "1");
    special.unit_price = "9.99";
    const auto refused = enter(salesperson(), order(customer_, {special}));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), ErrorCode::forbidden);
    EXPECT_NE(refused.error().message().find("sales.manage"), std::string::npos);
    const auto accepted = enter(clerk(), order(customer_, {special}));
    ASSERT_TRUE(accepted.ok()) << accepted.error().message();
    EXPECT_EQ(accepted->order.lines[0].price_source, PriceSource::override);
    EXPECT_EQ(accepted->order.lines[0].net.minor, 999);
    EXPECT_EQ(order_count(), 1);
}

TEST_P(SalesOrders, BadInputNamesEveryFieldAndWritesNothing) {
    NewOrderLine huge = line("WID-1", "1000000");
    huge.unit_price = "92233720368547758.07";
    NewOrderLine bad_discount = line("WID-1", "1");
    bad_discount.discount_percent = "120";
    const auto refused = enter(clerk(),
                               order(customer_,
                                     {line("NOPE", "1"),
                                      line("WID-1", "-2"),
                                      line("WID-1", "1.5"),
                                      huge,
                                      bad_discount,
                                      line("FLOUR", "0.0001")}));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), ErrorCode::invalid_argument);
    EXPECT_EQ(fields(refused.error()),
              (std::vector<std::string>{"lines/0/item",
                                        "lines/1/quantity",
                                        "lines/2/quantity",
                                        "lines/3/unit_price",
                                        "lines/4/discount_percent",
                                        "lines/5/quantity"}));
    const auto unknown = enter(clerk(), order("C-NOBODY", {line("WID-1", "1")}));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(only_field(unknown.error()), "customer");
    const auto empty = enter(clerk(), order(customer_, {}));
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(only_field(empty.error()), "lines");
    NewOrder elsewhere = order(customer_, {line("WID-1", "1")});
    elsewhere.warehouse = "NOWHERE";
    const auto nowhere = enter(clerk(), elsewhere);
    ASSERT_FALSE(nowhere.ok());
    EXPECT_EQ(only_field(nowhere.error()), "warehouse");
    EXPECT_EQ(order_count(), 0);
    EXPECT_EQ(level(widget_).reserved.milli, 0);
}

TEST_P(SalesOrders, CreditHoldAndItsReleaseBySomeoneElse) {
    customer("C-SMALL", 100'00);
    receive(widget_, 20'000);
    // 6 x 19.99 = 119.94 + tax: over a 100.00 limit.
    const auto entered = enter(clerk(), order("C-SMALL", {line("WID-1", "6")}));
    ASSERT_TRUE(entered.ok()) << entered.error().message();
    const auto held = confirm(clerk(), entered->order.id);
    ASSERT_TRUE(held.ok()) << held.error().message();
    EXPECT_EQ(held->status, OrderStatus::on_hold);
    EXPECT_NE(held->hold_reason.find("credit limit 100.00"), std::string::npos)
        << held->hold_reason;
    EXPECT_EQ(level(widget_).reserved.milli, 0);

    // The clerk who entered it holds sales.release too: the rule refuses, naming itself.
    platform::Caller clerk_with_release = clerk();
    clerk_with_release.permissions.add("sales.release");
    const auto refused = in_txn([&](store::Txn& txn) {
        return release_order(txn, clock(), clerk_with_release, entered->order.id, std::nullopt);
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), ErrorCode::forbidden);
    EXPECT_NE(refused.error().message().find("sales.order_enter_and_credit_release"),
              std::string::npos)
        << refused.error().message();

    const auto released = in_txn([&](store::Txn& txn) {
        return release_order(txn, clock(), credit_manager(), entered->order.id, std::nullopt);
    });
    ASSERT_TRUE(released.ok()) << released.error().message();
    EXPECT_EQ(released->status, OrderStatus::confirmed);
    EXPECT_EQ(level(widget_).reserved.milli, 6000);
    expect_reservations_match_orders();

    // A customer on hold holds every order, whatever its size.
    const auto customer_held = in_txn([&](store::Txn& txn) -> core::Result<Customer> {
        BO_TRY_ASSIGN(const auto found, find_customer(txn, actor().company, customer_));
        return hold_customer(txn, clock(), actor(), found->id, "disputed invoice");
    });
    ASSERT_TRUE(customer_held.ok()) << customer_held.error().message();
    const auto small = enter(clerk(), order(customer_, {line("WID-1", "1")}));
    ASSERT_TRUE(small.ok());
    const auto blocked = confirm(clerk(), small->order.id);
    ASSERT_TRUE(blocked.ok());
    EXPECT_EQ(blocked->status, OrderStatus::on_hold);
    EXPECT_NE(blocked->hold_reason.find("disputed invoice"), std::string::npos);
}

TEST_P(SalesOrders, ArrivalsAllocateBackordersOldestFirstAndByPriority) {
    receive(widget_, 5'000);
    const SalesOrderId first = confirmed(order(customer_, {line("WID-1", "4")}));
    const SalesOrderId second = confirmed(order(customer_, {line("WID-1", "3")}));
    const SalesOrderId third = confirmed(order(customer_, {line("WID-1", "2")}));
    NewOrder urgent_input = order(customer_, {line("WID-1", "1")});
    urgent_input.priority = 10;
    const SalesOrderId urgent = confirmed(urgent_input);
    EXPECT_EQ(load(first).lines[0].reserved_milli, 4000);
    EXPECT_EQ(load(second).lines[0].reserved_milli, 1000);
    EXPECT_EQ(load(second).lines[0].backordered_milli, 2000);
    EXPECT_EQ(load(third).lines[0].backordered_milli, 2000);
    EXPECT_EQ(load(urgent).lines[0].backordered_milli, 1000);
    EXPECT_EQ(level(widget_).backordered.milli, 5000);
    expect_reservations_match_orders();

    // 3 arrive: the urgent order first, then the oldest (second) gets 2; the third waits.
    receive(widget_, 3'000);
    EXPECT_EQ(load(urgent).lines[0].backordered_milli, 0);
    EXPECT_EQ(load(second).lines[0].reserved_milli, 3000);
    EXPECT_EQ(load(second).lines[0].backordered_milli, 0);
    EXPECT_EQ(load(third).lines[0].backordered_milli, 2000);
    expect_reservations_match_orders();

    const auto history =
        in_txn([&](store::Txn& txn) { return order_history(txn, actor().company, second); });
    ASSERT_TRUE(history.ok());
    std::vector<std::string> events;
    for (const OrderEvent& event : *history) {
        events.push_back(event.event);
    }
    EXPECT_EQ(events, (std::vector<std::string>{"entered", "confirmed", "allocated"}));
    EXPECT_NE(history->back().detail.find("2 ea of WID-1 allocated"), std::string::npos)
        << history->back().detail;

    // 1 more arrives: the third gets it, partly.
    receive(widget_, 1'000);
    EXPECT_EQ(load(third).lines[0].reserved_milli, 1000);
    EXPECT_EQ(load(third).lines[0].backordered_milli, 1000);
    expect_reservations_match_orders();
}

TEST_P(SalesOrders, AvailabilityTellsWhenTheRestCanShip) {
    receive(widget_, 2'000);
    plan(widget_, 3'000, "2024-03-10");
    plan(widget_, 10'000, "2024-03-20");
    // An earlier order backorders 2 ahead of us.
    confirmed(order(customer_, {line("WID-1", "4")}));
    const auto entered = enter(clerk(), order(customer_, {line("WID-1", "3")}));
    ASSERT_TRUE(entered.ok()) << entered.error().message();
    const LineAvailability& widgets = entered->availability.at(0);
    EXPECT_EQ(widgets.available_milli, 0);
    EXPECT_EQ(widgets.short_milli, 3000);
    // 2 backordered ahead + our 3 = 5; the arrivals reach 5 on 2024-03-20.
    ASSERT_TRUE(widgets.ship_from.has_value());
    EXPECT_EQ(widgets.ship_from->to_string(), "2024-03-20");
}

TEST_P(SalesOrders, CancelAndChangeGiveStockBack) {
    receive(widget_, 5'000);
    const inventory::StockLevel before = level(widget_);
    const SalesOrderId id = confirmed(order(customer_, {line("WID-1", "7")}));
    EXPECT_EQ(level(widget_).reserved.milli, 5000);
    EXPECT_EQ(level(widget_).backordered.milli, 2000);

    // Down to 4: the difference goes back and nothing stays backordered.
    const auto changed = in_txn([&](store::Txn& txn) {
        return change_order(txn, clock(), clerk(), id, order(customer_, {line("WID-1", "4")}));
    });
    ASSERT_TRUE(changed.ok()) << changed.error().message();
    EXPECT_EQ(changed->order.status, OrderStatus::confirmed);
    EXPECT_EQ(level(widget_).reserved.milli, 4000);
    EXPECT_EQ(level(widget_).backordered.milli, 0);
    expect_reservations_match_orders();

    const auto cancelled = in_txn([&](store::Txn& txn) {
        return cancel_order(txn, clock(), clerk(), id, "customer changed their mind");
    });
    ASSERT_TRUE(cancelled.ok()) << cancelled.error().message();
    EXPECT_EQ(cancelled->status, OrderStatus::cancelled);
    const inventory::StockLevel after = level(widget_);
    EXPECT_EQ(after.on_hand, before.on_hand);
    EXPECT_EQ(after.reserved, before.reserved);
    EXPECT_EQ(after.backordered, before.backordered);
    expect_reservations_match_orders();
    const auto again =
        in_txn([&](store::Txn& txn) { return cancel_order(txn, clock(), clerk(), id, ""); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code(), ErrorCode::conflict);
}

TEST_P(SalesOrders, WhatAnOrderGivesBackServesTheNextInLine) {
    receive(widget_, 5'000);
    const SalesOrderId first = confirmed(order(customer_, {line("WID-1", "5")}));
    const SalesOrderId second = confirmed(order(customer_, {line("WID-1", "3")}));
    EXPECT_EQ(load(second).lines[0].backordered_milli, 3000);
    // Down to 4: one unit goes to the second order.
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return change_order(
                        txn, clock(), clerk(), first, order(customer_, {line("WID-1", "4")}));
                }).ok());
    EXPECT_EQ(load(second).lines[0].reserved_milli, 1000);
    expect_reservations_match_orders();
    // Cancelled: the second order gets the rest it waits for.
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return cancel_order(txn, clock(), clerk(), first, "");
                }).ok());
    EXPECT_EQ(load(second).lines[0].reserved_milli, 3000);
    EXPECT_EQ(load(second).lines[0].backordered_milli, 0);
    EXPECT_EQ(level(widget_).reserved.milli, 3000);
    EXPECT_EQ(level(widget_).backordered.milli, 0);
    expect_reservations_match_orders();
}

TEST_P(SalesOrders, QuotationsReserveNothingUntilConfirmed) {
    receive(widget_, 5'000);
    NewOrder quote = order(customer_, {line("WID-1", "2")});
    quote.quotation = true;
    const auto quoted = enter(clerk(), quote);
    ASSERT_TRUE(quoted.ok()) << quoted.error().message();
    EXPECT_EQ(quoted->order.status, OrderStatus::quotation);
    EXPECT_EQ(level(widget_).reserved.milli, 0);
    const auto done = confirm(clerk(), quoted->order.id);
    ASSERT_TRUE(done.ok());
    EXPECT_EQ(done->status, OrderStatus::confirmed);
    EXPECT_EQ(level(widget_).reserved.milli, 2000);
    const auto twice = confirm(clerk(), quoted->order.id);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code(), ErrorCode::conflict);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(SalesOrders);

}  // namespace
}  // namespace bo::modules::sales::testing
