// Idempotency keys: a retried POST returns the first outcome and does nothing twice.
//
// The first request with a key claims it inside its own transaction, so the claim, the
// handler's writes and the stored response commit or roll back together. A concurrent
// duplicate waits on the claim (PostgreSQL row lock; SQLite has one writer) and then sees the
// stored response. A failure outcome (4xx) is stored too, in its own transaction, so that a
// retry of a refused request is refused the same way. Keys are scoped by company and user,
// expire after a configurable time, and are purged by `purge_expired`.
// Thread safety: functions of a Txn; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace bo::platform::idempotency {

struct Scope {
    std::int64_t company_id = 0;  // 0 for anonymous requests (sign-in)
    std::int64_t user_id = 0;
    std::string key;          // the client's Idempotency-Key, 1..idempotency_key_bytes_max
    std::string fingerprint;  // hex BLAKE2b of method, path and body
};

// One response header, as the handler set it.
struct StoredHeader {
    std::string name;
    std::string value;

    friend bool operator==(const StoredHeader&, const StoredHeader&) = default;
};

struct StoredResponse {
    unsigned status = 0;
    std::string content_type;
    std::string body;
    std::vector<StoredHeader> headers;  // replayed as they were (e.g. Location)
};

enum class ClaimOutcome {
    claimed,   // first use: run the request, then call `complete`
    replay,    // seen before with the same fingerprint: answer `response`
    mismatch,  // seen before with another fingerprint: answer idempotency_mismatch
};

struct Claim {
    ClaimOutcome outcome = ClaimOutcome::claimed;
    std::optional<StoredResponse> response;
};

// Claims the key or finds its first outcome. An expired key is treated as unused.
// Errors: invalid_argument for an empty or oversized key; those of the store.
[[nodiscard]] core::Result<Claim> claim(store::Txn& txn,
                                        const Scope& scope,
                                        core::Instant now,
                                        core::Instant expires_at);

// Stores the outcome of a claimed key (same transaction as the claim), or of a refused
// request in a transaction of its own.
[[nodiscard]] core::Result<void> complete(store::Txn& txn,
                                          const Scope& scope,
                                          const StoredResponse& response,
                                          core::Instant now,
                                          core::Instant expires_at);

// Deletes keys that expired at or before `now`; answers how many. `serve` runs it every
// purge_interval_s (idempotency_purger.hpp).
[[nodiscard]] core::Result<std::int64_t> purge_expired(store::Txn& txn, core::Instant now);

}  // namespace bo::platform::idempotency
