// Handlers of collections (their rows are in add_collections_routes below):
//   GET/PUT /api/v1/dunning-levels
//   GET/POST /api/v1/dunning-runs, GET /api/v1/dunning-runs/{id},
//   GET /api/v1/dunning-runs/{id}/letters/{customer}.pdf
//   GET/POST /api/v1/collection-cases, GET/PUT /api/v1/collection-cases/{id},
//   POST /api/v1/collection-cases/{id}/notes | /promises | /tasks
//   GET /api/v1/collection-tasks, PUT /api/v1/collection-tasks/{id}
//   GET /api/v1/customers/{id}/statement.pdf, POST /api/v1/customers/{id}/statement/send,
//   GET /api/v1/customers/{id}/standing
#include "modules/receivables/collections_routes.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "modules/receivables/collections.hpp"
#include "modules/receivables/dunning.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/receivables/route_support.hpp"
#include "modules/receivables/statement.hpp"
#include "modules/sales/route_support.hpp"
#include "platform/api/json.hpp"

namespace bo::modules::receivables {
namespace {

namespace json = boost::json;
using http::Method;
using platform::api::ApiRequest;
using platform::api::ApiResponse;
using platform::api::BodyReader;
using platform::auth::UserId;
using route_support::date_param;
using route_support::page_body;
using route_support::path_id;
using route_support::read_date;
using sales::internal::RouteRow;
using store::TxnMode;

constexpr std::string_view read_permission = "receivables.read";
constexpr std::string_view collect_permission = "receivables.collect";
constexpr std::size_t decimal_chars_max = 32;
constexpr std::size_t address_chars_max = 320;
constexpr std::size_t message_chars_max = 4000;
constexpr std::string_view pdf_suffix = ".pdf";

json::value user_json(const std::optional<UserId>& user) {
    return user ? json::value(user->value()) : json::value(nullptr);
}

json::value optional_int(const std::optional<std::int64_t>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

ApiResponse pdf_response(std::string pdf, const std::string& filename) {
    ApiResponse response = ApiResponse::ok(nullptr);
    response.content_type = "application/pdf";
    response.raw_body = std::move(pdf);
    response.headers.push_back(
        {"Content-Disposition", "inline; filename=\"" + filename + "\""});
    return response;
}

ApiResponse mail_response(const platform::mail::OutboxMail& mail) {
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
}

// A required date field: absent and malformed are one error each.
std::optional<core::Date> required_date(BodyReader& reader, std::string_view field) {
    const std::string text = reader.required_string(field, route_support::date_chars);
    core::Result<core::Date> date = core::Date::parse(text);
    if (!text.empty() && !date) {
        reader.reject(std::string(field), "must be a date YYYY-MM-DD");
    }
    return date ? std::optional<core::Date>(*date) : std::nullopt;
}

std::optional<UserId> read_user(BodyReader& reader, std::string_view field) {
    const std::optional<std::int64_t> id = reader.optional_int(field);
    if (id && *id < 1) {
        reader.reject(std::string(field), "must be a user id");
        return std::nullopt;
    }
    return id ? std::optional<UserId>(UserId(*id)) : std::nullopt;
}

// --- Dunning levels and runs -----------------------------------------------------------------

json::object policy_json(const DunningPolicy& policy) {
    json::array levels;
    for (const DunningLevel& level : policy.levels) {
        levels.push_back(json::object{{"level", level.level},
                                      {"name", level.name},
                                      {"days_overdue", level.days_overdue},
                                      {"fee", level.fee.format()},
                                      {"fee_currency", level.fee.currency.code()},
                                      {"interest_percent", level.interest_percent},
                                      {"letter_text", level.letter_text}});
    }
    return {{"levels", std::move(levels)},
            {"hold_days_overdue", optional_int(policy.hold_days_overdue)},
            {"hold_level", optional_int(policy.hold_level)},
            {"defaults", policy.defaults}};
}

core::Result<ApiResponse> get_levels_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DunningPolicy policy,
                  dunning_policy(txn, request.caller.actor.company));
    return ApiResponse::ok(policy_json(policy));
}

NewDunningLevel read_level(BodyReader& reader) {
    return NewDunningLevel{
        .name = reader.required_string("name", dunning_level_name_chars_max),
        .days_overdue = reader.optional_int("days_overdue").value_or(0),
        .fee = reader.optional_string("fee", decimal_chars_max),
        .interest_percent =
            reader.optional_string("interest_percent", decimal_chars_max).value_or("0"),
        .letter_text = reader.required_string("letter_text", letter_text_chars_max)};
}

core::Result<ApiResponse> put_levels_route(store::Txn& txn, const ApiRequest& request) {
    const sales::internal::SplitBody split = sales::internal::split_body(request.body, {"levels"});
    BodyReader reader(split.rest);
    NewDunningPolicy input{.levels = {},
                           .hold_days_overdue = reader.optional_int("hold_days_overdue"),
                           .hold_level = reader.optional_int("hold_level")};
    std::vector<core::FieldError> errors;
    if (const auto levels = split.arrays.find("levels"); levels != split.arrays.end()) {
        input.levels = sales::internal::read_objects<NewDunningLevel>(
            levels->second, "levels", dunning_levels_max, read_level, errors);
    }
    BO_TRY(sales::internal::all_fields_ok(reader.finish(), std::move(errors), "dunning levels"));
    BO_TRY_ASSIGN(const DunningPolicy policy,
                  set_dunning_policy(txn, request.clock, request.caller.actor, input));
    return ApiResponse::ok(policy_json(policy));
}

json::object letter_json(const DunningLetter& letter, DunningRunId run) {
    json::array items;
    for (const DunningItem& item : letter.items) {
        items.push_back(json::object{{"invoice_id", item.invoice.value()},
                                     {"number", item.number},
                                     {"due_date", item.due_date.to_string()},
                                     {"days_overdue", item.days_overdue},
                                     {"level", item.level},
                                     {"open", item.open.format()},
                                     {"interest", item.interest.format()},
                                     {"interest_days", item.interest_days}});
    }
    return {{"customer_id", letter.customer.value()},
            {"customer", letter.customer_number},
            {"name", letter.customer_name},
            {"level", letter.level},
            {"level_name", letter.level_name},
            {"currency", letter.open.currency.code()},
            {"open", letter.open.format()},
            {"fee", letter.fee.format()},
            {"interest", letter.interest.format()},
            {"charge_invoice_id",
             letter.charge_invoice ? json::value(letter.charge_invoice->value())
                                   : json::value(nullptr)},
            {"mail_id", optional_int(letter.mail_id)},
            {"pdf", "/api/v1/dunning-runs/" + run.to_string() + "/letters/"
                        + letter.customer.to_string() + ".pdf"},
            {"items", std::move(items)}};
}

json::object run_json(const DunningRun& run) {
    json::array letters;
    for (const DunningLetter& letter : run.letters) {
        letters.push_back(letter_json(letter, run.id));
    }
    json::object body{{"id", run.id.value()},
                      {"as_of", run.as_of.to_string()},
                      {"dry_run", run.dry_run},
                      {"letters", std::move(letters)},
                      {"created_by", run.created_by.value()},
                      {"created_at", run.created_at.to_rfc3339()}};
    if (!run.skipped.empty()) {
        json::array skipped;
        for (const DunningSkip& skip : run.skipped) {
            skipped.push_back(json::object{{"customer_id", skip.customer.value()},
                                           {"customer", skip.customer_number},
                                           {"reason", skip.reason}});
        }
        body["skipped"] = std::move(skipped);
    }
    return body;
}

core::Result<ApiResponse> list_runs_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    BO_TRY_ASSIGN(const std::vector<DunningRun> runs,
                  list_dunning_runs(txn, request.caller.actor.company,
                                    DunningRunId(page.after_id),
                                    static_cast<std::int64_t>(page.limit)));
    json::array items;
    for (const DunningRun& run : runs) {
        json::object body = run_json(run);
        body.erase("letters");
        items.push_back(std::move(body));
    }
    return ApiResponse::ok(page_body(std::move(items), runs.size() == page.limit,
                                     runs.empty() ? 0 : runs.back().id.value()));
}

