// Pick lists, shipments and the billing hand-off (returns are in returns.cpp).
#include "modules/fulfilment/service.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "modules/fulfilment/internal.hpp"
#include "modules/fulfilment/queries.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/sales/orders.hpp"
#include "modules/sales/shipping.hpp"
#include "platform/audit/audit.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::fulfilment {

using core::Error;
using core::ErrorCode;
using platform::tenancy::FieldChecks;
using sales::OrderStatus;
using sales::SalesOrder;
using sales::SalesOrderId;

namespace internal {

std::string document_number(std::string_view prefix, std::int64_t number) {
    constexpr std::size_t chars_max = 32;
    std::array<char, chars_max> text{};
    std::snprintf(text.data(), text.size(), "%06lld", static_cast<long long>(number));
    return std::string(prefix) + text.data();
}

core::Result<core::Money> share(core::Money total,
                                std::int64_t before_milli,
                                std::int64_t part_milli,
                                std::int64_t whole_milli) {
    BO_ASSERT(whole_milli > 0);
    BO_ASSERT(before_milli >= 0 && part_milli >= 0);
    BO_ASSERT(before_milli + part_milli <= whole_milli);
    constexpr auto mode = core::RoundingMode::half_even;
    BO_TRY_ASSIGN(const core::Money upto,
                  core::multiply(total, {before_milli + part_milli, whole_milli}, mode));
    BO_TRY_ASSIGN(const core::Money already,
                  core::multiply(total, {before_milli, whole_milli}, mode));
    return core::subtract(upto, already);
}

core::Result<void> audit(store::Txn& txn,
                         const core::Clock& clock,
                         const Actor& actor,
                         const Change& change) {
    return platform::audit::record(txn,
                                   clock,
                                   actor,
                                   {.action = change.action,
                                    .entity_type = change.entity_type,
                                    .entity_id = change.entity_id,
                                    .changes = platform::audit::diff(change.before, change.after)});
}

core::Date today(const core::Clock& clock) {
    return core::business_date(clock.now(), core::TimeZone::utc());
}

}  // namespace internal

namespace {

using internal::audit;

bool open_order(OrderStatus status) {
    return status == OrderStatus::confirmed || status == OrderStatus::partly_shipped;
}

std::int64_t held_of(const std::vector<queries::Held>& held, std::int64_t line_number) {
    for (const queries::Held& one : held) {
        if (one.order_line_number == line_number) {
            return one.held_milli;
        }
    }
    return 0;
}

// Items by id, looked up once per document.
class ItemCache {
public:
    ItemCache(store::Txn& txn, CompanyId company) : txn_(txn), company_(company) {}

