// Sales orders (orders.hpp): entry and pricing, confirmation, holds, changes, cancellation,
// allocation on arrival.
#include "modules/sales/orders.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <utility>

#include <boost/json.hpp>

#include "core/assert.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/inventory/service.hpp"
#include "modules/sales/order_queries.hpp"
#include "modules/sales/shipping_queries.hpp"
#include "modules/sales/pricing.hpp"
#include "modules/sales/pricing_queries.hpp"
#include "modules/sales/queries.hpp"
#include "modules/sales/service.hpp"
#include "modules/sales/totals.hpp"
#include "platform/access/segregation.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/service.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::sales {
namespace {

using core::Error;
using core::ErrorCode;
using platform::tenancy::CompanyId;
using platform::tenancy::FieldChecks;

constexpr std::array<std::string_view, 7> status_names{
    "quotation", "entered", "on_hold", "confirmed", "partly_shipped", "shipped", "cancelled"};
constexpr std::array<std::string_view, 3> price_source_names{"price_list", "item", "override"};
constexpr int order_number_digits = 6;

std::string line_field(std::size_t index, std::string_view name) {
    return "lines/" + std::to_string(index) + "/" + std::string(name);
}

std::string order_number(std::int64_t sequence) {
    std::string digits = std::to_string(sequence);
    if (digits.size() < static_cast<std::size_t>(order_number_digits)) {
        digits.insert(0, static_cast<std::size_t>(order_number_digits) - digits.size(), '0');
    }
    return "SO-" + digits;
}

// What a new order's lines are priced and taxed with.
struct PricingContext {
    CompanyId company{};
    const Customer* customer = nullptr;
    std::optional<PriceList> price_list;
    bool may_override = false;
};

TaxInclusion inclusion(const PricingContext& context) {
    return context.price_list ? context.price_list->prices : TaxInclusion::exclusive;
}

// The unit price of `item` for the customer (list, item or override), or a field error.
core::Result<std::pair<core::Money, PriceSource>> unit_price(store::Txn& txn,
                                                             const PricingContext& context,
                                                             const inventory::Item& item,
                                                             const NewOrderLine& input,
                                                             std::size_t index) {
    const core::Currency currency = context.customer->currency;
    const std::string field = line_field(index, "unit_price");
    if (input.unit_price) {
        if (!context.may_override) {
            return Error(ErrorCode::forbidden,
                         field + ": a price override needs the permission "
                             + std::string(price_override_permission));
        }
        core::Result<core::Money> price = core::Money::parse(*input.unit_price, currency);
        if (!price || price->minor < 0) {
            return Error::invalid(
                field, "must be an amount of at least 0 in " + std::string(currency.code()));
        }
        return std::pair(*price, PriceSource::override);
    }
    if (context.price_list) {
        BO_TRY_ASSIGN(const std::optional<std::int64_t> listed,
                      queries::select_price(txn, context.company, context.price_list->id, item.id));
        if (listed) {
            return std::pair(core::Money{*listed, currency}, PriceSource::price_list);
        }
    }
    if (item.price.currency != currency) {
        return Error::invalid(field,
                              "item " + item.sku + " is priced in "
                                  + std::string(item.price.currency.code())
                                  + " and has no price in " + std::string(currency.code())
                                  + " on the customer's list; give a unit_price");
    }
    return std::pair(item.price, PriceSource::item);
}

// Prices one line; field errors go to `errors` (answers nullopt then). Other errors return.
core::Result<std::optional<OrderLine>> price_line(store::Txn& txn,
                                                  const PricingContext& context,
                                                  const NewOrderLine& input,
                                                  std::size_t index,
                                                  std::vector<core::FieldError>& errors) {
    const auto field_error = [&](const Error& error) -> core::Result<std::optional<OrderLine>> {
        if (error.code() != ErrorCode::invalid_argument || error.fields().empty()) {
            return error;
        }
        errors.insert(errors.end(), error.fields().begin(), error.fields().end());
        return std::optional<OrderLine>();
    };
    BO_TRY_ASSIGN(const std::optional<inventory::Item> item,
                  inventory::find_item(txn, context.company, input.sku));
    if (!item || !item->active) {
        errors.push_back({line_field(index, "item"),
                          item ? "is an inactive item" : "is not an item of this company"});
        return std::optional<OrderLine>();
    }
    core::Result<inventory::Quantity> quantity =
        inventory::parse_quantity(input.quantity, item->unit, line_field(index, "quantity"));
    core::Result<core::Rational> discount =
        parse_percent(input.discount_percent, line_field(index, "discount_percent"));
    core::Result<std::pair<core::Money, PriceSource>> price =
        unit_price(txn, context, *item, input, index);
    core::Result<std::optional<TaxRate>> rate = tax_rate_for(txn,
                                                             context.company,
                                                             context.customer->tax_category,
                                                             item->id,
                                                             input.tax_code,
                                                             line_field(index, "tax_code"));
    bool failed = false;
    for (const Error* error : {quantity ? nullptr : &quantity.error(),
                               discount ? nullptr : &discount.error(),
                               price ? nullptr : &price.error(),
                               rate ? nullptr : &rate.error()}) {
        if (error != nullptr) {
            BO_TRY(field_error(*error));
            failed = true;
        }
    }
    if (failed) {
        return std::optional<OrderLine>();
    }
    const core::Rational tax_percent = *rate ? (**rate).percent : core::Rational{0, 1};
    core::Result<LineAmounts> amounts = line_amounts(price->first,
                                                     quantity->milli,
                                                     *discount,
                                                     tax_percent,
                                                     inclusion(context),
                                                     line_field(index, "unit_price"));
    if (!amounts) {
        return field_error(amounts.error());
    }
    return std::optional(OrderLine{.line_number = static_cast<std::int64_t>(index + 1),
                                   .item = item->id,
                                   .sku = item->sku,
                                   .unit = item->unit,
                                   .quantity_milli = quantity->milli,
                                   .unit_price = price->first,
                                   .price_source = price->second,
                                   .discount_percent = input.discount_percent,
                                   .tax_rate = *rate ? std::optional((**rate).id) : std::nullopt,
                                   .tax_percent = *rate ? (**rate).rate_percent : "0",
                                   .net = amounts->net,
                                   .tax = amounts->tax,
                                   .reserved_milli = 0,
                                   .backordered_milli = 0,
                                   .shipped_milli = 0});
}

// Prices every line and sums the order; every bad field is reported at once.
core::Result<void> price_order(store::Txn& txn,
                               const PricingContext& context,
                               const std::vector<NewOrderLine>& inputs,
                               std::vector<core::FieldError> errors,
                               SalesOrder& order) {
    if (inputs.size() > order_lines_max) {
        return Error(ErrorCode::limit_exceeded,
                     "an order has at most " + std::to_string(order_lines_max) + " lines");
    }
    if (inputs.empty()) {
        errors.push_back({"lines", "must have at least one line"});
    }
    order.lines.clear();
    for (std::size_t index = 0; index < inputs.size(); ++index) {
        BO_TRY_ASSIGN(std::optional<OrderLine> line,
                      price_line(txn, context, inputs[index], index, errors));
        if (line) {
            order.lines.push_back(std::move(*line));
        }
    }
    core::Money net = core::Money::zero(order.currency);
    core::Money tax = core::Money::zero(order.currency);
    for (const OrderLine& line : order.lines) {
        core::Result<core::Money> net_sum = core::add(net, line.net);
        core::Result<core::Money> tax_sum = core::add(tax, line.tax);
        if (!net_sum || !tax_sum) {
            errors.push_back({"lines", "the order total is too large to compute"});
            break;
        }
        net = *net_sum;
        tax = *tax_sum;
    }
    core::Result<core::Money> total = core::add(net, tax);
    if (!total) {
        errors.push_back({"lines", "the order total is too large to compute"});
    }
    if (!errors.empty()) {
        std::string message = "sales order: " + errors.front().field + ": " + errors.front().reason;
        return Error(ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    order.net = net;
    order.tax = tax;
    order.total = *total;
    return core::ok();
}

core::Result<PricingContext> pricing_context(store::Txn& txn,
                                             const platform::Caller& caller,
                                             const Customer& customer) {
    PricingContext context{.company = caller.actor.company,
                           .customer = &customer,
                           .price_list = std::nullopt,
                           .may_override = caller.permissions.contains(price_override_permission)};
    if (customer.price_list) {
        BO_TRY_ASSIGN(context.price_list,
                      queries::select_price_list(txn, caller.actor.company, *customer.price_list));
    }
    return context;
}

std::string document_id(SalesOrderId id) {
    return id.to_string();
}

core::Result<void> perform(store::Txn& txn,
                           const core::Clock& clock,
                           const platform::Caller& caller,
                           std::string_view duty,
                           SalesOrderId id,
                           const std::optional<std::string>& override_reason) {
    const std::string document = document_id(id);
    return platform::access::perform_duty(
        txn, clock, caller, duty, {order_document_type, document}, override_reason);
}

core::Result<void> record(store::Txn& txn,
                          const core::Clock& clock,
                          const platform::Actor& actor,
                          const SalesOrder& order,
                          std::string event,
                          OrderStatus from,
                          std::string detail) {
    const OrderEvent entry{
        .seq = 0,
        .at = clock.now(),
        .user = actor.user.value() > 0 ? std::optional(actor.user) : std::nullopt,
        .event = event,
        .from_status = std::string(to_string(from)),
        .to_status = std::string(to_string(order.status)),
        .detail = detail};
    BO_TRY(queries::insert_event(txn, actor.company, order.id, entry));
    boost::json::object changes{{"status", to_string(order.status)},
                                {"total", order.total.format()},
                                {"currency", order.currency.code()},
                                {"lines", static_cast<std::int64_t>(order.lines.size())}};
    if (!detail.empty()) {
        changes["detail"] = detail;
    }
    boost::json::object before;
    if (event != "entered" && event != "quoted") {
        before["status"] = to_string(from);
    }
    return platform::audit::record(txn,
                                   clock,
                                   actor,
                                   {.action = "sales.order." + event,
                                    .entity_type = std::string(order_document_type),
                                    .entity_id = order.id.to_string(),
                                    .changes = platform::audit::diff(before, changes)});
}

// Writes the header (next version). Errors: conflict when changed meanwhile.
core::Result<void> save_header(store::Txn& txn,
                               const core::Clock& clock,
                               CompanyId company,
                               SalesOrder& order) {
    order.version += 1;
    order.updated_at = clock.now();
    BO_TRY_ASSIGN(const bool saved, queries::update_order(txn, company, order));
    if (!saved) {
        return Error(ErrorCode::conflict, "order " + order.number + " changed meanwhile");
    }
    return core::ok();
}

core::Result<SalesOrder> existing_order(store::Txn& txn, CompanyId company, SalesOrderId id) {
    BO_TRY_ASSIGN(std::optional<SalesOrder> order, queries::select_order(txn, company, id));
    if (!order) {
        return Error(ErrorCode::not_found, "no such sales order");
    }
    return std::move(*order);
}

// The order, locked for this transaction before it is read (PostgreSQL: its row; SQLite has
// one writer anyway): two requests changing one order — a cancel whose freed stock is
// allocated to another order while that order is being confirmed or cancelled — then wait for
// each other instead of one failing with "changed meanwhile".
core::Result<SalesOrder> order_for_change(store::Txn& txn, CompanyId company, SalesOrderId id) {
    BO_TRY_ASSIGN(const bool exists, queries::lock_order(txn, company, id));
    if (!exists) {
        return Error(ErrorCode::not_found, "no such sales order");
    }
    return existing_order(txn, company, id);
}

// Refuses an order that has shipped (partly) or is cancelled: conflict "order N is <status>
// and <what>".
core::Result<void> check_not_shipped(const SalesOrder& order, std::string_view what) {
    const OrderStatus status = order.status;
    if (status == OrderStatus::partly_shipped || status == OrderStatus::shipped
        || status == OrderStatus::cancelled) {
        return Error(ErrorCode::conflict,
                     "order " + order.number + " is " + std::string(to_string(status)) + " and "
                         + std::string(what));
    }
    return core::ok();
}

bool reserves_stock(OrderStatus status) {
    return status == OrderStatus::confirmed || status == OrderStatus::partly_shipped;
}

// The line indexes in item order, so that concurrent orders lock stock rows in one order.
std::vector<std::size_t> by_item(const SalesOrder& order) {
    std::vector<std::size_t> indexes(order.lines.size());
    std::iota(indexes.begin(), indexes.end(), std::size_t{0});
    std::stable_sort(indexes.begin(), indexes.end(), [&](std::size_t a, std::size_t b) {
        return order.lines[a].item.value() < order.lines[b].item.value();
    });
    return indexes;
}

// Reserves what each stocked line still needs and backorders the rest. Answers the lines
// fully reserved.
core::Result<std::size_t> reserve_lines(store::Txn& txn,
                                        const platform::Actor& actor,
                                        SalesOrder& order,
                                        const std::map<inventory::ItemId, bool>& stocked) {
    std::size_t full = 0;
    for (const std::size_t index : by_item(order)) {
        OrderLine& line = order.lines[index];
        if (!stocked.at(line.item)) {
            ++full;
            continue;
        }
        const std::int64_t needed =
            line.quantity_milli - line.shipped_milli - line.reserved_milli - line.backordered_milli;
        BO_ASSERT(needed >= 0);
        if (needed == 0) {
            continue;
        }
        BO_TRY_ASSIGN(const inventory::Quantity got,
                      inventory::reserve(txn, actor, line.item, order.warehouse, {needed}));
        BO_ASSERT(got.milli >= 0 && got.milli <= needed);
        line.reserved_milli += got.milli;
        if (got.milli < needed) {
            BO_TRY(inventory::add_backorder(
                txn, actor, line.item, order.warehouse, {needed - got.milli}));
            line.backordered_milli += needed - got.milli;
        } else {
            ++full;
        }
        BO_TRY(queries::update_line_stock(txn, actor.company, order.id, line));
    }
    return full;
}

// Gives back every line's reservation and backorder.
core::Result<void> release_lines(store::Txn& txn, const platform::Actor& actor, SalesOrder& order) {
    for (const std::size_t index : by_item(order)) {
        OrderLine& line = order.lines[index];
        if (line.reserved_milli > 0) {
            BO_TRY(
                inventory::release(txn, actor, line.item, order.warehouse, {line.reserved_milli}));
        }
        if (line.backordered_milli > 0) {
            BO_TRY(inventory::remove_backorder(
                txn, actor, line.item, order.warehouse, {line.backordered_milli}));
        }
        if (line.reserved_milli > 0 || line.backordered_milli > 0) {
            line.reserved_milli = 0;
            line.backordered_milli = 0;
            BO_TRY(queries::update_line_stock(txn, actor.company, order.id, line));
        }
    }
    return core::ok();
}

// The items whose reservations `order` holds, as arrivals: what a release makes available to
// other orders' backorders.
std::vector<inventory::StockArrival> reserved_items(const SalesOrder& order) {
    std::vector<inventory::StockArrival> items;
    for (const OrderLine& line : order.lines) {
        const bool seen = std::any_of(
            items.begin(), items.end(), [&](const auto& item) { return item.item == line.item; });
        if (line.reserved_milli > 0 && !seen) {
            items.push_back({.item = line.item, .warehouse = order.warehouse});
        }
    }
    return items;
}

// Whether each item of the order is stocked (service items reserve nothing).
core::Result<std::map<inventory::ItemId, bool>> stocked_items(store::Txn& txn,
                                                              CompanyId company,
                                                              const SalesOrder& order) {
    std::map<inventory::ItemId, bool> stocked;
    for (const OrderLine& line : order.lines) {
        if (stocked.contains(line.item)) {
            continue;
        }
        BO_TRY_ASSIGN(const auto item, inventory::find_item(txn, company, line.sku));
        stocked.emplace(line.item, item && item->kind == inventory::ItemKind::stocked);
    }
    return stocked;
}

// The credit check: the reason to hold the order, or "" to confirm it.
core::Result<std::string> credit_hold_reason(store::Txn& txn,
                                             CompanyId company,
                                             const SalesOrder& order,
                                             core::Date today) {
    BO_TRY(queries::lock_customer(txn, company, order.customer));
    BO_TRY_ASSIGN(const std::optional<Customer> customer,
                  queries::select_customer(txn, company, order.customer));
    BO_ASSERT(customer.has_value());
    if (customer->status == CustomerStatus::on_hold) {
        return "customer " + customer->number + " is on hold"
               + (customer->hold_reason.empty() ? "" : ": " + customer->hold_reason);
    }
    BO_TRY_ASSIGN(const std::string overdue,
                  overdue_hold_reason(txn, company, customer->id, today));
    if (!overdue.empty()) {
        return "customer " + customer->number + " is on credit hold: " + overdue;
    }
    BO_TRY_ASSIGN(const std::int64_t open,
                  queries::open_order_value(txn, company, customer->id, order.id));
    const core::Result<core::Money> exposure =
        core::add(core::Money{open, order.currency}, order.total);
    if (!exposure || exposure->minor > customer->credit_limit.minor) {
        return "credit limit " + customer->credit_limit.format() + " "
               + std::string(order.currency.code()) + " exceeded: open orders "
               + core::Money{open, order.currency}.format() + " + this order "
               + order.total.format();
    }
    return std::string();
}

// Runs the credit check and either holds the order or reserves its stock. `from` is the
// status before (for the history).
core::Result<void> confirm_or_hold(store::Txn& txn,
                                   const core::Clock& clock,
                                   const platform::Actor& actor,
                                   SalesOrder& order,
                                   OrderStatus from) {
    BO_TRY_ASSIGN(const std::string reason,
                  credit_hold_reason(txn, actor.company, order,
                                     core::business_date(clock.now(), core::TimeZone::utc())));
    if (!reason.empty()) {
        order.status = OrderStatus::on_hold;
        order.hold_reason = reason;
        BO_TRY(save_header(txn, clock, actor.company, order));
        return record(txn, clock, actor, order, "held", from, reason);
    }
    BO_TRY_ASSIGN(const auto stocked, stocked_items(txn, actor.company, order));
    BO_TRY_ASSIGN(const std::size_t full, reserve_lines(txn, actor, order, stocked));
    order.status = OrderStatus::confirmed;
    order.hold_reason.clear();
    BO_TRY(save_header(txn, clock, actor.company, order));
    return record(txn,
                  clock,
                  actor,
                  order,
                  "confirmed",
                  from,
                  std::to_string(full) + " of " + std::to_string(order.lines.size())
                      + " lines fully reserved");
}

// The customer and warehouse of a new order.
struct OrderHeader {
    Customer customer;
    inventory::WarehouseId warehouse{};
};

// The header checks of a new order: field errors go to `errors`; an unknown customer ends the
// checks (its lines cannot be priced) with every error found so far.
core::Result<OrderHeader> check_header(store::Txn& txn,
                                       const platform::Caller& caller,
                                       const NewOrder& input,
                                       std::vector<core::FieldError>& errors) {
    const CompanyId company = caller.actor.company;
    FieldChecks checks;
    checks.in_range("priority", input.priority, order_priority_min, order_priority_max);
    checks.optional_text(
        "customer_reference", input.customer_reference, customer_reference_chars_max);
    core::Result<void> checked = std::move(checks).finish("sales order");
    if (!checked) {
        errors = checked.error().fields();
    }
    if (input.salesperson_id != 0) {
        BO_TRY_ASSIGN(const auto user,
                      platform::auth::find_user_by_id(
                          txn, company, platform::auth::UserId(input.salesperson_id)));
        if (!user) {
            errors.push_back({"salesperson_id", "is not a user of this company"});
        }
    }
    BO_TRY_ASSIGN(const std::optional<inventory::Warehouse> warehouse,
                  inventory::find_warehouse_by_code(txn, company, input.warehouse));
    if (!warehouse || !warehouse->active) {
        errors.push_back({"warehouse", "is not an active warehouse code of this company"});
    }
    BO_TRY_ASSIGN(const std::optional<Customer> customer,
                  queries::select_customer_by_number(txn, company, input.customer));
    if (!customer) {
        errors.push_back({"customer", "is not a customer number of this company"});
        std::string message = "sales order: " + errors.front().field + ": " + errors.front().reason;
        return Error(ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    return OrderHeader{.customer = *customer,
                       .warehouse = warehouse ? warehouse->id : inventory::WarehouseId()};
}

EnteredOrder entered(SalesOrder order, std::vector<LineAvailability> availability) {
    return EnteredOrder{.order = std::move(order), .availability = std::move(availability)};
}

}  // namespace

std::string_view to_string(OrderStatus status) noexcept {
    return status_names.at(static_cast<std::size_t>(status));
}

core::Result<OrderStatus> parse_order_status(std::string_view text) {
    for (std::size_t index = 0; index < status_names.size(); ++index) {
        if (status_names.at(index) == text) {
            return static_cast<OrderStatus>(index);
        }
    }
    return Error::invalid("status",
                          "must be one of quotation, entered, on_hold, confirmed, "
                          "partly_shipped, shipped, cancelled");
}

std::string_view to_string(PriceSource source) noexcept {
    return price_source_names.at(static_cast<std::size_t>(source));
}

core::Result<EnteredOrder> check_order(store::Txn& txn,
                                       const core::Clock& clock,
                                       const platform::Caller& caller,
                                       const NewOrder& input) {
    const platform::Actor& actor = caller.actor;
    std::vector<core::FieldError> errors;
    BO_TRY_ASSIGN(const OrderHeader header, check_header(txn, caller, input, errors));
    const Customer& customer = header.customer;
    const core::Instant now = clock.now();
    core::Date date = core::business_date(now, core::TimeZone::utc());
    if (input.order_date) {
        core::Result<core::Date> parsed = core::Date::parse(*input.order_date);
        if (parsed) {
            date = *parsed;
        } else {
            errors.push_back({"order_date", "must be a date YYYY-MM-DD"});
        }
    }
    std::optional<platform::auth::UserId> salesperson =
        input.salesperson_id != 0 ? std::optional(platform::auth::UserId(input.salesperson_id))
                                  : customer.salesperson;
    SalesOrder order{.id = {},
                     .number = {},
                     .customer = customer.id,
                     .customer_number = customer.number,
                     .warehouse = header.warehouse,
                     .status = input.quotation ? OrderStatus::quotation : OrderStatus::entered,
                     .currency = customer.currency,
                     .order_date = date,
                     .priority = input.priority,
                     .salesperson = salesperson ? salesperson : std::optional(actor.user),
                     .entered_by = actor.user,
                     .customer_reference = input.customer_reference,
                     .hold_reason = {},
                     .net = core::Money::zero(customer.currency),
                     .tax = core::Money::zero(customer.currency),
                     .total = core::Money::zero(customer.currency),
                     .created_at = now,
                     .updated_at = now,
                     .version = 1,
                     .lines = {}};
    BO_TRY_ASSIGN(const PricingContext context, pricing_context(txn, caller, customer));
    BO_TRY(price_order(txn, context, input.lines, std::move(errors), order));
    BO_TRY_ASSIGN(const std::vector<LineAvailability> availability,
                  order_availability(txn, actor, order));
    return entered(std::move(order), availability);
}

core::Result<EnteredOrder> create_order(store::Txn& txn,
                                        const core::Clock& clock,
                                        const platform::Caller& caller,
                                        const NewOrder& input) {
    const platform::Actor& actor = caller.actor;
    BO_TRY_ASSIGN(EnteredOrder checked, check_order(txn, clock, caller, input));
    SalesOrder& order = checked.order;
    BO_TRY_ASSIGN(const std::int64_t sequence, queries::next_order_number(txn, actor.company));
    order.number = order_number(sequence);
    BO_TRY_ASSIGN(order.id, queries::insert_order(txn, actor.company, order));
    BO_TRY(queries::replace_lines(txn, actor.company, order));
    BO_TRY(perform(txn, clock, caller, order_enter_duty, order.id, std::nullopt));
    BO_TRY(record(txn,
                  clock,
                  actor,
                  order,
                  input.quotation ? "quoted" : "entered",
                  order.status,
                  order.number));
    return checked;
}

core::Result<SalesOrder> check_order_change(store::Txn& txn,
                                            const platform::Caller& caller,
                                            SalesOrderId id,
                                            const NewOrder& input) {
    const platform::Actor& actor = caller.actor;
    BO_TRY_ASSIGN(SalesOrder order, existing_order(txn, actor.company, id));
    BO_TRY(check_not_shipped(order, "can no longer change"));
    FieldChecks checks;
    checks.in_range("priority", input.priority, order_priority_min, order_priority_max);
    checks.optional_text(
        "customer_reference", input.customer_reference, customer_reference_chars_max);
    core::Result<void> checked = std::move(checks).finish("sales order");
    std::vector<core::FieldError> errors =
        checked ? std::vector<core::FieldError>() : checked.error().fields();
    BO_TRY_ASSIGN(const std::optional<Customer> customer,
                  queries::select_customer(txn, actor.company, order.customer));
    BO_ASSERT(customer.has_value());
    BO_TRY_ASSIGN(const PricingContext context, pricing_context(txn, caller, *customer));
    BO_TRY(price_order(txn, context, input.lines, std::move(errors), order));
    order.priority = input.priority;
    order.customer_reference = input.customer_reference;
    return order;
}

core::Result<EnteredOrder> change_order(store::Txn& txn,
                                        const core::Clock& clock,
                                        const platform::Caller& caller,
                                        SalesOrderId id,
                                        const NewOrder& input) {
    const platform::Actor& actor = caller.actor;
    BO_TRY_ASSIGN(SalesOrder order, check_order_change(txn, caller, id, input));
    BO_TRY_ASSIGN(SalesOrder before, order_for_change(txn, actor.company, id));
    const OrderStatus from = before.status;
    const std::vector<inventory::StockArrival> freed = reserved_items(before);
    if (reserves_stock(from)) {
        BO_TRY(release_lines(txn, actor, before));
    }
    BO_TRY(queries::replace_lines(txn, actor.company, order));
    BO_TRY(perform(txn, clock, caller, order_enter_duty, order.id, std::nullopt));
    if (reserves_stock(from)) {
        BO_TRY(record(txn, clock, actor, order, "changed", from, "lines re-reserved"));
        BO_TRY(confirm_or_hold(txn, clock, actor, order, from));
        // What the order no longer needs goes to the orders waiting for it.
        BO_TRY(allocate_arrivals(txn, clock, actor, freed));
    } else {
        BO_TRY(save_header(txn, clock, actor.company, order));
        BO_TRY(record(txn, clock, actor, order, "changed", from, ""));
    }
    BO_TRY_ASSIGN(const std::vector<LineAvailability> availability,
                  order_availability(txn, actor, order));
    return entered(std::move(order), availability);
}

core::Result<SalesOrder> confirm_order(store::Txn& txn,
                                       const core::Clock& clock,
                                       const platform::Caller& caller,
                                       SalesOrderId id) {
    BO_TRY_ASSIGN(SalesOrder order, order_for_change(txn, caller.actor.company, id));
    const OrderStatus from = order.status;
    if (from != OrderStatus::quotation && from != OrderStatus::entered) {
        return Error(ErrorCode::conflict,
                     "order " + order.number + " is " + std::string(to_string(from))
                         + "; only a quotation or an entered order is confirmed");
    }
    BO_TRY(confirm_or_hold(txn, clock, caller.actor, order, from));
    return order;
}

core::Result<SalesOrder> release_order(store::Txn& txn,
                                       const core::Clock& clock,
                                       const platform::Caller& caller,
                                       SalesOrderId id,
                                       const std::optional<std::string>& override_reason) {
    const platform::Actor& actor = caller.actor;
    BO_TRY_ASSIGN(SalesOrder order, order_for_change(txn, actor.company, id));
    if (order.status != OrderStatus::on_hold) {
        return Error(ErrorCode::conflict, "order " + order.number + " is not on hold");
    }
    BO_TRY(perform(txn, clock, caller, credit_release_duty, order.id, override_reason));
    const std::string held_for = order.hold_reason;
    BO_TRY_ASSIGN(const auto stocked, stocked_items(txn, actor.company, order));
    BO_TRY_ASSIGN(const std::size_t full, reserve_lines(txn, actor, order, stocked));
    order.status = OrderStatus::confirmed;
    order.hold_reason.clear();
    BO_TRY(save_header(txn, clock, actor.company, order));
    BO_TRY(record(txn,
                  clock,
                  actor,
                  order,
                  "released",
                  OrderStatus::on_hold,
                  "hold released (" + held_for + "); " + std::to_string(full) + " of "
                      + std::to_string(order.lines.size()) + " lines fully reserved"));
    return order;
}

core::Result<SalesOrder> cancel_order(store::Txn& txn,
                                      const core::Clock& clock,
                                      const platform::Caller& caller,
                                      SalesOrderId id,
                                      const std::string& reason) {
    FieldChecks checks;
    checks.optional_text("reason", reason, hold_reason_chars_max);
    BO_TRY(std::move(checks).finish("cancel"));
    const platform::Actor& actor = caller.actor;
    BO_TRY_ASSIGN(SalesOrder order, order_for_change(txn, actor.company, id));
    const OrderStatus from = order.status;
    BO_TRY(check_not_shipped(order, "cannot be cancelled"));
    const std::vector<inventory::StockArrival> freed = reserved_items(order);
    BO_TRY(release_lines(txn, actor, order));
    order.status = OrderStatus::cancelled;
    BO_TRY(save_header(txn, clock, actor.company, order));
    BO_TRY(record(txn, clock, actor, order, "cancelled", from, reason));
    // What this order gave back goes to the orders waiting for it, as an arrival would.
    BO_TRY(allocate_arrivals(txn, clock, actor, freed));
    return order;
}

core::Result<std::optional<SalesOrder>> find_order(store::Txn& txn,
                                                   CompanyId company,
                                                   SalesOrderId id) {
    return queries::select_order(txn, company, id);
}

core::Result<std::vector<LineAvailability>> order_availability(store::Txn& txn,
                                                               const platform::Actor& actor,
                                                               const SalesOrder& order) {
    std::vector<inventory::ItemId> items;
    items.reserve(order.lines.size());
    for (const OrderLine& line : order.lines) {
        items.push_back(line.item);
    }
    BO_TRY_ASSIGN(const std::vector<inventory::StockLevel> levels,
                  inventory::stock_levels(txn, actor, order.warehouse, items));
    BO_ASSERT(levels.size() == order.lines.size());
    const bool reserved = reserves_stock(order.status);
    // What is still free per item, and what is already waiting for arrivals ahead of us.
    std::map<inventory::ItemId, std::int64_t> free;
    std::map<inventory::ItemId, std::int64_t> waiting;
    std::map<inventory::ItemId, bool> on_order;
    for (const inventory::StockLevel& level : levels) {
        on_order[level.item] = level.on_order.milli > 0;
        free.emplace(level.item, std::max<std::int64_t>(0, level.available().milli));
        waiting.emplace(level.item,
                        reserved ? 0 : std::max<std::int64_t>(0, level.backordered.milli));
    }
    std::vector<LineAvailability> answer;
    for (std::size_t index = 0; index < order.lines.size(); ++index) {
        const OrderLine& line = order.lines[index];
        const std::int64_t open = line.quantity_milli - line.shipped_milli;
        std::int64_t covered = 0;
        if (reserved) {
            covered = line.reserved_milli;
        } else {
            covered = std::min(open, free[line.item]);
            free[line.item] -= covered;
        }
        LineAvailability availability{.line_number = line.line_number,
                                      .available_milli = covered,
                                      .short_milli = open - covered,
                                      .ship_from = std::nullopt};
        // Arrivals are asked only for short lines of items with something on order: a
        // question per line costs a round trip on PostgreSQL.
        if (availability.short_milli > 0 && on_order[line.item]) {
            BO_TRY_ASSIGN(const auto arrivals,
                          inventory::expected_arrivals(txn, actor, line.item, order.warehouse));
            waiting[line.item] += availability.short_milli;
            std::int64_t coming = 0;
            for (const inventory::ExpectedArrival& arrival : arrivals) {
                coming += arrival.quantity.milli;
                if (coming >= waiting[line.item]) {
                    availability.ship_from = arrival.date;
                    break;
                }
            }
        }
        answer.push_back(availability);
    }
    return answer;
}

core::Result<std::vector<SalesOrder>> list_orders(store::Txn& txn,
                                                  CompanyId company,
                                                  const OrderQuery& query) {
    BO_TRY(platform::tenancy::check_page_limit(query.limit));
    return queries::select_orders(txn, company, query);
}

core::Result<std::vector<OrderEvent>> order_history(store::Txn& txn,
                                                    CompanyId company,
                                                    SalesOrderId id) {
    BO_TRY_ASSIGN(const SalesOrder order, existing_order(txn, company, id));
    return queries::select_events(txn, company, order.id);
}

core::Result<void> allocate_arrivals(store::Txn& txn,
                                     const core::Clock& clock,
                                     const platform::Actor& actor,
                                     std::span<const inventory::StockArrival> arrivals) {
    for (const inventory::StockArrival& arrival : arrivals) {
        BO_TRY_ASSIGN(
            const auto lines,
            queries::select_backordered_lines(txn, actor.company, arrival.item, arrival.warehouse));
        for (const queries::BackorderedLine& waiting : lines) {
            // Lock and read the order first: another request may have changed or cancelled it
            // since the backordered lines were listed, so its line says what is still wanted.
            BO_TRY_ASSIGN(SalesOrder order, order_for_change(txn, actor.company, waiting.order));
            OrderLine& line = order.lines.at(static_cast<std::size_t>(waiting.line_number - 1));
            if (line.backordered_milli <= 0) {
                continue;
            }
            const std::int64_t wanted = line.backordered_milli;
            BO_TRY_ASSIGN(const inventory::Quantity got,
                          inventory::reserve(txn, actor, arrival.item, arrival.warehouse, {wanted}));
            if (got.milli == 0) {
                break;
            }
            BO_TRY(inventory::remove_backorder(txn, actor, arrival.item, arrival.warehouse, got));
            BO_ASSERT(line.backordered_milli >= got.milli);
            line.reserved_milli += got.milli;
            line.backordered_milli -= got.milli;
            BO_TRY(queries::update_line_stock(txn, actor.company, order.id, line));
            BO_TRY(save_header(txn, clock, actor.company, order));
            BO_TRY(record(
                txn,
                clock,
                actor,
                order,
                "allocated",
                order.status,
                "line " + std::to_string(line.line_number) + ": " + inventory::format_quantity(got)
                    + " " + line.unit + " of " + line.sku + " allocated, "
                    + inventory::format_quantity({line.backordered_milli}) + " still backordered"));
            if (got.milli < wanted) {
                break;
            }
        }
    }
    return core::ok();
}

}  // namespace bo::modules::sales
