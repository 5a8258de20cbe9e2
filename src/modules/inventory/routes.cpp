#include "modules/inventory/routes.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "ledger/service.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/inventory/service.hpp"
#include "platform/api/json.hpp"

namespace bo::modules::inventory {
namespace {

using platform::api::ApiRequest;
using platform::api::ApiResponse;
using platform::tenancy::CompanyId;
namespace json = boost::json;

constexpr std::string_view read_permission = "inventory.read";
constexpr std::string_view manage_permission = "inventory.manage";
constexpr std::size_t wire_name_chars_max = 16;
constexpr std::size_t quantity_text_chars_max = 24;

// --- answers

// A refusal of bad input found before anything was written: 422 with every field (the
// transaction may commit, so that an Idempotency-Key replays the refusal). Other errors pass.
core::Result<ApiResponse> refuse(const core::Error& error) {
    if (error.code() != core::ErrorCode::invalid_argument || error.fields().empty()) {
        return error;
    }
    return ApiResponse::unprocessable(error);
}

core::Error invalid(std::vector<core::FieldError> errors, std::string_view what) {
    std::string message =
        std::string(what) + ": " + errors.front().field + ": " + errors.front().reason;
    return core::Error(core::ErrorCode::invalid_argument, std::move(message), std::move(errors));
}

json::object item_json(const Item& item) {
    json::object body = item_fields(item);
    body["id"] = item.id.value();
    body["created_at"] = item.created_at.to_rfc3339();
    return body;
}

json::object warehouse_json(const Warehouse& warehouse) {
    json::array bins;
    for (const Bin& bin : warehouse.bins) {
        bins.push_back(
            json::object{{"id", bin.id.value()}, {"code", bin.code}, {"active", bin.active}});
    }
    return {{"id", warehouse.id.value()},
            {"code", warehouse.code},
            {"name", warehouse.name},
            {"address", warehouse.address},
            {"active", warehouse.active},
            {"bins", std::move(bins)},
            {"created_at", warehouse.created_at.to_rfc3339()}};
}

json::object movement_json(const Movement& movement) {
    return {{"id", movement.id.value()},
            {"item_id", movement.item.value()},
            {"warehouse_id", movement.warehouse.value()},
            {"bin_id", movement.bin ? json::value(movement.bin->value()) : nullptr},
            {"type", to_string(movement.type)},
            {"quantity", format_quantity(movement.quantity)},
            {"value", movement.value.format()},
            {"currency", movement.value.currency.code()},
            {"date", movement.date.to_string()},
            {"source", {{"type", movement.source_type}, {"id", movement.source_id}}},
            {"reason", movement.reason ? json::value(to_string(*movement.reason)) : nullptr},
            {"entry_id", movement.entry ? json::value(movement.entry->value()) : nullptr},
            {"user_id", movement.user_id},
            {"created_at", movement.created_at.to_rfc3339()}};
}

json::object document_json(const StockDocument& document) {
    json::array movements;
    for (const Movement& movement : document.movements) {
        movements.push_back(movement_json(movement));
    }
    return {{"id", document.id.value()},
            {"kind", document.kind},
            {"entry_id", document.entry ? json::value(document.entry->value()) : nullptr},
            {"value", document.value.format()},
            {"currency", document.value.currency.code()},
            {"movements", std::move(movements)}};
}

json::object planned_json(const ExpectedReceipt& receipt) {
    return {{"id", receipt.id.value()},
            {"item_id", receipt.item.value()},
            {"warehouse_id", receipt.warehouse.value()},
            {"expected_date", receipt.expected_date.to_string()},
            {"quantity", format_quantity(receipt.quantity)},
            {"received", format_quantity(receipt.received)},
            {"status", to_string(receipt.status)},
            {"reference", receipt.reference}};
}

json::object settings_json(const InventorySettings& settings) {
    return {{"inventory_account", settings.inventory_account},
            {"cogs_account", settings.cogs_account},
            {"adjustments_account", settings.adjustments_account},
            {"receipt_offset_account", settings.receipt_offset_account}};
}

template <typename Row, typename ToJson, typename CursorOf>
ApiResponse page_json(const std::vector<Row>& rows,
                      std::size_t limit,
                      ToJson to_json,
                      CursorOf cursor_of) {
    json::array items;
    for (const Row& row : rows) {
        items.push_back(to_json(row));
    }
    json::object body{{"items", std::move(items)}};
    if (!rows.empty() && rows.size() == limit) {
        body["next_cursor"] = platform::api::encode_cursor(cursor_of(rows.back()));
    }
    return ApiResponse::ok(std::move(body));
}

ApiResponse created_at(json::object body, std::string location) {
    ApiResponse response = ApiResponse::created(std::move(body));
    response.headers.push_back({"Location", std::move(location)});
    return response;
}

// The record named by the path's {id}, found by `find(id)`; not_found naming `what`.
template <typename Record, typename IdType, typename Find>
core::Result<Record> of_path(const ApiRequest& request, std::string_view what, Find find) {
    BO_TRY_ASSIGN(const IdType id, IdType::parse(request.param("id")));
    BO_TRY_ASSIGN(auto found, find(id));
    if (!found) {
        return core::Error(core::ErrorCode::not_found, "no such " + std::string(what));
    }
    return std::move(*found);
}

// --- lookups by SKU and code (query strings and bodies)

core::Result<ItemId> item_by_sku(store::Txn& txn,
                                 CompanyId company,
                                 std::string_view sku,
                                 std::string_view field) {
    BO_TRY_ASSIGN(const std::optional<Item> item, find_item(txn, company, sku));
    if (!item) {
        return core::Error::invalid(std::string(field), "is not an item SKU of this company");
    }
    return item->id;
}

core::Result<Warehouse> warehouse_by_code(store::Txn& txn,
                                          CompanyId company,
                                          std::string_view code,
                                          std::string_view field) {
    BO_TRY_ASSIGN(const std::optional<Warehouse> warehouse,
                  find_warehouse_by_code(txn, company, code));
    if (!warehouse) {
        return core::Error::invalid(std::string(field), "is not a warehouse code of this company");
    }
    return *warehouse;
}

// `?name=` as an item (by SKU) or a warehouse (by code); nullopt when absent.
core::Result<std::optional<ItemId>> item_param(store::Txn& txn, const ApiRequest& request) {
    const std::optional<std::string> sku = platform::api::query_param(request.http, "item");
    if (!sku || sku->empty()) {
        return std::optional<ItemId>();
    }
    BO_TRY_ASSIGN(const ItemId id, item_by_sku(txn, request.caller.actor.company, *sku, "item"));
    return std::optional<ItemId>(id);
}

core::Result<std::optional<WarehouseId>> warehouse_param(store::Txn& txn,
                                                         const ApiRequest& request) {
    const std::optional<std::string> code = platform::api::query_param(request.http, "warehouse");
    if (!code || code->empty()) {
        return std::optional<WarehouseId>();
    }
    BO_TRY_ASSIGN(const Warehouse warehouse,
                  warehouse_by_code(txn, request.caller.actor.company, *code, "warehouse"));
    return std::optional<WarehouseId>(warehouse.id);
}

core::Result<std::optional<bool>> bool_param(const ApiRequest& request, std::string_view name) {
    const std::optional<std::string> text = platform::api::query_param(request.http, name);
    if (!text || text->empty()) {
        return std::optional<bool>();
    }
    if (*text == "true" || *text == "false") {
        return std::optional<bool>(*text == "true");
    }
    return core::Error::invalid(std::string(name), "must be true or false");
}

// The functional currency's amount in `text` ("12.50"), or a field error.
std::optional<std::int64_t> money_field(const std::string& text,
                                        core::Currency currency,
                                        const std::string& field,
                                        std::vector<core::FieldError>& errors) {
    const core::Result<core::Money> amount = core::Money::parse(text, currency);
    if (!amount) {
        errors.push_back({field, "must be a decimal string such as \"12.50\" within range"});
        return std::nullopt;
    }
    if (amount->minor < 0) {
        errors.push_back({field, "must not be negative"});
        return std::nullopt;
    }
    return amount->minor;
}

void take_reader_errors(platform::api::BodyReader& reader,
                        const std::string& prefix,
                        std::vector<core::FieldError>& errors) {
    core::Result<void> read = reader.finish();
    if (!read) {
        for (const core::FieldError& error : read.error().fields()) {
            errors.push_back({prefix + error.field, error.reason});
        }
    }
}

// --- items

core::Result<ApiResponse> list_items_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    ItemQuery query;
    query.text = platform::api::query_param(request.http, "q").value_or("");
    if (const auto kind = platform::api::query_param(request.http, "kind");
        kind && !kind->empty()) {
        BO_TRY_ASSIGN(query.kind, parse_item_kind(*kind));
    }
    BO_TRY_ASSIGN(query.active, bool_param(request, "active"));
    std::string sort = platform::api::query_param(request.http, "sort").value_or("id");
    if (!sort.empty() && sort.front() == '-') {
        query.direction = SortDirection::descending;
        sort.erase(0, 1);
    }
    if (sort == "id") {
        query.sort = ItemSort::id;
    } else if (sort == "sku") {
        query.sort = ItemSort::sku;
    } else if (sort == "description") {
        query.sort = ItemSort::description;
    } else if (sort == "created_at") {
        query.sort = ItemSort::created_at;
    } else {
        return core::Error::invalid(
            "sort", "must be id, sku, description or created_at (- for descending)");
    }
    query.after = ItemId(page.after_id);
    query.limit = static_cast<std::int64_t>(page.limit);
    BO_TRY_ASSIGN(const std::vector<Item> items,
                  search_items(txn, request.caller.actor.company, query));
    return page_json(
        items, page.limit, item_json, [](const Item& item) { return item.id.value(); });
}

struct ItemBody {
    NewItem input;
    ItemDetails details;
};

core::Result<ItemBody> read_new_item(store::Txn& txn, const ApiRequest& request) {
    const CompanyId company = request.caller.actor.company;
    BO_TRY_ASSIGN(const core::Currency functional, ledger::functional_currency(txn, company));
    platform::api::BodyReader reader(request.body);
    ItemBody body;
    body.input.sku = reader.required_string("sku", sku_chars_max);
    body.input.description = reader.required_string("description", item_description_chars_max);
    body.input.unit = reader.required_string("unit", unit_chars_max);
    const std::string kind =
        reader.optional_string("kind", wire_name_chars_max).value_or("stocked");
    body.input.currency =
        reader.optional_string("currency", 3).value_or(std::string(functional.code()));
    const std::string price =
        reader.optional_string("price", core::money_text_bytes_max).value_or("0");
    const std::string cost =
        reader.optional_string("standard_cost", core::money_text_bytes_max).value_or("0");
    body.details.weight_g = reader.optional_int("weight_g").value_or(0);
    const std::string point =
        reader.optional_string("reorder_point", quantity_text_chars_max).value_or("0");
    const std::string quantity =
        reader.optional_string("reorder_quantity", quantity_text_chars_max).value_or("0");
    body.details.barcode = reader.optional_string("barcode", barcode_chars_max);
    std::vector<core::FieldError> errors;
    take_reader_errors(reader, "", errors);
    const core::Result<ItemKind> parsed_kind = parse_item_kind(kind);
    if (!parsed_kind) {
        errors.push_back({"kind", "must be one of stocked, service"});
    } else {
        body.input.kind = *parsed_kind;
    }
    const core::Result<core::Currency> currency = core::Currency::create(body.input.currency);
    if (currency) {
        body.input.price_minor = money_field(price, *currency, "price", errors).value_or(0);
        body.input.standard_cost_minor =
            money_field(cost, *currency, "standard_cost", errors).value_or(0);
    }
    for (const auto& [field, text, target] :
         {std::tuple{"reorder_point", &point, &body.details.reorder_point_milli},
          std::tuple{"reorder_quantity", &quantity, &body.details.reorder_quantity_milli}}) {
        const core::Result<Quantity> parsed =
            parse_quantity(*text, body.input.unit, field, Sign::non_negative);
        if (!parsed) {
            errors.push_back({field, parsed.error().fields().front().reason});
        } else {
            *target = parsed->milli;
        }
    }
    if (!errors.empty()) {
        return invalid(std::move(errors), "item");
    }
    return body;
}

core::Result<ApiResponse> create_item_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const ItemBody body, read_new_item(txn, request));
    BO_TRY_ASSIGN(
        const Item item,
        create_item_audited(txn, request.clock, request.caller.actor, body.input, body.details));
    return created_at(item_json(item), "/api/v1/items/" + item.id.to_string());
}

