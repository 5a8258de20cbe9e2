// The storage contract, written once and run on SQLite and PostgreSQL.
//
// Goal: any code that works on one engine works on the other. Method: each test drives only
// the public Database/Txn interface against a fresh database per test (see backend_fixture.hpp)
// and checks values, transaction outcomes and error codes exactly.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <limits>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "store/backend_fixture.hpp"
#include "store/database.hpp"

namespace bo::store {
namespace {

using core::ErrorCode;
using testing::BackendTest;

constexpr const char* values_table = R"sql(
CREATE TABLE vals (
    id BIGINT PRIMARY KEY,
    i BIGINT,
    t TEXT,
--sqlite:   b BLOB
--postgres: b BYTEA
);
)sql";

constexpr const char* items_table = R"sql(
CREATE TABLE parents (id BIGINT PRIMARY KEY);
CREATE TABLE items (
    company_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    parent_id BIGINT REFERENCES parents (id),
    qty BIGINT NOT NULL CHECK (qty >= 0),
    memo TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (company_id, id)
);
CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);
INSERT INTO counter (id, n) VALUES (1, 0);
)sql";

class Contract : public BackendTest {
protected:
    std::int64_t count_items() {
        std::int64_t count = -1;
        auto done = db().transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(Row row, txn.query_one("SELECT count(*) FROM items", {}));
            count = row.i64(0);
            return core::ok();
        });
        EXPECT_TRUE(done.ok()) << done.error().message();
        return count;
    }

    std::int64_t counter_value() {
        std::int64_t n = -1;
        auto done = db().transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(Row row, txn.query_one("SELECT n FROM counter WHERE id = 1", {}));
            n = row.i64(0);
            return core::ok();
        });
        EXPECT_TRUE(done.ok()) << done.error().message();
        return n;
    }

    core::Result<void> insert_item(std::int64_t id, std::int64_t qty) {
        return db().transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
            std::vector<Value> params = {Value(std::int64_t{1}), Value(id), Value(qty)};
            BO_TRY_ASSIGN(
                std::int64_t changed,
                txn.execute("INSERT INTO items (company_id, id, qty) VALUES ($1, $2, $3)", params));
            EXPECT_EQ(changed, 1);
            return core::ok();
        });
    }
};

TEST_P(Contract, RoundTripsEveryValueKind) {
    run_script(values_table);
    const std::vector<std::vector<Value>> rows = {
        {Value(std::int64_t{1}),
         Value(std::numeric_limits<std::int64_t>::min()),
         Value(std::string("Grüße, 東京, emoji 🎉")),
         Value(Blob{{0, 1, 0, 255, 0}})},
        {Value(std::int64_t{2}),
         Value(std::numeric_limits<std::int64_t>::max()),
         Value(std::string()),
         Value(Blob{})},
        {Value(std::int64_t{3}), Value(Null{}), Value(Null{}), Value(Null{})},
        {Value(std::int64_t{4}),
         Value(std::int64_t{0}),
         Value(std::string("it's \"quoted\" \\")),
         Value(Blob{{0}})},
    };
    auto done = db().transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
        for (const auto& row : rows) {
            BO_TRY_ASSIGN(
                std::int64_t changed,
                txn.execute("INSERT INTO vals (id, i, t, b) VALUES ($1, $2, $3, $4)", row));
            EXPECT_EQ(changed, 1);
        }
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
    Rows read;
    done = db().transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(read, txn.query("SELECT id, i, t, b FROM vals ORDER BY id", {}));
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
    ASSERT_EQ(read.size(), rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            EXPECT_EQ(read[r].cell(c), rows[r][c]) << "row " << r << " column " << c;
        }
    }
    EXPECT_FALSE(read[1].is_null(2)) << "the empty string is not NULL";
    EXPECT_FALSE(read[1].is_null(3)) << "the empty blob is not NULL";
    EXPECT_TRUE(read[2].is_null(2));
    EXPECT_EQ(read[0].opt_i64(1), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(read[2].opt_text(2), std::nullopt);
}

TEST_P(Contract, ParametersComeBackAsTheirKind) {
    const std::vector<Value> params = {
        Value(std::int64_t{-42}), Value(std::string("x")), Value(Blob{{7, 0, 8}}), Value(Null{})};
    auto done = db().transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(Row row, txn.query_one("SELECT $1, $2, $3, $4", params));
        for (std::size_t c = 0; c < params.size(); ++c) {
            EXPECT_EQ(row.cell(c), params[c]) << "column " << c;
        }
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
}

