#include "http/codec.hpp"

#include <algorithm>
#include <exception>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>

#include "core/log.hpp"
#include "http/problem.hpp"

namespace bo::http {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;

Method to_method(bhttp::verb verb) {
    switch (verb) {
        case bhttp::verb::get:
            return Method::get;
        case bhttp::verb::head:
            return Method::head;
        case bhttp::verb::post:
            return Method::post;
        case bhttp::verb::put:
            return Method::put;
        case bhttp::verb::patch:
            return Method::patch;
        case bhttp::verb::delete_:
            return Method::del;
        case bhttp::verb::options:
            return Method::options;
        default:
            return Method::other;
    }
}

// Percent-decodes a path; answers false for a malformed escape or an encoded NUL or slash
// (which would let a client smuggle a separator past the router).
bool decode_path(std::string_view raw, std::string& out) {
    auto decoded = percent_decode(raw, PlusSign::literal);
    if (!decoded || decoded->find('\0') != std::string::npos) {
        return false;
    }
    auto slashes = [](std::string_view text) {
        return std::count(text.begin(), text.end(), '/');
    };
    if (slashes(*decoded) != slashes(raw)) {
        return false;
    }
    out = std::move(*decoded);
    return true;
}

}  // namespace

Request to_request(const bhttp::request<bhttp::string_body>& message, std::string remote) {
    Request request;
    request.method = to_method(message.method());
    request.target = std::string(message.target());
    std::string_view target = request.target;
    std::size_t question = target.find('?');
    request.query = question == std::string_view::npos ? "" : target.substr(question + 1);
    target = target.substr(0, question);
    if (!decode_path(target, request.path)) {
        request.path.clear();
    }
    for (const auto& field : message) {
        request.headers.push_back(
            Header{std::string(field.name_string()), std::string(field.value())});
    }
    request.body = message.body();
    request.remote_address = std::move(remote);
    return request;
}

Response dispatch(const Router& router, const Request& request) {
    if (request.path.empty() || request.path.front() != '/') {
        return problem(400, "the request target is not a valid path");
    }
    auto match = router.match(request.method, request.path);
    if (match.route == nullptr) {
        return match.path_exists ? problem(405, "this path does not accept that method")
                                 : problem(404, "no such resource");
    }
    RouteContext context{request, match.params};
    try {
        return match.route->handler(context);
    } catch (const std::exception& e) {
        core::log_event(core::LogLevel::error,
                        "unexpected exception in handler",
                        {{"request_id", request.request_id}, {"what", e.what()}});
        return problem(500, "internal error; see the server log");
    }
}

// The status for a request that could not be read: too large, or malformed.
unsigned status_for_read_error(const boost::system::error_code& error) {
    if (error == bhttp::error::header_limit) {
        return 431;
    }
    if (error == bhttp::error::body_limit) {
        return 413;
    }
    return 400;
}

Response handle_raw_request(const Router& router, std::string_view bytes, RequestLimits limits) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes_max));
    parser.body_limit(limits.body_bytes_max);
    parser.eager(true);
    boost::system::error_code error;
    // put() may stop after the header; feed the rest until done, an error, or no progress.
    while (!bytes.empty() && !parser.is_done()) {
        std::size_t used = parser.put(asio::buffer(bytes.data(), bytes.size()), error);
        bytes.remove_prefix(used);
        if (error || used == 0) {
            break;
        }
    }
    if (error == bhttp::error::need_more || (!error && !parser.is_done())) {
        return problem(400, "the request is incomplete");
    }
    if (error) {
        return problem(status_for_read_error(error), error.message());
    }
    Request request = to_request(parser.get(), "127.0.0.1");
    request.request_id = "raw";
    return dispatch(router, request);
}

}  // namespace bo::http
