// Handlers of receivables (their rows are in add_receivables_routes below):
//   GET/POST /api/v1/invoices, GET/PUT/DELETE /api/v1/invoices/{id},
//   POST /api/v1/invoices/{id}/issue | /send | /write-off, GET /api/v1/invoices/{id}/pdf
//   GET/POST /api/v1/credit-notes, GET /api/v1/credit-notes/{id}, POST …/{id}/approve
//   GET/POST /api/v1/billing-runs, GET /api/v1/billing-runs/{id}
//   PUT /api/v1/customers/{id}/billing, GET /api/v1/customers/{id}/account
//   GET /api/v1/receivables/aging, GET /api/v1/receivables/billing-preview
#include "modules/receivables/routes.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "modules/inventory/operations.hpp"
#include "modules/receivables/aging.hpp"
#include "modules/receivables/billing_run.hpp"
#include "modules/receivables/collections.hpp"
#include "modules/receivables/credit_notes.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/receivables/invoice_pdf.hpp"
#include "modules/receivables/invoices.hpp"
#include "modules/receivables/route_support.hpp"
#include "modules/receivables/payment_routes.hpp"
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
using route_support::date_param;
using route_support::page_body;
using route_support::path_id;
using route_support::read_date;
using sales::internal::RouteRow;
using store::TxnMode;

constexpr std::string_view read_permission = "receivables.read";
constexpr std::string_view bill_permission = "receivables.bill";
constexpr std::string_view credit_permission = "receivables.credit";
constexpr std::string_view approve_permission = "receivables.approve";
constexpr std::size_t decimal_chars_max = 32;
constexpr std::size_t date_chars = route_support::date_chars;
constexpr std::size_t code_chars_max = 64;
constexpr std::size_t address_chars_max = 320;
constexpr std::size_t message_chars_max = 4000;

json::value optional_int(const std::optional<std::int64_t>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

json::object line_json(const DocumentLine& line) {
    return {{"line_number", line.line_number},
            {"item_id", optional_int(line.item_id)},
            {"item", line.sku},
            {"description", line.description},
            {"unit", line.unit},
            {"quantity", inventory::format_quantity({line.quantity_milli})},
            {"unit_price", line.unit_price.format()},
            {"discount_percent", line.discount_percent},
            {"tax_rate_id", optional_int(line.tax_rate_id)},
            {"tax_percent", line.tax_percent},
            {"account", line.revenue_account},
            {"net", line.net.format()},
            {"tax", line.tax.format()},
            {"credited_line", optional_int(line.credited_line_number)},
            {"shipment_id", optional_int(line.shipment_id)},
            {"shipment_line", optional_int(line.shipment_line_number)}};
}

// unpaid, partly_paid or paid (receipts' allocations; an invoice credited in full is paid).
std::string_view payment_status(const Document& document) {
    if (document.status != DocumentStatus::issued || document.open.minor == document.total.minor) {
        return "unpaid";
    }
    return document.open.is_zero() ? "paid" : "partly_paid";
}

json::object document_json(const Document& document) {
    json::object body = internal::document_record(document);
    body["id"] = document.id.value();
    body["number"] = document.number.empty() ? json::value(nullptr) : json::value(document.number);
    body["customer_id"] = document.customer.value();
    body["customer_name"] = document.customer_name;
    body["prices_include_tax"] = document.prices == sales::TaxInclusion::inclusive;
    body["credited_invoice_id"] = optional_int(
        document.credited_invoice ? std::optional(document.credited_invoice->value())
                                  : std::nullopt);
    body["functional_total"] = document.functional_total_minor;
    body["entry_id"] = optional_int(document.entry_id);
    body["billing_run_id"] = optional_int(
        document.billing_run ? std::optional(document.billing_run->value()) : std::nullopt);
    body["created_at"] = document.created_at.to_rfc3339();
    body["issued_at"] =
        document.issued_at ? json::value(document.issued_at->to_rfc3339()) : json::value();
    if (document.kind == DocumentKind::invoice) {
        body["credited"] = document.credited.format();
        body["paid"] = document.paid.format();
        body["open"] = document.open.format();
        body["payment_status"] = payment_status(document);
    }
    body.erase("lines");
    if (!document.lines.empty()) {
        json::array lines;
        for (const DocumentLine& line : document.lines) {
            lines.push_back(line_json(line));
        }
        body["lines"] = std::move(lines);
    }
    return body;
}

core::Result<sales::CustomerId> customer_by_number(store::Txn& txn,
                                                   const ApiRequest& request,
                                                   const std::string& number) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::find_customer(txn, request.caller.actor.company, number));
    if (!customer) {
        return core::Error::invalid("customer", "is not a customer of this company");
    }
    return customer->id;
}

