// Handlers of customers, price lists and tax rates, and the sales module's route table.
#include "modules/sales/routes.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "modules/sales/pricing.hpp"
#include "modules/sales/route_support.hpp"
#include "modules/sales/service.hpp"
#include "platform/api/json.hpp"

namespace bo::modules::sales {
namespace {

namespace json = boost::json;
using internal::decimal_chars_max;
using internal::manage_permission;
using internal::read_permission;
using internal::sku_chars_max;
using platform::api::ApiRequest;
using platform::api::ApiResponse;
using platform::api::BodyReader;

// 16 characters for an enum's wire name, so that a wrong value gets "must be one of".
constexpr std::size_t wire_name_chars_max = 16;

json::object customer_json(const Customer& customer, bool with_details) {
    json::object body = customer_record(customer);
    body["id"] = customer.id.value();
    body["created_at"] = customer.created_at.to_rfc3339();
    body["updated_at"] = customer.updated_at.to_rfc3339();
    if (with_details) {
        json::array addresses;
        for (const Address& address : customer.addresses) {
            addresses.push_back(json::object{{"kind", to_string(address.kind)},
                                             {"default", address.is_default},
                                             {"name", address.name},
                                             {"line1", address.line1},
                                             {"line2", address.line2},
                                             {"city", address.city},
                                             {"region", address.region},
                                             {"postal_code", address.postal_code},
                                             {"country", address.country}});
        }
        json::array contacts;
        for (const Contact& contact : customer.contacts) {
            contacts.push_back(json::object{{"name", contact.name},
                                            {"email", contact.email},
                                            {"phone", contact.phone},
                                            {"role", contact.role}});
        }
        body["addresses"] = std::move(addresses);
        body["contacts"] = std::move(contacts);
    }
    return body;
}

Address read_address(BodyReader& reader) {
    const std::string kind = reader.required_string("kind", wire_name_chars_max);
    core::Result<AddressKind> parsed = parse_address_kind(kind);
    if (!kind.empty() && !parsed) {
        reader.reject("kind", "must be one of billing, shipping");
    }
    return Address{
        .kind = parsed.ok() ? *parsed : AddressKind::billing,
        .is_default = reader.optional_bool("default").value_or(false),
        .name = reader.optional_string("name", customer_name_chars_max).value_or(""),
        .line1 = reader.optional_string("line1", address_line_chars_max).value_or(""),
        .line2 = reader.optional_string("line2", address_line_chars_max).value_or(""),
        .city = reader.optional_string("city", city_chars_max).value_or(""),
        .region = reader.optional_string("region", city_chars_max).value_or(""),
        .postal_code = reader.optional_string("postal_code", postal_code_chars_max).value_or(""),
        .country = reader.optional_string("country", 2).value_or("")};
}

Contact read_contact(BodyReader& reader) {
    return Contact{.name = reader.optional_string("name", customer_name_chars_max).value_or(""),
                   .email = reader.optional_string("email", customer_name_chars_max).value_or(""),
                   .phone = reader.optional_string("phone", phone_chars_max).value_or(""),
                   .role = reader.optional_string("role", contact_role_chars_max).value_or("")};
}

// The addresses and contacts of a body, when given.
struct CustomerLists {
    std::optional<std::vector<Address>> addresses;
    std::optional<std::vector<Contact>> contacts;
};

CustomerLists read_lists(const internal::SplitBody& split, std::vector<core::FieldError>& errors) {
    CustomerLists lists;
    if (const auto found = split.arrays.find("addresses"); found != split.arrays.end()) {
        lists.addresses = internal::read_objects<Address>(
            found->second, "addresses", customer_addresses_max, read_address, errors);
    }
    if (const auto found = split.arrays.find("contacts"); found != split.arrays.end()) {
        lists.contacts = internal::read_objects<Contact>(
            found->second, "contacts", customer_contacts_max, read_contact, errors);
    }
    return lists;
}

// A credit limit as decimal text in `currency` (any currency when it is unknown: the service
// names the currency field), in minor units; records a field error when malformed.
std::optional<std::int64_t> read_credit_limit(BodyReader& reader, std::string_view currency) {
    const std::optional<std::string> text =
        reader.optional_string("credit_limit", decimal_chars_max);
    if (!text) {
        return std::nullopt;
    }
    core::Result<core::Currency> parsed = core::Currency::create(currency);
    if (!parsed) {
        return std::nullopt;
    }
    core::Result<core::Money> limit = core::Money::parse(*text, *parsed);
    if (!limit) {
        reader.reject("credit_limit", "must be an amount in " + std::string(currency));
        return std::nullopt;
    }
    return limit->minor;
}

core::Result<CustomerId> customer_id(const ApiRequest& request) {
    return CustomerId::parse(request.param("id"));
}

core::Result<ApiResponse> list_customers_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    CustomerQuery query{.text = platform::api::query_param(request.http, "q").value_or(""),
                        .status = std::nullopt,
                        .sort = CustomerSort::created,
                        .direction = SortDirection::ascending,
                        .after_id = CustomerId(page.after_id),
                        .limit = static_cast<std::int64_t>(page.limit)};
    if (const auto status = platform::api::query_param(request.http, "status")) {
        BO_TRY_ASSIGN(query.status, parse_customer_status(*status));
    }
    if (auto sort = platform::api::query_param(request.http, "sort")) {
        if (sort->starts_with('-')) {
            query.direction = SortDirection::descending;
            sort->erase(0, 1);
        }
        if (*sort == "number") {
            query.sort = CustomerSort::number;
        } else if (*sort == "name") {
            query.sort = CustomerSort::name;
        } else if (*sort != "created") {
            return core::Error::invalid("sort",
                                        "must be number, name or created, with - for descending");
        }
    }
    BO_TRY_ASSIGN(const std::vector<Customer> customers,
                  search_customers(txn, request.caller.actor.company, query));
    json::array items;
    for (const Customer& customer : customers) {
        items.push_back(customer_json(customer, false));
    }
    json::object body{{"items", std::move(items)}};
    if (customers.size() == page.limit) {
        body["next_cursor"] = platform::api::encode_cursor(customers.back().id.value());
    }
    return ApiResponse::ok(std::move(body));
}

core::Result<ApiResponse> create_customer_route(store::Txn& txn, const ApiRequest& request) {
    const internal::SplitBody split = internal::split_body(request.body, {"addresses", "contacts"});
    BodyReader reader(split.rest);
    NewCustomer input{
        .number = reader.required_string("number", customer_number_chars_max),
        .name = reader.required_string("name", customer_name_chars_max),
        .email = reader.optional_string("email", customer_name_chars_max).value_or(""),
        .phone = reader.optional_string("phone", phone_chars_max).value_or(""),
        .city = reader.optional_string("city", city_chars_max).value_or(""),
        .country = reader.optional_string("country", 2).value_or(""),
        .currency = reader.required_string("currency", 3),
        .credit_limit_minor = 0,
        .payment_terms_days = reader.optional_int("payment_terms_days").value_or(30),
        .status = CustomerStatus::active};
    input.credit_limit_minor = read_credit_limit(reader, input.currency).value_or(0);
    CustomerDetails details{
        .tax_category =
            reader.optional_string("tax_category", wire_name_chars_max).value_or("taxable"),
        .price_list = reader.optional_string("price_list", pricing_code_chars_max).value_or(""),
        .salesperson_id = reader.optional_int("salesperson_id").value_or(0),
        .addresses = {},
        .contacts = {}};
    std::vector<core::FieldError> errors;
    CustomerLists lists = read_lists(split, errors);
    BO_TRY(internal::all_fields_ok(reader.finish(), std::move(errors), "customer"));
    details.addresses = lists.addresses.value_or(std::vector<Address>{});
    details.contacts = lists.contacts.value_or(std::vector<Contact>{});
    BO_TRY_ASSIGN(const Customer customer,
                  create_customer(txn, request.clock, request.caller.actor, input, details));
    ApiResponse response = ApiResponse::created(customer_json(customer, true));
    response.headers.push_back({"Location", "/api/v1/customers/" + customer.id.to_string()});
    return response;
}

core::Result<ApiResponse> get_customer_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const CustomerId id, customer_id(request));
    BO_TRY_ASSIGN(const std::optional<Customer> customer,
                  get_customer(txn, request.caller.actor.company, id));
    if (!customer) {
        return core::Error(core::ErrorCode::not_found, "no such customer");
    }
    return ApiResponse::ok(customer_json(*customer, true));
}

