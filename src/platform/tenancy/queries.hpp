// The tenancy module's SQL, behind plain functions (bodies in queries.cpp, the only place the
// module's SQL lives). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "platform/tenancy/model.hpp"
#include "store/database.hpp"

namespace bo::platform::tenancy::queries {

// Inserts one company; answers its new id.
[[nodiscard]] core::Result<CompanyId> insert_company(store::Txn& txn,
                                                     const NewCompany& input,
                                                     core::Instant created_at);

[[nodiscard]] core::Result<std::optional<Company>> select_company_by_code(store::Txn& txn,
                                                                          std::string_view code);

[[nodiscard]] core::Result<std::optional<Company>> select_company_by_id(store::Txn& txn,
                                                                        CompanyId id);

[[nodiscard]] core::Result<std::vector<Company>> select_companies(store::Txn& txn,
                                                                  CompanyId after_id,
                                                                  std::int64_t limit);

}  // namespace bo::platform::tenancy::queries
