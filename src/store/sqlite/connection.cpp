// Implementation of the SQLite connection and its Txn (see connection.hpp).
#include "store/sqlite/connection.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace bo::store::sqlite {

using core::Error;
using core::ErrorCode;

namespace {

// The text after "…: " in an SQLite constraint message ("UNIQUE constraint failed: t.a").
std::string constraint_detail(const char* message) {
    std::string_view text = message == nullptr ? std::string_view() : std::string_view(message);
    std::size_t colon = text.find(": ");
    return colon == std::string_view::npos ? std::string() : std::string(text.substr(colon + 2));
}

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
        constexpr std::size_t decimal_base = 10;
        number = number * decimal_base + static_cast<std::size_t>(*digit - '0');
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

// Every placeholder must be $N, and $1..$max must all occur (PostgreSQL's rule).
core::Result<std::vector<std::size_t>> placeholders(sqlite3_stmt* handle) {
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

// Appends the cell `column` of the current row to `cells`; false for a floating-point value.
// (Appending in place, rather than returning Result<Value>, also keeps GCC 12's
// -Wmaybe-uninitialized quiet about the variant under the sanitizers.)
bool append_cell(sqlite3_stmt* handle, int column, std::vector<Value>& cells) {
    switch (sqlite3_column_type(handle, column)) {
        case SQLITE_INTEGER:
            cells.emplace_back(std::int64_t{sqlite3_column_int64(handle, column)});
            return true;
        case SQLITE_TEXT: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(handle, column));
            auto size = static_cast<std::size_t>(sqlite3_column_bytes(handle, column));
            cells.emplace_back(std::string(text, size));
            return true;
        }
        case SQLITE_BLOB: {
            const auto* bytes =
                static_cast<const std::uint8_t*>(sqlite3_column_blob(handle, column));
            auto size = static_cast<std::size_t>(sqlite3_column_bytes(handle, column));
            Blob blob;
            if (size > 0) {
                blob.bytes.assign(bytes, bytes + size);
            }
            cells.emplace_back(std::move(blob));
            return true;
        }
        case SQLITE_NULL:
            cells.emplace_back(Null{});
            return true;
        default:
            return false;
    }
}

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

}  // namespace

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
    constexpr int primary_code_mask = 0xFF;  // an extended result code's primary code
    switch (code & primary_code_mask) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            transience = Transience::transient;
            return Error(ErrorCode::unavailable, std::string("sqlite: ") + message);
        case SQLITE_AUTH:
            return Error(ErrorCode::internal,
                         "transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE) is "
                         "not allowed inside a transact callback");
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

Connection::Connection(sqlite3* db) : db_(db) {
    if (db_ != nullptr) {
        sqlite3_set_authorizer(db_, &Connection::authorize, this);
    }
}

int Connection::authorize(void* self,
                          int action,
                          const char* /*detail1*/,
                          const char* /*detail2*/,
                          const char* /*database*/,
                          const char* /*trigger*/) {
    const auto* connection = static_cast<const Connection*>(self);
    bool control = action == SQLITE_TRANSACTION || action == SQLITE_SAVEPOINT;
    return connection->in_callback_ && control ? SQLITE_DENY : SQLITE_OK;
}

Connection::CallbackScope::CallbackScope(Connection& connection) : connection_(connection) {
    BO_ASSERT(!connection_.in_callback_);
    connection_.in_callback_ = true;
}

Connection::CallbackScope::~CallbackScope() {
    connection_.in_callback_ = false;
}

Connection::~Connection() {
    clear_cache();
    for (auto& entry : control_cache_) {
        sqlite3_finalize(entry.second);
    }
    sqlite3_close_v2(db_);
}

int Connection::control(std::string_view sql) {
    auto found = control_cache_.find(sql);
    if (found == control_cache_.end()) {
        sqlite3_stmt* handle = nullptr;
        int code = sqlite3_prepare_v3(db_,
                                      sql.data(),
                                      static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT,
                                      &handle,
                                      nullptr);
        if (code != SQLITE_OK) {
            return code;
        }
        BO_ASSERT(handle != nullptr);
        found = control_cache_.emplace(std::string(sql), handle).first;
    }
    int code = sqlite3_step(found->second);
    sqlite3_reset(found->second);
    return code == SQLITE_DONE || code == SQLITE_ROW ? SQLITE_OK : code;
}

core::Result<Statement*> Connection::prepare(std::string_view sql, Transience& transience) {
    transience = Transience::permanent;
    if (auto found = cache_.find(sql); found != cache_.end()) {
        return &found->second;
    }
    if (cache_.size() >= statement_cache_entries_max) {
        clear_cache();
    }
    sqlite3_stmt* handle = nullptr;
    const char* tail = nullptr;
    int code = sqlite3_prepare_v3(
        db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &handle, &tail);
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

void Connection::clear_cache() {
    for (auto& entry : cache_) {
        sqlite3_finalize(entry.second.handle);
    }
    cache_.clear();
}

core::Result<Rows> SqliteTxn::query(std::string_view sql, Params params) {
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
            if (!append_cell(statement->handle, column, cells)) {
                return failure_.record(
                    Error(ErrorCode::internal,
                          "column " + std::to_string(column)
                              + " holds a floating-point value; our schema stores integers only"),
                    Transience::permanent);
            }
        }
        rows.emplace_back(std::move(cells));
    }
}

core::Result<std::int64_t> SqliteTxn::execute(std::string_view sql, Params params) {
    BO_TRY_ASSIGN(Statement * statement, start(sql, params));
    StatementUse use(statement->handle);
    BO_TRY(step_to_end(statement->handle));
    return std::int64_t{sqlite3_changes64(connection_.db())};
}

core::Result<void> SqliteTxn::execute_batch(std::string_view sql,
                                            std::span<const std::vector<Value>> rows) {
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

core::Result<void> SqliteTxn::execute_script(std::string_view sql) {
    BO_TRY(failure_.check());
    std::string text(sql);
    int code = connection_.exec(text.c_str());
    if (code != SQLITE_OK) {
        return fail(sqlite3_extended_errcode(connection_.db()));
    }
    return core::ok();
}

core::Result<Statement*> SqliteTxn::start(std::string_view sql, Params params) {
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
        return failure_.record(Error(ErrorCode::internal,
                                     "statement takes " + std::to_string(expected) + " parameters, "
                                         + std::to_string(params.size()) + " given"),
                               Transience::permanent);
    }
    for (std::size_t index = 0; index < expected; ++index) {
        int code = bind_value(
            statement->handle, static_cast<int>(index + 1), params[statement->numbers[index] - 1]);
        if (code != SQLITE_OK) {
            return fail(code);
        }
    }
    return statement;
}

core::Result<void> SqliteTxn::step_to_end(sqlite3_stmt* handle) {
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

Error SqliteTxn::fail(int code) {
    Transience transience = Transience::permanent;
    Error error = map_error(connection_.db(), code, transience);
    return failure_.record(std::move(error), transience);
}

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

}  // namespace bo::store::sqlite
