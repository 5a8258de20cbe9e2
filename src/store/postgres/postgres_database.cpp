#include "store/postgres/postgres_database.hpp"

#include <array>
#include <charconv>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <libpq-fe.h>

#include "store/pool.hpp"
#include "store/txn_support.hpp"

namespace bo::store::postgres {
namespace {

using core::Error;
using core::ErrorCode;

// Type OIDs from PostgreSQL's pg_type.dat; stable across versions.
constexpr Oid bool_oid = 16;
constexpr Oid bytea_oid = 17;
constexpr Oid int8_oid = 20;
constexpr Oid int2_oid = 21;
constexpr Oid int4_oid = 23;
constexpr Oid oid_oid = 26;
constexpr Oid float4_oid = 700;
constexpr Oid float8_oid = 701;
constexpr Oid numeric_oid = 1700;

struct ResultDeleter {
    void operator()(PGresult* result) const noexcept { PQclear(result); }
};

using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// A libpq message on one line: newlines and tabs become spaces, trailing blanks go.
std::string one_line(const char* message) {
    std::string text = message == nullptr ? std::string() : std::string(message);
    for (char& c : text) {
        if (c == '\n' || c == '\t' || c == '\r') {
            c = ' ';
        }
    }
    while (!text.empty() && text.back() == ' ') {
        text.pop_back();
    }
    return text;
}

std::string field(const PGresult* result, int code) {
    const char* value = PQresultErrorField(result, code);
    return value == nullptr ? std::string() : std::string(value);
}

// How one failed command is reported, and what it means for the transaction and connection.
struct Failure {
    Error error;
    Transience transience = Transience::permanent;
    bool broken = false;
};

// Maps a failed command to our Error; constraint messages name the constraint, never SQL
// text or the offending values (PostgreSQL's DETAIL carries those and is left out).
Failure map_failure(PGconn* conn, const PGresult* result) {
    bool broken = PQstatus(conn) != CONNECTION_OK;
    std::string state = result == nullptr ? std::string() : field(result, PG_DIAG_SQLSTATE);
    if (state.empty()) {
        Error error(ErrorCode::unavailable,
                    "PostgreSQL connection failed: " + one_line(PQerrorMessage(conn)));
        return {error, broken ? Transience::transient : Transience::permanent, broken};
    }
    std::string primary = field(result, PG_DIAG_MESSAGE_PRIMARY);
    std::string constraint = field(result, PG_DIAG_CONSTRAINT_NAME);
    auto make = [&](ErrorCode code, std::string message) {
        return Failure{Error(code, std::move(message)), Transience::permanent, broken};
    };
    if (state == "23505") {
        return make(ErrorCode::conflict,
                    "unique constraint violated: a row with the same key already exists ("
                        + constraint + ")");
    }
    if (state == "23503") {
        return make(ErrorCode::conflict,
                    "foreign key constraint violated: the referenced row does not exist or is "
                    "still referenced ("
                        + constraint + ")");
    }
    if (state == "23514") {
        return make(ErrorCode::invalid_argument, "check constraint violated (" + constraint + ")");
    }
    if (state == "23502") {
        return make(ErrorCode::invalid_argument,
                    "not-null constraint violated (" + field(result, PG_DIAG_TABLE_NAME) + "."
                        + field(result, PG_DIAG_COLUMN_NAME) + ")");
    }
    if (state == "40001" || state == "40P01") {
        return {
            Error(ErrorCode::unavailable, "postgres: " + primary), Transience::transient, broken};
    }
    if (state == "08P01" && !broken) {
        // A protocol violation on a healthy connection: the parameter count does not match
        // the statement, a bug in our SQL.
        return make(ErrorCode::internal, "postgres: " + primary);
    }
    if (state == "25006") {
        return make(ErrorCode::internal, "write refused in a read-only transaction: " + primary);
    }
    std::string_view klass = std::string_view(state).substr(0, 2);
    if (klass == "22" || klass == "23") {
        return make(ErrorCode::invalid_argument, "postgres: " + primary);
    }
    if (broken || klass == "53" || klass == "57" || klass == "08") {
        return {Error(ErrorCode::unavailable, "postgres: " + primary),
                broken ? Transience::transient : Transience::permanent,
                broken};
    }
    return make(ErrorCode::internal, "postgres: " + primary);
}

bool succeeded(const PGresult* result) {
    ExecStatusType status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

// Parameters in libpq's form. Text travels as is, int64 as decimal text typed int8 (so that
// `SELECT $1` answers an integer on both engines), blobs in binary typed bytea.
class Encoded {
public:
    explicit Encoded(Params params) {
        std::size_t count = params.size();
        numbers_.resize(count);
        types_.resize(count, 0);
        values_.resize(count, nullptr);
        lengths_.resize(count, 0);
        formats_.resize(count, 0);
        signature_.assign(count, 'u');
        for (std::size_t index = 0; index < count; ++index) {
            encode(index, params[index]);
        }
    }

    int count() const noexcept { return static_cast<int>(values_.size()); }

    const Oid* types() const noexcept { return types_.data(); }

    const char* const* values() const noexcept { return values_.data(); }

    const int* lengths() const noexcept { return lengths_.data(); }

    const int* formats() const noexcept { return formats_.data(); }

    // One letter per parameter type; part of the statement cache key.
    const std::string& signature() const noexcept { return signature_; }

private:
    void encode(std::size_t index, const Value& value) {
        if (const auto* number = std::get_if<std::int64_t>(&value)) {
            auto& buffer = numbers_[index];
            auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size() - 1, *number);
            *written.ptr = '\0';
            values_[index] = buffer.data();
            types_[index] = int8_oid;
            signature_[index] = 'i';
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            values_[index] = text->c_str();
        } else if (const auto* blob = std::get_if<Blob>(&value)) {
            static constexpr char empty[] = "";
            values_[index] =
                blob->bytes.empty() ? empty : reinterpret_cast<const char*>(blob->bytes.data());
            lengths_[index] = static_cast<int>(blob->bytes.size());
            formats_[index] = 1;
            types_[index] = bytea_oid;
            signature_[index] = 'b';
        }
    }

    std::vector<std::array<char, 24>> numbers_;
    std::vector<Oid> types_;
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
    std::string signature_;
};

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// bytea in PostgreSQL's hex output format: "\x0a1b…".
core::Result<Value> decode_bytea(std::string_view text) {
    if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0) {
        return Error(ErrorCode::internal, "bytea value is not in hex format (set bytea_output)");
    }
    Blob blob;
    blob.bytes.reserve((text.size() - 2) / 2);
    for (std::size_t index = 2; index < text.size(); index += 2) {
        int high = hex_digit(text[index]);
        int low = hex_digit(text[index + 1]);
        if (high < 0 || low < 0) {
            return Error(ErrorCode::internal, "bytea value holds a non-hex digit");
        }
        blob.bytes.push_back(static_cast<std::uint8_t>(high * 16 + low));
    }
    return Value(std::move(blob));
}

core::Result<Value> decode_integer(std::string_view text) {
    std::int64_t number = 0;
    auto [end, code] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (code != std::errc() || end != text.data() + text.size()) {
        return Error(ErrorCode::internal,
                     "value '" + std::string(text) + "' is not an integer within int64");
    }
    return Value(number);
}

// One cell from its text form, by column type: integers (and NUMERIC without a fraction, what
// SUM(bigint) returns) become int64, booleans 0/1, bytea a Blob, floats an error, else text.
core::Result<Value> decode(Oid type, std::string_view text) {
    switch (type) {
        case int2_oid:
        case int4_oid:
        case int8_oid:
        case oid_oid:
        case numeric_oid:
            return decode_integer(text);
        case bool_oid:
            return Value(std::int64_t{text == "t" ? 1 : 0});
        case bytea_oid:
            return decode_bytea(text);
        case float4_oid:
        case float8_oid:
            return Error(ErrorCode::internal,
                         "a column holds a floating-point value; our schema stores integers only");
        default:
            return Value(std::string(text));
    }
}

core::Result<Rows> read_rows(const PGresult* result) {
    int row_count = PQntuples(result);
    int column_count = PQnfields(result);
    Rows rows;
    rows.reserve(static_cast<std::size_t>(row_count));
    for (int row = 0; row < row_count; ++row) {
        std::vector<Value> cells;
        cells.reserve(static_cast<std::size_t>(column_count));
        for (int column = 0; column < column_count; ++column) {
            if (PQgetisnull(result, row, column) == 1) {
                cells.emplace_back(Null{});
                continue;
            }
            std::string_view text(PQgetvalue(result, row, column),
                                  static_cast<std::size_t>(PQgetlength(result, row, column)));
            BO_TRY_ASSIGN(Value cell, decode(PQftype(result, column), text));
            cells.push_back(std::move(cell));
        }
        rows.emplace_back(std::move(cells));
    }
    return rows;
}

struct StringHash {
    using is_transparent = void;

    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

void discard_notice(void* /*context*/, const char* /*message*/) {}

// One libpq connection and its prepared statements. Used by one thread at a time (a lease).
class Connection {
public:
    explicit Connection(PGconn* conn) : conn_(conn) {
        PQsetNoticeProcessor(conn_, discard_notice, nullptr);
    }

    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    ~Connection() { PQfinish(conn_); }