core::Result<ApiResponse> get_run_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DunningRunId id, path_id<DunningRunId>(request));
    BO_TRY_ASSIGN(const std::optional<DunningRun> run,
                  find_dunning_run(txn, request.caller.actor.company, id));
    if (!run) {
        return core::Error(core::ErrorCode::not_found, "no such dunning run");
    }
    return ApiResponse::ok(run_json(*run));
}

core::Result<ApiResponse> letter_pdf_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DunningRunId id, path_id<DunningRunId>(request));
    BO_TRY_ASSIGN(const sales::CustomerId customer,
                  sales::CustomerId::parse(request.param("customer")));
    BO_TRY_ASSIGN(std::string pdf,
                  dunning_letter_pdf(txn, request.caller.actor.company, id, customer));
    return pdf_response(std::move(pdf), "dunning-" + id.to_string() + "-"
                                            + customer.to_string() + std::string(pdf_suffix));
}

// --- Collection cases and tasks --------------------------------------------------------------

json::object task_json(const CollectionTask& task) {
    return {{"id", task.id.value()},
            {"case_id", task.case_id.value()},
            {"customer_id", task.customer.value()},
            {"customer", task.customer_number},
            {"title", task.title},
            {"due_date", task.due_date.to_string()},
            {"assignee_id", user_json(task.assignee)},
            {"done", task.done},
            {"done_by", user_json(task.done_by)},
            {"done_at", task.done_at ? json::value(task.done_at->to_rfc3339()) : json::value()},
            {"created_at", task.created_at.to_rfc3339()}};
}

