// Handlers of receipts (their rows are in add_payment_routes below):
//   GET/POST /api/v1/receipts, GET /api/v1/receipts/{id},
//   POST /api/v1/receipts/{id}/apply | /unapply | /refund | /void
//   GET/PUT /api/v1/receivables/payment-settings
#include "modules/receivables/payment_routes.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "ledger/service.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/sales/route_support.hpp"
#include "modules/sales/service.hpp"
#include "platform/api/json.hpp"

namespace bo::modules::receivables {
namespace {

namespace json = boost::json;
using http::Method;
using platform::api::ApiRequest;
using platform::api::ApiResponse;
using platform::api::BodyReader;
using sales::internal::decimal_chars_max;
using sales::internal::RouteRow;
using store::TxnMode;

constexpr std::string_view read_permission = "receivables.read";
constexpr std::string_view collect_permission = "receivables.collect";
constexpr std::string_view approve_permission = "receivables.approve";
constexpr std::size_t date_chars = 10;
constexpr std::size_t code_chars_max = 16;

json::value optional_date(const std::optional<core::Date>& date) {
    return date ? json::value(date->to_string()) : json::value(nullptr);
}

json::object allocation_json(const Allocation& allocation) {
    return {{"id", allocation.id.value()},
            {"receipt_id", allocation.receipt.value()},
            {"invoice_id", allocation.invoice.value()},
            {"invoice_number", allocation.invoice_number},
            {"amount", allocation.amount.format()},
            {"discount", allocation.discount.format()},
            {"write_off", allocation.write_off.format()},
            {"applied_date", allocation.applied_date.to_string()},
            {"entry_id", allocation.entry_id},
            {"status", to_string(allocation.status)},
            {"unapplied_date", optional_date(allocation.unapplied_date)},
            {"unapply_entry_id",
             allocation.unapply_entry_id ? json::value(*allocation.unapply_entry_id)
                                         : json::value(nullptr)},
            {"voided_date", optional_date(allocation.voided_date)}};
}

// A decimal text of the receipt's currency, or a field error collected in `errors`.
std::optional<core::Money> money_of(const std::optional<std::string>& text,
                                    core::Currency currency,
                                    const std::string& field,
                                    std::vector<core::FieldError>& errors) {
    if (!text) {
        return std::nullopt;
    }
    core::Result<core::Money> money = core::Money::parse(*text, currency);
    if (!money) {
        errors.push_back({field, "must be a decimal amount in " + std::string(currency.code())});
        return std::nullopt;
    }
    return *money;
}

core::Result<std::optional<core::Date>> date_of(const std::optional<std::string>& text,
                                                std::string_view field) {
    if (!text) {
        return std::optional<core::Date>();
    }
    core::Result<core::Date> date = core::Date::parse(*text);
    if (!date) {
        return core::Error::invalid(std::string(field), "must be a date YYYY-MM-DD");
    }
    return std::optional<core::Date>(*date);
}

// An allocation as sent: the amounts are parsed once the currency is known.
struct AllocationText {
    std::int64_t invoice_id = 0;
    std::optional<std::string> amount;
    std::optional<std::string> discount;
    std::optional<std::string> write_off;
};

AllocationText read_allocation(BodyReader& reader) {
    return AllocationText{.invoice_id = reader.optional_int("invoice_id").value_or(0),
                          .amount = reader.required_string("amount", decimal_chars_max),
                          .discount = reader.optional_string("discount", decimal_chars_max),
                          .write_off = reader.optional_string("write_off", decimal_chars_max)};
}

// The body's "allocations" array in `currency`; every problem in `errors`.
std::vector<NewAllocation> allocations_of(const sales::internal::SplitBody& split,
                                          core::Currency currency,
                                          std::vector<core::FieldError>& errors) {
    std::vector<NewAllocation> allocations;
    const auto array = split.arrays.find("allocations");
    if (array == split.arrays.end()) {
        return allocations;
    }
    const std::vector<AllocationText> texts = sales::internal::read_objects<AllocationText>(
        array->second, "allocations", receipt_allocations_max, read_allocation, errors);
    for (std::size_t index = 0; index < texts.size(); ++index) {
        const std::string prefix = "allocations/" + std::to_string(index) + "/";
        const AllocationText& text = texts[index];
        const std::optional<core::Money> amount =
            money_of(text.amount, currency, prefix + "amount", errors);
        allocations.push_back(NewAllocation{
            .invoice = DocumentId(text.invoice_id),
            .amount = amount.value_or(core::Money::zero(currency)),
            .discount = money_of(text.discount, currency, prefix + "discount", errors),
            .write_off = money_of(text.write_off, currency, prefix + "write_off", errors)});
    }
    return allocations;
}

core::Result<sales::Customer> customer_of(store::Txn& txn,
                                          const ApiRequest& request,
                                          const std::string& number) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::find_customer(txn, request.caller.actor.company, number));
    if (!customer) {
        return core::Error::invalid("customer", "is not a customer of this company");
    }
    return *customer;
}