    core::Result<const inventory::Item*> get(inventory::ItemId id) {
        if (const auto found = items_.find(id.value()); found != items_.end()) {
            return &found->second;
        }
        BO_TRY_ASSIGN(const std::optional<inventory::Item> item,
                      inventory::find_item_by_id(txn_, company_, id));
        if (!item) {
            return Error(ErrorCode::internal, "order line names unknown item " + id.to_string());
        }
        return &items_.emplace(id.value(), *item).first->second;
    }

private:
    store::Txn& txn_;
    CompanyId company_;
    std::map<std::int64_t, inventory::Item> items_;
};

// --- Pick lists -----------------------------------------------------------------------------

// The confirmed or partly shipped orders of `warehouse` with reserved stock, oldest first
// (at most pick_orders_scan_max of them: the rest waits for the next list).
constexpr std::int64_t pick_orders_scan_max = 2'000;

core::Result<std::vector<SalesOrderId>> shippable_orders(store::Txn& txn,
                                                         CompanyId company,
                                                         inventory::WarehouseId warehouse) {
    std::vector<SalesOrderId> ids;
    sales::OrderQuery query{.status = std::nullopt,
                            .customer = std::nullopt,
                            .shippable_only = true,
                            .after_id = SalesOrderId(),
                            .limit = static_cast<std::int64_t>(core::page_size_max)};
    for (std::int64_t scanned = 0; scanned < pick_orders_scan_max; scanned += query.limit) {
        BO_TRY_ASSIGN(const std::vector<SalesOrder> page, sales::list_orders(txn, company, query));
        for (const SalesOrder& order : page) {
            if (order.warehouse == warehouse) {
                ids.push_back(order.id);
            }
        }
        if (page.size() < static_cast<std::size_t>(query.limit)) {
            break;
        }
        query.after_id = page.back().id;
    }
    return ids;
}

// The lines a new pick list takes from `order`: what each stocked line has reserved and no
// pick list holds yet.
core::Result<std::vector<PickListLine>> pickable_lines(store::Txn& txn,
                                                       CompanyId company,
                                                       const SalesOrder& order) {
    BO_TRY_ASSIGN(const std::vector<queries::Held> held,
                  queries::held_for_order(txn, company, order.id));
    std::vector<PickListLine> lines;
    for (const sales::OrderLine& line : order.lines) {
        // Never below zero: an order changed while on a list may reserve less than is held.
        const std::int64_t free_milli =
            std::max<std::int64_t>(0, line.reserved_milli - held_of(held, line.line_number));
        if (free_milli > 0) {
            lines.push_back(PickListLine{.line_number = 0,
                                         .order = order.id,
                                         .order_number = order.number,
                                         .order_line_number = line.line_number,
                                         .item = line.item,
                                         .sku = line.sku,
                                         .description = {},
                                         .unit = line.unit,
                                         .bin_code = {},
                                         .quantity_milli = free_milli,
                                         .picked_milli = std::nullopt,
                                         .shipped_milli = 0,
                                         .held_milli = free_milli});
        }
    }
    return lines;
}

// Fills each line's bin and description, sorts by bin (lines without a bin last), SKU, order
// and order line, and numbers them.
core::Result<void> sort_by_bin(store::Txn& txn,
                               CompanyId company,
                               inventory::WarehouseId warehouse,
                               std::vector<PickListLine>& lines) {
    std::map<std::int64_t, std::pair<std::string, std::string>> known;  // bin, description
    ItemCache items(txn, company);
    for (PickListLine& line : lines) {
        auto found = known.find(line.item.value());
        if (found == known.end()) {
            BO_TRY_ASSIGN(const inventory::Item* item, items.get(line.item));
            BO_TRY_ASSIGN(const std::vector<inventory::StockRow> rows,
                          inventory::list_stock(txn,
                                                company,
                                                {.item = line.item,
                                                 .warehouse = warehouse,
                                                 .below_reorder = false,
                                                 .offset = 0,
                                                 .limit = 1}));
            found = known
                        .emplace(line.item.value(),
                                 std::pair(rows.empty() ? std::string() : rows.front().bin_code,
                                           item->description))
                        .first;
        }
        line.bin_code = found->second.first;
        line.description = found->second.second;
    }
    std::sort(lines.begin(), lines.end(), [](const PickListLine& a, const PickListLine& b) {
        return std::tuple(a.bin_code.empty(), a.bin_code, a.sku, a.order.value(), a.order_line_number)
               < std::tuple(b.bin_code.empty(), b.bin_code, b.sku, b.order.value(), b.order_line_number);
    });
    for (std::size_t index = 0; index < lines.size(); ++index) {
        lines[index].line_number = static_cast<std::int64_t>(index) + 1;
    }
    return core::ok();
}

// The orders named by the request, each checked (field "orders/N").
core::Result<std::vector<SalesOrderId>> named_orders(store::Txn& txn,
                                                     CompanyId company,
                                                     inventory::WarehouseId warehouse,
                                                     const std::vector<SalesOrderId>& ids) {
    FieldChecks checks;
    std::set<std::int64_t> seen;
    for (std::size_t index = 0; index < ids.size(); ++index) {
        const std::string field = "orders/" + std::to_string(index);
        BO_TRY_ASSIGN(const std::optional<SalesOrder> order,
                      sales::find_order(txn, company, ids[index]));
        if (!order) {
            checks.add(field, "is not a sales order of this company");
        } else if (order->warehouse != warehouse) {
            checks.add(field, order->number + " ships from another warehouse");
        } else if (!open_order(order->status)) {
            checks.add(field,
                       order->number + " is " + std::string(sales::to_string(order->status))
                           + ", not confirmed");
        } else if (!seen.insert(ids[index].value()).second) {
            checks.add(field, "names " + order->number + " twice");
        }
    }
    BO_TRY(std::move(checks).finish("pick list"));
    return ids;
}

core::Result<PickList> existing_pick_list(store::Txn& txn, CompanyId company, PickListId id) {
    BO_TRY_ASSIGN(std::optional<PickList> list, queries::select_pick_list(txn, company, id));
    if (!list) {
        return Error(ErrorCode::not_found, "no such pick list");
    }
    return std::move(*list);
}

boost::json::object pick_list_record(const PickList& list) {
    std::int64_t quantity = 0;
    std::int64_t picked = 0;
    for (const PickListLine& line : list.lines) {
        quantity += line.quantity_milli;
        picked += line.picked_milli.value_or(0);
    }
    return {{"number", list.number},
            {"status", to_string(list.status)},
            {"warehouse_id", list.warehouse.value()},
            {"lines", static_cast<std::int64_t>(list.lines.size())},
            {"quantity", inventory::format_quantity({quantity})},
            {"picked", inventory::format_quantity({picked})}};
}

}  // namespace

