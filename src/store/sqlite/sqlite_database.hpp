// The SQLite implementation of Database.
//
// One writer connection, shared by concurrent write transactions through group commit
// (group_commit.hpp: one durable COMMIT for every transaction queued meanwhile, each in its own
// savepoint), and a lazily grown pool of reader connections for read-only transactions, all in
// WAL mode with foreign_keys=ON and synchronous=FULL. An in-memory database has the writer
// only: it serves read-only transactions too, alone, with `PRAGMA query_only` set.
// Thread safety: as Database.
#pragma once

#include <memory>
#include <string>

#include "core/result.hpp"
#include "store/database.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/url.hpp"

namespace bo::store::sqlite {

// Checks, reading only, that the existing file at `path` can be an SQLite database: a regular
// file that is empty or starts with the SQLite header. Errors: invalid_argument naming the
// path ("… is a directory", "… is not an SQLite database", "cannot read …").
[[nodiscard]] core::Result<void> check_database_file(const std::string& path);

// Validates the file named by `url` (it must be absent, empty, or an SQLite database), opens
// it, and sets the connection pragmas. On failure nothing is left behind: a file or directory
// this call created is removed, and an existing file is never written.
core::Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, const OpenOptions& options);

// As above, with the writer's settings chosen by the caller (tests and benchmarks: a group
// size of 1 turns group commit off; a control fault injects engine failures).
core::Result<std::unique_ptr<Database>> open(const DatabaseUrl& url,
                                             const OpenOptions& options,
                                             const WriterOptions& writer_options);

}  // namespace bo::store::sqlite