core::Result<ReceiptId> path_id(const ApiRequest& request) {
    return ReceiptId::parse(request.param("id"));
}

// The receipt `id` of the caller's company. Errors: not_found.
core::Result<Receipt> load(store::Txn& txn, const ApiRequest& request, ReceiptId id) {
    BO_TRY_ASSIGN(std::optional<Receipt> receipt,
                  find_receipt(txn, request.caller.actor.company, id));
    if (!receipt) {
        return core::Error(core::ErrorCode::not_found, "no such receipt");
    }
    return std::move(*receipt);
}

core::Result<ApiResponse> create_route(store::Txn& txn, const ApiRequest& request) {
    const sales::internal::SplitBody split =
        sales::internal::split_body(request.body, {"allocations"});
    BodyReader reader(split.rest);
    const std::string customer_number =
        reader.required_string("customer", sales::customer_number_chars_max);
    const std::optional<std::string> date = reader.optional_string("receipt_date", date_chars);
    const std::string amount = reader.required_string("amount", decimal_chars_max);
    const std::string method = reader.optional_string("method", code_chars_max).value_or("");
    const std::string reference =
        reader.optional_string("reference", receipt_reference_chars_max).value_or("");
    const std::int64_t bank_account = reader.optional_int("bank_account_id").value_or(0);
    const std::optional<std::int64_t> line = reader.optional_int("statement_line_id");
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const sales::Customer customer, customer_of(txn, request, customer_number));
    std::vector<core::FieldError> errors;
    const std::optional<core::Money> money = money_of(amount, customer.currency, "amount", errors);
    core::Result<ReceiptMethod> parsed_method =
        method.empty() ? ReceiptMethod::transfer : parse_receipt_method(method, "method");
    if (!parsed_method) {
        internal::collect(parsed_method.error(), "method", errors);
    }
    core::Result<std::optional<core::Date>> day = date_of(date, "receipt_date");
    if (!day) {
        internal::collect(day.error(), "receipt_date", errors);
    }
    std::vector<NewAllocation> allocations = allocations_of(split, customer.currency, errors);
    BO_TRY(sales::internal::all_fields_ok(core::ok(), std::move(errors), "receipt"));
    const NewReceipt input{
        .customer = customer.id,
        .receipt_date = day->value_or(internal::today(request.clock)),
        .amount = *money,
        .method = *parsed_method,
        .reference = reference,
        .bank_account = banking::BankAccountId(bank_account),
        .statement_line = line ? std::optional(banking::StatementLineId(*line)) : std::nullopt,
        .allocations = std::move(allocations)};
    BO_TRY_ASSIGN(const Receipt receipt,
                  record_receipt(txn, request.clock, request.caller.actor, input));
    return ApiResponse::created(receipt_json(receipt));
}

core::Result<ApiResponse> list_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    ReceiptQuery query{.after = ReceiptId(page.after_id),
                       .limit = static_cast<std::int64_t>(page.limit)};
    const auto param = [&](std::string_view name) {
        return platform::api::query_param(request.http, name);
    };
    if (const auto customer = param("customer")) {
        BO_TRY_ASSIGN(const sales::Customer found, customer_of(txn, request, *customer));
        query.customer = found.id;
    }
    BO_TRY_ASSIGN(query.from, date_of(param("from"), "from"));
    BO_TRY_ASSIGN(query.to, date_of(param("to"), "to"));
    query.unapplied_only = param("unapplied") == "true";
    if (const auto method = param("method")) {
        BO_TRY_ASSIGN(query.method, parse_receipt_method(*method, "method"));
    }
    if (const auto line = param("statement_line")) {
        BO_TRY_ASSIGN(const auto id, banking::StatementLineId::parse(*line));
        query.statement_line = id;
    }
    BO_TRY_ASSIGN(const std::vector<Receipt> receipts,
                  list_receipts(txn, request.caller.actor.company, query));
    json::array items;
    for (const Receipt& receipt : receipts) {
        items.push_back(receipt_json(receipt));
    }
    json::object body{{"items", std::move(items)}};
    if (receipts.size() == page.limit) {
        body["next_cursor"] = platform::api::encode_cursor(receipts.back().id.value());
    }
    return ApiResponse::ok(std::move(body));
}

