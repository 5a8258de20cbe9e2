#include "ledger/draft_routes.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "ledger/drafts.hpp"
#include "ledger/recurring.hpp"
#include "ledger/service.hpp"
#include "platform/api/json.hpp"

namespace bo::ledger {
namespace {

namespace json = boost::json;

// 16 characters for an enum's wire name ("every_n_months"), so that a wrong value gets a
// clear "must be one of" instead of a length error.
constexpr std::size_t wire_name_chars_max = 16;
constexpr std::size_t date_chars = 10;
constexpr unsigned no_content_status = 204;

json::value optional_number(const std::optional<std::int64_t>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

json::value optional_date(const std::optional<core::Date>& date) {
    return date ? json::value(date->to_string()) : json::value(nullptr);
}

json::array lines_json(const std::vector<LineInput>& lines) {
    json::array items;
    for (std::size_t index = 0; index < lines.size(); ++index) {
        const LineInput& line = lines[index];
        items.push_back(json::object{
            {"line_number", static_cast<std::int64_t>(index + 1)},
            {"account_id", line.account.value()},
            {"department_id",
             optional_number(line.department ? std::optional(line.department->value())
                                             : std::nullopt)},
            {"party_type",
             line.party ? json::value(to_string(line.party->type)) : json::value(nullptr)},
            {"party_id",
             optional_number(line.party ? std::optional(line.party->id) : std::nullopt)},
            {"side", to_string(line.side)},
            {"amount", line.amount.format()},
            {"currency", line.amount.currency.code()},
            {"memo", line.memo}});
    }
    return items;
}

json::object draft_json(const Draft& draft) {
    json::object body{
        {"id", draft.id.value()},
        {"date", draft.date.to_string()},
        {"memo", draft.memo},
        {"source", {{"type", draft.source.type}, {"id", draft.source.id}}},
        {"status", to_string(draft.status)},
        {"posted_entry_id",
         optional_number(draft.posted_entry ? std::optional(draft.posted_entry->value())
                                            : std::nullopt)},
        {"created_by", draft.created_by.value()},
        {"created_at", draft.created_at.to_rfc3339()},
        {"updated_by", draft.updated_by.value()},
        {"updated_at", draft.updated_at.to_rfc3339()}};
    if (!draft.lines.empty()) {
        body["lines"] = lines_json(draft.lines);
    }
    return body;
}

json::object recurring_json(const RecurringTemplate& recurring) {
    json::object body{{"id", recurring.id.value()},
                      {"name", recurring.name},
                      {"memo", recurring.memo},
                      {"frequency", to_string(recurring.frequency)},
                      {"interval_months", recurring.interval_months},
                      {"start_date", recurring.start_date.to_string()},
                      {"end_date", optional_date(recurring.end_date)},
                      {"occurrences_max", optional_number(recurring.occurrences_max)},
                      {"occurrences_done", recurring.occurrences_done},
                      {"next_run_date", optional_date(recurring.next_run_date)},
                      {"mode", to_string(recurring.mode)},
                      {"active", recurring.active},
                      {"created_by", recurring.created_by.value()},
                      {"created_at", recurring.created_at.to_rfc3339()}};
    if (!recurring.lines.empty()) {
        body["lines"] = lines_json(recurring.lines);
    }
    return body;
}

core::Result<DraftId> draft_id(const ApiRequest& request) {
    return DraftId::parse(request.param("id"));
}

core::Result<RecurringId> recurring_id(const ApiRequest& request) {
    return RecurringId::parse(request.param("id"));
}

// An optional date field of `reader`, rejected with a field error when malformed.
std::optional<core::Date> read_date(platform::api::BodyReader& reader,
                                    std::string_view field,
                                    bool required) {
    const std::optional<std::string> text =
        required ? std::optional(reader.required_string(field, date_chars))
                 : reader.optional_string(field, date_chars);
    if (!text || text->empty()) {
        return std::nullopt;
    }
    core::Result<core::Date> date = core::Date::parse(*text);
    if (!date) {
        reader.reject(std::string(field), "must be a date YYYY-MM-DD");
        return std::nullopt;
    }
    return *date;
}

core::Result<ApiResponse> set_activity(store::Txn& txn, const ApiRequest& request, bool active) {
    BO_TRY(platform::api::BodyReader(request.body).finish());
    BO_TRY_ASSIGN(const RecurringId id, recurring_id(request));
    BO_TRY_ASSIGN(const RecurringTemplate recurring,
                  set_recurring_activity(txn, request.clock, request.caller.actor, id, active));
    return ApiResponse::ok(recurring_json(recurring));
}

}  // namespace

// --- drafts
// ---------------------------------------------------------------------------------------

core::Result<ApiResponse> list_drafts_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    std::optional<EntryStatus> status;
    if (const auto text = platform::api::query_param(request.http, "status")) {
        if (*text != "draft" && *text != "posted") {
            return core::Error::invalid("status", "must be draft or posted");
        }
        status = *text == "draft" ? EntryStatus::draft : EntryStatus::posted;
    }
    BO_TRY_ASSIGN(const std::vector<Draft> drafts,
                  list_drafts(txn,
                              request.caller.actor.company,
                              status,
                              DraftId(page.after_id),
                              static_cast<std::int64_t>(page.limit)));
    json::array items;
    for (const Draft& draft : drafts) {
        items.push_back(draft_json(draft));
    }
    json::object body{{"items", std::move(items)}};
    if (drafts.size() == page.limit) {
        body["next_cursor"] = platform::api::encode_cursor(drafts.back().id.value());
    }
    return ApiResponse::ok(std::move(body));
}

core::Result<ApiResponse> create_draft_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const EntryInput input, internal::read_entry_body(txn, request));
    BO_TRY_ASSIGN(const Draft draft, create_draft(txn, request.clock, request.caller, input));
    ApiResponse response = ApiResponse::created(draft_json(draft));
    response.headers.push_back(
        {"Location", "/api/v1/ledger/journal-drafts/" + draft.id.to_string()});
    return response;
}

