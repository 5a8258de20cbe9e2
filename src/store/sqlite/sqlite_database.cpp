#include "store/sqlite/sqlite_database.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sqlite3.h>

#include "store/pool.hpp"
#include "store/txn_support.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bo::store::sqlite {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::array<char, 16> sqlite_header = {
    'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};

// The text after "…: " in an SQLite constraint message ("UNIQUE constraint failed: t.a").
std::string constraint_detail(const char* message) {
    std::string_view text = message == nullptr ? std::string_view() : std::string_view(message);
    std::size_t colon = text.find(": ");
    return colon == std::string_view::npos ? std::string() : std::string(text.substr(colon + 2));
}

// Maps an SQLite result code to our Error; constraint messages name the columns, never SQL.
Error map_error(sqlite3* db, int code, Transience& transience) {
    transience = Transience::permanent;
    const char* message = db == nullptr ? sqlite3_errstr(code) : sqlite3_errmsg(db);
    switch (code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return Error(ErrorCode::conflict,
                         "unique constraint violated: a row with the same key already exists ("
                             + constraint_detail(message) + ")");
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return Error(ErrorCode::conflict,
                         "foreign key constraint violated: the referenced row does not exist or "
                         "is still referenced");
        case SQLITE_CONSTRAINT_CHECK:
            return Error(ErrorCode::invalid_argument, "check constraint violated");
        case SQLITE_CONSTRAINT_NOTNULL:
            return Error(ErrorCode::invalid_argument,
                         "not-null constraint violated (" + constraint_detail(message) + ")");
        default:
            break;
    }
    switch (code & 0xFF) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            transience = Transience::transient;
            return Error(ErrorCode::unavailable, std::string("sqlite: ") + message);
        case SQLITE_READONLY:
            return Error(ErrorCode::internal,
                         std::string("write refused in a read-only transaction: ") + message);
        case SQLITE_FULL:
            return Error(ErrorCode::unavailable, "sqlite: the disk is full");
        case SQLITE_CONSTRAINT:
            return Error(ErrorCode::invalid_argument, "constraint violated");
        default:
            return Error(ErrorCode::internal, std::string("sqlite: ") + message);
    }
}

Error map_error(sqlite3* db, int code) {
    Transience ignored = Transience::permanent;
    return map_error(db, code, ignored);
}

// A prepared statement and how its placeholders map to parameter numbers.
struct Statement {
    sqlite3_stmt* handle = nullptr;
    std::vector<std::size_t> numbers;  // numbers[i] = N of "$N" at bind index i + 1
};

struct StringHash {
    using is_transparent = void;

    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

// Parses "$N" (N ≥ 1, no leading zero); 0 when the name is anything else.
std::size_t placeholder_number(const char* name) {
    if (name == nullptr || name[0] != '$' || name[1] < '1' || name[1] > '9') {
        return 0;
    }
    std::size_t number = 0;
    for (const char* digit = name + 1; *digit != '\0'; ++digit) {
        if (*digit < '0' || *digit > '9' || number > statement_params_max) {
            return 0;
        }
        number = number * 10 + static_cast<std::size_t>(*digit - '0');
    }
    return number <= statement_params_max ? number : 0;
}

bool only_blanks(const char* text) {
    for (; *text != '\0'; ++text) {
        if (std::strchr(" \t\r\n;", *text) == nullptr) {
            return false;
        }
    }
    return true;
}

// One SQLite connection and its statement cache. Used by one thread at a time (pool lease).
class Connection {
public:
    explicit Connection(sqlite3* db) : db_(db) {}

    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    ~Connection() {
        clear_cache();
        sqlite3_close_v2(db_);
    }

    sqlite3* db() const noexcept { return db_; }

    int exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