TEST_P(Contract, PlaceholdersMayComeOutOfOrderAndRepeat) {
    run_script(items_table);
    auto done = db().transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
        std::vector<Value> params = {Value(std::int64_t{10}), Value(std::int64_t{20})};
        BO_TRY_ASSIGN(
            std::int64_t changed,
            txn.execute("INSERT INTO items (qty, id, company_id) VALUES ($2, $1, $2)", params));
        EXPECT_EQ(changed, 1);
        std::vector<Value> key = {Value(std::int64_t{20})};
        BO_TRY_ASSIGN(Row row,
                      txn.query_one("SELECT company_id, id, qty FROM items "
                                    "WHERE company_id = $1 AND qty = $1",
                                    key));
        EXPECT_EQ(row.i64(0), 20);
        EXPECT_EQ(row.i64(1), 10);
        EXPECT_EQ(row.i64(2), 20);
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
}

TEST_P(Contract, WrongParameterCountIsAnError) {
    auto done = db().transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        std::vector<Value> one = {Value(std::int64_t{1})};
        BO_TRY_ASSIGN([[maybe_unused]] Rows rows, txn.query("SELECT $1 + $2", one));
        return core::ok();
    });
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code(), ErrorCode::internal);
}

TEST_P(Contract, CallbackErrorRollsBackEverything) {
    run_script(items_table);
    auto done = db().transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
        std::vector<Value> params = {Value(std::int64_t{1}), Value(std::int64_t{1})};
        BO_TRY_ASSIGN(
            std::int64_t changed,
            txn.execute("INSERT INTO items (company_id, id, qty) VALUES ($1, $2, 5)", params));
        EXPECT_EQ(changed, 1);
        return core::Error(ErrorCode::period_closed, "the callback refuses");
    });
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code(), ErrorCode::period_closed);
    EXPECT_EQ(done.error().message(), "the callback refuses");
    EXPECT_EQ(count_items(), 0);
}

TEST_P(Contract, CommitPersistsAcrossHandles) {
    run_script(items_table);
    ASSERT_TRUE(insert_item(7, 3).ok());
    auto other = open_again();
    ASSERT_NE(other, nullptr);
    auto done = other->transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        std::vector<Value> id = {Value(std::int64_t{7})};
        BO_TRY_ASSIGN(Row row, txn.query_one("SELECT qty FROM items WHERE id = $1", id));
        EXPECT_EQ(row.i64(0), 3);
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
}

TEST_P(Contract, QueryOneAndOptional) {
    run_script(items_table);
    auto done = db().transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        std::vector<Value> id = {Value(std::int64_t{404})};
        auto one = txn.query_one("SELECT qty FROM items WHERE id = $1", id);
        EXPECT_FALSE(one.ok());
        EXPECT_EQ(one.error().code(), ErrorCode::not_found);
        BO_TRY_ASSIGN(auto optional, txn.query_optional("SELECT qty FROM items WHERE id = $1", id));
        EXPECT_FALSE(optional.has_value());
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
}

TEST_P(Contract, ExecuteCountsChangedRows) {
    run_script(items_table);
    for (std::int64_t id = 1; id <= 3; ++id) {
        ASSERT_TRUE(insert_item(id, 1).ok());
    }
    auto done = db().transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
        std::vector<Value> params = {Value(std::int64_t{9})};
        BO_TRY_ASSIGN(std::int64_t changed, txn.execute("UPDATE items SET qty = $1", params));
        EXPECT_EQ(changed, 3);
        BO_TRY_ASSIGN(changed, txn.execute("DELETE FROM items WHERE id = 99", {}));
        EXPECT_EQ(changed, 0);
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
}

TEST_P(Contract, UniqueViolationIsConflictWithoutSql) {
    run_script(items_table);
    ASSERT_TRUE(insert_item(1, 1).ok());
    auto again = insert_item(1, 2);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code(), ErrorCode::conflict);
    EXPECT_NE(again.error().message().find("unique"), std::string::npos) << again.error().message();
    EXPECT_EQ(again.error().message().find("INSERT"), std::string::npos) << again.error().message();
    EXPECT_EQ(count_items(), 1);
}

TEST_P(Contract, ForeignKeyViolationIsConflict) {
    run_script(items_table);
    auto done = db().transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN([[maybe_unused]] std::int64_t changed,
                      txn.execute("INSERT INTO items (company_id, id, parent_id, qty) "
                                  "VALUES (1, 1, 12345, 1)",
                                  {}));
        return core::ok();
    });
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code(), ErrorCode::conflict) << done.error().message();
    EXPECT_NE(done.error().message().find("foreign key"), std::string::npos);
    EXPECT_EQ(done.error().message().find("12345"), std::string::npos) << "no values in messages";
}