    PGconn* conn() const noexcept { return conn_; }

    ResultPtr exec(const char* sql) { return ResultPtr(PQexec(conn_, sql)); }

    bool healthy() const {
        return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
    }

    // The name of the statement prepared for `sql` with these parameter types; prepares it on
    // first use. On failure the result of PQprepare, for the caller to map.
    std::variant<const std::string*, ResultPtr> prepare(std::string_view sql,
                                                        const Encoded& params) {
        std::string key = params.signature() + '\x1f' + std::string(sql);
        if (auto found = cache_.find(key); found != cache_.end()) {
            return &found->second;
        }
        if (cache_.size() >= statement_cache_entries_max) {
            ResultPtr cleared = exec("DEALLOCATE ALL");
            if (!succeeded(cleared.get())) {
                return cleared;
            }
            cache_.clear();
        }
        std::string name = "bo_" + std::to_string(next_statement_++);
        std::string text(sql);
        ResultPtr prepared(
            PQprepare(conn_, name.c_str(), text.c_str(), params.count(), params.types()));
        if (!succeeded(prepared.get())) {
            return prepared;
        }
        auto [entry, inserted] = cache_.emplace(std::move(key), std::move(name));
        BO_ASSERT(inserted);
        return &entry->second;
    }

private:
    PGconn* conn_;
    std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> cache_;
    std::uint64_t next_statement_ = 0;
};

class PgTxn final : public Txn {
public:
    explicit PgTxn(Connection& connection) : connection_(connection) {}

