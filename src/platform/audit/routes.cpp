#include "platform/audit/routes.hpp"

#include <boost/json.hpp>

#include "platform/api/json.hpp"
#include "platform/audit/audit.hpp"

namespace bo::platform::audit {
namespace {

boost::json::value changes_json(const std::string& text) {
    boost::json::error_code error;
    boost::json::value parsed = boost::json::parse(text, error);
    // A row edited into something that is not JSON is shown as the text it holds.
    return error ? boost::json::value(text) : parsed;
}

boost::json::object to_json(const Event& event) {
    return {
        {"seq", event.seq},
        {"at", event.at.to_rfc3339()},
        {"user_id",
         event.user.value() == 0 ? boost::json::value() : boost::json::value(event.user.value())},
        {"username", event.username},
        {"action", event.action},
        {"entity_type", event.entity_type},
        {"entity_id", event.entity_id},
        {"changes", changes_json(event.changes)},
        {"request_id", event.request_id},
        {"client_address", event.client_address},
        {"prev_hash", event.prev_hash},
        {"hash", event.hash}};
}

// A text filter from the query: absent, or 1..max_bytes bytes.
core::Result<std::optional<std::string>> text_filter(const http::Request& request,
                                                     std::string_view name,
                                                     std::size_t max_bytes) {
    std::optional<std::string> value = api::query_param(request, name);
    if (!value) {
        return value;
    }
    if (value->empty() || value->size() > max_bytes) {
        return core::Error::invalid(std::string(name),
                                    "must be 1 to " + std::to_string(max_bytes) + " bytes");
    }
    return value;
}

core::Result<std::optional<core::Instant>> instant_filter(const http::Request& request,
                                                          std::string_view name) {
    std::optional<std::string> value = api::query_param(request, name);
    if (!value) {
        return std::optional<core::Instant>();
    }
    core::Result<core::Instant> instant = core::Instant::parse_rfc3339(*value);
    if (!instant) {
        return core::Error::invalid(std::string(name),
                                    "must be an RFC 3339 date-time, e.g. 2025-03-01T09:30:00Z");
    }
    return std::optional<core::Instant>(*instant);
}

core::Result<EventFilter> read_filter(const http::Request& request) {
    EventFilter filter;
    BO_TRY_ASSIGN(filter.entity_type, text_filter(request, "entity_type", entity_type_bytes_max));
    BO_TRY_ASSIGN(filter.entity_id, text_filter(request, "entity_id", entity_id_bytes_max));
    BO_TRY_ASSIGN(filter.username, text_filter(request, "user", auth::username_chars_max));
    BO_TRY_ASSIGN(filter.action, text_filter(request, "action", action_bytes_max));
    BO_TRY_ASSIGN(filter.from, instant_filter(request, "from"));
    BO_TRY_ASSIGN(filter.to, instant_filter(request, "to"));
    if (filter.from && filter.to && *filter.to < *filter.from) {
        return core::Error::invalid("to", "must not be before from");
    }
    return filter;
}

core::Result<api::ApiResponse> list_events(store::Txn& txn, const api::ApiRequest& request) {
    BO_TRY_ASSIGN(EventFilter filter, read_filter(request.http));
    BO_TRY_ASSIGN(api::PageRequest page, api::page_request(request.http));
    BO_TRY_ASSIGN(EventPage found,
                  search(txn,
                         request.caller.actor.company,
                         filter,
                         page.after_id,
                         static_cast<std::int64_t>(page.limit)));
    boost::json::array items;
    items.reserve(found.events.size());
    for (const Event& event : found.events) {
        items.emplace_back(to_json(event));
    }
    boost::json::object body{{"items", std::move(items)}};
    if (found.next_before_seq) {
        body["next_cursor"] = api::encode_cursor(*found.next_before_seq);
    }
    return api::ApiResponse::ok(std::move(body));
}

core::Result<api::ApiResponse> verify_chain(store::Txn& txn, const api::ApiRequest& request) {
    api::BodyReader reader(request.body);
    BO_TRY(reader.finish());  // no fields: refuse any, so that a typo is not ignored
    BO_TRY_ASSIGN(VerifyReport report, verify(txn, request.caller.actor.company));
    boost::json::object body{{"intact", report.intact()},
                             {"events_checked", report.events_checked},
                             {"head", nullptr},
                             {"first_break", nullptr}};
    if (!report.heads.empty()) {
        const ChainHead& head = report.heads.front();
        body["head"] = {{"seq", head.seq}, {"hash", head.hash}};
    }
    if (!report.breaks.empty()) {
        const ChainBreak& first = report.breaks.front();
        body["first_break"] = {
            {"seq", first.seq}, {"kind", to_string(first.kind)}, {"detail", first.detail}};
    }
    return api::ApiResponse::ok(std::move(body));
}

}  // namespace

void add_audit_routes(api::Api& api) {
    api.add({http::Method::get,
             "/api/v1/audit/events",
             "audit.read",
             http::Access::permission_required,
             store::TxnMode::read_only,
             "Search the audit trail of the caller's company, newest first",
             list_events});
    api.add({http::Method::post,
             "/api/v1/audit/verify",
             "audit.verify",
             http::Access::permission_required,
             store::TxnMode::read_only,
             "Recompute the audit trail's hash chain and report the first broken event",
             verify_chain});
}

}  // namespace bo::platform::audit