core::Result<Item> item_of_path(store::Txn& txn, const ApiRequest& request) {
    return of_path<Item, ItemId>(request, "item", [&](ItemId id) {
        return find_item_by_id(txn, request.caller.actor.company, id);
    });
}

core::Result<ApiResponse> get_item_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const Item item, item_of_path(txn, request));
    return ApiResponse::ok(item_json(item));
}

core::Result<ApiResponse> patch_item_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const Item item, item_of_path(txn, request));
    json::object top = request.body.is_object() ? request.body.as_object() : json::object();
    ItemChanges changes;
    if (const json::value* barcode = top.if_contains("barcode");
        barcode != nullptr && barcode->is_null()) {
        changes.barcode = std::optional<std::string>();
        top.erase("barcode");
    }
    const json::value rest(std::move(top));
    platform::api::BodyReader reader(rest);
    changes.description = reader.optional_string("description", item_description_chars_max);
    changes.unit = reader.optional_string("unit", unit_chars_max);
    const auto price = reader.optional_string("price", core::money_text_bytes_max);
    const auto cost = reader.optional_string("standard_cost", core::money_text_bytes_max);
    changes.weight_g = reader.optional_int("weight_g");
    const auto point = reader.optional_string("reorder_point", quantity_text_chars_max);
    const auto quantity = reader.optional_string("reorder_quantity", quantity_text_chars_max);
    if (const auto barcode = reader.optional_string("barcode", barcode_chars_max)) {
        changes.barcode = barcode;
    }
    changes.active = reader.optional_bool("active");
    std::vector<core::FieldError> errors;
    take_reader_errors(reader, "", errors);
    if (price) {
        changes.price_minor = money_field(*price, item.price.currency, "price", errors);
    }
    if (cost) {
        changes.standard_cost_minor =
            money_field(*cost, item.price.currency, "standard_cost", errors);
    }
    const std::string unit = changes.unit.value_or(item.unit);
    for (const auto& [field, text, target] :
         {std::tuple{"reorder_point", &point, &changes.reorder_point_milli},
          std::tuple{"reorder_quantity", &quantity, &changes.reorder_quantity_milli}}) {
        if (!*text) {
            continue;
        }
        const core::Result<Quantity> parsed =
            parse_quantity(**text, unit, field, Sign::non_negative);
        if (!parsed) {
            errors.push_back({field, parsed.error().fields().front().reason});
        } else {
            *target = parsed->milli;
        }
    }
    if (!errors.empty()) {
        return invalid(std::move(errors), "item");
    }
    BO_TRY_ASSIGN(const Item updated,
                  update_item(txn, request.clock, request.caller.actor, item.id, changes));
    return ApiResponse::ok(item_json(updated));
}

