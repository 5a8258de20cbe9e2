// Goal: stock keeps its promises on both backends: receipts, issues, transfers, counts and
// adjustments keep the valued stock equal to the ledger's inventory account 1300 to the cent
// (also over random sequences: a rapidcheck property); on hand never goes negative; reserve
// never over-reserves, also when many threads on their own connections reserve the last units
// at once; bad input names its field and writes nothing.
// Method: the ledger fixture (company ACME, standard chart, FY2024) plus two warehouses and
// items; every operation runs in its own transaction through the services; check_stock
// recomputes the invariants after each test.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "ledger/check_cases.hpp"
#include "ledger/ledger_fixture.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/inventory/service.hpp"
#include "modules/inventory/stock.hpp"

namespace bo::modules::inventory {
namespace {

using ledger::testing::date;

Quantity units(std::int64_t whole) {
    return Quantity{whole * 1000};
}

class StockTest : public ledger::testing::CleanBooksTest {
protected:
    void SetUp() override {
        CleanBooksTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        main_ = make_warehouse("MAIN", {"A-01", "A-02"});
        east_ = make_warehouse("EAST", {});
        widget_ = make_item("WIDGET", "ea", ItemKind::stocked);
        flour_ = make_item("FLOUR", "kg", ItemKind::stocked);
        consulting_ = make_item("CONSULT", "h", ItemKind::service);
    }

    void TearDown() override {
        if (!IsSkipped() && !HasFatalFailure()) {
            const auto checked =
                in_txn([&](store::Txn& txn) { return check_stock(txn, actor().company); });
            ASSERT_TRUE(checked.ok()) << checked.error().message();
            EXPECT_TRUE(checked->clean())
                << (checked->problems.empty() ? "" : checked->problems.front());
        }
        CleanBooksTest::TearDown();
    }

    WarehouseId make_warehouse(std::string code, std::vector<std::string> bins) {
        const auto made = in_txn([&](store::Txn& txn) {
            return create_warehouse(
                txn,
                clock(),
                actor(),
                {.code = code, .name = code + " warehouse", .address = "", .bins = bins});
        });
        EXPECT_TRUE(made.ok()) << made.error().message();
        return made.ok() ? made->id : WarehouseId();
    }

    ItemId make_item(std::string sku, std::string unit, ItemKind kind) {
        const auto made = in_txn([&](store::Txn& txn) {
            return create_item(txn,
                               clock(),
                               actor().company,
                               {.sku = sku,
                                .description = sku,
                                .unit = unit,
                                .kind = kind,
                                .currency = "USD",
                                .price_minor = 1000,
                                .standard_cost_minor = 400});
        });
        EXPECT_TRUE(made.ok()) << made.error().message();
        return made.ok() ? made->id : ItemId();
    }

    core::Result<StockDocument> receive_one(ItemId item,
                                            WarehouseId warehouse,
                                            Quantity quantity,
                                            std::int64_t unit_cost) {
        return in_txn([&](store::Txn& txn) {
            return receive(txn,
                           clock(),
                           actor(),
                           {.warehouse = warehouse,
                            .date = date("2024-03-01"),
                            .reference = "test",
                            .lines = {{.item = item,
                                       .quantity = quantity,
                                       .unit_cost_minor = unit_cost,
                                       .bin = std::nullopt,
                                       .expected = std::nullopt}},
                            .offset_account = std::nullopt},
                           {});
        });
    }

    core::Result<Quantity> reserve_some(ItemId item, WarehouseId warehouse, Quantity quantity) {
        return in_txn(
            [&](store::Txn& txn) { return reserve(txn, actor(), item, warehouse, quantity); });
    }

    core::Result<IssueResult> issue(ItemId item, WarehouseId warehouse, Quantity quantity) {
        const IssueLine line{item, quantity};
        return in_txn([&](store::Txn& txn) {
            return issue_reserved(txn,
                                  clock(),
                                  actor(),
                                  warehouse,
                                  date("2024-03-02"),
                                  {.type = "shipment", .id = "SH-1", .subledger = {}},
                                  std::span<const IssueLine>(&line, 1));
        });
    }

