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
#include "platform/auth/model.hpp"
#include "store/database.hpp"

namespace bo::platform::auth {

// Creates an active user of `company` with the given roles. Errors: invalid_argument (fields
// "username", "display_name", "email", "password", "roles/N"); conflict (field "username") if
// the username is taken in this company; internal if hashing fails.
[[nodiscard]] core::Result<User> create_user(store::Txn& txn,
                                             const core::Clock& clock,
                                             tenancy::CompanyId company,
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

}  // namespace bo::platform::auth