core::Result<PickList> create_pick_list(store::Txn& txn,
                                        const core::Clock& clock,
                                        const Actor& actor,
                                        const NewPickList& input) {
    const CompanyId company = actor.company;
    BO_TRY_ASSIGN(const std::optional<inventory::Warehouse> warehouse,
                  inventory::find_warehouse_by_code(txn, company, input.warehouse));
    if (!warehouse) {
        return Error::invalid("warehouse", "is not a warehouse of this company");
    }
    if (input.orders.size() > pick_orders_max) {
        return Error(ErrorCode::limit_exceeded,
                     "a pick list names at most " + std::to_string(pick_orders_max) + " orders");
    }
    const bool chosen = !input.orders.empty();
    std::vector<SalesOrderId> ids;
    if (chosen) {
        BO_TRY_ASSIGN(ids, named_orders(txn, company, warehouse->id, input.orders));
        std::sort(ids.begin(), ids.end());  // lock orders in one order
    } else {
        BO_TRY_ASSIGN(ids, shippable_orders(txn, company, warehouse->id));
    }
    PickList list{.id = {},
                  .number = {},
                  .warehouse = warehouse->id,
                  .status = PickListStatus::open,
                  .created_by = actor.user,
                  .created_at = clock.now(),
                  .updated_at = clock.now(),
                  .lines = {}};
    for (const SalesOrderId id : ids) {
        BO_TRY_ASSIGN(const SalesOrder order, sales::lock_order_for_fulfilment(txn, company, id));
        if (!open_order(order.status)) {
            continue;  // cancelled or shipped since it was listed
        }
        BO_TRY_ASSIGN(std::vector<PickListLine> lines, pickable_lines(txn, company, order));
        if (list.lines.size() + lines.size() > document_lines_max) {
            if (chosen) {
                return Error(ErrorCode::limit_exceeded,
                             "a pick list has at most " + std::to_string(document_lines_max)
                                 + " lines; name fewer orders");
            }
            break;  // whole orders only; the rest goes on the next list
        }
        list.lines.insert(list.lines.end(), lines.begin(), lines.end());
    }
    if (list.lines.empty()) {
        return Error::invalid("orders", "nothing reserved is left to pick in " + warehouse->code);
    }
    BO_TRY(sort_by_bin(txn, company, warehouse->id, list.lines));
    BO_TRY_ASSIGN(const std::int64_t number, queries::next_number(txn, company, "pick_list"));
    list.number = internal::document_number("PL-", number);
    BO_TRY_ASSIGN(list.id, queries::insert_pick_list(txn, company, list));
    BO_TRY(audit(txn,
                 clock,
                 actor,
                 {.action = "fulfilment.pick_list.create",
                  .entity_type = "pick_list",
                  .entity_id = list.id.to_string(),
                  .before = {},
                  .after = pick_list_record(list)}));
    return existing_pick_list(txn, company, list.id);
}

core::Result<void> check_pick(store::Txn& txn,
                              const Actor& actor,
                              PickListId id,
                              std::span<const PickedLine> lines) {
    BO_TRY_ASSIGN(const PickList list, existing_pick_list(txn, actor.company, id));
    if (list.status != PickListStatus::open) {
        return Error(ErrorCode::conflict,
                     "pick list " + list.number + " is " + std::string(to_string(list.status)));
    }
    FieldChecks checks;
    std::set<std::int64_t> seen;
    for (std::size_t index = 0; index < lines.size(); ++index) {
        const std::string prefix = "lines/" + std::to_string(index) + "/";
        const auto line = std::find_if(list.lines.begin(), list.lines.end(), [&](const auto& one) {
            return one.line_number == lines[index].line_number;
        });
        if (line == list.lines.end()) {
            checks.add(prefix + "line_number", "is not a line of " + list.number);
        } else if (!seen.insert(line->line_number).second) {
            checks.add(prefix + "line_number", "is named twice");
        } else if (lines[index].picked_milli < 0
                   || lines[index].picked_milli > line->quantity_milli) {
            checks.add(prefix + "picked",
                       "must be between 0 and the line's quantity "
                           + inventory::format_quantity({line->quantity_milli}));
        } else if (!inventory::quantity_fits_unit({lines[index].picked_milli}, line->unit)) {
            checks.add(prefix + "picked", "has more decimals than the unit " + line->unit + " allows");
        }
    }
    return std::move(checks).finish("pick");
}

