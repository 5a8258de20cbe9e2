// Configuration: the settings Backoffice reads at start-up, and where each one comes from.
//
// Purpose: resolve one `Config` from four layers, later layers winning:
//   1. built-in defaults (the member initialisers of Config),
//   2. a config file: `--config PATH`, else $BACKOFFICE_CONFIG, else none,
//   3. environment variables BACKOFFICE_DB, BACKOFFICE_LISTEN, BACKOFFICE_LOG_LEVEL,
//      BACKOFFICE_LOG_FORMAT, BACKOFFICE_TIME_ZONE, BACKOFFICE_WEB_ROOT,
//   4. command-line flags (passed in by the CLI as a map keyed by config key).
// The config keys are: database_url, listen, log_level, log_format, company_time_zone,
// web_root.
//
// File syntax: one `key = value` per line; blank lines and lines whose first non-blank
// character is '#' are ignored. Values are taken verbatim after trimming blanks (no quotes,
// no inline comments, so a '#' inside a database password is safe). Unknown or repeated keys
// and lines without '=' are errors naming the file and line.
//
// Invariants: a resolved Config is fully validated (listen parses, the URL has a supported
// scheme, the level/format/zone are known). Other BACKOFFICE_* variables are ignored.
// Thread safety: plain values and pure functions; from_process_environment reads `environ`
// and must not race with setenv.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/log.hpp"
#include "core/result.hpp"

namespace bo::core {

// A copy of the process environment (or a fake one in tests): name -> value.
using Environment = std::map<std::string, std::string>;

// Reads the real environment of this process.
Environment from_process_environment();

// Where the server listens: a host (IPv4, IPv6 without brackets, or a DNS name) and a port.
struct ListenAddress {
    std::string host;
    std::uint16_t port = 0;

    // "127.0.0.1:8080", "[::1]:8080", "localhost:0".
    std::string to_string() const;

    friend bool operator==(const ListenAddress&, const ListenAddress&) = default;
};

// Parses HOST:PORT where HOST is a dotted IPv4 address, a bracketed IPv6 address or an
// RFC 1123 host name, and PORT is 0..65535 (0 asks the OS for a free port).
// Errors: invalid_argument (field "listen").
[[nodiscard]] Result<ListenAddress> parse_listen_address(std::string_view text);

struct Config {
    std::string database_url = "sqlite:data/backoffice.db";
    ListenAddress listen{"127.0.0.1", 8080};
    LogLevel log_level = LogLevel::info;
    LogFormat log_format = LogFormat::text;
    TimeZone company_time_zone = TimeZone::utc();
    // The built web app served at `/` (docs/web.md). Empty: `<dir of the executable>/../web`,
    // where the build puts it (build/web beside build/bin/backoffice).
    std::string web_root;
    // Outgoing mail (docs/mail.md): the relay (empty: mail stays queued), the default sender
    // ("Acme Billing <billing@acme.test>"), credentials (the password best from the
    // environment, BACKOFFICE_SMTP_PASSWORD, not a file in the repository) and the TLS policy.
    std::string smtp_url;
    std::string smtp_from;
    std::string smtp_username;
    std::string smtp_password;
    std::string smtp_tls = "when_offered";
};

// One source of settings: config key -> raw text, and a description of where it came from
// ("/etc/backoffice.conf", "environment", "command line") for error messages.
struct ConfigLayer {
    std::map<std::string, std::string> values;
    std::string origin;
};

// Parses config-file text. `origin` names the file in errors ("<origin>:<line>: ...").
// Errors: invalid_argument for a line without '=', an unknown or repeated key, or an empty
// value; limit_exceeded if the text is longer than config_file_bytes_max.
[[nodiscard]] Result<ConfigLayer> parse_config_text(std::string_view text, std::string origin);

// Reads and parses the file at `path`. Errors: not_found if it cannot be opened, plus those
// of parse_config_text.
[[nodiscard]] Result<ConfigLayer> load_config_file(const std::string& path);

// The layer made of the BACKOFFICE_* variables that name settings.
ConfigLayer environment_layer(const Environment& environment);

// Applies `layers` over the defaults, in order, validating each value.
// Errors: invalid_argument naming the origin and key of the first bad or unknown value.
[[nodiscard]] Result<Config> apply_config_layers(std::span<const ConfigLayer> layers);

// Resolves the whole precedence chain. `file_path` is the --config flag if given; otherwise
// $BACKOFFICE_CONFIG from `environment`, if set, names the file. `flags` are keyed by config
// key. Errors: those of load_config_file and apply_config_layers.
[[nodiscard]] Result<Config> resolve_config(std::optional<std::string> file_path,
                                            const Environment& environment,
                                            const std::map<std::string, std::string>& flags);

}  // namespace bo::core
