#include "modules/banking/routes.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>
#include <sodium.h>

#include "modules/banking/service.hpp"
#include "platform/api/json.hpp"

namespace bo::modules::banking {
namespace {

namespace json = boost::json;
using platform::api::ApiRequest;
using platform::api::ApiResponse;


json::value optional_date(const std::optional<core::Date>& date) {
    return date ? json::value(date->to_string()) : json::value(nullptr);
}

json::value balance_json(const std::optional<Balance>& balance) {
    if (!balance) {
        return nullptr;
    }
    return json::object{{"amount", balance->amount.format()},
                        {"currency", balance->amount.currency.code()},
                        {"date", balance->date.to_string()}};
}

json::object account_json(const BankAccount& account) {
    return {{"id", account.id.value()},
            {"name", account.name},
            {"iban", account.iban},
            {"account_number", account.account_number},
            {"bank_code", account.bank_code},
            {"currency", account.currency.code()},
            {"ledger_account", account.ledger_account},
            {"csv_mapping",
             account.csv_mapping ? json::value(csv_mapping_json(*account.csv_mapping))
                                 : json::value(nullptr)},
            {"created_at", account.created_at.to_rfc3339()}};
}

json::object statement_json(const Statement& statement) {
    return {{"id", statement.id.value()},
            {"bank_account_id", statement.bank_account_id.value()},
            {"format", to_string(statement.format)},
            {"statement_ref", statement.statement_ref},
            {"sequence", statement.sequence},
            {"currency", statement.currency.code()},
            {"from_date", optional_date(statement.from_date)},
            {"to_date", optional_date(statement.to_date)},
            {"opening_balance", balance_json(statement.opening)},
            {"closing_balance", balance_json(statement.closing)},
            {"lines_imported", statement.lines_imported},
            {"lines_skipped", statement.lines_skipped},
            {"imported_at", statement.imported_at.to_rfc3339()}};
}

json::object line_json(const StatementLine& stored) {
    const ParsedLine& line = stored.line;
    return {{"id", stored.id.value()},
            {"line_number", stored.line_number},
            {"booking_date", line.booking_date.to_string()},
            {"value_date", optional_date(line.value_date)},
            {"amount", line.amount.format()},
            {"currency", line.amount.currency.code()},
            {"bank_reference", line.bank_reference},
            {"end_to_end_id", line.end_to_end_id},
            {"remittance", line.remittance},
            {"creditor_reference", line.creditor_reference},
            {"counterparty_name", line.counterparty_name},
            {"counterparty_account", line.counterparty_account},
            {"counterparty_bic", line.counterparty_bic},
            {"transaction_code", line.transaction_code},
            {"status", to_string(line.status)},
            {"match_status", to_string(stored.match_status)}};
}

// A page of `rows` as {"items": [...], "next_cursor"?}: a cursor when the page is full.
template <typename Row, typename ToJson>
json::object page_json(const std::vector<Row>& rows, std::size_t limit, ToJson to_json) {
    json::array items;
    for (const Row& row : rows) {
        items.push_back(to_json(row));
    }
    json::object body{{"items", std::move(items)}};
    if (!rows.empty() && rows.size() == limit) {
        body["next_cursor"] = platform::api::encode_cursor(rows.back().id.value());
    }
    return body;
}

core::Result<ApiResponse> list_accounts_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    BO_TRY_ASSIGN(const std::vector<BankAccount> accounts,
                  list_bank_accounts(txn,
                                     request.caller.actor.company,
                                     BankAccountId(page.after_id),
                                     static_cast<std::int64_t>(page.limit)));
    return ApiResponse::ok(page_json(accounts, page.limit, account_json));
}

core::Result<ApiResponse> get_account_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const BankAccountId id, BankAccountId::parse(request.param("id")));
    BO_TRY_ASSIGN(const std::optional<BankAccount> account,
                  find_bank_account(txn, request.caller.actor.company, id));
    if (!account) {
        return core::Error(core::ErrorCode::not_found, "no such bank account");
    }
    return ApiResponse::ok(account_json(*account));
}

