// The contract of stock.hpp and the valuation core every stock movement goes through
// (internal.hpp).
#include "modules/inventory/stock.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "core/assert.hpp"
#include "modules/inventory/internal.hpp"
#include "modules/inventory/queries.hpp"

namespace bo::modules::inventory {
namespace internal {

namespace {

constexpr std::int64_t milli_per_unit = 1000;
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

}  // namespace

std::int64_t share_of_value(std::int64_t value,
                            std::int64_t taken_milli,
                            std::int64_t on_hand_milli) {
    BO_ASSERT(taken_milli > 0);
    BO_ASSERT(taken_milli <= on_hand_milli);
    BO_ASSERT(value >= 0);
    if (taken_milli == on_hand_milli) {
        return value;
    }
    const core::Int128 share = core::round_quotient(
        core::Int128{value} * taken_milli, on_hand_milli, core::RoundingMode::half_even);
    BO_ASSERT(share >= 0 && share <= value);
    return static_cast<std::int64_t>(share);
}

std::optional<std::int64_t> line_value(std::int64_t unit_cost_minor, std::int64_t milli) {
    const core::Int128 value = core::round_quotient(
        core::Int128{unit_cost_minor} * milli, milli_per_unit, core::RoundingMode::half_even);
    if (value > int64_max || value < -int64_max) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(value);
}

core::Money average_cost(std::int64_t value_minor,
                         std::int64_t on_hand_milli,
                         core::Currency currency) {
    if (on_hand_milli <= 0) {
        return core::Money::zero(currency);
    }
    const core::Int128 cost = core::round_quotient(
        core::Int128{value_minor} * milli_per_unit, on_hand_milli, core::RoundingMode::half_even);
    return core::Money{static_cast<std::int64_t>(std::min<core::Int128>(cost, int64_max)),
                       currency};
}

core::Result<Item> item_for(
    store::Txn& txn, CompanyId company, ItemId id, std::string_view field, ItemUse use) {
    BO_TRY_ASSIGN(const std::optional<Item> item, queries::select_item_by_id(txn, company, id));
    if (!item) {
        return core::Error(core::ErrorCode::not_found,
                           "no such item",
                           {{std::string(field), "is not an item of this company"}});
    }
    if (use == ItemUse::stocked && item->kind != ItemKind::stocked) {
        return core::Error::invalid(std::string(field),
                                    "is a service item (" + item->sku + "); it is never stocked");
    }
    return *item;
}

core::Result<void> check_warehouse(
    store::Txn& txn, CompanyId company, WarehouseId id, std::string_view field, WarehouseUse use) {
    BO_TRY_ASSIGN(const std::optional<bool> active,
                  queries::select_warehouse_active(txn, company, id));
    if (!active) {
        return core::Error(core::ErrorCode::not_found,
                           "no such warehouse",
                           {{std::string(field), "is not a warehouse of this company"}});
    }
    if (use == WarehouseUse::active && !*active) {
        return core::Error::invalid(std::string(field), "is an inactive warehouse");
    }
    return core::ok();
}

core::Result<void> check_bin(
    store::Txn& txn, CompanyId company, WarehouseId warehouse, BinId bin, std::string_view field) {
    BO_TRY_ASSIGN(const std::optional<WarehouseId> holder,
                  queries::select_bin_warehouse(txn, company, bin));
    if (!holder || *holder != warehouse) {
        return core::Error::invalid(std::string(field), "is not a bin of the warehouse");
    }
    return core::ok();
}

core::Result<std::int64_t> take_out(store::Txn& txn,
                                    CompanyId company,
                                    Place place,
                                    std::int64_t milli,
                                    Withdrawal kind,
                                    std::string_view field) {
    BO_ASSERT(milli > 0);
    BO_TRY_ASSIGN(const std::optional<queries::StockFigures> figures,
                  queries::lock_stock(txn, company, place.item, place.warehouse));
    const queries::StockFigures row = figures.value_or(queries::StockFigures{});
    const std::int64_t allowed =
        kind == Withdrawal::reserved ? row.reserved_milli : row.on_hand_milli - row.reserved_milli;
    if (milli > allowed) {
        return core::Error::invalid(
            std::string(field),
            std::string(kind == Withdrawal::reserved ? "is more than is reserved ("
                                                     : "is more than is available (")
                + format_quantity({allowed}) + ")");
    }
    const std::int64_t value = share_of_value(row.value_minor, milli, row.on_hand_milli);
    BO_TRY(queries::change_stock(txn,
                                 company,
                                 place.item,
                                 place.warehouse,
                                 {.on_hand_milli = -milli,
                                  .reserved_milli = kind == Withdrawal::reserved ? -milli : 0,
                                  .value_minor = -value,
                                  .bin = std::nullopt}));
    return value;
}

core::Result<void> put_in(store::Txn& txn,
                          CompanyId company,
                          Place place,
                          const Deposit& deposit,
                          std::string_view field) {
    const std::int64_t milli = deposit.milli;
    const std::int64_t value_minor = deposit.value_minor;
    BO_ASSERT(milli > 0);
    BO_ASSERT(value_minor >= 0);
    BO_TRY(queries::ensure_stock(txn, company, place.item, place.warehouse));
    BO_TRY_ASSIGN(const std::optional<queries::StockFigures> figures,
                  queries::lock_stock(txn, company, place.item, place.warehouse));
    BO_ASSERT(figures.has_value());
    if (figures->on_hand_milli > quantity_milli_max - milli) {
        return core::Error::invalid(std::string(field), "would put more than 10^12 on hand");
    }
    if (figures->value_minor > int64_max - value_minor) {
        return core::Error::invalid(std::string(field), "would overflow the stock's value");
    }
    return queries::change_stock(txn,
                                 company,
                                 place.item,
                                 place.warehouse,
                                 {.on_hand_milli = milli,
                                  .reserved_milli = 0,
                                  .value_minor = value_minor,
                                  .bin = deposit.bin});
}

core::Result<InventorySettings> settings_of(store::Txn& txn, CompanyId company) {
    BO_TRY_ASSIGN(const std::optional<InventorySettings> stored,
                  queries::select_settings(txn, company));
    return stored.value_or(InventorySettings{});
}

core::Result<std::optional<ledger::EntryId>> post_net(store::Txn& txn,
                                                      const core::Clock& clock,
                                                      const ledger::Actor& actor,
                                                      const Posting& posting) {
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, actor.company));
    ledger::EntryInput entry{
        .date = posting.date, .memo = posting.memo, .source = posting.source, .lines = {}};
    for (const auto& [number, net] : posting.net_debit_by_account) {
        if (net == 0) {
            continue;
        }
        BO_TRY_ASSIGN(const std::optional<ledger::Account> account,
                      ledger::find_account_by_number(txn, actor.company, number));
        if (!account) {
            return core::Error::invalid(
                "settings", "inventory posts to account " + number + ", which does not exist");
        }
        entry.lines.push_back(
            ledger::LineInput{.account = account->id,
                              .department = std::nullopt,
                              .party = std::nullopt,
                              .side = net > 0 ? ledger::Side::debit : ledger::Side::credit,
                              .amount = core::Money{net > 0 ? net : -net, currency},
                              .memo = ""});
    }
    if (entry.lines.empty()) {
        return std::optional<ledger::EntryId>();
    }
    BO_TRY_ASSIGN(const ledger::PostedEntry posted, ledger::post(txn, clock, actor, entry));
    return std::optional<ledger::EntryId>(posted.id);
}