    StockLevel level(ItemId item, WarehouseId warehouse) {
        const auto found =
            in_txn([&](store::Txn& txn) { return stock_level(txn, actor(), item, warehouse); });
        EXPECT_TRUE(found.ok()) << found.error().message();
        return found.value();
    }

    std::int64_t inventory_balance() {
        const auto checked =
            in_txn([&](store::Txn& txn) { return check_stock(txn, actor().company); });
        EXPECT_TRUE(checked.ok());
        return checked->ledger_balance_minor;
    }

    WarehouseId main_;
    WarehouseId east_;
    ItemId widget_;
    ItemId flour_;
    ItemId consulting_;
};

TEST_P(StockTest, ReceiptReserveIssueKeepValueEqualToTheLedger) {
    ASSERT_TRUE(receive_one(widget_, main_, units(3), 1000).ok());  // 3 x 10.00
    ASSERT_TRUE(receive_one(widget_, main_, units(1), 1100).ok());  // 1 x 11.00
    StockLevel stocked = level(widget_, main_);
    EXPECT_EQ(stocked.on_hand, units(4));
    EXPECT_EQ(stocked.average_cost.minor, 1025);
    EXPECT_EQ(inventory_balance(), 4100);

    const auto reserved = reserve_some(widget_, main_, units(3));
    ASSERT_TRUE(reserved.ok());
    EXPECT_EQ(*reserved, units(3));
    const auto issued = issue(widget_, main_, units(3));
    ASSERT_TRUE(issued.ok()) << issued.error().message();
    EXPECT_EQ(issued->total.minor, 3075);  // round(4100 x 3 / 4)
    EXPECT_GT(issued->entry.value(), 0);
    stocked = level(widget_, main_);
    EXPECT_EQ(stocked.on_hand, units(1));
    EXPECT_EQ(stocked.reserved, units(0));
    EXPECT_EQ(inventory_balance(), 1025);

    // The last unit takes all that remains.
    ASSERT_EQ(*reserve_some(widget_, main_, units(1)), units(1));
    const auto last = issue(widget_, main_, units(1));
    ASSERT_TRUE(last.ok());
    EXPECT_EQ(last->total.minor, 1025);
    EXPECT_EQ(inventory_balance(), 0);
}

TEST_P(StockTest, ReserveGrantsOnlyWhatIsAvailable) {
    ASSERT_TRUE(receive_one(widget_, main_, units(5), 100).ok());
    EXPECT_EQ(*reserve_some(widget_, main_, units(3)), units(3));
    EXPECT_EQ(*reserve_some(widget_, main_, units(3)), units(2));
    EXPECT_EQ(*reserve_some(widget_, main_, units(1)), units(0));
    EXPECT_EQ(*reserve_some(widget_, east_, units(1)), units(0));  // never stocked there
    EXPECT_EQ(level(widget_, main_).reserved, units(5));

    const auto refused = reserve_some(widget_, main_, units(0));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(testing::only_field(refused.error()), "quantity");
    const auto unknown = reserve_some(ItemId(999'999), main_, units(1));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code(), core::ErrorCode::not_found);

    // Issuing more than is reserved is refused and changes nothing.
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return release(txn, actor(), widget_, main_, units(4));
                }).ok());
    const auto over = issue(widget_, main_, units(2));
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(testing::only_field(over.error()), "lines/0/quantity");
    EXPECT_EQ(level(widget_, main_).on_hand, units(5));
    const auto too_much =
        in_txn([&](store::Txn& txn) { return release(txn, actor(), widget_, main_, units(2)); });
    ASSERT_FALSE(too_much.ok());
    EXPECT_EQ(too_much.error().code(), core::ErrorCode::conflict);
}

TEST_P(StockTest, BackordersAndPlannedReceiptsShowInTheLevel) {
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return add_backorder(txn, actor(), widget_, main_, units(4));
                }).ok());
    const auto removed = in_txn(
        [&](store::Txn& txn) { return remove_backorder(txn, actor(), widget_, main_, units(5)); });
    ASSERT_FALSE(removed.ok());
    EXPECT_EQ(removed.error().code(), core::ErrorCode::conflict);
    const auto planned = in_txn([&](store::Txn& txn) {
        return plan_receipt(txn,
                            clock(),
                            actor(),
                            {.item = widget_,
                             .warehouse = main_,
                             .expected_date = date("2024-04-15"),
                             .quantity = units(10),
                             .reference = "PO-1"});
    });
    ASSERT_TRUE(planned.ok()) << planned.error().message();
    StockLevel seen = level(widget_, main_);
    EXPECT_EQ(seen.backordered, units(4));
    EXPECT_EQ(seen.on_order, units(10));
    const auto arrivals =
        in_txn([&](store::Txn& txn) { return expected_arrivals(txn, actor(), widget_, main_); });
    ASSERT_TRUE(arrivals.ok());
    ASSERT_EQ(arrivals->size(), 1U);
    EXPECT_EQ(arrivals->front().date, date("2024-04-15"));

    // Receiving 6 against it: on order drops to 4, and the listener hears of the arrival.
    std::vector<StockArrival> heard;
    const ArrivalListener listener = [&](store::Txn&,
                                         const core::Clock&,
                                         const ledger::Actor&,
                                         std::span<const StockArrival> arrived) {
        heard.assign(arrived.begin(), arrived.end());
        return core::ok();
    };
    const auto received = in_txn([&](store::Txn& txn) {
        return receive(txn,
                       clock(),
                       actor(),
                       {.warehouse = main_,
                        .date = date("2024-04-10"),
                        .reference = "",
                        .lines = {{.item = widget_,
                                   .quantity = units(6),
                                   .unit_cost_minor = 250,
                                   .bin = std::nullopt,
                                   .expected = planned->id}},
                        .offset_account = std::nullopt},
                       listener);
    });
    ASSERT_TRUE(received.ok()) << received.error().message();
    EXPECT_EQ(level(widget_, main_).on_order, units(4));
    ASSERT_EQ(heard.size(), 1U);
    EXPECT_EQ(heard.front().item, widget_);
}

