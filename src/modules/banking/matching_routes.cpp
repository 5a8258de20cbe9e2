#include "modules/banking/matching_routes.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "modules/banking/matching_service.hpp"
#include "modules/sales/route_support.hpp"
#include "modules/sales/service.hpp"
#include "platform/api/json.hpp"

namespace bo::modules::banking {
namespace {

namespace json = boost::json;
using platform::api::ApiRequest;

// A ledger account number ("6900"), as the bank account's `ledger_account` reads it.
constexpr std::size_t ledger_account_chars_max = 16;
using platform::api::ApiResponse;
using platform::api::BodyReader;

std::string money_text(std::int64_t minor, const core::Currency& currency) {
    return core::Money{minor, currency}.format();
}

// The tolerance is in minor units of the statement's currency (500 = 5.00 EUR or USD).
json::object rules_json(const matching::MatchingRules& rules) {
    return {{"auto_post_score", rules.auto_post_score_min},
            {"tolerance_minor", rules.tolerance_minor},
            {"name_matching", rules.name_matching},
            {"amount_only", rules.amount_only},
            {"date_window_days", rules.date_window_days}};
}

json::object proposal_json(const StoredProposal& stored, const core::Currency& currency) {
    const matching::Proposal& p = stored.proposal;
    json::array allocations;
    for (const matching::Allocation& a : p.allocations) {
        allocations.push_back(json::object{{"invoice_id", a.invoice},
                                           {"invoice_number", a.number},
                                           {"amount", money_text(a.amount_minor, currency)},
                                           {"discount", money_text(a.discount_minor, currency)},
                                           {"write_off", money_text(a.write_off_minor, currency)}});
    }
    return {{"rank", stored.rank},
            {"strategy", matching::to_string(p.strategy)},
            {"customer_id", p.customer},
            {"score", p.score},
            {"reason", p.reason},
            {"unapplied", money_text(p.unapplied_minor, currency)},
            {"allocations", std::move(allocations)}};
}

json::value optional_id(const std::optional<std::int64_t>& id) {
    return id ? json::value(*id) : json::value(nullptr);
}

json::object settlement_json(const LineSettlement& s) {
    return {{"target", to_string(s.target)},
            {"receipt_id", optional_id(s.receipt_id)},
            {"entry_id", optional_id(s.entry_id)},
            {"customer_id", optional_id(s.customer_id)},
            {"ledger_account", s.ledger_account},
            {"how", to_string(s.how)},
            {"score", optional_id(s.score)},
            {"reason", s.reason},
            {"matched_by", s.matched_by},
            {"matched_at", s.matched_at.to_rfc3339()}};
}

json::object queue_line_json(const QueueLine& item) {
    const ParsedLine& line = item.line.line;
    const core::Currency currency = line.amount.currency;
    return {
        {"id", item.line.id.value()},
        {"statement_id", item.line.statement_id.value()},
        {"bank_account_id", item.line.bank_account_id.value()},
        {"line_number", item.line.line_number},
        {"booking_date", line.booking_date.to_string()},
        {"amount", line.amount.format()},
        {"currency", currency.code()},
        {"direction", line.amount.minor > 0 ? "in" : "out"},
        {"remittance", line.remittance},
        {"end_to_end_id", line.end_to_end_id},
        {"creditor_reference", line.creditor_reference},
        {"counterparty_name", line.counterparty_name},
        {"counterparty_account", line.counterparty_account},
        {"match_status", to_string(item.line.match_status)},
        {"best_proposal",
         item.best ? json::value(proposal_json(*item.best, currency)) : json::value(nullptr)},
        {"settlement",
         item.settlement ? json::value(settlement_json(*item.settlement)) : json::value(nullptr)}};
}

json::object report_json(const MatchRunReport& report) {
    json::array refused;
    for (const std::string& text : report.refused) {
        refused.emplace_back(text);
    }
    return {{"lines", report.lines},
            {"matched", report.matched},
            {"proposed", report.proposed},
            {"unmatched", report.unmatched},
            {"debits", report.debits},
            {"refused", std::move(refused)}};
}

core::Result<ApiResponse> get_rules_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const matching::MatchingRules rules,
                  matching_rules(txn, request.caller.actor.company));
    return ApiResponse::ok(rules_json(rules));
}

core::Result<ApiResponse> put_rules_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(matching::MatchingRules rules, matching_rules(txn, request.caller.actor.company));
    BodyReader reader{request.body};
    if (const auto score = reader.optional_int("auto_post_score")) {
        rules.auto_post_score_min = *score;
    }
    if (const auto tolerance = reader.optional_int("tolerance_minor")) {
        rules.tolerance_minor = *tolerance;
    }
    rules.name_matching = reader.optional_bool("name_matching").value_or(rules.name_matching);
    rules.amount_only = reader.optional_bool("amount_only").value_or(rules.amount_only);
    if (const auto days = reader.optional_int("date_window_days")) {
        rules.date_window_days = *days;
    }
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const matching::MatchingRules saved,
                  set_matching_rules(txn, request.clock, request.caller.actor, rules));
    return ApiResponse::ok(rules_json(saved));
}