core::Result<ApiResponse> get_draft_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DraftId id, draft_id(request));
    BO_TRY_ASSIGN(const std::optional<Draft> draft,
                  find_draft(txn, request.caller.actor.company, id));
    if (!draft) {
        return core::Error(core::ErrorCode::not_found, "no such draft");
    }
    return ApiResponse::ok(draft_json(*draft));
}

core::Result<ApiResponse> update_draft_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DraftId id, draft_id(request));
    BO_TRY_ASSIGN(const EntryInput input, internal::read_entry_body(txn, request));
    BO_TRY_ASSIGN(const Draft draft, update_draft(txn, request.clock, request.caller, id, input));
    return ApiResponse::ok(draft_json(draft));
}

core::Result<ApiResponse> delete_draft_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DraftId id, draft_id(request));
    BO_TRY(delete_draft(txn, request.clock, request.caller, id));
    return ApiResponse{no_content_status, {}, {}};
}

core::Result<ApiResponse> post_draft_route(store::Txn& txn, const ApiRequest& request) {
    platform::api::BodyReader reader(request.body);
    const std::optional<std::string> reason =
        reader.optional_string("override_reason", core::text_field_bytes_max);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const DraftId id, draft_id(request));
    BO_TRY_ASSIGN(const PostedEntry entry,
                  post_draft(txn, request.clock, request.caller, id, reason));
    BO_TRY_ASSIGN(const core::Currency functional,
                  functional_currency(txn, request.caller.actor.company));
    ApiResponse response = ApiResponse::created(internal::entry_body(entry, functional));
    response.headers.push_back(
        {"Location", "/api/v1/ledger/journal-entries/" + entry.id.to_string()});
    return response;
}

// --- recurring entries
// ----------------------------------------------------------------------------

core::Result<ApiResponse> list_recurring_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const std::vector<RecurringTemplate> list,
                  list_recurring(txn, request.caller.actor.company));
    json::array items;
    for (const RecurringTemplate& recurring : list) {
        items.push_back(recurring_json(recurring));
    }
    return ApiResponse::ok(json::object{{"items", std::move(items)}});
}