    // The cached statement for `sql`, prepared on first use.
    core::Result<Statement*> prepare(std::string_view sql, Transience& transience) {
        transience = Transience::permanent;
        if (auto found = cache_.find(sql); found != cache_.end()) {
            return &found->second;
        }
        if (cache_.size() >= statement_cache_entries_max) {
            clear_cache();
        }
        sqlite3_stmt* handle = nullptr;
        const char* tail = nullptr;
        int code = sqlite3_prepare_v3(db_,
                                      sql.data(),
                                      static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT,
                                      &handle,
                                      &tail);
        if (code != SQLITE_OK) {
            return map_error(db_, code, transience);
        }
        if (handle == nullptr) {
            return Error(ErrorCode::internal, "empty SQL statement");
        }
        std::string rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
        if (!only_blanks(rest.c_str())) {
            sqlite3_finalize(handle);
            return Error(ErrorCode::internal,
                         "SQL text holds more than one statement; use execute_script");
        }
        core::Result<std::vector<std::size_t>> numbers = placeholders(handle);
        if (!numbers.ok()) {
            sqlite3_finalize(handle);
            return std::move(numbers).error();
        }
        auto [entry, inserted] =
            cache_.emplace(std::string(sql), Statement{handle, std::move(numbers).value()});
        BO_ASSERT(inserted);
        return &entry->second;
    }

private:
    // Every placeholder must be $N, and $1..$max must all occur (PostgreSQL's rule).
    static core::Result<std::vector<std::size_t>> placeholders(sqlite3_stmt* handle) {
        int count = sqlite3_bind_parameter_count(handle);
        std::vector<std::size_t> numbers;
        std::size_t number_max = 0;
        for (int index = 1; index <= count; ++index) {
            const char* name = sqlite3_bind_parameter_name(handle, index);
            std::size_t number = placeholder_number(name);
            if (number == 0) {
                return Error(ErrorCode::internal,
                             std::string("placeholder '") + (name == nullptr ? "?" : name)
                                 + "' is not supported; use $1..$n");
            }
            numbers.push_back(number);
            number_max = std::max(number_max, number);
        }
        if (number_max != numbers.size()) {
            return Error(ErrorCode::internal,
                         "placeholders must be $1..$n without gaps (highest is $"
                             + std::to_string(number_max) + ")");
        }
        return numbers;
    }

    void clear_cache() {
        for (auto& entry : cache_) {
            sqlite3_finalize(entry.second.handle);
        }
        cache_.clear();
    }

    sqlite3* db_;
    std::unordered_map<std::string, Statement, StringHash, std::equal_to<>> cache_;
};

// Resets a statement and drops its bindings (which point into the caller's Values).
class StatementUse {
public:
    explicit StatementUse(sqlite3_stmt* handle) : handle_(handle) {}

    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;

    ~StatementUse() {
        sqlite3_reset(handle_);
        sqlite3_clear_bindings(handle_);
    }

private:
    sqlite3_stmt* handle_;
};

int bind_value(sqlite3_stmt* handle, int index, const Value& value) {
    if (const auto* number = std::get_if<std::int64_t>(&value)) {
        return sqlite3_bind_int64(handle, index, *number);
    }
    if (const auto* text = std::get_if<std::string>(&value)) {
        return sqlite3_bind_text64(
            handle, index, text->data(), text->size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (const auto* blob = std::get_if<Blob>(&value)) {
        if (blob->bytes.empty()) {
            return sqlite3_bind_zeroblob(handle, index, 0);
        }
        return sqlite3_bind_blob64(
            handle, index, blob->bytes.data(), blob->bytes.size(), SQLITE_STATIC);
    }
    return sqlite3_bind_null(handle, index);
}

core::Result<Value> read_cell(sqlite3_stmt* handle, int column) {
    switch (sqlite3_column_type(handle, column)) {
        case SQLITE_INTEGER:
            return Value(std::int64_t{sqlite3_column_int64(handle, column)});
        case SQLITE_TEXT: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(handle, column));
            auto size = static_cast<std::size_t>(sqlite3_column_bytes(handle, column));
            return Value(std::string(text, size));
        }
        case SQLITE_BLOB: {
            const auto* bytes =
                static_cast<const std::uint8_t*>(sqlite3_column_blob(handle, column));
            auto size = static_cast<std::size_t>(sqlite3_column_bytes(handle, column));
            Blob blob;
            if (size > 0) {
                blob.bytes.assign(bytes, bytes + size);
            }
            return Value(std::move(blob));
        }
        case SQLITE_NULL:
            return Value(Null{});
        default:
            return Error(ErrorCode::internal,
                         "column " + std::to_string(column)
                             + " holds a floating-point value; our schema stores integers only");
    }
}

class SqliteTxn final : public Txn {
public:
    explicit SqliteTxn(Connection& connection) : connection_(connection) {}

    core::Result<Rows> query(std::string_view sql, Params params) override {
        BO_TRY_ASSIGN(Statement * statement, start(sql, params));
        StatementUse use(statement->handle);
        Rows rows;
        int columns = sqlite3_column_count(statement->handle);
        for (;;) {
            int code = sqlite3_step(statement->handle);
            if (code == SQLITE_DONE) {
                return rows;
            }
            if (code != SQLITE_ROW) {
                return fail(code);
            }
            std::vector<Value> cells;
            cells.reserve(static_cast<std::size_t>(columns));
            for (int column = 0; column < columns; ++column) {
                core::Result<Value> cell = read_cell(statement->handle, column);
                if (!cell.ok()) {
                    return failure_.record(std::move(cell).error(), Transience::permanent);
                }
                cells.push_back(std::move(cell).value());
            }
            rows.emplace_back(std::move(cells));
        }
    }