TEST_P(Contract, CheckViolationIsInvalidArgument) {
    run_script(items_table);
    auto done = insert_item(1, -5);
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code(), ErrorCode::invalid_argument) << done.error().message();
    EXPECT_NE(done.error().message().find("check constraint"), std::string::npos);
}

TEST_P(Contract, FailedStatementPoisonsTheTransaction) {
    run_script(items_table);
    ASSERT_TRUE(insert_item(1, 1).ok());
    bool later_statement_failed = false;
    auto done = db().transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
        std::vector<Value> params = {Value(std::int64_t{2})};
        auto first =
            txn.execute("INSERT INTO items (company_id, id, qty) VALUES (1, $1, 1)", params);
        EXPECT_TRUE(first.ok());
        auto duplicate =
            txn.execute("INSERT INTO items (company_id, id, qty) VALUES (1, 1, 1)", {});
        EXPECT_FALSE(duplicate.ok());
        auto later = txn.query("SELECT count(*) FROM items", {});
        later_statement_failed = !later.ok();
        return core::ok();  // ignores the failures: the transaction must still not commit
    });
    EXPECT_TRUE(later_statement_failed);
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code(), ErrorCode::conflict);
    EXPECT_EQ(count_items(), 1);
}

TEST_P(Contract, ExecuteBatchInsertsTenThousandRows) {
    run_script(items_table);
    constexpr std::int64_t row_count = 10'000;
    std::vector<std::vector<Value>> rows;
    rows.reserve(row_count);
    for (std::int64_t id = 1; id <= row_count; ++id) {
        rows.push_back({Value(std::int64_t{1}),
                        Value(id),
                        Value(id % 7),
                        Value("memo " + std::to_string(id))});
    }
    auto done = db().transact(TxnMode::read_write, [&](Txn& txn) {
        return txn.execute_batch(
            "INSERT INTO items (company_id, id, qty, memo) VALUES ($1, $2, $3, $4)", rows);
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
    EXPECT_EQ(count_items(), row_count);
    done = db().transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(Row row, txn.query_one("SELECT SUM(qty), SUM(id) FROM items", {}));
        std::int64_t qty_sum = 0;
        for (std::int64_t id = 1; id <= row_count; ++id) {
            qty_sum += id % 7;
        }
        EXPECT_EQ(row.i64(0), qty_sum);
        EXPECT_EQ(row.i64(1), row_count * (row_count + 1) / 2);
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
}

TEST_P(Contract, ExecuteBatchIsAllOrNothing) {
    run_script(items_table);
    std::vector<std::vector<Value>> rows;
    for (std::int64_t id = 1; id <= 3000; ++id) {
        rows.push_back({Value(id == 2500 ? std::int64_t{7} : id)});  // 7 twice: a duplicate key
    }
    auto done = db().transact(TxnMode::read_write, [&](Txn& txn) {
        return txn.execute_batch("INSERT INTO items (company_id, id, qty) VALUES (1, $1, 0)", rows);
    });
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code(), ErrorCode::conflict) << done.error().message();
    EXPECT_EQ(count_items(), 0);
}

TEST_P(Contract, ExecuteBatchOverTheLimitIsRefused) {
    run_script(items_table);
    std::vector<std::vector<Value>> rows(batch_rows_max + 1,
                                         std::vector<Value>{Value(std::int64_t{1})});
    auto done = db().transact(TxnMode::read_write, [&](Txn& txn) {
        return txn.execute_batch("INSERT INTO items (company_id, id, qty) VALUES (1, $1, 0)", rows);
    });
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code(), ErrorCode::limit_exceeded);
}

TEST_P(Contract, ReadOnlyTransactionRefusesWrites) {
    run_script(items_table);
    auto done = db().transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN([[maybe_unused]] std::int64_t changed,
                      txn.execute("INSERT INTO items (company_id, id, qty) VALUES (1, 1, 1)", {}));
        return core::ok();
    });
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code(), ErrorCode::internal) << done.error().message();
    EXPECT_EQ(count_items(), 0);
    ASSERT_TRUE(insert_item(1, 1).ok()) << "a later write transaction still works";
}

