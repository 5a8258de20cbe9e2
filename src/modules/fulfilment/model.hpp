// Fulfilment: the plain types of pick lists, shipments (with packages and billable lines) and
// customer returns (docs/fulfilment.md).
//
// Invariants:
// - a pick list line holds part of its order line's reservation (held_milli); the sum held over
//   an order line never exceeds its reserved quantity, so a reserved unit is on at most one
//   open pick list;
// - a shipment line ships at most what is reserved (and, from a pick list, what it holds);
//   its net and tax are the line's share with cumulative rounding, so that the shares of all
//   shipments of an order line add up to the line's amounts;
// - a returned quantity never exceeds shipped - already returned (authorised or received).
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "modules/inventory/stock.hpp"
#include "modules/sales/order_model.hpp"

namespace bo::modules::fulfilment {

struct PickListTag;
using PickListId = core::Id<PickListTag>;
struct ShipmentTag;
using ShipmentId = core::Id<ShipmentTag>;
struct ReturnTag;
using ReturnId = core::Id<ReturnTag>;

// 500 lines per pick list, shipment or return: a full trolley round or a truck's load; each is
// one request body and (for shipments) one ledger entry.
inline constexpr std::size_t document_lines_max = 500;
// 100 packages per shipment: a pallet's worth of parcels.
inline constexpr std::size_t packages_max = 100;
// 100 orders named by one pick-list request.
inline constexpr std::size_t pick_orders_max = 100;
inline constexpr std::size_t carrier_chars_max = 100;
inline constexpr std::size_t tracking_chars_max = 100;
inline constexpr std::size_t return_reason_chars_max = 500;
// 1,000 t and 100 m: bounds that keep the figures and their products far from overflow.
inline constexpr std::int64_t package_weight_grams_max = 1'000'000'000;
inline constexpr std::int64_t package_length_mm_max = 100'000;
// The shipped-by-month summary covers at most two years (a dashboard's chart): one grouped
// query over the shipments of that range.
inline constexpr std::int64_t shipped_summary_days_max = 731;

// Enumerators equal the stored and wire names.
enum class PickListStatus { open, picked, cancelled };
enum class ReturnStatus { authorised, received, cancelled };
enum class Disposition { restock, scrap };

std::string_view to_string(PickListStatus status) noexcept;
std::string_view to_string(ReturnStatus status) noexcept;
std::string_view to_string(Disposition disposition) noexcept;
[[nodiscard]] core::Result<PickListStatus> parse_pick_list_status(std::string_view text);
[[nodiscard]] core::Result<ReturnStatus> parse_return_status(std::string_view text);
[[nodiscard]] core::Result<Disposition> parse_disposition(std::string_view text,
                                                          std::string_view field);

struct PickListLine {
    std::int64_t line_number = 0;
    sales::SalesOrderId order{};
    std::string order_number;
    std::int64_t order_line_number = 0;
    inventory::ItemId item{};
    std::string sku;
    std::string description;
    std::string unit;
    std::string bin_code;  // "" when the item has no bin in the warehouse
    std::int64_t quantity_milli = 0;
    std::optional<std::int64_t> picked_milli;  // set when the list is picked
    std::int64_t shipped_milli = 0;
    std::int64_t held_milli = 0;
};

struct PickList {
    PickListId id{};
    std::string number;  // "PL-000042"
    inventory::WarehouseId warehouse{};
    PickListStatus status = PickListStatus::open;
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
    core::Instant updated_at{0};
    std::vector<PickListLine> lines;  // by bin, then SKU; empty in list answers
};

struct NewPickList {
    std::string warehouse;                     // the warehouse's code
    std::vector<sales::SalesOrderId> orders;  // empty: every shippable order of the warehouse
};

// What was picked of one line (lines not named are picked in full).
struct PickedLine {
    std::int64_t line_number = 0;
    std::int64_t picked_milli = 0;
};

struct Package {
    std::int64_t package_number = 0;
    std::optional<std::int64_t> weight_grams;
    std::optional<std::int64_t> length_mm;
    std::optional<std::int64_t> width_mm;
    std::optional<std::int64_t> height_mm;
};

struct ShipmentLine {
    std::int64_t line_number = 0;
    std::int64_t order_line_number = 0;
    std::optional<PickListId> pick_list;
    std::optional<std::int64_t> pick_line_number;
    inventory::ItemId item{};
    std::string sku;
    std::string description;
    std::string unit;
    std::int64_t quantity_milli = 0;
    core::Money unit_price;
    std::string discount_percent;
    std::optional<std::int64_t> tax_rate_id;
    std::string tax_percent;
    core::Money net;   // this shipment's share of the order line's net
    core::Money tax;   // and of its tax
    core::Money cost;  // what the goods cost (moving average), company currency
    std::int64_t returned_milli = 0;
    bool billable = true;
    std::optional<std::int64_t> invoice_id;  // set by billing (#7) once invoiced
};

struct Shipment {
    ShipmentId id{};
    std::string number;  // "SH-000042"
    sales::SalesOrderId order{};
    std::string order_number;
    inventory::WarehouseId warehouse{};
    std::optional<PickListId> pick_list;
    core::Date ship_date;
    std::string carrier;
    std::string service;
    std::string tracking_number;
    core::Currency currency;  // the order's
    core::Money cost;         // total cost of goods, company currency
    std::optional<std::int64_t> cogs_entry;
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
    std::vector<ShipmentLine> lines;
    std::vector<Package> packages;
};

// A line to ship: an order line and a quantity (nullopt: all it can ship).
struct ShipLine {
    std::int64_t order_line_number = 0;
    std::optional<std::int64_t> quantity_milli;
};

struct NewShipment {
    sales::SalesOrderId order{};
    std::optional<PickListId> pick_list;  // ship what this picked list holds for the order
    std::vector<ShipLine> lines;          // empty: everything it can ship
    std::vector<Package> packages;        // at least one
    std::optional<core::Date> ship_date;  // default: today (UTC)
    std::string carrier;
    std::string service;
    std::string tracking_number;
};

struct ReturnLine {
    std::int64_t line_number = 0;
    std::int64_t shipment_line_number = 0;
    inventory::ItemId item{};
    std::string sku;
    std::int64_t quantity_milli = 0;
    std::optional<Disposition> disposition;  // set when received
    core::Money cost;                        // company currency: what the goods left with
    core::Money net;                         // order currency: the credit billing owes
    core::Money tax;
    std::optional<std::int64_t> credit_note_id;  // set by billing once credited
};

struct CustomerReturn {
    ReturnId id{};
    std::string number;  // "RMA-000042"
    ShipmentId shipment{};
    std::string shipment_number;
    sales::SalesOrderId order{};
    ReturnStatus status = ReturnStatus::authorised;
    std::string reason;
    std::optional<core::Date> received_date;
    std::optional<std::int64_t> entry;        // the restock's entry (Dr inventory / Cr COGS)
    std::optional<std::int64_t> scrap_entry;  // the scrap's entry (Dr adjustments / Cr COGS)
    core::Currency currency;            // the order's
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
    core::Instant updated_at{0};
    std::vector<ReturnLine> lines;
};

struct NewReturnLine {
    std::int64_t shipment_line_number = 0;
    std::int64_t quantity_milli = 0;
};

struct NewReturn {
    ShipmentId shipment{};
    std::string reason;
    std::vector<NewReturnLine> lines;
};

// How each line of a return is received (lines not named are restocked).
struct ReceiveLine {
    std::int64_t line_number = 0;
    Disposition disposition = Disposition::restock;
};

struct ReceiveReturn {
    std::optional<core::Date> date;  // default: today (UTC)
    std::vector<ReceiveLine> lines;
};

// A shipped line billing has not invoiced, or a returned line it has not credited.
struct BillingLine {
    ShipmentId shipment{};
    std::string shipment_number;
    std::optional<ReturnId> return_id;
    std::string return_number;
    std::int64_t line_number = 0;  // of the shipment or the return
    sales::SalesOrderId order{};
    std::int64_t order_line_number = 0;
    inventory::ItemId item{};
    std::int64_t quantity_milli = 0;
    std::int64_t unit_price_minor = 0;
    std::string discount_percent;
    std::optional<std::int64_t> tax_rate_id;
    std::string tax_percent;
    core::Money net;
    core::Money tax;
};

// The shipments of one calendar month (of their ship date) in one currency: how many, for how
// many orders, and the net value shipped (the lines' shares of their order lines' net).
struct ShippedMonth {
    std::string month;  // YYYY-MM
    std::int64_t shipments = 0;
    std::int64_t orders = 0;
    core::Money net;
};

}  // namespace bo::modules::fulfilment
