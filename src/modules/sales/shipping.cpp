#include "modules/sales/shipping.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "modules/inventory/operations.hpp"
#include "modules/sales/order_queries.hpp"
#include "modules/sales/orders.hpp"
#include "modules/sales/shipping_queries.hpp"
#include "platform/audit/audit.hpp"

namespace bo::modules::sales {
namespace {

using core::Error;
using core::ErrorCode;

core::Result<void> check_line(const SalesOrder& order,
                              const ShippedOrderLine& shipped,
                              std::size_t index,
                              std::vector<core::FieldError>& errors) {
    const std::string prefix = "lines/" + std::to_string(index) + "/";
    const OrderLine* line = nullptr;
    for (const OrderLine& candidate : order.lines) {
        if (candidate.line_number == shipped.line_number) {
            line = &candidate;
        }
    }
    if (line == nullptr) {
        errors.push_back({prefix + "line_number", "is not a line of order " + order.number});
        return core::ok();
    }
    const std::int64_t can_ship = shipped.stocked ? line->reserved_milli
                                                  : line->quantity_milli - line->shipped_milli;
    if (shipped.quantity_milli <= 0) {
        errors.push_back({prefix + "quantity", "must be greater than 0"});
    } else if (shipped.quantity_milli > can_ship) {
        errors.push_back({prefix + "quantity",
                          "line " + std::to_string(line->line_number) + " of " + order.number
                              + " can ship at most "
                              + inventory::format_quantity({can_ship})});
    }
    return core::ok();
}

// Moves each shipped quantity from reserved to shipped on its line and writes the lines.
core::Result<void> apply_shipped(store::Txn& txn,
                                 platform::tenancy::CompanyId company,
                                 SalesOrder& order,
                                 std::span<const ShippedOrderLine> lines) {
    for (const ShippedOrderLine& shipped : lines) {
        const auto line = std::find_if(order.lines.begin(), order.lines.end(), [&](const auto& one) {
            return one.line_number == shipped.line_number;
        });
        BO_ASSERT(line != order.lines.end());
        line->reserved_milli -= shipped.stocked ? shipped.quantity_milli : 0;
        line->shipped_milli += shipped.quantity_milli;
        BO_ASSERT(line->reserved_milli >= 0);
        BO_ASSERT(line->shipped_milli <= line->quantity_milli);
        BO_TRY(queries::update_line_shipped(txn, company, order.id, *line));
    }
    return core::ok();
}

}  // namespace

core::Result<SalesOrder> lock_order_for_fulfilment(store::Txn& txn,
                                                   platform::tenancy::CompanyId company,
                                                   SalesOrderId id) {
    BO_TRY_ASSIGN(const bool locked, queries::lock_order(txn, company, id));
    BO_TRY_ASSIGN(std::optional<SalesOrder> order,
                  locked ? queries::select_order(txn, company, id)
                         : core::Result<std::optional<SalesOrder>>(std::nullopt));
    if (!order) {
        return Error(ErrorCode::not_found, "no such sales order");
    }
    return std::move(*order);
}

core::Result<SalesOrder> record_shipment(store::Txn& txn,
                                         const core::Clock& clock,
                                         const platform::Actor& actor,
                                         SalesOrderId id,
                                         std::span<const ShippedOrderLine> lines,
                                         std::string_view shipment_number) {
    BO_TRY_ASSIGN(SalesOrder order, lock_order_for_fulfilment(txn, actor.company, id));
    const OrderStatus from = order.status;
    if (from != OrderStatus::confirmed && from != OrderStatus::partly_shipped) {
        return Error(ErrorCode::conflict,
                     "order " + order.number + " is " + std::string(to_string(from))
                         + " and cannot ship");
    }
    std::vector<core::FieldError> errors;
    for (std::size_t index = 0; index < lines.size(); ++index) {
        BO_TRY(check_line(order, lines[index], index, errors));
    }
    if (!errors.empty()) {
        std::string message = "shipment: " + errors.front().field + ": " + errors.front().reason;
        return Error(ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    BO_TRY(apply_shipped(txn, actor.company, order, lines));
    bool all_shipped = true;
    for (const OrderLine& line : order.lines) {
        all_shipped = all_shipped && line.shipped_milli == line.quantity_milli;
    }
    order.status = all_shipped ? OrderStatus::shipped : OrderStatus::partly_shipped;
    order.version += 1;
    order.updated_at = clock.now();
    BO_TRY_ASSIGN(const bool saved, queries::update_order(txn, actor.company, order));
    if (!saved) {
        return Error(ErrorCode::conflict, "order " + order.number + " changed meanwhile");
    }
    const std::string detail = "shipment " + std::string(shipment_number);
    BO_TRY(queries::insert_event(
        txn,
        actor.company,
        order.id,
        OrderEvent{.seq = 0,
                   .at = clock.now(),
                   .user = actor.user.value() > 0 ? std::optional(actor.user) : std::nullopt,
                   .event = "shipped",
                   .from_status = std::string(to_string(from)),
                   .to_status = std::string(to_string(order.status)),
                   .detail = detail}));
    boost::json::object before{{"status", to_string(from)}};
    boost::json::object after{{"status", to_string(order.status)}, {"detail", detail}};
    BO_TRY(platform::audit::record(txn,
                                   clock,
                                   actor,
                                   {.action = "sales.order.shipped",
                                    .entity_type = std::string(order_document_type),
                                    .entity_id = order.id.to_string(),
                                    .changes = platform::audit::diff(before, after)}));
    return order;
}

}  // namespace bo::modules::sales