TEST_P(StockTest, BadReceiptNamesTheFieldAndWritesNothing) {
    const auto service_line = receive_one(consulting_, main_, units(1), 100);
    ASSERT_FALSE(service_line.ok());
    EXPECT_EQ(testing::only_field(service_line.error()), "lines/0/item");
    const auto unknown_item = receive_one(ItemId(424'242), main_, units(1), 100);
    ASSERT_FALSE(unknown_item.ok());
    EXPECT_EQ(testing::only_field(unknown_item.error()), "lines/0/item");
    const auto fraction = receive_one(widget_, main_, Quantity{1500}, 100);
    ASSERT_FALSE(fraction.ok());
    EXPECT_EQ(testing::only_field(fraction.error()), "lines/0/quantity");
    const auto overflow =
        receive_one(widget_, main_, units(1000), std::numeric_limits<std::int64_t>::max() / 10);
    ASSERT_FALSE(overflow.ok());
    EXPECT_EQ(testing::only_field(overflow.error()), "lines/0/unit_cost");
    const auto no_warehouse = receive_one(widget_, WarehouseId(77'777), units(1), 100);
    ASSERT_FALSE(no_warehouse.ok());
    EXPECT_EQ(testing::only_field(no_warehouse.error()), "warehouse");
    EXPECT_EQ(level(widget_, main_).on_hand, units(0));
    EXPECT_EQ(inventory_balance(), 0);
    // 2.5 kg is fine for a unit with three decimals.
    ASSERT_TRUE(receive_one(flour_, main_, Quantity{2500}, 199).ok());
    EXPECT_EQ(inventory_balance(), 498);  // 2.5 x 1.99 = 4.975, half-even to 4.98
}

TEST_P(StockTest, TransfersMoveValueAndCountsPostTheDifference) {
    ASSERT_TRUE(receive_one(widget_, main_, units(3), 1000).ok());
    const auto moved = in_txn([&](store::Txn& txn) {
        return inventory::transfer(
            txn,
            clock(),
            actor(),
            {.from = main_,
             .to = east_,
             .date = date("2024-03-05"),
             .reference = "",
             .lines = {{.item = widget_, .quantity = units(1), .to_bin = std::nullopt}}},
            {});
    });
    ASSERT_TRUE(moved.ok()) << moved.error().message();
    EXPECT_FALSE(moved->entry.has_value());
    EXPECT_EQ(level(widget_, east_).on_hand, units(1));
    EXPECT_EQ(level(widget_, east_).average_cost.minor, 1000);
    const auto counted = in_txn([&](store::Txn& txn) {
        return count(
            txn,
            clock(),
            actor(),
            {.warehouse = main_, .date = date("2024-03-06"), .lines = {{widget_, units(1)}}},
            {});
    });
    ASSERT_TRUE(counted.ok()) << counted.error().message();
    ASSERT_EQ(counted->movements.size(), 1U);
    EXPECT_EQ(counted->movements.front().reason, AdjustmentReason::count);
    EXPECT_EQ(counted->value.minor, -1000);
    EXPECT_EQ(inventory_balance(), 2000);
    const auto over = in_txn([&](store::Txn& txn) {
        return adjust(txn,
                      clock(),
                      actor(),
                      {.warehouse = main_,
                       .date = date("2024-03-06"),
                       .reference = "",
                       .lines = {{.item = widget_,
                                  .quantity = units(-2),
                                  .reason = AdjustmentReason::damaged,
                                  .unit_cost_minor = std::nullopt,
                                  .bin = std::nullopt}}},
                      {});
    });
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(testing::only_field(over.error()), "lines/0/quantity");
}

TEST_P(StockTest, ReorderReportSaysWhatToOrderAndWhy) {
    ItemChanges changes;
    changes.reorder_point_milli = units(10).milli;
    changes.reorder_quantity_milli = units(4).milli;
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return update_item(txn, clock(), actor(), widget_, changes);
                }).ok());
    ASSERT_TRUE(receive_one(widget_, main_, units(3), 100).ok());
    const auto report = [&] {
        const auto lines = in_txn(
            [&](store::Txn& txn) { return reorder_report(txn, actor().company, std::nullopt); });
        EXPECT_TRUE(lines.ok());
        return lines.value();
    };
    auto lines = report();
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0].position, units(3));
    EXPECT_EQ(lines[0].suggested, units(7));  // 4 would not reach the point
    EXPECT_EQ(lines[0].basis, ReorderBasis::up_to_reorder_point);
    changes = ItemChanges();
    changes.reorder_quantity_milli = units(20).milli;
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return update_item(txn, clock(), actor(), widget_, changes);
                }).ok());
    lines = report();
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0].suggested, units(20));
    EXPECT_EQ(lines[0].basis, ReorderBasis::reorder_quantity);
    ASSERT_TRUE(receive_one(widget_, east_, units(7), 100).ok());
    EXPECT_TRUE(report().empty());  // 10 on hand over both warehouses: at the point

    // The control account must be an inventory-control asset; others are refused by field.
    InventorySettings settings;
    settings.inventory_account = "1400";
    const auto refused = in_txn(
        [&](store::Txn& txn) { return set_inventory_settings(txn, clock(), actor(), settings); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(testing::only_field(refused.error()), "inventory_account");
    settings.inventory_account = "1300";
    settings.cogs_account = "5200";
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_inventory_settings(txn, clock(), actor(), settings);
                }).ok());
    EXPECT_EQ(in_txn([&](store::Txn& txn) {
                  return inventory_settings(txn, actor().company);
              })->cogs_account,
              "5200");
}

