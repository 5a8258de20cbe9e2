// Handlers of fulfilment (their rows are in add_fulfilment_routes below; docs/api/openapi.json
// describes the bodies):
//   GET/POST /api/v1/pick-lists, GET /api/v1/pick-lists/{id}, POST …/{id}/pick | /cancel
//   GET/POST /api/v1/shipments, GET /api/v1/shipments/{id}, GET …/{id}/packing-slip.pdf
//   GET/POST /api/v1/returns, GET /api/v1/returns/{id}, POST …/{id}/receive | /cancel
//   GET /api/v1/fulfilment/billable, GET /api/v1/fulfilment/credit-due,
//   GET /api/v1/fulfilment/shipped-by-month
#include "modules/fulfilment/routes.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "modules/fulfilment/service.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/sales/route_support.hpp"
#include "platform/api/json.hpp"

namespace bo::modules::fulfilment {
namespace {

namespace json = boost::json;
using platform::api::ApiRequest;
using platform::api::ApiResponse;
using platform::api::BodyReader;

constexpr std::string_view read_permission = "sales.read";
constexpr std::string_view fulfil_permission = "sales.fulfil";
constexpr std::string_view returns_permission = "returns.manage";
constexpr std::size_t decimal_chars_max = 32;
constexpr std::size_t date_chars = 10;
constexpr std::size_t warehouse_code_chars_max = 16;
constexpr std::size_t disposition_chars_max = 16;

std::string quantity_text(std::int64_t milli) {
    return inventory::format_quantity(inventory::Quantity{milli});
}

json::value optional_int(const std::optional<std::int64_t>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

// A wire quantity in thousandths. Parsed with three decimals, the finest any unit allows; the
// service checks each line against its item's own unit.
std::int64_t read_quantity(BodyReader& reader, std::string_view field, bool required) {
    const std::optional<std::string> text =
        required ? std::optional(reader.required_string(field, decimal_chars_max))
                 : reader.optional_string(field, decimal_chars_max);
    if (!text || text->empty()) {
        return -1;
    }
    constexpr std::string_view finest_unit = "kg";
    core::Result<inventory::Quantity> quantity =
        inventory::parse_quantity(*text, finest_unit, field, inventory::Sign::non_negative);
    if (!quantity) {
        reader.reject(std::string(field), quantity.error().fields().empty()
                                              ? quantity.error().message()
                                              : quantity.error().fields().front().reason);
        return -1;
    }
    return quantity->milli;
}

std::optional<core::Date> read_date(BodyReader& reader, std::string_view field) {
    const std::optional<std::string> text = reader.optional_string(field, date_chars);
    if (!text) {
        return std::nullopt;
    }
    core::Result<core::Date> date = core::Date::parse(*text);
    if (!date) {
        reader.reject(std::string(field), "must be a date YYYY-MM-DD");
        return std::nullopt;
    }
    return *date;
}

// The array field `name` of `split` read with `read_one` (absent: empty).
template <typename T>
std::vector<T> read_array(const sales::internal::SplitBody& split,
                          std::string_view name,
                          std::size_t items_max,
                          const std::function<T(BodyReader&)>& read_one,
                          std::vector<core::FieldError>& errors) {
    const auto found = split.arrays.find(name);
    if (found == split.arrays.end()) {
        return {};
    }
    return sales::internal::read_objects<T>(found->second, name, items_max, read_one, errors);
}

template <typename Id>
core::Result<Id> path_id(const ApiRequest& request) {
    return Id::parse(request.param("id"));
}

json::object page_body(json::array items, bool full, std::int64_t last_id) {
    json::object body{{"items", std::move(items)}};
    if (full) {
        body["next_cursor"] = platform::api::encode_cursor(last_id);
    }
    return body;
}

// --- Pick lists -----------------------------------------------------------------------------

json::object pick_list_json(const PickList& list) {
    json::object body{{"id", list.id.value()},
                      {"number", list.number},
                      {"warehouse_id", list.warehouse.value()},
                      {"status", to_string(list.status)},
                      {"created_by", list.created_by.value()},
                      {"created_at", list.created_at.to_rfc3339()},
                      {"updated_at", list.updated_at.to_rfc3339()}};
    if (!list.lines.empty()) {
        json::array lines;
        for (const PickListLine& line : list.lines) {
            lines.push_back(json::object{
                {"line_number", line.line_number},
                {"order_id", line.order.value()},
                {"order", line.order_number},
                {"order_line", line.order_line_number},
                {"item", line.sku},
                {"description", line.description},
                {"unit", line.unit},
                {"bin", line.bin_code},
                {"quantity", quantity_text(line.quantity_milli)},
                {"picked",
                 line.picked_milli ? json::value(quantity_text(*line.picked_milli)) : nullptr},
                {"shipped", quantity_text(line.shipped_milli)},
                {"held", quantity_text(line.held_milli)}});
        }
        body["lines"] = std::move(lines);
    }
    return body;
}

core::Result<ApiResponse> list_pick_lists_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    std::optional<PickListStatus> status;
    if (const auto text = platform::api::query_param(request.http, "status")) {
        BO_TRY_ASSIGN(status, parse_pick_list_status(*text));
    }
    BO_TRY_ASSIGN(const std::vector<PickList> lists,
                  list_pick_lists(txn,
                                  request.caller.actor.company,
                                  status,
                                  PickListId(page.after_id),
                                  static_cast<std::int64_t>(page.limit)));
    json::array items;
    for (const PickList& list : lists) {
        items.push_back(pick_list_json(list));
    }
    return ApiResponse::ok(page_body(std::move(items),
                                     lists.size() == page.limit,
                                     lists.empty() ? 0 : lists.back().id.value()));
}

core::Result<ApiResponse> create_pick_list_route(store::Txn& txn, const ApiRequest& request) {
    const sales::internal::SplitBody split = sales::internal::split_body(request.body, {"orders"});
    BodyReader reader(split.rest);
    NewPickList input{.warehouse = reader.required_string("warehouse", warehouse_code_chars_max),
                      .orders = {}};
    if (const auto orders = split.arrays.find("orders"); orders != split.arrays.end()) {
        const json::value& ids = orders->second;
        bool valid = ids.is_array() && ids.as_array().size() <= pick_orders_max;
        for (std::size_t index = 0; valid && index < ids.as_array().size(); ++index) {
            const json::value& id = ids.as_array()[index];
            valid = id.is_int64() && id.as_int64() > 0;
            input.orders.emplace_back(valid ? id.as_int64() : 0);
        }
        if (!valid) {
            reader.reject("orders",
                          "must be an array of at most " + std::to_string(pick_orders_max)
                              + " order ids (positive integers)");
        }
    }
    BO_TRY(reader.finish());
    core::Result<PickList> list =
        create_pick_list(txn, request.clock, request.caller.actor, input);
    if (!list) {
        return sales::internal::unprocessable(std::move(list).error());
    }
    ApiResponse response = ApiResponse::created(pick_list_json(*list));
    response.headers.push_back({"Location", "/api/v1/pick-lists/" + list->id.to_string()});
    return response;
}

core::Result<ApiResponse> get_pick_list_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const PickListId id, path_id<PickListId>(request));
    BO_TRY_ASSIGN(const std::optional<PickList> list,
                  find_pick_list(txn, request.caller.actor.company, id));
    if (!list) {
        return core::Error(core::ErrorCode::not_found, "no such pick list");
    }
    return ApiResponse::ok(pick_list_json(*list));
}

