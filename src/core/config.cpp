#include "core/config.hpp"

#include <array>
#include <fstream>
#include <iterator>
#include <vector>

#include "core/limits.hpp"

#include <arpa/inet.h>

extern char** environ;  // NOLINT: POSIX's environment; declared by no standard C++ header

namespace bo::core {
namespace {

constexpr std::string_view config_file_variable = "BACKOFFICE_CONFIG";

struct EnvironmentKey {
    std::string_view variable;
    std::string_view key;
};

constexpr std::array<EnvironmentKey, 11> environment_keys = {{
    {"BACKOFFICE_DB", "database_url"},
    {"BACKOFFICE_LISTEN", "listen"},
    {"BACKOFFICE_LOG_LEVEL", "log_level"},
    {"BACKOFFICE_LOG_FORMAT", "log_format"},
    {"BACKOFFICE_TIME_ZONE", "company_time_zone"},
    {"BACKOFFICE_WEB_ROOT", "web_root"},
    {"BACKOFFICE_SMTP_URL", "smtp_url"},
    {"BACKOFFICE_SMTP_FROM", "smtp_from"},
    {"BACKOFFICE_SMTP_USERNAME", "smtp_username"},
    {"BACKOFFICE_SMTP_PASSWORD", "smtp_password"},
    {"BACKOFFICE_SMTP_TLS", "smtp_tls"},
}};

constexpr std::array<std::string_view, 11> config_keys = {"database_url",
                                                          "listen",
                                                          "log_level",
                                                          "log_format",
                                                          "company_time_zone",
                                                          "web_root",
                                                          "smtp_url",
                                                          "smtp_from",
                                                          "smtp_username",
                                                          "smtp_password",
                                                          "smtp_tls"};

bool is_known_key(std::string_view key) noexcept {
    for (std::string_view known : config_keys) {
        if (known == key) {
            return true;
        }
    }
    return false;
}

std::string_view trim(std::string_view text) noexcept {
    constexpr std::string_view blanks = " \t\r";
    const std::size_t first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) {
        return {};
    }
    const std::size_t last = text.find_last_not_of(blanks);
    return text.substr(first, last - first + 1);
}

Error listen_error(std::string reason) {
    return Error::invalid("listen", std::move(reason));
}

// RFC 1123 host name: dot-separated labels of letters, digits and '-', 1..63 bytes each, not
// starting or ending with '-', 253 bytes in all.
bool is_host_name(std::string_view host) noexcept {
    constexpr std::size_t host_bytes_max = 253;
    constexpr std::size_t label_bytes_max = 63;
    if (host.empty() || host.size() > host_bytes_max) {
        return false;
    }
    std::size_t label_start = 0;
    while (label_start <= host.size()) {
        std::size_t label_end = host.find('.', label_start);
        if (label_end == std::string_view::npos) {
            label_end = host.size();
        }
        const std::string_view label = host.substr(label_start, label_end - label_start);
        if (label.empty() || label.size() > label_bytes_max || label.front() == '-'
            || label.back() == '-') {
            return false;
        }
        for (char c : label) {
            const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                                 || (c >= '0' && c <= '9') || c == '-';
            if (!allowed) {
                return false;
            }
        }
        label_start = label_end + 1;
    }
    return true;
}

bool looks_numeric(std::string_view host) noexcept {
    return host.find_first_not_of("0123456789.") == std::string_view::npos;
}

bool is_address(int family, const std::string& host) noexcept {
    std::array<unsigned char, sizeof(in6_addr)> buffer{};  // fits in_addr too
    return inet_pton(family, host.c_str(), buffer.data()) == 1;
}

Result<std::uint16_t> parse_port(std::string_view text) {
    constexpr std::uint32_t port_max = 65535;
    constexpr std::size_t port_digits_max = 5;
    constexpr std::uint32_t decimal_base = 10;
    if (text.empty() || text.size() > port_digits_max) {
        return listen_error("port must be 0..65535");
    }
    std::uint32_t port = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return listen_error("port must be 0..65535");
        }
        port = port * decimal_base + static_cast<std::uint32_t>(c - '0');
    }
    if (port > port_max) {
        return listen_error("port must be 0..65535");
    }
    return static_cast<std::uint16_t>(port);
}