    core::Result<std::int64_t> execute(std::string_view sql, Params params) override {
        BO_TRY_ASSIGN(Statement * statement, start(sql, params));
        StatementUse use(statement->handle);
        BO_TRY(step_to_end(statement->handle));
        return std::int64_t{sqlite3_changes64(connection_.db())};
    }

    core::Result<void> execute_batch(std::string_view sql,
                                     std::span<const std::vector<Value>> rows) override {
        BO_TRY(failure_.check());
        if (rows.size() > batch_rows_max) {
            return failure_.record(Error(ErrorCode::limit_exceeded,
                                         "a batch holds at most " + std::to_string(batch_rows_max)
                                             + " rows, got " + std::to_string(rows.size())),
                                   Transience::permanent);
        }
        for (const std::vector<Value>& row : rows) {
            BO_TRY_ASSIGN(Statement * statement, start(sql, row));
            StatementUse use(statement->handle);
            BO_TRY(step_to_end(statement->handle));
        }
        return core::ok();
    }

    core::Result<void> execute_script(std::string_view sql) override {
        BO_TRY(failure_.check());
        std::string text(sql);
        int code = connection_.exec(text.c_str());
        if (code != SQLITE_OK) {
            return fail(sqlite3_extended_errcode(connection_.db()));
        }
        return core::ok();
    }

    Backend backend() const noexcept override { return Backend::sqlite; }

    const TxnFailure& failure() const noexcept { return failure_; }

private:
    // Checks, prepares and binds; the statement is ready to step.
    core::Result<Statement*> start(std::string_view sql, Params params) {
        BO_TRY(failure_.check());
        core::Result<void> checked = check_params(params);
        if (!checked.ok()) {
            return failure_.record(std::move(checked).error(), Transience::permanent);
        }
        Transience transience = Transience::permanent;
        core::Result<Statement*> prepared = connection_.prepare(sql, transience);
        if (!prepared.ok()) {
            return failure_.record(std::move(prepared).error(), transience);
        }
        Statement* statement = prepared.value();
        std::size_t expected = statement->numbers.size();
        if (params.size() != expected) {
            return failure_.record(
                Error(ErrorCode::internal,
                      "statement takes " + std::to_string(expected) + " parameters, "
                          + std::to_string(params.size()) + " given"),
                Transience::permanent);
        }
        for (std::size_t index = 0; index < expected; ++index) {
            int code = bind_value(statement->handle,
                                  static_cast<int>(index + 1),
                                  params[statement->numbers[index] - 1]);
            if (code != SQLITE_OK) {
                return fail(code);
            }
        }
        return statement;
    }

    core::Result<void> step_to_end(sqlite3_stmt* handle) {
        for (;;) {
            int code = sqlite3_step(handle);
            if (code == SQLITE_DONE) {
                return core::ok();
            }
            if (code != SQLITE_ROW) {
                return fail(code);
            }
        }
    }

    Error fail(int code) {
        Transience transience = Transience::permanent;
        Error error = map_error(connection_.db(), code, transience);
        return failure_.record(std::move(error), transience);
    }