core::Result<ApiResponse> match_statement_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const StatementId id, StatementId::parse(request.param("id")));
    const StatementId ids[] = {id};
    BO_TRY_ASSIGN(const MatchRunReport report,
                  match_statements(txn, request.clock, request.caller.actor, ids));
    return ApiResponse::ok(report_json(report));
}

core::Result<QueueQuery> queue_query(const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    QueueQuery query{.after = StatementLineId(page.after_id),
                     .limit = static_cast<std::int64_t>(page.limit)};
    if (const auto status = platform::api::query_param(request.http, "match_status")) {
        BO_TRY_ASSIGN(query.status, parse_match_status(*status, "match_status"));
    }
    if (const auto statement = platform::api::query_param(request.http, "statement")) {
        const core::Result<StatementId> id = StatementId::parse(*statement);
        if (!id) {
            return core::Error::invalid("statement", "must be a bank statement id");
        }
        query.statement = *id;
    }
    query.search = platform::api::query_param(request.http, "search").value_or("");
    return query;
}

core::Result<ApiResponse> list_lines_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const QueueQuery query, queue_query(request));
    BO_TRY_ASSIGN(const std::vector<QueueLine> lines,
                  list_queue(txn, request.caller.actor.company, query));
    json::array items;
    for (const QueueLine& line : lines) {
        items.push_back(queue_line_json(line));
    }
    json::object body{{"items", std::move(items)}};
    if (!lines.empty() && static_cast<std::int64_t>(lines.size()) == query.limit) {
        body["next_cursor"] = platform::api::encode_cursor(lines.back().line.id.value());
    }
    return ApiResponse::ok(std::move(body));
}

core::Result<QueueLine> line_of(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const StatementLineId id, StatementLineId::parse(request.param("id")));
    BO_TRY_ASSIGN(std::optional<QueueLine> line,
                  find_queue_line(txn, request.caller.actor.company, id));
    if (!line) {
        return core::Error(core::ErrorCode::not_found, "no such bank statement line");
    }
    return std::move(*line);
}

core::Result<ApiResponse> get_line_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const QueueLine line, line_of(txn, request));
    return ApiResponse::ok(queue_line_json(line));
}

core::Result<ApiResponse> proposals_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const QueueLine line, line_of(txn, request));
    BO_TRY_ASSIGN(const std::vector<StoredProposal> proposals,
                  line_proposals(txn, request.caller.actor.company, line.line.id));
    json::array items;
    for (const StoredProposal& proposal : proposals) {
        items.push_back(proposal_json(proposal, line.line.line.amount.currency));
    }
    return ApiResponse::ok(json::object{{"items", std::move(items)}});
}

// The line after a change, as the answer.
core::Result<ApiResponse> answer_line(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const QueueLine line, line_of(txn, request));
    return ApiResponse::ok(queue_line_json(line));
}

core::Result<ApiResponse> accept_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const StatementLineId id, StatementLineId::parse(request.param("id")));
    BodyReader reader{request.body};
    const std::int64_t rank = reader.optional_int("rank").value_or(1);
    BO_TRY(reader.finish());
    BO_TRY(accept_proposal(txn, request.clock, request.caller.actor, id, rank));
    return answer_line(txn, request);
}

std::optional<core::Money> money_of(const json::object& object,
                                    std::string_view key,
                                    const core::Currency& currency,
                                    const std::string& field,
                                    std::vector<core::FieldError>& errors) {
    const json::value* value = object.if_contains(key);
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    const core::Result<core::Money> money =
        value->is_string() ? core::Money::parse(std::string(value->as_string()), currency)
                           : core::Result<core::Money>(core::Error::invalid(field, "text"));
    if (!money || money->minor < 0) {
        errors.push_back({field, "must be a decimal amount like \"12.50\" (text), not negative"});
        return std::nullopt;
    }
    return *money;
}