core::Result<ApiResponse> get_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const ReceiptId id, path_id(request));
    BO_TRY_ASSIGN(const Receipt receipt, load(txn, request, id));
    return ApiResponse::ok(receipt_json(receipt));
}

core::Result<ApiResponse> apply_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const ReceiptId id, path_id(request));
    const sales::internal::SplitBody split =
        sales::internal::split_body(request.body, {"allocations"});
    BodyReader reader(split.rest);
    const std::optional<std::string> date = reader.optional_string("date", date_chars);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const Receipt receipt, load(txn, request, id));
    std::vector<core::FieldError> errors;
    const std::vector<NewAllocation> allocations =
        allocations_of(split, receipt.amount.currency, errors);
    BO_TRY(sales::internal::all_fields_ok(core::ok(), std::move(errors), "allocations"));
    BO_TRY_ASSIGN(const std::optional<core::Date> day, date_of(date, "date"));
    BO_TRY_ASSIGN(const Receipt applied,
                  apply_receipt(txn, request.clock, request.caller.actor, id, allocations, day));
    return ApiResponse::ok(receipt_json(applied));
}

core::Result<ApiResponse> unapply_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const ReceiptId id, path_id(request));
    BodyReader reader(request.body);
    const std::optional<std::int64_t> allocation = reader.optional_int("allocation_id");
    const std::optional<std::string> date = reader.optional_string("date", date_chars);
    if (!allocation) {
        reader.reject("allocation_id", "name the allocation to take back");
    }
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const std::optional<core::Date> day, date_of(date, "date"));
    BO_TRY_ASSIGN(const Receipt receipt,
                  unapply_allocation(txn,
                                     request.clock,
                                     request.caller.actor,
                                     id,
                                     AllocationId(allocation.value_or(0)),
                                     day));
    return ApiResponse::ok(receipt_json(receipt));
}

core::Result<ApiResponse> refund_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const ReceiptId id, path_id(request));
    BodyReader reader(request.body);
    const std::optional<std::string> amount = reader.optional_string("amount", decimal_chars_max);
    const std::optional<std::string> date = reader.optional_string("date", date_chars);
    NewRefund input{
        .amount = std::nullopt,
        .date = std::nullopt,
        .reference = reader.optional_string("reference", receipt_reference_chars_max).value_or("")};
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const Receipt receipt, load(txn, request, id));
    std::vector<core::FieldError> errors;
    input.amount = money_of(amount, receipt.amount.currency, "amount", errors);
    BO_TRY(sales::internal::all_fields_ok(core::ok(), std::move(errors), "refund"));
    BO_TRY_ASSIGN(input.date, date_of(date, "date"));
    BO_TRY_ASSIGN(const Receipt refunded,
                  refund_receipt(txn, request.clock, request.caller.actor, id, input));
    return ApiResponse::ok(receipt_json(refunded));
}

core::Result<ApiResponse> void_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const ReceiptId id, path_id(request));
    BodyReader reader(request.body);
    const std::string reason = reader.required_string("reason", reason_chars_max);
    const std::optional<std::string> date = reader.optional_string("date", date_chars);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const std::optional<core::Date> day, date_of(date, "date"));
    BO_TRY_ASSIGN(const Receipt receipt,
                  void_receipt(txn, request.clock, request.caller.actor, id, reason, day));
    return ApiResponse::ok(receipt_json(receipt));
}

json::object settings_json(const PaymentSettings& settings, core::Currency currency) {
    return {
        {"write_off_tolerance", core::Money{settings.write_off_tolerance_minor, currency}.format()},
        {"write_off_account", settings.write_off_account},
        {"discount_account", settings.discount_account}};
}

core::Result<ApiResponse> get_settings_route(store::Txn& txn, const ApiRequest& request) {
    const CompanyId company = request.caller.actor.company;
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    BO_TRY_ASSIGN(const PaymentSettings settings, payment_settings(txn, company));
    return ApiResponse::ok(settings_json(settings, currency));
}

