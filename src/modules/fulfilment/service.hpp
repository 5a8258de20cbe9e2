// Fulfilment: pick lists, shipments and customer returns (docs/fulfilment.md).
//
// Rules:
// - A pick list is made for one warehouse from the reserved, not yet held quantities of
//   confirmed or partly shipped orders (all such orders of the warehouse, or those named); one
//   line per order line, sorted by bin, then SKU. Picking records what was found (short picks
//   give the rest back to the order's reservation for another list); cancelling gives back
//   everything the list still holds.
// - A shipment ships part or all of one order: what a picked list holds for it, or ("ship
//   now") what is reserved and not held by a pick list. In ONE transaction it issues the stock
//   (inventory::issue_reserved: moving-average cost, one COGS entry through ledger::post()),
//   records the shipment on the order (sales::record_shipment), stores the billable lines with
//   their share of net and tax, and audits. Lines of service items ship with the order's first
//   shipment (they reserve nothing and move no stock).
// - A return authorises shipped quantities (at most shipped - already returned) of one
//   shipment; receiving it restocks each line at the cost it left with (a receipt Dr inventory
//   / Cr COGS, then the arrival listener) or scraps it (Dr adjustments / Cr COGS); its lines
//   become credit due for billing.
// Every change is audited in the caller's transaction. check_* functions run every check of
// the change without writing anything (except a row lock), so that the API can refuse bad
// input with 422 before anything is written.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/fulfilment/model.hpp"
#include "modules/inventory/stock.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::fulfilment {

using platform::Actor;
using platform::tenancy::CompanyId;

// --- Pick lists -----------------------------------------------------------------------------

// Makes a pick list. Errors: invalid_argument ("warehouse" unknown; "orders/N" unknown, of
// another warehouse or not confirmed; "orders" when nothing is left to pick);
// limit_exceeded past document_lines_max lines.
[[nodiscard]] core::Result<PickList> create_pick_list(store::Txn& txn,
                                                      const core::Clock& clock,
                                                      const Actor& actor,
                                                      const NewPickList& input);

// Records what was picked (lines not named: all of it); the list becomes picked.
// Errors: not_found; conflict unless open; invalid_argument ("lines/N/line_number",
// "lines/N/picked" over the line's quantity).
[[nodiscard]] core::Result<void> check_pick(store::Txn& txn,
                                            const Actor& actor,
                                            PickListId id,
                                            std::span<const PickedLine> lines);
[[nodiscard]] core::Result<PickList> pick(store::Txn& txn,
                                          const core::Clock& clock,
                                          const Actor& actor,
                                          PickListId id,
                                          std::span<const PickedLine> lines);

// Cancels an open or picked list: what it still holds goes back to the orders' reservations.
// Errors: not_found; conflict when already cancelled.
[[nodiscard]] core::Result<PickList> cancel_pick_list(store::Txn& txn,
                                                      const core::Clock& clock,
                                                      const Actor& actor,
                                                      PickListId id);

[[nodiscard]] core::Result<std::optional<PickList>> find_pick_list(store::Txn& txn,
                                                                   CompanyId company,
                                                                   PickListId id);
// A page of lists (without lines) by id. Errors: invalid_argument / limit_exceeded ("limit").
[[nodiscard]] core::Result<std::vector<PickList>> list_pick_lists(
    store::Txn& txn,
    CompanyId company,
    std::optional<PickListStatus> status,
    PickListId after,
    std::int64_t limit);

// --- Shipments ------------------------------------------------------------------------------

// Ships (part of) an order. Errors: not_found (order, pick list); conflict when the order is
// not confirmed or partly shipped or the pick list is not picked; invalid_argument ("lines",
// "lines/N/line_number", "lines/N/quantity" over what is reserved or picked, "packages",
// "packages/N/...", "carrier", "service", "tracking_number"); those of
// inventory::issue_reserved and ledger::post().
[[nodiscard]] core::Result<void> check_shipment(store::Txn& txn,
                                                const core::Clock& clock,
                                                const Actor& actor,
                                                const NewShipment& input);
[[nodiscard]] core::Result<Shipment> ship(store::Txn& txn,
                                          const core::Clock& clock,
                                          const Actor& actor,
                                          const NewShipment& input);

[[nodiscard]] core::Result<std::optional<Shipment>> find_shipment(store::Txn& txn,
                                                                  CompanyId company,
                                                                  ShipmentId id);
