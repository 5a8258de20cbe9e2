// Fresh databases for storage tests, one per test, on each backend.
//
// Every storage test is written once and parameterized over `all_backends()`. SQLite gets a new
// file in a new temporary directory; PostgreSQL gets a new database created on the cluster
// named by BO_TEST_POSTGRES_URL (scripts/with-postgres starts one) and dropped afterwards.
// When that variable is unset, PostgreSQL cases are skipped with the reason, unless CI or
// BO_REQUIRE_POSTGRES is set, in which case they fail: CI must exercise both backends.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/database.hpp"

namespace bo::testing {

std::vector<store::Backend> all_backends();

// BO_TEST_POSTGRES_URL, or empty when PostgreSQL is not configured.
std::string postgres_test_url();

// Whether a missing PostgreSQL must fail the run (CI or BO_REQUIRE_POSTGRES set).
bool postgres_required();

// A new empty directory under the temporary directory ($TMPDIR or /tmp).
std::filesystem::path make_temp_directory();

// For INSTANTIATE_TEST_SUITE_P: names the case "sqlite" or "postgres".
std::string backend_name(const ::testing::TestParamInfo<store::Backend>& info);

class TestDatabase {
public:
    // A fresh, empty database, or nullptr when the backend is unavailable (then the current
    // test has been skipped or failed already; return from it).
    static std::unique_ptr<TestDatabase> create(store::Backend backend);

    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    store::Backend backend() const { return backend_; }

    const std::string& url() const { return url_; }

    // The directory that holds the SQLite file (a fresh temporary directory on both backends,
    // for tests that need files beside the database).
    const std::filesystem::path& directory() const { return directory_; }

    // The database, opened on first use (asserts that it opens).
    store::Database& db();

    // Opens the database and applies every migration of the program.
    store::Database& migrated();

private:
    TestDatabase() = default;
    store::Backend backend_ = store::Backend::sqlite;
    std::string url_;
    std::string admin_url_;
    std::string pg_name_;
    std::filesystem::path directory_;
    std::unique_ptr<store::Database> db_;
};

// Skips or fails (see above) and returns from the test when `db` is null.
#define BO_REQUIRE_DATABASE(db) \
    do {                        \
        if ((db) == nullptr) {  \
            return;             \
        }                       \
    } while (false)

}  // namespace bo::testing
