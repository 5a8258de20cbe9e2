#include "platform/access/roles.hpp"

#include <algorithm>
#include <utility>

#include <boost/json.hpp>

#include "platform/access/roles_queries.hpp"
#include "platform/audit/audit.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::platform::access {
namespace {

using tenancy::FieldChecks;

Role from_definition(const RoleDefinition& definition) {
    Role role{.id = std::string(definition.id),
              .name = std::string(definition.name),
              .permissions = {},
              .department_scoped = definition.department_scoped,
              .built_in = true};
    for (const std::string_view permission : definition.permissions) {
        role.permissions.emplace_back(permission);
    }
    std::sort(role.permissions.begin(), role.permissions.end());
    return role;
}

// Checks every field; answers the permissions sorted and without duplicates.
core::Result<std::vector<std::string>> validate(const NewRole& input) {
    FieldChecks checks;
    checks.code("id", input.id, role_id_chars_max, FieldChecks::Case::lower);
    checks.required_text("name", input.name, role_name_chars_max);
    if (input.permissions.empty()) {
        checks.add("permissions", "must name at least one permission");
    } else if (input.permissions.size() > permission_catalogue().size()) {
        checks.add("permissions",
                   "must have at most " + std::to_string(permission_catalogue().size()) + " items");
    } else {
        for (std::size_t index = 0; index < input.permissions.size(); ++index) {
            if (!is_known_permission(input.permissions[index])) {
                checks.add("permissions/" + std::to_string(index), "is not a known permission");
            }
        }
    }
    BO_TRY(std::move(checks).finish("role"));
    std::vector<std::string> permissions = input.permissions;
    std::sort(permissions.begin(), permissions.end());
    permissions.erase(std::unique(permissions.begin(), permissions.end()), permissions.end());
    return permissions;
}

std::string json_text(const boost::json::value& value) {
    return boost::json::serialize(value);
}

audit::NewEvent role_created_event(const Role& role) {
    boost::json::array permissions;
    for (const std::string& permission : role.permissions) {
        permissions.emplace_back(permission);
    }
    return audit::NewEvent{
        .action = "role.create",
        .entity_type = "role",
        .entity_id = role.id,
        .changes = {{"id", std::nullopt, json_text(boost::json::value(role.id))},
                    {"name", std::nullopt, json_text(boost::json::value(role.name))},
                    {"permissions", std::nullopt, json_text(permissions)},
                    {"department_scoped",
                     std::nullopt,
                     json_text(boost::json::value(role.department_scoped))}}};
}

// True when a role's permissions are all self-service ones (`self.*`).
bool only_self_service(const std::vector<std::string_view>& permissions) {
    return std::all_of(permissions.begin(), permissions.end(), [](std::string_view permission) {
        return permission.starts_with("self.");
    });
}

}  // namespace

core::Result<Role> create_role(store::Txn& txn,
                               const core::Clock& clock,
                               const Actor& actor,
                               const NewRole& input) {
    BO_TRY_ASSIGN(std::vector<std::string> permissions, validate(input));
    if (find_built_in_role(input.id) != nullptr) {
        return tenancy::duplicate("id", "built-in role", input.id);
    }
    BO_TRY_ASSIGN(const std::optional<Role> existing,
                  queries::select_role(txn, actor.company, input.id));
    if (existing) {
        return tenancy::duplicate("id", "role", input.id);
    }
    BO_TRY_ASSIGN(const std::int64_t count, queries::count_roles(txn, actor.company));
    if (static_cast<std::size_t>(count) >= custom_roles_max) {
        return core::Error(core::ErrorCode::limit_exceeded,
                           "a company may define at most " + std::to_string(custom_roles_max)
                               + " roles of its own");
    }
    Role role{.id = input.id,
              .name = input.name,
              .permissions = std::move(permissions),
              .department_scoped = input.department_scoped,
              .built_in = false};
    BO_TRY(queries::insert_role(txn, actor.company, role, clock.now()));
    BO_TRY(audit::record(txn, clock, actor, role_created_event(role)));
    return role;
}

core::Result<std::vector<Role>> list_roles(store::Txn& txn, tenancy::CompanyId company) {
    std::vector<Role> roles;
    for (const RoleDefinition& definition : built_in_roles()) {
        roles.push_back(from_definition(definition));
    }
    BO_TRY_ASSIGN(std::vector<Role> custom, queries::select_roles(txn, company));
    std::move(custom.begin(), custom.end(), std::back_inserter(roles));
    return roles;
}

core::Result<std::optional<Role>> find_role(store::Txn& txn,
                                            tenancy::CompanyId company,
                                            std::string_view id) {
    if (const RoleDefinition* definition = find_built_in_role(id); definition != nullptr) {
        return std::optional<Role>(from_definition(*definition));
    }
    return queries::select_role(txn, company, id);
}

core::Result<void> check_roles_exist(store::Txn& txn,
                                     tenancy::CompanyId company,
                                     const std::vector<std::string>& roles,
                                     std::string_view field) {
    FieldChecks checks;
    for (std::size_t index = 0; index < roles.size(); ++index) {
        if (find_built_in_role(roles[index]) != nullptr) {
            continue;
        }
        BO_TRY_ASSIGN(const std::optional<Role> custom,
                      queries::select_role(txn, company, roles[index]));
        if (!custom) {
            checks.add(std::string(field) + "/" + std::to_string(index),
                       "is not a role of this company: " + roles[index]);
        }
    }
    return std::move(checks).finish("roles");
}

core::Result<Grant> resolve_roles(store::Txn& txn,
                                  tenancy::CompanyId company,
                                  const std::vector<std::string>& roles) {
    Grant grant;
    bool scoped = false;
    bool widened = false;
    for (const std::string& id : roles) {
        std::vector<std::string_view> permissions;
        bool department_scoped = false;
        std::optional<Role> custom;
        if (const RoleDefinition* definition = find_built_in_role(id); definition != nullptr) {
            permissions = definition->permissions;
            department_scoped = definition->department_scoped;
        } else {
            BO_TRY_ASSIGN(custom, queries::select_role(txn, company, id));
            if (!custom) {
                continue;
            }
            permissions.assign(custom->permissions.begin(), custom->permissions.end());
            department_scoped = custom->department_scoped;
        }
        for (const std::string_view permission : permissions) {
            grant.permissions.add(permission);
        }
        scoped = scoped || department_scoped;
        widened = widened || (!department_scoped && !only_self_service(permissions));
    }
    grant.department_scoped = scoped && !widened;
    return grant;
}

}  // namespace bo::platform::access