// --- Invoices -------------------------------------------------------------------------------

NewInvoiceLine read_invoice_line(BodyReader& reader) {
    return NewInvoiceLine{
        .sku = reader.optional_string("item", code_chars_max),
        .description =
            reader.optional_string("description", description_chars_max).value_or(""),
        .unit = reader.optional_string("unit", code_chars_max),
        .quantity = reader.required_string("quantity", decimal_chars_max),
        .unit_price = reader.optional_string("unit_price", decimal_chars_max),
        .discount_percent =
            reader.optional_string("discount_percent", decimal_chars_max).value_or("0"),
        .tax_code = reader.optional_string("tax_code", code_chars_max),
        .account = reader.optional_string("account", code_chars_max)};
}

core::Result<NewInvoice> read_invoice(const ApiRequest& request) {
    const sales::internal::SplitBody split = sales::internal::split_body(request.body, {"lines"});
    BodyReader reader(split.rest);
    NewInvoice input;
    input.customer = reader.required_string("customer", sales::customer_number_chars_max);
    input.invoice_date = reader.optional_string("invoice_date", date_chars);
    input.payment_terms_days = reader.optional_int("payment_terms_days");
    input.early_discount_percent =
        reader.optional_string("early_discount_percent", decimal_chars_max).value_or("0");
    input.early_discount_days = reader.optional_int("early_discount_days").value_or(0);
    input.customer_reference =
        reader.optional_string("customer_reference", customer_reference_chars_max).value_or("");
    input.prices_include_tax = reader.optional_bool("prices_include_tax").value_or(false);
    std::vector<core::FieldError> errors;
    if (const auto lines = split.arrays.find("lines"); lines != split.arrays.end()) {
        input.lines = sales::internal::read_objects<NewInvoiceLine>(
            lines->second, "lines", document_lines_max, read_invoice_line, errors);
    }
    BO_TRY(sales::internal::all_fields_ok(reader.finish(), std::move(errors), "invoice"));
    return input;
}

core::Result<ApiResponse> list_route(store::Txn& txn,
                                     const ApiRequest& request,
                                     DocumentKind default_kind) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    DocumentQuery query{.kind = default_kind,
                        .status = std::nullopt,
                        .customer = std::nullopt,
                        .overdue_only = false,
                        .today = internal::today(request.clock),
                        .from = std::nullopt,
                        .to = std::nullopt,
                        .after = DocumentId(page.after_id),
                        .limit = static_cast<std::int64_t>(page.limit)};
    if (const auto kind = platform::api::query_param(request.http, "kind")) {
        BO_TRY_ASSIGN(query.kind, parse_document_kind(*kind, "kind"));
    }
    if (const auto status = platform::api::query_param(request.http, "status")) {
        BO_TRY_ASSIGN(query.status, parse_document_status(*status, "status"));
    }
    if (const auto customer = platform::api::query_param(request.http, "customer")) {
        BO_TRY_ASSIGN(query.customer, customer_by_number(txn, request, *customer));
    }
    const std::optional<std::string> overdue = platform::api::query_param(request.http, "overdue");
    query.overdue_only = overdue == "true";
    BO_TRY_ASSIGN(query.from, date_param(request, "from"));
    BO_TRY_ASSIGN(query.to, date_param(request, "to"));
    BO_TRY_ASSIGN(const std::vector<Document> documents,
                  list_documents(txn, request.caller.actor.company, query));
    json::array items;
    for (const Document& document : documents) {
        items.push_back(document_json(document));
    }
    return ApiResponse::ok(page_body(std::move(items),
                                     documents.size() == page.limit,
                                     documents.empty() ? 0 : documents.back().id.value()));
}

