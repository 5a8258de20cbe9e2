// The SQL of saved filters (the only place it lives).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "platform/saved_filters/model.hpp"
#include "store/database.hpp"

namespace bo::platform::saved_filters::queries {

[[nodiscard]] core::Result<SavedFilterId> insert_saved_filter(store::Txn& txn,
                                                              const SavedFilter& filter);

[[nodiscard]] core::Result<std::vector<SavedFilter>> select_saved_filters(
    store::Txn& txn,
    tenancy::CompanyId company,
    auth::UserId user,
    std::string_view resource,
    SavedFilterId after_id,
    std::int64_t limit);

[[nodiscard]] core::Result<std::optional<SavedFilter>> select_saved_filter(
    store::Txn& txn, tenancy::CompanyId company, SavedFilterId id);

[[nodiscard]] core::Result<void> delete_saved_filter(store::Txn& txn,
                                                     tenancy::CompanyId company,
                                                     SavedFilterId id);

}  // namespace bo::platform::saved_filters::queries
