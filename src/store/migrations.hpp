// Schema migrations: numbered SQL files applied once each, in number order, on either engine.
//
// A migration is a file `NNNN_name.sql` (four digits, then [a-z0-9_]); numbers are unique
// across the whole program. Its text is written once for both engines; a line whose first
// non-blank text is `--sqlite:` or `--postgres:` is kept (without that prefix) only for that
// engine and blanked for the other, for the rare DDL differences (identity columns, BLOB vs
// BYTEA). The table `schema_migrations(number, name, checksum, applied_at_us)` records what ran,
// with the SHA-256 of the file as written (before dialect lines are resolved).
//
// Invariants: each migration runs in its own transaction together with its record, so it is
// applied entirely or not at all; a recorded migration whose file changed, or which the program
// no longer has, stops `migrate` before anything runs; two processes migrating at once apply
// each migration once (PostgreSQL: a transaction-scoped advisory lock; SQLite: BEGIN
// IMMEDIATE). Thread safety: the functions may run concurrently on one Database.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace bo::store {

struct Migration {
    int number;        // 1..migration_number_max, unique in the program
    std::string name;  // "ledger"; a leading "NNNN_" equal to the number is accepted and ignored
    std::string sql;   // the file's text, byte for byte
};

// "0003_ledger.sql".
std::string file_name(const Migration& migration);

// Builds a Migration from a file name "NNNN_name.sql" and its text. Errors: invalid_argument
// naming the file when the name does not follow the pattern.
core::Result<Migration> migration_from_file(std::string_view file_name, std::string sql);

// Every `*.sql` file of `directory`, parsed as above and ordered by number. Errors:
// invalid_argument for a badly named file, unavailable when the directory cannot be read.
core::Result<std::vector<Migration>> load_migrations(const std::filesystem::path& directory);

// `sql` with dialect lines resolved for `backend` (other engine's lines become empty lines, so
// line numbers in error messages still match the file).
std::string render_for(std::string_view sql, Backend backend);

struct MigrationReport {
    std::vector<std::string> applied;  // file names, in the order they ran
};

// Applies every migration not yet recorded, in number order, each in its own transaction,
// stamping `applied_at_us` (UTC microseconds) from the caller's clock. Errors: invalid_argument
// for a bad list (duplicate number, bad name); conflict when a recorded migration changed or is
// missing from `migrations` (the database is newer than the program); the failing migration's
// own error, prefixed with its file name. Migrations that ran before a failure stay applied.
core::Result<MigrationReport> migrate(Database& database,
                                      std::span<const Migration> migrations,
                                      std::int64_t now_us);

// As above, stamping `applied_at_us` from the system clock: the stamp is bookkeeping for
// operators, not business data, so it need not come from the domain's Clock.
core::Result<MigrationReport> migrate(Database& database, std::span<const Migration> migrations);

// The file names `migrate` would apply, in order; the same checks, nothing written.
core::Result<std::vector<std::string>> pending(Database& database,
                                               std::span<const Migration> migrations);

}  // namespace bo::store