    Connection& connection_;
    TxnFailure failure_;
};

// Runs one pragma-like statement; ok or the mapped error with `context`.
core::Result<void> run(sqlite3* db, const char* sql, std::string_view context) {
    int code = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (code != SQLITE_OK) {
        return map_error(db, sqlite3_extended_errcode(db)).with_context(context);
    }
    return core::ok();
}

// The first column of the first row of `sql` as text ("" when none).
std::string scalar_text(sqlite3* db, const char* sql) {
    sqlite3_stmt* handle = nullptr;
    std::string text;
    if (sqlite3_prepare_v2(db, sql, -1, &handle, nullptr) == SQLITE_OK
        && sqlite3_step(handle) == SQLITE_ROW) {
        const unsigned char* cell = sqlite3_column_text(handle, 0);
        text = cell == nullptr ? "" : reinterpret_cast<const char*>(cell);
    }
    sqlite3_finalize(handle);
    return text;
}

enum class Role { writer, reader, memory };

// Opens one connection and applies the pragmas of its role.
core::Result<std::unique_ptr<Connection>> open_connection(const std::string& filename,
                                                          const std::string& shown,
                                                          Role role) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (role != Role::reader) {
        flags |= SQLITE_OPEN_CREATE;
    }
    sqlite3* db = nullptr;
    int code = sqlite3_open_v2(filename.c_str(), &db, flags, nullptr);
    auto connection = std::make_unique<Connection>(db);  // closes db on every path
    if (code != SQLITE_OK) {
        return map_error(db, code).with_context("cannot open " + shown);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, sqlite_busy_timeout_ms);
    if (role == Role::writer) {
        if (scalar_text(db, "PRAGMA journal_mode=WAL") != "wal") {
            return Error(ErrorCode::unavailable,
                         "cannot switch " + shown
                             + " to WAL mode (is it on a network file system, or locked?)");
        }
        if (sqlite3_db_readonly(db, "main") == 1) {
            return Error(ErrorCode::invalid_argument,
                         shown + " is read-only; it needs write access");
        }
    }
    BO_TRY(run(db, "PRAGMA synchronous=FULL", shown));
    BO_TRY(run(db, "PRAGMA foreign_keys=ON", shown));
    if (role == Role::reader) {
        BO_TRY(run(db, "PRAGMA query_only=1", shown));
    }
    BO_TRY(run(db, "SELECT count(*) FROM sqlite_schema", shown));
    return connection;
}

// What open found (and did) on the file system, so that a failed open can undo it.
struct Footprint {
    bool file_existed = false;
    std::string created_directory;  // empty unless open created it
};

std::string errno_text(int number) {
    return std::strerror(number);
}  // NOLINT(concurrency-mt-unsafe)

// An existing file must be empty or start with the SQLite header; read-only, nothing written.
core::Result<void> check_existing_file(const std::string& path, const struct stat& status) {
    if (S_ISDIR(status.st_mode)) {
        return Error(ErrorCode::invalid_argument,
                     path + " is a directory, not an SQLite database file");
    }
    if (!S_ISREG(status.st_mode)) {
        return Error(ErrorCode::invalid_argument, path + " is not a regular file");
    }
    int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // NOLINT: POSIX vararg
    if (descriptor < 0) {
        return Error(ErrorCode::invalid_argument, "cannot read " + path + ": " + errno_text(errno));
    }
    std::array<char, sqlite_header.size()> header{};
    ssize_t size = ::read(descriptor, header.data(), header.size());
    int read_errno = errno;
    ::close(descriptor);
    if (size < 0) {
        return Error(ErrorCode::invalid_argument,
                     "cannot read " + path + ": " + errno_text(read_errno));
    }
    if (size == 0) {
        return core::ok();  // SQLite treats an empty file as an empty database
    }
    if (static_cast<std::size_t>(size) < header.size() || header != sqlite_header) {
        return Error(ErrorCode::invalid_argument, path + " is not an SQLite database");
    }
    return core::ok();
}

// Checks the path before SQLite sees it. A missing final directory level is created when its
// parent exists (so `sqlite:data/bo.db` works on a fresh checkout); deeper gaps are errors.
core::Result<Footprint> check_path(const std::string& path) {
    Footprint footprint;

    struct stat status {};

    if (::stat(path.c_str(), &status) == 0) {
        footprint.file_existed = true;
        BO_TRY(check_existing_file(path, status));
        return footprint;
    }
    if (errno != ENOENT) {
        return Error(ErrorCode::invalid_argument,
                     "cannot access " + path + ": " + errno_text(errno));
    }
    std::filesystem::path directory = std::filesystem::path(path).parent_path();
    if (directory.empty()) {
        return footprint;  // the working directory
    }
    if (::stat(directory.c_str(), &status) == 0) {
        if (!S_ISDIR(status.st_mode)) {
            return Error(ErrorCode::invalid_argument, directory.string() + " is not a directory");
        }
        return footprint;
    }
    int directory_errno = errno;
    std::filesystem::path grandparent = directory.parent_path();

    struct stat parent_status {};

    bool parent_ok =
        grandparent.empty()
        || (::stat(grandparent.c_str(), &parent_status) == 0 && S_ISDIR(parent_status.st_mode));
    if (directory_errno != ENOENT || !parent_ok) {
        return Error(ErrorCode::invalid_argument,
                     "directory " + directory.string() + " does not exist");
    }
    if (::mkdir(directory.c_str(), 0750) != 0) {
        return Error(ErrorCode::invalid_argument,
                     "cannot create directory " + directory.string() + ": " + errno_text(errno));
    }
    footprint.created_directory = directory.string();
    return footprint;
}

