// Sessions, API tokens and sign-in throttling.
//
// A session is created by signing in with company code, username and password; the client
// keeps an opaque random token in an HttpOnly cookie, and the database keeps only its BLAKE2b
// hash, so a copy of the database cannot be used to sign in. Each session has a CSRF token
// the client echoes on writes. API tokens (`Authorization: Bearer …`) are for integrations:
// stored hashed, with scopes (a subset of the user's permissions) and an expiry.
// Failed sign-ins are counted per user and per client address; after
// sign_in_failures_max in a row the user is locked until an admin unlocks them.
// Invariants: tokens are never stored or logged in clear; every sign-in, failure, lock and
// sign-out is an audit event.
// Thread safety: functions of a Txn; no shared state.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::platform::auth {

// The name of the session cookie.
inline constexpr std::string_view session_cookie_name = "bo_session";

// What the client presented: a session cookie value, a bearer token, or nothing.
struct Credentials {
    std::string session_token;  // from the cookie; empty if absent
    std::string bearer_token;   // from Authorization; empty if absent
};

// Resolves credentials to a Caller (with roles, permissions, department scope, CSRF token).
// No credentials → the anonymous Caller (method none). Errors: unauthenticated for an
// unknown, expired or revoked token or a user who is locked or disabled.
[[nodiscard]] core::Result<Caller> authenticate(store::Txn& txn,
                                                const core::Clock& clock,
                                                const Credentials& credentials,
                                                const std::string& request_id,
                                                const std::string& client_address);

}  // namespace bo::platform::auth