// The property: any sequence of receipts, reservations + issues, adjustments and transfers
// keeps on hand >= 0, reserved <= on hand, and the valued stock equal to account 1300.
TEST_P(StockTest, ValueEqualsTheLedgerOverRandomSequences) {
    int case_index = 0;
    const bool held = ledger::testing::check_cases("stock value == ledger", 25, [&]() {
        const ItemId item = make_item("P" + std::to_string(++case_index), "kg", ItemKind::stocked);
        const int steps = *rc::gen::inRange(1, 15);
        for (int step = 0; step < steps; ++step) {
            const int kind = *rc::gen::inRange(0, 4);
            const Quantity quantity{*rc::gen::inRange<std::int64_t>(1, 20'000)};
            const WarehouseId where = *rc::gen::inRange(0, 2) == 0 ? main_ : east_;
            if (kind == 0) {
                const auto cost = *rc::gen::inRange<std::int64_t>(0, 100'000);
                RC_ASSERT(receive_one(item, where, quantity, cost).ok());
            } else if (kind == 1) {
                const auto got = reserve_some(item, where, quantity);
                RC_ASSERT(got.ok());
                RC_ASSERT(got->milli <= quantity.milli);
                if (got->milli > 0) {
                    RC_ASSERT(issue(item, where, *got).ok());
                }
            } else if (kind == 2) {
                const bool down = *rc::gen::arbitrary<bool>();
                const auto adjusted = in_txn([&](store::Txn& txn) {
                    return adjust(txn,
                                  clock(),
                                  actor(),
                                  {.warehouse = where,
                                   .date = date("2024-05-01"),
                                   .reference = "",
                                   .lines = {{.item = item,
                                              .quantity = {down ? -quantity.milli : quantity.milli},
                                              .reason = down ? AdjustmentReason::lost
                                                             : AdjustmentReason::found,
                                              .unit_cost_minor = std::nullopt,
                                              .bin = std::nullopt}}},
                                  {});
                });
                const StockLevel now = level(item, where);
                RC_ASSERT(adjusted.ok() || (down && quantity > now.available()));
            } else {
                const auto moved = in_txn([&](store::Txn& txn) {
                    return inventory::transfer(txn,
                                               clock(),
                                               actor(),
                                               {.from = where,
                                                .to = where == main_ ? east_ : main_,
                                                .date = date("2024-05-02"),
                                                .reference = "",
                                                .lines = {{item, quantity, std::nullopt}}},
                                               {});
                });
                RC_ASSERT(moved.ok() || quantity > level(item, where).available());
            }
            const auto checked =
                in_txn([&](store::Txn& txn) { return check_stock(txn, actor().company); });
            RC_ASSERT(checked.ok());
            RC_ASSERT(checked->clean());
            RC_ASSERT(checked->value_minor == checked->ledger_balance_minor);
        }
    });
    EXPECT_TRUE(held);
}

// N threads, each on its own connection of the pool, reserve the last units at once: exactly
// what was available is reserved in total, never more.
TEST_P(StockTest, ConcurrentReservationsNeverOverReserve) {
    ASSERT_TRUE(receive_one(widget_, main_, units(5), 100).ok());
    constexpr int threads_count = 8;
    std::atomic<std::int64_t> granted{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int index = 0; index < threads_count; ++index) {
        threads.emplace_back([&] {
            const auto got = reserve_some(widget_, main_, units(2));
            if (got.ok()) {
                granted += got->milli;
            } else {
                ++failures;
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(granted.load(), units(5).milli);
    EXPECT_EQ(level(widget_, main_).reserved, units(5));
}

BO_INSTANTIATE_ON_ALL_BACKENDS(StockTest);

}  // namespace
}  // namespace bo::modules::inventory