core::Result<void> announce(store::Txn& txn,
                            const core::Clock& clock,
                            const ledger::Actor& actor,
                            const ArrivalListener& listener,
                            std::vector<StockArrival> arrivals) {
    if (!listener || arrivals.empty()) {
        return core::ok();
    }
    std::sort(arrivals.begin(), arrivals.end(), [](const StockArrival& a, const StockArrival& b) {
        return std::pair(a.item, a.warehouse) < std::pair(b.item, b.warehouse);
    });
    arrivals.erase(std::unique(arrivals.begin(),
                               arrivals.end(),
                               [](const StockArrival& a, const StockArrival& b) {
                                   return a.item == b.item && a.warehouse == b.warehouse;
                               }),
                   arrivals.end());
    return listener(txn, clock, actor, arrivals);
}

}  // namespace internal

namespace {

using internal::CompanyId;

// 1000 planned receipts per item x warehouse answered to sales: far more than are ever open.
constexpr std::int64_t arrivals_max = 1000;

StockLevel level_of(ItemId item,
                    WarehouseId warehouse,
                    const queries::StockFigures& figures,
                    core::Currency currency) {
    return StockLevel{.item = item,
                      .warehouse = warehouse,
                      .on_hand = {figures.on_hand_milli},
                      .reserved = {figures.reserved_milli},
                      .on_order = {figures.on_order_milli},
                      .backordered = {figures.backordered_milli},
                      .average_cost = internal::average_cost(
                          figures.value_minor, figures.on_hand_milli, currency)};
}

core::Result<void> check_positive(Quantity quantity, std::string_view field) {
    if (quantity.milli <= 0) {
        return core::Error::invalid(std::string(field), "must be more than zero");
    }
    return core::ok();
}

// Checks the item and the warehouse of a contract call (not_found naming the field).
core::Result<void> check_pair(store::Txn& txn,
                              CompanyId company,
                              ItemId item,
                              WarehouseId warehouse) {
    BO_TRY(internal::check_warehouse(
        txn, company, warehouse, "warehouse", internal::WarehouseUse::any));
    BO_TRY(internal::item_for(txn, company, item, "item", internal::ItemUse::any));
    return core::ok();
}

enum class Direction { up, down };

// Adds (up) or takes away (down) `quantity` of a counted figure of item x warehouse.
// Errors: invalid_argument when quantity <= 0; not_found; conflict when taking away more than
// the figure holds.
core::Result<void> change_counted(store::Txn& txn,
                                  const ledger::Actor& actor,
                                  StockArrival where,
                                  queries::Figure figure,
                                  Quantity quantity,
                                  Direction direction) {
    BO_TRY(check_positive(quantity, "quantity"));
    BO_TRY(check_pair(txn, actor.company, where.item, where.warehouse));
    if (direction == Direction::up) {
        BO_TRY(queries::ensure_stock(txn, actor.company, where.item, where.warehouse));
    }
    const std::int64_t delta = direction == Direction::up ? quantity.milli : -quantity.milli;
    BO_TRY_ASSIGN(
        const bool done,
        queries::change_figure(txn, actor.company, where.item, where.warehouse, figure, delta));
    if (!done) {
        BO_ASSERT(direction == Direction::down);  // adding to a row that exists stays in range
        return core::Error(core::ErrorCode::conflict,
                           figure == queries::Figure::reserved
                               ? "releases more than is reserved"
                               : "removes more than is backordered");
    }
    return core::ok();
}

}  // namespace

