#include "core/log.hpp"

#include <algorithm>
#include <array>
#include <chrono>

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/limits.hpp"

namespace bo::core {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// The fields of the log_event call running on this thread. spdlog's synchronous logger calls
// the formatter on the caller's thread, so log_event can hand its fields to LineFormatter
// without changing spdlog's message type. Empty outside log_event.
thread_local std::span<const LogField> current_fields;  // NOLINT: per-thread hand-off

// Unicode 15, table 3-7, "Well-Formed UTF-8 Byte Sequences": for each range of lead bytes,
// the sequence length and the allowed range of the second byte (which excludes overlongs,
// surrogates and code points above U+10FFFF). Later bytes are always continuation bytes.
struct Utf8Row {
    unsigned char lead_min;
    unsigned char lead_max;
    unsigned char second_min;
    unsigned char second_max;
    std::size_t length;
};

constexpr std::array<Utf8Row, 8> utf8_rows = {{
    {0xC2, 0xDF, 0x80, 0xBF, 2},
    {0xE0, 0xE0, 0xA0, 0xBF, 3},
    {0xE1, 0xEC, 0x80, 0xBF, 3},
    {0xED, 0xED, 0x80, 0x9F, 3},
    {0xEE, 0xEF, 0x80, 0xBF, 3},
    {0xF0, 0xF0, 0x90, 0xBF, 4},
    {0xF1, 0xF3, 0x80, 0xBF, 4},
    {0xF4, 0xF4, 0x80, 0x8F, 4},
}};

constexpr unsigned char ascii_end = 0x80;
constexpr unsigned char continuation_min = 0x80;
constexpr unsigned char continuation_max = 0xBF;
constexpr unsigned char control_end = 0x20;  // bytes below are control characters
constexpr unsigned char delete_byte = 0x7F;
constexpr unsigned nibble_bits = 4;
constexpr unsigned nibble_mask = 0x0F;

// Length of the valid UTF-8 sequence starting at text[index], or 0 if it is invalid
// (truncated, bad continuation, overlong, surrogate, or above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t index) noexcept {
    const auto lead = static_cast<unsigned char>(text[index]);
    if (lead < ascii_end) {
        return 1;
    }
    for (const Utf8Row& row : utf8_rows) {
        if (lead < row.lead_min || lead > row.lead_max) {
            continue;
        }
        if (index + row.length > text.size()) {
            return 0;
        }
        const auto second = static_cast<unsigned char>(text[index + 1]);
        if (second < row.second_min || second > row.second_max) {
            return 0;
        }
        for (std::size_t offset = 2; offset < row.length; ++offset) {
            const auto next = static_cast<unsigned char>(text[index + offset]);
            if (next < continuation_min || next > continuation_max) {
                return 0;
            }
        }
        return row.length;
    }
    return 0;
}

// Appends text with JSON escapes but without quotes; shared by both formats.
void append_escaped(std::string& out, std::string_view text) {
    constexpr std::string_view hex = "0123456789abcdef";
    for (std::size_t index = 0; index < text.size();) {
        const char c = text[index];
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= ascii_end) {
            const std::size_t length = utf8_sequence_length(text, index);
            if (length == 0) {
                out += replacement_character;
                ++index;
            } else {
                out.append(text.substr(index, length));
                index += length;
            }
            continue;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (byte < control_end || byte == delete_byte) {
                    out += "\\u00";
                    out += hex[byte >> nibble_bits];
                    out += hex[byte & nibble_mask];
                } else {
                    out += c;
                }
        }
        ++index;
    }
}

