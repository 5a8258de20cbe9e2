#include "store/backup.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include <sqlite3.h>

#include "store/sqlite/sqlite_database.hpp"
#include "store/url.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT: POSIX, passed to posix_spawnp

namespace bo::store {
namespace {

namespace fs = std::filesystem;
using core::Error;
using core::ErrorCode;
using core::Result;

struct SqliteCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};

using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

core::Result<SqliteHandle> open_sqlite(const std::string& path, int flags) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    SqliteHandle handle(raw);
    if (rc != SQLITE_OK) {
        return Error(ErrorCode::unavailable, "cannot open " + path + ": " + sqlite3_errstr(rc));
    }
    sqlite3_busy_timeout(raw, 5000);
    return handle;
}

// Copies every page of `from` into `to` with the online-backup API.
core::Result<void> copy_database(sqlite3* from, sqlite3* to, const std::string& what) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (backup == nullptr) {
        return Error(ErrorCode::unavailable, what + ": " + sqlite3_errmsg(to));
    }
    int rc = SQLITE_OK;
    do {
        constexpr int pages_per_step = 1024;
        rc = sqlite3_backup_step(backup, pages_per_step);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            sqlite3_sleep(10);
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    int finish_rc = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE || finish_rc != SQLITE_OK) {
        return Error(ErrorCode::unavailable,
                     what + ": " + sqlite3_errstr(rc != SQLITE_DONE ? rc : finish_rc));
    }
    return core::ok();
}

core::Result<void> check_backoffice_schema(sqlite3* db, const std::string& path) {
    sqlite3_stmt* statement = nullptr;
    int rc =
        sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM sqlite_schema WHERE name = 'schema_migrations'",
                           -1,
                           &statement,
                           nullptr);
    bool found = rc == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW
                 && sqlite3_column_int64(statement, 0) == 1;
    sqlite3_finalize(statement);
    if (!found) {
        return Error(ErrorCode::invalid_argument,
                     path + " is an SQLite database but not a Backoffice backup");
    }
    return core::ok();
}

core::Result<void> backup_sqlite(const std::string& path, const std::string& file) {
    if (!fs::exists(path)) {
        return Error(ErrorCode::not_found, "database " + path + " does not exist");
    }
    BO_TRY(sqlite::check_database_file(path));
    BO_TRY_ASSIGN(auto source, open_sqlite(path, SQLITE_OPEN_READONLY));
    std::string partial = file + ".partial";
    std::error_code ignored;
    fs::remove(partial, ignored);
    auto result = [&]() -> Result<void> {
        BO_TRY_ASSIGN(auto target,
                      open_sqlite(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
        BO_TRY(copy_database(source.get(), target.get(), "backup to " + file));
        // A backup is one self-contained file: fold any WAL content into it.
        sqlite3_exec(target.get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
        return core::ok();
    }();
    if (!result.ok()) {
        fs::remove(partial, ignored);
        return result;
    }
    std::error_code error;
    fs::rename(partial, file, error);
    if (error) {
        fs::remove(partial, ignored);
        return Error(ErrorCode::unavailable, "cannot write " + file + ": " + error.message());
    }
    return core::ok();
}

core::Result<void> restore_sqlite(const std::string& path, const std::string& file) {
    if (!fs::exists(file)) {
        return Error(ErrorCode::not_found, "backup " + file + " does not exist");
    }
    BO_TRY(sqlite::check_database_file(file));
    BO_TRY_ASSIGN(auto source, open_sqlite(file, SQLITE_OPEN_READONLY));
    BO_TRY(check_backoffice_schema(source.get(), file));
    if (fs::exists(path)) {
        auto target = sqlite::check_database_file(path);
        if (!target.ok()) {
            return target.error().with_context("refusing to overwrite the database");
        }
    }
    BO_TRY_ASSIGN(auto target, open_sqlite(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    return copy_database(source.get(), target.get(), "restore into " + path);
}

// Runs a program with arguments (no shell); answers its exit status.
core::Result<void> run_program(const std::vector<std::string>& arguments) {
    std::vector<char*> argv;
    for (const auto& argument : arguments) {
        argv.push_back(const_cast<char*>(argument.c_str()));  // NOLINT: posix_spawn's signature
    }
    argv.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ);
    if (rc != 0) {
        return Error(ErrorCode::unavailable,
                     "cannot run " + arguments[0] + " (is postgresql-client installed?)");
    }
    int status = 0;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return Error(ErrorCode::unavailable, arguments[0] + " failed; see its message above");
    }
    return core::ok();
}

core::Result<void> refuse_existing(const std::string& file, Overwrite overwrite) {
    if (overwrite == Overwrite::refuse && fs::exists(file)) {
        return Error(ErrorCode::conflict,
                     file + " already exists; choose another name or pass --force");
    }
    return core::ok();
}

}  // namespace

core::Result<void> backup(std::string_view url, const std::string& file, Overwrite overwrite) {
    BO_TRY_ASSIGN(auto parsed, parse_database_url(url));
    BO_TRY(refuse_existing(file, overwrite));
    if (parsed.sqlite_memory) {
        return Error(ErrorCode::invalid_argument, "an in-memory database cannot be backed up");
    }
    if (parsed.backend == Backend::sqlite) {
        return backup_sqlite(parsed.sqlite_path, file);
    }
    std::string partial = file + ".partial";
    auto result = run_program({"pg_dump",
                               "--format=custom",
                               "--no-owner",
                               "--file=" + partial,
                               "--dbname=" + parsed.pg_conninfo});
    std::error_code error;
    if (result.ok()) {
        fs::rename(partial, file, error);
    }
    if (!result.ok() || error) {
        fs::remove(partial, error);
    }
    return result;
}

Result<void> restore(std::string_view url, const std::string& file) {
    BO_TRY_ASSIGN(auto parsed, parse_database_url(url));
    if (parsed.sqlite_memory) {
        return Error(ErrorCode::invalid_argument, "cannot restore into an in-memory database");
    }
    if (parsed.backend == Backend::sqlite) {
        return restore_sqlite(parsed.sqlite_path, file);
    }
    if (!fs::exists(file)) {
        return Error(ErrorCode::not_found, "backup " + file + " does not exist");
    }
    // pg_restore --list reads the whole archive's table of contents: a file that is not an
    // archive fails here, before anything in the database is touched.
    BO_TRY(run_program({"pg_restore", "--list", "--file=/dev/null", file}));
    return run_program({"pg_restore",
                        "--clean",
                        "--if-exists",
                        "--no-owner",
                        "--single-transaction",
                        "--exit-on-error",
                        "--dbname=" + parsed.pg_conninfo,
                        file});
}

}  // namespace bo::store
