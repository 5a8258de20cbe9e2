// Permissions and roles.
//
// A permission is a `module.action` string ("sales.order.create" is not allowed: exactly one
// dot; "ledger.post", "audit.read"). Every permission the program knows is in one catalogue
// (`permission_catalogue()`), so that a route naming an unknown permission is a bug caught at
// start-up. A role is a named set of permissions; the built-in roles (admin, executive,
// manager, order_clerk, billing_clerk, ar_clerk, ap_clerk, payroll_clerk, hr_clerk, recruiter,
// helpdesk_agent, auditor, employee) are defined in code, and admins may define more per
// company (stored in the database).
// Thread safety: plain values; the catalogue and built-in roles are immutable.
#pragma once

#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bo::platform::access {

class PermissionSet {
public:
    PermissionSet() = default;

    explicit PermissionSet(std::set<std::string, std::less<>> permissions)
        : permissions_(std::move(permissions)) {}

    // Whether the set holds `permission`, or a wider permission that implies it (ledger.read
    // implies ledger.read_department: seeing every department includes one's own).
    bool contains(std::string_view permission) const;

    void add(std::string_view permission) { permissions_.emplace(permission); }

    const std::set<std::string, std::less<>>& all() const noexcept { return permissions_; }

private:
    std::set<std::string, std::less<>> permissions_;
};

struct PermissionInfo {
    std::string_view name;         // "ledger.post"
    std::string_view description;  // one line, for the admin screen
};

// Every permission the program defines.
std::span<const PermissionInfo> permission_catalogue();

// Whether `permission` is in the catalogue.
bool is_known_permission(std::string_view permission);

struct RoleDefinition {
    std::string_view id;    // "ap_clerk"
    std::string_view name;  // "AP clerk"
    std::vector<std::string_view> permissions;
    bool department_scoped = false;  // true for `manager`: sees only their departments
};

// The built-in roles.
std::span<const RoleDefinition> built_in_roles();

// The built-in role with this id, or null.
const RoleDefinition* find_built_in_role(std::string_view id);

// Permissions every signed-in caller holds whatever their roles ("self.profile": see yourself,
// change your password, sign out; "self.preferences": saved filters). Without them a user
// with no role could not even sign out.
std::span<const std::string_view> signed_in_permissions();

// True for permissions that look at data without changing it: every `*.read`, plus
// `audit.verify` and `files.export`. The auditor role holds only such permissions.
bool is_read_only_permission(std::string_view permission);

}  // namespace bo::platform::access