// The "allocations" of a manual match in `currency`; each problem in `errors`.
std::vector<ManualAllocation> allocations_of(const json::value& body,
                                             const core::Currency& currency,
                                             std::vector<core::FieldError>& errors) {
    std::vector<ManualAllocation> out;
    const json::value* list =
        body.is_object() ? body.as_object().if_contains("allocations") : nullptr;
    if (list == nullptr || list->is_null()) {
        return out;
    }
    if (!list->is_array() || list->as_array().size() > manual_allocations_max) {
        errors.push_back({"allocations", "must be a list of at most 500 allocations"});
        return out;
    }
    for (std::size_t index = 0; index < list->as_array().size(); ++index) {
        const std::string prefix = "allocations/" + std::to_string(index) + "/";
        const json::object* item = list->as_array()[index].if_object();
        const json::value* invoice = item != nullptr ? item->if_contains("invoice_id") : nullptr;
        if (invoice == nullptr || !invoice->is_int64() || invoice->as_int64() <= 0) {
            errors.push_back({prefix + "invoice_id", "must be an invoice id"});
            continue;
        }
        const auto amount = money_of(*item, "amount", currency, prefix + "amount", errors);
        if (!amount && item->if_contains("amount") == nullptr) {
            errors.push_back({prefix + "amount", "is required"});
        }
        out.push_back(ManualAllocation{
            .invoice = receivables::DocumentId(invoice->as_int64()),
            .amount = amount.value_or(core::Money::zero(currency)),
            .discount = money_of(*item, "discount", currency, prefix + "discount", errors),
            .write_off = money_of(*item, "write_off", currency, prefix + "write_off", errors)});
    }
    return out;
}

core::Result<ApiResponse> manual_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const QueueLine line, line_of(txn, request));
    json::object rest = request.body.is_object() ? request.body.as_object() : json::object();
    rest.erase("allocations");
    const json::value fields(std::move(rest));  // the reader points into it: keep it alive
    BodyReader reader{fields};
    ManualMatch input;
    const auto customer = reader.optional_string("customer", sales::customer_number_chars_max);
    input.ledger_account =
        reader.optional_string("ledger_account", ledger_account_chars_max).value_or("");
    input.memo = reader.optional_string("memo", match_memo_chars_max).value_or("");
    std::vector<core::FieldError> errors;
    input.allocations = allocations_of(request.body, line.line.line.amount.currency, errors);
    for (core::FieldError& error : errors) {
        reader.reject(std::move(error.field), std::move(error.reason));
    }
    if (customer) {
        BO_TRY_ASSIGN(const std::optional<sales::Customer> found,
                      sales::find_customer(txn, request.caller.actor.company, *customer));
        if (found) {
            input.customer = found->id;
        } else {
            reader.reject("customer", "is not a customer of this company");
        }
    }
    BO_TRY(reader.finish());
    BO_TRY(match_by_hand(txn, request.clock, request.caller.actor, line.line.id, input));
    return answer_line(txn, request);
}

core::Result<ApiResponse> unmatch_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const StatementLineId id, StatementLineId::parse(request.param("id")));
    BodyReader reader{request.body};
    const std::string reason = reader.required_string("reason", match_memo_chars_max);
    BO_TRY(reader.finish());
    BO_TRY(unmatch_line(txn, request.clock, request.caller.actor, id, reason));
    return answer_line(txn, request);
}

}  // namespace

void add_matching_routes(platform::api::Api& api) {
    using http::Method;
    using store::TxnMode;

    const std::vector<sales::internal::RouteRow> table{
        {Method::get,
         "matching-rules",
         "banking.read",
         TxnMode::read_only,
         "The company's cash-application matching rules",
         get_rules_route},
        {Method::put,
         "matching-rules",
         "banking.configure",
         TxnMode::read_write,
         "Change the matching rules (auto-post score, tolerance, name / amount matching, window)",
         put_rules_route},
        {Method::post,
         "bank-statements/{id}/match",
         "banking.reconcile",
         TxnMode::read_write,
         "Match a statement's unmatched lines: post the confident, propose the rest",
         match_statement_route},
        {Method::get,
         "bank-statement-lines",
         "banking.read",
         TxnMode::read_only,
         "The matching queue (?match_status&search&statement&limit&cursor)",
         list_lines_route},
        {Method::get,
         "bank-statement-lines/{id}",
         "banking.read",
         TxnMode::read_only,
         "One statement line with its best proposal or its settlement",
         get_line_route},
        {Method::get,
         "bank-statement-lines/{id}/proposals",
         "banking.read",
         TxnMode::read_only,
         "A line's proposals with scores and reasons",
         proposals_route},
        {Method::post,
         "bank-statement-lines/{id}/accept",
         "banking.reconcile",
         TxnMode::read_write,
         "Post a proposal of the line (and learn its payer)",
         accept_route},
        {Method::post,
         "bank-statement-lines/{id}/match",
         "banking.reconcile",
         TxnMode::read_write,
         "Match a line by hand: a customer with allocations, or a ledger account",
         manual_route},
        {Method::post,
         "bank-statement-lines/{id}/unmatch",
         "banking.reconcile",
         TxnMode::read_write,
         "Undo a line's match (voids the receipt or reverses the entry)",
         unmatch_route},
    };
    sales::internal::add_routes(api, "/api/v1/", table);
}

}  // namespace bo::modules::banking