json::object promise_json(const Promise& promise) {
    return {{"id", promise.id.value()},
            {"date", promise.promised_date.to_string()},
            {"amount", promise.amount.format()},
            {"currency", promise.amount.currency.code()},
            {"open_at_promise", promise.open_at_promise.format()},
            {"status", to_string(promise.status)},
            {"created_by", promise.created_by.value()},
            {"created_at", promise.created_at.to_rfc3339()}};
}

json::object case_json(const CollectionCase& record) {
    json::object body{{"id", record.id.value()},
                      {"customer_id", record.customer.value()},
                      {"customer", record.customer_number},
                      {"name", record.customer_name},
                      {"status", to_string(record.status)},
                      {"origin", to_string(record.origin)},
                      {"disputed", record.disputed},
                      {"dispute_reason", record.dispute_reason},
                      {"opened_on", record.opened_on.to_string()},
                      {"assignee_id", user_json(record.assignee)},
                      {"opened_by", record.opened_by.value()},
                      {"closed_at", record.closed_at ? json::value(record.closed_at->to_rfc3339())
                                                     : json::value()},
                      {"currency", record.open_balance.currency.code()},
                      {"open_balance", record.open_balance.format()}};
    json::array notes;
    for (const CollectionNote& note : record.notes) {
        notes.push_back(json::object{{"number", note.number},
                                     {"text", note.text},
                                     {"created_by", note.created_by.value()},
                                     {"created_at", note.created_at.to_rfc3339()}});
    }
    json::array promises;
    for (const Promise& promise : record.promises) {
        promises.push_back(promise_json(promise));
    }
    json::array tasks;
    for (const CollectionTask& task : record.tasks) {
        tasks.push_back(task_json(task));
    }
    body["notes"] = std::move(notes);
    body["promises"] = std::move(promises);
    body["tasks"] = std::move(tasks);
    return body;
}

core::Result<ApiResponse> case_answer(store::Txn& txn,
                                      const ApiRequest& request,
                                      CollectionCaseId id,
                                      unsigned status) {
    BO_TRY_ASSIGN(const std::optional<CollectionCase> record,
                  find_case(txn, request.caller.actor.company, id,
                            internal::today(request.clock)));
    if (!record) {
        return core::Error(core::ErrorCode::not_found, "no such collection case");
    }
    return ApiResponse{status, case_json(*record), {}};
}

