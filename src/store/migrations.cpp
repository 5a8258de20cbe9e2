#include "store/migrations.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "store/limits.hpp"
#include "store/sha256.hpp"

namespace bo::store {
namespace {

using core::Error;
using core::ErrorCode;

// The key of PostgreSQL's advisory lock for migrations ("bo-mig" in ASCII).
constexpr std::int64_t migration_lock_key = 0x626f2d6d6967;

constexpr std::string_view create_table_sql =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " number BIGINT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " checksum TEXT NOT NULL,"
    " applied_at_us BIGINT NOT NULL)";

// A migration checked and ready: normalized name, file name and checksum.
struct Planned {
    int number = 0;
    std::string name;
    std::string file;
    std::string checksum;
    const Migration* source = nullptr;
};

struct Recorded {
    std::string name;
    std::string checksum;
};

std::string four_digits(int number) {
    std::array<char, 16> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d", number);
    return buffer.data();
}

bool valid_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

std::string normalized_name(const Migration& migration) {
    std::string prefix = four_digits(migration.number) + "_";
    if (migration.name.rfind(prefix, 0) == 0) {
        return migration.name.substr(prefix.size());
    }
    return migration.name;
}

std::string file_of(int number, const std::string& name) {
    return four_digits(number) + "_" + name + ".sql";
}

// Checks the program's list and orders it by number.
core::Result<std::vector<Planned>> plan(std::span<const Migration> migrations) {
    std::vector<Planned> planned;
    planned.reserve(migrations.size());
    for (const Migration& migration : migrations) {
        std::string name = normalized_name(migration);
        if (migration.number < 1 || migration.number > migration_number_max) {
            return Error(ErrorCode::invalid_argument,
                         "migration '" + name + "' has number " + std::to_string(migration.number)
                             + "; numbers are 1.." + std::to_string(migration_number_max));
        }
        if (!valid_name(name)) {
            return Error(ErrorCode::invalid_argument,
                         "migration " + four_digits(migration.number) + " has name '" + name
                             + "'; names use a-z, 0-9 and _");
        }
        std::string file = file_of(migration.number, name);
        planned.push_back(Planned{
            migration.number, std::move(name), file, sha256_hex(migration.sql), &migration});
    }
    std::sort(planned.begin(), planned.end(), [](const Planned& a, const Planned& b) {
        return a.number < b.number;
    });
    for (std::size_t index = 1; index < planned.size(); ++index) {
        if (planned[index].number == planned[index - 1].number) {
            return Error(ErrorCode::invalid_argument,
                         "migration number " + std::to_string(planned[index].number)
                             + " is used twice: " + planned[index - 1].file + " and "
                             + planned[index].file);
        }
    }
    return planned;
}

core::Result<void> lock(Txn& txn) {
    if (txn.backend() != Backend::postgres) {
        return core::ok();  // SQLite: BEGIN IMMEDIATE already excludes other writers
    }
    std::vector<Value> params = {Value(migration_lock_key)};
    BO_TRY_ASSIGN(Rows ignored, txn.query("SELECT pg_advisory_xact_lock($1)", params));
    return core::ok();
}

core::Result<bool> table_exists(Txn& txn) {
    std::string_view sql =
        txn.backend() == Backend::sqlite
            ? "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = "
              "'schema_migrations'"
            : "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE 1 END";
    BO_TRY_ASSIGN(Row row, txn.query_one(sql, {}));
    return row.i64(0) == 1;
}

core::Result<std::map<int, Recorded>> read_recorded(Txn& txn) {
    BO_TRY_ASSIGN(Rows rows, txn.query("SELECT number, name, checksum FROM schema_migrations", {}));
    std::map<int, Recorded> recorded;
    for (const Row& row : rows) {
        recorded[static_cast<int>(row.i64(0))] = Recorded{row.text(1), row.text(2)};
    }
    return recorded;
}

std::string short_sum(const std::string& checksum) {
    return checksum.substr(0, 12) + "…";
}

// The recorded history must be a prefix-compatible subset of the program's list.
core::Result<void> verify(const std::vector<Planned>& planned,
                          const std::map<int, Recorded>& recorded) {
    std::map<int, const Planned*> by_number;
    for (const Planned& migration : planned) {
        by_number[migration.number] = &migration;
    }
    for (const auto& [number, record] : recorded) {
        auto found = by_number.find(number);
        std::string recorded_file = file_of(number, record.name);
        if (found == by_number.end()) {
            return Error(ErrorCode::conflict,
                         "the database has migration " + recorded_file
                             + ", which this program does not have: the database is newer than "
                               "the program; run a newer build");
        }
        const Planned& migration = *found->second;
        if (migration.name != record.name) {
            return Error(ErrorCode::conflict,
                         "migration " + std::to_string(number) + " was applied as " + recorded_file
                             + " but this program has " + migration.file
                             + "; restore the original file name or write a new migration");
        }
        if (migration.checksum != record.checksum) {
            return Error(ErrorCode::conflict,
                         "migration " + migration.file
                             + " was changed after it was applied (checksum recorded "
                             + short_sum(record.checksum) + ", file now "
                             + short_sum(migration.checksum)
                             + "); restore the original file or write a new migration");
        }
    }
    return core::ok();
}

// The program's migrations that the database has not recorded, after verifying the history.
core::Result<std::vector<const Planned*>> outstanding(Txn& txn,
                                                      const std::vector<Planned>& planned) {
    std::map<int, Recorded> recorded;
    BO_TRY_ASSIGN(bool exists, table_exists(txn));
    if (exists) {
        BO_TRY_ASSIGN(recorded, read_recorded(txn));
    }
    BO_TRY(verify(planned, recorded));
    std::vector<const Planned*> missing;
    for (const Planned& migration : planned) {
        if (recorded.count(migration.number) == 0) {
            missing.push_back(&migration);
        }
    }
    return missing;
}

// Applies `migration` unless another process did meanwhile; answers whether it ran here.
core::Result<bool> apply_one(Database& database,
                             const std::vector<Planned>& planned,
                             const Planned& migration,
                             std::int64_t now_us) {
    bool applied = false;
    core::Result<void> done =
        database.transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
            applied = false;
            BO_TRY(lock(txn));
            BO_TRY_ASSIGN(std::vector<const Planned*> missing, outstanding(txn, planned));
            bool still_missing = std::any_of(missing.begin(), missing.end(), [&](const Planned* m) {
                return m->number == migration.number;
            });
            if (!still_missing) {
                return core::ok();
            }
            core::Result<void> ran =
                txn.execute_script(render_for(migration.source->sql, txn.backend()));
            if (!ran.ok()) {
                return ran.error().with_context("migration " + migration.file);
            }
            std::vector<Value> params = {Value(std::int64_t{migration.number}),
                                         Value(migration.name),
                                         Value(migration.checksum),
                                         Value(now_us)};
            core::Result<std::int64_t> inserted = txn.execute(
                "INSERT INTO schema_migrations (number, name, checksum, applied_at_us) "
                "VALUES ($1, $2, $3, $4)",
                params);
            if (!inserted.ok()) {
                return std::move(inserted).error();
            }
            applied = true;
            return core::ok();
        });
    if (!done.ok()) {
        return std::move(done).error();
    }
    return applied;
}

