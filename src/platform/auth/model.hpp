// Users and API tokens: the plain types of the auth module (sessions are in sessions.hpp;
// roles and permissions in platform/access).
//
// A user signs in to one company with a username that is unique within it. Roles are granted
// by name ("admin", "ap_clerk", ...); their permissions are defined by the roles module.
// Invariants: a User never carries its password or hash; the hash stays in the store and is
// read only to verify a password.
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::platform::auth {

struct UserTag;
using UserId = core::Id<UserTag>;

inline constexpr std::size_t username_chars_max = 64;
inline constexpr std::size_t display_name_chars_max = 200;
inline constexpr std::size_t role_chars_max = 64;

// 32 roles per user: the built-in roles number about fifteen; a user holding more than twice
// that is a mistake, not a need.
inline constexpr std::size_t user_roles_max = 32;

// Enumerators equal the stored and wire names.
enum class UserStatus { active, locked, disabled };

std::string_view to_string(UserStatus status) noexcept;

// Parses a stored or wire name. Errors: invalid_argument (field "status").
[[nodiscard]] core::Result<UserStatus> parse_user_status(std::string_view text);

struct User {
    UserId id{};
    tenancy::CompanyId company_id{};
    std::string username;
    std::string display_name;
    std::string email;
    UserStatus status = UserStatus::active;
    std::vector<std::string> roles;  // sorted, no duplicates
    core::Instant created_at{0};
};

struct ApiTokenTag;
using ApiTokenId = core::Id<ApiTokenTag>;

// An API token as stored, without its secret (which only its creator ever sees, once).
struct ApiToken {
    ApiTokenId id{};
    tenancy::CompanyId company_id{};
    UserId user_id{};
    std::string name;
    std::vector<std::string> scopes;  // catalogue permissions, sorted
    core::Instant created_at{0};
    core::Instant expires_at{0};
    std::optional<core::Instant> revoked_at;
};

// The input of create_user, as it comes from outside (not yet validated).
struct NewUser {
    std::string username;  // lower-case letters, digits, '-', '_', '.'; 1..64
    std::string display_name;
    std::string email;     // optional
    std::string password;  // plaintext; hashed by create_user, never stored
    std::vector<std::string> roles;
};

}  // namespace bo::platform::auth