PickedLine read_picked_line(BodyReader& reader) {
    const std::optional<std::int64_t> number = reader.optional_int("line_number");
    if (!number) {
        reader.reject("line_number", "is required");
    }
    return PickedLine{.line_number = number.value_or(0),
                      .picked_milli = read_quantity(reader, "picked", true)};
}

core::Result<ApiResponse> pick_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const PickListId id, path_id<PickListId>(request));
    const sales::internal::SplitBody split = sales::internal::split_body(request.body, {"lines"});
    std::vector<core::FieldError> errors;
    const std::vector<PickedLine> lines = read_array<PickedLine>(
        split, "lines", document_lines_max, read_picked_line, errors);
    BO_TRY(sales::internal::all_fields_ok(BodyReader(split.rest).finish(), errors, "pick"));
    if (core::Result<void> checked = check_pick(txn, request.caller.actor, id, lines); !checked) {
        return sales::internal::unprocessable(std::move(checked).error());
    }
    BO_TRY_ASSIGN(const PickList list, pick(txn, request.clock, request.caller.actor, id, lines));
    return ApiResponse::ok(pick_list_json(list));
}

core::Result<ApiResponse> cancel_pick_list_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const PickListId id, path_id<PickListId>(request));
    BO_TRY(BodyReader(request.body).finish());
    BO_TRY_ASSIGN(const PickList list,
                  cancel_pick_list(txn, request.clock, request.caller.actor, id));
    return ApiResponse::ok(pick_list_json(list));
}