core::Result<PickList> pick(store::Txn& txn,
                            const core::Clock& clock,
                            const Actor& actor,
                            PickListId id,
                            std::span<const PickedLine> lines) {
    BO_TRY(check_pick(txn, actor, id, lines));
    BO_TRY_ASSIGN(PickList list, existing_pick_list(txn, actor.company, id));
    const boost::json::object before = pick_list_record(list);
    for (PickListLine& line : list.lines) {
        line.picked_milli = line.quantity_milli;
        for (const PickedLine& picked : lines) {
            if (picked.line_number == line.line_number) {
                line.picked_milli = picked.picked_milli;
            }
        }
        line.held_milli = *line.picked_milli - line.shipped_milli;  // short: back to the order
        BO_TRY(queries::update_pick_line(txn, actor.company, list.id, line));
    }
    list.status = PickListStatus::picked;
    list.updated_at = clock.now();
    BO_TRY(queries::update_pick_list_status(txn, actor.company, list));
    BO_TRY(audit(txn,
                 clock,
                 actor,
                 {.action = "fulfilment.pick_list.pick",
                  .entity_type = "pick_list",
                  .entity_id = list.id.to_string(),
                  .before = before,
                  .after = pick_list_record(list)}));
    return list;
}

core::Result<PickList> cancel_pick_list(store::Txn& txn,
                                        const core::Clock& clock,
                                        const Actor& actor,
                                        PickListId id) {
    BO_TRY_ASSIGN(PickList list, existing_pick_list(txn, actor.company, id));
    if (list.status == PickListStatus::cancelled) {
        return Error(ErrorCode::conflict, "pick list " + list.number + " is already cancelled");
    }
    const boost::json::object before = pick_list_record(list);
    for (PickListLine& line : list.lines) {
        line.held_milli = 0;
        BO_TRY(queries::update_pick_line(txn, actor.company, list.id, line));
    }
    list.status = PickListStatus::cancelled;
    list.updated_at = clock.now();
    BO_TRY(queries::update_pick_list_status(txn, actor.company, list));
    BO_TRY(audit(txn,
                 clock,
                 actor,
                 {.action = "fulfilment.pick_list.cancel",
                  .entity_type = "pick_list",
                  .entity_id = list.id.to_string(),
                  .before = before,
                  .after = pick_list_record(list)}));
    return list;
}

core::Result<std::optional<PickList>> find_pick_list(store::Txn& txn,
                                                     CompanyId company,
                                                     PickListId id) {
    return queries::select_pick_list(txn, company, id);
}

core::Result<std::vector<PickList>> list_pick_lists(store::Txn& txn,
                                                    CompanyId company,
                                                    std::optional<PickListStatus> status,
                                                    PickListId after,
                                                    std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_pick_lists(txn, company, status, after, limit);
}

// --- Shipments ------------------------------------------------------------------------------