core::Result<ApiResponse> list_cases_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    CaseQuery query{.status = std::nullopt,
                    .customer = std::nullopt,
                    .after = CollectionCaseId(page.after_id),
                    .limit = static_cast<std::int64_t>(page.limit)};
    if (const auto status = platform::api::query_param(request.http, "status")) {
        if (*status != "open" && *status != "closed") {
            return core::Error::invalid("status", "must be open or closed");
        }
        query.status = *status == "open" ? CaseStatus::open : CaseStatus::closed;
    }
    if (const auto customer = platform::api::query_param(request.http, "customer_id")) {
        BO_TRY_ASSIGN(query.customer, sales::CustomerId::parse(*customer));
    }
    BO_TRY_ASSIGN(const std::vector<CollectionCase> cases,
                  list_cases(txn, request.caller.actor.company, query,
                             internal::today(request.clock)));
    json::array items;
    for (const CollectionCase& record : cases) {
        json::object body = case_json(record);
        body.erase("notes");
        body.erase("promises");
        body.erase("tasks");
        items.push_back(std::move(body));
    }
    return ApiResponse::ok(page_body(std::move(items), cases.size() == page.limit,
                                     cases.empty() ? 0 : cases.back().id.value()));
}

core::Result<ApiResponse> open_case_route(store::Txn& txn, const ApiRequest& request) {
    BodyReader reader(request.body);
    const std::int64_t customer = reader.optional_int("customer_id").value_or(0);
    const std::optional<UserId> assignee = read_user(reader, "assignee_id");
    if (customer < 1) {
        reader.reject("customer_id", "is required: the customer's id");
    }
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const CollectionCase record,
                  open_case(txn, request.clock, request.caller.actor,
                            sales::CustomerId(customer), assignee));
    return case_answer(txn, request, record.id, 201);
}

core::Result<ApiResponse> get_case_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const CollectionCaseId id, path_id<CollectionCaseId>(request));
    return case_answer(txn, request, id, 200);
}

core::Result<ApiResponse> change_case_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const CollectionCaseId id, path_id<CollectionCaseId>(request));
    BodyReader reader(request.body);
    CaseChange change{.disputed = reader.optional_bool("disputed"),
                      .dispute_reason = reader.optional_string("dispute_reason",
                                                               reason_chars_max),
                      .assignee = std::nullopt,
                      .status = std::nullopt};
    // "assignee_id": null unassigns; a number assigns; absent leaves it.
    if (request.body.is_object() && request.body.as_object().contains("assignee_id")) {
        change.assignee = read_user(reader, "assignee_id");
    }
    if (const auto status = reader.optional_string("status", 16)) {
        if (*status == "closed") {
            change.status = CaseStatus::closed;
        } else if (*status != "open") {
            reader.reject("status", "must be open or closed (a closed case does not reopen)");
        }
    }
    BO_TRY(reader.finish());
    BO_TRY(change_case(txn, request.clock, request.caller.actor, id, change));
    return case_answer(txn, request, id, 200);
}

core::Result<ApiResponse> add_note_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const CollectionCaseId id, path_id<CollectionCaseId>(request));
    BodyReader reader(request.body);
    const std::string text = reader.required_string("text", note_chars_max);
    BO_TRY(reader.finish());
    BO_TRY(add_note(txn, request.clock, request.caller.actor, id, text));
    return case_answer(txn, request, id, 201);
}

core::Result<ApiResponse> add_promise_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const CollectionCaseId id, path_id<CollectionCaseId>(request));
    BodyReader reader(request.body);
    const std::string amount = reader.required_string("amount", decimal_chars_max);
    const std::optional<core::Date> date = required_date(reader, "date");
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const Promise promise,
                  add_promise(txn, request.clock, request.caller.actor, id, amount, *date));
    return ApiResponse::created(promise_json(promise));
}

