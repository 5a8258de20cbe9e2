// A parameterized fixture for master-data storage tests: each test gets a fresh, migrated
// database of the backend in GetParam() and a fixed clock; `in_txn` runs a service call in one
// transaction and hands back its result (an error rolls the transaction back).
// Used by tests/platform and tests/modules. Thread safety: one test, one thread.
#pragma once

#include <memory>
#include <optional>
#include <utility>

#include <gtest/gtest.h>

#include "core/date.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

#include "support/databases.hpp"

namespace bo::testing {

// 2024-03-01T12:00:00Z: every row the tests create is stamped with this instant.
inline constexpr std::int64_t fixed_clock_us = 1'709'294'400'000'000;

class StorageTest : public ::testing::TestWithParam<store::Backend> {
protected:
    void SetUp() override {
        test_db_ = TestDatabase::create(GetParam());
        if (test_db_ == nullptr) {
            if (!IsSkipped()) {
                GTEST_FAIL() << "no database for " << store::to_string(GetParam());
            }
            return;
        }
        db_ = &test_db_->migrated();
    }

    store::Database& db() { return *db_; }

    const core::FixedClock& clock() const { return clock_; }

    // Runs `fn(txn)` (answering a core::Result) in one read-write transaction; commits when it
    // succeeds, rolls back when it fails; answers its result either way.
    template <typename Fn>
    auto in_txn(Fn&& fn) -> decltype(fn(std::declval<store::Txn&>())) {
        using Answer = decltype(fn(std::declval<store::Txn&>()));
        std::optional<Answer> answer;
        const core::Result<void> done =
            db_->transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
                answer.emplace(fn(txn));
                if (!answer->ok()) {
                    return answer->error();
                }
                return core::ok();
            });
        if (!done.ok() && (!answer.has_value() || answer->ok())) {
            return done.error();
        }
        return std::move(*answer);
    }

private:
    std::unique_ptr<TestDatabase> test_db_;
    store::Database* db_ = nullptr;
    core::FixedClock clock_{core::Instant(fixed_clock_us)};
};

// Instantiates a StorageTest-derived suite on every backend, named "sqlite" / "postgres".
#define BO_INSTANTIATE_ON_ALL_BACKENDS(suite)                                    \
    INSTANTIATE_TEST_SUITE_P(Backends,                                           \
                             suite,                                              \
                             ::testing::ValuesIn(::bo::testing::all_backends()), \
                             ::bo::testing::backend_name)

// The one field named by an error's field list, or "" when there is not exactly one.
inline std::string only_field(const core::Error& error) {
    return error.fields().size() == 1 ? error.fields().front().field : std::string();
}

}  // namespace bo::testing
