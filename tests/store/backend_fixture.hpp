// The fixture behind every storage contract test: one test body, run on each backend.
//
// Each test gets a fresh database: on SQLite a file in a new temporary directory, on
// PostgreSQL a new schema (selected through the URL's search_path) in the database named by
// BO_TEST_POSTGRES_URL, dropped afterwards. Without that variable the PostgreSQL cases are
// skipped with the reason, or fail when CI or BO_REQUIRE_POSTGRES is set, so that a CI run
// cannot pass by silently testing one engine.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/database.hpp"

#include "support/databases.hpp"

namespace bo::store::testing {

using ::bo::testing::postgres_required;
using ::bo::testing::postgres_test_url;

// A new empty directory under $TMPDIR (or /tmp); removed by remove_tree.
std::string make_temp_dir();
void remove_tree(const std::string& path);

class BackendTest : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override;
    void TearDown() override;

    Database& db() { return *db_; }

    // The URL of this test's database, to open a second, independent handle.
    const std::string& url() const { return url_; }

    // Opens another handle on this test's database (another "process").
    std::unique_ptr<Database> open_again(int pool_connections = db_pool_connections_default);

    // Runs a script (with dialect lines) in its own read_write transaction; asserts success.
    void run_script(const std::string& sql);

private:
    std::string url_;
    std::string temp_dir_;
    std::string schema_;
    std::unique_ptr<Database> admin_;
    std::unique_ptr<Database> db_;
};

// "sqlite" / "postgres" as the test name suffix.
std::string backend_name(const ::testing::TestParamInfo<Backend>& info);

}  // namespace bo::store::testing

// Instantiates a BackendTest-derived suite on both engines.
#define BO_INSTANTIATE_ON_BOTH_BACKENDS(suite)                                           \
    INSTANTIATE_TEST_SUITE_P(                                                            \
        Backends,                                                                        \
        suite,                                                                           \
        ::testing::Values(::bo::store::Backend::sqlite, ::bo::store::Backend::postgres), \
        ::bo::store::testing::backend_name)
