// HTTP routes of the company profile: GET and PUT /api/v1/company.
#pragma once

#include "platform/api/api.hpp"

namespace bo::platform::company {

void add_company_routes(api::Api& api);

}  // namespace bo::platform::company