bool has_prefix(std::string_view line, std::string_view prefix, std::string_view& rest) {
    if (line.substr(0, prefix.size()) != prefix) {
        return false;
    }
    rest = line.substr(prefix.size());
    return true;
}

}  // namespace

std::string file_name(const Migration& migration) {
    return file_of(migration.number, normalized_name(migration));
}

core::Result<Migration> migration_from_file(std::string_view file_name, std::string sql) {
    auto refuse = [&] {
        return Error(ErrorCode::invalid_argument,
                     "migration file '" + std::string(file_name)
                         + "' is not named NNNN_name.sql (four digits, then a-z, 0-9, _)");
    };
    constexpr std::string_view suffix = ".sql";
    if (file_name.size() < 6 + suffix.size()
        || file_name.substr(file_name.size() - suffix.size()) != suffix || file_name[4] != '_') {
        return refuse();
    }
    int number = 0;
    for (char digit : file_name.substr(0, 4)) {
        if (digit < '0' || digit > '9') {
            return refuse();
        }
        number = number * 10 + (digit - '0');
    }
    std::string name(file_name.substr(5, file_name.size() - 5 - suffix.size()));
    if (!valid_name(name) || number < 1) {
        return refuse();
    }
    return Migration{number, std::move(name), std::move(sql)};
}

