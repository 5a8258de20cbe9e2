#include "store/url.hpp"

#include <memory>

#include <libpq-fe.h>

namespace bo::store {
namespace {

constexpr std::string_view sqlite_scheme = "sqlite:";
constexpr std::string_view sqlite_memory_url = "sqlite::memory:";
constexpr std::string_view usage = "use sqlite:PATH, sqlite::memory: or postgresql://…";

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// The first line of a libpq message, without trailing whitespace.
std::string first_line(const char* message) {
    std::string line = message == nullptr ? std::string() : std::string(message);
    line = line.substr(0, line.find('\n'));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) {
        line.pop_back();
    }
    return line;
}

core::Result<DatabaseUrl> parse_sqlite(std::string_view url) {
    DatabaseUrl parsed;
    parsed.backend = Backend::sqlite;
    if (url == sqlite_memory_url) {
        parsed.sqlite_memory = true;
        parsed.display = std::string(sqlite_memory_url);
        return parsed;
    }
    std::string_view path = url.substr(sqlite_scheme.size());
    if (path.empty()) {
        return core::Error(core::ErrorCode::invalid_argument,
                           "database URL 'sqlite:' names no file; use sqlite:PATH");
    }
    if (starts_with(path, "//")) {
        return core::Error(core::ErrorCode::invalid_argument,
                           "database URL '" + std::string(url)
                               + "' is ambiguous; write sqlite:PATH (e.g. sqlite:/var/lib/bo.db)");
    }
    if (path.find('\0') != std::string_view::npos) {
        return core::Error(core::ErrorCode::invalid_argument,
                           "database URL contains a NUL character");
    }
    parsed.sqlite_path = std::string(path);
    parsed.display = std::string(url);
    return parsed;
}

// libpq checks ports only when connecting; a typo should be reported as such, not as an
// unreachable server. A list ("5432,5433") is allowed for multi-host URLs.
bool valid_ports(std::string_view ports) {
    while (!ports.empty()) {
        std::string_view port = ports.substr(0, ports.find(','));
        ports = port.size() == ports.size() ? std::string_view() : ports.substr(port.size() + 1);
        int number = 0;
        for (char digit : port) {
            if (digit < '0' || digit > '9' || number > 65535) {
                return false;
            }
            number = number * 10 + (digit - '0');
        }
        if (!port.empty() && (number < 1 || number > 65535)) {
            return false;
        }
    }
    return true;
}

struct ConninfoDeleter {
    void operator()(PQconninfoOption* options) const noexcept { PQconninfoFree(options); }
};

core::Result<DatabaseUrl> parse_postgres(std::string_view url) {
    std::string text(url);
    char* error_message = nullptr;
    std::unique_ptr<PQconninfoOption, ConninfoDeleter> options(
        PQconninfoParse(text.c_str(), &error_message));
    if (options == nullptr) {
        std::string reason = error_message == nullptr ? "out of memory" : first_line(error_message);
        PQfreemem(error_message);
        return core::Error(core::ErrorCode::invalid_argument,
                           "malformed PostgreSQL URL: " + reason);
    }
    std::string host, port, dbname, user;
    for (PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
        std::string_view keyword = option->keyword;
        std::string value = option->val == nullptr ? std::string() : std::string(option->val);
        if (keyword == "host") {
            host = value;
        } else if (keyword == "port") {
            port = value;
        } else if (keyword == "dbname") {
            dbname = value;
        } else if (keyword == "user") {
            user = value;
        }
    }
    if (!valid_ports(port)) {
        return core::Error(
            core::ErrorCode::invalid_argument,
            "malformed PostgreSQL URL: port '" + port + "' is not a number 1..65535");
    }
    bool socket = host.empty() || host.front() == '/';
    DatabaseUrl parsed;
    parsed.backend = Backend::postgres;
    parsed.pg_conninfo = text;
    std::string socket_dir = host.empty() ? "the default socket directory" : host;
    parsed.pg_server =
        socket ? "socket directory " + socket_dir : host + ":" + (port.empty() ? "5432" : port);
    parsed.display = "postgresql://" + (user.empty() ? std::string() : user + "@")
                     + (socket ? std::string() : host) + (port.empty() ? "" : ":" + port) + "/"
                     + dbname + (socket && !host.empty() ? "?host=" + host : "");
    return parsed;
}

}  // namespace

core::Result<DatabaseUrl> parse_database_url(std::string_view url) {
    if (url.empty()) {
        return core::Error(core::ErrorCode::invalid_argument,
                           "database URL is empty; " + std::string(usage));
    }
    if (starts_with(url, sqlite_scheme)) {
        return parse_sqlite(url);
    }
    if (starts_with(url, "postgres://") || starts_with(url, "postgresql://")) {
        return parse_postgres(url);
    }
    std::string shown(url.substr(0, url.find(':')));
    if (shown.size() == url.size() || shown.size() > 32) {
        return core::Error(core::ErrorCode::invalid_argument,
                           "database URL has no known scheme; " + std::string(usage));
    }
    return core::Error(
        core::ErrorCode::invalid_argument,
        "database URL scheme '" + shown + "' is not supported; " + std::string(usage));
}

}  // namespace bo::store