// --- Shipments ------------------------------------------------------------------------------

json::object shipment_json(const Shipment& shipment) {
    json::object body{
        {"id", shipment.id.value()},
        {"number", shipment.number},
        {"order_id", shipment.order.value()},
        {"order", shipment.order_number},
        {"warehouse_id", shipment.warehouse.value()},
        {"pick_list_id", shipment.pick_list ? json::value(shipment.pick_list->value()) : nullptr},
        {"ship_date", shipment.ship_date.to_string()},
        {"carrier", shipment.carrier},
        {"service", shipment.service},
        {"tracking_number", shipment.tracking_number},
        {"currency", shipment.currency.code()},
        {"cost", shipment.cost.format()},
        {"cogs_entry_id", optional_int(shipment.cogs_entry)},
        {"created_by", shipment.created_by.value()},
        {"created_at", shipment.created_at.to_rfc3339()}};
    if (shipment.lines.empty()) {
        return body;
    }
    json::array lines;
    for (const ShipmentLine& line : shipment.lines) {
        lines.push_back(json::object{{"line_number", line.line_number},
                                     {"order_line", line.order_line_number},
                                     {"item_id", line.item.value()},
                                     {"item", line.sku},
                                     {"description", line.description},
                                     {"unit", line.unit},
                                     {"quantity", quantity_text(line.quantity_milli)},
                                     {"unit_price", line.unit_price.format()},
                                     {"discount_percent", line.discount_percent},
                                     {"tax_rate_id", optional_int(line.tax_rate_id)},
                                     {"tax_percent", line.tax_percent},
                                     {"net", line.net.format()},
                                     {"tax", line.tax.format()},
                                     {"cost", line.cost.format()},
                                     {"returned", quantity_text(line.returned_milli)},
                                     {"billable", line.billable},
                                     {"invoice_id", optional_int(line.invoice_id)}});
    }
    json::array packages;
    for (const Package& package : shipment.packages) {
        packages.push_back(json::object{{"package_number", package.package_number},
                                        {"weight_grams", optional_int(package.weight_grams)},
                                        {"length_mm", optional_int(package.length_mm)},
                                        {"width_mm", optional_int(package.width_mm)},
                                        {"height_mm", optional_int(package.height_mm)}});
    }
    body["lines"] = std::move(lines);
    body["packages"] = std::move(packages);
    return body;
}

ShipLine read_ship_line(BodyReader& reader) {
    const std::optional<std::int64_t> number = reader.optional_int("line_number");
    if (!number) {
        reader.reject("line_number", "is required");
    }
    const std::int64_t quantity = read_quantity(reader, "quantity", false);
    return ShipLine{.order_line_number = number.value_or(0),
                    .quantity_milli = quantity < 0 ? std::nullopt : std::optional(quantity)};
}

Package read_package(BodyReader& reader) {
    return Package{.package_number = 0,
                   .weight_grams = reader.optional_int("weight_grams"),
                   .length_mm = reader.optional_int("length_mm"),
                   .width_mm = reader.optional_int("width_mm"),
                   .height_mm = reader.optional_int("height_mm")};
}