core::Result<StockLevel> stock_level(store::Txn& txn,
                                     const ledger::Actor& actor,
                                     ItemId item,
                                     WarehouseId warehouse) {
    BO_TRY_ASSIGN(std::vector<StockLevel> levels,
                  stock_levels(txn, actor, warehouse, std::span<const ItemId>(&item, 1)));
    return levels.front();
}

core::Result<std::vector<StockLevel>> stock_levels(store::Txn& txn,
                                                   const ledger::Actor& actor,
                                                   WarehouseId warehouse,
                                                   std::span<const ItemId> items) {
    BO_TRY(internal::check_warehouse(
        txn, actor.company, warehouse, "warehouse", internal::WarehouseUse::any));
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, actor.company));
    std::vector<StockLevel> levels;
    levels.reserve(items.size());
    // Statements of at most 512 items (the placeholder count stays small).
    constexpr std::size_t chunk_items_max = 512;
    for (std::size_t start = 0; start < items.size(); start += chunk_items_max) {
        const std::span<const ItemId> chunk =
            items.subspan(start, std::min(chunk_items_max, items.size() - start));
        BO_TRY_ASSIGN(const std::vector<queries::ItemStock> found,
                      queries::select_stock_levels(txn, actor.company, warehouse, chunk));
        for (std::size_t index = 0; index < chunk.size(); ++index) {
            if (!found[index].item_exists) {
                return core::Error(
                    core::ErrorCode::not_found,
                    "no such item: " + chunk[index].to_string(),
                    {{"item", "is not an item of this company: " + chunk[index].to_string()}});
            }
            levels.push_back(level_of(chunk[index], warehouse, found[index].figures, currency));
        }
    }
    return levels;
}

core::Result<std::vector<ExpectedArrival>> expected_arrivals(store::Txn& txn,
                                                             const ledger::Actor& actor,
                                                             ItemId item,
                                                             WarehouseId warehouse) {
    BO_TRY(check_pair(txn, actor.company, item, warehouse));
    return queries::select_arrivals(txn, actor.company, item, warehouse, arrivals_max);
}

