// The SQL of fulfilment: pick lists, shipments, packages, returns and the billing hand-off
// (bodies in queries.cpp). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/fulfilment/model.hpp"
#include "store/database.hpp"

namespace bo::modules::fulfilment::queries {

using platform::tenancy::CompanyId;

// The next number of `kind` ("pick_list", "shipment", "return") in the company: 1, 2, ...
[[nodiscard]] core::Result<std::int64_t> next_number(store::Txn& txn,
                                                     CompanyId company,
                                                     std::string_view kind);

// --- Pick lists ---------------------------------------------------------------------------

// Inserts the list and its lines; answers the new id.
[[nodiscard]] core::Result<PickListId> insert_pick_list(store::Txn& txn,
                                                        CompanyId company,
                                                        const PickList& list);
[[nodiscard]] core::Result<std::optional<PickList>> select_pick_list(store::Txn& txn,
                                                                     CompanyId company,
                                                                     PickListId id);
// A page of lists (without lines) by id.
[[nodiscard]] core::Result<std::vector<PickList>> select_pick_lists(
    store::Txn& txn,
    CompanyId company,
    std::optional<PickListStatus> status,
    PickListId after,
    std::int64_t limit);
[[nodiscard]] core::Result<void> update_pick_list_status(store::Txn& txn,
                                                         CompanyId company,
                                                         const PickList& list);
// Writes a line's picked, shipped and held quantities.
[[nodiscard]] core::Result<void> update_pick_line(store::Txn& txn,
                                                  CompanyId company,
                                                  PickListId list,
                                                  const PickListLine& line);

// Per line of `order`, what pick lists hold of its reservation.
struct Held {
    std::int64_t order_line_number = 0;
    std::int64_t held_milli = 0;
};
[[nodiscard]] core::Result<std::vector<Held>> held_for_order(store::Txn& txn,
                                                             CompanyId company,
                                                             sales::SalesOrderId order);

// --- Shipments ----------------------------------------------------------------------------

[[nodiscard]] core::Result<ShipmentId> insert_shipment(store::Txn& txn,
                                                       CompanyId company,
                                                       const Shipment& shipment);
[[nodiscard]] core::Result<std::optional<Shipment>> select_shipment(store::Txn& txn,
                                                                    CompanyId company,
                                                                    ShipmentId id);
// A page of shipments (without lines and packages) by id, of one order and shipped on one
// date when given.
[[nodiscard]] core::Result<std::vector<Shipment>> select_shipments(
    store::Txn& txn,
    CompanyId company,
    std::optional<sales::SalesOrderId> order,
    ShipmentId after,
    std::int64_t limit,
    std::optional<core::Date> ship_date);
[[nodiscard]] core::Result<void> update_returned(store::Txn& txn,
                                                 CompanyId company,
                                                 ShipmentId shipment,
                                                 const ShipmentLine& line);

// --- Returns ------------------------------------------------------------------------------

[[nodiscard]] core::Result<ReturnId> insert_return(store::Txn& txn,
                                                   CompanyId company,
                                                   const CustomerReturn& customer_return);
[[nodiscard]] core::Result<std::optional<CustomerReturn>> select_return(store::Txn& txn,
                                                                        CompanyId company,
                                                                        ReturnId id);
[[nodiscard]] core::Result<std::vector<CustomerReturn>> select_returns(
    store::Txn& txn,
    CompanyId company,
    std::optional<ReturnStatus> status,
    ReturnId after,
    std::int64_t limit,
    std::optional<ShipmentId> shipment);
// Writes the status, received date, entry and update time, and each line's disposition.
[[nodiscard]] core::Result<void> update_return(store::Txn& txn,
                                               CompanyId company,
                                               const CustomerReturn& customer_return);

// --- Billing hand-off ---------------------------------------------------------------------

// Billable shipment lines not invoiced, by shipment and line, after `after_shipment`.
[[nodiscard]] core::Result<std::vector<BillingLine>> select_billable(store::Txn& txn,
                                                                     CompanyId company,
                                                                     ShipmentId after_shipment,
                                                                     std::int64_t limit);
// Received return lines not credited, by return and line, after `after_return`.
[[nodiscard]] core::Result<std::vector<BillingLine>> select_credit_due(store::Txn& txn,
                                                                       CompanyId company,
                                                                       ReturnId after_return,
                                                                       std::int64_t limit);
// Sets the invoice (credit note) marker of a line not yet marked; answers false otherwise.
[[nodiscard]] core::Result<bool> mark_invoiced(store::Txn& txn,
                                               CompanyId company,
                                               ShipmentId shipment,
                                               std::int64_t line_number,
                                               std::int64_t invoice_id);
[[nodiscard]] core::Result<bool> mark_credited(store::Txn& txn,
                                               CompanyId company,
                                               ReturnId customer_return,
                                               std::int64_t line_number,
                                               std::int64_t credit_note_id);

// Shipments grouped by month (YYYY-MM of the ship date) and currency in [from, to).
[[nodiscard]] core::Result<std::vector<ShippedMonth>> select_shipped_by_month(store::Txn& txn,
                                                                              CompanyId company,
                                                                              core::Date from,
                                                                              core::Date to);

}  // namespace bo::modules::fulfilment::queries