    core::Result<Rows> query(std::string_view sql, Params params) override {
        BO_TRY_ASSIGN(ResultPtr result, run(sql, params));
        core::Result<Rows> rows = read_rows(result.get());
        if (!rows.ok()) {
            return failure_.record(std::move(rows).error(), Transience::permanent);
        }
        return rows;
    }

    core::Result<std::int64_t> execute(std::string_view sql, Params params) override {
        BO_TRY_ASSIGN(ResultPtr result, run(sql, params));
        std::string_view tuples = PQcmdTuples(result.get());
        std::int64_t changed = 0;
        std::from_chars(tuples.data(), tuples.data() + tuples.size(), changed);
        return changed;
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
        for (std::size_t first = 0; first < rows.size(); first += pg_pipeline_chunk_rows) {
            std::size_t count = std::min(pg_pipeline_chunk_rows, rows.size() - first);
            BO_TRY(pipeline(sql, rows.subspan(first, count)));
        }
        return core::ok();
    }

    core::Result<void> execute_script(std::string_view sql) override {
        BO_TRY(failure_.check());
        std::string text(sql);
        ResultPtr result = connection_.exec(text.c_str());
        if (!succeeded(result.get())) {
            return fail(result.get());
        }
        return core::ok();
    }

    Backend backend() const noexcept override { return Backend::postgres; }

    const TxnFailure& failure() const noexcept { return failure_; }