core::Result<Quantity> reserve(store::Txn& txn,
                               const ledger::Actor& actor,
                               ItemId item,
                               WarehouseId warehouse,
                               Quantity wanted) {
    BO_TRY(check_positive(wanted, "quantity"));
    BO_TRY(check_pair(txn, actor.company, item, warehouse));
    // The fast path: one conditional UPDATE when all of it is available. Otherwise the row is
    // locked (PostgreSQL waits here for a concurrent reservation to commit and then sees its
    // result) and what is left is reserved under the lock.
    BO_TRY_ASSIGN(
        const bool all,
        queries::change_figure(
            txn, actor.company, item, warehouse, queries::Figure::reserved, wanted.milli));
    if (all) {
        return wanted;
    }
    BO_TRY_ASSIGN(const std::optional<queries::StockFigures> figures,
                  queries::lock_stock(txn, actor.company, item, warehouse));
    if (!figures) {
        return Quantity{0};
    }
    const std::int64_t granted =
        std::min(wanted.milli, figures->on_hand_milli - figures->reserved_milli);
    if (granted <= 0) {
        return Quantity{0};
    }
    BO_TRY_ASSIGN(const bool done,
                  queries::change_figure(
                      txn, actor.company, item, warehouse, queries::Figure::reserved, granted));
    BO_ASSERT(done);  // the row is locked by this transaction
    return Quantity{granted};
}

core::Result<void> release(store::Txn& txn,
                           const ledger::Actor& actor,
                           ItemId item,
                           WarehouseId warehouse,
                           Quantity quantity) {
    return change_counted(
        txn, actor, {item, warehouse}, queries::Figure::reserved, quantity, Direction::down);
}

core::Result<void> add_backorder(store::Txn& txn,
                                 const ledger::Actor& actor,
                                 ItemId item,
                                 WarehouseId warehouse,
                                 Quantity quantity) {
    return change_counted(
        txn, actor, {item, warehouse}, queries::Figure::backordered, quantity, Direction::up);
}

core::Result<void> remove_backorder(store::Txn& txn,
                                    const ledger::Actor& actor,
                                    ItemId item,
                                    WarehouseId warehouse,
                                    Quantity quantity) {
    return change_counted(
        txn, actor, {item, warehouse}, queries::Figure::backordered, quantity, Direction::down);
}

// NOLINTNEXTLINE(readability-function-size): the parameters are stock.hpp's contract.
core::Result<IssueResult> issue_reserved(store::Txn& txn,
                                         const core::Clock& clock,
                                         const ledger::Actor& actor,
                                         WarehouseId warehouse,
                                         core::Date date,
                                         const ledger::Source& source,
                                         std::span<const IssueLine> lines) {
    const CompanyId company = actor.company;
    BO_TRY(internal::check_warehouse(
        txn, company, warehouse, "warehouse", internal::WarehouseUse::any));
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    BO_TRY_ASSIGN(const InventorySettings accounts, internal::settings_of(txn, company));
    IssueResult result{.line_costs = {}, .total = core::Money::zero(currency), .entry = {}};
    std::vector<Movement> movements;
    for (std::size_t index = 0; index < lines.size(); ++index) {
        const std::string prefix = "lines/" + std::to_string(index) + "/";
        const IssueLine& line = lines[index];
        BO_TRY(check_positive(line.quantity, prefix + "quantity"));
        BO_TRY(internal::item_for(
            txn, company, line.item, prefix + "item", internal::ItemUse::stocked));
        BO_TRY_ASSIGN(const std::int64_t cost,
                      internal::take_out(txn,
                                         company,
                                         {line.item, warehouse},
                                         line.quantity.milli,
                                         internal::Withdrawal::reserved,
                                         prefix + "quantity"));
        result.line_costs.push_back(core::Money{cost, currency});
        BO_TRY_ASSIGN(result.total, core::add(result.total, core::Money{cost, currency}));
        movements.push_back(Movement{.id = {},
                                     .item = line.item,
                                     .warehouse = warehouse,
                                     .bin = std::nullopt,
                                     .type = MovementType::issue,
                                     .quantity = {-line.quantity.milli},
                                     .value = core::Money{-cost, currency},
                                     .date = date,
                                     .source_type = source.type,
                                     .source_id = source.id,
                                     .reason = std::nullopt,
                                     .entry = std::nullopt,
                                     .user_id = actor.user.value(),
                                     .created_at = clock.now()});
    }
    ledger::Source on_inventory = source;
    on_inventory.subledger = ledger::Subledger::inventory;
    const internal::Posting posting{
        .date = date,
        .source = on_inventory,
        .memo = "Cost of goods issued: " + source.type + " " + source.id,
        .net_debit_by_account = {{accounts.cogs_account, result.total.minor},
                                 {accounts.inventory_account, -result.total.minor}}};
    BO_TRY_ASSIGN(const std::optional<ledger::EntryId> entry,
                  internal::post_net(txn, clock, actor, posting));
    result.entry = entry.value_or(ledger::EntryId());
    for (Movement& movement : movements) {
        movement.entry = entry;
        BO_TRY(queries::insert_movement(txn, company, movement));
    }
    return result;
}

}  // namespace bo::modules::inventory