namespace {

// One line of a shipment being planned.
struct PlannedLine {
    sales::OrderLine order_line;
    std::int64_t quantity_milli = 0;
    bool stocked = true;
    std::optional<std::int64_t> pick_line_number;
};

struct ShipmentPlan {
    SalesOrder order;
    std::optional<PickList> pick_list;
    std::vector<PlannedLine> lines;
    core::Date date;
};

void check_header(const NewShipment& input, FieldChecks& checks) {
    checks.required_text("carrier", input.carrier, carrier_chars_max);
    checks.optional_text("service", input.service, carrier_chars_max);
    checks.optional_text("tracking_number", input.tracking_number, tracking_chars_max);
    if (input.packages.empty()) {
        checks.add("packages", "must name at least one package");
    }
    if (input.packages.size() > packages_max) {
        checks.add("packages", "must have at most " + std::to_string(packages_max) + " items");
    }
    for (std::size_t index = 0; index < input.packages.size(); ++index) {
        const std::string prefix = "packages/" + std::to_string(index) + "/";
        const Package& package = input.packages[index];
        const auto bounded = [&](std::string_view name,
                                 const std::optional<std::int64_t>& value,
                                 std::int64_t max) {
            if (value) {
                checks.in_range(prefix + std::string(name), *value, 1, max);
            }
        };
        bounded("weight_grams", package.weight_grams, package_weight_grams_max);
        bounded("length_mm", package.length_mm, package_length_mm_max);
        bounded("width_mm", package.width_mm, package_length_mm_max);
        bounded("height_mm", package.height_mm, package_length_mm_max);
    }
    if (input.lines.size() > document_lines_max) {
        checks.add("lines", "must have at most " + std::to_string(document_lines_max) + " items");
    }
}

// What each order line can ship by this shipment: from the pick list, what it holds for the
// line; else what is reserved and not held by any pick list. Service lines: what is not
// shipped yet.
struct Shippable {
    std::int64_t quantity_milli = 0;
    std::optional<std::int64_t> pick_line_number;
    bool stocked = true;
};

// The list's line for an order line, or null.
const PickListLine* line_on_list(const PickList& list,
                                 SalesOrderId order,
                                 std::int64_t order_line_number) {
    for (const PickListLine& line : list.lines) {
        if (line.order == order && line.order_line_number == order_line_number) {
            return &line;
        }
    }
    return nullptr;
}

core::Result<std::map<std::int64_t, Shippable>> shippable_lines(store::Txn& txn,
                                                                const Actor& actor,
                                                                const ShipmentPlan& plan) {
    std::map<std::int64_t, Shippable> shippable;
    BO_TRY_ASSIGN(const std::vector<queries::Held> held,
                  queries::held_for_order(txn, actor.company, plan.order.id));
    ItemCache items(txn, actor.company);
    for (const sales::OrderLine& line : plan.order.lines) {
        BO_TRY_ASSIGN(const inventory::Item* item, items.get(line.item));
        if (item->kind == inventory::ItemKind::service) {
            // Services ship with the order's first shipment.
            const bool first = plan.order.status == OrderStatus::confirmed;
            shippable[line.line_number] = {first ? line.quantity_milli - line.shipped_milli : 0,
                                           std::nullopt,
                                           false};
            continue;
        }
        Shippable entry{.quantity_milli = 0, .pick_line_number = std::nullopt, .stocked = true};
        if (plan.pick_list) {
            if (const PickListLine* pick_line = line_on_list(*plan.pick_list, plan.order.id,
                                                             line.line_number)) {
                // At most what is still reserved (the order may have changed since).
                entry.quantity_milli = std::min(pick_line->held_milli, line.reserved_milli);
                entry.pick_line_number = pick_line->line_number;
            }
        } else {
            entry.quantity_milli =
                std::max<std::int64_t>(0, line.reserved_milli - held_of(held, line.line_number));
        }
        shippable[line.line_number] = entry;
    }
    return shippable;
}

std::string can_ship_text(const ShipmentPlan& plan, std::int64_t line_number, std::int64_t milli) {
    const std::string where = plan.pick_list ? "picked on " + plan.pick_list->number
                                             : "reserved and not on a pick list";
    return "line " + std::to_string(line_number) + " of " + plan.order.number + " has "
           + inventory::format_quantity({milli}) + " " + where;
}

core::Result<void> plan_lines(const NewShipment& input,
                              const std::map<std::int64_t, Shippable>& shippable,
                              ShipmentPlan& plan,
                              FieldChecks& checks) {
    const auto order_line = [&](std::int64_t number) -> const sales::OrderLine* {
        for (const sales::OrderLine& line : plan.order.lines) {
            if (line.line_number == number) {
                return &line;
            }
        }
        return nullptr;
    };
    std::set<std::int64_t> seen;
    for (std::size_t index = 0; index < input.lines.size(); ++index) {
        const std::string prefix = "lines/" + std::to_string(index) + "/";
        const ShipLine& wanted = input.lines[index];
        const sales::OrderLine* line = order_line(wanted.order_line_number);
        if (line == nullptr) {
            checks.add(prefix + "line_number", "is not a line of " + plan.order.number);
            continue;
        }
        if (!seen.insert(line->line_number).second) {
            checks.add(prefix + "line_number", "is named twice");
            continue;
        }
        const Shippable& can = shippable.at(line->line_number);
        const std::int64_t quantity = wanted.quantity_milli.value_or(can.quantity_milli);
        if (quantity <= 0 && wanted.quantity_milli) {
            checks.add(prefix + "quantity", "must be greater than 0");
        } else if (quantity > can.quantity_milli || quantity <= 0) {
            checks.add(prefix + "quantity",
                       can_ship_text(plan, line->line_number, can.quantity_milli));
        } else if (!inventory::quantity_fits_unit({quantity}, line->unit)) {
            checks.add(prefix + "quantity",
                       "has more decimals than the unit " + line->unit + " allows");
        } else {
            plan.lines.push_back({*line, quantity, can.stocked, can.pick_line_number});
        }
    }
    if (input.lines.empty()) {
        for (const sales::OrderLine& line : plan.order.lines) {
            const Shippable& can = shippable.at(line.line_number);
            if (can.quantity_milli > 0) {
                plan.lines.push_back({line, can.quantity_milli, can.stocked, can.pick_line_number});
            }
        }
    }
    const bool any_goods = std::any_of(
        plan.lines.begin(), plan.lines.end(), [](const PlannedLine& line) { return line.stocked; });
    if (checks.ok() && !any_goods) {
        checks.add("lines", "nothing to ship: no line of " + plan.order.number + " has "
                                + (plan.pick_list ? "picked" : "reserved") + " stock to ship");
    }
    return core::ok();
}

core::Result<ShipmentPlan> plan_shipment(store::Txn& txn,
                                         const core::Clock& clock,
                                         const Actor& actor,
                                         const NewShipment& input) {
    FieldChecks checks;
    check_header(input, checks);
    BO_TRY(std::move(checks).finish("shipment"));
    BO_TRY_ASSIGN(const std::optional<SalesOrder> found,
                  sales::find_order(txn, actor.company, input.order));
    if (!found) {
        return Error::invalid("order", "is not a sales order of this company");
    }
    BO_TRY_ASSIGN(SalesOrder order,
                  sales::lock_order_for_fulfilment(txn, actor.company, input.order));
    ShipmentPlan plan{.order = std::move(order),
                      .pick_list = std::nullopt,
                      .lines = {},
                      .date = input.ship_date.value_or(internal::today(clock))};
    if (!open_order(plan.order.status)) {
        return Error(ErrorCode::conflict,
                     "order " + plan.order.number + " is "
                         + std::string(sales::to_string(plan.order.status)) + " and cannot ship");
    }
    if (input.pick_list) {
        BO_TRY_ASSIGN(plan.pick_list, queries::select_pick_list(txn, actor.company, *input.pick_list));
        if (!plan.pick_list) {
            return Error::invalid("pick_list", "is not a pick list of this company");
        }
        if (plan.pick_list->status != PickListStatus::picked) {
            return Error(ErrorCode::conflict,
                         "pick list " + plan.pick_list->number + " is "
                             + std::string(to_string(plan.pick_list->status)) + ", not picked");
        }
    }
    BO_TRY_ASSIGN(const auto shippable, shippable_lines(txn, actor, plan));
    FieldChecks line_checks;
    BO_TRY(plan_lines(input, shippable, plan, line_checks));
    BO_TRY(std::move(line_checks).finish("shipment"));
    return plan;
}

boost::json::object shipment_record(const Shipment& shipment) {
    std::int64_t quantity = 0;
    for (const ShipmentLine& line : shipment.lines) {
        quantity += line.quantity_milli;
    }
    return {{"number", shipment.number},
            {"order_id", shipment.order.value()},
            {"pick_list_id",
             shipment.pick_list ? boost::json::value(shipment.pick_list->value()) : nullptr},
            {"ship_date", shipment.ship_date.to_string()},
            {"carrier", shipment.carrier},
            {"service", shipment.service},
            {"tracking_number", shipment.tracking_number},
            {"lines", static_cast<std::int64_t>(shipment.lines.size())},
            {"quantity", inventory::format_quantity({quantity})},
            {"packages", static_cast<std::int64_t>(shipment.packages.size())},
            {"cost", shipment.cost.format()}};
}

// The shipment's lines with their billable amounts (this shipment's share of each order line)
// and their cost; and the order lines shipped.
core::Result<void> build_lines(const ShipmentPlan& plan,
                               const inventory::IssueResult& issued,
                               Shipment& shipment,
                               std::vector<sales::ShippedOrderLine>& shipped) {
    std::size_t stocked_index = 0;
    for (const PlannedLine& planned : plan.lines) {
        const sales::OrderLine& line = planned.order_line;
        BO_TRY_ASSIGN(const core::Money net,
                      internal::share(line.net, line.shipped_milli, planned.quantity_milli,
                                      line.quantity_milli));
        BO_TRY_ASSIGN(const core::Money tax,
                      internal::share(line.tax, line.shipped_milli, planned.quantity_milli,
                                      line.quantity_milli));
        core::Money cost = core::Money::zero(issued.total.currency);
        if (planned.stocked) {
            cost = issued.line_costs.at(stocked_index++);
        }
        shipment.lines.push_back(ShipmentLine{
            .line_number = static_cast<std::int64_t>(shipment.lines.size()) + 1,
            .order_line_number = line.line_number,
            .pick_list = planned.pick_line_number ? shipment.pick_list : std::nullopt,
            .pick_line_number = planned.pick_line_number,
            .item = line.item,
            .sku = line.sku,
            .description = {},
            .unit = line.unit,
            .quantity_milli = planned.quantity_milli,
            .unit_price = line.unit_price,
            .discount_percent = line.discount_percent,
            .tax_rate_id = line.tax_rate ? std::optional(line.tax_rate->value()) : std::nullopt,
            .tax_percent = line.tax_percent,
            .net = net,
            .tax = tax,
            .cost = cost,
            .returned_milli = 0,
            .billable = true,
            .invoice_id = std::nullopt});
        shipped.push_back({line.line_number, planned.quantity_milli, planned.stocked});
    }
    return core::ok();
}

// What the pick list's lines shipped by this shipment no longer hold.
core::Result<void> consume_pick_lines(store::Txn& txn,
                                      const Actor& actor,
                                      const ShipmentPlan& plan) {
    if (!plan.pick_list) {
        return core::ok();
    }
    for (const PlannedLine& planned : plan.lines) {
        if (!planned.pick_line_number) {
            continue;
        }
        const auto found = std::find_if(
            plan.pick_list->lines.begin(), plan.pick_list->lines.end(), [&](const auto& line) {
                return line.line_number == *planned.pick_line_number;
            });
        BO_ASSERT(found != plan.pick_list->lines.end());
        PickListLine line = *found;
        line.shipped_milli += planned.quantity_milli;
        line.held_milli -= planned.quantity_milli;
        BO_ASSERT(line.held_milli >= 0);
        BO_TRY(queries::update_pick_line(txn, actor.company, plan.pick_list->id, line));
    }
    return core::ok();
}

}  // namespace