core::Result<ApiResponse> get_route(store::Txn& txn,
                                    const ApiRequest& request,
                                    DocumentKind kind) {
    BO_TRY_ASSIGN(const DocumentId id, path_id<DocumentId>(request));
    BO_TRY_ASSIGN(const std::optional<Document> document,
                  find_document(txn, request.caller.actor.company, id));
    const bool credit = kind == DocumentKind::credit_note;
    // /invoices/{id} shows invoices and write-offs; /credit-notes/{id} credit notes.
    if (!document || (document->kind == DocumentKind::credit_note) != credit) {
        return core::Error(core::ErrorCode::not_found,
                           credit ? "no such credit note" : "no such invoice");
    }
    json::object body = document_json(*document);
    BO_TRY_ASSIGN(const std::vector<platform::mail::OutboxMail> sends,
                  platform::mail::list_for_document(txn, request.caller.actor.company,
                                                    mail_document(*document)));
    json::array log;
    for (const platform::mail::OutboxMail& mail : sends) {
        json::array to;
        for (const std::string& address : mail.recipients) {
            to.push_back(json::value(address));
        }
        log.push_back(json::object{
            {"id", mail.id},
            {"to", std::move(to)},
            {"subject", mail.subject},
            {"status", platform::mail::to_string(mail.status)},
            {"attempts", mail.attempts},
            {"last_error", mail.last_error},
            {"queued_at", mail.queued_at.to_rfc3339()},
            {"sent_at", mail.sent_at ? json::value(mail.sent_at->to_rfc3339()) : json::value()}});
    }
    body["sends"] = std::move(log);
    if (document->kind == DocumentKind::invoice) {
        BO_TRY_ASSIGN(const std::vector<InvoicePayment> payments,
                      invoice_payments(txn, request.caller.actor.company, id));
        json::array paid;
        for (const InvoicePayment& payment : payments) {
            paid.push_back(invoice_payment_json(payment));
        }
        body["payments"] = std::move(paid);
    }
    return ApiResponse::ok(std::move(body));
}

core::Result<ApiResponse> create_invoice_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const NewInvoice input, read_invoice(request));
    BO_TRY_ASSIGN(const Document document,
                  create_invoice(txn, request.clock, request.caller.actor, input));
    return ApiResponse::created(document_json(document));
}

core::Result<ApiResponse> update_invoice_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DocumentId id, path_id<DocumentId>(request));
    BO_TRY_ASSIGN(const NewInvoice input, read_invoice(request));
    BO_TRY_ASSIGN(const Document document,
                  update_invoice(txn, request.clock, request.caller.actor, id, input));
    return ApiResponse::ok(document_json(document));
}

core::Result<ApiResponse> delete_invoice_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DocumentId id, path_id<DocumentId>(request));
    BO_TRY(delete_invoice(txn, request.clock, request.caller.actor, id));
    return ApiResponse{204, nullptr, {}};
}

core::Result<ApiResponse> issue_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DocumentId id, path_id<DocumentId>(request));
    BO_TRY_ASSIGN(const Document document,
                  issue_invoice(txn, request.clock, request.caller.actor, id));
    return ApiResponse::ok(document_json(document));
}

core::Result<ApiResponse> pdf_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DocumentId id, path_id<DocumentId>(request));
    BO_TRY_ASSIGN(std::string pdf, document_pdf(txn, request.caller.actor.company, id));
    ApiResponse response = ApiResponse::ok(nullptr);
    response.content_type = "application/pdf";
    response.raw_body = std::move(pdf);
    response.headers.push_back(
        {"Content-Disposition", "inline; filename=\"invoice-" + id.to_string() + ".pdf\""});
    return response;
}

core::Result<ApiResponse> write_off_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DocumentId id, path_id<DocumentId>(request));
    BodyReader reader(request.body);
    NewWriteOff input{.amount = reader.optional_string("amount", decimal_chars_max),
                      .reason = reader.required_string("reason", reason_chars_max),
                      .date = reader.optional_string("date", date_chars),
                      .account = reader.optional_string("account", code_chars_max)};
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const Document document,
                  write_off(txn, request.clock, request.caller.actor, id, input));
    return ApiResponse::created(document_json(document));
}

// --- Credit notes ---------------------------------------------------------------------------

NewCreditLine read_credit_line(BodyReader& reader) {
    return NewCreditLine{.invoice_line = reader.optional_int("invoice_line").value_or(0),
                         .quantity = reader.optional_string("quantity", decimal_chars_max),
                         .amount = reader.optional_string("amount", decimal_chars_max)};
}

