// The auth module's SQL for users, behind plain functions (bodies in queries.cpp, the only
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

}  // namespace bo::platform::auth::queries
