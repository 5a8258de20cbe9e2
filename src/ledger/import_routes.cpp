#include "ledger/import_routes.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "ledger/import.hpp"
#include "platform/api/json.hpp"

namespace bo::ledger {
namespace {

using platform::api::ApiRequest;
using platform::api::ApiResponse;
namespace json = boost::json;


json::object report_json(const ImportReport& report) {
    json::array entries;
    for (const ImportedEntry& entry : report.entries) {
        entries.push_back(json::object{
            {"key", entry.key},
            {"id", report.mode == ImportMode::post ? json::value(entry.id.value()) : nullptr},
            {"reference", report.mode == ImportMode::post ? json::value(entry.reference) : nullptr},
            {"lines", entry.lines}});
    }
    return {{"dry_run", report.mode == ImportMode::check_only},
            {"rows", report.rows},
            {"rows_skipped", report.rows_skipped},
            {"lines", report.lines},
            {"entries", std::move(entries)}};
}

// The answer to an import: 201 with the report, 200 for a dry run; a file with bad rows is
// 422 listing them (nothing was written: the import checks every row before it posts, so the
// transaction may commit, which also lets an Idempotency-Key replay the refusal).
core::Result<ApiResponse> answer(core::Result<ImportReport> report) {
    if (!report) {
        if (report.error().code() != core::ErrorCode::invalid_argument
            || report.error().fields().empty()) {
            return std::move(report).error();
        }
        return ApiResponse::unprocessable(report.error());
    }
    if (report->mode == ImportMode::check_only) {
        return ApiResponse::ok(report_json(*report));
    }
    return ApiResponse::created(report_json(*report));
}

// An import body split in two: the `csv` text ("" when missing or not a string) and the other
// fields for a BodyReader (which refuses line breaks in strings, and a CSV file is made of them;
// the CSV reader checks the text itself).
struct ImportBody {
    std::string csv;
    json::value rest;
};

ImportBody split_body(const ApiRequest& request) {
    json::object rest = request.body.is_object() ? request.body.as_object() : json::object();
    std::string csv;
    if (const json::value* value = rest.if_contains("csv");
        value != nullptr && value->is_string()) {
        csv = std::string(value->get_string());
    }
    rest.erase("csv");
    return ImportBody{std::move(csv), json::value(std::move(rest))};
}

void require_csv(const ImportBody& body, platform::api::BodyReader& reader) {
    if (body.csv.empty()) {
        reader.reject("csv", "is required: the CSV file's text as a JSON string");
    }
}

ImportMode mode_of(const std::optional<bool>& dry_run) {
    return dry_run.value_or(false) ? ImportMode::check_only : ImportMode::post;
}

}  // namespace

core::Result<ApiResponse> import_entries_route(store::Txn& txn, const ApiRequest& request) {
    const ImportBody body = split_body(request);
    platform::api::BodyReader reader(body.rest);
    require_csv(body, reader);
    const std::optional<bool> dry_run = reader.optional_bool("dry_run");
    BO_TRY(reader.finish());
    return answer(import_journal_entries(
        txn, request.clock, request.caller.actor, body.csv, mode_of(dry_run), {}));
}

core::Result<ApiResponse> import_opening_route(store::Txn& txn, const ApiRequest& request) {
    const ImportBody body = split_body(request);
    platform::api::BodyReader reader(body.rest);
    require_csv(body, reader);
    const std::string date_text = reader.required_string("date", core::text_field_bytes_max);
    std::optional<std::string> offset =
        reader.optional_string("offset_account", account_number_chars_max);
    const std::optional<bool> dry_run = reader.optional_bool("dry_run");
    const core::Result<core::Date> date = core::Date::parse(date_text);
    if (!date_text.empty() && !date) {
        reader.reject("date", "must be a date YYYY-MM-DD");
    }
    BO_TRY(reader.finish());
    const OpeningBalancesOptions options{*date, std::move(offset)};
    return answer(import_opening_balances(
        txn, request.clock, request.caller.actor, body.csv, options, mode_of(dry_run)));
}

}  // namespace bo::ledger