core::Result<ApiResponse> create_credit_note_route(store::Txn& txn, const ApiRequest& request) {
    const sales::internal::SplitBody split = sales::internal::split_body(request.body, {"lines"});
    BodyReader reader(split.rest);
    NewCreditNote input{.invoice = DocumentId(reader.optional_int("invoice_id").value_or(0)),
                        .reason = reader.required_string("reason", reason_chars_max),
                        .credit_date = reader.optional_string("credit_date", date_chars),
                        .lines = {}};
    std::vector<core::FieldError> errors;
    if (const auto lines = split.arrays.find("lines"); lines != split.arrays.end()) {
        input.lines = sales::internal::read_objects<NewCreditLine>(
            lines->second, "lines", document_lines_max, read_credit_line, errors);
    }
    BO_TRY(sales::internal::all_fields_ok(reader.finish(), std::move(errors), "credit note"));
    BO_TRY_ASSIGN(const Document document,
                  create_credit_note(txn, request.clock, request.caller, input));
    return ApiResponse::created(document_json(document));
}

core::Result<ApiResponse> approve_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DocumentId id, path_id<DocumentId>(request));
    BodyReader reader(request.body);
    const std::optional<std::string> override_reason =
        reader.optional_string("override_reason", reason_chars_max);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const Document document,
                  approve_credit_note(txn, request.clock, request.caller, id, override_reason));
    return ApiResponse::ok(document_json(document));
}

// --- Billing runs, customers, aging ---------------------------------------------------------

json::object run_json(const BillingRun& run) {
    json::array documents;
    for (const DocumentId id : run.documents) {
        documents.push_back(json::value(id.value()));
    }
    return {{"id", run.id.value()},
            {"as_of", run.as_of.to_string()},
            {"invoices", run.invoices},
            {"lines", run.lines},
            {"invoice_ids", std::move(documents)},
            {"created_by", run.created_by.value()},
            {"created_at", run.created_at.to_rfc3339()}};
}

core::Result<ApiResponse> create_run_route(store::Txn& txn, const ApiRequest& request) {
    BodyReader reader(request.body);
    const std::optional<core::Date> as_of = read_date(reader, "as_of");
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const BillingRun run,
                  run_billing(txn, request.clock, request.caller.actor, as_of));
    return ApiResponse::created(run_json(run));
}

core::Result<ApiResponse> list_runs_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    BO_TRY_ASSIGN(const std::vector<BillingRun> runs,
                  list_billing_runs(txn, request.caller.actor.company, BillingRunId(page.after_id),
                                    static_cast<std::int64_t>(page.limit)));
    json::array items;
    for (const BillingRun& run : runs) {
        items.push_back(run_json(run));
    }
    return ApiResponse::ok(page_body(std::move(items), runs.size() == page.limit,
                                     runs.empty() ? 0 : runs.back().id.value()));
}

core::Result<ApiResponse> get_run_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const BillingRunId id, path_id<BillingRunId>(request));
    BO_TRY_ASSIGN(const std::optional<BillingRun> run,
                  find_billing_run(txn, request.caller.actor.company, id));
    if (!run) {
        return core::Error(core::ErrorCode::not_found, "no such billing run");
    }
    return ApiResponse::ok(run_json(*run));
}

core::Result<ApiResponse> billing_preview_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const std::optional<core::Date> as_of, date_param(request, "as_of"));
    BO_TRY_ASSIGN(const BillingPreview preview,
                  preview_billing(txn, request.caller.actor.company,
                                  as_of.value_or(internal::today(request.clock))));
    json::array customers;
    for (const BillingPreviewCustomer& part : preview.customers) {
        customers.push_back(json::object{{"customer_id", part.customer.value()},
                                         {"customer", part.number},
                                         {"name", part.name},
                                         {"billing_mode", to_string(part.mode)},
                                         {"invoices", part.invoices},
                                         {"shipments", part.shipments},
                                         {"lines", part.lines},
                                         {"currency", part.net.currency.code()},
                                         {"net", part.net.format()},
                                         {"tax", part.tax.format()}});
    }
    return ApiResponse::ok(json::object{{"as_of", preview.as_of.to_string()},
                                        {"invoices", preview.invoices},
                                        {"shipments", preview.shipments},
                                        {"lines", preview.lines},
                                        {"customers", std::move(customers)}});
}

core::Result<ApiResponse> billing_mode_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const sales::CustomerId id, path_id<sales::CustomerId>(request));
    BodyReader reader(request.body);
    const std::string text = reader.required_string("billing_mode", code_chars_max);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const BillingMode mode, parse_billing_mode(text, "billing_mode"));
    BO_TRY(set_billing_mode(txn, request.clock, request.caller.actor, id, mode));
    return ApiResponse::ok(json::object{{"customer_id", id.value()},
                                        {"billing_mode", to_string(mode)}});
}

