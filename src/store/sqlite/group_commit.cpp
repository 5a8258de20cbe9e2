// Implementation of the SQLite writer queue and group commit (see group_commit.hpp).
#include "store/sqlite/group_commit.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <string>
#include <utility>

#include "core/assert.hpp"

namespace bo::store::sqlite {

using core::Error;
using core::ErrorCode;

namespace {

// The members of a group share one savepoint name: each is released before the next starts.
constexpr const char* savepoint_sql = "SAVEPOINT bo_member";
constexpr const char* release_sql = "RELEASE bo_member";
constexpr const char* rollback_to_sql = "ROLLBACK TO bo_member";

}  // namespace

Writer::Writer(std::unique_ptr<Connection> first, Factory reopen, WriterOptions options)
    : reopen_(std::move(reopen)), options_(std::move(options)), connection_(std::move(first)) {
    BO_ASSERT(options_.group_txns_max >= 1);
    BO_ASSERT(options_.group_txns_max <= store::group_txns_max);
    BO_ASSERT(options_.wait_ms >= 1);
}

AttemptOutcome Writer::submit(TxnMode mode, const TxnFunction& fn) {
    Request request(mode, &fn);
    std::unique_lock lock(mutex_);
    if (leader_thread_ == std::this_thread::get_id()) {
        return {Error(ErrorCode::internal,
                      "transact was called from inside a transaction callback; SQLite has one "
                      "writer, so a nested transaction would wait for itself"),
                Transience::permanent};
    }
    queue_.push_back(&request);
    if (!wait_turn(lock, request)) {
        return {
            Error(ErrorCode::unavailable,
                  "the SQLite writer stayed busy for " + std::to_string(options_.wait_ms) + " ms"),
            Transience::permanent};
    }
    if (request.state != State::done) {
        BO_ASSERT(queue_.front() == &request);
        leader_thread_ = std::this_thread::get_id();
        std::vector<Request*> group = take_group();
        lock.unlock();
        run_group(group);
        lock.lock();
        finish_group(group);
    }
    BO_ASSERT(request.state == State::done);
    lock.unlock();
    if (request.exception != nullptr) {
        std::rethrow_exception(request.exception);
    }
    return std::move(request.outcome);
}

bool Writer::wait_turn(std::unique_lock<std::mutex>& lock, Request& request) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.wait_ms);
    auto my_turn = [&] {
        return request.state == State::done || queue_.front() == &request;
    };
    while (!my_turn()) {
        if (request.state == State::taken) {
            request.wake.wait(lock);  // a leader runs it: wait for the outcome, however long
            continue;
        }
        if (request.wake.wait_until(lock, deadline) == std::cv_status::timeout
            && request.state == State::queued && !my_turn()) {
            queue_.erase(std::find(queue_.begin(), queue_.end(), &request));
            return false;
        }
    }
    return true;
}

std::vector<Writer::Request*> Writer::take_group() {
    std::vector<Request*> group;
    for (Request* request : queue_) {
        bool alone = request->mode == TxnMode::read_only;
        if (group.size() == options_.group_txns_max || (alone && !group.empty())) {
            break;
        }
        request->state = State::taken;
        group.push_back(request);
        if (alone) {
            break;
        }
    }
    BO_ASSERT(!group.empty());
    return group;
}

void Writer::finish_group(const std::vector<Request*>& group) {
    for (Request* request : group) {
        BO_ASSERT(queue_.front() == request);
        queue_.pop_front();
        request->state = State::done;
        request->wake.notify_one();  // under the mutex: the waiter cannot leave before we do
    }
    leader_thread_ = std::thread::id();
    if (!queue_.empty()) {
        queue_.front()->wake.notify_one();  // the next leader
    }
}

void Writer::run_group(const std::vector<Request*>& group) {
    if (connection_ == nullptr) {
        core::Result<std::unique_ptr<Connection>> opened = reopen_();
        if (!opened.ok()) {
            for (Request* request : group) {
                request->outcome = {opened.error(), Transience::permanent};
            }
            return;
        }
        connection_ = std::move(opened).value();
    }
    if (group.size() == 1) {
        run_alone(*group.front());
    } else {
        run_together(group);
    }
    settle_connection();
}

