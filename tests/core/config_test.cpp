// Goal: prove the precedence defaults < file < environment < flags, the strictness of the
// file syntax, and the validation of every setting (listen addresses above all).
// Method: fake environments as maps, config text parsed in memory, and real files in a
// per-test temporary directory for the loading path.
#include "core/config.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "core/limits.hpp"

#include <unistd.h>

namespace bo::core {
namespace {

using Flags = std::map<std::string, std::string>;

TEST(ListenAddress, ParsesIpv4Ipv6AndHostNames) {
    EXPECT_EQ(parse_listen_address("127.0.0.1:8080").value(), (ListenAddress{"127.0.0.1", 8080}));
    EXPECT_EQ(parse_listen_address("0.0.0.0:0").value(), (ListenAddress{"0.0.0.0", 0}));
    EXPECT_EQ(parse_listen_address("[::1]:443").value(), (ListenAddress{"::1", 443}));
    EXPECT_EQ(parse_listen_address("[::]:65535").value(), (ListenAddress{"::", 65535}));
    EXPECT_EQ(parse_listen_address("localhost:80").value(), (ListenAddress{"localhost", 80}));
    EXPECT_EQ(parse_listen_address("api-1.example.com:8443").value().host, "api-1.example.com");
    EXPECT_EQ(parse_listen_address("[::1]:8080").value().to_string(), "[::1]:8080");
    EXPECT_EQ(parse_listen_address("10.1.2.3:9").value().to_string(), "10.1.2.3:9");
}

TEST(ListenAddress, RejectsMalformedAddresses) {
    for (const char* text : {"",
                             "8080",
                             ":8080",
                             "127.0.0.1",
                             "127.0.0.1:",
                             "127.0.0.1:65536",
                             "127.0.0.1:-1",
                             "127.0.0.1:+80",
                             "127.0.0.1:80x",
                             "127.0.0.1:123456",
                             "256.0.0.1:80",
                             "1.2.3:80",
                             "1.2.3.4.5:80",
                             "::1:8080",
                             "[::1]8080",
                             "[::1:8080",
                             "[not-ip6]:80",
                             "[127.0.0.1]:80",
                             "-host:80",
                             "host-:80",
                             "ho st:80",
                             "host..name:80",
                             "under_score:80",
                             "höst:80"}) {
        auto result = parse_listen_address(text);
        ASSERT_FALSE(result.ok()) << text;
        EXPECT_EQ(result.error().code(), ErrorCode::invalid_argument) << text;
        EXPECT_EQ(result.error().fields().at(0).field, "listen") << text;
    }
    EXPECT_FALSE(parse_listen_address(std::string(64, 'a') + ".com:80").ok());
    EXPECT_TRUE(parse_listen_address(std::string(63, 'a') + ".com:80").ok());
}

TEST(Config, DefaultsWhenNothingIsSet) {
    const Config config = resolve_config(std::nullopt, {}, {}).value();
    EXPECT_EQ(config.database_url, "sqlite:data/backoffice.db");
    EXPECT_EQ(config.listen.to_string(), "127.0.0.1:8080");
    EXPECT_EQ(config.log_level, LogLevel::info);
    EXPECT_EQ(config.log_format, LogFormat::text);
    EXPECT_EQ(config.company_time_zone, TimeZone::utc());
}

TEST(ConfigText, ParsesKeyValueLinesAndComments) {
    const auto layer = parse_config_text(
                           "# Backoffice\n"
                           "\n"
                           "  database_url = postgres://u:p#ss@db/bo  \r\n"
                           "listen=0.0.0.0:9000\n"
                           "\t# indented comment\n"
                           "log_level = debug",
                           "test.conf")
                           .value();
    EXPECT_EQ(layer.origin, "test.conf");
    EXPECT_EQ(layer.values.at("database_url"), "postgres://u:p#ss@db/bo");
    EXPECT_EQ(layer.values.at("listen"), "0.0.0.0:9000");
    EXPECT_EQ(layer.values.at("log_level"), "debug");
    EXPECT_EQ(layer.values.size(), 3U);
}

TEST(ConfigText, RejectsBadLinesNamingFileAndLine) {
    struct Case {
        const char* text;
        const char* expected;
    };

    for (const Case& c : {Case{"listen = 1.2.3.4:5\nlisten_port = 80\n", "test.conf:2: "},
                          Case{"# c\nnot a setting\n", "test.conf:2: expected"},
                          Case{"log_level =\n", "test.conf:1: log_level: has no value"},
                          Case{"log_level = info\nlog_level = warn\n", "test.conf:2: "},
                          Case{"= info\n", "test.conf:1: "}}) {
        auto result = parse_config_text(c.text, "test.conf");
        ASSERT_FALSE(result.ok()) << c.text;
        EXPECT_EQ(result.error().code(), ErrorCode::invalid_argument);
        EXPECT_EQ(result.error().message().rfind(c.expected, 0), 0U) << result.error().message();
    }
    EXPECT_NE(parse_config_text("listen_port = 80", "f").error().message().find("listen_port"),
              std::string::npos);
}

TEST(ConfigText, EnforcesTheSizeLimit) {
    std::string text(config_file_bytes_max, '#');
    EXPECT_TRUE(parse_config_text(text, "f").ok());
    text += '#';
    EXPECT_EQ(parse_config_text(text, "f").error().code(), ErrorCode::limit_exceeded);
}

TEST(Config, ValidatesEverySetting) {
    struct Case {
        const char* key;
        const char* value;
    };

    for (const Case& c : {Case{"database_url", "mysql://x"},
                          Case{"database_url", "sqlite:"},
                          Case{"listen", "localhost"},
                          Case{"log_level", "verbose"},
                          Case{"log_format", "xml"},
                          Case{"company_time_zone", "Mars/Olympus"},
                          Case{"unknown_flag", "1"}}) {
        auto result = resolve_config(std::nullopt, {}, Flags{{c.key, c.value}});
        ASSERT_FALSE(result.ok()) << c.key << "=" << c.value;
        EXPECT_EQ(result.error().code(), ErrorCode::invalid_argument);
        EXPECT_EQ(result.error().message().rfind("command line: ", 0), 0U)
            << result.error().message();
    }
}

TEST(Config, EnvironmentOverridesDefaultsAndFlagsOverrideEnvironment) {
    const Environment environment = {{"BACKOFFICE_DB", "postgres://db/bo"},
                                     {"BACKOFFICE_LISTEN", "0.0.0.0:9000"},
                                     {"BACKOFFICE_LOG_LEVEL", "warn"},
                                     {"BACKOFFICE_LOG_FORMAT", "json"},
                                     {"BACKOFFICE_TIME_ZONE", "+02:00"},
                                     {"BACKOFFICE_SOMETHING_ELSE", "ignored"},
                                     {"PATH", "/usr/bin"}};
    Config config = resolve_config(std::nullopt, environment, {}).value();
    EXPECT_EQ(config.database_url, "postgres://db/bo");
    EXPECT_EQ(config.listen.port, 9000);
    EXPECT_EQ(config.log_level, LogLevel::warn);
    EXPECT_EQ(config.log_format, LogFormat::json);
    EXPECT_EQ(config.company_time_zone.offset_minutes(), 120);
    config = resolve_config(std::nullopt, environment, Flags{{"listen", "127.0.0.1:0"}}).value();
    EXPECT_EQ(config.listen.port, 0);
    EXPECT_EQ(config.log_level, LogLevel::warn);
    auto bad = resolve_config(std::nullopt, {{"BACKOFFICE_LISTEN", "nope"}}, {});
    EXPECT_EQ(bad.error().message().rfind("environment: listen 'nope': ", 0), 0U)
        << bad.error().message();
}

TEST(Config, ErrorsNameTheValueButHidePasswords) {
    auto bad = resolve_config(std::nullopt, {{"BACKOFFICE_DB", "mysql://admin:s3cret@db/bo"}}, {});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message().find("s3cret"), std::string::npos) << bad.error().message();
    EXPECT_NE(bad.error().message().find("mysql://admin:***@db/bo"), std::string::npos)
        << bad.error().message();
    EXPECT_EQ(bad.error().fields().at(0).field, "database_url");
}

// A temporary directory removed when the test ends.
class ConfigFile : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        directory_ = std::filesystem::temp_directory_path()
                     / ("bo_config_test_" + std::to_string(::getpid()) + "_" + info->name());
        std::filesystem::create_directories(directory_);
    }

    void TearDown() override { std::filesystem::remove_all(directory_); }

    std::string write(const std::string& name, const std::string& text) {
        const std::filesystem::path path = directory_ / name;
        std::ofstream(path) << text;
        return path.string();
    }

