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

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "platform/auth/caller_cache.hpp"
#include "platform/auth/model.hpp"
#include "platform/tenancy/model.hpp"
#include "store/database.hpp"
#include "store/database.hpp"

namespace bo::platform::auth {

// The name of the session cookie.
inline constexpr std::string_view session_cookie_name = "bo_session";

// 12 hours from sign-in, whatever the activity: a working day plus overtime. An absolute
// lifetime needs no write per request (authentication stays read-only).
inline constexpr std::int64_t session_lifetime_us = std::int64_t{12} * 3600 * 1'000'000;

// 5 wrong passwords in a row lock the user until an admin unlocks them: few enough that
// online guessing gets nowhere, many enough for a person who mistypes twice.
inline constexpr std::int64_t sign_in_failures_max = 5;

// 20 failed sign-ins per client address in a 15-minute window, then 429 until the window
// ends: slows a guesser spreading attempts over many usernames (each user locks at 5), while
// an office behind one NAT address can still mistype a few dozen times an hour.
inline constexpr std::int64_t sign_in_address_failures_max = 20;
inline constexpr std::int64_t sign_in_address_window_us = std::int64_t{15} * 60 * 1'000'000;

// The prefix of API tokens ("bo_3.xxxx"), so that secret scanners and people recognise them.
inline constexpr std::string_view api_token_prefix = "bo_";

// What the client presented: a session cookie value, a bearer token, or nothing.
struct Credentials {
    std::string session_token;  // from the cookie; empty if absent
    std::string bearer_token;   // from Authorization; empty if absent
};

// How one transaction uses a CallerCache: hits are taken at once; a caller resolved on a
// miss is left in `resolved`, for the owner of the transaction to `cache.store` once (and
// only if) the transaction committed.
struct CallerCacheUse {
    const CallerCache& cache;
    std::optional<ResolvedCaller> resolved{};
};

// Resolves credentials to a Caller (with roles, permissions, department scope, CSRF token).
// No credentials → the anonymous Caller (method none). Errors: unauthenticated for an
// unknown, expired or revoked token or a user who is locked or disabled. With a `cache`, a
// caller resolved earlier under the company's current auth epoch is reused (one read of the
// epoch instead of the session, roles and permissions; see caller_cache.hpp); the answer is
// the same as without it.
[[nodiscard]] core::Result<Caller> authenticate(store::Txn& txn,
                                                const core::Clock& clock,
                                                const Credentials& credentials,
                                                const std::string& request_id,
                                                const std::string& client_address,
                                                CallerCacheUse* cache = nullptr);

// A sign-in attempt, as it comes from outside.
struct SignInRequest {
    std::string company;  // company code
    std::string username;
    std::string password;
    std::string client_address;
    std::string request_id;
};

// A new session: the cookie value and CSRF token are shown to the client once.
struct NewSession {
    std::string token;  // the cookie value; only its hash is stored
    core::Instant expires_at{0};
    User user;
    tenancy::Company company;
    Caller caller;  // roles, permissions, department scope, CSRF token
};

// Why a sign-in was refused.
enum class Refusal {
    bad_credentials,  // 401: unknown company or user, wrong password, disabled user
    locked,           // 403: too many failures; an admin must unlock the user
    throttled,        // 429: too many failures from this address; retry later
};

// Either a session or a refusal. A refusal still has effects to commit (failure counters,
// a lock, audit events), so sign_in reports it as a value, not an error.
struct SignInOutcome {
    std::optional<NewSession> session;
    std::optional<Refusal> refusal;
    std::int64_t retry_after_s = 0;  // for `throttled`

    // The problem to answer for the refusal (asserts there is one).
    core::Error error() const;
};

// A password checked ahead of the sign-in's transaction, against the hash read then.
struct PasswordCheck {
    std::string hash;  // the argon2id hash it was verified against (the dummy one if no user)
    bool right = false;
};

// Verifies the request's password against the user's stored hash in a read-only transaction
// of its own, so that the slow hash check (tens of milliseconds by design) runs before the
// sign-in's write transaction instead of inside it. Errors: only those of the store.
[[nodiscard]] core::Result<PasswordCheck> check_password_ahead(store::Database& database,
                                                               const SignInRequest& request);

// Checks the password and opens a session (12 h), or refuses. Unknown company, unknown user,
// wrong password and disabled user are refused alike and take comparable time (a dummy
// argon2id hash is verified when there is no user). Wrong passwords count against the user
// (locked at sign_in_failures_max) and the address (throttled past
// sign_in_address_failures_max in a window). Audit events: session.sign_in,
// session.sign_in_failed, user.lock. Errors: only those of the store.
// With `ahead`, the password is not verified again if the user's hash is still the one
// `ahead` was checked against (a password changed meanwhile is verified here).
[[nodiscard]] core::Result<SignInOutcome> sign_in(store::Txn& txn,
                                                  const core::Clock& clock,
                                                  const SignInRequest& request,
                                                  const PasswordCheck* ahead = nullptr);

// Revokes the caller's session (session.sign_out event). Errors: conflict when the caller
// authenticated with an API token (revoke the token instead).
[[nodiscard]] core::Result<void> sign_out(store::Txn& txn,
                                          const core::Clock& clock,
                                          const Caller& caller);

// The Caller for a user of `company` (roles, permissions incl. signed-in ones, department
// scope), with the given method; used by authenticate, sign-in and the CLI.
[[nodiscard]] core::Result<Caller> caller_for(store::Txn& txn,
                                              tenancy::CompanyId company,
                                              UserId user,
                                              std::string_view username,
                                              AuthMethod method);

}  // namespace bo::platform::auth