    bool broken() const noexcept { return broken_; }

private:
    // Checks, prepares (once per connection) and runs one statement.
    core::Result<ResultPtr> run(std::string_view sql, Params params) {
        BO_TRY(failure_.check());
        core::Result<void> checked = check_params(params);
        if (!checked.ok()) {
            return failure_.record(std::move(checked).error(), Transience::permanent);
        }
        Encoded encoded(params);
        BO_TRY_ASSIGN(const std::string* name, prepare(sql, encoded));
        ResultPtr result(PQexecPrepared(connection_.conn(),
                                        name->c_str(),
                                        encoded.count(),
                                        encoded.values(),
                                        encoded.lengths(),
                                        encoded.formats(),
                                        0));
        if (!succeeded(result.get())) {
            return fail(result.get());
        }
        return result;
    }

    core::Result<const std::string*> prepare(std::string_view sql, const Encoded& encoded) {
        auto prepared = connection_.prepare(sql, encoded);
        if (auto* failed = std::get_if<ResultPtr>(&prepared)) {
            return fail(failed->get());
        }
        return std::get<const std::string*>(prepared);
    }

    // Sends `rows` in pipeline mode, then reads every result; fails on the first error.
    core::Result<void> pipeline(std::string_view sql, std::span<const std::vector<Value>> rows) {
        std::vector<Encoded> encoded;
        std::vector<const std::string*> names;
        encoded.reserve(rows.size());
        for (const std::vector<Value>& row : rows) {
            core::Result<void> checked = check_params(row);
            if (!checked.ok()) {
                return failure_.record(std::move(checked).error(), Transience::permanent);
            }
            encoded.emplace_back(row);
            BO_TRY_ASSIGN(const std::string* name, prepare(sql, encoded.back()));
            names.push_back(name);
        }
        PGconn* conn = connection_.conn();
        if (PQenterPipelineMode(conn) != 1) {
            return fail(nullptr);
        }
        for (std::size_t index = 0; index < encoded.size(); ++index) {
            const Encoded& params = encoded[index];
            if (PQsendQueryPrepared(conn,
                                    names[index]->c_str(),
                                    params.count(),
                                    params.values(),
                                    params.lengths(),
                                    params.formats(),
                                    0)
                != 1) {
                broken_ = true;  // the pipeline is in an unknown state
                return fail(nullptr);
            }
        }
        if (PQpipelineSync(conn) != 1) {
            broken_ = true;
            return fail(nullptr);
        }
        return collect(encoded.size());
    }

    // Reads `count` query results and the sync; leaves pipeline mode.
    core::Result<void> collect(std::size_t count) {
        PGconn* conn = connection_.conn();
        std::optional<Error> first_error;
        for (std::size_t index = 0; index < count; ++index) {
            ResultPtr result(PQgetResult(conn));
            if (result == nullptr) {
                broken_ = true;
                return fail(nullptr);
            }
            if (!first_error.has_value() && PQresultStatus(result.get()) != PGRES_COMMAND_OK
                && PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
                first_error = fail(result.get());
            }
            ResultPtr end(PQgetResult(conn));  // each query's results end with a null
            if (end != nullptr) {
                broken_ = true;
                return first_error.has_value() ? *first_error : fail(nullptr);
            }
        }
        ResultPtr sync(PQgetResult(conn));
        if (sync == nullptr || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC
            || PQexitPipelineMode(conn) != 1) {
            broken_ = true;
            return first_error.has_value() ? *first_error : fail(nullptr);
        }
        if (first_error.has_value()) {
            return *first_error;
        }
        return core::ok();
    }

    Error fail(const PGresult* result) {
        Failure failure = map_failure(connection_.conn(), result);
        broken_ = broken_ || failure.broken;
        return failure_.record(std::move(failure.error), failure.transience);
    }