core::Result<NewShipment> read_shipment(const ApiRequest& request) {
    const sales::internal::SplitBody split =
        sales::internal::split_body(request.body, {"lines", "packages"});
    BodyReader reader(split.rest);
    NewShipment input{.order = sales::SalesOrderId(reader.optional_int("order").value_or(0)),
                      .pick_list = std::nullopt,
                      .lines = {},
                      .packages = {},
                      .ship_date = read_date(reader, "ship_date"),
                      .carrier = reader.required_string("carrier", carrier_chars_max),
                      .service = reader.optional_string("service", carrier_chars_max).value_or(""),
                      .tracking_number =
                          reader.optional_string("tracking_number", tracking_chars_max)
                              .value_or("")};
    if (input.order.value() <= 0) {
        reader.reject("order", "is required: the id of the sales order");
    }
    if (const auto list = reader.optional_int("pick_list")) {
        input.pick_list = PickListId(*list);
    }
    std::vector<core::FieldError> errors;
    input.lines = read_array<ShipLine>(split, "lines", document_lines_max, read_ship_line, errors);
    input.packages = read_array<Package>(split, "packages", packages_max, read_package, errors);
    BO_TRY(sales::internal::all_fields_ok(reader.finish(), std::move(errors), "shipment"));
    return input;
}

core::Result<ApiResponse> list_shipments_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    std::optional<sales::SalesOrderId> order;
    if (const auto text = platform::api::query_param(request.http, "order")) {
        BO_TRY_ASSIGN(order, sales::SalesOrderId::parse(*text));
    }
    std::optional<core::Date> ship_date;
    if (const auto text = platform::api::query_param(request.http, "ship_date")) {
        core::Result<core::Date> date = core::Date::parse(*text);
        if (!date) {
            return core::Error::invalid("ship_date", "must be a date YYYY-MM-DD");
        }
        ship_date = *date;
    }
    BO_TRY_ASSIGN(const std::vector<Shipment> shipments,
                  list_shipments(txn,
                                 request.caller.actor.company,
                                 order,
                                 ShipmentId(page.after_id),
                                 static_cast<std::int64_t>(page.limit),
                                 ship_date));
    json::array items;
    for (const Shipment& shipment : shipments) {
        items.push_back(shipment_json(shipment));
    }
    return ApiResponse::ok(page_body(std::move(items),
                                     shipments.size() == page.limit,
                                     shipments.empty() ? 0 : shipments.back().id.value()));
}

core::Result<ApiResponse> create_shipment_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const NewShipment input, read_shipment(request));
    if (core::Result<void> checked =
            check_shipment(txn, request.clock, request.caller.actor, input);
        !checked) {
        return sales::internal::unprocessable(std::move(checked).error());
    }
    BO_TRY_ASSIGN(const Shipment shipment, ship(txn, request.clock, request.caller.actor, input));
    ApiResponse response = ApiResponse::created(shipment_json(shipment));
    response.headers.push_back({"Location", "/api/v1/shipments/" + shipment.id.to_string()});
    return response;
}

core::Result<ApiResponse> get_shipment_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const ShipmentId id, path_id<ShipmentId>(request));
    BO_TRY_ASSIGN(const std::optional<Shipment> shipment,
                  find_shipment(txn, request.caller.actor.company, id));
    if (!shipment) {
        return core::Error(core::ErrorCode::not_found, "no such shipment");
    }
    return ApiResponse::ok(shipment_json(*shipment));
}

core::Result<ApiResponse> packing_slip_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const ShipmentId id, path_id<ShipmentId>(request));
    BO_TRY_ASSIGN(std::string pdf, packing_slip_pdf(txn, request.caller.actor.company, id));
    ApiResponse response = ApiResponse::ok(nullptr);
    response.content_type = "application/pdf";
    response.raw_body = std::move(pdf);
    response.headers.push_back(
        {"Content-Disposition", "inline; filename=\"packing-slip-" + id.to_string() + ".pdf\""});
    return response;
}

// --- Returns --------------------------------------------------------------------------------

