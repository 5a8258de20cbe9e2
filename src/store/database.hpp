// The one storage interface every layer above uses.
//
// A `Database` is opened from a URL (`sqlite:PATH`, `sqlite::memory:`, `postgres://…`,
// `postgresql://…`) and hands out transactions. All SQL is written once, in the subset both
// engines accept, with `$1…$n` placeholders; it is always prepared (and cached per connection),
// never built by concatenating input. Values cross the boundary as `Value` (null, int64, text,
// blob); booleans are stored as 0/1 integers, dates as `YYYY-MM-DD` text, instants as int64 UTC
// microseconds, money as int64 minor units beside a currency code.
//
// Invariants:
// - Work happens only inside `transact`; the callback's Txn is valid only during the call.
// - `transact` commits when the callback returns ok and rolls back otherwise; nothing the
//   callback wrote survives a failure.
// - A transient conflict (SQLite busy, PostgreSQL serialization failure or deadlock) re-runs
//   the whole callback, at most `txn_retries_max` times, so callbacks must not have effects
//   outside the transaction.
// Thread safety: a Database is safe to share between threads (it owns a connection pool); a
// Txn belongs to the thread that runs the callback.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"
#include "store/limits.hpp"

namespace bo::store {

enum class Backend { sqlite, postgres };

// "sqlite" or "postgres".
std::string_view to_string(Backend backend) noexcept;

// A SELECT that must hold the rows it reads until the transaction ends, as an UPDATE of them
// would: on PostgreSQL it ends in FOR NO KEY UPDATE. On SQLite it is the plain SELECT: the one
// writer's transaction already excludes every other writer, and the UPDATE-nothing idiom
// would dirty the page and write it to the WAL for no gain. Build once (a static).
class LockingSelect {
public:
    explicit LockingSelect(std::string_view select)
        : plain_(select), locking_(std::string(select) + " FOR NO KEY UPDATE") {}

    const std::string& sql(Backend backend) const noexcept {
        return backend == Backend::postgres ? locking_ : plain_;
    }

private:
    std::string plain_;
    std::string locking_;
};

struct Null {
    friend bool operator==(Null, Null) = default;
};

struct Blob {
    std::vector<std::uint8_t> bytes;

    friend bool operator==(const Blob&, const Blob&) = default;
};

// One bound parameter or one result cell.
using Value = std::variant<Null, std::int64_t, std::string, Blob>;

// One result row. Column access by zero-based index; reading a column as the wrong kind is an
// error value in `get`, and an assertion in the shorthand accessors (a bug in our own SQL).
class Row {
public:
    explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}

    std::size_t size() const noexcept { return cells_.size(); }

    bool is_null(std::size_t column) const;

    // The cell as int64 / text / blob. Asserts that it is not null and of that kind.
    std::int64_t i64(std::size_t column) const;
    const std::string& text(std::size_t column) const;
    const Blob& blob(std::size_t column) const;

    // The cell, or nullopt when it is null.
    std::optional<std::int64_t> opt_i64(std::size_t column) const;
    std::optional<std::string> opt_text(std::size_t column) const;

    const Value& cell(std::size_t column) const;

private:
    std::vector<Value> cells_;
};

using Rows = std::vector<Row>;
using Params = std::span<const Value>;

enum class TxnMode {
    read_only,     // may run on a reader connection; writes fail
    read_write,    // SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED
    serializable,  // PostgreSQL SERIALIZABLE; SQLite is serializable anyway
};

// A transaction in progress. Statements are prepared once per connection and cached by text.
class Txn {
public:
    virtual ~Txn() = default;

    // Runs a statement and returns all its rows (for SELECT and `… RETURNING`).
    virtual core::Result<Rows> query(std::string_view sql, Params params) = 0;

    // Runs a statement that returns no rows; answers the number of rows it changed.
    virtual core::Result<std::int64_t> execute(std::string_view sql, Params params) = 0;

    // Runs one statement once per parameter row, as fast as the engine allows (SQLite: one
    // prepared statement re-bound; PostgreSQL: pipeline mode). All-or-nothing with the txn.
    virtual core::Result<void> execute_batch(std::string_view sql,
                                             std::span<const std::vector<Value>> rows) = 0;

    // Runs a script of several statements without parameters (migrations only).
    virtual core::Result<void> execute_script(std::string_view sql) = 0;

    // Convenience: the first row, or not_found when there is none.
    core::Result<Row> query_one(std::string_view sql, Params params);

    // Convenience: the first row, or nullopt when there is none.
    core::Result<std::optional<Row>> query_optional(std::string_view sql, Params params);

    virtual Backend backend() const noexcept = 0;
};

using TxnFunction = std::function<core::Result<void>(Txn&)>;

// Tuning for `Database::open`; the defaults suit a server. Values out of range are
// invalid_argument. PostgreSQL: the pool's connection count; SQLite: the reader connections
// (there is always exactly one writer).
struct OpenOptions {
    int pool_connections = db_pool_connections_default;  // 1..db_pool_connections_max
    int pool_wait_ms = db_pool_wait_ms_default;          // 1..db_pool_wait_ms_max
};

class Database {
public:
    virtual ~Database() = default;

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (and for SQLite creates) the database named by `url`. Errors: invalid_argument for
    // a malformed URL, unavailable for a server that cannot be reached, and a clear message for
    // a file that is not an SQLite database or cannot be opened. Opening creates no file when
    // it fails.
    static core::Result<std::unique_ptr<Database>> open(std::string_view url);

    // As above, with explicit pool settings.
    static core::Result<std::unique_ptr<Database>> open(std::string_view url,
                                                        const OpenOptions& options);

    virtual Backend backend() const noexcept = 0;

    // The URL with any password removed, for logs and messages.
    virtual std::string display_url() const = 0;

    // Runs `fn` in one transaction; see the invariants above for commit, rollback and retry.
    virtual core::Result<void> transact(TxnMode mode, const TxnFunction& fn) = 0;

protected:
    Database() = default;
};

}  // namespace bo::store