Result<std::string> validate_database_url(std::string_view url) {
    for (std::string_view scheme : {"sqlite:", "postgres://", "postgresql://"}) {
        if (url.starts_with(scheme) && url.size() > scheme.size()) {
            return std::string(url);
        }
    }
    return Error::invalid("database_url",
                          "must start with sqlite:, postgres:// or postgresql:// and name a "
                          "database");
}

// Sets one key of `config` from raw text, validating it.
Result<void> apply_value(Config& config, std::string_view key, std::string_view value) {
    if (key == "database_url") {
        BO_TRY_ASSIGN(config.database_url, validate_database_url(value));
    } else if (key == "listen") {
        BO_TRY_ASSIGN(config.listen, parse_listen_address(value));
    } else if (key == "log_level") {
        BO_TRY_ASSIGN(config.log_level, parse_log_level(value));
    } else if (key == "log_format") {
        BO_TRY_ASSIGN(config.log_format, parse_log_format(value));
    } else if (key == "company_time_zone") {
        BO_TRY_ASSIGN(config.company_time_zone, TimeZone::parse(value));
    } else if (key == "web_root") {
        if (value.empty()) {
            return Error::invalid("web_root", "must name a directory");
        }
        config.web_root = std::string(value);
    } else if (key == "smtp_url") {
        if (!value.starts_with("smtp://") && !value.starts_with("smtps://")) {
            return Error::invalid("smtp_url", "must be smtp://host[:port] or smtps://host[:port]");
        }
        config.smtp_url = std::string(value);
    } else if (key == "smtp_from") {
        config.smtp_from = std::string(value);  // checked as an address where mail is made
    } else if (key == "smtp_username") {
        config.smtp_username = std::string(value);
    } else if (key == "smtp_password") {
        config.smtp_password = std::string(value);
    } else if (key == "smtp_tls") {
        if (value != "none" && value != "when_offered" && value != "required") {
            return Error::invalid("smtp_tls", "must be none, when_offered or required");
        }
        config.smtp_tls = std::string(value);
    } else {
        return Error::invalid(std::string(key), "unknown setting");
    }
    return ok();
}

}  // namespace

Environment from_process_environment() {
    Environment environment;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const std::size_t equals = text.find('=');
        if (equals != std::string_view::npos) {
            environment.emplace(text.substr(0, equals), text.substr(equals + 1));
        }
    }
    return environment;
}