private:
    std::filesystem::path directory_;
};

TEST_F(ConfigFile, PrecedenceIsDefaultsFileEnvironmentFlags) {
    const std::string path = write("bo.conf",
                                   "database_url = sqlite:/var/lib/bo.db\n"
                                   "listen = 0.0.0.0:7000\n"
                                   "log_level = debug\n");
    const Environment environment = {{"BACKOFFICE_LISTEN", "0.0.0.0:7001"}};
    const Config config = resolve_config(path, environment, Flags{{"log_level", "error"}}).value();
    EXPECT_EQ(config.database_url, "sqlite:/var/lib/bo.db");  // file beats default
    EXPECT_EQ(config.listen.port, 7001);                      // environment beats file
    EXPECT_EQ(config.log_level, LogLevel::error);             // flag beats environment
    EXPECT_EQ(config.log_format, LogFormat::text);            // default survives
}

TEST_F(ConfigFile, FallsBackToTheEnvironmentVariableForThePath) {
    const std::string from_env = write("env.conf", "listen = 0.0.0.0:7100\n");
    const std::string from_flag = write("flag.conf", "listen = 0.0.0.0:7200\n");
    const Environment environment = {{"BACKOFFICE_CONFIG", from_env}};
    EXPECT_EQ(resolve_config(std::nullopt, environment, {}).value().listen.port, 7100);
    EXPECT_EQ(resolve_config(from_flag, environment, {}).value().listen.port, 7200);
}