core::Result<ApiResponse> create_account_route(store::Txn& txn, const ApiRequest& request) {
    json::object rest = request.body.is_object() ? request.body.as_object() : json::object();
    std::optional<json::value> mapping_json;
    if (const json::value* mapping = rest.if_contains("csv_mapping");
        mapping != nullptr && !mapping->is_null()) {
        mapping_json = *mapping;
    }
    rest.erase("csv_mapping");
    const json::value fields(std::move(rest));  // the reader points into it: keep it alive
    platform::api::BodyReader reader{fields};
    NewBankAccount input;
    input.name = reader.required_string("name", bank_account_name_chars_max);
    input.iban = reader.optional_string("iban", account_number_chars_max + 8).value_or("");
    input.account_number =
        reader.optional_string("account_number", account_number_chars_max).value_or("");
    input.bank_code = reader.optional_string("bank_code", bank_code_chars_max).value_or("");
    input.currency = reader.required_string("currency", 3);
    input.ledger_account = reader.required_string("ledger_account", 16);
    if (mapping_json) {
        core::Result<CsvMapping> mapping = csv_mapping_from_json(*mapping_json);
        if (!mapping) {
            for (const core::FieldError& field : mapping.error().fields()) {
                reader.reject(field.field, field.reason);
            }
        } else {
            input.csv_mapping = *mapping;
        }
    }
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const BankAccount account,
                  create_bank_account(txn, request.clock, request.caller.actor, input));
    ApiResponse response = ApiResponse::created(account_json(account));
    response.headers.push_back({"Location", "/api/v1/bank-accounts/" + account.id.to_string()});
    return response;
}

json::object report_json(const ImportReport& report) {
    json::array statements;
    for (const ImportedStatement& statement : report.statements) {
        statements.push_back(json::object{
            {"id",
             statement.id.value() == 0 ? json::value(nullptr) : json::value(statement.id.value())},
            {"bank_account_id", statement.bank_account_id.value()},
            {"statement_ref", statement.statement_ref},
            {"duplicate", statement.duplicate},
            {"lines_imported", statement.lines_imported},
            {"lines_skipped", statement.lines_skipped}});
    }
    json::array warnings;
    for (const std::string& warning : report.warnings) {
        warnings.emplace_back(warning);
    }
    return {{"format", to_string(report.format)},
            {"dry_run", report.mode == ImportMode::check_only},
            {"duplicate", report.duplicate()},
            {"statements", std::move(statements)},
            {"warnings", std::move(warnings)},
            {"matching",
             json::object{{"matched", report.lines_matched},
                          {"proposed", report.lines_proposed},
                          {"unmatched", report.lines_unmatched}}}};
}

// 201 with the report; 200 for a dry run or a file imported before (`duplicate: true`,
// nothing stored); 422 naming the line / element / field of a refused file.
core::Result<ApiResponse> answer(core::Result<ImportReport> report) {
    if (!report) {
        if (report.error().code() != core::ErrorCode::invalid_argument) {
            return std::move(report).error();
        }
        // Nothing was written (every check runs before the first write), so the refusal may
        // commit, which also lets an Idempotency-Key replay it.
        return ApiResponse::unprocessable(report.error());
    }
    if (report->mode == ImportMode::check_only || report->duplicate()) {
        return ApiResponse::ok(report_json(*report));
    }
    return ApiResponse::created(report_json(*report));
}

core::Result<std::string> decode_base64(const std::string& text) {
    std::string bytes(text.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()),  // NOLINT: bytes
                          bytes.size(),
                          text.data(),
                          text.size(),
                          " \r\n",
                          &length,
                          nullptr,
                          sodium_base64_VARIANT_ORIGINAL)
        != 0) {
        return core::Error::invalid("content_base64", "is not base64");
    }
    bytes.resize(length);
    return bytes;
}

// A body or query value: the body's wins.
std::optional<std::string> option(const ApiRequest& request,
                                  platform::api::BodyReader& reader,
                                  std::string_view name) {
    std::optional<std::string> value = reader.optional_string(name, 64);
    return value ? value : platform::api::query_param(request.http, name);
}

