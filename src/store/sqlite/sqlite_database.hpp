// The SQLite implementation of Database.
//
// One writer connection (write transactions are serialized by taking it from a pool of one)
// and a lazily grown pool of reader connections for read-only transactions, all in WAL mode
// with foreign_keys=ON and synchronous=FULL. An in-memory database has the writer only: it
// serves read-only transactions too, with `PRAGMA query_only` set for their duration.
// Thread safety: as Database.
#pragma once

#include <memory>

#include "core/result.hpp"
#include "store/database.hpp"
#include "store/url.hpp"

namespace bo::store::sqlite {

// Validates the file named by `url` (it must be absent, empty, or an SQLite database), opens
// it, and sets the connection pragmas. On failure nothing is left behind: a file or directory
// this call created is removed, and an existing file is never written.
core::Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, const OpenOptions& options);

}  // namespace bo::store::sqlite
