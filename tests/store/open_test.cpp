// Database::open: URL forms and every way opening can fail.
//
// Goal: a bad URL or path gives a clear one-line error, and a failed open leaves the file
// system exactly as it was (no file created, an existing non-database file byte-for-byte
// unchanged). Method: open against temporary directories and a socket directory where nothing
// listens, then inspect the file system.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "store/backend_fixture.hpp"
#include "store/database.hpp"
#include "store/url.hpp"

namespace bo::store {
namespace {

using core::ErrorCode;
using testing::make_temp_dir;
using testing::remove_tree;

class OpenTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = make_temp_dir(); }

    void TearDown() override { remove_tree(dir_); }

    std::string dir_;
};

std::string read_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::size_t entries_in(const std::string& dir) {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) {
        ++count;
    }
    return count;
}

TEST(DatabaseUrl, MalformedUrlsAreInvalidArgumentOnOneLine) {
    for (const char* url : {"",
                            "mysql://localhost/db",
                            "no-scheme-here",
                            "sqlite:",
                            "sqlite://relative.db",
                            "postgresql://host:notaport/db",
                            "postgresql://host/db?nonsense_option=1"}) {
        auto opened = Database::open(url);
        ASSERT_FALSE(opened.ok()) << url;
        EXPECT_EQ(opened.error().code(), ErrorCode::invalid_argument) << url;
        EXPECT_EQ(opened.error().message().find('\n'), std::string::npos)
            << opened.error().message();
        EXPECT_FALSE(opened.error().message().empty());
    }
}

TEST(DatabaseUrl, DisplayDropsThePassword) {
    auto tcp = parse_database_url("postgres://app:s3cret@db.example:6543/books?sslmode=disable");
    ASSERT_TRUE(tcp.ok()) << tcp.error().message();
    EXPECT_EQ(tcp->backend, Backend::postgres);
    EXPECT_EQ(tcp->display, "postgresql://app@db.example:6543/books");
    EXPECT_EQ(tcp->pg_server, "db.example:6543");
    auto socket = parse_database_url("postgresql:///books?host=/tmp/pg&user=u&password=s3cret");
    ASSERT_TRUE(socket.ok()) << socket.error().message();
    EXPECT_EQ(socket->display, "postgresql://u@/books?host=/tmp/pg");
    EXPECT_EQ(socket->display.find("s3cret"), std::string::npos);
    auto file = parse_database_url("sqlite:data/bo.db");
    ASSERT_TRUE(file.ok());
    EXPECT_EQ(file->sqlite_path, "data/bo.db");
    auto memory = parse_database_url("sqlite::memory:");
    ASSERT_TRUE(memory.ok());
    EXPECT_TRUE(memory->sqlite_memory);
}

TEST(DatabaseUrl, PoolOptionsAreChecked) {
    OpenOptions options;
    options.pool_connections = 0;
    auto opened = Database::open("sqlite::memory:", options);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code(), ErrorCode::invalid_argument);
    options.pool_connections = db_pool_connections_max + 1;
    EXPECT_FALSE(Database::open("sqlite::memory:", options).ok());
    options.pool_connections = 1;
    options.pool_wait_ms = 0;
    EXPECT_FALSE(Database::open("sqlite::memory:", options).ok());
}

TEST_F(OpenTest, MissingDirectoryIsAnErrorAndCreatesNothing) {
    std::string path = dir_ + "/absent/deeper/x.db";
    auto opened = Database::open("sqlite:" + path);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code(), ErrorCode::invalid_argument);
    EXPECT_NE(opened.error().message().find(dir_ + "/absent/deeper"), std::string::npos)
        << opened.error().message();
    EXPECT_NE(opened.error().message().find("does not exist"), std::string::npos);
    EXPECT_EQ(entries_in(dir_), 0U);
}

TEST_F(OpenTest, CreatesTheFinalDirectoryLevel) {
    std::string path = dir_ + "/data/bo.db";
    auto opened = Database::open("sqlite:" + path);
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    EXPECT_TRUE(std::filesystem::is_regular_file(path));
    EXPECT_EQ(opened.value()->display_url(), "sqlite:" + path);
    EXPECT_EQ(opened.value()->backend(), Backend::sqlite);
}