TEST_P(Contract, TextMustBeUtf8WithoutNul) {
    for (const std::string& bad :
         {std::string("\xff\xfe"), std::string("a\0b", 3), std::string("\xed\xa0\x80")}) {
        auto done = db().transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
            std::vector<Value> params = {Value(bad)};
            BO_TRY_ASSIGN([[maybe_unused]] Rows rows, txn.query("SELECT $1", params));
            return core::ok();
        });
        ASSERT_FALSE(done.ok());
        EXPECT_EQ(done.error().code(), ErrorCode::invalid_argument);
        EXPECT_NE(done.error().message().find("$1"), std::string::npos);
    }
}

TEST_P(Contract, IntegersBooleansAndSumsAreInt64) {
    auto done = db().transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(Row row,
                      txn.query_one("SELECT 1 = 1, 1 = 2, count(*), SUM(x) FROM "
                                    "(SELECT 4000000000 AS x UNION ALL SELECT 5) AS s",
                                    {}));
        EXPECT_EQ(row.i64(0), 1);
        EXPECT_EQ(row.i64(1), 0);
        EXPECT_EQ(row.i64(2), 2);
        EXPECT_EQ(row.i64(3), 4000000005);
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
}

TEST_P(Contract, FloatingPointResultsAreRefused) {
    auto done = db().transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN([[maybe_unused]] Rows rows, txn.query("SELECT CAST(1.5 AS REAL)", {}));
        return core::ok();
    });
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code(), ErrorCode::internal);
}

// The recommended pattern for a hot row: one atomic UPDATE … RETURNING in a read_write
// transaction (a serializable read-modify-write of one row by many threads degrades into
// retries on PostgreSQL; see docs/storage.md).
TEST_P(Contract, EightThreadsIncrementExactly) {
    run_script(items_table);
    constexpr int thread_count = 8;
    constexpr int increments = 25;
    std::mutex seen_mutex;
    std::vector<std::int64_t> seen;
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t) {
        threads.emplace_back([&] {
            for (int k = 0; k < increments; ++k) {
                std::int64_t value = 0;
                auto done = db().transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
                    BO_TRY_ASSIGN(Row row,
                                  txn.query_one("UPDATE counter SET n = n + 1 "
                                                "WHERE id = 1 RETURNING n",
                                                {}));
                    value = row.i64(0);
                    return core::ok();
                });
                EXPECT_TRUE(done.ok()) << done.error().message();
                std::lock_guard lock(seen_mutex);
                seen.push_back(value);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(counter_value(), thread_count * increments);
    std::sort(seen.begin(), seen.end());
    for (std::size_t index = 0; index < seen.size(); ++index) {
        ASSERT_EQ(seen[index], static_cast<std::int64_t>(index + 1)) << "each value seen once";
    }
}

// Two handles (as two processes would) read the same row, then both write it. SQLite keeps the
// second writer waiting until the first commits; PostgreSQL aborts one of them with a
// serialization failure and `transact` re-runs its callback. Either way no increment is lost.
TEST_P(Contract, ConflictingTransactionsAreRetriedNotLost) {
    run_script(items_table);
    auto other = open_again();
    ASSERT_NE(other, nullptr);
    std::mutex mutex;
    std::condition_variable changed;
    int readers = 0;
    std::atomic<int> invocations{0};
    auto increment = [&](Database& database) {
        return database.transact(TxnMode::serializable, [&](Txn& txn) -> core::Result<void> {
            ++invocations;
            BO_TRY_ASSIGN(Row row, txn.query_one("SELECT n FROM counter WHERE id = 1", {}));
            {
                std::unique_lock lock(mutex);
                ++readers;
                changed.notify_all();
                changed.wait_for(
                    lock, std::chrono::milliseconds(300), [&] { return readers >= 2; });
            }
            std::vector<Value> next = {Value(row.i64(0) + 1)};
            BO_TRY_ASSIGN([[maybe_unused]] std::int64_t rows_changed,
                          txn.execute("UPDATE counter SET n = $1 WHERE id = 1", next));
            return core::ok();
        });
    };
    core::Result<void> first = core::ok();
    core::Result<void> second = core::ok();
    std::thread a([&] { first = increment(db()); });
    std::thread b([&] { second = increment(*other); });
    a.join();
    b.join();
    ASSERT_TRUE(first.ok()) << first.error().message();
    ASSERT_TRUE(second.ok()) << second.error().message();
    EXPECT_EQ(counter_value(), 2);
    if (GetParam() == Backend::postgres) {
        EXPECT_EQ(invocations.load(), 3) << "one callback was re-run after a serialization failure";
    } else {
        EXPECT_EQ(invocations.load(), 2) << "BEGIN IMMEDIATE serializes the writers";
    }
}

BO_INSTANTIATE_ON_BOTH_BACKENDS(Contract);

}  // namespace
}  // namespace bo::store
