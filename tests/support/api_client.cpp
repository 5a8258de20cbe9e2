#include "support/api_client.hpp"

#include <boost/json.hpp>

#include "support/process.hpp"

namespace bo::testing {
namespace {

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        };
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string ApiReply::header(std::string_view name) const {
    std::string_view rest = headers;
    while (!rest.empty()) {
        const std::size_t end = rest.find("\r\n");
        const std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos && iequal(line.substr(0, colon), name)) {
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') {
                value.remove_prefix(1);
            }
            return std::string(value);
        }
    }
    return {};
}

std::string ApiReply::string(std::string_view field) const {
    const boost::json::object* object = body.if_object();
    if (object == nullptr) {
        return {};
    }
    const boost::json::value* value = object->if_contains(field);
    return value != nullptr && value->is_string() ? std::string(value->get_string()) : "";
}

ApiReply ApiClient::send(std::string_view method,
                         const std::string& path,
                         const std::optional<boost::json::value>& body) const {
    return exchange(method,
                    path,
                    body ? boost::json::serialize(*body) : std::string(),
                    body ? "application/json" : "");
}

ApiReply ApiClient::post_file(const std::string& path,
                              const std::string& content,
                              const std::string& content_type) const {
    return exchange("POST", path, content, content_type);
}

ApiReply ApiClient::exchange(std::string_view method,
                             const std::string& path,
                             const std::string& text,
                             const std::string& content_type) const {
    std::string request =
        std::string(method) + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!cookie_.empty()) {
        request += "Cookie: " + cookie_ + "\r\n";
    }
    if (!csrf_.empty() && send_csrf_) {
        request += "X-CSRF-Token: " + csrf_ + "\r\n";
    }
    if (!bearer_.empty()) {
        request += "Authorization: Bearer " + bearer_ + "\r\n";
    }
    if (!content_type.empty()) {
        request += "Content-Type: " + content_type + "\r\n";
    }
    request += "Content-Length: " + std::to_string(text.size()) + "\r\n\r\n" + text;
    const HttpReply raw = http_exchange(port_, request);
    ApiReply reply{raw.status, raw.headers, raw.body, {}};
    boost::system::error_code error;
    boost::json::value parsed = boost::json::parse(raw.body, error);
    if (!error) {
        reply.body = std::move(parsed);
    }
    return reply;
}

ApiReply ApiClient::sign_in(const std::string& company,
                            const std::string& username,
                            const std::string& password) {
    ApiReply reply = post(
        "/api/v1/session",
        boost::json::object{{"company", company}, {"username", username}, {"password", password}});
    if (reply.status == 200) {
        const std::string set_cookie = reply.header("Set-Cookie");
        cookie_ = set_cookie.substr(0, set_cookie.find(';'));
        csrf_ = reply.string("csrf_token");
        bearer_.clear();
    }
    return reply;
}

}  // namespace bo::testing
