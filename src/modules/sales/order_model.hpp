// Sales orders: the plain types of quotations and orders, their lines and history.
//
// An order belongs to one customer and ships from one warehouse; it is priced in the
// customer's currency. Quantities are thousandths of the item's unit (inventory::Quantity).
// Statuses: quotation -> entered -> (on_hold ->) confirmed -> partly_shipped -> shipped, and
// cancelled from any status before shipping (docs/sales.md, "Order states").
// Invariants of a line: 0 <= reserved + backordered <= quantity - shipped while the order is
// confirmed or partly shipped (reserved + backordered == quantity - shipped); both are 0 in the
// other statuses. net and tax are >= 0; the order's net/tax/total are the sums of its lines.
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
#include "modules/sales/model.hpp"

namespace bo::modules::sales {

struct SalesOrderTag;
using SalesOrderId = core::Id<SalesOrderTag>;

// 500 lines per order: a larger order is a contract with scheduled releases.
inline constexpr std::size_t order_lines_max = 500;
inline constexpr std::size_t customer_reference_chars_max = 100;
// Priorities -100..100: allocation serves higher first, then older orders.
inline constexpr std::int64_t order_priority_min = -100;
inline constexpr std::int64_t order_priority_max = 100;

// Enumerators equal the stored and wire names.
enum class OrderStatus {
    quotation,       // an offer; reserves nothing
    entered,         // an order taken, not yet confirmed
    on_hold,         // confirmation stopped by the credit check; waits for a release
    confirmed,       // stock reserved (fully or partly; the rest is backordered)
    partly_shipped,  // some lines or quantities shipped (fulfilment)
    shipped,         // everything shipped
    cancelled,       // reservations and backorders given back
};

std::string_view to_string(OrderStatus status) noexcept;

// Errors: invalid_argument (field "status").
[[nodiscard]] core::Result<OrderStatus> parse_order_status(std::string_view text);

enum class PriceSource {
    price_list,  // the customer's price list
    item,        // the item's own price (no price on the customer's list)
    override,    // given on the order by a holder of sales.manage
};

std::string_view to_string(PriceSource source) noexcept;

struct OrderLine {
    std::int64_t line_number = 0;  // 1, 2, ...
    inventory::ItemId item{};
    std::string sku;
    std::string unit;
    std::int64_t quantity_milli = 0;
    core::Money unit_price;
    PriceSource price_source = PriceSource::item;
    std::string discount_percent = "0";  // as given
    std::optional<TaxRateId> tax_rate;   // none: no tax (exempt customer or no rate)
    std::string tax_percent = "0";       // the rate applied, as stored on the rate
    core::Money net;                     // after discount, before tax
    core::Money tax;
    std::int64_t reserved_milli = 0;
    std::int64_t backordered_milli = 0;
    std::int64_t shipped_milli = 0;
};

struct SalesOrder {
    SalesOrderId id{};
    std::string number;  // "SO-000042"
    CustomerId customer{};
    std::string customer_number;
    inventory::WarehouseId warehouse{};
    OrderStatus status = OrderStatus::entered;
    core::Currency currency;
    core::Date order_date;
    std::int64_t priority = 0;
    std::optional<platform::auth::UserId> salesperson;
    platform::auth::UserId entered_by{};
    std::string customer_reference;
    std::string hold_reason;
    core::Money net;
    core::Money tax;
    core::Money total;
    core::Instant created_at{0};
    core::Instant updated_at{0};
    std::int64_t version = 1;
    std::vector<OrderLine> lines;  // empty in list answers
};

// A line as it comes from outside (not yet validated).
struct NewOrderLine {
    std::string sku;                        // the item (wire field "item")
    std::string quantity;                   // decimal text, at most the unit's decimals
    std::optional<std::string> unit_price;  // decimal text; a price override (sales.manage)
    std::string discount_percent = "0";     // 0..100, at most percent_decimals_max decimals
    std::optional<std::string> tax_code;    // else the item's tax code, else the default rate
};

struct NewOrder {
    std::string customer;                   // the customer's number
    std::string warehouse;                  // the code of the warehouse it ships from
    std::optional<std::string> order_date;  // YYYY-MM-DD; default: today (UTC)
    std::int64_t priority = 0;
    std::int64_t salesperson_id = 0;  // 0: the customer's salesperson, else whoever enters it
    std::string customer_reference;   // the customer's PO number
    bool quotation = false;           // enter as a quotation
    std::vector<NewOrderLine> lines;
};

// What each line can get: available now, and when the rest can ship.
struct LineAvailability {
    std::int64_t line_number = 0;
    std::int64_t available_milli = 0;     // of this line's quantity, what stock covers now
    std::int64_t short_milli = 0;         // the rest
    std::optional<core::Date> ship_from;  // when expected arrivals cover the rest (nullopt: none)
};

// One entry of an order's history.
struct OrderEvent {
    std::int64_t seq = 0;
    core::Instant at{0};
    std::optional<platform::auth::UserId> user;
    std::string event;  // "entered", "confirmed", "held", "released", "allocated", ...
    std::string from_status;
    std::string to_status;
    std::string detail;
};

struct OrderQuery {
    std::optional<OrderStatus> status;
    std::optional<std::string> customer;  // a customer number
    bool shippable_only = false;          // confirmed/partly shipped with reserved stock to ship
    SalesOrderId after_id{};
    std::int64_t limit = 50;
};

}  // namespace bo::modules::sales
