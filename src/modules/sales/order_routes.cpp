// Handlers of sales orders (their rows are in add_order_routes below; docs/api/openapi.json
// describes the bodies):
//   GET/POST /api/v1/sales-orders, GET/PUT /api/v1/sales-orders/{id},
//   POST /api/v1/sales-orders/{id}/confirm | /release | /cancel,
//   GET /api/v1/sales-orders/{id}/history
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/sales/order_import.hpp"
#include "modules/sales/orders.hpp"
#include "modules/sales/route_support.hpp"
#include "modules/sales/routes.hpp"
#include "platform/api/json.hpp"

namespace bo::modules::sales {
namespace {

namespace json = boost::json;
using internal::decimal_chars_max;
using internal::order_permission;
using internal::read_permission;
using internal::release_permission;
using internal::sku_chars_max;
using platform::api::ApiRequest;
using platform::api::ApiResponse;
using platform::api::BodyReader;

constexpr std::size_t date_chars = 10;
constexpr std::size_t warehouse_code_chars_max = 16;

std::string quantity_text(std::int64_t milli) {
    return inventory::format_quantity(inventory::Quantity{milli});
}

json::value optional_user(const std::optional<platform::auth::UserId>& user) {
    return user ? json::value(user->value()) : json::value(nullptr);
}

json::object line_json(const OrderLine& line) {
    return {{"line_number", line.line_number},
            {"item_id", line.item.value()},
            {"item", line.sku},
            {"unit", line.unit},
            {"quantity", quantity_text(line.quantity_milli)},
            {"unit_price", line.unit_price.format()},
            {"price_source", to_string(line.price_source)},
            {"discount_percent", line.discount_percent},
            {"tax_rate_id", line.tax_rate ? json::value(line.tax_rate->value()) : json::value()},
            {"tax_percent", line.tax_percent},
            {"net", line.net.format()},
            {"tax", line.tax.format()},
            {"reserved", quantity_text(line.reserved_milli)},
            {"backordered", quantity_text(line.backordered_milli)},
            {"shipped", quantity_text(line.shipped_milli)}};
}

json::object order_json(const SalesOrder& order) {
    bool fully_reserved = !order.lines.empty();
    bool shippable = false;
    for (const OrderLine& line : order.lines) {
        fully_reserved = fully_reserved && line.backordered_milli == 0;
        shippable = shippable || line.reserved_milli > 0;
    }
    const bool open =
        order.status == OrderStatus::confirmed || order.status == OrderStatus::partly_shipped;
    json::object body{{"id", order.id.value()},
                      {"number", order.number},
                      {"customer", order.customer_number},
                      {"customer_id", order.customer.value()},
                      {"warehouse_id", order.warehouse.value()},
                      {"status", to_string(order.status)},
                      {"currency", order.currency.code()},
                      {"order_date", order.order_date.to_string()},
                      {"priority", order.priority},
                      {"salesperson_id", optional_user(order.salesperson)},
                      {"entered_by", order.entered_by.value()},
                      {"customer_reference", order.customer_reference},
                      {"hold_reason", order.hold_reason},
                      {"net", order.net.format()},
                      {"tax", order.tax.format()},
                      {"total", order.total.format()},
                      {"created_at", order.created_at.to_rfc3339()},
                      {"updated_at", order.updated_at.to_rfc3339()}};
    if (!order.lines.empty()) {
        json::array lines;
        for (const OrderLine& line : order.lines) {
            lines.push_back(line_json(line));
        }
        body["lines"] = std::move(lines);
        body["fully_reserved"] = open && fully_reserved;
        body["shippable"] = open && shippable;
    }
    return body;
}

json::object entered_json(const SalesOrder& order,
                          const std::vector<LineAvailability>& availability) {
    json::object body = order_json(order);
    json::array lines;
    for (std::size_t index = 0; index < availability.size(); ++index) {
        const LineAvailability& line = availability[index];
        lines.push_back(json::object{
            {"line_number", line.line_number},
            {"available", quantity_text(line.available_milli)},
            {"short", quantity_text(line.short_milli)},
            {"ship_from",
             line.ship_from ? json::value(line.ship_from->to_string()) : json::value()}});
    }
    body["availability"] = std::move(lines);
    return body;
}

NewOrderLine read_line(BodyReader& reader) {
    return NewOrderLine{
        .sku = reader.required_string("item", sku_chars_max),
        .quantity = reader.required_string("quantity", decimal_chars_max),
        .unit_price = reader.optional_string("unit_price", decimal_chars_max),
        .discount_percent =
            reader.optional_string("discount_percent", decimal_chars_max).value_or("0"),
        .tax_code = reader.optional_string("tax_code", pricing_code_chars_max)};
}

// The body of POST (with customer and warehouse) or PUT (lines, priority, reference only).
core::Result<NewOrder> read_order(const ApiRequest& request, bool header) {
    const internal::SplitBody split = internal::split_body(request.body, {"lines"});
    BodyReader reader(split.rest);
    NewOrder input;
    if (header) {
        input.customer = reader.required_string("customer", customer_number_chars_max);
        input.warehouse = reader.required_string("warehouse", warehouse_code_chars_max);
        input.order_date = reader.optional_string("order_date", date_chars);
        input.salesperson_id = reader.optional_int("salesperson_id").value_or(0);
        input.quotation = reader.optional_bool("quotation").value_or(false);
    }
    input.priority = reader.optional_int("priority").value_or(0);
    input.customer_reference =
        reader.optional_string("customer_reference", customer_reference_chars_max).value_or("");
    std::vector<core::FieldError> errors;
    if (const auto found = split.arrays.find("lines"); found != split.arrays.end()) {
        if (found->second.is_array() && found->second.as_array().size() > order_lines_max) {
            return core::Error(
                core::ErrorCode::limit_exceeded,
                "an order has at most " + std::to_string(order_lines_max) + " lines");
        }
        input.lines = internal::read_objects<NewOrderLine>(
            found->second, "lines", order_lines_max, read_line, errors);
    } else {
        errors.push_back({"lines", "is required: an array of lines"});
    }
    BO_TRY(internal::all_fields_ok(reader.finish(), std::move(errors), "sales order"));
    return input;
}

core::Result<SalesOrderId> order_id(const ApiRequest& request) {
    return SalesOrderId::parse(request.param("id"));
}

core::Result<ApiResponse> list_orders_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    OrderQuery query{.status = std::nullopt,
                     .customer = platform::api::query_param(request.http, "customer"),
                     .shippable_only = false,
                     .after_id = SalesOrderId(page.after_id),
                     .limit = static_cast<std::int64_t>(page.limit)};
    if (const auto status = platform::api::query_param(request.http, "status")) {
        BO_TRY_ASSIGN(query.status, parse_order_status(*status));
    }
    if (const auto shippable = platform::api::query_param(request.http, "shippable")) {
        if (*shippable != "true" && *shippable != "false") {
            return core::Error::invalid("shippable", "must be true or false");
        }
        query.shippable_only = *shippable == "true";
    }
    BO_TRY_ASSIGN(const std::vector<SalesOrder> orders,
                  list_orders(txn, request.caller.actor.company, query));
    json::array items;
    for (const SalesOrder& order : orders) {
        items.push_back(order_json(order));
    }
    json::object body{{"items", std::move(items)}};
    if (orders.size() == page.limit) {
        body["next_cursor"] = platform::api::encode_cursor(orders.back().id.value());
    }
    return ApiResponse::ok(std::move(body));
}

core::Result<ApiResponse> create_order_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const NewOrder input, read_order(request, true));
    // Every check first, writing nothing, so that bad input is refused with 422.
    if (core::Result<EnteredOrder> checked = check_order(txn, request.clock, request.caller, input);
        !checked) {
        return internal::unprocessable(std::move(checked).error());
    }
    BO_TRY_ASSIGN(const EnteredOrder order,
                  create_order(txn, request.clock, request.caller, input));
    ApiResponse response = ApiResponse::created(entered_json(order.order, order.availability));
    response.headers.push_back({"Location", "/api/v1/sales-orders/" + order.order.id.to_string()});
    return response;
}

