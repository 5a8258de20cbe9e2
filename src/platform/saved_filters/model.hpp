// Saved filters: named searches a user keeps for a list screen.
//
// A filter belongs to one user and one resource ("customers", "sales-orders"); its query is
// the list's query string as the web app sends it ("status=on_hold&currency=EUR"), stored
// verbatim and never interpreted by the server beyond its length.
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <string>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "platform/auth/model.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::platform::saved_filters {

struct SavedFilterTag;
using SavedFilterId = core::Id<SavedFilterTag>;

inline constexpr std::size_t resource_chars_max = 64;
inline constexpr std::size_t name_chars_max = 100;
inline constexpr std::size_t query_chars_max = 2000;

struct SavedFilter {
    SavedFilterId id{};
    tenancy::CompanyId company_id{};
    auth::UserId user_id{};
    std::string resource;
    std::string name;
    std::string query;
    core::Instant created_at{0};
};

struct NewSavedFilter {
    std::string resource;
    std::string name;
    std::string query;
};

}  // namespace bo::platform::saved_filters
