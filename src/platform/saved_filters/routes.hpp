// HTTP routes of saved filters: GET/POST /api/v1/saved-filters, DELETE /api/v1/saved-filters/{id}.
#pragma once

#include "platform/api/api.hpp"

namespace bo::platform::saved_filters {

void add_saved_filter_routes(api::Api& api);

}  // namespace bo::platform::saved_filters