json::object return_json(const CustomerReturn& customer_return) {
    json::array lines;
    for (const ReturnLine& line : customer_return.lines) {
        lines.push_back(json::object{
            {"line_number", line.line_number},
            {"shipment_line", line.shipment_line_number},
            {"item_id", line.item.value()},
            {"item", line.sku},
            {"quantity", quantity_text(line.quantity_milli)},
            {"disposition", line.disposition ? json::value(to_string(*line.disposition)) : nullptr},
            {"cost", line.cost.format()},
            {"net", line.net.format()},
            {"tax", line.tax.format()},
            {"credit_note_id", optional_int(line.credit_note_id)}});
    }
    json::object body{
        {"id", customer_return.id.value()},
        {"number", customer_return.number},
        {"shipment_id", customer_return.shipment.value()},
        {"shipment", customer_return.shipment_number},
        {"order_id", customer_return.order.value()},
        {"status", to_string(customer_return.status)},
        {"reason", customer_return.reason},
        {"received_date",
         customer_return.received_date ? json::value(customer_return.received_date->to_string())
                                       : nullptr},
        {"entry_id", optional_int(customer_return.entry)},
        {"scrap_entry_id", optional_int(customer_return.scrap_entry)},
        {"currency", customer_return.currency.code()},
        {"created_by", customer_return.created_by.value()},
        {"created_at", customer_return.created_at.to_rfc3339()},
        {"updated_at", customer_return.updated_at.to_rfc3339()}};
    if (!lines.empty()) {
        body["lines"] = std::move(lines);
    }
    return body;
}

NewReturnLine read_return_line(BodyReader& reader) {
    const std::optional<std::int64_t> number = reader.optional_int("shipment_line");
    if (!number) {
        reader.reject("shipment_line", "is required");
    }
    return NewReturnLine{.shipment_line_number = number.value_or(0),
                         .quantity_milli = read_quantity(reader, "quantity", true)};
}

ReceiveLine read_receive_line(BodyReader& reader) {
    const std::optional<std::int64_t> number = reader.optional_int("line_number");
    if (!number) {
        reader.reject("line_number", "is required");
    }
    const std::string text = reader.required_string("disposition", disposition_chars_max);
    core::Result<Disposition> disposition = parse_disposition(text, "disposition");
    if (!text.empty() && !disposition) {
        reader.reject("disposition", "must be restock or scrap");
    }
    return ReceiveLine{.line_number = number.value_or(0),
                       .disposition = disposition.ok() ? *disposition : Disposition::restock};
}

core::Result<ApiResponse> list_returns_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    std::optional<ReturnStatus> status;
    if (const auto text = platform::api::query_param(request.http, "status")) {
        BO_TRY_ASSIGN(status, parse_return_status(*text));
    }
    std::optional<ShipmentId> shipment;
    if (const auto text = platform::api::query_param(request.http, "shipment")) {
        BO_TRY_ASSIGN(shipment, ShipmentId::parse(*text));
    }
    BO_TRY_ASSIGN(const std::vector<CustomerReturn> returns,
                  list_returns(txn,
                               request.caller.actor.company,
                               status,
                               ReturnId(page.after_id),
                               static_cast<std::int64_t>(page.limit),
                               shipment));
    json::array items;
    for (const CustomerReturn& customer_return : returns) {
        items.push_back(return_json(customer_return));
    }
    return ApiResponse::ok(page_body(std::move(items),
                                     returns.size() == page.limit,
                                     returns.empty() ? 0 : returns.back().id.value()));
}

core::Result<ApiResponse> create_return_route(store::Txn& txn, const ApiRequest& request) {
    const sales::internal::SplitBody split = sales::internal::split_body(request.body, {"lines"});
    BodyReader reader(split.rest);
    NewReturn input{.shipment = ShipmentId(reader.optional_int("shipment").value_or(0)),
                    .reason = reader.optional_string("reason", return_reason_chars_max)
                                  .value_or(""),
                    .lines = {}};
    if (input.shipment.value() <= 0) {
        reader.reject("shipment", "is required: the id of the shipment");
    }
    std::vector<core::FieldError> errors;
    input.lines =
        read_array<NewReturnLine>(split, "lines", document_lines_max, read_return_line, errors);
    BO_TRY(sales::internal::all_fields_ok(reader.finish(), std::move(errors), "return"));
    if (core::Result<void> checked = check_return(txn, request.caller.actor, input); !checked) {
        return sales::internal::unprocessable(std::move(checked).error());
    }
    BO_TRY_ASSIGN(const CustomerReturn customer_return,
                  authorise_return(txn, request.clock, request.caller.actor, input));
    ApiResponse response = ApiResponse::created(return_json(customer_return));
    response.headers.push_back({"Location", "/api/v1/returns/" + customer_return.id.to_string()});
    return response;
}