TEST_F(OpenTest, TextFileIsRefusedAndLeftUntouched) {
    std::string path = dir_ + "/x.db";
    const std::string content = "this is my shopping list\nnot a database\n";
    std::ofstream(path, std::ios::binary) << content;
    auto opened = Database::open("sqlite:" + path);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code(), ErrorCode::invalid_argument);
    EXPECT_EQ(opened.error().message(), path + " is not an SQLite database");
    EXPECT_EQ(read_file(path), content);
    EXPECT_EQ(entries_in(dir_), 1U) << "no -wal or -shm files appeared";
}

TEST_F(OpenTest, ShortFileIsRefused) {
    std::string path = dir_ + "/short.db";
    std::ofstream(path, std::ios::binary) << "SQLite";
    auto opened = Database::open("sqlite:" + path);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(read_file(path), "SQLite");
}

TEST_F(OpenTest, DirectoryIsRefused) {
    auto opened = Database::open("sqlite:" + dir_);
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().message().find("is a directory"), std::string::npos);
}

TEST_F(OpenTest, EmptyFileBecomesADatabase) {
    std::string path = dir_ + "/empty.db";
    std::ofstream(path, std::ios::binary).flush();
    auto opened = Database::open("sqlite:" + path);
    ASSERT_TRUE(opened.ok()) << opened.error().message();
}

TEST_F(OpenTest, ReopensAnExistingDatabase) {
    std::string url = "sqlite:" + dir_ + "/again.db";
    {
        auto first = Database::open(url);
        ASSERT_TRUE(first.ok());
        auto made = first.value()->transact(TxnMode::read_write, [](Txn& txn) {
            return txn.execute_script("CREATE TABLE t (x BIGINT)");
        });
        ASSERT_TRUE(made.ok());
    }
    auto second = Database::open(url);
    ASSERT_TRUE(second.ok()) << second.error().message();
}

TEST(MemoryDatabase, ServesReadOnlyAndWriteTransactions) {
    auto opened = Database::open("sqlite::memory:");
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    Database& db = *opened.value();
    ASSERT_TRUE(db.transact(TxnMode::read_write, [](Txn& txn) {
                      return txn.execute_script("CREATE TABLE t (x BIGINT)");
                  }).ok());
    auto refused = db.transact(TxnMode::read_only, [](Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN([[maybe_unused]] auto changed, txn.execute("INSERT INTO t VALUES (1)", {}));
        return core::ok();
    });
    EXPECT_FALSE(refused.ok());
    auto written = db.transact(TxnMode::read_write, [](Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN([[maybe_unused]] auto changed, txn.execute("INSERT INTO t VALUES (1)", {}));
        return core::ok();
    });
    EXPECT_TRUE(written.ok()) << written.error().message();
}

TEST_F(OpenTest, PostgresWhereNothingListensIsUnavailableQuickly) {
    auto started = std::chrono::steady_clock::now();
    auto opened = Database::open("postgresql://app:s3cret@/books?host=" + dir_);
    auto elapsed = std::chrono::steady_clock::now() - started;
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code(), ErrorCode::unavailable);
    EXPECT_NE(opened.error().message().find(dir_), std::string::npos) << opened.error().message();
    EXPECT_EQ(opened.error().message().find("s3cret"), std::string::npos);
    EXPECT_EQ(opened.error().message().find('\n'), std::string::npos);
    EXPECT_LT(elapsed, std::chrono::seconds(2));
}

}  // namespace
}  // namespace bo::store

namespace bo::store {
namespace {

// The durability and integrity settings DESIGN.md promises for SQLite, read back from the
// connections that serve write and read-only transactions.
TEST_F(OpenTest, SqliteConnectionsUseWalFullSyncAndForeignKeys) {
    auto opened = Database::open("sqlite:" + dir_ + "/pragmas.db");
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    for (TxnMode mode : {TxnMode::read_write, TxnMode::read_only}) {
        auto done = opened.value()->transact(mode, [](Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(Row journal, txn.query_one("PRAGMA journal_mode", {}));
            BO_TRY_ASSIGN(Row synchronous, txn.query_one("PRAGMA synchronous", {}));
            BO_TRY_ASSIGN(Row foreign_keys, txn.query_one("PRAGMA foreign_keys", {}));
            EXPECT_EQ(journal.text(0), "wal");
            EXPECT_EQ(synchronous.i64(0), 2) << "2 is FULL";
            EXPECT_EQ(foreign_keys.i64(0), 1);
            return core::ok();
        });
        ASSERT_TRUE(done.ok()) << done.error().message();
    }
}

}  // namespace
}  // namespace bo::store