core::Result<ApiResponse> update_customer_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const CustomerId id, customer_id(request));
    BO_TRY_ASSIGN(const std::optional<Customer> existing,
                  get_customer(txn, request.caller.actor.company, id));
    if (!existing) {
        return core::Error(core::ErrorCode::not_found, "no such customer");
    }
    const internal::SplitBody split = internal::split_body(request.body, {"addresses", "contacts"});
    BodyReader reader(split.rest);
    CustomerPatch patch{.name = reader.optional_string("name", customer_name_chars_max),
                        .email = reader.optional_string("email", customer_name_chars_max),
                        .phone = reader.optional_string("phone", phone_chars_max),
                        .city = reader.optional_string("city", city_chars_max),
                        .country = reader.optional_string("country", 2),
                        .credit_limit_minor = read_credit_limit(reader, existing->currency.code()),
                        .payment_terms_days = reader.optional_int("payment_terms_days"),
                        .tax_category = reader.optional_string("tax_category", wire_name_chars_max),
                        .price_list = reader.optional_string("price_list", pricing_code_chars_max),
                        .salesperson_id = reader.optional_int("salesperson_id"),
                        .addresses = std::nullopt,
                        .contacts = std::nullopt};
    std::vector<core::FieldError> errors;
    CustomerLists lists = read_lists(split, errors);
    BO_TRY(internal::all_fields_ok(reader.finish(), std::move(errors), "customer"));
    patch.addresses = std::move(lists.addresses);
    patch.contacts = std::move(lists.contacts);
    BO_TRY_ASSIGN(const Customer customer,
                  update_customer(txn, request.clock, request.caller.actor, id, patch));
    return ApiResponse::ok(customer_json(customer, true));
}

