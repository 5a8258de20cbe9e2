// The SQLite writer: one connection, a queue of write transactions, and group commit.
//
// Every transaction that needs the writer connection is submitted here and waits. The first
// waiter in the queue is the leader: it takes every queued transaction (up to group_txns_max,
// never waiting for more), opens one `BEGIN IMMEDIATE`, runs each callback in its own
// `SAVEPOINT` (`RELEASE` on success; `ROLLBACK TO` + `RELEASE` on failure, so a failure undoes
// only its own work), then runs one `COMMIT` — one fsync for the whole group — and only then
// hands each waiter its outcome. The next queued transaction becomes the next leader. No thread
// of its own and no added latency: a lone writer leads a group of one, which runs without a
// savepoint exactly as a plain transaction.
//
// Invariants:
// - A waiter learns success only after the COMMIT that holds its work returned: ok is durable.
// - A failed member leaves no trace and does not affect its neighbours; a failed statement
//   poisons only its own member (each member has its own SqliteTxn).
// - If BEGIN or COMMIT fails, or SQLite itself rolls the whole transaction back (I/O error,
//   disk full), no member's work survives and every member gets an error: the failure's own
//   (transient when SQLite says busy, so callers retry), or a transient one for neighbours
//   whose work was lost through no fault of their own.
// - A group is contiguous at the front of the queue and is removed from it only by its leader.
// - A read_only transaction on a memory database (which has no readers) forms a group alone
//   with `PRAGMA query_only=1`, so that it never sees a neighbour's uncommitted writes.
// Thread safety: `submit` may be called from any thread. Callbacks run on the leader's thread
// while their callers block, so they must not rely on thread-locals; a callback that calls
// `submit` again (nested transact) gets `internal` at once instead of waiting for itself.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"
#include "store/limits.hpp"
#include "store/sqlite/connection.hpp"
#include "store/txn_support.hpp"

namespace bo::store::sqlite {

// Fault injection for tests: called before each transaction-control statement the writer runs
// ("BEGIN IMMEDIATE", "SAVEPOINT …", "RELEASE …", "ROLLBACK TO …", "COMMIT", "ROLLBACK").
// SQLITE_OK lets the statement run; any other code is taken as that statement's result
// without running it (the hook may act on `db` first, e.g. roll back to mimic an I/O error).
using ControlFault = std::function<int(sqlite3* db, std::string_view sql)>;

struct WriterOptions {
    std::size_t group_txns_max = store::group_txns_max;  // 1..group_txns_max; 1: no grouping
    int wait_ms = db_pool_wait_ms_default;               // the longest wait to be taken
    ControlFault control_fault;                          // tests only; empty in production
};

class Writer {
public:
    using Factory = std::function<core::Result<std::unique_ptr<Connection>>()>;

    // `first` is the writer connection opened by `open`; `reopen` replaces it after it was
    // left inside a transaction (a failed ROLLBACK). Asserts 1 ≤ group_txns_max ≤ the limit.
    Writer(std::unique_ptr<Connection> first, Factory reopen, WriterOptions options);

    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // Runs `fn` once on the writer connection, in a group as described above, and answers
    // its outcome once durable (or failed). Errors: the callback's or the engine's; unavailable
    // when not taken within wait_ms; internal for a nested call from a callback. An exception
    // thrown by `fn` is rethrown here, in the caller's thread, after its group finished.
    AttemptOutcome submit(TxnMode mode, const TxnFunction& fn);

private:
    enum class State { queued, taken, done };

    // One waiting transaction; lives on its caller's stack until `done`.
    struct Request {
        Request(TxnMode mode_in, const TxnFunction* fn_in) : mode(mode_in), fn(fn_in) {}

        TxnMode mode;
        const TxnFunction* fn;
        State state = State::queued;
        AttemptOutcome outcome{core::ok(), Transience::permanent};
        std::exception_ptr exception;
        std::condition_variable wake;
    };

    // Waits until `request` is done or leads; false when it left the queue on timeout.
    bool wait_turn(std::unique_lock<std::mutex>& lock, Request& request);
    std::vector<Request*> take_group();
    void finish_group(const std::vector<Request*>& group);

    // The work of a leader, outside the mutex.
    void run_group(const std::vector<Request*>& group);
    void run_alone(Request& request);
    void run_together(const std::vector<Request*>& group);
    core::Result<void> run_member(Request& request, Transience& transience);
    core::Result<void> invoke(Request& request, SqliteTxn& txn);
    int control(const char* sql);
    core::Error control_error(int code, Transience& transience);
    void settle_connection();

    const Factory reopen_;
    const WriterOptions options_;
    std::unique_ptr<Connection> connection_;  // touched only by the current leader

    std::mutex mutex_;
    std::deque<Request*> queue_;     // front: the leader's request, then its group, then waiters
    std::thread::id leader_thread_;  // the thread running a group, or none
};

}  // namespace bo::store::sqlite
