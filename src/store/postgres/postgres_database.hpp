// The PostgreSQL implementation of Database, over libpq.
//
// A bounded pool of connections, opened lazily (the first one at `open`, to report an
// unreachable server at once). Statements are prepared once per connection under generated
// names; parameters travel as text (int64 as decimal, typed int8) except blobs (binary bytea);
// results come back as text and are converted by column type. `execute_batch` uses pipeline
// mode. A connection that breaks is dropped from the pool, and the transaction is re-run on a
// fresh one unless the break happened during COMMIT (then the outcome is unknown and the
// caller gets `unavailable`).
// Thread safety: as Database.
#pragma once

#include <memory>

#include "core/result.hpp"
#include "store/database.hpp"
#include "store/url.hpp"

namespace bo::store::postgres {

// Connects once to check that the server answers. Errors: unavailable naming the host or
// socket directory (never the password).
core::Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, const OpenOptions& options);

}  // namespace bo::store::postgres
