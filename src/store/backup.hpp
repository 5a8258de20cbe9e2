// Whole-database backup and restore, for `backoffice backup` and `backoffice restore`.
//
// SQLite: the online-backup API copies a consistent snapshot while the server keeps running;
// the copy is written beside the target and renamed into place, so a failed backup leaves no
// half-written file. PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean`, run as
// child processes without a shell (no argument is ever interpreted).
// Thread safety: each call is independent.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bo::store {

enum class Overwrite { refuse, replace };

// Writes a backup of the database named by `url` to `file`. Errors: invalid_argument for a
// URL that cannot be backed up (in-memory), conflict when `file` exists and overwrite is
// refuse, unavailable when the database or pg_dump cannot be reached.
core::Result<void> backup(std::string_view url, const std::string& file, Overwrite overwrite);

// Replaces the content of the database named by `url` with the backup in `file`. The backup
// is checked first (an SQLite file holding Backoffice's schema, or a pg_dump archive); a file
// that fails the check is refused and the database is left untouched.
core::Result<void> restore(std::string_view url, const std::string& file);

}  // namespace bo::store
