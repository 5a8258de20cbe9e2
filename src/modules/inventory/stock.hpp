// Stock: what the sales and fulfilment modules ask of inventory (the contract between them).
//
// Stock is kept per item × warehouse (the bin is where it lies within the warehouse):
//   on_hand      what is physically there (never negative)
//   reserved     promised to confirmed order lines, not yet shipped (0 <= reserved <= on_hand)
//   available    on_hand - reserved
//   on_order     expected in (manual receipts plan it until purchasing exists)
//   backordered  ordered by customers but not reservable yet (kept by sales through
//                add_backorder/remove_backorder so that stock views show it without a scan)
// Quantities are integers in thousandths of the item's unit (Quantity::milli); a unit whose
// decimals are 0 ("ea", "box") only takes whole numbers.
//
// Every function runs inside the caller's transaction and never commits; on any error the
// caller's transaction is rolled back by the API pipeline, so nothing is half-written.
// Concurrency: reserve() never lets reserved exceed on_hand, also when two transactions
// reserve the last unit at once (SQLite: one writer; PostgreSQL: a conditional UPDATE on the
// stock row, which serialises the two), so exactly one of them gets it.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "ledger/service.hpp"
#include "modules/inventory/model.hpp"
#include "store/database.hpp"

namespace bo::modules::inventory {

struct WarehouseTag;
using WarehouseId = core::Id<WarehouseTag>;

// A quantity of an item in thousandths of its unit: 2.5 kg is {2500}, 3 ea is {3000}.
struct Quantity {
    std::int64_t milli = 0;

    friend auto operator<=>(const Quantity&, const Quantity&) = default;
};

// The stock of one item in one warehouse.
struct StockLevel {
    ItemId item{};
    WarehouseId warehouse{};
    Quantity on_hand;
    Quantity reserved;
    Quantity on_order;
    Quantity backordered;
    core::Money average_cost;  // moving-average cost of one unit, in the company's currency

    [[nodiscard]] Quantity available() const noexcept { return {on_hand.milli - reserved.milli}; }
};

// The stock of `item` in `warehouse` (all zero when it was never stocked there).
// Errors: not_found (field "item" / "warehouse") when either is not of the actor's company.
[[nodiscard]] core::Result<StockLevel> stock_level(store::Txn& txn,
                                                   const ledger::Actor& actor,
                                                   ItemId item,
                                                   WarehouseId warehouse);

// The stock of each of `items` in `warehouse`, in the order asked (one query: an order's
// availability check reads all its lines at once). Errors: as stock_level.
[[nodiscard]] core::Result<std::vector<StockLevel>> stock_levels(store::Txn& txn,
                                                                 const ledger::Actor& actor,
                                                                 WarehouseId warehouse,
                                                                 std::span<const ItemId> items);

// Stock expected in (planned receipts not yet received), by expected date, earliest first:
// what sales uses to tell when a short line can ship.
struct ExpectedArrival {
    core::Date date;
    Quantity quantity;
};
[[nodiscard]] core::Result<std::vector<ExpectedArrival>> expected_arrivals(
    store::Txn& txn, const ledger::Actor& actor, ItemId item, WarehouseId warehouse);

// Reserves up to `wanted` of `item` in `warehouse`: as much as is available, atomically.
// Answers what was reserved (0 <= result <= wanted); the rest is the caller's backorder.
// Errors: invalid_argument (field "quantity") when wanted <= 0; not_found as stock_level.
[[nodiscard]] core::Result<Quantity> reserve(store::Txn& txn,
                                             const ledger::Actor& actor,
                                             ItemId item,
                                             WarehouseId warehouse,
                                             Quantity wanted);

// Gives back `quantity` of a reservation (order cancelled or changed).
// Errors: invalid_argument when quantity <= 0; conflict when it exceeds what is reserved.
[[nodiscard]] core::Result<void> release(store::Txn& txn,
                                         const ledger::Actor& actor,
                                         ItemId item,
                                         WarehouseId warehouse,
                                         Quantity quantity);

// Keeps the backordered figure: sales adds what it could not reserve and removes it when the
// backorder is allocated or cancelled. Errors: as release (conflict when removing more).
[[nodiscard]] core::Result<void> add_backorder(store::Txn& txn,
                                               const ledger::Actor& actor,
                                               ItemId item,
                                               WarehouseId warehouse,
                                               Quantity quantity);
[[nodiscard]] core::Result<void> remove_backorder(store::Txn& txn,
                                                  const ledger::Actor& actor,
                                                  ItemId item,
                                                  WarehouseId warehouse,
                                                  Quantity quantity);

// One line of an issue of reserved stock (a shipment).
struct IssueLine {
    ItemId item{};
    Quantity quantity;
};

// What an issue cost, line by line, at moving-average cost.
struct IssueResult {
    std::vector<core::Money> line_costs;  // same order as the request's lines
    core::Money total;
    ledger::EntryId entry{};  // the cost-of-goods-sold entry posted (0 when total is zero)
};

// Issues reserved stock out of `warehouse` on `date` for the document `source` (e.g.
// {"shipment", "SH-000123"}): on_hand and reserved go down, one movement per line is recorded
// at moving-average cost, and ONE ledger entry posts cost of goods sold (debit) against the
// inventory control account (credit) through ledger::post(), in `department` when given.
// Errors: invalid_argument (field "lines/N/quantity") when a quantity is <= 0 or more than is
// reserved; not_found for an unknown item or warehouse; those of ledger::post().
[[nodiscard]] core::Result<IssueResult> issue_reserved(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       const ledger::Actor& actor,
                                                       WarehouseId warehouse,
                                                       core::Date date,
                                                       const ledger::Source& source,
                                                       std::span<const IssueLine> lines);

// Stock arrived (a receipt, a transfer in, a positive count or a return to stock) for these
// items in this warehouse: sales allocates its backorders, oldest first. Called by inventory
// in the same transaction, after the stock is updated; an error rolls the arrival back.
struct StockArrival {
    ItemId item{};
    WarehouseId warehouse{};
};
using ArrivalListener = std::function<core::Result<void>(
    store::Txn&, const core::Clock&, const ledger::Actor&, std::span<const StockArrival>)>;

}  // namespace bo::modules::inventory