core::Result<ApiResponse> account_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const sales::CustomerId id, path_id<sales::CustomerId>(request));
    BO_TRY_ASSIGN(const std::optional<core::Date> as_of, date_param(request, "as_of"));
    BO_TRY_ASSIGN(const CustomerAccount account,
                  customer_account(txn, request.caller.actor.company, id,
                                   as_of.value_or(internal::today(request.clock))));
    json::array documents;
    for (const Document& document : account.documents) {
        documents.push_back(document_json(document));
    }
    json::array open;
    for (const Document& document : account.open_items) {
        open.push_back(document_json(document));
    }
    BO_TRY_ASSIGN(const BillingMode mode,
                  billing_mode(txn, request.caller.actor.company, id));
    BO_TRY_ASSIGN(const Standing standing,
                  customer_standing(txn, request.caller.actor.company, id,
                                    as_of.value_or(internal::today(request.clock))));
    // Payment history: the latest receipts (a page), and all the unapplied cash.
    BO_TRY_ASSIGN(const CustomerPayments payments,
                  customer_payments(txn, request.caller.actor.company, id,
                                    account.customer.currency));
    json::array history;
    for (const Receipt& receipt : payments.receipts) {
        history.push_back(receipt_json(receipt));
    }
    return ApiResponse::ok(json::object{{"customer_id", id.value()},
                                        {"standing",
                                         json::object{{"credit_hold", standing.credit_hold},
                                                      {"reason", standing.reason},
                                                      {"dunning_level", standing.dunning_level},
                                                      {"oldest_days_overdue",
                                                       standing.oldest_days_overdue}}},
                                        {"customer", account.customer.number},
                                        {"name", account.customer.name},
                                        {"currency", account.customer.currency.code()},
                                        {"billing_mode", to_string(mode)},
                                        {"balance", account.balance.format()},
                                        {"overdue", account.overdue.format()},
                                        {"unapplied_cash", payments.unapplied.format()},
                                        {"receipts", std::move(history)},
                                        {"open_items", std::move(open)},
                                        {"documents", std::move(documents)}});
}

json::object buckets_json(const AgingAmounts& buckets, core::Currency currency) {
    json::object body;
    for (std::size_t bucket = 0; bucket < aging_buckets; ++bucket) {
        body[aging_bucket_name(bucket)] = core::Money{buckets[bucket], currency}.format();
    }
    return body;
}

core::Result<ApiResponse> aging_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const std::optional<core::Date> as_of, date_param(request, "as_of"));
    BO_TRY_ASSIGN(const Aging report,
                  aging(txn, request.caller.actor.company,
                        as_of.value_or(internal::today(request.clock))));
    const core::Currency currency = report.currency;
    json::array customers;
    for (const CustomerAging& customer : report.customers) {
        json::array items;
        for (const AgingItem& item : customer.items) {
            items.push_back(json::object{
                {"invoice_id", item.invoice.value()},
                {"number", item.number},
                {"due_date", item.due_date.to_string()},
                {"days_overdue", item.days_overdue},
                {"bucket", aging_bucket_name(aging_bucket(item.days_overdue))},
                {"open", item.open.format()},
                {"currency", item.open.currency.code()},
                {"open_functional", core::Money{item.functional_minor, currency}.format()}});
        }
        customers.push_back(json::object{
            {"customer_id", customer.customer.value()},
            {"customer", customer.customer_number},
            {"name", customer.customer_name},
            {"buckets", buckets_json(customer.buckets, currency)},
            {"total", core::Money{customer.total_minor, currency}.format()},
            {"items", std::move(items)}});
    }
    return ApiResponse::ok(json::object{
        {"as_of", report.as_of.to_string()},
        {"currency", currency.code()},
        {"customers", std::move(customers)},
        {"buckets", buckets_json(report.buckets, currency)},
        {"total", core::Money{report.total_minor, currency}.format()},
        {"control_account", report.control_account},
        {"ledger_balance", core::Money{report.ledger_balance_minor, currency}.format()},
        {"difference", core::Money{report.difference_minor, currency}.format()}});
}

}  // namespace