core::Result<ApiResponse> list_units_route(store::Txn&, const ApiRequest&) {
    json::array items;
    for (const Unit& unit : units()) {
        items.push_back(
            json::object{{"code", unit.code}, {"name", unit.name}, {"decimals", unit.decimals}});
    }
    return ApiResponse::ok(json::object{{"items", std::move(items)}});
}

// --- warehouses

core::Result<ApiResponse> list_warehouses_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    BO_TRY_ASSIGN(const std::vector<Warehouse> warehouses,
                  list_warehouses(txn,
                                  request.caller.actor.company,
                                  WarehouseId(page.after_id),
                                  static_cast<std::int64_t>(page.limit)));
    return page_json(warehouses, page.limit, warehouse_json, [](const Warehouse& warehouse) {
        return warehouse.id.value();
    });
}

core::Result<ApiResponse> create_warehouse_route(store::Txn& txn, const ApiRequest& request) {
    platform::api::BodyReader reader(request.body);
    NewWarehouse input;
    input.code = reader.required_string("code", warehouse_code_chars_max);
    input.name = reader.required_string("name", warehouse_name_chars_max);
    input.address = reader.optional_string("address", address_chars_max).value_or("");
    input.bins = reader.string_list("bins", bin_code_chars_max, warehouse_bins_max);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const Warehouse warehouse,
                  create_warehouse(txn, request.clock, request.caller.actor, input));
    return created_at(warehouse_json(warehouse), "/api/v1/warehouses/" + warehouse.id.to_string());
}