core::Result<void> check_shipment(store::Txn& txn,
                                  const core::Clock& clock,
                                  const Actor& actor,
                                  const NewShipment& input) {
    BO_TRY(plan_shipment(txn, clock, actor, input));
    return core::ok();
}

core::Result<Shipment> ship(store::Txn& txn,
                            const core::Clock& clock,
                            const Actor& actor,
                            const NewShipment& input) {
    const CompanyId company = actor.company;
    BO_TRY_ASSIGN(const ShipmentPlan plan, plan_shipment(txn, clock, actor, input));
    BO_TRY_ASSIGN(const std::int64_t number, queries::next_number(txn, company, "shipment"));
    Shipment shipment{.id = {},
                      .number = internal::document_number("SH-", number),
                      .order = plan.order.id,
                      .order_number = plan.order.number,
                      .warehouse = plan.order.warehouse,
                      .pick_list = plan.pick_list ? std::optional(plan.pick_list->id) : std::nullopt,
                      .ship_date = plan.date,
                      .carrier = input.carrier,
                      .service = input.service,
                      .tracking_number = input.tracking_number,
                      .currency = plan.order.currency,
                      .cost = core::Money::zero(plan.order.currency),
                      .cogs_entry = std::nullopt,
                      .created_by = actor.user,
                      .created_at = clock.now(),
                      .lines = {},
                      .packages = input.packages};
    for (std::size_t index = 0; index < shipment.packages.size(); ++index) {
        shipment.packages[index].package_number = static_cast<std::int64_t>(index) + 1;
    }
    std::vector<inventory::IssueLine> issue;
    for (const PlannedLine& planned : plan.lines) {
        if (planned.stocked) {
            issue.push_back({planned.order_line.item, {planned.quantity_milli}});
        }
    }
    BO_TRY_ASSIGN(const inventory::IssueResult issued,
                  inventory::issue_reserved(txn,
                                            clock,
                                            actor,
                                            plan.order.warehouse,
                                            plan.date,
                                            ledger::Source{.type = "shipment",
                                                           .id = shipment.number,
                                                           .subledger = ledger::Subledger::none},
                                            issue));
    shipment.cost = issued.total;
    if (issued.entry.value() != 0) {
        shipment.cogs_entry = issued.entry.value();
    }
    std::vector<sales::ShippedOrderLine> shipped;
    BO_TRY(build_lines(plan, issued, shipment, shipped));
    BO_TRY(sales::record_shipment(txn, clock, actor, plan.order.id, shipped, shipment.number));
    BO_TRY(consume_pick_lines(txn, actor, plan));
    BO_TRY_ASSIGN(shipment.id, queries::insert_shipment(txn, company, shipment));
    BO_TRY(audit(txn,
                 clock,
                 actor,
                 {.action = "fulfilment.shipment.ship",
                  .entity_type = "shipment",
                  .entity_id = shipment.id.to_string(),
                  .before = {},
                  .after = shipment_record(shipment)}));
    BO_TRY_ASSIGN(const std::optional<Shipment> stored,
                  queries::select_shipment(txn, company, shipment.id));
    BO_ASSERT(stored.has_value());
    return *stored;
}

