// The users service: create, find and list the users of a company.
//
// Each function runs inside the caller's transaction and never commits. Inputs are validated
// here: a bad field is invalid_argument with field errors, and then nothing is written.
// create_user hashes the password with argon2id (passwords.hpp), which takes ~0.1 s and 64 MiB
// by design; callers creating many users should expect that.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "platform/auth/model.hpp"
#include "store/database.hpp"

namespace bo::platform::auth {

// 10 characters at least for a password a person sets: NIST SP 800-63B asks for 8; generated
// passwords have 20.
inline constexpr std::size_t password_chars_min = 10;

// 100 departments per manager: a manager of more is an executive.
inline constexpr std::size_t user_departments_max = 100;

// Creates an active user of `company` with the given roles, without an audit event (the demo
// seed; everything else uses the Actor overload). Errors: invalid_argument (fields
// "username", "display_name", "email", "password" — empty, shorter than password_chars_min or
// too long —, "roles/N" — malformed or not a role of the company); conflict (field
// "username") if the username is taken in this company; internal if hashing fails.
[[nodiscard]] core::Result<User> create_user(store::Txn& txn,
                                             const core::Clock& clock,
                                             tenancy::CompanyId company,
                                             const NewUser& input);

// As above, in `actor.company`, recording a `user.create` audit event by `actor`.
[[nodiscard]] core::Result<User> create_user(store::Txn& txn,
                                             const core::Clock& clock,
                                             const Actor& actor,
                                             const NewUser& input);

// The user with this username in `company`, with its roles, or nullopt.
[[nodiscard]] core::Result<std::optional<User>> find_user(store::Txn& txn,
                                                          tenancy::CompanyId company,
                                                          std::string_view username);

// True iff `company` has an active user `username` whose password is `password`. Unknown users
// and wrong passwords are indistinguishable to the caller (both false).
[[nodiscard]] core::Result<bool> check_password(store::Txn& txn,
                                                tenancy::CompanyId company,
                                                std::string_view username,
                                                std::string_view password);

// Up to `limit` users of `company` in creation order, after id `after_id` (0 = from the first),
// with their roles. Errors: invalid_argument / limit_exceeded (field "limit").
[[nodiscard]] core::Result<std::vector<User>> list_users(store::Txn& txn,
                                                         tenancy::CompanyId company,
                                                         UserId after_id,
                                                         std::int64_t limit);

// The user with this id in `company`, with its roles, or nullopt.
[[nodiscard]] core::Result<std::optional<User>> find_user_by_id(store::Txn& txn,
                                                                tenancy::CompanyId company,
                                                                UserId id);

// The signed-in caller's own user, or nullopt when it no longer exists. Its roles are the
// caller's, resolved in this transaction or checked against the auth epoch in it, so they are
// not read again (one statement instead of two on every GET /api/v1/me).
[[nodiscard]] core::Result<std::optional<User>> find_caller_user(store::Txn& txn,
                                                                 const Caller& caller);

// Makes a locked user active again and clears their failure count (user.unlock event); an
// active user only has the count cleared. Errors: not_found; conflict for a disabled user.
[[nodiscard]] core::Result<User> unlock_user(store::Txn& txn,
                                             const core::Clock& clock,
                                             const Actor& actor,
                                             UserId id);

// Sets a new password chosen by an admin and signs the user out everywhere (revokes their
// sessions; API tokens stay). Records user.password_reset. Errors: not_found;
// invalid_argument (field "password").
[[nodiscard]] core::Result<void> reset_password(store::Txn& txn,
                                                const core::Clock& clock,
                                                const Actor& actor,
                                                UserId id,
                                                std::string_view password);

// Changes the caller's own password after checking the current one, and revokes their other
// sessions (user.password_change). Errors: invalid_argument (fields "current_password" when
// wrong, "new_password").
[[nodiscard]] core::Result<void> change_own_password(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     const Caller& caller,
                                                     std::string_view current_password,
                                                     std::string_view new_password);

// Replaces the user's roles (user.roles_change with before/after). Errors: not_found;
// invalid_argument (fields "roles", "roles/N").
[[nodiscard]] core::Result<User> set_user_roles(store::Txn& txn,
                                                const core::Clock& clock,
                                                const Actor& actor,
                                                UserId id,
                                                const std::vector<std::string>& roles);

// The departments a (department-scoped) user may see, ascending.
[[nodiscard]] core::Result<std::vector<std::int64_t>> user_departments(store::Txn& txn,
                                                                       tenancy::CompanyId company,
                                                                       UserId id);

// Replaces the departments the user may see (user.departments_change). Errors: not_found;
// invalid_argument (field "department_ids/N" for an id < 1); limit_exceeded past
// user_departments_max.
[[nodiscard]] core::Result<std::vector<std::int64_t>> set_user_departments(
    store::Txn& txn,
    const core::Clock& clock,
    const Actor& actor,
    UserId id,
    std::vector<std::int64_t> departments);

}  // namespace bo::platform::auth