core::Result<Warehouse> warehouse_of_path(store::Txn& txn, const ApiRequest& request) {
    return of_path<Warehouse, WarehouseId>(request, "warehouse", [&](WarehouseId id) {
        return find_warehouse(txn, request.caller.actor.company, id);
    });
}

core::Result<ApiResponse> get_warehouse_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const Warehouse warehouse, warehouse_of_path(txn, request));
    return ApiResponse::ok(warehouse_json(warehouse));
}

core::Result<ApiResponse> patch_warehouse_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const Warehouse warehouse, warehouse_of_path(txn, request));
    platform::api::BodyReader reader(request.body);
    WarehouseChanges changes;
    changes.name = reader.optional_string("name", warehouse_name_chars_max);
    changes.address = reader.optional_string("address", address_chars_max);
    changes.active = reader.optional_bool("active");
    changes.add_bins = reader.string_list("add_bins", bin_code_chars_max, warehouse_bins_max);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(
        const Warehouse updated,
        update_warehouse(txn, request.clock, request.caller.actor, warehouse.id, changes));
    return ApiResponse::ok(warehouse_json(updated));
}

// --- stock documents: reading bodies

// Which head fields a document body has.
enum class DocumentShape {
    one_warehouse,  // "warehouse", "date", "reference" (receipts, adjustments)
    transfer,       // "from", "to", "date", "reference"
    count,          // "warehouse", "date"
};

struct DocumentHead {
    std::optional<Warehouse> warehouse;  // "warehouse", or a transfer's "from"
    std::optional<Warehouse> to;         // a transfer's "to"
    std::optional<core::Date> date;
    std::string reference;

    [[nodiscard]] WarehouseId warehouse_id() const {
        return warehouse ? warehouse->id : WarehouseId();
    }

    [[nodiscard]] core::Date date_or_epoch() const {
        return date.value_or(core::Date::from_days_since_epoch(0).value());
    }
};

// A document body: its head, its "lines" array, and every problem found so far.
struct DocumentBody {
    DocumentHead head;
    json::array lines;
    std::vector<core::FieldError> errors;
};

std::optional<Warehouse> read_warehouse(store::Txn& txn,
                                        CompanyId company,
                                        platform::api::BodyReader& reader,
                                        std::string_view field,
                                        core::Result<void>& failure) {
    const std::string code = reader.required_string(field, warehouse_code_chars_max);
    if (code.empty()) {
        return std::nullopt;
    }
    core::Result<Warehouse> found = warehouse_by_code(txn, company, code, field);
    if (!found) {
        if (found.error().code() == core::ErrorCode::invalid_argument) {
            reader.reject(std::string(field), found.error().fields().front().reason);
        } else {
            failure = found.error();
        }
        return std::nullopt;
    }
    return *found;
}

std::optional<core::Date> read_date(platform::api::BodyReader& reader, std::string_view field) {
    const std::string text = reader.required_string(field, 10);
    const core::Result<core::Date> date = core::Date::parse(text);
    if (!text.empty() && !date) {
        reader.reject(std::string(field), "must be a date YYYY-MM-DD");
    }
    return date ? std::optional<core::Date>(*date) : std::nullopt;
}

core::Result<DocumentBody> read_document(store::Txn& txn,
                                         const ApiRequest& request,
                                         DocumentShape shape) {
    const CompanyId company = request.caller.actor.company;
    json::object top = request.body.is_object() ? request.body.as_object() : json::object();
    DocumentBody body;
    if (const json::value* lines = top.if_contains("lines");
        lines != nullptr && lines->is_array()) {
        body.lines = lines->as_array();
    } else {
        body.errors.push_back({"lines", "is required: an array of lines"});
    }
    if (body.lines.size() > document_lines_max) {
        body.errors.push_back(
            {"lines", "must have at most " + std::to_string(document_lines_max) + " lines"});
        body.lines.clear();
    }
    top.erase("lines");
    const json::value rest(std::move(top));  // the reader keeps a pointer: must outlive it
    platform::api::BodyReader reader(rest);
    core::Result<void> failure = core::ok();
    const bool transfer = shape == DocumentShape::transfer;
    body.head.warehouse =
        read_warehouse(txn, company, reader, transfer ? "from" : "warehouse", failure);
    if (transfer) {
        body.head.to = read_warehouse(txn, company, reader, "to", failure);
    }
    body.head.date = read_date(reader, "date");
    if (shape != DocumentShape::count) {
        body.head.reference = reader.optional_string("reference", reference_chars_max).value_or("");
    }
    BO_TRY(failure);
    take_reader_errors(reader, "", body.errors);
    return body;
}