// A page of shipments by id: of one order when `order` is given, shipped on `ship_date` when
// that is given. Errors: limit_exceeded / invalid_argument on the page size.
[[nodiscard]] core::Result<std::vector<Shipment>> list_shipments(
    store::Txn& txn,
    CompanyId company,
    std::optional<sales::SalesOrderId> order,
    ShipmentId after,
    std::int64_t limit,
    std::optional<core::Date> ship_date = std::nullopt);

// The packing slip of a shipment as an A4 PDF (company, ship-to address, order and customer
// reference, lines, packages and weights, carrier and tracking). Errors: not_found; internal
// when the PDF cannot be rendered.
[[nodiscard]] core::Result<std::string> packing_slip_pdf(store::Txn& txn,
                                                         CompanyId company,
                                                         ShipmentId id);

// --- Returns --------------------------------------------------------------------------------

// Authorises a return of shipped lines. Errors: not_found (shipment); invalid_argument
// ("lines", "lines/N/shipment_line", "lines/N/quantity" over shipped - returned, "reason").
[[nodiscard]] core::Result<void> check_return(store::Txn& txn,
                                              const Actor& actor,
                                              const NewReturn& input);
[[nodiscard]] core::Result<CustomerReturn> authorise_return(store::Txn& txn,
                                                            const core::Clock& clock,
                                                            const Actor& actor,
                                                            const NewReturn& input);

// Receives an authorised return: each line restocked (then `on_arrival` runs) or scrapped.
// Errors: not_found; conflict unless authorised; invalid_argument ("lines/N/line_number",
// "date"); those of inventory::receive and ledger::post().
[[nodiscard]] core::Result<CustomerReturn> receive_return(
    store::Txn& txn,
    const core::Clock& clock,
    const Actor& actor,
    ReturnId id,
    const ReceiveReturn& input,
    const inventory::ArrivalListener& on_arrival);

// Cancels an authorised return (its quantities may be returned again). Errors: not_found;
// conflict unless authorised.
[[nodiscard]] core::Result<CustomerReturn> cancel_return(store::Txn& txn,
                                                         const core::Clock& clock,
                                                         const Actor& actor,
                                                         ReturnId id);

[[nodiscard]] core::Result<std::optional<CustomerReturn>> find_return(store::Txn& txn,
                                                                      CompanyId company,
                                                                      ReturnId id);
// A page of returns by id: in one status and of one shipment when given.
[[nodiscard]] core::Result<std::vector<CustomerReturn>> list_returns(
    store::Txn& txn,
    CompanyId company,
    std::optional<ReturnStatus> status,
    ReturnId after,
    std::int64_t limit,
    std::optional<ShipmentId> shipment = std::nullopt);

// --- Billing hand-off (#7) ------------------------------------------------------------------

// Shipped lines billing has not invoiced, of the first `limit` shipments after `after`.
[[nodiscard]] core::Result<std::vector<BillingLine>> list_billable(store::Txn& txn,
                                                                   CompanyId company,
                                                                   ShipmentId after,
                                                                   std::int64_t limit);
// Received return lines billing has not credited, of the first `limit` returns after `after`.
[[nodiscard]] core::Result<std::vector<BillingLine>> list_credit_due(store::Txn& txn,
                                                                     CompanyId company,
                                                                     ReturnId after,
                                                                     std::int64_t limit);

// Billing marks a shipped line invoiced / a returned line credited, in its own transaction
// with the invoice. Errors: conflict when the line is unknown or already marked.
[[nodiscard]] core::Result<void> mark_invoiced(store::Txn& txn,
                                               const core::Clock& clock,
                                               const Actor& actor,
                                               ShipmentId shipment,
                                               std::int64_t line_number,
                                               std::int64_t invoice_id);
[[nodiscard]] core::Result<void> mark_credited(store::Txn& txn,
                                               const core::Clock& clock,
                                               const Actor& actor,
                                               ReturnId customer_return,
                                               std::int64_t line_number,
                                               std::int64_t credit_note_id);

// Shipments by month of their ship date in [from, to), per currency, oldest month first.
// Errors: invalid_argument ("to") when to <= from or the range is longer than
// shipped_summary_days_max days.
[[nodiscard]] core::Result<std::vector<ShippedMonth>> shipped_by_month(store::Txn& txn,
                                                                       CompanyId company,
                                                                       core::Date from,
                                                                       core::Date to);

}  // namespace bo::modules::fulfilment