core::Result<ApiResponse> get_order_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const SalesOrderId id, order_id(request));
    BO_TRY_ASSIGN(const std::optional<SalesOrder> order,
                  find_order(txn, request.caller.actor.company, id));
    if (!order) {
        return core::Error(core::ErrorCode::not_found, "no such sales order");
    }
    BO_TRY_ASSIGN(const auto availability, order_availability(txn, request.caller.actor, *order));
    return ApiResponse::ok(entered_json(*order, availability));
}

core::Result<ApiResponse> change_order_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const SalesOrderId id, order_id(request));
    BO_TRY_ASSIGN(const NewOrder input, read_order(request, false));
    if (core::Result<SalesOrder> checked = check_order_change(txn, request.caller, id, input);
        !checked) {
        return internal::unprocessable(std::move(checked).error());
    }
    BO_TRY_ASSIGN(const EnteredOrder order,
                  change_order(txn, request.clock, request.caller, id, input));
    return ApiResponse::ok(entered_json(order.order, order.availability));
}

core::Result<ApiResponse> confirm_order_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const SalesOrderId id, order_id(request));
    BO_TRY(BodyReader(request.body).finish());
    BO_TRY_ASSIGN(const SalesOrder order, confirm_order(txn, request.clock, request.caller, id));
    return ApiResponse::ok(order_json(order));
}

core::Result<ApiResponse> release_order_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const SalesOrderId id, order_id(request));
    BodyReader reader(request.body);
    const std::optional<std::string> reason =
        reader.optional_string("override_reason", core::text_field_bytes_max);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const SalesOrder order,
                  release_order(txn, request.clock, request.caller, id, reason));
    return ApiResponse::ok(order_json(order));
}

