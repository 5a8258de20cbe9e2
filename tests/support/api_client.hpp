// A tiny JSON client for end-to-end tests: one request per connection over http_exchange,
// keeping the session cookie and CSRF token of a sign-in like a browser would.
//
// Method: requests are written as raw HTTP/1.1 text with `Connection: close`; replies are
// parsed into status, headers and (when JSON) a boost::json::value. A client sends its cookie,
// its X-CSRF-Token (unless told not to) and its bearer token (when set) on every request.
// Thread safety: one client per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace bo::testing {

struct ApiReply {
    int status = 0;
    std::string headers;
    std::string text;         // the body as received
    boost::json::value body;  // the body parsed, or null when it is not JSON

    // The first header with this name (case-insensitive), or "".
    std::string header(std::string_view name) const;

    // body["field"] as a string, or "" when absent.
    std::string string(std::string_view field) const;
};

class ApiClient {
public:
    explicit ApiClient(std::uint16_t port) : port_(port) {}

    // Sends `method path` with an optional JSON body and this client's credentials.
    ApiReply send(std::string_view method,
                  const std::string& path,
                  const std::optional<boost::json::value>& body = std::nullopt) const;

    ApiReply get(const std::string& path) const { return send("GET", path); }

    ApiReply post(const std::string& path, const boost::json::value& body) const {
        return send("POST", path, body);
    }

    // POSTs `content` as the body with this Content-Type (a file upload).
    ApiReply post_file(const std::string& path,
                       const std::string& content,
                       const std::string& content_type) const;

    ApiReply put(const std::string& path, const boost::json::value& body) const {
        return send("PUT", path, body);
    }

    ApiReply del(const std::string& path) const { return send("DELETE", path); }

    // POST /api/v1/session; on 200 keeps the cookie and the csrf_token for later requests.
    ApiReply sign_in(const std::string& company,
                     const std::string& username,
                     const std::string& password);

    // Use `Authorization: Bearer <token>` (and no cookie) from now on.
    void use_bearer(std::string token) {
        bearer_ = std::move(token);
        cookie_.clear();
        csrf_.clear();
    }

    // Whether to send X-CSRF-Token (to test that writes without it are refused).
    void send_csrf(bool send) { send_csrf_ = send; }

    const std::string& cookie() const { return cookie_; }

private:
    ApiReply exchange(std::string_view method,
                      const std::string& path,
                      const std::string& body,
                      const std::string& content_type) const;

    std::uint16_t port_;
    std::string cookie_;  // "bo_session=…"
    std::string csrf_;
    std::string bearer_;
    bool send_csrf_ = true;
};

}  // namespace bo::testing
