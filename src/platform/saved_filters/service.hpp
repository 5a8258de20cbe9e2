// Saved filters: create, list and delete a user's own filters. Every change is audited.
// Errors: invalid_argument for empty or oversized fields; not_found for another user's or a
// missing filter. Thread safety: functions of a Txn.
#pragma once

#include <cstdint>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "platform/saved_filters/model.hpp"
#include "store/database.hpp"

namespace bo::platform::saved_filters {

[[nodiscard]] core::Result<SavedFilter> create_saved_filter(store::Txn& txn,
                                                            const core::Clock& clock,
                                                            const Actor& actor,
                                                            const NewSavedFilter& input);

// The actor's filters for `resource`, oldest first, after `after_id`, at most `limit`.
[[nodiscard]] core::Result<std::vector<SavedFilter>> list_saved_filters(store::Txn& txn,
                                                                        const Actor& actor,
                                                                        std::string_view resource,
                                                                        SavedFilterId after_id,
                                                                        std::int64_t limit);

[[nodiscard]] core::Result<void> delete_saved_filter(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     const Actor& actor,
                                                     SavedFilterId id);

}  // namespace bo::platform::saved_filters