core::Result<ApiResponse> add_task_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const CollectionCaseId id, path_id<CollectionCaseId>(request));
    BodyReader reader(request.body);
    const std::string title = reader.required_string("title", task_title_chars_max);
    const std::optional<core::Date> due = required_date(reader, "due_date");
    const std::optional<UserId> assignee = read_user(reader, "assignee_id");
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const CollectionTask task,
                  add_task(txn, request.clock, request.caller.actor, id,
                           {.title = title, .due_date = *due, .assignee = assignee}));
    return ApiResponse::created(task_json(task));
}

core::Result<ApiResponse> list_tasks_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    TaskQuery query{.assignee = std::nullopt,
                    .due_before = std::nullopt,
                    .include_done = platform::api::query_param(request.http, "done") == "true",
                    .limit = static_cast<std::int64_t>(page.limit)};
    if (const auto assignee = platform::api::query_param(request.http, "assignee")) {
        if (*assignee == "me") {
            query.assignee = request.caller.actor.user;
        } else {
            core::Result<UserId> user = UserId::parse(*assignee);
            if (!user) {
                return core::Error::invalid("assignee", "must be me or a user id");
            }
            query.assignee = *user;
        }
    }
    BO_TRY_ASSIGN(query.due_before, date_param(request, "due_before"));
    BO_TRY_ASSIGN(const std::vector<CollectionTask> tasks,
                  list_tasks(txn, request.caller.actor.company, query));
    json::array items;
    for (const CollectionTask& task : tasks) {
        items.push_back(task_json(task));
    }
    return ApiResponse::ok(json::object{{"items", std::move(items)}});
}

core::Result<ApiResponse> change_task_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const CollectionTaskId id, path_id<CollectionTaskId>(request));
    BodyReader reader(request.body);
    const std::optional<bool> done = reader.optional_bool("done");
    if (!done) {
        reader.reject("done", "is required: true or false");
    }
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const CollectionTask task,
                  set_task_done(txn, request.clock, request.caller.actor, id, *done));
    return ApiResponse::ok(task_json(task));
}

// --- Statement and standing -------------------------------------------------------------------

core::Result<Statement> statement_of(store::Txn& txn,
                                     const ApiRequest& request,
                                     std::optional<core::Date> from,
                                     std::optional<core::Date> to) {
    BO_TRY_ASSIGN(const sales::CustomerId id, path_id<sales::CustomerId>(request));
    return statement_of_account(txn, request.clock, request.caller.actor.company, id, from, to);
}

core::Result<ApiResponse> statement_pdf_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const std::optional<core::Date> from, date_param(request, "from"));
    BO_TRY_ASSIGN(const std::optional<core::Date> to, date_param(request, "to"));
    BO_TRY_ASSIGN(const Statement statement, statement_of(txn, request, from, to));
    BO_TRY_ASSIGN(std::string pdf, statement_pdf(txn, request.caller.actor.company, statement));
    return pdf_response(std::move(pdf), "statement-" + statement.customer_number + ".pdf");
}

core::Result<ApiResponse> standing_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const sales::CustomerId id, path_id<sales::CustomerId>(request));
    BO_TRY_ASSIGN(const Standing standing,
                  customer_standing(txn, request.caller.actor.company, id,
                                    internal::today(request.clock)));
    return ApiResponse::ok(json::object{
        {"customer_id", id.value()},
        {"credit_hold", standing.credit_hold},
        {"reason", standing.reason},
        {"oldest_days_overdue", standing.oldest_days_overdue},
        {"dunning_level", standing.dunning_level},
        {"overdue", standing.overdue.format()},
        {"currency", standing.overdue.currency.code()},
        {"open_case_id", standing.open_case ? json::value(standing.open_case->value())
                                            : json::value(nullptr)}});
}

}  // namespace