core::Result<ApiResponse> hold_customer_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const CustomerId id, customer_id(request));
    BodyReader reader(request.body);
    const std::string reason = reader.required_string("reason", hold_reason_chars_max);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const Customer customer,
                  hold_customer(txn, request.clock, request.caller.actor, id, reason));
    return ApiResponse::ok(customer_json(customer, true));
}

core::Result<ApiResponse> release_customer_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const CustomerId id, customer_id(request));
    BO_TRY(BodyReader(request.body).finish());
    BO_TRY_ASSIGN(const Customer customer,
                  release_customer(txn, request.clock, request.caller.actor, id));
    return ApiResponse::ok(customer_json(customer, true));
}

// --- price lists

json::object price_list_json(const PriceList& list) {
    return {{"id", list.id.value()},
            {"code", list.code},
            {"name", list.name},
            {"currency", list.currency.code()},
            {"prices_include_tax", list.prices == TaxInclusion::inclusive},
            {"created_at", list.created_at.to_rfc3339()}};
}

json::array prices_json(const std::vector<PriceListItem>& prices) {
    json::array items;
    for (const PriceListItem& price : prices) {
        items.push_back(json::object{{"item_id", price.item_id},
                                     {"sku", price.sku},
                                     {"price", price.price.format()},
                                     {"currency", price.price.currency.code()}});
    }
    return items;
}

core::Result<PriceList> existing_list(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(std::optional<PriceList> list,
                  find_price_list(txn, request.caller.actor.company, request.param("code")));
    if (!list) {
        return core::Error(core::ErrorCode::not_found, "no such price list");
    }
    return std::move(*list);
}

core::Result<ApiResponse> list_price_lists_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const std::vector<PriceList> lists,
                  list_price_lists(txn, request.caller.actor.company));
    json::array items;
    for (const PriceList& list : lists) {
        items.push_back(price_list_json(list));
    }
    return ApiResponse::ok(json::object{{"items", std::move(items)}});
}

core::Result<ApiResponse> create_price_list_route(store::Txn& txn, const ApiRequest& request) {
    BodyReader reader(request.body);
    const NewPriceList input{
        .code = reader.required_string("code", pricing_code_chars_max),
        .name = reader.required_string("name", pricing_name_chars_max),
        .currency = reader.required_string("currency", 3),
        .prices_include_tax = reader.optional_bool("prices_include_tax").value_or(false)};
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const PriceList list,
                  create_price_list(txn, request.clock, request.caller.actor, input));
    ApiResponse response = ApiResponse::created(price_list_json(list));
    response.headers.push_back({"Location", "/api/v1/price-lists/" + list.code});
    return response;
}

core::Result<ApiResponse> get_price_list_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const PriceList list, existing_list(txn, request));
    BO_TRY_ASSIGN(const std::vector<PriceListItem> prices,
                  price_list_items(txn, request.caller.actor.company, list));
    json::object body = price_list_json(list);
    body["prices"] = prices_json(prices);
    return ApiResponse::ok(std::move(body));
}

NewPrice read_price(BodyReader& reader) {
    return NewPrice{.sku = reader.required_string("sku", sku_chars_max),
                    .price = reader.required_string("price", decimal_chars_max)};
}

core::Result<ApiResponse> set_prices_route(store::Txn& txn, const ApiRequest& request) {
    const internal::SplitBody split = internal::split_body(request.body, {"prices"});
    BodyReader reader(split.rest);
    std::vector<core::FieldError> errors;
    std::vector<NewPrice> prices;
    if (const auto found = split.arrays.find("prices"); found != split.arrays.end()) {
        prices = internal::read_objects<NewPrice>(
            found->second, "prices", price_list_items_per_request_max, read_price, errors);
    } else {
        errors.push_back({"prices", "is required: an array of {sku, price}"});
    }
    BO_TRY(internal::all_fields_ok(reader.finish(), std::move(errors), "prices"));
    BO_TRY(set_prices(txn, request.clock, request.caller.actor, request.param("code"), prices));
    return get_price_list_route(txn, request);
}

// --- tax rates

