// A per-process cache of resolved callers, so that a request does not re-read its session,
// roles, permissions and department scope from the database every time.
//
// An entry is keyed by the credential's kind and stored hash, and tagged with the company's
// auth epoch (schema/0063_auth_epochs.sql) it was resolved under. Triggers bump the epoch in
// the same transaction as any change to sessions, tokens, users' status, roles, permissions
// or department scopes; each request reads the epoch inside its own transaction and uses an
// entry only when the tags are equal. So the cache never lets through what the database would
// refuse in that transaction: there is no time window, on this server or any other sharing
// the database. The credential's own expiry is kept with the entry and checked on every hit.
//
// Invariants: at most `entries_max` entries (a full cache is emptied, then refilled by use);
// an entry never outlives its credential's expiry as a hit; entries hold no request data
// (request id, client address).
// Thread safety: every member function is safe from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/date.hpp"
#include "platform/api/caller.hpp"

namespace bo::platform::auth {

// 10,000 cached callers: one per signed-in session or token in use, a few MB at most (an
// admin's caller holds every permission name). A server with more live credentials than this
// re-reads the overflow from the database, which is correct, only slower.
inline constexpr std::size_t caller_cache_entries_max = 10'000;

// What a caller was resolved from.
enum class CredentialKind { session, token };

// A caller resolved in a transaction, to be cached once that transaction has committed: a
// caller resolved from a state that was rolled back (say, a neighbour's uncommitted role
// change in an SQLite group commit) must never be cached, or a later commit that happens to
// reach the same epoch number would make it a hit.
struct ResolvedCaller {
    CredentialKind kind = CredentialKind::session;
    std::string token_hash;
    std::int64_t epoch = 0;  // the epoch read in the same transaction, before resolving
    core::Instant expires_at{0};
    Caller caller;
};

class CallerCache {
public:
    explicit CallerCache(std::size_t entries_max = caller_cache_entries_max);

    CallerCache(const CallerCache&) = delete;
    CallerCache& operator=(const CallerCache&) = delete;

    // The caller cached for this credential when it was resolved under `epoch` of `company`
    // and has not expired at `now`; else nullopt. The answer is shared and immutable.
    std::shared_ptr<const Caller> find(CredentialKind kind,
                                       std::string_view token_hash,
                                       tenancy::CompanyId company,
                                       std::int64_t epoch,
                                       core::Instant now) const;

    // Remembers a caller whose transaction committed, until its credential expires. An entry
    // of the same credential under a newer epoch is kept instead.
    void store(ResolvedCaller resolved);

    std::size_t size() const;

private:
    struct Entry {
        std::int64_t epoch = 0;
        core::Instant expires_at{0};
        std::shared_ptr<const Caller> caller;
    };

    struct KeyHash {
        using is_transparent = void;

        std::size_t operator()(std::string_view key) const noexcept {
            return std::hash<std::string_view>{}(key);
        }
    };

    const std::size_t entries_max_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>> entries_;
};

}  // namespace bo::platform::auth
