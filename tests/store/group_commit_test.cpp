// Concurrent writers, and SQLite's group commit (src/store/sqlite/group_commit.hpp).
//
// Goal: many concurrent write transactions, some of them failing, commit exactly the ones that
// succeeded, and a success is durable when `transact` returns. On SQLite these transactions
// share commits (one savepoint each), so a failure must roll back only its own work. Method:
// the `ConcurrentWriters` suite runs on both engines through the public interface and checks
// exact totals; the `GroupCommit` suite opens SQLite with writer options (group size, a fault
// hook on the transaction-control statements) to force groups, fail BEGIN/RELEASE/COMMIT, and
// kill a writing process, then checks that nothing half-done is visible.
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/backend_fixture.hpp"
#include "store/database.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/url.hpp"

#include <sys/wait.h>
#include <unistd.h>

namespace bo::store {
namespace {

using core::ErrorCode;
using testing::BackendTest;

constexpr int thread_count = 64;

void create_tables(Database& db, int writers) {
    auto done = db.transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
        BO_TRY(
            txn.execute_script("CREATE TABLE counters (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);"
                               "CREATE TABLE events (writer BIGINT NOT NULL, seq BIGINT NOT NULL,"
                               " PRIMARY KEY (writer, seq))"));
        for (int writer = 0; writer < writers; ++writer) {
            std::vector<Value> id = {Value(std::int64_t{writer})};
            BO_TRY_ASSIGN([[maybe_unused]] std::int64_t changed,
                          txn.execute("INSERT INTO counters (id, n) VALUES ($1, 0)", id));
        }
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
}

// How transaction `seq` of a writer ends: committed, refused by its callback after its writes,
// or poisoned by a failed statement that the callback ignores.
enum class Fate { commit, callback_error, ignored_statement_error };

Fate fate_of(int writer, int seq) {
    if ((writer + seq) % 5 == 0) {
        return Fate::callback_error;
    }
    if ((writer * 7 + seq) % 11 == 0 && seq > 0) {
        return Fate::ignored_statement_error;
    }
    return Fate::commit;
}

// One transaction of the workload: bump the writer's counter, record event `seq`, then end as
// `fate_of` says.
core::Result<void> write_one(Database& db, int writer, int seq) {
    return db.transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
        std::vector<Value> id = {Value(std::int64_t{writer})};
        BO_TRY_ASSIGN([[maybe_unused]] Row row,
                      txn.query_one("UPDATE counters SET n = n + 1 WHERE id = $1 RETURNING n", id));
        std::vector<Value> event = {Value(std::int64_t{writer}), Value(std::int64_t{seq})};
        BO_TRY_ASSIGN([[maybe_unused]] std::int64_t changed,
                      txn.execute("INSERT INTO events (writer, seq) VALUES ($1, $2)", event));
        switch (fate_of(writer, seq)) {
            case Fate::callback_error:
                return core::Error(ErrorCode::conflict, "refused by the callback");
            case Fate::ignored_statement_error: {
                auto duplicate =
                    txn.execute("INSERT INTO events (writer, seq) VALUES ($1, $2)", event);
                EXPECT_FALSE(duplicate.ok());
                return core::ok();  // ignores the failure: the transaction must not commit
            }
            case Fate::commit:
                return core::ok();
        }
        return core::ok();
    });
}

// Checks that exactly the committed transactions of `writers` × `per_writer` are visible.
void expect_exact(Database& db, int writers, int per_writer) {
    auto done = db.transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(Rows counters, txn.query("SELECT id, n FROM counters ORDER BY id", {}));
        BO_TRY_ASSIGN(Rows events, txn.query("SELECT writer, seq FROM events", {}));
        std::vector<std::vector<bool>> seen(
            static_cast<std::size_t>(writers),
            std::vector<bool>(static_cast<std::size_t>(per_writer)));
        for (const Row& event : events) {
            seen[static_cast<std::size_t>(event.i64(0))][static_cast<std::size_t>(event.i64(1))] =
                true;
        }
        EXPECT_EQ(counters.size(), static_cast<std::size_t>(writers));
        for (int writer = 0; writer < writers; ++writer) {
            std::int64_t committed = 0;
            for (int seq = 0; seq < per_writer; ++seq) {
                bool commits = fate_of(writer, seq) == Fate::commit;
                committed += commits ? 1 : 0;
                EXPECT_EQ(seen[static_cast<std::size_t>(writer)][static_cast<std::size_t>(seq)],
                          commits)
                    << "writer " << writer << " seq " << seq;
            }
            EXPECT_EQ(counters[static_cast<std::size_t>(writer)].i64(1), committed)
                << "writer " << writer;
        }
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
}

