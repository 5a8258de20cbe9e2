// The common start of the fulfilment end-to-end tests: a fresh demo database per backend,
// `backoffice serve` on 127.0.0.1:0, the demo admin signed in, and the books check at the end.
// Thread safety: one test, one thread (copies of the admin client may go to other threads).
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "core/date.hpp"

#include "support/api_client.hpp"
#include "support/databases.hpp"
#include "support/demo.hpp"
#include "support/process.hpp"

namespace bo::testing {

class FulfilmentServer : public ::testing::TestWithParam<store::Backend> {
protected:
    // Seeds, serves and signs in; skips without PostgreSQL. Call first in SetUp and return when
    // it leaves `admin_` null.
    void start() {
        database_ = TestDatabase::create(GetParam());
        if (database_ == nullptr) {
            GTEST_SKIP() << "no PostgreSQL (scripts/with-postgres sets BO_TEST_POSTGRES_URL)";
        }
        const std::string password = seed_demo(database_->url());
        ASSERT_FALSE(password.empty());
        server_ = std::make_unique<ServerProcess>(database_->url());
        ASSERT_NE(server_->port(), 0);
        auto admin = std::make_unique<ApiClient>(server_->port());
        const ApiReply signed_in = admin->sign_in("DEMO", "admin", password);
        ASSERT_EQ(signed_in.status, 200);
        csrf_ = signed_in.string("csrf_token");
        admin_ = std::move(admin);
    }

    static core::Date today() {
        return core::business_date(core::SystemClock().now(), core::TimeZone::utc());
    }

    // `backoffice ledger check` and `inventory check` exit 0 (the inventory account equals the
    // valued stock).
    void expect_clean_books() {
        for (const char* check : {"ledger", "inventory"}) {
            const CommandResult result =
                run_command({backoffice_binary(), check, "check", "--db", database_->url()});
            EXPECT_EQ(result.exit_code, 0) << check << " check:\n" << result.out << result.err;
        }
    }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ServerProcess> server_;
    std::unique_ptr<ApiClient> admin_;
    std::string csrf_;
};

}  // namespace bo::testing