// The item of a line (by SKU) and its quantity parsed in the item's unit.
struct LineItem {
    std::optional<Item> item;
    std::optional<Quantity> quantity;
};

// The field that holds a line's quantity and which signs it takes.
struct QuantityField {
    std::string_view name;  // "quantity", "counted"
    Sign sign = Sign::positive;
};

core::Result<LineItem> read_line_item(store::Txn& txn,
                                      CompanyId company,
                                      platform::api::BodyReader& reader,
                                      QuantityField quantity_field,
                                      const std::string& prefix,
                                      std::vector<core::FieldError>& errors) {
    const std::string sku = reader.required_string("item", sku_chars_max);
    const std::string text = reader.required_string(quantity_field.name, quantity_text_chars_max);
    LineItem line;
    if (!sku.empty()) {
        BO_TRY_ASSIGN(line.item, find_item(txn, company, sku));
        if (!line.item) {
            errors.push_back({prefix + "item", "is not an item SKU of this company"});
        }
    }
    if (line.item && !text.empty()) {
        core::Result<Quantity> quantity = parse_quantity(
            text, line.item->unit, prefix + std::string(quantity_field.name), quantity_field.sign);
        if (!quantity) {
            errors.push_back(quantity.error().fields().front());
        } else {
            line.quantity = *quantity;
        }
    }
    return line;
}

std::optional<BinId> read_bin(platform::api::BodyReader& reader,
                              const std::optional<Warehouse>& warehouse,
                              std::string_view field,
                              const std::string& prefix,
                              std::vector<core::FieldError>& errors) {
    const std::optional<std::string> code = reader.optional_string(field, bin_code_chars_max);
    if (!code || !warehouse) {
        return std::nullopt;
    }
    for (const Bin& bin : warehouse->bins) {
        if (bin.code == *code) {
            return bin.id;
        }
    }
    errors.push_back({prefix + std::string(field), "is not a bin of the warehouse"});
    return std::nullopt;
}

// Reads every line of `body`: its item (by SKU) and quantity (in the item's unit, from
// `quantity_field`), then the rest of the line through `read_rest(reader, prefix, item,
// quantity)`, which keeps the line when it is whole; problems go to body.errors.
template <typename ReadRest>
core::Result<void> read_lines(store::Txn& txn,
                              CompanyId company,
                              DocumentBody& body,
                              QuantityField quantity_field,
                              ReadRest read_rest) {
    for (std::size_t index = 0; index < body.lines.size(); ++index) {
        const std::string prefix = "lines/" + std::to_string(index) + "/";
        platform::api::BodyReader reader(body.lines[index]);
        BO_TRY_ASSIGN(const LineItem line,
                      read_line_item(txn, company, reader, quantity_field, prefix, body.errors));
        read_rest(reader, prefix, line);
        take_reader_errors(reader, prefix, body.errors);
    }
    return core::ok();
}

core::Result<Receipt> read_receipt(store::Txn& txn, const ApiRequest& request) {
    const CompanyId company = request.caller.actor.company;
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    BO_TRY_ASSIGN(DocumentBody body, read_document(txn, request, DocumentShape::one_warehouse));
    Receipt receipt{.warehouse = body.head.warehouse_id(),
                    .date = body.head.date_or_epoch(),
                    .reference = body.head.reference,
                    .lines = {},
                    .offset_account = std::nullopt};
    auto& errors = body.errors;
    BO_TRY(read_lines(
        txn,
        company,
        body,
        {"quantity", Sign::positive},
        [&](platform::api::BodyReader& reader, const std::string& prefix, const LineItem& line) {
            const std::string cost_text =
                reader.required_string("unit_cost", core::money_text_bytes_max);
            const std::optional<BinId> bin =
                read_bin(reader, body.head.warehouse, "bin", prefix, errors);
            const std::optional<std::int64_t> expected = reader.optional_int("expected_receipt_id");
            const std::optional<std::int64_t> cost =
                cost_text.empty() ? std::nullopt
                                  : money_field(cost_text, currency, prefix + "unit_cost", errors);
            if (line.item && line.quantity && cost) {
                receipt.lines.push_back(
                    {.item = line.item->id,
                     .quantity = *line.quantity,
                     .unit_cost_minor = *cost,
                     .bin = bin,
                     .expected =
                         expected ? std::optional(ExpectedReceiptId(*expected)) : std::nullopt});
            }
        }));
    if (!errors.empty()) {
        return invalid(std::move(errors), "receipt");
    }
    return receipt;
}

core::Result<Transfer> read_transfer(store::Txn& txn, const ApiRequest& request) {
    const CompanyId company = request.caller.actor.company;
    BO_TRY_ASSIGN(DocumentBody body, read_document(txn, request, DocumentShape::transfer));
    Transfer input{.from = body.head.warehouse_id(),
                   .to = body.head.to ? body.head.to->id : WarehouseId(),
                   .date = body.head.date_or_epoch(),
                   .reference = body.head.reference,
                   .lines = {}};
    auto& errors = body.errors;
    BO_TRY(read_lines(
        txn,
        company,
        body,
        {"quantity", Sign::positive},
        [&](platform::api::BodyReader& reader, const std::string& prefix, const LineItem& line) {
            const std::optional<BinId> bin =
                read_bin(reader, body.head.to, "to_bin", prefix, errors);
            if (line.item && line.quantity) {
                input.lines.push_back({line.item->id, *line.quantity, bin});
            }
        }));
    if (!errors.empty()) {
        return invalid(std::move(errors), "transfer");
    }
    return input;
}

