#include "support/databases.hpp"

#include <atomic>
#include <cstdlib>

#include <libpq-fe.h>

#include "store/migrations.hpp"

#include "schema.hpp"
#include <unistd.h>

namespace bo::testing {
namespace {

namespace fs = std::filesystem;

std::string env(const char* name) {
    const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): tests
    return value == nullptr ? "" : value;
}

}  // namespace

fs::path make_temp_directory() {
    std::string pattern = (fs::temp_directory_path() / "bo-test-XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    if (made == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    return fs::path(made);
}

std::string postgres_test_url() {
    return env("BO_TEST_POSTGRES_URL");
}

bool postgres_required() {
    return !env("CI").empty() || !env("BO_REQUIRE_POSTGRES").empty();
}

namespace {

// The admin URL with its database name replaced by `name`.
std::string with_database_name(const std::string& url, const std::string& name) {
    auto scheme_end = url.find("://");
    auto path_start = url.find('/', scheme_end + 3);
    auto query_start = url.find('?');
    std::string query = query_start == std::string::npos ? "" : url.substr(query_start);
    return url.substr(0, path_start) + "/" + name + query;
}

bool run_admin(const std::string& admin_url, const std::string& sql) {
    PGconn* connection = PQconnectdb(admin_url.c_str());
    bool ok = PQstatus(connection) == CONNECTION_OK;
    if (ok) {
        PGresult* result = PQexec(connection, sql.c_str());
        ok = PQresultStatus(result) == PGRES_COMMAND_OK;
        if (!ok) {
            ADD_FAILURE() << "PostgreSQL: " << PQresultErrorMessage(result);
        }
        PQclear(result);
    } else {
        ADD_FAILURE() << "cannot connect to " << admin_url << ": " << PQerrorMessage(connection);
    }
    PQfinish(connection);
    return ok;
}

// Marks the current test skipped, or failed when CI must exercise PostgreSQL.
void report_missing_postgres() {
    if (postgres_required()) {
        ADD_FAILURE() << "BO_TEST_POSTGRES_URL is unset: run the tests under "
                         "scripts/with-postgres (make test does)";
        return;
    }
    GTEST_SKIP() << "PostgreSQL not configured: run under scripts/with-postgres";
}

}  // namespace

std::vector<store::Backend> all_backends() {
    return {store::Backend::sqlite, store::Backend::postgres};
}

std::string backend_name(const ::testing::TestParamInfo<store::Backend>& info) {
    return std::string(store::to_string(info.param));
}

std::unique_ptr<TestDatabase> TestDatabase::create(store::Backend backend) {
    std::unique_ptr<TestDatabase> test(new TestDatabase());
    test->backend_ = backend;
    test->directory_ = make_temp_directory();
    if (backend == store::Backend::sqlite) {
        test->url_ = "sqlite:" + (test->directory_ / "test.db").string();
        return test;
    }
    test->admin_url_ = postgres_test_url();
    if (test->admin_url_.empty()) {
        report_missing_postgres();
        return nullptr;
    }
    static std::atomic<int> counter{0};
    test->pg_name_ = "bo_t_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    if (!run_admin(test->admin_url_, "CREATE DATABASE " + test->pg_name_)) {
        return nullptr;
    }
    test->url_ = with_database_name(test->admin_url_, test->pg_name_);
    return test;
}

TestDatabase::~TestDatabase() {
    db_.reset();
    if (!pg_name_.empty()) {
        run_admin(admin_url_, "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    }
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
}

store::Database& TestDatabase::db() {
    if (db_ == nullptr) {
        auto opened = store::Database::open(url_);
        if (!opened.ok()) {
            throw std::runtime_error("cannot open " + url_ + ": " + opened.error().message());
        }
        db_ = std::move(opened).value();
    }
    return *db_;
}

store::Database& TestDatabase::migrated() {
    auto& database = db();
    auto applied = store::migrate(database, schema::migrations());
    if (!applied.ok()) {
        throw std::runtime_error("migrations failed: " + applied.error().message());
    }
    return database;
}

}  // namespace bo::testing
