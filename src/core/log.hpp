// Logging: one spdlog logger, configured once, writing one line per event to stderr.
//
// Purpose: operators read text lines on a terminal; log shippers read JSON lines. Both carry
// the same facts: the UTC time (RFC 3339), the level, the message and structured fields such
// as a request id. `log_event` is the way our code logs with fields.
//
//   text: 2025-03-01T09:30:00.000000Z info request done request_id=r-1 path="/a b"
//   json: {"ts":"2025-03-01T09:30:00.000000Z","level":"info","msg":"request done",
//          "request_id":"r-1","path":"/a b"}           (one line in reality)
//
// Invariants: every emitted line is exactly one line (newlines in messages are escaped) and,
// in JSON mode, valid JSON even for invalid UTF-8 input (bad bytes become U+FFFD). Field keys
// are programmer-chosen constants: non-empty [a-z0-9_.], not "ts"/"level"/"msg", at most
// log_fields_max of them; breaking that is a bug and asserts.
// Thread safety: configure_logging must run before other threads log (at start-up, or in a
// test's set-up); log_event and the formatting functions are safe from any thread. The logger
// is synchronous, which the per-thread field hand-off in log.cpp relies on.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/date.hpp"
#include "core/result.hpp"

namespace spdlog::sinks {
class sink;
}  // namespace spdlog::sinks

namespace bo::core {

// Severity, lowest first. Enumerators equal their wire (config) names.
enum class LogLevel { trace, debug, info, warn, error, critical, off };

enum class LogFormat { text, json };

std::string_view to_string(LogLevel level) noexcept;

std::string_view to_string(LogFormat format) noexcept;

// Errors: invalid_argument (field "log_level") for anything but the enumerator names.
[[nodiscard]] Result<LogLevel> parse_log_level(std::string_view text);

// Errors: invalid_argument (field "log_format") for anything but "text" or "json".
[[nodiscard]] Result<LogFormat> parse_log_format(std::string_view text);

// One structured field: a constant key and a text or integer value. Views must outlive the
// call they are passed to (log_event copies nothing it does not write out at once).
struct LogField {
    std::string_view key;
    std::variant<std::string_view, std::int64_t> value;
};

// Replaces the process-wide logger with one writing `format` lines at `level` and above to
// stderr. Call once at start-up, before other threads log.
void configure_logging(LogLevel level, LogFormat format);

// The same, writing to `sink` instead of stderr (tests pass an ostream sink).
void configure_logging(LogLevel level, LogFormat format, std::shared_ptr<spdlog::sinks::sink> sink);

// Logs `message` with `fields` through the configured logger, if `level` is enabled.
// Fields only appear once configure_logging has installed our formatter.
void log_event(LogLevel level,
               std::string_view message,
               std::initializer_list<LogField> fields = {});

// The line (without the trailing newline) that the logger writes for one event. Pure.
std::string format_log_line(Instant time,
                            LogLevel level,
                            std::string_view message,
                            std::span<const LogField> fields,
                            LogFormat format);

// Appends `text` to `out` as a JSON string literal, quotes included: escapes '"', '\\' and
// control characters, and replaces invalid UTF-8 with U+FFFD so the output is always valid.
void append_json_string(std::string& out, std::string_view text);

}  // namespace bo::core