// Runs the workload on `thread_count` threads and checks each outcome as it returns; when
// `witness` is given, every success must already be visible through it.
void run_workload(Database& db, int per_writer, Database* witness) {
    std::vector<std::thread> threads;
    for (int writer = 0; writer < thread_count; ++writer) {
        threads.emplace_back([&, writer] {
            for (int seq = 0; seq < per_writer; ++seq) {
                core::Result<void> done = write_one(db, writer, seq);
                Fate fate = fate_of(writer, seq);
                ASSERT_EQ(done.ok(), fate == Fate::commit)
                    << "writer " << writer << " seq " << seq << ": "
                    << (done.ok() ? "ok" : done.error().message());
                if (!done.ok()) {
                    EXPECT_EQ(done.error().code(), ErrorCode::conflict) << done.error().message();
                    continue;
                }
                if (witness == nullptr) {
                    continue;
                }
                auto read =
                    witness->transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
                        std::vector<Value> key = {Value(std::int64_t{writer}),
                                                  Value(std::int64_t{seq})};
                        BO_TRY_ASSIGN(
                            [[maybe_unused]] Row row,
                            txn.query_one("SELECT 1 FROM events WHERE writer = $1 AND seq = $2",
                                          key));
                        return core::ok();
                    });
                EXPECT_TRUE(read.ok()) << "a success is visible from another handle at once";
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
}

class ConcurrentWriters : public BackendTest {};

// 64 threads × 20 transactions, a third of them failing in two different ways.
TEST_P(ConcurrentWriters, ExactlyTheSuccessfulTransactionsAreVisible) {
    constexpr int per_writer = 20;
    create_tables(db(), thread_count);
    run_workload(db(), per_writer, nullptr);
    expect_exact(db(), thread_count, per_writer);
}

// Durability as far as a process can see it: each success is visible through a second,
// independent handle (other connections, as another process would use) right after return.
TEST_P(ConcurrentWriters, SuccessIsVisibleToAnotherHandleOnReturn) {
    constexpr int per_writer = 5;
    create_tables(db(), thread_count);
    auto witness = open_again();
    ASSERT_NE(witness, nullptr);
    run_workload(db(), per_writer, witness.get());
    witness.reset();
    auto reopened = open_again();
    ASSERT_NE(reopened, nullptr);
    expect_exact(*reopened, thread_count, per_writer);
}

BO_INSTANTIATE_ON_BOTH_BACKENDS(ConcurrentWriters);

// SQLite only: group commit is how the SQLite backend writes; PostgreSQL has its own.
class GroupCommit : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = testing::make_temp_dir();
        ASSERT_FALSE(dir_.empty());
        url_ = "sqlite:" + dir_ + "/test.db";
    }

    void TearDown() override { testing::remove_tree(dir_); }

    // Opens the test database with `options` for the writer.
    std::unique_ptr<Database> open(const sqlite::WriterOptions& options) {
        auto parsed = parse_database_url(url_);
        EXPECT_TRUE(parsed.ok());
        auto opened = sqlite::open(parsed.value(), OpenOptions{}, options);
        EXPECT_TRUE(opened.ok()) << opened.error().message();
        return opened.ok() ? std::move(opened).value() : nullptr;
    }

    std::unique_ptr<Database> open_plain() {
        auto opened = Database::open(url_);
        EXPECT_TRUE(opened.ok()) << opened.error().message();
        return opened.ok() ? std::move(opened).value() : nullptr;
    }

    const std::string& url() const { return url_; }

private:
    std::string dir_;
    std::string url_;
};

