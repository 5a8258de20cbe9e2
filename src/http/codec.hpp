// From bytes to a routed response, without sockets or coroutines.
//
// The server's connection loop (server.cpp) reads with Beast and calls these to turn a Beast
// message into a Request and dispatch it; the fuzzer and protocol tests call
// handle_raw_request with raw bytes and exercise the same code. Kept free of coroutines so it
// builds under every compiler and sanitizer we fuzz with.
// Thread safety: pure functions over their arguments (the router is read-only).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/message.hpp"
#include "http/router.hpp"

namespace bo::http {

struct RequestLimits {
    std::size_t header_bytes_max;
    std::size_t body_bytes_max;
};

// The request as the handlers see it: method, decoded path (empty when the path is malformed),
// query, headers, body and the client's address.
Request to_request(const boost::beast::http::request<boost::beast::http::string_body>& message,
                   std::string remote);

// Routes a request: the handler's response, or a 400/404/405 problem; a handler that throws
// is answered 500 and logged.
Response dispatch(const Router& router, const Request& request);

// The status for a request that could not be read: 431 header too large, 413 body too large,
// otherwise 400.
unsigned status_for_read_error(const boost::system::error_code& error);

// Parses `bytes` as one HTTP/1.1 request under `limits` and answers what the server would.
Response handle_raw_request(const Router& router, std::string_view bytes, RequestLimits limits);

}  // namespace bo::http