core::Result<ApiResponse> cancel_order_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const SalesOrderId id, order_id(request));
    BodyReader reader(request.body);
    const std::string reason = reader.optional_string("reason", hold_reason_chars_max).value_or("");
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const SalesOrder order,
                  cancel_order(txn, request.clock, request.caller, id, reason));
    return ApiResponse::ok(order_json(order));
}

core::Result<ApiResponse> order_history_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const SalesOrderId id, order_id(request));
    BO_TRY_ASSIGN(const std::vector<OrderEvent> events,
                  order_history(txn, request.caller.actor.company, id));
    json::array items;
    for (const OrderEvent& event : events) {
        items.push_back(json::object{{"seq", event.seq},
                                     {"at", event.at.to_rfc3339()},
                                     {"user_id", optional_user(event.user)},
                                     {"event", event.event},
                                     {"from_status", event.from_status},
                                     {"to_status", event.to_status},
                                     {"detail", event.detail}});
    }
    return ApiResponse::ok(json::object{{"items", std::move(items)}});
}

// POST /sales-orders/import {"csv": "...", "dry_run": bool?}: 201 with the orders entered, 200
// for a dry run, 422 listing every bad row (nothing written, so the refusal may commit).
core::Result<ApiResponse> import_orders_route(store::Txn& txn, const ApiRequest& request) {
    // The CSV text leaves the body first: a BodyReader refuses line breaks in strings.
    json::object rest = request.body.is_object() ? request.body.as_object() : json::object();
    std::string csv;
    if (const json::value* value = rest.if_contains("csv");
        value != nullptr && value->is_string()) {
        csv = std::string(value->get_string());
    }
    rest.erase("csv");
    const json::value others(std::move(rest));
    BodyReader reader(others);
    if (csv.empty()) {
        reader.reject("csv", "is required: the CSV file's text as a JSON string");
    }
    const bool dry_run = reader.optional_bool("dry_run").value_or(false);
    BO_TRY(reader.finish());
    core::Result<OrderImportReport> report =
        import_orders(txn,
                      request.clock,
                      request.caller,
                      csv,
                      dry_run ? ImportMode::check_only : ImportMode::enter);
    if (!report) {
        return internal::unprocessable(std::move(report).error());
    }
    json::array orders;
    for (const ImportedOrder& order : report->orders) {
        orders.push_back(
            json::object{{"key", order.key},
                         {"id", dry_run ? json::value(nullptr) : json::value(order.id.value())},
                         {"number", dry_run ? json::value(nullptr) : json::value(order.number)},
                         {"lines", order.lines},
                         {"total", order.total.format()},
                         {"currency", order.total.currency.code()}});
    }
    json::object body{{"dry_run", dry_run}, {"rows", report->rows}, {"orders", std::move(orders)}};
    return dry_run ? ApiResponse::ok(std::move(body)) : ApiResponse::created(std::move(body));
}

}  // namespace

inventory::ArrivalListener arrival_listener() {
    return allocate_arrivals;
}

void internal::add_order_routes(platform::api::Api& api) {
    using http::Method;
    using store::TxnMode;
    const std::vector<internal::RouteRow> table{
        {Method::get,
         "",
         read_permission,
         TxnMode::read_only,
         "List sales orders (?status&customer&shippable&limit&cursor)",
         list_orders_route},
        {Method::post,
         "",
         order_permission,
         TxnMode::read_write,
         "Enter a quotation or a sales order (prices, tax, availability)",
         create_order_route},
        {Method::post,
         "/import",
         order_permission,
         TxnMode::read_write,
         "Import sales orders from CSV (all or nothing)",
         import_orders_route},
        {Method::get,
         "/{id}",
         read_permission,
         TxnMode::read_only,
         "Get a sales order with its lines and availability",
         get_order_route},
        {Method::put,
         "/{id}",
         order_permission,
         TxnMode::read_write,
         "Change an order's lines before shipping (re-reserves)",
         change_order_route},
        {Method::post,
         "/{id}/confirm",
         order_permission,
         TxnMode::read_write,
         "Confirm: credit check, then reserve stock and backorder the rest",
         confirm_order_route},
        {Method::post,
         "/{id}/release",
         release_permission,
         TxnMode::read_write,
         "Release an order's credit hold (segregation of duties)",
         release_order_route},
        {Method::post,
         "/{id}/cancel",
         order_permission,
         TxnMode::read_write,
         "Cancel an order, giving back its reservations and backorders",
         cancel_order_route},
        {Method::get,
         "/{id}/history",
         read_permission,
         TxnMode::read_only,
         "An order's status history, oldest first",
         order_history_route},
    };
    internal::add_routes(api, "/api/v1/sales-orders", table);
}

}  // namespace bo::modules::sales