core::Result<std::optional<Shipment>> find_shipment(store::Txn& txn,
                                                    CompanyId company,
                                                    ShipmentId id) {
    return queries::select_shipment(txn, company, id);
}

core::Result<std::vector<Shipment>> list_shipments(store::Txn& txn,
                                                   CompanyId company,
                                                   std::optional<SalesOrderId> order,
                                                   ShipmentId after,
                                                   std::int64_t limit,
                                                   std::optional<core::Date> ship_date) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_shipments(txn, company, order, after, limit, ship_date);
}

core::Result<std::vector<ShippedMonth>> shipped_by_month(store::Txn& txn,
                                                         CompanyId company,
                                                         core::Date from,
                                                         core::Date to) {
    const std::int64_t days = to.days_since_epoch() - from.days_since_epoch();
    if (days <= 0 || days > shipped_summary_days_max) {
        return Error::invalid("to",
                              "must be after from, at most "
                                  + std::to_string(shipped_summary_days_max) + " days later");
    }
    return queries::select_shipped_by_month(txn, company, from, to);
}

// --- Billing hand-off -----------------------------------------------------------------------

core::Result<std::vector<BillingLine>> list_billable(store::Txn& txn,
                                                     CompanyId company,
                                                     ShipmentId after,
                                                     std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_billable(txn, company, after, limit);
}