// Counts the transaction-control statements the writer runs, and fails chosen ones.
class ControlLog {
public:
    // Fails the `nth` (1-based) statement equal to `sql` with `code`; `roll_back` first rolls the
    // whole transaction back, as SQLite does itself after an I/O error.
    void fail(std::string sql, int nth, int code, bool roll_back) {
        std::lock_guard lock(mutex_);
        fail_sql_ = std::move(sql);
        fail_nth_ = nth;
        fail_code_ = code;
        roll_back_ = roll_back;
    }

    std::string dump() {
        std::lock_guard lock(mutex_);
        std::string all;
        for (const std::string& seen : seen_) {
            all += seen + "; ";
        }
        return all;
    }

    int count(const std::string& sql) {
        std::lock_guard lock(mutex_);
        int total = 0;
        for (const std::string& seen : seen_) {
            total += seen == sql ? 1 : 0;
        }
        return total;
    }

    sqlite::ControlFault hook() {
        return [this](sqlite3* db, std::string_view sql) {
            std::lock_guard lock(mutex_);
            seen_.emplace_back(sql);
            if (sql != fail_sql_ || --fail_nth_ != 0) {
                return SQLITE_OK;
            }
            if (roll_back_) {
                sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            }
            return fail_code_;
        };
    }

private:
    std::mutex mutex_;
    std::vector<std::string> seen_;
    std::string fail_sql_;
    int fail_nth_ = 0;
    int fail_code_ = SQLITE_OK;
    bool roll_back_ = false;
};

// Starts `members` transactions while the first one holds the writer, so that the other
// members queue and then form one group. Member k runs `body(k, txn)`.
std::vector<core::Result<void>> run_grouped(
    Database& db, int members, const std::function<core::Result<void>(int, Txn&)>& body) {
    std::vector<core::Result<void>> results(static_cast<std::size_t>(members), core::ok());
    std::atomic<bool> holding{false};
    std::atomic<int> started{0};
    std::thread holder([&] {
        results[0] = db.transact(TxnMode::read_write, [&](Txn& txn) {
            holding = true;
            while (started.load() < members - 1) {
                std::this_thread::yield();
            }
            // Let the others reach the queue: they only need to take the writer's mutex.
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            return body(0, txn);
        });
    });
    std::vector<std::thread> others;
    for (int member = 1; member < members; ++member) {
        others.emplace_back([&, member] {
            while (!holding.load()) {
                std::this_thread::yield();
            }
            ++started;
            auto& result = results[static_cast<std::size_t>(member)];
            try {
                result =
                    db.transact(TxnMode::read_write, [&](Txn& txn) { return body(member, txn); });
            } catch (const std::exception& thrown) {
                result = core::Error(ErrorCode::internal, std::string("threw: ") + thrown.what());
            }
        });
    }
    holder.join();
    for (auto& thread : others) {
        thread.join();
    }
    return results;
}

core::Result<void> insert_event(Txn& txn, int writer) {
    std::vector<Value> event = {Value(std::int64_t{writer}), Value(std::int64_t{0})};
    BO_TRY_ASSIGN([[maybe_unused]] std::int64_t changed,
                  txn.execute("INSERT INTO events (writer, seq) VALUES ($1, $2)", event));
    return core::ok();
}

std::vector<std::int64_t> event_writers(Database& db) {
    std::vector<std::int64_t> writers;
    auto done = db.transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(Rows rows, txn.query("SELECT writer FROM events ORDER BY writer", {}));
        for (const Row& row : rows) {
            writers.push_back(row.i64(0));
        }
        return core::ok();
    });
    EXPECT_TRUE(done.ok()) << done.error().message();
    return writers;
}