std::string ListenAddress::to_string() const {
    const bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<ListenAddress> parse_listen_address(std::string_view text) {
    ListenAddress address;
    std::string_view port_text;
    if (text.starts_with('[')) {
        const std::size_t close = text.find("]:");
        if (close == std::string_view::npos) {
            return listen_error("must be [IPv6]:PORT");
        }
        address.host = std::string(text.substr(1, close - 1));
        port_text = text.substr(close + 2);
        if (!is_address(AF_INET6, address.host)) {
            return listen_error("is not a valid IPv6 address");
        }
    } else {
        const std::size_t colon = text.rfind(':');
        if (colon == std::string_view::npos) {
            return listen_error("must be HOST:PORT");
        }
        address.host = std::string(text.substr(0, colon));
        port_text = text.substr(colon + 1);
        if (address.host.find(':') != std::string::npos) {
            return listen_error("an IPv6 address must be in brackets: [::1]:8080");
        }
        const bool valid = looks_numeric(address.host) ? is_address(AF_INET, address.host)
                                                       : is_host_name(address.host);
        if (!valid) {
            return listen_error("is not a valid IPv4 address or host name");
        }
    }
    BO_TRY_ASSIGN(address.port, parse_port(port_text));
    return address;
}

Result<ConfigLayer> parse_config_text(std::string_view text, std::string origin) {
    if (text.size() > config_file_bytes_max) {
        return Error(ErrorCode::limit_exceeded,
                     origin + ": longer than " + std::to_string(config_file_bytes_max) + " bytes");
    }
    ConfigLayer layer{{}, std::move(origin)};
    std::size_t line_number = 0;
    std::size_t line_start = 0;
    while (line_start < text.size()) {
        std::size_t line_end = text.find('\n', line_start);
        if (line_end == std::string_view::npos) {
            line_end = text.size();
        }
        ++line_number;
        const std::string_view line = trim(text.substr(line_start, line_end - line_start));
        line_start = line_end + 1;
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const std::string where = layer.origin + ":" + std::to_string(line_number);
        const std::size_t equals = line.find('=');
        if (equals == std::string_view::npos) {
            return Error(ErrorCode::invalid_argument, where + ": expected `key = value`");
        }
        const std::string key(trim(line.substr(0, equals)));
        const std::string_view value = trim(line.substr(equals + 1));
        if (!is_known_key(key)) {
            return Error::invalid(key, "unknown setting").with_context(where);
        }
        if (value.empty()) {
            return Error::invalid(key, "has no value").with_context(where);
        }
        if (!layer.values.emplace(key, value).second) {
            return Error::invalid(key, "is set twice").with_context(where);
        }
    }
    return layer;
}

Result<ConfigLayer> load_config_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return Error(ErrorCode::not_found, path + ": cannot open config file");
    }
    // Read at most one byte past the limit so that an oversized file is reported, not read.
    std::string text(config_file_bytes_max + 1, '\0');
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (file.bad()) {
        return Error(ErrorCode::unavailable, path + ": cannot read config file");
    }
    text.resize(static_cast<std::size_t>(file.gcount()));
    return parse_config_text(text, path);
}

ConfigLayer environment_layer(const Environment& environment) {
    ConfigLayer layer{{}, "environment"};
    for (const EnvironmentKey& entry : environment_keys) {
        const auto found = environment.find(std::string(entry.variable));
        if (found != environment.end()) {
            layer.values.emplace(entry.key, found->second);
        }
    }
    return layer;
}

namespace {

// "<origin>: <key> '<value>': <reason>", with any password in a URL's user-info hidden, so that
// the operator sees exactly which setting from which source was refused.
Error name_the_value(const Error& error,
                     const std::string& origin,
                     const std::string& key,
                     std::string value) {
    const std::size_t scheme_end = value.find("://");
    const std::size_t at = value.find('@');
    if (scheme_end != std::string::npos && at != std::string::npos && at > scheme_end) {
        const std::size_t colon = value.find(':', scheme_end + 3);
        if (colon != std::string::npos && colon < at) {
            value.replace(colon + 1, at - colon - 1, "***");
        }
    }
    std::string reason = error.fields().empty() ? error.message() : error.fields().front().reason;
    return Error(error.code(), origin + ": " + key + " '" + value + "': " + reason, error.fields());
}

}  // namespace

Result<Config> apply_config_layers(std::span<const ConfigLayer> layers) {
    Config config;
    for (const ConfigLayer& layer : layers) {
        for (const auto& [key, value] : layer.values) {
            Result<void> applied = apply_value(config, key, value);
            if (!applied.ok()) {
                return name_the_value(applied.error(), layer.origin, key, value);
            }
        }
    }
    return config;
}

Result<Config> resolve_config(std::optional<std::string> file_path,
                              const Environment& environment,
                              const std::map<std::string, std::string>& flags) {
    if (!file_path.has_value()) {
        const auto found = environment.find(std::string(config_file_variable));
        if (found != environment.end() && !found->second.empty()) {
            file_path = found->second;
        }
    }
    std::vector<ConfigLayer> layers;
    if (file_path.has_value()) {
        BO_TRY_ASSIGN(ConfigLayer file_layer, load_config_file(*file_path));
        layers.push_back(std::move(file_layer));
    }
    layers.push_back(environment_layer(environment));
    layers.push_back(ConfigLayer{flags, "command line"});
    return apply_config_layers(layers);
}

}  // namespace bo::core