TEST_F(ConfigFile, ReportsMissingFilesAndBadLines) {
    auto missing = resolve_config(std::string("/nonexistent/bo.conf"), {}, {});
    EXPECT_EQ(missing.error().code(), ErrorCode::not_found);
    EXPECT_NE(missing.error().message().find("/nonexistent/bo.conf"), std::string::npos);
    const std::string path = write("bad.conf", "listen = 0.0.0.0:7000\nlisen = 1\n");
    auto bad = resolve_config(path, {}, {});
    EXPECT_EQ(bad.error().code(), ErrorCode::invalid_argument);
    EXPECT_EQ(bad.error().message().rfind(path + ":2: ", 0), 0U) << bad.error().message();
    const std::string invalid_value = write("value.conf", "log_format = yaml\n");
    EXPECT_EQ(resolve_config(invalid_value, {}, {}).error().message().rfind(invalid_value, 0), 0U);
}

TEST_F(ConfigFile, RefusesOversizedFiles) {
    const std::string path = write("big.conf", std::string(config_file_bytes_max + 1, '#'));
    EXPECT_EQ(load_config_file(path).error().code(), ErrorCode::limit_exceeded);
}

TEST(Environment, ReadsTheProcessEnvironment) {
    // Tests run on one thread, so changing the environment here races with nothing.
    ASSERT_EQ(::setenv("BO_CONFIG_TEST_VARIABLE", "a=b", 1), 0);  // NOLINT(concurrency-mt-unsafe)
    const Environment environment = from_process_environment();
    EXPECT_EQ(environment.at("BO_CONFIG_TEST_VARIABLE"), "a=b");
    ::unsetenv("BO_CONFIG_TEST_VARIABLE");  // NOLINT(concurrency-mt-unsafe)
}

}  // namespace
}  // namespace bo::core
