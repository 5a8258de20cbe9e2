#include "platform/auth/service.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <boost/json.hpp>

#include "platform/access/roles.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/passwords.hpp"
#include "platform/auth/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::platform::auth {
namespace {

using tenancy::FieldChecks;

constexpr std::array<std::string_view, 3> user_status_names{"active", "locked", "disabled"};

// Checks a password a person chose.
void check_password_rules(FieldChecks& checks, std::string_view field, std::string_view password) {
    if (password.empty()) {
        checks.add(field, "is required");
    } else if (password.size() > password_bytes_max) {
        checks.add(field, "must be at most " + std::to_string(password_bytes_max) + " bytes");
    } else {
        const std::optional<std::size_t> chars = tenancy::utf8_chars(password);
        if (!chars) {
            checks.add(field, "must be valid UTF-8 text without control characters");
        } else if (*chars < password_chars_min) {
            checks.add(field,
                       "must be at least " + std::to_string(password_chars_min) + " characters");
        }
    }
}

void check_role_names(FieldChecks& checks, const std::vector<std::string>& roles) {
    if (roles.size() > user_roles_max) {
        checks.add("roles", "at most " + std::to_string(user_roles_max) + " roles");
        return;
    }
    for (std::size_t index = 0; index < roles.size(); ++index) {
        checks.code("roles/" + std::to_string(index),
                    roles[index],
                    role_chars_max,
                    FieldChecks::Case::lower);
    }
}

std::vector<std::string> sorted_unique(std::vector<std::string> roles) {
    std::sort(roles.begin(), roles.end());
    roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
    return roles;
}

// Checks every field; answers the roles sorted and without duplicates.
core::Result<std::vector<std::string>> validate(const NewUser& input) {
    FieldChecks checks;
    checks.code("username", input.username, username_chars_max, FieldChecks::Case::lower);
    checks.required_text("display_name", input.display_name, display_name_chars_max);
    checks.optional_email("email", input.email);
    check_password_rules(checks, "password", input.password);
    check_role_names(checks, input.roles);
    BO_TRY(std::move(checks).finish("user"));
    return sorted_unique(input.roles);
}

std::string json_text(const boost::json::value& value) {
    return boost::json::serialize(value);
}

boost::json::array json_strings(const std::vector<std::string>& items) {
    boost::json::array array;
    for (const std::string& item : items) {
        array.emplace_back(item);
    }
    return array;
}

core::Result<User> existing_user(store::Txn& txn, tenancy::CompanyId company, UserId id) {
    BO_TRY_ASSIGN(std::optional<User> user, queries::select_user_by_id(txn, company, id));
    if (!user) {
        return core::Error(core::ErrorCode::not_found, "no user " + id.to_string());
    }
    return std::move(*user);
}

core::Result<void> record(store::Txn& txn,
                          const core::Clock& clock,
                          const Actor& actor,
                          std::string action,
                          UserId user,
                          std::vector<audit::FieldChange> changes) {
    return audit::record(txn,
                         clock,
                         actor,
                         {.action = std::move(action),
                          .entity_type = "user",
                          .entity_id = user.to_string(),
                          .changes = std::move(changes)});
}

// The text written to the audit trail in place of a password: the trail records that it
// changed, never what it is.
constexpr std::string_view redacted = "\"(redacted)\"";

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
    BO_TRY(access::check_roles_exist(txn, company, input.roles, "roles"));
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

core::Result<User> create_user(store::Txn& txn,
                               const core::Clock& clock,
                               const Actor& actor,
                               const NewUser& input) {
    BO_TRY_ASSIGN(User user, create_user(txn, clock, actor.company, input));
    BO_TRY(record(txn,
                  clock,
                  actor,
                  "user.create",
                  user.id,
                  {{"username", std::nullopt, json_text(boost::json::value(user.username))},
                   {"display_name", std::nullopt, json_text(boost::json::value(user.display_name))},
                   {"email", std::nullopt, json_text(boost::json::value(user.email))},
                   {"roles", std::nullopt, json_text(json_strings(user.roles))},
                   {"password", std::nullopt, std::string(redacted)}}));
    return user;
}

core::Result<std::optional<User>> find_user_by_id(store::Txn& txn,
                                                  tenancy::CompanyId company,
                                                  UserId id) {
    return queries::select_user_by_id(txn, company, id);
}

core::Result<std::optional<User>> find_caller_user(store::Txn& txn, const Caller& caller) {
    BO_TRY_ASSIGN(std::optional<User> user,
                  queries::select_user_row_by_id(txn, caller.actor.company, caller.actor.user));
    if (user) {
        user->roles = caller.roles;
    }
    return user;
}

core::Result<User> unlock_user(store::Txn& txn,
                               const core::Clock& clock,
                               const Actor& actor,
                               UserId id) {
    BO_TRY_ASSIGN(User user, existing_user(txn, actor.company, id));
    if (user.status == UserStatus::disabled) {
        return core::Error(core::ErrorCode::conflict,
                           "user " + user.username + " is disabled, not locked");
    }
    const UserStatus before = user.status;
    BO_TRY(queries::update_status(txn, actor.company, id, UserStatus::active, clock.now()));
    user.status = UserStatus::active;
    if (before == UserStatus::locked) {
        BO_TRY(record(txn,
                      clock,
                      actor,
                      "user.unlock",
                      id,
                      {{"status",
                        json_text(boost::json::value(to_string(before))),
                        json_text(boost::json::value("active"))}}));
    }
    return user;
}

core::Result<void> reset_password(store::Txn& txn,
                                  const core::Clock& clock,
                                  const Actor& actor,
                                  UserId id,
                                  std::string_view password) {
    FieldChecks checks;
    check_password_rules(checks, "password", password);
    BO_TRY(std::move(checks).finish("password"));
    BO_TRY_ASSIGN(const User user, existing_user(txn, actor.company, id));
    BO_TRY_ASSIGN(const std::string hash, hash_password(password));
    BO_TRY(queries::update_password_hash(txn, actor.company, user.id, hash));
    BO_TRY(queries::revoke_user_sessions(txn, actor.company, user.id, 0, clock.now()));
    return record(txn,
                  clock,
                  actor,
                  "user.password_reset",
                  user.id,
                  {{"password", std::string(redacted), std::string(redacted)}});
}

core::Result<void> change_own_password(store::Txn& txn,
                                       const core::Clock& clock,
                                       const Caller& caller,
                                       std::string_view current_password,
                                       std::string_view new_password) {
    BO_ASSERT(caller.authenticated());
    FieldChecks checks;
    check_password_rules(checks, "new_password", new_password);
    BO_TRY(std::move(checks).finish("password"));
    BO_TRY_ASSIGN(const std::string stored,
                  queries::select_password_hash(txn, caller.actor.company, caller.actor.user));
    if (!verify_password(stored, current_password)) {
        return core::Error::invalid("current_password", "is wrong");
    }
    BO_TRY_ASSIGN(const std::string hash, hash_password(new_password));
    BO_TRY(queries::update_password_hash(txn, caller.actor.company, caller.actor.user, hash));
    const std::int64_t keep = caller.method == AuthMethod::session ? caller.credential_id : 0;
    BO_TRY(queries::revoke_user_sessions(
        txn, caller.actor.company, caller.actor.user, keep, clock.now()));
    return record(txn,
                  clock,
                  caller.actor,
                  "user.password_change",
                  caller.actor.user,
                  {{"password", std::string(redacted), std::string(redacted)}});
}

core::Result<User> set_user_roles(store::Txn& txn,
                                  const core::Clock& clock,
                                  const Actor& actor,
                                  UserId id,
                                  const std::vector<std::string>& roles) {
    FieldChecks checks;
    check_role_names(checks, roles);
    BO_TRY(std::move(checks).finish("roles"));
    BO_TRY(access::check_roles_exist(txn, actor.company, roles, "roles"));
    BO_TRY_ASSIGN(User user, existing_user(txn, actor.company, id));
    std::vector<std::string> after = sorted_unique(roles);
    if (after == user.roles) {
        return user;
    }
    BO_TRY(queries::replace_user_roles(txn, actor.company, id, after));
    BO_TRY(
        record(txn,
               clock,
               actor,
               "user.roles_change",
               id,
               {{"roles", json_text(json_strings(user.roles)), json_text(json_strings(after))}}));
    user.roles = std::move(after);
    return user;
}

core::Result<std::vector<std::int64_t>> user_departments(store::Txn& txn,
                                                         tenancy::CompanyId company,
                                                         UserId id) {
    BO_TRY(existing_user(txn, company, id));
    return queries::select_user_departments(txn, company, id);
}

core::Result<std::vector<std::int64_t>> set_user_departments(
    store::Txn& txn,
    const core::Clock& clock,
    const Actor& actor,
    UserId id,
    std::vector<std::int64_t> departments) {
    if (departments.size() > user_departments_max) {
        return core::Error(
            core::ErrorCode::limit_exceeded,
            "department_ids: at most " + std::to_string(user_departments_max),
            {{"department_ids",
              "must have at most " + std::to_string(user_departments_max) + " items"}});
    }
    FieldChecks checks;
    for (std::size_t index = 0; index < departments.size(); ++index) {
        if (departments[index] < 1) {
            checks.add("department_ids/" + std::to_string(index), "must be a department id");
        }
    }
    BO_TRY(std::move(checks).finish("departments"));
    BO_TRY_ASSIGN(const std::vector<std::int64_t> before, user_departments(txn, actor.company, id));
    std::sort(departments.begin(), departments.end());
    departments.erase(std::unique(departments.begin(), departments.end()), departments.end());
    if (departments == before) {
        return departments;
    }
    BO_TRY(queries::replace_user_departments(txn, actor.company, id, departments));
    const auto to_json = [](const std::vector<std::int64_t>& ids) {
        boost::json::array array;
        for (const std::int64_t department : ids) {
            array.emplace_back(department);
        }
        return json_text(array);
    };
    BO_TRY(record(txn,
                  clock,
                  actor,
                  "user.departments_change",
                  id,
                  {{"department_ids", to_json(before), to_json(departments)}}));
    return departments;
}

}  // namespace bo::platform::auth
