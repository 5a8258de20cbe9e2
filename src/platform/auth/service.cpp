#include "platform/auth/service.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "platform/auth/passwords.hpp"
#include "platform/auth/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::platform::auth {
namespace {

using tenancy::FieldChecks;

constexpr std::array<std::string_view, 3> user_status_names{"active", "locked", "disabled"};

// Checks every field; answers the roles sorted and without duplicates.
core::Result<std::vector<std::string>> validate(const NewUser& input) {
    FieldChecks checks;
    checks.code("username", input.username, username_chars_max, FieldChecks::Case::lower);
    checks.required_text("display_name", input.display_name, display_name_chars_max);
    checks.optional_email("email", input.email);
    if (input.password.empty()) {
        checks.add("password", "is required");
    } else if (input.password.size() > password_bytes_max) {
        checks.add("password", "must be at most " + std::to_string(password_bytes_max) + " bytes");
    }
    if (input.roles.size() > user_roles_max) {
        checks.add("roles", "at most " + std::to_string(user_roles_max) + " roles");
    } else {
        for (std::size_t index = 0; index < input.roles.size(); ++index) {
            checks.code("roles/" + std::to_string(index),
                        input.roles[index],
                        role_chars_max,
                        FieldChecks::Case::lower);
        }
    }
    BO_TRY(std::move(checks).finish("user"));
    std::vector<std::string> roles = input.roles;
    std::sort(roles.begin(), roles.end());
    roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
    return roles;
}

}  // namespace

std::string_view to_string(UserStatus status) noexcept {
    return user_status_names.at(static_cast<std::size_t>(status));
}

core::Result<UserStatus> parse_user_status(std::string_view text) {
    for (std::size_t index = 0; index < user_status_names.size(); ++index) {
        if (user_status_names[index] == text) {
            return static_cast<UserStatus>(index);
        }
    }
    return core::Error::invalid("status", "must be one of active, locked, disabled");
}

core::Result<User> create_user(store::Txn& txn,
                               const core::Clock& clock,
                               tenancy::CompanyId company,
                               const NewUser& input) {
    BO_TRY_ASSIGN(std::vector<std::string> roles, validate(input));
    BO_TRY_ASSIGN(const std::optional<User> existing,
                  queries::select_user(txn, company, input.username));
    if (existing) {
        return tenancy::duplicate("username", "user", input.username);
    }
    BO_TRY_ASSIGN(const std::string hash, hash_password(input.password));
    User user{.id = {},
              .company_id = company,
              .username = input.username,
              .display_name = input.display_name,
              .email = input.email,
              .status = UserStatus::active,
              .roles = std::move(roles),
              .created_at = clock.now()};
    BO_TRY_ASSIGN(user.id, queries::insert_user(txn, user, hash));
    BO_TRY(queries::insert_user_roles(txn, company, user.id, user.roles));
    return user;
}

core::Result<std::optional<User>> find_user(store::Txn& txn,
                                            tenancy::CompanyId company,
                                            std::string_view username) {
    return queries::select_user(txn, company, username);
}

core::Result<bool> check_password(store::Txn& txn,
                                  tenancy::CompanyId company,
                                  std::string_view username,
                                  std::string_view password) {
    BO_TRY_ASSIGN(const std::optional<queries::Credentials> credentials,
                  queries::select_credentials(txn, company, username));
    if (!credentials || credentials->status != UserStatus::active) {
        return false;
    }
    return verify_password(credentials->password_hash, password);
}

core::Result<std::vector<User>> list_users(store::Txn& txn,
                                           tenancy::CompanyId company,
                                           UserId after_id,
                                           std::int64_t limit) {
    BO_TRY(tenancy::check_page_limit(limit));
    return queries::select_users(txn, company, after_id, limit);
}

}  // namespace bo::platform::auth
