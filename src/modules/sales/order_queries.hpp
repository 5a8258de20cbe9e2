// The SQL of sales orders, their lines and history (bodies in order_queries.cpp). Callers have
// validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "modules/sales/order_model.hpp"
#include "store/database.hpp"

namespace bo::modules::sales::queries {

using platform::tenancy::CompanyId;

// The next order number of the company (1, 2, ...), counted in one row per company so that
// concurrent orders wait for each other instead of colliding.
[[nodiscard]] core::Result<std::int64_t> next_order_number(store::Txn& txn, CompanyId company);

// Inserts the header (id and lines ignored); answers the new id.
[[nodiscard]] core::Result<SalesOrderId> insert_order(store::Txn& txn,
                                                      CompanyId company,
                                                      const SalesOrder& order);

// Replaces the order's lines with `order.lines`.
[[nodiscard]] core::Result<void> replace_lines(store::Txn& txn,
                                               CompanyId company,
                                               const SalesOrder& order);

// Writes the header's status, amounts, hold reason and updated time, when its version is
// still `order.version - 1` (answers false when another transaction changed it meanwhile).
[[nodiscard]] core::Result<bool> update_order(store::Txn& txn,
                                              CompanyId company,
                                              const SalesOrder& order);

// Sets one line's reserved and backordered quantities.
[[nodiscard]] core::Result<void> update_line_stock(store::Txn& txn,
                                                   CompanyId company,
                                                   SalesOrderId order,
                                                   const OrderLine& line);

// Serialises confirmations of one customer's orders (PostgreSQL: the customer row is locked
// until commit; SQLite has one writer anyway).
[[nodiscard]] core::Result<void> lock_customer(store::Txn& txn,
                                               CompanyId company,
                                               CustomerId customer);

// The order with its lines (sku and unit from the items), or nullopt.
[[nodiscard]] core::Result<std::optional<SalesOrder>> select_order(store::Txn& txn,
                                                                   CompanyId company,
                                                                   SalesOrderId id);

// A page of orders (without lines) by id.
[[nodiscard]] core::Result<std::vector<SalesOrder>> select_orders(store::Txn& txn,
                                                                  CompanyId company,
                                                                  const OrderQuery& query);

// The sum of the totals of the customer's confirmed and partly shipped orders, except `except`.
[[nodiscard]] core::Result<std::int64_t> open_order_value(store::Txn& txn,
                                                          CompanyId company,
                                                          CustomerId customer,
                                                          SalesOrderId except);

[[nodiscard]] core::Result<void> insert_event(store::Txn& txn,
                                              CompanyId company,
                                              SalesOrderId order,
                                              const OrderEvent& event);
[[nodiscard]] core::Result<std::vector<OrderEvent>> select_events(store::Txn& txn,
                                                                  CompanyId company,
                                                                  SalesOrderId order);

// An open backordered line, for allocation.
struct BackorderedLine {
    SalesOrderId order{};
    std::int64_t line_number = 0;
    std::int64_t backordered_milli = 0;
};

// The backordered lines of confirmed or partly shipped orders for `item` in `warehouse`, in
// allocation order: higher priority first, then older orders, then line number.
[[nodiscard]] core::Result<std::vector<BackorderedLine>> select_backordered_lines(
    store::Txn& txn, CompanyId company, inventory::ItemId item, inventory::WarehouseId warehouse);

// Per item and warehouse, the sums of the reserved and backordered quantities of open lines
// (confirmed or partly shipped orders): what inventory's figures must equal.
struct OpenQuantities {
    inventory::ItemId item{};
    inventory::WarehouseId warehouse{};
    std::int64_t reserved_milli = 0;
    std::int64_t backordered_milli = 0;
};

[[nodiscard]] core::Result<std::vector<OpenQuantities>> select_open_quantities(store::Txn& txn,
                                                                               CompanyId company);

}  // namespace bo::modules::sales::queries
