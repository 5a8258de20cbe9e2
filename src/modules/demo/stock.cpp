#include "modules/demo/stock.hpp"

#include <cstdlib>
#include <vector>

#include "modules/demo/data.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/inventory/service.hpp"

namespace bo::modules::demo {
namespace {

using inventory::Quantity;

constexpr std::int64_t milli_per_unit = 1000;
// The largest quantity tried for the last line, which takes what is left of the value.
constexpr std::int64_t last_line_units_max = 200;

// Units on hand of the index-th stocked item: 6..125, spread by a fixed stride (a prime, so
// neighbours differ), deterministic.
std::int64_t opening_units(std::size_t index) {
    constexpr std::int64_t units_min = 6;
    constexpr std::size_t units_spread = 120;
    constexpr std::size_t stride = 37;
    constexpr std::size_t offset = 11;
    return units_min + static_cast<std::int64_t>((index * stride + offset) % units_spread);
}

// The quantity (1..last_line_units_max) whose unit cost comes closest to `standard` while
// `rest` divides evenly by it, so that the receipt totals exactly.
std::int64_t last_line_units(std::int64_t rest, std::int64_t standard) {
    std::int64_t best = 1;
    for (std::int64_t units = 1; units <= last_line_units_max; ++units) {
        if (rest % units == 0
            && std::llabs(rest / units - standard) < std::llabs(rest / best - standard)) {
            best = units;
        }
    }
    return best;
}

core::Result<std::vector<inventory::ReceiptLine>> opening_lines(store::Txn& txn,
                                                                const platform::Actor& actor,
                                                                const inventory::Warehouse& main) {
    std::vector<inventory::ReceiptLine> lines;
    std::int64_t total = 0;
    std::size_t index = 0;
    for (const DemoItem& row : demo_items()) {
        if (row.kind != inventory::ItemKind::stocked) {
            continue;
        }
        BO_TRY_ASSIGN(const std::optional<inventory::Item> item,
                      inventory::find_item(txn, actor.company, row.sku));
        BO_ASSERT(item.has_value());
        const std::int64_t units = opening_units(index);
        const inventory::BinId bin = main.bins.at(index % main.bins.size()).id;
        lines.push_back({.item = item->id,
                         .quantity = Quantity{units * milli_per_unit},
                         .unit_cost_minor = item->standard_cost.minor,
                         .bin = bin,
                         .expected = std::nullopt});
        total += units * item->standard_cost.minor;
        ++index;
    }
    // The demo's standard costs put the opening stock below 140,000.00 (asserted): the last
    // line takes what is left, at a whole unit cost.
    BO_ASSERT(!lines.empty());
    inventory::ReceiptLine& last = lines.back();
    const std::int64_t last_value = last.quantity.milli / milli_per_unit * last.unit_cost_minor;
    const std::int64_t rest = demo_opening_stock_minor - (total - last_value);
    BO_ASSERT(rest > 0);
    const std::int64_t units = last_line_units(rest, last.unit_cost_minor);
    last.quantity = Quantity{units * milli_per_unit};
    last.unit_cost_minor = rest / units;
    return lines;
}

core::Result<inventory::Warehouse> warehouse(store::Txn& txn,
                                             const core::Clock& clock,
                                             const platform::Actor& actor,
                                             const inventory::NewWarehouse& input) {
    return inventory::create_warehouse(txn, clock, actor, input);
}

}  // namespace

core::Result<void> seed_stock(store::Txn& txn,
                              const core::Clock& clock,
                              const platform::Actor& actor,
                              core::Date first_day) {
    BO_TRY_ASSIGN(const inventory::Warehouse main,
                  warehouse(txn,
                            clock,
                            actor,
                            {.code = "MAIN",
                             .name = "Main warehouse",
                             .address = "1200 Harbor Way, Oakland CA 94607",
                             .bins = {"A-01", "A-02", "A-03", "B-01", "B-02", "B-03", "C-01"}}));
    BO_TRY_ASSIGN(const inventory::Warehouse east,
                  warehouse(txn,
                            clock,
                            actor,
                            {.code = "EAST",
                             .name = "East depot",
                             .address = "45 Commerce Drive, Newark NJ 07114",
                             .bins = {"E-01", "E-02", "E-03"}}));
    BO_TRY_ASSIGN(std::vector<inventory::ReceiptLine> lines, opening_lines(txn, actor, main));
    BO_TRY_ASSIGN(const inventory::StockDocument received,
                  inventory::receive(txn,
                                     clock,
                                     actor,
                                     {.warehouse = main.id,
                                      .date = first_day,
                                      .reference = "Opening stock",
                                      .lines = lines,
                                      .offset_account = "3900"},
                                     {}));
    BO_ASSERT(received.value.minor == demo_opening_stock_minor);
    // A quarter of every third item's stock moves to the east depot.
    inventory::Transfer transfer{.from = main.id,
                                 .to = east.id,
                                 .date = first_day,
                                 .reference = "Stock the east depot",
                                 .lines = {}};
    for (std::size_t index = 0; index < lines.size(); index += 3) {
        const std::int64_t units = lines[index].quantity.milli / milli_per_unit / 4;
        if (units > 0) {
            transfer.lines.push_back({.item = lines[index].item,
                                      .quantity = Quantity{units * milli_per_unit},
                                      .to_bin = east.bins.at(index % east.bins.size()).id});
        }
    }
    BO_TRY(inventory::transfer(txn, clock, actor, transfer, {}));
    return core::ok();
}

}  // namespace bo::modules::demo
