// The SQL of custom roles (bodies in roles_queries.cpp, the only place it lives). Callers
// have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/access/roles.hpp"
#include "store/database.hpp"

namespace bo::platform::access::queries {

// Inserts the role and its permissions.
[[nodiscard]] core::Result<void> insert_role(store::Txn& txn,
                                             tenancy::CompanyId company,
                                             const Role& role,
                                             core::Instant created_at);

// The company's custom role with this id, permissions filled in, or nullopt.
[[nodiscard]] core::Result<std::optional<Role>> select_role(store::Txn& txn,
                                                            tenancy::CompanyId company,
                                                            std::string_view id);

// Every custom role of the company in creation order, permissions filled in.
[[nodiscard]] core::Result<std::vector<Role>> select_roles(store::Txn& txn,
                                                           tenancy::CompanyId company);

// How many custom roles the company has.
[[nodiscard]] core::Result<std::int64_t> count_roles(store::Txn& txn, tenancy::CompanyId company);

}  // namespace bo::platform::access::queries