TEST_F(GroupCommit, AFailingMemberLeavesItsNeighboursCommitted) {
    ControlLog log;
    sqlite::WriterOptions options;
    options.control_fault = log.hook();
    auto db = open(options);
    ASSERT_NE(db, nullptr);
    create_tables(*db, 0);
    int commits_before = log.count("COMMIT");
    auto results = run_grouped(*db, 5, [](int member, Txn& txn) -> core::Result<void> {
        BO_TRY(insert_event(txn, member));
        BO_TRY(insert_event(txn, member + 100));
        if (member == 2) {
            return core::Error(ErrorCode::period_closed, "member 2 refuses after two writes");
        }
        if (member == 3) {
            (void)insert_event(txn, 3);  // a duplicate key, ignored: poisons member 3 only
        }
        return core::ok();
    });
    EXPECT_TRUE(results[0].ok());
    EXPECT_TRUE(results[1].ok());
    ASSERT_FALSE(results[2].ok());
    EXPECT_EQ(results[2].error().code(), ErrorCode::period_closed);
    ASSERT_FALSE(results[3].ok());
    EXPECT_EQ(results[3].error().code(), ErrorCode::conflict);
    EXPECT_TRUE(results[4].ok());
    EXPECT_EQ(event_writers(*db), (std::vector<std::int64_t>{0, 1, 4, 100, 101, 104}));
    EXPECT_EQ(log.count("COMMIT") - commits_before, 2) << "the holder's, then one for 1..4";
    EXPECT_EQ(log.count("ROLLBACK TO bo_member"), 2) << log.dump();
}

TEST_F(GroupCommit, AFailedCommitFailsEveryMemberAndKeepsNothing) {
    ControlLog log;
    sqlite::WriterOptions options;
    options.control_fault = log.hook();
    auto db = open(options);
    ASSERT_NE(db, nullptr);
    create_tables(*db, 0);
    log.fail("COMMIT", 2, SQLITE_IOERR_FSYNC, false);  // the holder's, then the group's
    auto results = run_grouped(*db, 4, [](int member, Txn& txn) -> core::Result<void> {
        BO_TRY(insert_event(txn, member));
        return member == 2 ? core::Error(ErrorCode::conflict, "member 2 refuses") : core::ok();
    });
    EXPECT_TRUE(results[0].ok());
    for (int member = 1; member < 4; ++member) {
        ASSERT_FALSE(results[static_cast<std::size_t>(member)].ok()) << member;
        EXPECT_EQ(results[static_cast<std::size_t>(member)].error().code(), ErrorCode::internal)
            << "member " << member << " gets the commit's error, not its own";
    }
    EXPECT_EQ(event_writers(*db), (std::vector<std::int64_t>{0}));
    ASSERT_TRUE(
        db->transact(TxnMode::read_write, [](Txn& txn) { return insert_event(txn, 9); }).ok())
        << "the writer recovers";
    EXPECT_EQ(event_writers(*db), (std::vector<std::int64_t>{0, 9}));
}

TEST_F(GroupCommit, ABusyCommitRetriesTheWholeGroup) {
    ControlLog log;
    sqlite::WriterOptions options;
    options.control_fault = log.hook();
    auto db = open(options);
    ASSERT_NE(db, nullptr);
    create_tables(*db, 0);
    log.fail("COMMIT", 2, SQLITE_BUSY, false);
    std::array<std::atomic<int>, 4> runs{};
    auto results = run_grouped(*db, 4, [&](int member, Txn& txn) -> core::Result<void> {
        ++runs[static_cast<std::size_t>(member)];
        return insert_event(txn, member);
    });
    for (int member = 0; member < 4; ++member) {
        EXPECT_TRUE(results[static_cast<std::size_t>(member)].ok()) << member;
    }
    EXPECT_EQ(runs[0].load(), 1);
    for (int member = 1; member < 4; ++member) {
        EXPECT_EQ(runs[static_cast<std::size_t>(member)].load(), 2)
            << "re-run after the busy commit";
    }
    EXPECT_EQ(event_writers(*db), (std::vector<std::int64_t>{0, 1, 2, 3}));
}