bool is_valid_key(std::string_view key) noexcept {
    if (key.empty() || key == "ts" || key == "level" || key == "msg") {
        return false;
    }
    for (char c : key) {
        const bool allowed =
            (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

// In text mode a value is written bare when that is unambiguous, else quoted and escaped.
bool needs_quotes(std::string_view value) noexcept {
    if (value.empty()) {
        return true;
    }
    for (char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        const bool space_or_control = byte <= control_end || byte == delete_byte;
        if (space_or_control || byte >= ascii_end || c == '"' || c == '=' || c == '\\') {
            return true;
        }
    }
    return false;
}

void append_field_value(std::string& out, const LogField& field, LogFormat format) {
    if (const auto* number = std::get_if<std::int64_t>(&field.value)) {
        out += std::to_string(*number);
        return;
    }
    const std::string_view text = std::get<std::string_view>(field.value);
    if (format == LogFormat::json || needs_quotes(text)) {
        append_json_string(out, text);
    } else {
        out += text;
    }
}

spdlog::level::level_enum to_spdlog(LogLevel level) noexcept {
    switch (level) {
        case LogLevel::trace:
            return spdlog::level::trace;
        case LogLevel::debug:
            return spdlog::level::debug;
        case LogLevel::info:
            return spdlog::level::info;
        case LogLevel::warn:
            return spdlog::level::warn;
        case LogLevel::error:
            return spdlog::level::err;
        case LogLevel::critical:
            return spdlog::level::critical;
        case LogLevel::off:
            return spdlog::level::off;
    }
    BO_ASSERT(false);
    return spdlog::level::info;
}

LogLevel from_spdlog(spdlog::level::level_enum level) noexcept {
    switch (level) {
        case spdlog::level::trace:
            return LogLevel::trace;
        case spdlog::level::debug:
            return LogLevel::debug;
        case spdlog::level::info:
            return LogLevel::info;
        case spdlog::level::warn:
            return LogLevel::warn;
        case spdlog::level::err:
            return LogLevel::error;
        case spdlog::level::critical:
            return LogLevel::critical;
        default:
            return LogLevel::off;
    }
}

// The time of a log record as an Instant, clamped into the representable range.
Instant to_instant(spdlog::log_clock::time_point time) noexcept {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
    return Instant(
        std::clamp<std::int64_t>(micros, Instant::unix_micros_min, Instant::unix_micros_max));
}

class LineFormatter final : public spdlog::formatter {
public:
    explicit LineFormatter(LogFormat format) : format_(format) {}

    void format(const spdlog::details::log_msg& message,
                spdlog::memory_buf_t& destination) override {
        const std::string line = format_log_line(to_instant(message.time),
                                                 from_spdlog(message.level),
                                                 {message.payload.data(), message.payload.size()},
                                                 current_fields,
                                                 format_);
        destination.append(line.data(), line.data() + line.size());
        destination.push_back('\n');
    }

    [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override {
        return std::make_unique<LineFormatter>(format_);
    }

private:
    LogFormat format_;
};

// Restores the previous field hand-off even if the logger throws.
class FieldsScope {
public:
    explicit FieldsScope(std::span<const LogField> fields) : previous_(current_fields) {
        current_fields = fields;
    }

    FieldsScope(const FieldsScope&) = delete;
    FieldsScope& operator=(const FieldsScope&) = delete;

    ~FieldsScope() { current_fields = previous_; }

private:
    std::span<const LogField> previous_;
};

}  // namespace

std::string_view to_string(LogLevel level) noexcept {
    switch (level) {
        case LogLevel::trace:
            return "trace";
        case LogLevel::debug:
            return "debug";
        case LogLevel::info:
            return "info";
        case LogLevel::warn:
            return "warn";
        case LogLevel::error:
            return "error";
        case LogLevel::critical:
            return "critical";
        case LogLevel::off:
            return "off";
    }
    BO_ASSERT(false);
    return "info";
}

std::string_view to_string(LogFormat format) noexcept {
    return format == LogFormat::json ? "json" : "text";
}

Result<LogLevel> parse_log_level(std::string_view text) {
    for (LogLevel level : {LogLevel::trace,
                           LogLevel::debug,
                           LogLevel::info,
                           LogLevel::warn,
                           LogLevel::error,
                           LogLevel::critical,
                           LogLevel::off}) {
        if (to_string(level) == text) {
            return level;
        }
    }
    return Error::invalid("log_level", "must be trace, debug, info, warn, error, critical or off");
}

Result<LogFormat> parse_log_format(std::string_view text) {
    if (text == "text") {
        return LogFormat::text;
    }
    if (text == "json") {
        return LogFormat::json;
    }
    return Error::invalid("log_format", "must be text or json");
}

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    append_escaped(out, text);
    out += '"';
}

std::string format_log_line(Instant time,
                            LogLevel level,
                            std::string_view message,
                            std::span<const LogField> fields,
                            LogFormat format) {
    BO_ASSERT(fields.size() <= log_fields_max);
    std::string line;
    constexpr std::size_t line_bytes_guess = 128;
    line.reserve(line_bytes_guess + message.size());
    if (format == LogFormat::json) {
        line += R"({"ts":")";
        line += time.to_rfc3339();
        line += R"(","level":")";
        line += to_string(level);
        line += R"(","msg":)";
        append_json_string(line, message);
    } else {
        line += time.to_rfc3339();
        line += ' ';
        line += to_string(level);
        line += ' ';
        append_escaped(line, message);  // keeps the event on one line
    }
    for (const LogField& field : fields) {
        BO_ASSERT(is_valid_key(field.key));
        if (format == LogFormat::json) {
            line += ",\"";
            line += field.key;
            line += "\":";
        } else {
            line += ' ';
            line += field.key;
            line += '=';
        }
        append_field_value(line, field, format);
    }
    if (format == LogFormat::json) {
        line += '}';
    }
    return line;
}

void configure_logging(LogLevel level, LogFormat format) {
    configure_logging(level, format, std::make_shared<spdlog::sinks::stderr_sink_mt>());
}

void configure_logging(LogLevel level,
                       LogFormat format,
                       std::shared_ptr<spdlog::sinks::sink> sink) {
    BO_ASSERT(sink != nullptr);
    auto logger = std::make_shared<spdlog::logger>("backoffice", std::move(sink));
    logger->set_formatter(std::make_unique<LineFormatter>(format));
    logger->set_level(to_spdlog(level));
    logger->flush_on(spdlog::level::trace);  // one write per line: nothing lost on a crash
    spdlog::set_default_logger(std::move(logger));
}

void log_event(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
    BO_ASSERT(level != LogLevel::off);
    spdlog::logger* logger = spdlog::default_logger_raw();
    const spdlog::level::level_enum spdlog_level = to_spdlog(level);
    if (!logger->should_log(spdlog_level)) {
        return;
    }
    const FieldsScope scope({fields.begin(), fields.size()});
    logger->log(spdlog_level, spdlog::string_view_t(message.data(), message.size()));
}

}  // namespace bo::core