json::object tax_rate_json(const TaxRate& rate) {
    return {{"id", rate.id.value()},
            {"code", rate.code},
            {"name", rate.name},
            {"rate_percent", rate.rate_percent},
            {"account_number", rate.account_number},
            {"default", rate.is_default},
            {"active", rate.active},
            {"created_at", rate.created_at.to_rfc3339()}};
}

core::Result<ApiResponse> list_tax_rates_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const std::vector<TaxRate> rates,
                  list_tax_rates(txn, request.caller.actor.company));
    json::array items;
    for (const TaxRate& rate : rates) {
        items.push_back(tax_rate_json(rate));
    }
    return ApiResponse::ok(json::object{{"items", std::move(items)}});
}

core::Result<ApiResponse> create_tax_rate_route(store::Txn& txn, const ApiRequest& request) {
    BodyReader reader(request.body);
    const NewTaxRate input{
        .code = reader.required_string("code", pricing_code_chars_max),
        .name = reader.required_string("name", pricing_name_chars_max),
        .rate_percent = reader.required_string("rate_percent", decimal_chars_max),
        .account_number =
            reader.optional_string("account_number", decimal_chars_max).value_or("2300"),
        .is_default = reader.optional_bool("default").value_or(false)};
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const TaxRate rate,
                  create_tax_rate(txn, request.clock, request.caller.actor, input));
    ApiResponse response = ApiResponse::created(tax_rate_json(rate));
    response.headers.push_back({"Location", "/api/v1/tax-rates/" + rate.code});
    return response;
}

core::Result<ApiResponse> get_tax_rate_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const std::optional<TaxRate> rate,
                  find_tax_rate(txn, request.caller.actor.company, request.param("code")));
    if (!rate) {
        return core::Error(core::ErrorCode::not_found, "no such tax rate");
    }
    return ApiResponse::ok(tax_rate_json(*rate));
}

core::Result<ApiResponse> set_tax_items_route(store::Txn& txn, const ApiRequest& request) {
    BodyReader reader(request.body);
    const std::vector<std::string> skus =
        reader.string_list("items", sku_chars_max, price_list_items_per_request_max);
    BO_TRY(reader.finish());
    BO_TRY(
        set_item_tax_code(txn, request.clock, request.caller.actor, request.param("code"), skus));
    return get_tax_rate_route(txn, request);
}

}  // namespace

// NOLINTNEXTLINE(readability-function-size): the route table, readable in one place.
void add_sales_routes(platform::api::Api& api) {
    using http::Method;
    using store::TxnMode;
    const std::vector<internal::RouteRow> table{
        {Method::get,
         "customers",
         read_permission,
         TxnMode::read_only,
         "List customers (?q&status&sort&limit&cursor)",
         list_customers_route},
        {Method::post,
         "customers",
         manage_permission,
         TxnMode::read_write,
         "Create a customer with addresses and contacts",
         create_customer_route},
        {Method::get,
         "customers/{id}",
         read_permission,
         TxnMode::read_only,
         "Get one customer with addresses and contacts",
         get_customer_route},
        {Method::patch,
         "customers/{id}",
         manage_permission,
         TxnMode::read_write,
         "Change a customer (fields given only; lists replace)",
         update_customer_route},
        {Method::post,
         "customers/{id}/hold",
         manage_permission,
         TxnMode::read_write,
         "Put a customer on hold with a reason",
         hold_customer_route},
        {Method::post,
         "customers/{id}/release",
         manage_permission,
         TxnMode::read_write,
         "Release a customer's hold",
         release_customer_route},
        {Method::get,
         "price-lists",
         read_permission,
         TxnMode::read_only,
         "List price lists",
         list_price_lists_route},
        {Method::post,
         "price-lists",
         manage_permission,
         TxnMode::read_write,
         "Create a price list",
         create_price_list_route},
        {Method::get,
         "price-lists/{code}",
         read_permission,
         TxnMode::read_only,
         "Get a price list with its prices",
         get_price_list_route},
        {Method::put,
         "price-lists/{code}/prices",
         manage_permission,
         TxnMode::read_write,
         "Set the prices of items on a price list",
         set_prices_route},
        {Method::get,
         "tax-rates",
         read_permission,
         TxnMode::read_only,
         "List tax rates",
         list_tax_rates_route},
        {Method::post,
         "tax-rates",
         manage_permission,
         TxnMode::read_write,
         "Create a tax rate",
         create_tax_rate_route},
        {Method::get,
         "tax-rates/{code}",
         read_permission,
         TxnMode::read_only,
         "Get a tax rate",
         get_tax_rate_route},
        {Method::put,
         "tax-rates/{code}/items",
         manage_permission,
         TxnMode::read_write,
         "Give items this tax code",
         set_tax_items_route},
    };
    internal::add_routes(api, "/api/v1/", table);
    internal::add_order_routes(api);
}

}  // namespace bo::modules::sales