core::Result<ApiResponse> get_return_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const ReturnId id, path_id<ReturnId>(request));
    BO_TRY_ASSIGN(const std::optional<CustomerReturn> customer_return,
                  find_return(txn, request.caller.actor.company, id));
    if (!customer_return) {
        return core::Error(core::ErrorCode::not_found, "no such return");
    }
    return ApiResponse::ok(return_json(*customer_return));
}

core::Result<ApiResponse> cancel_return_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const ReturnId id, path_id<ReturnId>(request));
    BO_TRY(BodyReader(request.body).finish());
    BO_TRY_ASSIGN(const CustomerReturn customer_return,
                  cancel_return(txn, request.clock, request.caller.actor, id));
    return ApiResponse::ok(return_json(customer_return));
}

// --- Billing hand-off -----------------------------------------------------------------------

json::object billing_line_json(const BillingLine& line) {
    return {{"shipment_id", line.shipment.value()},
            {"shipment", line.shipment_number},
            {"return_id", line.return_id ? json::value(line.return_id->value()) : nullptr},
            {"return", line.return_number},
            {"line_number", line.line_number},
            {"order_id", line.order.value()},
            {"order_line", line.order_line_number},
            {"item_id", line.item.value()},
            {"quantity", quantity_text(line.quantity_milli)},
            {"unit_price", core::Money{line.unit_price_minor, line.net.currency}.format()},
            {"discount_percent", line.discount_percent},
            {"tax_rate_id", optional_int(line.tax_rate_id)},
            {"tax_percent", line.tax_percent},
            {"currency", line.net.currency.code()},
            {"net", line.net.format()},
            {"tax", line.tax.format()}};
}

// The cursor of these lists is the last shipment (return) id of the page's documents.
core::Result<ApiResponse> billing_page(const std::vector<BillingLine>& lines, bool credit) {
    json::array items;
    std::int64_t last = 0;
    for (const BillingLine& line : lines) {
        items.push_back(billing_line_json(line));
        last = credit && line.return_id ? line.return_id->value() : line.shipment.value();
    }
    return ApiResponse::ok(page_body(std::move(items), !lines.empty(), last));
}

core::Result<ApiResponse> billable_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    BO_TRY_ASSIGN(const std::vector<BillingLine> lines,
                  list_billable(txn,
                                request.caller.actor.company,
                                ShipmentId(page.after_id),
                                static_cast<std::int64_t>(page.limit)));
    return billing_page(lines, false);
}

// A required query date (`from`, `to`).
core::Result<core::Date> query_date(const ApiRequest& request, std::string_view name) {
    if (const std::optional<std::string> text = platform::api::query_param(request.http, name)) {
        if (core::Result<core::Date> date = core::Date::parse(*text)) {
            return *date;
        }
    }
    return core::Error::invalid(std::string(name), "is required: a date YYYY-MM-DD");
}

core::Result<ApiResponse> shipped_by_month_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const core::Date from, query_date(request, "from"));
    BO_TRY_ASSIGN(const core::Date to, query_date(request, "to"));
    BO_TRY_ASSIGN(const std::vector<ShippedMonth> months,
                  shipped_by_month(txn, request.caller.actor.company, from, to));
    json::array items;
    for (const ShippedMonth& month : months) {
        items.push_back(json::object{{"month", month.month},
                                     {"currency", month.net.currency.code()},
                                     {"shipments", month.shipments},
                                     {"orders", month.orders},
                                     {"net", month.net.format()}});
    }
    return ApiResponse::ok(json::object{{"items", std::move(items)}});
}

core::Result<ApiResponse> credit_due_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    BO_TRY_ASSIGN(const std::vector<BillingLine> lines,
                  list_credit_due(txn,
                                  request.caller.actor.company,
                                  ReturnId(page.after_id),
                                  static_cast<std::int64_t>(page.limit)));
    return billing_page(lines, true);
}

}  // namespace

