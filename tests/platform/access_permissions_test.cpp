// Goal: the permission catalogue and the built-in roles keep their promises: names are
// `module.action`, unique; the 13 roles of issue #4 exist; the auditor reads everything and
// changes nothing; the admin holds everything; only the manager is department-scoped.
// Method: plain checks over the immutable tables; no database.
#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "platform/access/permissions.hpp"

namespace bo::platform::access {
namespace {

bool holds(const RoleDefinition& role, std::string_view permission) {
    return std::find(role.permissions.begin(), role.permissions.end(), permission)
           != role.permissions.end();
}

const RoleDefinition& role(std::string_view id) {
    const RoleDefinition* found = find_built_in_role(id);
    EXPECT_NE(found, nullptr) << id;
    return *found;
}

TEST(Permissions, NamesAreModuleDotActionAndUnique) {
    std::set<std::string_view> seen;
    for (const PermissionInfo& info : permission_catalogue()) {
        EXPECT_EQ(std::count(info.name.begin(), info.name.end(), '.'), 1) << info.name;
        EXPECT_FALSE(info.name.starts_with(".") || info.name.ends_with(".")) << info.name;
        for (const char c : info.name) {
            EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '.' || c == '_') << info.name;
        }
        EXPECT_FALSE(info.description.empty()) << info.name;
        EXPECT_TRUE(seen.insert(info.name).second) << "duplicate " << info.name;
        EXPECT_TRUE(is_known_permission(info.name));
    }
    EXPECT_FALSE(is_known_permission("ledger.delete_everything"));
    EXPECT_FALSE(is_known_permission(""));
}

TEST(Permissions, TheAnnouncedPermissionsExist) {
    for (const std::string_view name :
         {"users.read",          "users.manage",      "roles.manage",        "tokens.manage",
          "audit.read",          "audit.verify",      "access.sod_override", "ledger.read",
          "ledger.post",         "ledger.manage",     "sales.read",          "sales.order",
          "inventory.read",      "inventory.manage",  "receivables.read",    "receivables.bill",
          "receivables.collect", "payables.read",     "payables.enter",      "payables.approve",
          "payroll.read",        "payroll.run",       "payroll.approve",     "hr.read",
          "hr.manage",           "recruiting.manage", "helpdesk.read",       "helpdesk.manage",
          "budgets.read",        "budgets.manage",    "self.timesheets",     "self.leave",
          "self.tickets",        "company.manage",    "self.profile",        "self.preferences"}) {
        EXPECT_TRUE(is_known_permission(name)) << name;
    }
}

// The thirteen roles issue #4 names, plus gl_clerk and accountant (drafts and posting, #5).
TEST(Roles, TheBuiltInRolesAreThoseOfIssuesFourAndFive) {
    std::set<std::string_view> ids;
    for (const RoleDefinition& definition : built_in_roles()) {
        ids.insert(definition.id);
        EXPECT_FALSE(definition.name.empty());
        EXPECT_FALSE(definition.permissions.empty()) << definition.id;
        for (const std::string_view permission : definition.permissions) {
            EXPECT_TRUE(is_known_permission(permission)) << definition.id << " " << permission;
        }
    }
    EXPECT_EQ(ids,
              (std::set<std::string_view>{"admin",
                                          "executive",
                                          "manager",
                                          "order_clerk",
                                          "warehouse_clerk",
                                          "billing_clerk",
                                          "ar_clerk",
                                          "ap_clerk",
                                          "payroll_clerk",
                                          "gl_clerk",
                                          "accountant",
                                          "hr_clerk",
                                          "recruiter",
                                          "helpdesk_agent",
                                          "auditor",
                                          "employee"}));
    EXPECT_EQ(find_built_in_role("superuser"), nullptr);
}

TEST(Roles, AuditorReadsEverythingAndChangesNothing) {
    const RoleDefinition& auditor = role("auditor");
    for (const std::string_view permission : auditor.permissions) {
        EXPECT_TRUE(is_read_only_permission(permission)) << permission;
    }
    for (const PermissionInfo& info : permission_catalogue()) {
        if (info.name.ends_with(".read")) {
            EXPECT_TRUE(holds(auditor, info.name)) << info.name;
        }
    }
    EXPECT_TRUE(holds(auditor, "audit.read"));
    EXPECT_TRUE(holds(auditor, "audit.verify"));
    EXPECT_FALSE(holds(auditor, "access.sod_override"));
    EXPECT_FALSE(holds(auditor, "tokens.manage"));
}

TEST(Roles, AdminHoldsEveryPermission) {
    const RoleDefinition& admin = role("admin");
    for (const PermissionInfo& info : permission_catalogue()) {
        EXPECT_TRUE(holds(admin, info.name)) << info.name;
    }
}

TEST(Roles, OnlyTheManagerIsDepartmentScoped) {
    for (const RoleDefinition& definition : built_in_roles()) {
        EXPECT_EQ(definition.department_scoped, definition.id == "manager") << definition.id;
    }
}

TEST(Roles, ClerksHoldTheirJobAndNotTheNeighbours) {
    EXPECT_TRUE(holds(role("ap_clerk"), "payables.enter"));
    EXPECT_FALSE(holds(role("ap_clerk"), "payables.approve"));  // segregation of duties
    EXPECT_TRUE(holds(role("payroll_clerk"), "payroll.run"));
    EXPECT_FALSE(holds(role("payroll_clerk"), "payroll.approve"));
    EXPECT_TRUE(holds(role("billing_clerk"), "receivables.credit"));
    EXPECT_FALSE(holds(role("billing_clerk"), "receivables.approve"));
    EXPECT_FALSE(holds(role("order_clerk"), "users.manage"));
    EXPECT_TRUE(holds(role("employee"), "self.timesheets"));
    EXPECT_FALSE(holds(role("employee"), "hr.read"));
}

TEST(Roles, EveryoneSignedInMaySeeThemselves) {
    const auto implicit = signed_in_permissions();
    EXPECT_NE(std::find(implicit.begin(), implicit.end(), "self.profile"), implicit.end());
    for (const std::string_view permission : implicit) {
        EXPECT_TRUE(is_known_permission(permission));
    }
}

}  // namespace
}  // namespace bo::platform::access
