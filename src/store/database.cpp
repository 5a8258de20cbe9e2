#include "store/database.hpp"

#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/url.hpp"

namespace bo::store {

std::string_view to_string(Backend backend) noexcept {
    switch (backend) {
        case Backend::sqlite:
            return "sqlite";
        case Backend::postgres:
            return "postgres";
    }
    return "sqlite";
}

bool Row::is_null(std::size_t column) const {
    return std::holds_alternative<Null>(cell(column));
}

std::int64_t Row::i64(std::size_t column) const {
    const auto* value = std::get_if<std::int64_t>(&cell(column));
    BO_ASSERT(value != nullptr);
    return *value;
}

const std::string& Row::text(std::size_t column) const {
    const auto* value = std::get_if<std::string>(&cell(column));
    BO_ASSERT(value != nullptr);
    return *value;
}

const Blob& Row::blob(std::size_t column) const {
    const auto* value = std::get_if<Blob>(&cell(column));
    BO_ASSERT(value != nullptr);
    return *value;
}

std::optional<std::int64_t> Row::opt_i64(std::size_t column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return i64(column);
}

std::optional<std::string> Row::opt_text(std::size_t column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return text(column);
}

const Value& Row::cell(std::size_t column) const {
    BO_ASSERT(column < cells_.size());
    return cells_[column];
}

core::Result<Row> Txn::query_one(std::string_view sql, Params params) {
    BO_TRY_ASSIGN(Rows rows, query(sql, params));
    if (rows.empty()) {
        return core::Error(core::ErrorCode::not_found, "no row matched");
    }
    return std::move(rows.front());
}

core::Result<std::optional<Row>> Txn::query_optional(std::string_view sql, Params params) {
    BO_TRY_ASSIGN(Rows rows, query(sql, params));
    if (rows.empty()) {
        return std::optional<Row>();
    }
    return std::optional<Row>(std::move(rows.front()));
}

core::Result<std::unique_ptr<Database>> Database::open(std::string_view url) {
    return open(url, OpenOptions{});
}

core::Result<std::unique_ptr<Database>> Database::open(std::string_view url,
                                                       const OpenOptions& options) {
    if (options.pool_connections < 1 || options.pool_connections > db_pool_connections_max) {
        return core::Error::invalid("pool_connections",
                                    "must be 1.." + std::to_string(db_pool_connections_max));
    }
    if (options.pool_wait_ms < 1 || options.pool_wait_ms > db_pool_wait_ms_max) {
        return core::Error::invalid("pool_wait_ms",
                                    "must be 1.." + std::to_string(db_pool_wait_ms_max));
    }
    BO_TRY_ASSIGN(DatabaseUrl parsed, parse_database_url(url));
    if (parsed.backend == Backend::postgres) {
        return postgres::open(parsed, options);
    }
    return sqlite::open(parsed, options);
}

}  // namespace bo::store