void add_receivables_routes(platform::api::Api& api, const RouteOptions& options) {
    const auto send_route = [from = options.mail_from](store::Txn& txn, const ApiRequest& request)
        -> core::Result<ApiResponse> {
        BO_TRY_ASSIGN(const DocumentId id, path_id<DocumentId>(request));
        BodyReader reader(request.body);
        SendRequest input{
            .to = reader.string_list("to", address_chars_max, platform::mail::recipients_max),
            .from = reader.optional_string("from", address_chars_max).value_or(from),
            .message = reader.optional_string("message", message_chars_max).value_or("")};
        BO_TRY(reader.finish());
        BO_TRY_ASSIGN(const platform::mail::OutboxMail mail,
                      send_document(txn, request.clock, request.caller.actor, id, input));
        json::array to;
        for (const std::string& address : mail.recipients) {
            to.push_back(json::value(address));
        }
        return ApiResponse{202,
                           json::object{{"mail_id", mail.id},
                                        {"to", std::move(to)},
                                        {"subject", mail.subject},
                                        {"status", platform::mail::to_string(mail.status)}},
                           {}};
    };
    const auto list_invoices = [](store::Txn& txn, const ApiRequest& request) {
        return list_route(txn, request, DocumentKind::invoice);
    };
    const auto list_credit_notes = [](store::Txn& txn, const ApiRequest& request) {
        return list_route(txn, request, DocumentKind::credit_note);
    };
    const auto get_invoice = [](store::Txn& txn, const ApiRequest& request) {
        return get_route(txn, request, DocumentKind::invoice);
    };
    const auto get_credit_note = [](store::Txn& txn, const ApiRequest& request) {
        return get_route(txn, request, DocumentKind::credit_note);
    };
    const std::vector<RouteRow> table{
        {Method::get, "/invoices", read_permission, TxnMode::read_only,
         "List invoices (?status&customer&overdue&from&to&kind&limit&cursor)", list_invoices},
        {Method::post, "/invoices", bill_permission, TxnMode::read_write,
         "Create a draft invoice for services and fees", create_invoice_route},
        {Method::get, "/invoices/{id}", read_permission, TxnMode::read_only,
         "Get an invoice with its lines and send log", get_invoice},
        {Method::put, "/invoices/{id}", bill_permission, TxnMode::read_write,
         "Replace a draft invoice", update_invoice_route},
        {Method::del, "/invoices/{id}", bill_permission, TxnMode::read_write,
         "Delete a draft invoice", delete_invoice_route},
        {Method::post, "/invoices/{id}/issue", bill_permission, TxnMode::read_write,
         "Issue a draft invoice: gap-free number and posting", issue_route},
        {Method::get, "/invoices/{id}/pdf", read_permission, TxnMode::read_only,
         "The invoice (or credit note) as a PDF", pdf_route},
        {Method::post, "/invoices/{id}/send", bill_permission, TxnMode::read_write,
         "E-mail the invoice with its PDF through the outbox", send_route},
        {Method::post, "/invoices/{id}/write-off", approve_permission, TxnMode::read_write,
         "Write off a small open balance with a reason", write_off_route},
        {Method::get, "/credit-notes", read_permission, TxnMode::read_only,
         "List credit notes (?status&customer&from&to&limit&cursor)", list_credit_notes},
        {Method::post, "/credit-notes", credit_permission, TxnMode::read_write,
         "Enter a credit note against an invoice (a draft until approved)",
         create_credit_note_route},
        {Method::get, "/credit-notes/{id}", read_permission, TxnMode::read_only,
         "Get a credit note", get_credit_note},
        {Method::post, "/credit-notes/{id}/approve", approve_permission, TxnMode::read_write,
         "Approve and issue a credit note (another person than who entered it)", approve_route},
        {Method::get, "/billing-runs", read_permission, TxnMode::read_only,
         "List billing runs", list_runs_route},
        {Method::post, "/billing-runs", bill_permission, TxnMode::read_write,
         "Invoice every shipped billable line not yet invoiced, up to a date", create_run_route},
        {Method::get, "/billing-runs/{id}", read_permission, TxnMode::read_only,
         "Get a billing run", get_run_route},
        {Method::put, "/customers/{id}/billing", bill_permission, TxnMode::read_write,
         "Set how a customer is billed: per_shipment or consolidated", billing_mode_route},
        {Method::get, "/customers/{id}/account", read_permission, TxnMode::read_only,
         "A customer's account: open items, documents, balance", account_route},
        {Method::get, "/receivables/billing-preview", read_permission, TxnMode::read_only,
         "What a billing run up to a date would invoice now, by customer",
         billing_preview_route},
        {Method::get, "/receivables/aging", read_permission, TxnMode::read_only,
         "Aging of open invoices as of a date, reconciled to the ledger", aging_route},
    };
    sales::internal::add_routes(api, "/api/v1", table);
}

}  // namespace bo::modules::receivables
