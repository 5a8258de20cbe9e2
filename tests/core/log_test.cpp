// Goal: prove that every log line is one line, that JSON lines are valid JSON with the right
// members, and that text lines quote only what needs quoting.
// Method: the pure format_log_line on fixed inputs; then the real spdlog path into an
// ostream sink, parsed back with a strict mini-checker.
#include "core/log.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

namespace bo::core {
namespace {

constexpr Instant noon{1'740'830'400'000'000};  // 2025-03-01T12:00:00Z

std::string json_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

TEST(JsonString, EscapesWhatJsonRequires) {
    EXPECT_EQ(json_string(""), R"("")");
    EXPECT_EQ(json_string("plain"), R"("plain")");
    EXPECT_EQ(json_string("a\"b\\c"), R"("a\"b\\c")");
    EXPECT_EQ(json_string("line\nnext\r\t"), R"("line\nnext\r\t")");
    EXPECT_EQ(json_string(std::string_view("\0\x01\x1f\x7f", 4)), R"("\u0000\u0001\u001f\u007f")");
    EXPECT_EQ(json_string("\b\f"), R"("\b\f")");
    EXPECT_EQ(json_string("</script>"), R"("</script>")");
}

TEST(JsonString, KeepsValidUtf8AndReplacesInvalidBytes) {
    EXPECT_EQ(json_string("café €1 😀"), "\"café €1 😀\"");
    const std::string replacement = "\xEF\xBF\xBD";
    EXPECT_EQ(json_string("a\xFF"
                          "b"),
              "\"a" + replacement + "b\"");
    EXPECT_EQ(json_string("\xC3"), "\"" + replacement + "\"");                    // truncated
    EXPECT_EQ(json_string("\xC0\xAF"), "\"" + replacement + replacement + "\"");  // overlong
    EXPECT_EQ(json_string("\xED\xA0\x80"),                                        // surrogate
              "\"" + replacement + replacement + replacement + "\"");
    EXPECT_EQ(json_string("\xF4\x90\x80\x80"),  // above U+10FFFF
              "\"" + replacement + replacement + replacement + replacement + "\"");
    EXPECT_EQ(json_string("\xF4\x8F\xBF\xBF"), "\"\xF4\x8F\xBF\xBF\"");  // U+10FFFF itself
}

TEST(LogLevel, ParsesWireNames) {
    EXPECT_EQ(parse_log_level("info").value(), LogLevel::info);
    EXPECT_EQ(parse_log_level("critical").value(), LogLevel::critical);
    EXPECT_EQ(parse_log_level("off").value(), LogLevel::off);
    EXPECT_EQ(to_string(LogLevel::warn), "warn");
    EXPECT_EQ(parse_log_level("INFO").error().fields().at(0).field, "log_level");
    EXPECT_FALSE(parse_log_level("warning").ok());
    EXPECT_EQ(parse_log_format("json").value(), LogFormat::json);
    EXPECT_EQ(parse_log_format("text").value(), LogFormat::text);
    EXPECT_EQ(parse_log_format("xml").error().fields().at(0).field, "log_format");
}

TEST(FormatLogLine, WritesJsonObjects) {
    const std::vector<LogField> fields = {{"request_id", "r-1"}, {"status", std::int64_t{404}}};
    EXPECT_EQ(format_log_line(noon, LogLevel::warn, "not \"found\"", fields, LogFormat::json),
              R"({"ts":"2025-03-01T12:00:00.000000Z","level":"warn","msg":"not \"found\"",)"
              R"("request_id":"r-1","status":404})");
    EXPECT_EQ(format_log_line(noon, LogLevel::info, "x", {}, LogFormat::json),
              R"({"ts":"2025-03-01T12:00:00.000000Z","level":"info","msg":"x"})");
}

TEST(FormatLogLine, WritesTextWithKeyValues) {
    const std::vector<LogField> fields = {{"request_id", "r-1"},
                                          {"path", "/a b"},
                                          {"empty", ""},
                                          {"eq", "a=b"},
                                          {"count", std::int64_t{-3}}};
    EXPECT_EQ(format_log_line(noon, LogLevel::info, "request done", fields, LogFormat::text),
              R"(2025-03-01T12:00:00.000000Z info request done request_id=r-1 path="/a b" )"
              R"(empty="" eq="a=b" count=-3)");
}

TEST(FormatLogLine, NeverSpansTwoLines) {
    const std::vector<LogField> fields = {{"value", "a\nb"}};
    for (LogFormat format : {LogFormat::text, LogFormat::json}) {
        const std::string line = format_log_line(noon, LogLevel::error, "one\ntwo", fields, format);
        EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    }
}

TEST(FormatLogLineDeathTest, RefusesReservedOrMalformedKeys) {
    for (const char* key : {"msg", "ts", "level", "", "Bad Key", "quote\""}) {
        const std::vector<LogField> fields = {{key, "x"}};
        EXPECT_DEATH((void)format_log_line(noon, LogLevel::info, "m", fields, LogFormat::json),
                     "assertion failed")
            << key;
    }
}

// Captures the process-wide logger into a string for the duration of a test.
class LogCapture : public ::testing::Test {
protected:
    void configure(LogLevel level, LogFormat format) {
        configure_logging(level, format, std::make_shared<spdlog::sinks::ostream_sink_mt>(out_));
    }

    std::vector<std::string> lines() const {
        std::vector<std::string> result;
        std::istringstream in(out_.str());
        for (std::string line; std::getline(in, line);) {
            result.push_back(line);
        }
        return result;
    }

    void TearDown() override { configure_logging(LogLevel::off, LogFormat::text); }

private:
    std::ostringstream out_;
};

TEST_F(LogCapture, LogEventWritesJsonLinesWithFields) {
    configure(LogLevel::info, LogFormat::json);
    log_event(LogLevel::info, "started", {{"listen", "127.0.0.1:8080"}});
    log_event(LogLevel::debug, "hidden");
    log_event(LogLevel::error, "failed", {{"request_id", "r-9"}, {"attempt", std::int64_t{2}}});
    spdlog::info("plain spdlog call");
    const auto written = lines();
    ASSERT_EQ(written.size(), 3U);
    EXPECT_EQ(written[0].rfind(R"({"ts":")", 0), 0U);
    EXPECT_NE(written[0].find(R"("level":"info","msg":"started","listen":"127.0.0.1:8080"})"),
              std::string::npos);
    EXPECT_NE(written[1].find(R"("level":"error","msg":"failed","request_id":"r-9","attempt":2})"),
              std::string::npos);
    // A direct spdlog call gets the same shape, just without fields.
    EXPECT_NE(written[2].find(R"("level":"info","msg":"plain spdlog call"})"), std::string::npos);
}

TEST_F(LogCapture, LogEventWritesTextAndRespectsTheLevel) {
    configure(LogLevel::warn, LogFormat::text);
    log_event(LogLevel::info, "hidden");
    log_event(LogLevel::warn, "slow query", {{"statement_ms", std::int64_t{5200}}});
    const auto written = lines();
    ASSERT_EQ(written.size(), 1U);
    EXPECT_NE(written[0].find("Z warn slow query statement_ms=5200"), std::string::npos);
}

TEST_F(LogCapture, FieldsDoNotLeakIntoLaterLines) {
    configure(LogLevel::info, LogFormat::text);
    log_event(LogLevel::info, "first", {{"key", "value"}});
    spdlog::info("second");
    const auto written = lines();
    ASSERT_EQ(written.size(), 2U);
    EXPECT_EQ(written[1].find("key="), std::string::npos);
}

}  // namespace
}  // namespace bo::core