core::Result<ApiResponse> import_route(store::Txn& txn, const ApiRequest& request) {
    json::object rest = request.body.is_object() ? request.body.as_object() : json::object();
    std::string content;
    std::string content_base64;
    for (const std::string_view key : {"content", "content_base64"}) {
        if (const json::value* value = rest.if_contains(key);
            value != nullptr && value->is_string()) {
            (key == "content" ? content : content_base64) = std::string(value->get_string());
        }
        rest.erase(key);
    }
    const json::value fields(std::move(rest));  // the reader points into it: keep it alive
    platform::api::BodyReader reader{fields};
    const std::optional<std::string> format_text = option(request, reader, "format");
    const std::optional<std::string> account_text = option(request, reader, "bank_account");
    std::optional<bool> dry_run = reader.optional_bool("dry_run");
    if (!dry_run && platform::api::query_param(request.http, "dry_run") == "true") {
        dry_run = true;
    }
    ImportRequest input;
    if (format_text) {
        if (auto format = parse_statement_format(*format_text); format) {
            input.format = *format;
        } else {
            reader.reject("format", "must be camt053, camt054, ofx or csv");
        }
    }
    if (account_text) {
        if (auto id = BankAccountId::parse(*account_text); id) {
            input.bank_account = *id;
        } else {
            reader.reject("bank_account", "must be a bank account id");
        }
    }
    if (request.body.is_null()) {
        content = request.http.body;  // the file itself as the body (Content-Type not JSON)
    }
    if (content.empty() == content_base64.empty()) {
        reader.reject("content",
                      "send the file as the body, or as `content` (text) or `content_base64` "
                      "in a JSON body");
    }
    BO_TRY(reader.finish());
    if (!content_base64.empty()) {
        BO_TRY_ASSIGN(content, decode_base64(content_base64));
    }
    input.bytes = content;
    input.mode = dry_run.value_or(false) ? ImportMode::check_only : ImportMode::post;
    return answer(import_statements(txn, request.clock, request.caller.actor, input));
}

core::Result<ApiResponse> list_statements_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    BO_TRY_ASSIGN(const std::vector<Statement> statements,
                  list_statements(txn,
                                  request.caller.actor.company,
                                  StatementId(page.after_id),
                                  static_cast<std::int64_t>(page.limit)));
    return ApiResponse::ok(page_json(statements, page.limit, statement_json));
}

core::Result<ApiResponse> get_statement_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const StatementId id, StatementId::parse(request.param("id")));
    const platform::tenancy::CompanyId company = request.caller.actor.company;
    BO_TRY_ASSIGN(const std::optional<Statement> statement, find_statement(txn, company, id));
    if (!statement) {
        return core::Error(core::ErrorCode::not_found, "no such bank statement");
    }
    BO_TRY_ASSIGN(const std::vector<StatementLine> lines, statement_lines(txn, company, id));
    json::object body = statement_json(*statement);
    json::array items;
    for (const StatementLine& line : lines) {
        items.push_back(line_json(line));
    }
    body["lines"] = std::move(items);
    return ApiResponse::ok(std::move(body));
}

}  // namespace

void add_banking_routes(platform::api::Api& api) {
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

    const Row table[] = {
        {Method::get,
         "bank-accounts",
         "banking.read",
         TxnMode::read_only,
         "List bank accounts",
         list_accounts_route},
        {Method::post,
         "bank-accounts",
         "banking.reconcile",
         TxnMode::read_write,
         "Create a bank account (IBAN or number, currency, ledger cash account, CSV mapping)",
         create_account_route},
        {Method::get,
         "bank-accounts/{id}",
         "banking.read",
         TxnMode::read_only,
         "One bank account",
         get_account_route},
        {Method::post,
         "bank-statements",
         "banking.reconcile",
         TxnMode::read_write,
         "Import a bank statement file (camt.053/054, OFX, CSV; all or nothing)",
         import_route},
        {Method::get,
         "bank-statements",
         "banking.read",
         TxnMode::read_only,
         "List imported bank statements",
         list_statements_route},
        {Method::get,
         "bank-statements/{id}",
         "banking.read",
         TxnMode::read_only,
         "One bank statement with its lines and their match status",
         get_statement_route},
    };
    for (const Row& row : table) {
        const bool file_upload = row.method == Method::post && row.pattern == "bank-statements";
        api.add(platform::api::ApiRoute{row.method,
                                        "/api/v1/" + std::string(row.pattern),
                                        std::string(row.permission),
                                        http::Access::permission_required,
                                        row.mode,
                                        std::string(row.summary),
                                        row.handler,
                                        file_upload});
    }
}

}  // namespace bo::modules::banking
