// The storage layer's named limits, each with the reason for its value.
//
// TODO(#limits): move these into core/limits.hpp once it exists; until then they live here so
// that store does not depend on a file another engineer is writing.
// Thread safety: constants only.
#pragma once

#include <cstddef>

namespace bo::store {

// A transient conflict (SQLite busy, PostgreSQL serialization failure or deadlock) re-runs the
// callback at most this many times. Conflicts between well-behaved transactions settle within a
// few attempts; past this bound the caller gets `unavailable` instead of a spinning server.
inline constexpr int txn_retries_max = 10;

// Back-off before retry n is a random delay in [0, min(2^n, cap)] ms. The cap keeps a retried
// request within interactive latency even after many attempts.
inline constexpr int txn_backoff_ms_max = 64;

// How long SQLite waits inside one statement for another process's write lock. Long enough to
// ride out a large batch commit of another process, short enough to surface a stuck writer.
inline constexpr int sqlite_busy_timeout_ms = 5000;

// Connections per PostgreSQL pool (and SQLite reader pool). A server with 2-16 cores saturates
// well below this; PostgreSQL's default max_connections (100) leaves room for several app
// servers.
inline constexpr int db_pool_connections_max = 64;

// The default pool size when the caller does not choose (see OpenOptions).
inline constexpr int db_pool_connections_default = 8;

// How long `transact` waits for a free connection before answering `unavailable`.
inline constexpr int db_pool_wait_ms_max = 60'000;
inline constexpr int db_pool_wait_ms_default = 5000;

// How long libpq may take to establish one connection (its `connect_timeout`, in seconds).
inline constexpr int pg_connect_timeout_s = 5;

// Prepared statements cached per connection. Our SQL is a fixed set of texts (never built from
// input), so a few hundred covers the whole program; reaching the bound clears the cache.
inline constexpr std::size_t statement_cache_entries_max = 512;

// Parameters of one statement: SQLite's compiled-in SQLITE_MAX_VARIABLE_NUMBER (32766) is the
// lower of the two engines' limits.
inline constexpr std::size_t statement_params_max = 32766;

// Parameter rows of one `execute_batch`. Imports and pay runs chunk above this so that one
// transaction never holds an unbounded amount of client memory.
inline constexpr std::size_t batch_rows_max = 100'000;

// PostgreSQL pipelines a batch in chunks of this many rows, reading the results of each chunk
// before sending the next, so that neither side's socket buffer can fill and deadlock.
inline constexpr std::size_t pg_pipeline_chunk_rows = 1000;

// SQLite group commit: write transactions that queue while one group commits form the next
// group, which shares one BEGIN IMMEDIATE … COMMIT (one fsync), each in its own savepoint. The
// bound caps what one durable commit waits for: 256 small callbacks take a few milliseconds,
// so no member's latency grows past interactive, and the WAL grows by a bounded amount per
// commit. A server has fewer concurrent writers than this (HTTP workers), so it rarely binds.
inline constexpr std::size_t group_txns_max = 256;

// Migration numbers are four digits (NNNN_name.sql).
inline constexpr int migration_number_max = 9999;

static_assert(db_pool_connections_default <= db_pool_connections_max);
static_assert(db_pool_wait_ms_default <= db_pool_wait_ms_max);
static_assert(pg_pipeline_chunk_rows <= batch_rows_max);
static_assert(group_txns_max >= 1);

}  // namespace bo::store