    Connection& connection_;
    TxnFailure failure_;
    bool broken_ = false;
};

const char* begin_statement(TxnMode mode) {
    switch (mode) {
        case TxnMode::read_only:
            return "BEGIN READ ONLY";
        case TxnMode::read_write:
            return "BEGIN";
        case TxnMode::serializable:
            return "BEGIN ISOLATION LEVEL SERIALIZABLE";
    }
    return "BEGIN";
}

core::Result<std::unique_ptr<Connection>> connect(const DatabaseUrl& url) {
    std::string timeout = std::to_string(pg_connect_timeout_s);
    // Later entries override earlier ones, so the URL's own settings win over our defaults.
    std::array<const char*, 4> keywords = {
        "connect_timeout", "application_name", "dbname", nullptr};
    std::array<const char*, 4> values = {
        timeout.c_str(), "backoffice", url.pg_conninfo.c_str(), nullptr};
    PGconn* conn = PQconnectdbParams(keywords.data(), values.data(), 1);
    if (conn == nullptr) {
        return Error(ErrorCode::unavailable, "cannot allocate a PostgreSQL connection");
    }
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string reason = one_line(PQerrorMessage(conn));
        PQfinish(conn);
        return Error(ErrorCode::unavailable,
                     "cannot connect to PostgreSQL at " + url.pg_server + ": " + reason);
    }
    return std::make_unique<Connection>(conn);
}

class PgDatabase final : public Database {
public:
    using Pool = ConnectionPool<Connection>;

    PgDatabase(DatabaseUrl url, const OpenOptions& options, std::unique_ptr<Connection> first)
        : url_(std::move(url)),
          first_(std::move(first)),
          pool_(options.pool_connections, options.pool_wait_ms, [this] { return open_one(); }) {}

    Backend backend() const noexcept override { return Backend::postgres; }

    std::string display_url() const override { return url_.display; }

    core::Result<void> transact(TxnMode mode, const TxnFunction& fn) override {
        return run_with_retries([&](int) { return attempt(mode, fn); });
    }

private:
    core::Result<std::unique_ptr<Connection>> open_one() {
        {
            std::lock_guard lock(first_mutex_);
            if (first_ != nullptr) {
                return std::move(first_);
            }
        }
        return connect(url_);
    }

    AttemptOutcome attempt(TxnMode mode, const TxnFunction& fn) {
        core::Result<Pool::Lease> leased = pool_.acquire();
        if (!leased.ok()) {
            return {std::move(leased).error(), Transience::permanent};
        }
        Pool::Lease lease = std::move(leased).value();
        ResultPtr begun = lease->exec(begin_statement(mode));
        if (!succeeded(begun.get())) {
            Failure failure = map_failure(lease->conn(), begun.get());
            lease.mark_broken();  // a stale pooled connection; the retry opens a fresh one
            return {std::move(failure.error), failure.transience};
        }
        PgTxn txn(*lease);
        core::Result<void> result = fn(txn);
        Transience transience =
            txn.failure().transient() ? Transience::transient : Transience::permanent;
        if (result.ok() && txn.failure().failed()) {
            result = txn.failure().check();  // the callback ignored a failed statement
        }
        if (result.ok()) {
            AttemptOutcome committed = commit(*lease);
            result = std::move(committed.result);
            transience = committed.transience;
        } else if (!txn.broken()) {
            ResultPtr rolled_back = lease->exec("ROLLBACK");
        }
        if (txn.broken() || !lease->healthy()) {
            lease.mark_broken();
        }
        return {std::move(result), transience};
    }

    static AttemptOutcome commit(Connection& connection) {
        ResultPtr result = connection.exec("COMMIT");
        if (succeeded(result.get())) {
            if (std::string_view(PQcmdStatus(result.get())) == "COMMIT") {
                return {core::ok(), Transience::permanent};
            }
            return {Error(ErrorCode::internal, "the server rolled the transaction back"),
                    Transience::permanent};
        }
        Failure failure = map_failure(connection.conn(), result.get());
        if (failure.broken) {
            // The commit may or may not have happened; re-running could apply it twice.
            return {Error(ErrorCode::unavailable,
                          "PostgreSQL connection lost during COMMIT; the outcome is unknown: "
                              + failure.error.message()),
                    Transience::permanent};
        }
        return {std::move(failure.error), failure.transience};
    }

    DatabaseUrl url_;
    std::mutex first_mutex_;
    std::unique_ptr<Connection> first_;  // the connection open() made, until the pool takes it
    Pool pool_;
};

}  // namespace

core::Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, const OpenOptions& options) {
    BO_TRY_ASSIGN(auto first, connect(url));
    return std::unique_ptr<Database>(std::make_unique<PgDatabase>(url, options, std::move(first)));
}

}  // namespace bo::store::postgres