core::Result<std::vector<BillingLine>> list_credit_due(store::Txn& txn,
                                                       CompanyId company,
                                                       ReturnId after,
                                                       std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_credit_due(txn, company, after, limit);
}

core::Result<void> mark_invoiced(store::Txn& txn,
                                 const core::Clock& clock,
                                 const Actor& actor,
                                 ShipmentId shipment,
                                 std::int64_t line_number,
                                 std::int64_t invoice_id) {
    BO_TRY_ASSIGN(const bool marked,
                  queries::mark_invoiced(txn, actor.company, shipment, line_number, invoice_id));
    if (!marked) {
        return Error(ErrorCode::conflict,
                     "shipment line " + std::to_string(line_number)
                         + " is unknown, not billable or already invoiced");
    }
    return audit(txn,
                 clock,
                 actor,
                 {.action = "fulfilment.shipment.invoiced",
                  .entity_type = "shipment",
                  .entity_id = shipment.to_string(),
                  .before = {},
                  .after = {{"line_number", line_number}, {"invoice_id", invoice_id}}});
}

core::Result<void> mark_credited(store::Txn& txn,
                                 const core::Clock& clock,
                                 const Actor& actor,
                                 ReturnId customer_return,
                                 std::int64_t line_number,
                                 std::int64_t credit_note_id) {
    BO_TRY_ASSIGN(
        const bool marked,
        queries::mark_credited(txn, actor.company, customer_return, line_number, credit_note_id));
    if (!marked) {
        return Error(ErrorCode::conflict,
                     "return line " + std::to_string(line_number)
                         + " is unknown, not received or already credited");
    }
    return audit(txn,
                 clock,
                 actor,
                 {.action = "fulfilment.return.credited",
                  .entity_type = "customer_return",
                  .entity_id = customer_return.to_string(),
                  .before = {},
                  .after = {{"line_number", line_number}, {"credit_note_id", credit_note_id}}});
}

}  // namespace bo::modules::fulfilment