core::Result<ApiResponse> put_settings_route(store::Txn& txn, const ApiRequest& request) {
    const CompanyId company = request.caller.actor.company;
    BodyReader reader(request.body);
    const std::string tolerance = reader.required_string("write_off_tolerance", decimal_chars_max);
    const std::string write_off = reader.required_string("write_off_account", code_chars_max);
    const std::string discount = reader.required_string("discount_account", code_chars_max);
    BO_TRY(reader.finish());
    // The tolerance is in minor units of each receipt's currency; it is written in the
    // functional currency's scale.
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    std::vector<core::FieldError> errors;
    const std::optional<core::Money> parsed =
        money_of(tolerance, currency, "write_off_tolerance", errors);
    BO_TRY(sales::internal::all_fields_ok(core::ok(), std::move(errors), "settings"));
    BO_TRY_ASSIGN(const PaymentSettings settings,
                  set_payment_settings(txn,
                                       request.clock,
                                       request.caller.actor,
                                       {.write_off_tolerance_minor = parsed->minor,
                                        .write_off_account = write_off,
                                        .discount_account = discount}));
    return ApiResponse::ok(settings_json(settings, currency));
}

}  // namespace

json::object receipt_json(const Receipt& receipt) {
    json::array allocations;
    for (const Allocation& allocation : receipt.allocations) {
        allocations.push_back(allocation_json(allocation));
    }
    json::array refunds;
    for (const Refund& refund : receipt.refunds) {
        refunds.push_back(json::object{{"id", refund.id.value()},
                                       {"refund_date", refund.refund_date.to_string()},
                                       {"amount", refund.amount.format()},
                                       {"reference", refund.reference},
                                       {"entry_id", refund.entry_id},
                                       {"created_at", refund.created_at.to_rfc3339()}});
    }
    return {{"id", receipt.id.value()},
            {"customer_id", receipt.customer.value()},
            {"customer", receipt.customer_number},
            {"customer_name", receipt.customer_name},
            {"receipt_date", receipt.receipt_date.to_string()},
            {"currency", receipt.amount.currency.code()},
            {"amount", receipt.amount.format()},
            {"method", to_string(receipt.method)},
            {"reference", receipt.reference},
            {"bank_account_id", receipt.bank_account.value()},
            {"bank_ledger_account", receipt.bank_ledger_account},
            {"statement_line_id",
             receipt.statement_line ? json::value(receipt.statement_line->value())
                                    : json::value(nullptr)},
            {"status", to_string(receipt.status)},
            {"entry_id", receipt.entry_id},
            {"applied", receipt.applied.format()},
            {"refunded", receipt.refunded.format()},
            {"unapplied", receipt.unapplied.format()},
            {"void_date", optional_date(receipt.void_date)},
            {"void_reason", receipt.void_reason},
            {"created_by", receipt.created_by.value()},
            {"created_at", receipt.created_at.to_rfc3339()},
            {"allocations", std::move(allocations)},
            {"refunds", std::move(refunds)}};
}

json::object invoice_payment_json(const InvoicePayment& payment) {
    json::object body = allocation_json(payment.allocation);
    body["receipt_date"] = payment.receipt_date.to_string();
    body["method"] = to_string(payment.method);
    body["reference"] = payment.reference;
    return body;
}

void add_payment_routes(platform::api::Api& api) {
    const std::vector<RouteRow> table{
        {Method::get,
         "/receipts",
         read_permission,
         TxnMode::read_only,
         "List receipts (?customer&from&to&unapplied&method&statement_line&limit&cursor)",
         list_route},
        {Method::post,
         "/receipts",
         collect_permission,
         TxnMode::read_write,
         "Record a customer payment with its allocations to open invoices",
         create_route},
        {Method::get,
         "/receipts/{id}",
         read_permission,
         TxnMode::read_only,
         "Get a receipt with its allocations and refunds",
         get_route},
        {Method::post,
         "/receipts/{id}/apply",
         collect_permission,
         TxnMode::read_write,
         "Apply a receipt's unapplied cash to open invoices",
         apply_route},
        {Method::post,
         "/receipts/{id}/unapply",
         collect_permission,
         TxnMode::read_write,
         "Take an allocation back to unapplied cash (posts its exact opposite)",
         unapply_route},
        {Method::post,
         "/receipts/{id}/refund",
         collect_permission,
         TxnMode::read_write,
         "Refund unapplied cash to the customer",
         refund_route},
        {Method::post,
         "/receipts/{id}/void",
         approve_permission,
         TxnMode::read_write,
         "Void a receipt: reverse all its entries, with a reason",
         void_route},
        {Method::get,
         "/receivables/payment-settings",
         read_permission,
         TxnMode::read_only,
         "Cash-application settings: write-off tolerance and accounts",
         get_settings_route},
        {Method::put,
         "/receivables/payment-settings",
         approve_permission,
         TxnMode::read_write,
         "Set the write-off tolerance and the discount and write-off accounts",
         put_settings_route},
    };
    sales::internal::add_routes(api, "/api/v1", table);
}

}  // namespace bo::modules::receivables
