// Sales orders: entry (quotation or order) with prices, tax and availability; confirmation
// with a credit check, stock reservation and backorders; release of a credit hold; changes
// before shipping; cancellation; allocation of backorders when stock arrives; history.
//
// Rules (docs/sales.md):
// - Prices come from the customer's price list, else the item's own price; a line may give
//   `unit_price` (an override) only when the caller holds sales.manage.
// - Totals are computed per line and rounded per line (totals.hpp); the order's totals are the
//   sums of its lines.
// - Confirming runs the credit check: a customer on hold, overdue invoices (billing, #7), or
//   open orders + this order over the credit limit put the order on_hold with the reason;
//   otherwise every stocked line reserves what is available and backorders the rest.
// - Segregation of duties: entering or changing an order performs `sales.order_enter` on it;
//   releasing its credit hold performs `sales.credit_hold_release` (rule
//   sales.order_enter_and_credit_release), so the person who entered it cannot release it
//   without access.sod_override and a reason.
// - Allocation on arrival serves higher priority first, then older orders, line by line.
// Invariants: for an order confirmed or partly shipped, each stocked line's reserved +
// backordered == quantity - shipped, and inventory's reserved/backordered figures equal the
// sums over such lines; in every other status a line reserves and backorders nothing.
// Every change appends a history event and an audit event in the caller's transaction.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/inventory/stock.hpp"
#include "modules/sales/order_model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::sales {

// The document type and duties the segregation-of-duties rule knows orders by.
inline constexpr std::string_view order_document_type = "sales_order";
inline constexpr std::string_view order_enter_duty = "sales.order_enter";
inline constexpr std::string_view credit_release_duty = "sales.credit_hold_release";
// The permission a price override needs.
inline constexpr std::string_view price_override_permission = "sales.manage";

// An order as entered or changed, with what each line can get now and when.
struct EnteredOrder {
    SalesOrder order;
    std::vector<LineAvailability> availability;
};

// Enters a quotation or an order. Errors: invalid_argument naming every bad field
// ("customer", "warehouse", "order_date", "priority", "salesperson_id",
// "customer_reference", "lines", "lines/N/item", "lines/N/quantity", "lines/N/unit_price",
// "lines/N/discount_percent", "lines/N/tax_code"); forbidden when a line gives unit_price
// without sales.manage; limit_exceeded past order_lines_max lines.
[[nodiscard]] core::Result<EnteredOrder> create_order(store::Txn& txn,
                                                      const core::Clock& clock,
                                                      const platform::Caller& caller,
                                                      const NewOrder& input);

// Prices a new order and tells its availability without writing anything: every check of
// create_order (the API refuses bad input with 422 before anything is written).
// Errors: those of create_order.
[[nodiscard]] core::Result<EnteredOrder> check_order(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     const platform::Caller& caller,
                                                     const NewOrder& input);

// The order `id` with its new lines priced, without writing anything: every check of
// change_order. Errors: those of change_order.
[[nodiscard]] core::Result<SalesOrder> check_order_change(store::Txn& txn,
                                                          const platform::Caller& caller,
                                                          SalesOrderId id,
                                                          const NewOrder& input);

// Replaces the lines (and priority, customer reference) of an order not yet shipped; a
// confirmed order gives back its reservations and is confirmed again (credit check included);
// what it no longer needs is allocated to other orders' backorders.
// Errors: not_found; conflict when shipped, cancelled or changed meanwhile; those of
// create_order (its customer, warehouse and date do not change).
[[nodiscard]] core::Result<EnteredOrder> change_order(store::Txn& txn,
                                                      const core::Clock& clock,
                                                      const platform::Caller& caller,
                                                      SalesOrderId id,
                                                      const NewOrder& input);

// Confirms a quotation or an entered order (credit check, then reservation). Errors:
// not_found; conflict in any other status; those of inventory::reserve.
[[nodiscard]] core::Result<SalesOrder> confirm_order(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     const platform::Caller& caller,
                                                     SalesOrderId id);

// Releases an order's credit hold and reserves its stock. Errors: not_found; conflict when it
// is not on hold; forbidden (rule sales.order_enter_and_credit_release) when the caller entered
// or changed it, unless `override_reason` is given by a holder of access.sod_override.
[[nodiscard]] core::Result<SalesOrder> release_order(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Caller& caller,
    SalesOrderId id,
    const std::optional<std::string>& override_reason);

// Cancels an order not yet shipped, giving back its reservations and backorders; the stock it
// held is allocated to other orders' backorders (as allocate_arrivals does).
// Errors: not_found; conflict when shipped (partly), already cancelled or changed meanwhile;
// invalid_argument (field "reason") when over hold_reason_chars_max.
[[nodiscard]] core::Result<SalesOrder> cancel_order(store::Txn& txn,
                                                    const core::Clock& clock,
                                                    const platform::Caller& caller,
                                                    SalesOrderId id,
                                                    const std::string& reason);

// The order with its lines, or nullopt (also for another company's id).
[[nodiscard]] core::Result<std::optional<SalesOrder>> find_order(
    store::Txn& txn, platform::tenancy::CompanyId company, SalesOrderId id);

// What each line of `order` can get now and when the rest can ship (one stock_levels call for
// the whole order, expected_arrivals only for short lines).
[[nodiscard]] core::Result<std::vector<LineAvailability>> order_availability(
    store::Txn& txn, const platform::Actor& actor, const SalesOrder& order);

// A page of orders (without lines). Errors: invalid_argument / limit_exceeded ("limit").
[[nodiscard]] core::Result<std::vector<SalesOrder>> list_orders(
    store::Txn& txn, platform::tenancy::CompanyId company, const OrderQuery& query);

// The order's history, oldest first. Errors: not_found.
[[nodiscard]] core::Result<std::vector<OrderEvent>> order_history(
    store::Txn& txn, platform::tenancy::CompanyId company, SalesOrderId id);

// Allocates backorders of the arrived items, oldest order first (higher priority before),
// recording an "allocated" history event on each order served. Matches
// inventory::ArrivalListener. Errors: those of inventory::reserve / remove_backorder.
[[nodiscard]] core::Result<void> allocate_arrivals(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Actor& actor,
    std::span<const inventory::StockArrival> arrivals);

// The credit check's hook for receivables: why the customer's overdue invoices put its orders
// on hold on `today` (beyond the company's dunning policy: docs/receivables.md "Collections"),
// or "" when they do not. Defined by receivables (collections.cpp), which depends on sales.
[[nodiscard]] core::Result<std::string> overdue_hold_reason(store::Txn& txn,
                                                           platform::tenancy::CompanyId company,
                                                           CustomerId customer,
                                                           core::Date today);

}  // namespace bo::modules::sales