// SQLite rolls a whole transaction back after some errors (I/O, disk full). The member that
// hit the error gets it; its neighbours lost their work through no fault of theirs and retry.
TEST_F(GroupCommit, AnEngineRollbackInOneMemberRetriesItsNeighbours) {
    ControlLog log;
    sqlite::WriterOptions options;
    options.control_fault = log.hook();
    auto db = open(options);
    ASSERT_NE(db, nullptr);
    create_tables(*db, 0);
    // The second member of the group (the holder runs alone) hits the error.
    log.fail("RELEASE bo_member", 2, SQLITE_IOERR_WRITE, true);
    std::array<std::atomic<int>, 4> runs{};
    auto results = run_grouped(*db, 4, [&](int member, Txn& txn) -> core::Result<void> {
        ++runs[static_cast<std::size_t>(member)];
        return insert_event(txn, member);
    });
    EXPECT_TRUE(results[0].ok());
    std::vector<std::int64_t> expected = {0};
    int failed = 0;
    int runs_total = 0;
    for (int member = 1; member < 4; ++member) {
        const auto& result = results[static_cast<std::size_t>(member)];
        runs_total += runs[static_cast<std::size_t>(member)].load();
        if (result.ok()) {
            expected.push_back(member);
            continue;
        }
        ++failed;
        EXPECT_EQ(result.error().code(), ErrorCode::internal) << result.error().message();
        EXPECT_EQ(runs[static_cast<std::size_t>(member)].load(), 1);
    }
    EXPECT_EQ(failed, 1) << "only the member that hit the error fails";
    EXPECT_EQ(runs_total, 4) << "the first member's lost work was re-run; the third ran once";
    EXPECT_EQ(event_writers(*db), expected);
}

TEST_F(GroupCommit, AFailedBeginFailsTheGroupAndNothingRuns) {
    ControlLog log;
    sqlite::WriterOptions options;
    options.control_fault = log.hook();
    auto db = open(options);
    ASSERT_NE(db, nullptr);
    create_tables(*db, 0);
    log.fail("BEGIN IMMEDIATE", 2, SQLITE_IOERR_READ, false);
    std::atomic<int> runs{0};
    auto results = run_grouped(*db, 3, [&](int member, Txn& txn) -> core::Result<void> {
        ++runs;
        return insert_event(txn, member);
    });
    EXPECT_TRUE(results[0].ok());
    EXPECT_FALSE(results[1].ok());
    EXPECT_FALSE(results[2].ok());
    EXPECT_EQ(runs.load(), 1) << "no member ran without a transaction";
    EXPECT_EQ(event_writers(*db), (std::vector<std::int64_t>{0}));
}

TEST_F(GroupCommit, GroupSizeOneCommitsEachTransactionAlone) {
    ControlLog log;
    sqlite::WriterOptions options;
    options.group_txns_max = 1;
    options.control_fault = log.hook();
    auto db = open(options);
    ASSERT_NE(db, nullptr);
    create_tables(*db, 0);
    int commits_before = log.count("COMMIT");
    auto results = run_grouped(*db, 4, [](int member, Txn& txn) -> core::Result<void> {
        return insert_event(txn, member);
    });
    for (const auto& result : results) {
        EXPECT_TRUE(result.ok());
    }
    EXPECT_EQ(log.count("COMMIT") - commits_before, 4);
    EXPECT_EQ(log.count("SAVEPOINT bo_member"), 0) << "a group of one needs no savepoint";
}

TEST_F(GroupCommit, CallbacksCannotEndTheTransaction) {
    auto db = open_plain();
    ASSERT_NE(db, nullptr);
    create_tables(*db, 0);
    for (const char* control :
         {"COMMIT", "ROLLBACK", "BEGIN", "SAVEPOINT x", "RELEASE x", "END TRANSACTION"}) {
        auto done = db->transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
            BO_TRY(insert_event(txn, 1));
            BO_TRY_ASSIGN([[maybe_unused]] std::int64_t changed, txn.execute(control, {}));
            return core::ok();
        });
        ASSERT_FALSE(done.ok()) << control;
        EXPECT_EQ(done.error().code(), ErrorCode::internal) << control;
        auto script =
            db->transact(TxnMode::read_only, [&](Txn& txn) { return txn.execute_script(control); });
        EXPECT_FALSE(script.ok()) << control << " in a read-only script";
    }
    EXPECT_TRUE(event_writers(*db).empty());
}

TEST_F(GroupCommit, NestedWriteFailsAtOnce) {
    auto db = open_plain();
    ASSERT_NE(db, nullptr);
    create_tables(*db, 0);
    auto started = std::chrono::steady_clock::now();
    core::Result<void> inner = core::ok();
    auto outer = db->transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
        BO_TRY(insert_event(txn, 1));
        inner =
            db->transact(TxnMode::read_write, [](Txn& nested) { return insert_event(nested, 2); });
        return core::ok();
    });
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
    ASSERT_FALSE(inner.ok());
    EXPECT_EQ(inner.error().code(), ErrorCode::internal);
    EXPECT_NE(inner.error().message().find("inside a transaction callback"), std::string::npos);
    EXPECT_TRUE(outer.ok()) << "the outer transaction decides for itself";
    EXPECT_EQ(event_writers(*db), (std::vector<std::int64_t>{1}));
}