core::Result<ApiResponse> create_recurring_route(store::Txn& txn, const ApiRequest& request) {
    json::object top = request.body.is_object() ? request.body.as_object() : json::object();
    const json::value lines = top.contains("lines") ? top.at("lines") : json::value();
    top.erase("lines");
    const json::value rest(std::move(top));  // the reader keeps a pointer: must outlive it
    platform::api::BodyReader reader(rest);
    NewRecurring input{
        .name = reader.required_string("name", recurring_name_chars_max),
        .memo = reader.optional_string("memo", core::text_field_bytes_max).value_or(""),
        .frequency = reader.required_string("frequency", wire_name_chars_max),
        .interval_months = reader.optional_int("interval_months"),
        .start_date = core::Date::parse("1970-01-01").value(),
        .end_date = read_date(reader, "end_date", false),
        .occurrences_max = reader.optional_int("occurrences_max"),
        .mode = reader.optional_string("mode", wire_name_chars_max).value_or("post"),
        .lines = {}};
    const std::optional<core::Date> start = read_date(reader, "start_date", true);
    core::Result<std::vector<LineInput>> read_lines =
        internal::read_lines_body(txn, request.caller.actor.company, lines);
    core::Result<void> header = reader.finish();
    if (!header) {
        std::vector<core::FieldError> errors = header.error().fields();
        if (!read_lines) {
            for (const core::FieldError& error : read_lines.error().fields()) {
                errors.push_back(error);
            }
        }
        std::string message =
            "recurring entry: " + errors.front().field + ": " + errors.front().reason;
        return core::Error(
            core::ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    if (!read_lines) {
        return std::move(read_lines).error();
    }
    input.start_date = *start;
    input.lines = std::move(*read_lines);
    BO_TRY_ASSIGN(const RecurringTemplate recurring,
                  create_recurring(txn, request.clock, request.caller.actor, input));
    ApiResponse response = ApiResponse::created(recurring_json(recurring));
    response.headers.push_back(
        {"Location", "/api/v1/ledger/recurring-entries/" + recurring.id.to_string()});
    return response;
}

core::Result<ApiResponse> get_recurring_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const RecurringId id, recurring_id(request));
    BO_TRY_ASSIGN(const std::optional<RecurringTemplate> recurring,
                  find_recurring(txn, request.caller.actor.company, id));
    if (!recurring) {
        return core::Error(core::ErrorCode::not_found, "no such recurring entry");
    }
    return ApiResponse::ok(recurring_json(*recurring));
}

core::Result<ApiResponse> activate_recurring_route(store::Txn& txn, const ApiRequest& request) {
    return set_activity(txn, request, true);
}

core::Result<ApiResponse> deactivate_recurring_route(store::Txn& txn, const ApiRequest& request) {
    return set_activity(txn, request, false);
}

core::Result<ApiResponse> run_recurring_route(store::Txn& txn, const ApiRequest& request) {
    platform::api::BodyReader reader(request.body);
    const std::optional<core::Date> as_of_given = read_date(reader, "as_of", false);
    BO_TRY(reader.finish());
    // Without as_of: today in UTC (TODO(#tz): the company's time zone once TimeZone reads IANA
    // names).
    const core::Date as_of =
        as_of_given.value_or(core::business_date(request.clock.now(), core::TimeZone::utc()));
    BO_TRY_ASSIGN(const RecurringRun run,
                  run_recurring(txn,
                                request.clock,
                                request.caller.actor.company,
                                as_of,
                                request.caller.actor.request_id));
    json::array created;
    for (const RecurringOccurrence& occurrence : run.created) {
        created.push_back(json::object{
            {"recurring_id", occurrence.template_id.value()},
            {"date", occurrence.date.to_string()},
            {"entry_id",
             optional_number(occurrence.entry ? std::optional(occurrence.entry->value())
                                              : std::nullopt)},
            {"draft_id",
             optional_number(occurrence.draft ? std::optional(occurrence.draft->value())
                                              : std::nullopt)}});
    }
    json::array failures;
    for (const RecurringFailure& failure : run.failures) {
        failures.push_back(json::object{{"recurring_id", failure.template_id.value()},
                                        {"name", failure.name},
                                        {"date", failure.date.to_string()},
                                        {"reason", failure.error.message()}});
    }
    return ApiResponse::ok(json::object{{"as_of", as_of.to_string()},
                                        {"created", std::move(created)},
                                        {"failures", std::move(failures)}});
}

}  // namespace bo::ledger
