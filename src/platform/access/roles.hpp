// Roles: the built-in ones (permissions.hpp) and each company's own, stored in the database.
//
// A user holds roles by id ("ap_clerk", or a custom role's id such as "night_shift"); their
// permissions are the union of their roles' permissions. A custom role's id never equals a
// built-in id, so an id means the same thing in every company that has it.
// Department scope: a caller is limited to their departments when they hold a
// department-scoped role (`manager`) and every other role they hold is department-scoped too
// or grants only self-service (`self.*`) permissions; any other role widens them to all
// departments, because that role's work (an AP clerk's, say) is not departmental.
// Invariants: a stored custom role names only catalogue permissions, at least one.
// Thread safety: functions of a Txn; no shared state.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/access/permissions.hpp"
#include "platform/api/caller.hpp"
#include "platform/tenancy/model.hpp"
#include "store/database.hpp"

namespace bo::platform::access {

inline constexpr std::size_t role_id_chars_max = 64;
inline constexpr std::size_t role_name_chars_max = 200;

// 200 custom roles per company: an organisation with more roles than that has lost track of
// who may do what; it also bounds the role list the admin screen loads in one page.
inline constexpr std::size_t custom_roles_max = 200;

struct Role {
    std::string id;                        // "ap_clerk"
    std::string name;                      // "Accounts payable clerk"
    std::vector<std::string> permissions;  // sorted, no duplicates
    bool department_scoped = false;
    bool built_in = false;
};

// The input of create_role, as it comes from outside (not yet validated).
struct NewRole {
    std::string id;  // lower-case letters, digits, '-', '_', '.'; 1..64; not a built-in id
    std::string name;
    std::vector<std::string> permissions;  // catalogue names, at least one
    bool department_scoped = false;
};

// What a set of roles grants.
struct Grant {
    PermissionSet permissions;
    bool department_scoped = false;  // see the header comment
};

// Creates a custom role of `actor.company` and records a `role.create` audit event.
// Errors: invalid_argument (fields "id", "name", "permissions", "permissions/N"); conflict
// (field "id") when the id is a built-in role or taken; limit_exceeded past custom_roles_max.
[[nodiscard]] core::Result<Role> create_role(store::Txn& txn,
                                             const core::Clock& clock,
                                             const Actor& actor,
                                             const NewRole& input);

// Every role of the company: the built-in ones first (in catalogue order), then the custom
// ones in creation order.
[[nodiscard]] core::Result<std::vector<Role>> list_roles(store::Txn& txn,
                                                         tenancy::CompanyId company);

// The role with this id (built-in or the company's own), or nullopt.
[[nodiscard]] core::Result<std::optional<Role>> find_role(store::Txn& txn,
                                                          tenancy::CompanyId company,
                                                          std::string_view id);

// Checks that every id names a role of the company. Errors: invalid_argument with one field
// "<field>/N" per unknown role.
[[nodiscard]] core::Result<void> check_roles_exist(store::Txn& txn,
                                                   tenancy::CompanyId company,
                                                   const std::vector<std::string>& roles,
                                                   std::string_view field);

// The union of the roles' permissions and whether they limit the holder to departments.
// Ids that name no role (a custom role since removed) grant nothing.
[[nodiscard]] core::Result<Grant> resolve_roles(store::Txn& txn,
                                                tenancy::CompanyId company,
                                                const std::vector<std::string>& roles);

}  // namespace bo::platform::access