TEST_F(GroupCommit, AnExceptionReachesItsOwnCallerOnly) {
    auto db = open_plain();
    ASSERT_NE(db, nullptr);
    create_tables(*db, 0);
    auto results = run_grouped(*db, 4, [&](int member, Txn& txn) -> core::Result<void> {
        BO_TRY(insert_event(txn, member));
        if (member == 2) {
            throw std::runtime_error("boom");
        }
        return core::ok();
    });
    EXPECT_TRUE(results[0].ok());
    EXPECT_TRUE(results[1].ok());
    ASSERT_FALSE(results[2].ok());
    EXPECT_EQ(results[2].error().message(), "threw: boom") << "rethrown in its caller's thread";
    EXPECT_TRUE(results[3].ok());
    EXPECT_EQ(event_writers(*db), (std::vector<std::int64_t>{0, 1, 3}));
}

// Runs in a forked child: 16 threads insert events and report each success on `report_fd`
// (one 16-byte record, atomic on a pipe) until the parent kills the process.
[[noreturn]] void write_and_report(const std::string& url, int report_fd) {
    auto opened = Database::open(url);
    if (!opened.ok()) {
        ::_exit(3);
    }
    Database& db = *opened.value();
    std::vector<std::thread> threads;
    for (int writer = 0; writer < 16; ++writer) {
        threads.emplace_back([&db, writer, report_fd] {
            for (std::int64_t seq = 0;; ++seq) {
                auto done = db.transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
                    std::vector<Value> event = {Value(std::int64_t{writer}), Value(seq)};
                    BO_TRY_ASSIGN(
                        [[maybe_unused]] std::int64_t changed,
                        txn.execute("INSERT INTO events (writer, seq) VALUES ($1, $2)", event));
                    return core::ok();
                });
                std::array<std::int64_t, 2> record = {writer, seq};
                if (!done.ok()
                    || ::write(report_fd, record.data(), sizeof record) != sizeof record) {
                    ::_exit(4);
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    ::_exit(0);
}

// Crash injection: a writing process killed at a random moment keeps every transaction whose
// `transact` had returned ok (what a client was told is what the database holds).
TEST_F(GroupCommit, AKilledWriterKeepsEveryReportedCommit) {
    {
        auto db = open_plain();
        ASSERT_NE(db, nullptr);
        create_tables(*db, 0);
    }
    std::array<int, 2> fds{};
    ASSERT_EQ(::pipe(fds.data()), 0);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(fds[0]);
        write_and_report(url(), fds[1]);
    }
    ::close(fds[1]);
    std::vector<std::array<std::int64_t, 2>> reported;
    std::array<std::int64_t, 2> record{};
    auto kill_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(400);
    bool killed = false;
    for (;;) {
        if (!killed && std::chrono::steady_clock::now() >= kill_at) {
            ::kill(child, SIGKILL);
            killed = true;
        }
        ssize_t got = ::read(fds[0], record.data(), sizeof record);
        if (got <= 0) {
            break;  // EOF: the child is gone (its write end closed)
        }
        ASSERT_EQ(got, static_cast<ssize_t>(sizeof record));
        reported.push_back(record);
    }
    ::close(fds[0]);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child exited by itself with " << WEXITSTATUS(status);
    ASSERT_GT(reported.size(), 16U) << "the child committed something before it was killed";
    auto db = open_plain();
    ASSERT_NE(db, nullptr);
    auto done = db->transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
        for (const auto& [writer, seq] : reported) {
            std::vector<Value> key = {Value(writer), Value(seq)};
            BO_TRY_ASSIGN(
                auto row,
                txn.query_optional("SELECT 1 FROM events WHERE writer = $1 AND seq = $2", key));
            EXPECT_TRUE(row.has_value()) << "writer " << writer << " seq " << seq << " was lost";
        }
        return core::ok();
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
}

}  // namespace
}  // namespace bo::store
