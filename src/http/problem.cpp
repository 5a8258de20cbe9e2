#include "http/problem.hpp"

#include <boost/json.hpp>

namespace bo::http {
namespace {

std::string_view title_for(unsigned status) noexcept {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 413:
            return "Content Too Large";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 503:
            return "Service Unavailable";
        default:
            return status >= 500 ? "Internal Server Error" : "Bad Request";
    }
}

Response render(unsigned status,
                std::string_view type,
                std::string_view detail,
                const std::vector<core::FieldError>& fields) {
    boost::json::object body;
    body["type"] = type;
    body["title"] = title_for(status);
    body["status"] = status;
    body["detail"] = detail;
    if (!fields.empty()) {
        boost::json::array errors;
        for (const auto& f : fields) {
            errors.push_back(boost::json::object{{"field", f.field}, {"reason", f.reason}});
        }
        body["errors"] = std::move(errors);
    }
    return Response{status, "application/problem+json", boost::json::serialize(body), {}};
}

}  // namespace

unsigned status_for(core::ErrorCode code) noexcept {
    switch (code) {
        case core::ErrorCode::invalid_argument:
            return 400;
        case core::ErrorCode::not_found:
            return 404;
        case core::ErrorCode::conflict:
            return 409;
        case core::ErrorCode::period_closed:
            return 409;
        case core::ErrorCode::unauthenticated:
            return 401;
        case core::ErrorCode::forbidden:
            return 403;
        case core::ErrorCode::limit_exceeded:
            return 413;
        case core::ErrorCode::idempotency_mismatch:
            return 422;
        case core::ErrorCode::unavailable:
            return 503;
        case core::ErrorCode::internal:
            return 500;
    }
    return 500;
}

Response problem(const core::Error& error) {
    return problem(error, status_for(error.code()));
}

Response problem(const core::Error& error, unsigned status) {
    std::string type = "urn:backoffice:problem:" + std::string(core::to_string(error.code()));
    // An internal error's message may name library internals; the client gets a fixed text.
    std::string_view detail = status >= 500 && error.code() != core::ErrorCode::unavailable
                                  ? std::string_view("internal error; see the server log")
                                  : std::string_view(error.message());
    return render(status, type, detail, error.fields());
}

Response problem(unsigned status, std::string_view detail) {
    return render(status, "about:blank", detail, {});
}

}  // namespace bo::http
