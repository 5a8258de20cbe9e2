// Segregation of duties' SQL (bodies in segregation_queries.cpp, the only place its SQL lives).
// Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/access/segregation.hpp"
#include "platform/auth/model.hpp"
#include "platform/tenancy/model.hpp"
#include "store/database.hpp"

namespace bo::platform::access::queries {

// The distinct actions `user` performed on `document`. Bounded by the number of distinct
// guarded actions (the primary key makes each action one row per user and document).
[[nodiscard]] core::Result<std::vector<std::string>> select_performed_actions(
    store::Txn& txn, tenancy::CompanyId company, auth::UserId user, Document document);

// Records the duty; a repeat of the same action by the same user keeps the first row.
[[nodiscard]] core::Result<void> insert_duty(store::Txn& txn,
                                             tenancy::CompanyId company,
                                             auth::UserId user,
                                             std::string_view action,
                                             Document document,
                                             core::Instant at);

}  // namespace bo::platform::access::queries