// Removes what a failed open created; never touches a file that existed before.
void undo(const std::string& path, const Footprint& footprint) {
    if (!footprint.file_existed) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            ::unlink((path + suffix).c_str());
        }
    }
    if (!footprint.created_directory.empty()) {
        ::rmdir(footprint.created_directory.c_str());
    }
}

class SqliteDatabase final : public Database {
public:
    using Pool = ConnectionPool<Connection>;

    SqliteDatabase(const DatabaseUrl& url,
                   const OpenOptions& options,
                   std::unique_ptr<Connection> writer)
        : display_(url.display),
          filename_(url.sqlite_path),
          first_writer_(std::move(writer)),
          writer_(1, options.pool_wait_ms, [this] { return open_writer(); }) {
        if (!url.sqlite_memory) {
            readers_ =
                std::make_unique<Pool>(options.pool_connections, options.pool_wait_ms, [this] {
                    return open_connection(filename_, filename_, Role::reader);
                });
        }
    }

    Backend backend() const noexcept override { return Backend::sqlite; }

    std::string display_url() const override { return display_; }

    core::Result<void> transact(TxnMode mode, const TxnFunction& fn) override {
        bool on_reader = mode == TxnMode::read_only && readers_ != nullptr;
        Pool& pool = on_reader ? *readers_ : writer_;
        return run_with_retries([&](int) { return attempt(pool, mode, fn); });
    }

private:
    core::Result<std::unique_ptr<Connection>> open_writer() {
        if (first_writer_ != nullptr) {
            return std::move(first_writer_);
        }
        return open_connection(filename_.empty() ? ":memory:" : filename_,
                               display_,
                               filename_.empty() ? Role::memory : Role::writer);
    }

    AttemptOutcome attempt(Pool& pool, TxnMode mode, const TxnFunction& fn) {
        core::Result<Pool::Lease> leased = pool.acquire();
        if (!leased.ok()) {
            return {std::move(leased).error(), Transience::permanent};
        }
        Pool::Lease lease = std::move(leased).value();
        sqlite3* db = lease->db();
        bool query_only = mode == TxnMode::read_only && &pool == &writer_;
        const char* begin = mode == TxnMode::read_only ? "BEGIN" : "BEGIN IMMEDIATE";
        if (query_only) {
            lease->exec("PRAGMA query_only=1");
        }
        int code = lease->exec(begin);
        if (code != SQLITE_OK) {
            Transience transience = Transience::permanent;
            Error error = map_error(db, sqlite3_extended_errcode(db), transience);
            finish(lease, query_only);
            return {std::move(error), transience};
        }
        SqliteTxn txn(*lease);
        core::Result<void> result = fn(txn);
        Transience transience =
            txn.failure().transient() ? Transience::transient : Transience::permanent;
        if (result.ok() && txn.failure().failed()) {
            result = txn.failure().check();  // the callback ignored a failed statement
        }
        if (result.ok()) {
            code = lease->exec("COMMIT");
            if (code != SQLITE_OK) {
                result = map_error(db, sqlite3_extended_errcode(db), transience);
            }
        }
        if (!result.ok()) {
            lease->exec("ROLLBACK");
        }
        finish(lease, query_only);
        return {std::move(result), transience};
    }

    // Restores the connection's resting state; a connection stuck inside a transaction is
    // dropped rather than handed to the next caller.
    static void finish(Pool::Lease& lease, bool query_only) {
        if (query_only) {
            lease->exec("PRAGMA query_only=0");
        }
        if (sqlite3_get_autocommit(lease->db()) == 0) {
            lease.mark_broken();
        }
    }

    std::string display_;
    std::string filename_;  // empty for memory
    std::unique_ptr<Connection> first_writer_;
    Pool writer_;
    std::unique_ptr<Pool> readers_;
};

}  // namespace

core::Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, const OpenOptions& options) {
    if (url.sqlite_memory) {
        BO_TRY_ASSIGN(auto writer, open_connection(":memory:", url.display, Role::memory));
        return std::unique_ptr<Database>(
            std::make_unique<SqliteDatabase>(url, options, std::move(writer)));
    }
    const std::string& path = url.sqlite_path;
    BO_TRY_ASSIGN(Footprint footprint, check_path(path));
    core::Result<std::unique_ptr<Connection>> writer = open_connection(path, path, Role::writer);
    if (!writer.ok()) {
        undo(path, footprint);
        return std::move(writer).error();
    }
    return std::unique_ptr<Database>(
        std::make_unique<SqliteDatabase>(url, options, std::move(writer).value()));
}

}  // namespace bo::store::sqlite