void add_fulfilment_routes(platform::api::Api& api, const FulfilmentRouteOptions& options) {
    using http::Method;
    using sales::internal::RouteRow;
    using store::TxnMode;
    const inventory::ArrivalListener on_arrival = options.on_arrival;
    const auto receive_route = [on_arrival](store::Txn& txn, const ApiRequest& request)
        -> core::Result<ApiResponse> {
        BO_TRY_ASSIGN(const ReturnId id, path_id<ReturnId>(request));
        const sales::internal::SplitBody split =
            sales::internal::split_body(request.body, {"lines"});
        BodyReader reader(split.rest);
        ReceiveReturn input{.date = read_date(reader, "date"), .lines = {}};
        std::vector<core::FieldError> errors;
        input.lines = read_array<ReceiveLine>(
            split, "lines", document_lines_max, read_receive_line, errors);
        BO_TRY(sales::internal::all_fields_ok(reader.finish(), std::move(errors), "receipt"));
        BO_TRY_ASSIGN(const CustomerReturn customer_return,
                      receive_return(txn, request.clock, request.caller.actor, id, input,
                                     on_arrival));
        return ApiResponse::ok(return_json(customer_return));
    };
    const std::vector<RouteRow> table{
        {Method::get, "/pick-lists", read_permission, TxnMode::read_only,
         "List pick lists (?status&limit&cursor)", list_pick_lists_route},
        {Method::post, "/pick-lists", fulfil_permission, TxnMode::read_write,
         "Make a pick list for a warehouse from shippable orders, sorted by bin",
         create_pick_list_route},
        {Method::get, "/pick-lists/{id}", read_permission, TxnMode::read_only,
         "Get a pick list with its lines", get_pick_list_route},
        {Method::post, "/pick-lists/{id}/pick", fulfil_permission, TxnMode::read_write,
         "Record what was picked (short picks go back to the orders)", pick_route},
        {Method::post, "/pick-lists/{id}/cancel", fulfil_permission, TxnMode::read_write,
         "Cancel a pick list, giving back what it holds", cancel_pick_list_route},
        {Method::get, "/shipments", read_permission, TxnMode::read_only,
         "List shipments (?order&ship_date&limit&cursor)", list_shipments_route},
        {Method::post, "/shipments", fulfil_permission, TxnMode::read_write,
         "Pack and ship (part of) an order: stock out at cost, COGS posted, lines billable",
         create_shipment_route},
        {Method::get, "/shipments/{id}", read_permission, TxnMode::read_only,
         "Get a shipment with its lines and packages", get_shipment_route},
        {Method::get, "/shipments/{id}/packing-slip.pdf", read_permission, TxnMode::read_only,
         "The packing slip of a shipment (PDF)", packing_slip_route},
        {Method::get, "/returns", read_permission, TxnMode::read_only,
         "List customer returns (?status&shipment&limit&cursor)", list_returns_route},
        {Method::post, "/returns", returns_permission, TxnMode::read_write,
         "Authorise a return of shipped lines", create_return_route},
        {Method::get, "/returns/{id}", read_permission, TxnMode::read_only,
         "Get a customer return", get_return_route},
        {Method::post, "/returns/{id}/receive", returns_permission, TxnMode::read_write,
         "Receive a return: restock at the cost it left with, or scrap", receive_route},
        {Method::post, "/returns/{id}/cancel", returns_permission, TxnMode::read_write,
         "Cancel an authorised return", cancel_return_route},
        {Method::get, "/fulfilment/billable", read_permission, TxnMode::read_only,
         "Shipped lines billing has not invoiced yet", billable_route},
        {Method::get, "/fulfilment/shipped-by-month", read_permission, TxnMode::read_only,
         "Shipments, orders and net shipped per month of ship date (?from&to)",
         shipped_by_month_route},
        {Method::get, "/fulfilment/credit-due", read_permission, TxnMode::read_only,
         "Returned lines billing has not credited yet", credit_due_route},
    };
    sales::internal::add_routes(api, "/api/v1", table);
}

}  // namespace bo::modules::fulfilment
