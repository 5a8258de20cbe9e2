// The `backoffice` program as an operator meets it: real processes, real files, real servers.
//
// Method: run the built binary (BO_BINARY) with arguments, and check its exit code, its one-line
// errors and that no file was created or damaged by a failure. Server cases start
// `backoffice serve` on 127.0.0.1:0 against a fresh database on each backend.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "support/databases.hpp"
#include "support/process.hpp"

namespace bo::testing {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

int count_lines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

CommandResult backoffice(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), backoffice_binary());
    return run_command(arguments);
}

class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        directory_ = fs::temp_directory_path() / ("bo-cli-" + std::to_string(getpid()));
        fs::create_directories(directory_);
    }

    void TearDown() override { fs::remove_all(directory_); }

    fs::path directory_;
};

TEST_F(CliTest, VersionPrintsTheVersion) {
    auto result = backoffice({"version"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.out.rfind("backoffice ", 0), 0U) << result.out;
}

TEST_F(CliTest, UnknownCommandIsAUsageError) {
    auto result = backoffice({"frobnicate"});
    EXPECT_EQ(result.exit_code, 2);
}

TEST_F(CliTest, MalformedUrlIsOneLineAndCreatesNothing) {
    auto result = backoffice({"migrate", "--db", "mysql://localhost/books"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(count_lines(result.err), 1) << result.err;
    EXPECT_NE(result.err.find("mysql://localhost/books"), std::string::npos) << result.err;
}

TEST_F(CliTest, MissingDirectoryIsNamedAndNotCreated) {
    fs::path missing = directory_ / "no" / "such" / "dir" / "books.db";
    auto result = backoffice({"migrate", "--db", "sqlite:" + missing.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(count_lines(result.err), 1) << result.err;
    EXPECT_NE(result.err.find(missing.parent_path().string()), std::string::npos) << result.err;
    EXPECT_FALSE(fs::exists(directory_ / "no"));
}

TEST_F(CliTest, UnreadableFileIsNamed) {
    if (geteuid() == 0) {
        GTEST_SKIP() << "root reads every file; permission checks cannot fail for root";
    }
    fs::path path = directory_ / "locked.db";
    std::ofstream(path) << "x";
    fs::permissions(path, fs::perms::none);
    auto result = backoffice({"migrate", "--db", "sqlite:" + path.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find(path.string()), std::string::npos) << result.err;
}

TEST_F(CliTest, DirectoryInsteadOfAFileIsNamed) {
    // Unlike a permission check, this cannot be bypassed by root, so it runs everywhere.
    auto result = backoffice({"migrate", "--db", "sqlite:" + directory_.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(count_lines(result.err), 1) << result.err;
    EXPECT_NE(result.err.find(directory_.string() + " is a directory"), std::string::npos)
        << result.err;
}

TEST_F(CliTest, SettingsComeFromFileThenEnvironmentThenFlags) {
    fs::path config = directory_ / "backoffice.conf";
    std::ofstream(config) << "# test settings\ndatabase_url = sqlite:"
                          << (directory_ / "file.db").string() << "\nlog_level = warn\n";
    auto from_file = backoffice({"migrate", "--config", config.string()});
    EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
    EXPECT_TRUE(fs::exists(directory_ / "file.db"));

    auto from_env = run_command({backoffice_binary(), "migrate", "--config", config.string()},
                                {"BACKOFFICE_DB=sqlite:" + (directory_ / "env.db").string()});
    EXPECT_EQ(from_env.exit_code, 0) << from_env.err;
    EXPECT_TRUE(fs::exists(directory_ / "env.db"));

    auto from_flag = run_command({backoffice_binary(),
                                  "migrate",
                                  "--config",
                                  config.string(),
                                  "--db",
                                  "sqlite:" + (directory_ / "flag.db").string()},
                                 {"BACKOFFICE_DB=sqlite:" + (directory_ / "env2.db").string()});
    EXPECT_EQ(from_flag.exit_code, 0) << from_flag.err;
    EXPECT_TRUE(fs::exists(directory_ / "flag.db"));
    EXPECT_FALSE(fs::exists(directory_ / "env2.db"));
}

TEST_F(CliTest, UnknownSettingInTheFileNamesFileAndLine) {
    fs::path config = directory_ / "bad.conf";
    std::ofstream(config) << "listen = 127.0.0.1:8080\ncolour = blue\n";
    auto result = backoffice({"migrate", "--config", config.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find(config.string() + ":2"), std::string::npos) << result.err;
}

TEST_F(CliTest, FileThatIsNotSqliteIsRefusedAndUnchanged) {
    fs::path path = directory_ / "notes.db";
    const std::string content = "These are my notes, not a database.\n";
    std::ofstream(path) << content;
    auto result = backoffice({"migrate", "--db", "sqlite:" + path.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(count_lines(result.err), 1) << result.err;
    EXPECT_NE(result.err.find("not an SQLite database"), std::string::npos) << result.err;
    EXPECT_EQ(read_file(path), content);
    EXPECT_FALSE(fs::exists(path.string() + "-wal"));
    EXPECT_FALSE(fs::exists(path.string() + "-journal"));
}

TEST_F(CliTest, PostgresThatIsDownIsUnavailableQuickly) {
    // An empty socket directory: nothing listens there.
    auto started = std::chrono::steady_clock::now();
    auto result = backoffice(
        {"migrate", "--db", "postgresql:///books?host=" + directory_.string() + "&user=nobody"});
    auto elapsed = std::chrono::steady_clock::now() - started;
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(count_lines(result.err), 1) << result.err;
    EXPECT_NE(result.err.find(directory_.string()), std::string::npos) << result.err;
    EXPECT_LT(elapsed, std::chrono::seconds(10));
}

TEST_F(CliTest, BadListenAddressIsNamed) {
    auto result = backoffice({"serve", "--db", "sqlite::memory:", "--listen", "localhost:99999"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("99999"), std::string::npos) << result.err;
}

TEST_F(CliTest, BackupRefusesToOverwriteAndRestoreRefusesGarbage) {
    std::string url = "sqlite:" + (directory_ / "books.db").string();
    ASSERT_EQ(backoffice({"migrate", "--db", url}).exit_code, 0);
    fs::path existing = directory_ / "existing.bak";
    std::ofstream(existing) << "keep me";
    auto backup = backoffice({"backup", "--db", url, "--to", existing.string()});
    EXPECT_EQ(backup.exit_code, 1);
    EXPECT_EQ(read_file(existing), "keep me");

    auto before = read_file(directory_ / "books.db");
    auto restore = backoffice({"restore", "--db", url, "--from", existing.string()});
    EXPECT_EQ(restore.exit_code, 1);
    EXPECT_NE(restore.err.find("not an SQLite database"), std::string::npos) << restore.err;
    EXPECT_EQ(read_file(directory_ / "books.db"), before);
}

// Cases that run on both backends.
class CliOnBackend : public ::testing::TestWithParam<store::Backend> {};

TEST_P(CliOnBackend, ServeAnswersHealthzAndStopsOnSigterm) {
    auto database = TestDatabase::create(GetParam());
    BO_REQUIRE_DATABASE(database);
    ServerProcess server(database->url());
    ASSERT_NE(server.port(), 0);
    auto reply = http_get(server.port(), "/healthz");
    EXPECT_EQ(reply.status, 200);
    std::string expected_db =
        std::string("\"database\":\"") + std::string(store::to_string(GetParam())) + "\"";
    EXPECT_NE(reply.body.find("\"status\":\"ok\""), std::string::npos) << reply.body;
    EXPECT_NE(reply.body.find(expected_db), std::string::npos) << reply.body;
    EXPECT_NE(reply.headers.find("X-Request-Id: "), std::string::npos);

    // An /api path: any other path without a file extension is a web-app screen (index.html).
    auto missing = http_get(server.port(), "/api/v1/no/such/thing");
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(missing.headers.find("application/problem+json"), std::string::npos);
    auto wrong_method = http_exchange(
        server.port(), "DELETE /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(wrong_method.status, 405);
    EXPECT_EQ(server.stop(), 0);
}

TEST_P(CliOnBackend, MigrateIsIdempotent) {
    auto database = TestDatabase::create(GetParam());
    BO_REQUIRE_DATABASE(database);
    auto first = backoffice({"migrate", "--db", database->url()});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("applied"), std::string::npos) << first.out;
    auto second = backoffice({"migrate", "--db", database->url()});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("up to date"), std::string::npos) << second.out;
}

TEST_P(CliOnBackend, BackupThenRestoreBringsBackTheData) {
    auto database = TestDatabase::create(GetParam());
    BO_REQUIRE_DATABASE(database);
    ASSERT_EQ(backoffice({"migrate", "--db", database->url()}).exit_code, 0);
    auto insert_company = [&](const std::string& code) {
        return database->db().transact(
            store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
                std::vector<store::Value> params{code, std::string("Company ") + code};
                return txn.execute(
                              "INSERT INTO companies (code, name, functional_currency, time_zone, "
                              "created_at_us) VALUES ($1, $2, 'USD', 'UTC', 0)",
                              params)
                               .ok()
                           ? core::ok()
                           : core::Result<void>(core::Error(core::ErrorCode::internal, "insert"));
            });
    };
    ASSERT_TRUE(insert_company("KEPT").ok());
    fs::path file = database->directory() / "books.backup";
    auto backup = backoffice({"backup", "--db", database->url(), "--to", file.string()});
    ASSERT_EQ(backup.exit_code, 0) << backup.err;
    ASSERT_TRUE(insert_company("LOST").ok());
    auto restore = backoffice({"restore", "--db", database->url(), "--from", file.string()});
    ASSERT_EQ(restore.exit_code, 0) << restore.err;

    std::vector<std::string> codes;
    auto read = database->db().transact(
        store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(auto rows, txn.query("SELECT code FROM companies ORDER BY code", {}));
            for (const auto& row : rows) {
                codes.push_back(row.text(0));
            }
            return core::ok();
        });
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(codes, std::vector<std::string>{"KEPT"});
}

INSTANTIATE_TEST_SUITE_P(Backends, CliOnBackend, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace bo::testing
