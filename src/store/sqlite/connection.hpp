// One SQLite connection, its statement cache, and the Txn that runs statements on it.
//
// Shared by the SQLite Database (sqlite_database.cpp) and its writer (group_commit.cpp).
// Invariants: every statement a Txn runs is prepared once per connection and cached by its
// text; a Txn in which one statement failed refuses every later statement (TxnFailure).
// Transaction-control statements (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE) are refused
// while a callback runs (`CallbackScope`): the transaction's boundaries belong to the store,
// and a callback that committed or rolled back would break its group (group_commit.hpp).
// Thread safety: a Connection and its Txn are used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <sqlite3.h>

#include "core/result.hpp"
#include "store/database.hpp"
#include "store/txn_support.hpp"

namespace bo::store::sqlite {

// Maps an SQLite result code to our Error and says whether a retry may help; constraint
// messages name the columns, never SQL or values.
core::Error map_error(sqlite3* db, int code, Transience& transience);
core::Error map_error(sqlite3* db, int code);

// A prepared statement and how its placeholders map to parameter numbers.
struct Statement {
    sqlite3_stmt* handle = nullptr;
    std::vector<std::size_t> numbers;  // numbers[i] = N of "$N" at bind index i + 1
};

// One SQLite connection and its statement cache. Owns the sqlite3 handle.
class Connection {
public:
    // Takes ownership of `db` (closed on destruction, also when db is a failed open) and
    // installs the authorizer that refuses transaction control inside callbacks.
    explicit Connection(sqlite3* db);

    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    ~Connection();

    sqlite3* db() const noexcept { return db_; }

    // Runs `sql` (one or more statements, no parameters); answers SQLite's result code.
    int exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

    // Runs one parameterless statement (BEGIN, COMMIT, SAVEPOINT …) prepared once and kept in a
    // cache of its own, which no Txn can reach (so a callback cannot skip the authorizer that
    // refuses it transaction control); answers SQLite's result code, SQLITE_OK when done.
    // sqlite3_exec would parse the text on every call: for a small read transaction, parsing
    // its BEGIN and COMMIT cost more than its queries.
    int control(std::string_view sql);

    // The cached statement for `sql`, prepared on first use. Errors: the mapped SQLite error
    // (transience set), or internal for more than one statement or placeholders other than $N.
    core::Result<Statement*> prepare(std::string_view sql, Transience& transience);

    // While alive, a callback runs on this connection: transaction-control statements
    // prepared meanwhile fail (SQLITE_AUTH, reported as internal). Not nestable.
    class CallbackScope {
    public:
        explicit CallbackScope(Connection& connection);
        CallbackScope(const CallbackScope&) = delete;
        CallbackScope& operator=(const CallbackScope&) = delete;
        ~CallbackScope();

    private:
        Connection& connection_;
    };

private:
    struct StringHash {
        using is_transparent = void;

        std::size_t operator()(std::string_view text) const noexcept {
            return std::hash<std::string_view>{}(text);
        }
    };

    // sqlite3_set_authorizer's callback: denies BEGIN/COMMIT/ROLLBACK/SAVEPOINT/RELEASE
    // while a callback runs.
    static int authorize(void* self,
                         int action,
                         const char* detail1,
                         const char* detail2,
                         const char* database,
                         const char* trigger);
    void clear_cache();

    sqlite3* db_;
    bool in_callback_ = false;
    std::unordered_map<std::string, Statement, StringHash, std::equal_to<>> cache_;
    // A handful of fixed texts, never input: bounded by the program's control statements.
    std::unordered_map<std::string, sqlite3_stmt*, StringHash, std::equal_to<>> control_cache_;
};

// The Txn handed to a callback. Records its first failure (the poisoned-transaction rule);
// the transaction's boundaries (BEGIN, SAVEPOINT, COMMIT …) are run by its owner.
class SqliteTxn final : public Txn {
public:
    explicit SqliteTxn(Connection& connection) : connection_(connection) {}

    core::Result<Rows> query(std::string_view sql, Params params) override;
    core::Result<std::int64_t> execute(std::string_view sql, Params params) override;
    core::Result<void> execute_batch(std::string_view sql,
                                     std::span<const std::vector<Value>> rows) override;
    core::Result<void> execute_script(std::string_view sql) override;

    Backend backend() const noexcept override { return Backend::sqlite; }

    const TxnFailure& failure() const noexcept { return failure_; }

private:
    // Checks, prepares and binds; the statement is ready to step.
    core::Result<Statement*> start(std::string_view sql, Params params);
    core::Result<void> step_to_end(sqlite3_stmt* handle);
    core::Error fail(int code);

    Connection& connection_;
    TxnFailure failure_;
};

enum class Role { writer, reader, memory };

// Opens one connection and applies the pragmas of its role (WAL for the writer,
// synchronous=FULL, foreign_keys=ON, busy_timeout, query_only for readers). `shown` names the
// database in messages.
core::Result<std::unique_ptr<Connection>> open_connection(const std::string& filename,
                                                          const std::string& shown,
                                                          Role role);

}  // namespace bo::store::sqlite