core::Result<Adjustment> read_adjustment(store::Txn& txn, const ApiRequest& request) {
    const CompanyId company = request.caller.actor.company;
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    BO_TRY_ASSIGN(DocumentBody body, read_document(txn, request, DocumentShape::one_warehouse));
    Adjustment input{.warehouse = body.head.warehouse_id(),
                     .date = body.head.date_or_epoch(),
                     .reference = body.head.reference,
                     .lines = {}};
    auto& errors = body.errors;
    BO_TRY(read_lines(
        txn,
        company,
        body,
        {"quantity", Sign::any_nonzero},
        [&](platform::api::BodyReader& reader, const std::string& prefix, const LineItem& line) {
            const std::string reason_text = reader.required_string("reason", wire_name_chars_max);
            const std::optional<std::string> cost_text =
                reader.optional_string("unit_cost", core::money_text_bytes_max);
            const std::optional<BinId> bin =
                read_bin(reader, body.head.warehouse, "bin", prefix, errors);
            const core::Result<AdjustmentReason> reason =
                parse_adjustment_reason(reason_text, prefix + "reason");
            if (!reason_text.empty() && !reason) {
                errors.push_back(reason.error().fields().front());
            }
            std::optional<std::int64_t> cost;
            if (cost_text) {
                cost = money_field(*cost_text, currency, prefix + "unit_cost", errors);
            }
            if (line.item && line.quantity && reason && (!cost_text || cost)) {
                input.lines.push_back({.item = line.item->id,
                                       .quantity = *line.quantity,
                                       .reason = *reason,
                                       .unit_cost_minor = cost,
                                       .bin = bin});
            }
        }));
    if (!errors.empty()) {
        return invalid(std::move(errors), "adjustment");
    }
    return input;
}

// --- stock documents: routes

// A stock document's route: read the body, run the operation's read-only checks (bad input
// found by either is a 422 before anything is written), then the operation.
template <typename Input>
platform::api::ApiHandler document_route(
    core::Result<Input> (*read)(store::Txn&, const ApiRequest&),
    core::Result<void> (*check)(store::Txn&, const ledger::Actor&, const Input&),
    core::Result<StockDocument> (*run)(store::Txn&,
                                       const core::Clock&,
                                       const ledger::Actor&,
                                       const Input&,
                                       const ArrivalListener&),
    ArrivalListener listener) {
    return [=](store::Txn& txn, const ApiRequest& request) -> core::Result<ApiResponse> {
        const ledger::Actor& actor = request.caller.actor;
        core::Result<Input> input = read(txn, request);
        if (!input) {
            return refuse(input.error());
        }
        if (core::Result<void> checked = check(txn, actor, *input); !checked) {
            return refuse(checked.error());
        }
        BO_TRY_ASSIGN(const StockDocument document,
                      run(txn, request.clock, actor, *input, listener));
        return ApiResponse::created(document_json(document));
    };
}

core::Result<Count> read_count(store::Txn& txn, const ApiRequest& request) {
    const CompanyId company = request.caller.actor.company;
    BO_TRY_ASSIGN(DocumentBody body, read_document(txn, request, DocumentShape::count));
    Count input{
        .warehouse = body.head.warehouse_id(), .date = body.head.date_or_epoch(), .lines = {}};
    BO_TRY(read_lines(txn,
                      company,
                      body,
                      {"counted", Sign::non_negative},
                      [&](platform::api::BodyReader&, const std::string&, const LineItem& line) {
                          if (line.item && line.quantity) {
                              input.lines.push_back({line.item->id, *line.quantity});
                          }
                      }));
    if (!body.errors.empty()) {
        return invalid(std::move(body.errors), "count");
    }
    return input;
}

platform::api::ApiHandler count_route(const ArrivalListener& listener) {
    return [listener](store::Txn& txn, const ApiRequest& request) -> core::Result<ApiResponse> {
        core::Result<Count> input = read_count(txn, request);
        if (!input) {
            return refuse(input.error());
        }
        BO_TRY_ASSIGN(const StockDocument document,
                      count(txn, request.clock, request.caller.actor, *input, listener));
        return ApiResponse::created(document_json(document));
    };
}

// --- planned receipts

core::Result<ApiResponse> list_planned_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    BO_TRY_ASSIGN(const std::optional<ItemId> item, item_param(txn, request));
    BO_TRY_ASSIGN(const std::optional<WarehouseId> warehouse, warehouse_param(txn, request));
    BO_TRY_ASSIGN(const std::vector<ExpectedReceipt> planned,
                  list_planned_receipts(txn,
                                        request.caller.actor.company,
                                        item,
                                        warehouse,
                                        ExpectedReceiptId(page.after_id),
                                        static_cast<std::int64_t>(page.limit)));
    return page_json(planned, page.limit, planned_json, [](const ExpectedReceipt& receipt) {
        return receipt.id.value();
    });
}