void add_collections_routes(platform::api::Api& api, const CollectionsRouteOptions& options) {
    const auto create_run_route = [from = options.mail_from](store::Txn& txn,
                                                             const ApiRequest& request)
        -> core::Result<ApiResponse> {
        BodyReader reader(request.body);
        const std::optional<core::Date> as_of = read_date(reader, "as_of");
        const bool dry_run = reader.optional_bool("dry_run").value_or(false);
        BO_TRY(reader.finish());
        BO_TRY_ASSIGN(const DunningRun run,
                      run_dunning(txn, request.clock, request.caller.actor, as_of,
                                  dry_run ? RunMode::dry : RunMode::real, from));
        return ApiResponse::created(run_json(run));
    };
    const auto send_statement_route = [from = options.mail_from](store::Txn& txn,
                                                                 const ApiRequest& request)
        -> core::Result<ApiResponse> {
        BodyReader reader(request.body);
        const std::optional<core::Date> from_date = read_date(reader, "from_date");
        const std::optional<core::Date> to_date = read_date(reader, "to_date");
        SendRequest input{
            .to = reader.string_list("to", address_chars_max, platform::mail::recipients_max),
            .from = reader.optional_string("from", address_chars_max).value_or(from),
            .message = reader.optional_string("message", message_chars_max).value_or("")};
        BO_TRY(reader.finish());
        BO_TRY_ASSIGN(const Statement statement, statement_of(txn, request, from_date, to_date));
        BO_TRY_ASSIGN(const platform::mail::OutboxMail mail,
                      send_statement(txn, request.clock, request.caller.actor, statement, input));
        return mail_response(mail);
    };
    const std::vector<RouteRow> table{
        {Method::get, "/dunning-levels", read_permission, TxnMode::read_only,
         "The company's dunning levels and credit-hold policy", get_levels_route},
        {Method::put, "/dunning-levels", collect_permission, TxnMode::read_write,
         "Replace the dunning levels and credit-hold policy", put_levels_route},
        {Method::get, "/dunning-runs", read_permission, TxnMode::read_only, "List dunning runs",
         list_runs_route},
        {Method::post, "/dunning-runs", collect_permission, TxnMode::read_write,
         "Run dunning as of a date (dry_run: letters only, nothing recorded or sent)",
         create_run_route},
        {Method::get, "/dunning-runs/{id}", read_permission, TxnMode::read_only,
         "Get a dunning run with its letters", get_run_route},
        {Method::get, "/dunning-runs/{id}/letters/{customer}.pdf", read_permission,
         TxnMode::read_only, "A run's letter to a customer as a PDF", letter_pdf_route},
        {Method::get, "/collection-cases", read_permission, TxnMode::read_only,
         "List collection cases (?status&customer_id&limit&cursor)", list_cases_route},
        {Method::post, "/collection-cases", collect_permission, TxnMode::read_write,
         "Open a collection case for a customer", open_case_route},
        {Method::get, "/collection-cases/{id}", read_permission, TxnMode::read_only,
         "Get a case with its notes, promises to pay and tasks", get_case_route},
        {Method::put, "/collection-cases/{id}", collect_permission, TxnMode::read_write,
         "Change a case: dispute, assignee, close", change_case_route},
        {Method::post, "/collection-cases/{id}/notes", collect_permission, TxnMode::read_write,
         "Add a note to a case", add_note_route},
        {Method::post, "/collection-cases/{id}/promises", collect_permission,
         TxnMode::read_write, "Record a promise to pay", add_promise_route},
        {Method::post, "/collection-cases/{id}/tasks", collect_permission, TxnMode::read_write,
         "Add a follow-up task", add_task_route},
        {Method::get, "/collection-tasks", read_permission, TxnMode::read_only,
         "The follow-up worklist (?assignee=me&due_before&done)", list_tasks_route},
        {Method::put, "/collection-tasks/{id}", collect_permission, TxnMode::read_write,
         "Mark a task done or not done", change_task_route},
        {Method::get, "/customers/{id}/statement.pdf", read_permission, TxnMode::read_only,
         "A customer's statement of account as a PDF (?from&to)", statement_pdf_route},
        {Method::post, "/customers/{id}/statement/send", collect_permission,
         TxnMode::read_write, "E-mail a customer's statement of account", send_statement_route},
        {Method::get, "/customers/{id}/standing", read_permission, TxnMode::read_only,
         "A customer's standing: overdue, dunning level, credit hold", standing_route},
    };
    sales::internal::add_routes(api, "/api/v1", table);
}

}  // namespace bo::modules::receivables
