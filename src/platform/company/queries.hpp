// The company profile's SQL (bodies in queries.cpp). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <optional>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/company/profile.hpp"
#include "store/database.hpp"

namespace bo::platform::company::queries {

[[nodiscard]] core::Result<std::optional<CompanyProfile>> select_profile(
    store::Txn& txn, tenancy::CompanyId company);

// Inserts or replaces the company's profile.
[[nodiscard]] core::Result<void> upsert_profile(store::Txn& txn,
                                                tenancy::CompanyId company,
                                                const CompanyProfile& profile,
                                                core::Instant updated_at);

}  // namespace bo::platform::company::queries