core::Result<ApiResponse> plan_route(store::Txn& txn, const ApiRequest& request) {
    const CompanyId company = request.caller.actor.company;
    platform::api::BodyReader reader(request.body);
    core::Result<void> failure = core::ok();
    const std::optional<Warehouse> warehouse =
        read_warehouse(txn, company, reader, "warehouse", failure);
    const std::optional<core::Date> date = read_date(reader, "expected_date");
    const std::string reference =
        reader.optional_string("reference", reference_chars_max).value_or("");
    std::vector<core::FieldError> errors;
    BO_TRY_ASSIGN(const LineItem line,
                  read_line_item(txn, company, reader, {"quantity", Sign::positive}, "", errors));
    BO_TRY(failure);
    take_reader_errors(reader, "", errors);
    if (!errors.empty() || !warehouse || !date || !line.item || !line.quantity) {
        if (errors.empty()) {
            errors.push_back({"item", "is required"});
        }
        return refuse(invalid(std::move(errors), "planned receipt"));
    }
    BO_TRY_ASSIGN(const ExpectedReceipt planned,
                  plan_receipt(txn,
                               request.clock,
                               request.caller.actor,
                               {.item = line.item->id,
                                .warehouse = warehouse->id,
                                .expected_date = *date,
                                .quantity = *line.quantity,
                                .reference = reference}));
    return ApiResponse::created(planned_json(planned));
}

core::Result<ApiResponse> cancel_planned_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY(platform::api::BodyReader(request.body).finish());
    BO_TRY_ASSIGN(const ExpectedReceiptId id, ExpectedReceiptId::parse(request.param("id")));
    BO_TRY_ASSIGN(const ExpectedReceipt cancelled,
                  cancel_planned_receipt(txn, request.clock, request.caller.actor, id));
    return ApiResponse::ok(planned_json(cancelled));
}

// --- views

core::Result<ApiResponse> stock_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    StockQuery query;
    BO_TRY_ASSIGN(query.item, item_param(txn, request));
    BO_TRY_ASSIGN(query.warehouse, warehouse_param(txn, request));
    BO_TRY_ASSIGN(const std::optional<bool> below, bool_param(request, "below_reorder"));
    query.below_reorder = below.value_or(false);
    query.offset = page.after_id;  // the stock view's cursor counts rows
    query.limit = static_cast<std::int64_t>(page.limit);
    BO_TRY_ASSIGN(const std::vector<StockRow> rows,
                  list_stock(txn, request.caller.actor.company, query));
    json::array items;
    for (const StockRow& row : rows) {
        const StockLevel& level = row.level;
        items.push_back(json::object{{"item_id", level.item.value()},
                                     {"sku", row.sku},
                                     {"unit", row.unit},
                                     {"warehouse_id", level.warehouse.value()},
                                     {"bin", row.bin ? json::value(row.bin_code) : nullptr},
                                     {"on_hand", format_quantity(level.on_hand)},
                                     {"reserved", format_quantity(level.reserved)},
                                     {"available", format_quantity(level.available())},
                                     {"on_order", format_quantity(level.on_order)},
                                     {"backordered", format_quantity(level.backordered)},
                                     {"reorder_point", format_quantity({row.reorder_point_milli})},
                                     {"average_cost", level.average_cost.format()},
                                     {"value", row.value.format()},
                                     {"currency", row.value.currency.code()}});
    }
    json::object body{{"items", std::move(items)}};
    if (rows.size() == page.limit) {
        body["next_cursor"] =
            platform::api::encode_cursor(query.offset + static_cast<std::int64_t>(rows.size()));
    }
    return ApiResponse::ok(std::move(body));
}

core::Result<ApiResponse> movements_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    MovementQuery query;
    BO_TRY_ASSIGN(query.item, item_param(txn, request));
    BO_TRY_ASSIGN(query.warehouse, warehouse_param(txn, request));
    query.after = MovementId(page.after_id);
    query.limit = static_cast<std::int64_t>(page.limit);
    BO_TRY_ASSIGN(const std::vector<Movement> movements,
                  list_movements(txn, request.caller.actor.company, query));
    return page_json(movements, page.limit, movement_json, [](const Movement& movement) {
        return movement.id.value();
    });
}

core::Result<ApiResponse> reorder_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const std::optional<WarehouseId> warehouse, warehouse_param(txn, request));
    BO_TRY_ASSIGN(const std::vector<ReorderLine> report,
                  reorder_report(txn, request.caller.actor.company, warehouse));
    json::array items;
    for (const ReorderLine& line : report) {
        items.push_back(json::object{{"item_id", line.item.value()},
                                     {"sku", line.sku},
                                     {"description", line.description},
                                     {"unit", line.unit},
                                     {"on_hand", format_quantity(line.on_hand)},
                                     {"reserved", format_quantity(line.reserved)},
                                     {"on_order", format_quantity(line.on_order)},
                                     {"backordered", format_quantity(line.backordered)},
                                     {"position", format_quantity(line.position)},
                                     {"reorder_point", format_quantity(line.reorder_point)},
                                     {"reorder_quantity", format_quantity(line.reorder_quantity)},
                                     {"suggested", format_quantity(line.suggested)},
                                     {"basis", to_string(line.basis)}});
    }
    return ApiResponse::ok(json::object{{"items", std::move(items)}});
}

// --- settings

core::Result<ApiResponse> get_settings_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const InventorySettings settings,
                  inventory_settings(txn, request.caller.actor.company));
    return ApiResponse::ok(settings_json(settings));
}

