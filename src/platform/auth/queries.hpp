// The auth module's SQL for users, sessions, API tokens and sign-in throttling, behind plain
// functions (bodies in queries.cpp, the only
// place the module's SQL lives). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "platform/auth/model.hpp"
#include "store/database.hpp"

namespace bo::platform::auth::queries {

// Inserts the user row (without roles); answers its id.
[[nodiscard]] core::Result<UserId> insert_user(store::Txn& txn,
                                               const User& user,
                                               std::string_view password_hash);

// Grants `roles` to the user, one row each, in one batch.
[[nodiscard]] core::Result<void> insert_user_roles(store::Txn& txn,
                                                   tenancy::CompanyId company,
                                                   UserId user,
                                                   const std::vector<std::string>& roles);

// The user (roles filled in), or nullopt.
[[nodiscard]] core::Result<std::optional<User>> select_user(store::Txn& txn,
                                                            tenancy::CompanyId company,
                                                            std::string_view username);

// The stored hash and status of a user, or nullopt.
struct Credentials {
    std::string password_hash;
    UserStatus status = UserStatus::active;
};

[[nodiscard]] core::Result<std::optional<Credentials>> select_credentials(
    store::Txn& txn, tenancy::CompanyId company, std::string_view username);

[[nodiscard]] core::Result<std::vector<User>> select_users(store::Txn& txn,
                                                           tenancy::CompanyId company,
                                                           UserId after_id,
                                                           std::int64_t limit);

// --- users: by id, sign-in state, roles, departments -----------------------------------------

// The user without its roles (`roles` empty), or nullopt.
[[nodiscard]] core::Result<std::optional<User>> select_user_row_by_id(store::Txn& txn,
                                                                      tenancy::CompanyId company,
                                                                      UserId id);

// The user (roles filled in), or nullopt.
[[nodiscard]] core::Result<std::optional<User>> select_user_by_id(store::Txn& txn,
                                                                  tenancy::CompanyId company,
                                                                  UserId id);

// What sign-in needs of a user.
struct SignInRow {
    UserId id{};
    std::string password_hash;
    UserStatus status = UserStatus::active;
};

[[nodiscard]] core::Result<std::optional<SignInRow>> select_sign_in_row(store::Txn& txn,
                                                                        tenancy::CompanyId company,
                                                                        std::string_view username);

// The stored hash of a user's password.
[[nodiscard]] core::Result<std::string> select_password_hash(store::Txn& txn,
                                                             tenancy::CompanyId company,
                                                             UserId user);

// Adds one to the user's failed sign-ins in a row; answers the new count.
[[nodiscard]] core::Result<std::int64_t> add_failed_sign_in(store::Txn& txn,
                                                            tenancy::CompanyId company,
                                                            UserId user);

// Sets the status (and locked_at_us when locking), resetting the failure count on `active`.
[[nodiscard]] core::Result<void> update_status(
    store::Txn& txn, tenancy::CompanyId company, UserId user, UserStatus status, core::Instant at);

// Zeroes the failed sign-ins in a row (after a successful sign-in).
[[nodiscard]] core::Result<void> reset_failed_sign_ins(store::Txn& txn,
                                                       tenancy::CompanyId company,
                                                       UserId user);

[[nodiscard]] core::Result<void> update_password_hash(store::Txn& txn,
                                                      tenancy::CompanyId company,
                                                      UserId user,
                                                      std::string_view password_hash);

// The user's roles, sorted.
[[nodiscard]] core::Result<std::vector<std::string>> select_user_roles(store::Txn& txn,
                                                                       tenancy::CompanyId company,
                                                                       UserId user);

// Replaces every role of the user with `roles`.
[[nodiscard]] core::Result<void> replace_user_roles(store::Txn& txn,
                                                    tenancy::CompanyId company,
                                                    UserId user,
                                                    const std::vector<std::string>& roles);

// The department ids the user may see, ascending.
[[nodiscard]] core::Result<std::vector<std::int64_t>> select_user_departments(
    store::Txn& txn, tenancy::CompanyId company, UserId user);

// Replaces the user's departments with `departments` (ascending, no duplicates).
[[nodiscard]] core::Result<void> replace_user_departments(
    store::Txn& txn,
    tenancy::CompanyId company,
    UserId user,
    const std::vector<std::int64_t>& departments);

// --- sessions --------------------------------------------------------------------------------

struct SessionRow {
    std::int64_t id = 0;
    UserId user{};
    std::string username;
    UserStatus status = UserStatus::active;
    std::string csrf_token;
    core::Instant expires_at{0};
    std::optional<core::Instant> revoked_at;
};

struct NewSessionRow {
    tenancy::CompanyId company{};
    UserId user{};
    std::string token_hash;
    std::string csrf_token;
    std::string client_address;
    core::Instant created_at{0};
    core::Instant expires_at{0};
};

// Inserts a session; answers its id.
[[nodiscard]] core::Result<std::int64_t> insert_session(store::Txn& txn,
                                                        const NewSessionRow& session);

// The session with this token hash (with its user's name and status), or nullopt.
[[nodiscard]] core::Result<std::optional<SessionRow>> select_session(store::Txn& txn,
                                                                     tenancy::CompanyId company,
                                                                     std::string_view token_hash);

// Revokes one session (if not revoked already).
[[nodiscard]] core::Result<void> revoke_session(store::Txn& txn,
                                                tenancy::CompanyId company,
                                                std::int64_t session,
                                                core::Instant at);

// Revokes every live session of the user except `keep` (0 keeps none); answers how many.
[[nodiscard]] core::Result<std::int64_t> revoke_user_sessions(
    store::Txn& txn, tenancy::CompanyId company, UserId user, std::int64_t keep, core::Instant at);

// --- API tokens ------------------------------------------------------------------------------

// Inserts a token and its scopes; answers its id.
[[nodiscard]] core::Result<ApiTokenId> insert_token(store::Txn& txn,
                                                    const ApiToken& token,
                                                    std::string_view token_hash);

struct TokenRow {
    ApiToken token;
    std::string username;
    UserStatus status = UserStatus::active;
};

// The token with this hash (scopes, user name and status filled in), or nullopt.
[[nodiscard]] core::Result<std::optional<TokenRow>> select_token_by_hash(
    store::Txn& txn, tenancy::CompanyId company, std::string_view token_hash);

// The token with this id (scopes filled in), or nullopt.
[[nodiscard]] core::Result<std::optional<ApiToken>> select_token(store::Txn& txn,
                                                                 tenancy::CompanyId company,
                                                                 ApiTokenId id);

// The user's tokens, newest first, at most `limit`.
[[nodiscard]] core::Result<std::vector<ApiToken>> select_user_tokens(store::Txn& txn,
                                                                     tenancy::CompanyId company,
                                                                     UserId user,
                                                                     std::int64_t limit);

// How many of the user's tokens are neither revoked nor expired at `now`.
[[nodiscard]] core::Result<std::int64_t> count_live_tokens(store::Txn& txn,
                                                           tenancy::CompanyId company,
                                                           UserId user,
                                                           core::Instant now);

[[nodiscard]] core::Result<void> revoke_token(store::Txn& txn,
                                              tenancy::CompanyId company,
                                              ApiTokenId id,
                                              core::Instant at);

// --- auth epochs (schema/0063_auth_epochs.sql) ------------------------------------------------

// The company's auth epoch: 0 until the first change its triggers count.
[[nodiscard]] core::Result<std::int64_t> select_auth_epoch(store::Txn& txn,
                                                           tenancy::CompanyId company);

// --- per-address throttle ----------------------------------------------------------------------

// Failed sign-ins from `address` in the window starting at `window_start_us`.
[[nodiscard]] core::Result<std::int64_t> select_address_failures(store::Txn& txn,
                                                                 std::string_view address,
                                                                 std::int64_t window_start_us);

// Counts one more failure from `address` in the window, and forgets windows before it.
[[nodiscard]] core::Result<void> add_address_failure(store::Txn& txn,
                                                     std::string_view address,
                                                     std::int64_t window_start_us);

}  // namespace bo::platform::auth::queries
