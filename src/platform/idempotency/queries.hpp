// The idempotency module's SQL, behind plain functions (bodies in queries.cpp, the only place
// the module's SQL lives). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/idempotency/idempotency.hpp"
#include "store/database.hpp"

namespace bo::platform::idempotency::queries {

// Inserts an in-flight row (status 0) unless the key exists; answers whether it inserted. On
// PostgreSQL a concurrent insert of the same key waits here until the other commits or rolls
// back.
[[nodiscard]] core::Result<bool> insert_claim(store::Txn& txn,
                                              const Scope& scope,
                                              core::Instant now,
                                              core::Instant expires_at);

struct StoredKey {
    std::string fingerprint;
    std::int64_t status = 0;  // 0 while in flight
    std::string content_type;
    std::string body;
    std::string headers;  // JSON array of [name, value] pairs
    core::Instant expires_at{0};
};

[[nodiscard]] core::Result<std::optional<StoredKey>> select_key(store::Txn& txn,
                                                                const Scope& scope);

// Turns an expired row into a fresh in-flight claim; answers false when the row is no longer
// expired (a concurrent request reclaimed it first).
[[nodiscard]] core::Result<bool> reclaim_expired(store::Txn& txn,
                                                 const Scope& scope,
                                                 core::Instant now,
                                                 core::Instant expires_at);

// Stores the response (its headers encoded as `headers_json`) of an in-flight claim with this
// fingerprint; answers whether one matched.
[[nodiscard]] core::Result<bool> store_response(store::Txn& txn,
                                                const Scope& scope,
                                                const StoredResponse& response,
                                                std::string_view headers_json,
                                                core::Instant expires_at);

[[nodiscard]] core::Result<std::int64_t> delete_expired(store::Txn& txn, core::Instant now);

}  // namespace bo::platform::idempotency::queries
