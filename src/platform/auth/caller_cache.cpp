#include "platform/auth/caller_cache.hpp"

#include "core/assert.hpp"

namespace bo::platform::auth {
namespace {

// "s<hash>" or "t<hash>": sessions and tokens never share an entry.
std::string key_of(CredentialKind kind, std::string_view token_hash) {
    std::string key;
    key.reserve(token_hash.size() + 1);
    key.push_back(kind == CredentialKind::session ? 's' : 't');
    key.append(token_hash);
    return key;
}

}  // namespace

CallerCache::CallerCache(std::size_t entries_max) : entries_max_(entries_max) {
    BO_ASSERT(entries_max_ >= 1);
}

std::shared_ptr<const Caller> CallerCache::find(CredentialKind kind,
                                                std::string_view token_hash,
                                                tenancy::CompanyId company,
                                                std::int64_t epoch,
                                                core::Instant now) const {
    const std::string key = key_of(kind, token_hash);
    std::lock_guard lock(mutex_);
    auto found = entries_.find(key);
    if (found == entries_.end()) {
        return nullptr;
    }
    const Entry& entry = found->second;
    if (entry.epoch != epoch || now >= entry.expires_at || entry.caller->actor.company != company) {
        return nullptr;
    }
    return entry.caller;
}

void CallerCache::store(ResolvedCaller resolved) {
    Caller& caller = resolved.caller;
    BO_ASSERT(caller.authenticated());
    // Request data stays out of the shared entry; the API sets it per request.
    caller.actor.request_id.clear();
    caller.actor.client_address.clear();
    const std::int64_t epoch = resolved.epoch;
    const core::Instant expires_at = resolved.expires_at;
    auto shared = std::make_shared<const Caller>(std::move(caller));
    std::string key = key_of(resolved.kind, resolved.token_hash);
    std::lock_guard lock(mutex_);
    auto found = entries_.find(key);
    if (found != entries_.end()) {
        // A slower request resolved under an older epoch must not replace a newer entry.
        if (found->second.epoch <= epoch) {
            found->second = Entry{epoch, expires_at, std::move(shared)};
        }
        return;
    }
    if (entries_.size() >= entries_max_) {
        entries_.clear();  // bounded, and simpler than an eviction order nobody needs
    }
    entries_.emplace(std::move(key), Entry{epoch, expires_at, std::move(shared)});
}

std::size_t CallerCache::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace bo::platform::auth
