// API tokens: long-lived credentials for integrations (`Authorization: Bearer bo_…`).
//
// A user creates a token for themselves with a name, scopes and an expiry; the secret is
// answered once and only its BLAKE2b hash is stored. Scopes must be permissions the creator
// holds at that moment; at each request the token gets the intersection of its scopes with
// its user's permissions at that time (see authenticate), so a token never outgrows its user.
// Invariants: every token expires, at most api_token_lifetime_us_max after creation.
// Thread safety: functions of a Txn; no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "platform/auth/model.hpp"
#include "store/database.hpp"

namespace bo::platform::auth {

// One year: long enough for an integration to be set up and forgotten for a while, short
// enough that a leaked, forgotten token dies on its own. Renewal is a new token.
inline constexpr std::int64_t api_token_lifetime_us_max = std::int64_t{365} * 24 * 3600 * 1'000'000;

inline constexpr std::size_t api_token_name_chars_max = 200;

// 50 live tokens per user: one per integration is plenty; more means tokens are not being
// revoked. Also the page size of GET /api/v1/tokens (api_tokens_listed_max).
inline constexpr std::size_t api_tokens_live_max = 50;

// Tokens listed by GET /api/v1/tokens: the newest, live or not.
inline constexpr std::size_t api_tokens_listed_max = 200;

struct NewApiToken {
    std::string name;
    std::vector<std::string> scopes;
    std::optional<core::Instant> expires_at;  // required
};

struct CreatedApiToken {
    ApiToken token;
    std::string secret;  // "bo_<company>.<random>": shown once, never stored
};

// Creates a token for the caller (token.create event). Errors: invalid_argument (fields
// "name", "scopes", "scopes/N" — unknown or not held by the caller —, "expires_at" — missing,
// past, or more than a year ahead); limit_exceeded past api_tokens_live_max live tokens.
[[nodiscard]] core::Result<CreatedApiToken> create_token(store::Txn& txn,
                                                         const core::Clock& clock,
                                                         const Caller& caller,
                                                         const NewApiToken& input);

// The caller's tokens, newest first, at most api_tokens_listed_max, without secrets.
[[nodiscard]] core::Result<std::vector<ApiToken>> list_tokens(store::Txn& txn,
                                                              const Caller& caller);

// Revokes a token of the caller, or of anyone in the company when the caller holds
// users.manage (token.revoke event). Revoking a revoked token is a no-op. Errors: not_found
// for a token the caller may not see.
[[nodiscard]] core::Result<ApiToken> revoke_token(store::Txn& txn,
                                                  const core::Clock& clock,
                                                  const Caller& caller,
                                                  ApiTokenId id);

}  // namespace bo::platform::auth
