// Goal: `ledger.read_department` (issue #4: department managers read their own departments'
// reports) is in the catalogue, held by the manager role, read-only, and implied by
// `ledger.read` so that full readers (and tokens scoped to ledger.read) keep every report.
// Method: the catalogue and PermissionSet directly.
#include <algorithm>

#include <gtest/gtest.h>

#include "platform/access/permissions.hpp"

namespace bo::platform::access {
namespace {

TEST(ReadDepartment, IsKnownReadOnlyAndHeldByManagersOnly) {
    EXPECT_TRUE(is_known_permission("ledger.read_department"));
    EXPECT_TRUE(is_read_only_permission("ledger.read_department"));
    const RoleDefinition* manager = find_built_in_role("manager");
    ASSERT_NE(manager, nullptr);
    EXPECT_NE(std::find(manager->permissions.begin(),
                        manager->permissions.end(),
                        "ledger.read_department"),
              manager->permissions.end());
    EXPECT_EQ(std::find(manager->permissions.begin(), manager->permissions.end(), "ledger.read"),
              manager->permissions.end());
}

TEST(ReadDepartment, LedgerReadImpliesItAndNotTheOtherWayRound) {
    const PermissionSet reader({"ledger.read"});
    EXPECT_TRUE(reader.contains("ledger.read_department"));
    const PermissionSet manager({"ledger.read_department"});
    EXPECT_TRUE(manager.contains("ledger.read_department"));
    EXPECT_FALSE(manager.contains("ledger.read"));
    EXPECT_FALSE(PermissionSet({"ledger.post"}).contains("ledger.read_department"));
}

}  // namespace
}  // namespace bo::platform::access