core::Result<std::vector<Migration>> load_migrations(const std::filesystem::path& directory) {
    std::error_code code;
    std::filesystem::directory_iterator entries(directory, code);
    if (code) {
        return Error(ErrorCode::unavailable,
                     "cannot read migrations in " + directory.string() + ": " + code.message());
    }
    std::vector<Migration> migrations;
    for (const auto& entry : entries) {
        if (!entry.is_regular_file() || entry.path().extension() != ".sql") {
            continue;
        }
        std::ifstream file(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << file.rdbuf();
        if (!file) {
            return Error(ErrorCode::unavailable, "cannot read " + entry.path().string());
        }
        BO_TRY_ASSIGN(Migration migration,
                      migration_from_file(entry.path().filename().string(), text.str()));
        migrations.push_back(std::move(migration));
    }
    std::sort(migrations.begin(), migrations.end(), [](const Migration& a, const Migration& b) {
        return a.number < b.number;
    });
    return migrations;
}

std::string render_for(std::string_view sql, Backend backend) {
    std::string out;
    out.reserve(sql.size());
    while (!sql.empty()) {
        std::size_t end = sql.find('\n');
        std::string_view line = sql.substr(0, end);
        sql = end == std::string_view::npos ? std::string_view() : sql.substr(end + 1);
        std::size_t start = line.find_first_not_of(" \t");
        std::string_view body = start == std::string_view::npos ? "" : line.substr(start);
        std::string_view rest;
        if (has_prefix(body, "--sqlite:", rest) || has_prefix(body, "--postgres:", rest)) {
            bool mine = (backend == Backend::sqlite) == (body[2] == 's');
            out.append(mine ? rest : std::string_view());
        } else {
            out.append(line);
        }
        if (end != std::string_view::npos) {
            out.push_back('\n');
        }
    }
    return out;
}

core::Result<MigrationReport> migrate(Database& database,
                                      std::span<const Migration> migrations,
                                      std::int64_t now_us) {
    BO_TRY_ASSIGN(std::vector<Planned> planned, plan(migrations));
    std::vector<const Planned*> missing;
    core::Result<void> checked =
        database.transact(TxnMode::read_write, [&](Txn& txn) -> core::Result<void> {
            BO_TRY(lock(txn));
            BO_TRY(txn.execute_script(create_table_sql));
            BO_TRY_ASSIGN(missing, outstanding(txn, planned));
            return core::ok();
        });
    if (!checked.ok()) {
        return std::move(checked).error();
    }
    MigrationReport report;
    for (const Planned* migration : missing) {
        BO_TRY_ASSIGN(bool applied, apply_one(database, planned, *migration, now_us));
        if (applied) {
            report.applied.push_back(migration->file);
        }
    }
    return report;
}

core::Result<MigrationReport> migrate(Database& database, std::span<const Migration> migrations) {
    auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count();
    return migrate(database, migrations, std::int64_t{now_us});
}

core::Result<std::vector<std::string>> pending(Database& database,
                                               std::span<const Migration> migrations) {
    BO_TRY_ASSIGN(std::vector<Planned> planned, plan(migrations));
    std::vector<std::string> files;
    core::Result<void> read =
        database.transact(TxnMode::read_only, [&](Txn& txn) -> core::Result<void> {
            files.clear();
            BO_TRY_ASSIGN(std::vector<const Planned*> missing, outstanding(txn, planned));
            for (const Planned* migration : missing) {
                files.push_back(migration->file);
            }
            return core::ok();
        });
    if (!read.ok()) {
        return std::move(read).error();
    }
    return files;
}

}  // namespace bo::store