// A group of one: a plain transaction, without a savepoint (its failure is the whole
// transaction's). Also the only form a read_only transaction on a memory database takes.
void Writer::run_alone(Request& request) {
    bool query_only = request.mode == TxnMode::read_only;
    if (query_only) {
        connection_->exec("PRAGMA query_only=1");
    }
    Transience transience = Transience::permanent;
    core::Result<void> result = core::ok();
    int code = control(query_only ? "BEGIN" : "BEGIN IMMEDIATE");
    if (code != SQLITE_OK) {
        result = control_error(code, transience);
    } else {
        SqliteTxn txn(*connection_);
        result = invoke(request, txn);
        transience = txn.failure().transient() ? Transience::transient : Transience::permanent;
        if (result.ok() && txn.failure().failed()) {
            result = txn.failure().check();  // the callback ignored a failed statement
        }
        if (result.ok()) {
            code = control("COMMIT");
            if (code != SQLITE_OK) {
                result = control_error(code, transience);
            }
        }
    }
    if (!result.ok() && sqlite3_get_autocommit(connection_->db()) == 0) {
        control("ROLLBACK");
    }
    if (query_only) {
        connection_->exec("PRAGMA query_only=0");
    }
    request.outcome = {std::move(result), transience};
}

// One BEGIN IMMEDIATE, a savepoint per member, one COMMIT.
void Writer::run_together(const std::vector<Request*>& group) {
    Transience transience = Transience::permanent;
    int code = control("BEGIN IMMEDIATE");
    if (code != SQLITE_OK) {
        Error error = control_error(code, transience);
        for (Request* request : group) {
            request->outcome = {error, transience};
        }
        return;
    }
    for (std::size_t index = 0; index < group.size(); ++index) {
        Request& request = *group[index];
        core::Result<void> result = run_member(request, transience);
        bool lost = sqlite3_get_autocommit(connection_->db()) != 0;
        request.outcome = {std::move(result), transience};
        if (!lost) {
            continue;
        }
        // SQLite rolled the whole transaction back (I/O error, disk full, out of memory):
        // earlier members lost their work and later ones never ran. They retry.
        if (request.outcome.result.ok()) {
            request.outcome = {Error(ErrorCode::unavailable,
                                     "sqlite: the transaction was rolled back by the engine"),
                               Transience::transient};
        }
        Error lost_error(ErrorCode::unavailable,
                         "sqlite: the group's transaction was rolled back by a neighbour's "
                         "failure: "
                             + request.outcome.result.error().message());
        for (Request* other : group) {
            if (other != &request) {
                other->outcome = {lost_error, Transience::transient};
            }
        }
        return;
    }
    code = control("COMMIT");
    if (code == SQLITE_OK) {
        return;
    }
    // Nothing of the group is durable: every member gets the commit's error (also a member
    // that failed on its own, whose error may rest on a neighbour's now-lost writes).
    Error error = control_error(code, transience);
    for (Request* request : group) {
        request->outcome = {error, transience};
    }
    if (sqlite3_get_autocommit(connection_->db()) == 0) {
        control("ROLLBACK");
    }
}

// Runs one member inside the group's transaction; its own failure undoes only its savepoint.
core::Result<void> Writer::run_member(Request& request, Transience& transience) {
    transience = Transience::permanent;
    int code = control(savepoint_sql);
    if (code != SQLITE_OK) {
        return control_error(code, transience);
    }
    SqliteTxn txn(*connection_);
    core::Result<void> result = invoke(request, txn);
    transience = txn.failure().transient() ? Transience::transient : Transience::permanent;
    if (result.ok() && txn.failure().failed()) {
        result = txn.failure().check();  // the callback ignored a failed statement
    }
    if (result.ok()) {
        code = control(release_sql);
        if (code == SQLITE_OK) {
            return result;
        }
        result = control_error(code, transience);
    }
    if (sqlite3_get_autocommit(connection_->db()) == 0) {
        control(rollback_to_sql);  // if these fail the whole transaction is lost: seen above
        control(release_sql);
    }
    return result;
}

core::Result<void> Writer::invoke(Request& request, SqliteTxn& txn) {
    Connection::CallbackScope scope(*connection_);
    try {
        return (*request.fn)(txn);
    } catch (...) {
        // Not swallowed: rethrown in the caller's thread once the group is done.
        request.exception = std::current_exception();
        return Error(ErrorCode::internal, "the transaction callback threw an exception");
    }
}

int Writer::control(const char* sql) {
    if (options_.control_fault) {
        int injected = options_.control_fault(connection_->db(), sql);
        if (injected != SQLITE_OK) {
            return injected;
        }
    }
    int code = connection_->control(sql);
    return code == SQLITE_OK ? code : sqlite3_extended_errcode(connection_->db());
}

core::Error Writer::control_error(int code, Transience& transience) {
    // An injected code has no message on the connection; SQLite's text for the code serves.
    bool injected = sqlite3_extended_errcode(connection_->db()) != code;
    return map_error(injected ? nullptr : connection_->db(), code, transience);
}

// A connection left inside a transaction (its ROLLBACK failed) is replaced before the next group.
void Writer::settle_connection() {
    if (sqlite3_get_autocommit(connection_->db()) == 0) {
        control("ROLLBACK");
    }
    if (sqlite3_get_autocommit(connection_->db()) == 0) {
        connection_.reset();
    }
}

}  // namespace bo::store::sqlite
