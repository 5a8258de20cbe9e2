// What fulfilment asks of sales orders: a lock that serialises the fulfilment of one order, and
// the recording of a shipment on the order (reserved -> shipped, status, history, audit).
// Written by fulfilment (issue #6) beside orders.hpp so that orders.cpp stays the orders' own.
// Every function runs in the caller's transaction and never commits.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/result.hpp"
#include "modules/sales/order_model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::sales {

// The order with its lines, its row locked until the transaction ends (PostgreSQL; SQLite has
// one writer), so that pick lists and shipments of one order never interleave.
// Errors: not_found.
[[nodiscard]] core::Result<SalesOrder> lock_order_for_fulfilment(store::Txn& txn,
                                                                 platform::tenancy::CompanyId company,
                                                                 SalesOrderId id);

// One order line shipped: a stocked line ships out of its reservation; a line of a service
// item (which reserves nothing) ships out of what is not shipped yet.
struct ShippedOrderLine {
    std::int64_t line_number = 0;
    std::int64_t quantity_milli = 0;
    bool stocked = true;
};

// Records `lines` as shipped by `shipment_number`: reserved goes down and shipped up by each
// quantity; the order becomes shipped when every line is, else partly_shipped; a history event
// "shipped" and an audit event "sales.order.shipped". Inventory's own figures are moved by
// inventory::issue_reserved, which the caller runs in the same transaction.
// Errors: not_found; conflict unless the order is confirmed or partly shipped;
// invalid_argument ("lines/N/quantity") for a quantity <= 0 or over what the line can ship,
// ("lines/N/line_number") for an unknown line.
[[nodiscard]] core::Result<SalesOrder> record_shipment(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       const platform::Actor& actor,
                                                       SalesOrderId id,
                                                       std::span<const ShippedOrderLine> lines,
                                                       std::string_view shipment_number);

}  // namespace bo::modules::sales