core::Result<ApiResponse> put_settings_route(store::Txn& txn, const ApiRequest& request) {
    platform::api::BodyReader reader(request.body);
    constexpr std::size_t number_chars_max = 20;
    InventorySettings settings;
    settings.inventory_account = reader.required_string("inventory_account", number_chars_max);
    settings.cogs_account = reader.required_string("cogs_account", number_chars_max);
    settings.adjustments_account = reader.required_string("adjustments_account", number_chars_max);
    settings.receipt_offset_account =
        reader.required_string("receipt_offset_account", number_chars_max);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const InventorySettings stored,
                  set_inventory_settings(txn, request.clock, request.caller.actor, settings));
    return ApiResponse::ok(settings_json(stored));
}

}  // namespace

// NOLINTNEXTLINE(readability-function-size): the route table, readable in one place.
void add_inventory_routes(platform::api::Api& api, const InventoryRouteOptions& options) {
    using http::Method;
    using store::TxnMode;

    struct Row {
        Method method;
        std::string_view pattern;
        std::string_view permission;
        TxnMode mode;
        std::string_view summary;
        platform::api::ApiHandler handler;
    };

    const ArrivalListener& arrivals = options.on_arrival;
    const std::vector<Row> table{
        {Method::get,
         "items",
         read_permission,
         TxnMode::read_only,
         "List items (?q&kind&active&sort&limit&cursor)",
         list_items_route},
        {Method::post,
         "items",
         manage_permission,
         TxnMode::read_write,
         "Create an item",
         create_item_route},
        {Method::get,
         "items/{id}",
         read_permission,
         TxnMode::read_only,
         "Get one item",
         get_item_route},
        {Method::patch,
         "items/{id}",
         manage_permission,
         TxnMode::read_write,
         "Change an item's description, unit, prices, weight, reorder figures, barcode, active",
         patch_item_route},
        {Method::get,
         "units",
         read_permission,
         TxnMode::read_only,
         "List the units of measure and their decimals",
         list_units_route},
        {Method::get,
         "warehouses",
         read_permission,
         TxnMode::read_only,
         "List warehouses with their bins",
         list_warehouses_route},
        {Method::post,
         "warehouses",
         manage_permission,
         TxnMode::read_write,
         "Create a warehouse with bins",
         create_warehouse_route},
        {Method::get,
         "warehouses/{id}",
         read_permission,
         TxnMode::read_only,
         "Get one warehouse with its bins",
         get_warehouse_route},
        {Method::patch,
         "warehouses/{id}",
         manage_permission,
         TxnMode::read_write,
         "Change a warehouse's name, address, active flag; add bins",
         patch_warehouse_route},
        {Method::get,
         "stock",
         read_permission,
         TxnMode::read_only,
         "Stock per item and warehouse (?item&warehouse&below_reorder)",
         stock_route},
        {Method::get,
         "stock/movements",
         read_permission,
         TxnMode::read_only,
         "Movement history (?item&warehouse; paginated)",
         movements_route},
        {Method::post,
         "stock/receipts",
         manage_permission,
         TxnMode::read_write,
         "Receive stock (posts Dr inventory / Cr receipt offset)",
         document_route<Receipt>(read_receipt, check_receipt, receive, arrivals)},
        {Method::post,
         "stock/transfers",
         manage_permission,
         TxnMode::read_write,
         "Transfer stock between warehouses (no ledger effect)",
         document_route<Transfer>(read_transfer, check_transfer, transfer, arrivals)},
        {Method::post,
         "stock/adjustments",
         manage_permission,
         TxnMode::read_write,
         "Adjust stock with reasons (posts against inventory adjustments)",
         document_route<Adjustment>(read_adjustment, check_adjustment, adjust, arrivals)},
        {Method::post,
         "stock/counts",
         manage_permission,
         TxnMode::read_write,
         "Record a physical count; differences become adjustments",
         count_route(arrivals)},
        {Method::get,
         "stock/planned-receipts",
         read_permission,
         TxnMode::read_only,
         "Open planned receipts (?item&warehouse)",
         list_planned_route},
        {Method::post,
         "stock/planned-receipts",
         manage_permission,
         TxnMode::read_write,
         "Plan a receipt (counted as on order)",
         plan_route},
        {Method::post,
         "stock/planned-receipts/{id}/cancel",
         manage_permission,
         TxnMode::read_write,
         "Cancel what is still to come of a planned receipt",
         cancel_planned_route},
        {Method::get,
         "stock/reorder-report",
         read_permission,
         TxnMode::read_only,
         "Items below their reorder point with suggested quantities (?warehouse)",
         reorder_route},
        {Method::get,
         "inventory/settings",
         read_permission,
         TxnMode::read_only,
         "The ledger accounts inventory posts to",
         get_settings_route},
        {Method::put,
         "inventory/settings",
         manage_permission,
         TxnMode::read_write,
         "Set the ledger accounts inventory posts to",
         put_settings_route},
    };
    for (const Row& row : table) {
        api.add(platform::api::ApiRoute{row.method,
                                        "/api/v1/" + std::string(row.pattern),
                                        std::string(row.permission),
                                        http::Access::permission_required,
                                        row.mode,
                                        std::string(row.summary),
                                        row.handler});
    }
}

}  // namespace bo::modules::inventory
