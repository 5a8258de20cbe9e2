// Implementation of the two-backend fixture (see backend_fixture.hpp).
#include "store/backend_fixture.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "store/migrations.hpp"

#include "support/databases.hpp"
#include <unistd.h>

namespace bo::store::testing {

std::string make_temp_dir() {
    return ::bo::testing::make_temp_directory().string();
}

void remove_tree(const std::string& path) {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
}

namespace {

std::string unique_schema_name() {
    static std::atomic<int> counter{0};
    auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
    return "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_"
           + std::to_string(ticks % 1000000);
}

}  // namespace

void BackendTest::SetUp() {
    if (GetParam() == Backend::sqlite) {
        temp_dir_ = make_temp_dir();
        ASSERT_FALSE(temp_dir_.empty());
        url_ = "sqlite:" + temp_dir_ + "/test.db";
    } else {
        std::string base = postgres_test_url();
        if (base.empty()) {
            if (postgres_required()) {
                FAIL() << "BO_TEST_POSTGRES_URL is not set but CI/BO_REQUIRE_POSTGRES is; run "
                          "the tests under scripts/with-postgres";
            }
            GTEST_SKIP() << "BO_TEST_POSTGRES_URL is not set; run under scripts/with-postgres "
                            "to test PostgreSQL";
        }
        auto admin = Database::open(base);
        ASSERT_TRUE(admin.ok()) << admin.error().message();
        admin_ = std::move(admin).value();
        schema_ = unique_schema_name();
        std::string create = "CREATE SCHEMA " + schema_;
        auto made = admin_->transact(TxnMode::read_write,
                                     [&](Txn& txn) { return txn.execute_script(create); });
        ASSERT_TRUE(made.ok()) << made.error().message();
        url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D"
               + schema_;
    }
    auto opened = Database::open(url_);
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    db_ = std::move(opened).value();
}

void BackendTest::TearDown() {
    db_.reset();
    if (!temp_dir_.empty()) {
        remove_tree(temp_dir_);
    }
    if (admin_ != nullptr && !schema_.empty()) {
        std::string drop = "DROP SCHEMA " + schema_ + " CASCADE";
        auto dropped = admin_->transact(TxnMode::read_write,
                                        [&](Txn& txn) { return txn.execute_script(drop); });
        EXPECT_TRUE(dropped.ok()) << dropped.error().message();
    }
    admin_.reset();
}

std::unique_ptr<Database> BackendTest::open_again(int pool_connections) {
    OpenOptions options;
    options.pool_connections = pool_connections;
    auto opened = Database::open(url_, options);
    EXPECT_TRUE(opened.ok()) << opened.error().message();
    return opened.ok() ? std::move(opened).value() : nullptr;
}

void BackendTest::run_script(const std::string& sql) {
    std::string rendered = render_for(sql, GetParam());
    auto done =
        db().transact(TxnMode::read_write, [&](Txn& txn) { return txn.execute_script(rendered); });
    ASSERT_TRUE(done.ok()) << done.error().message();
}

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
    return std::string(to_string(info.param));
}

}  // namespace bo::store::testing
