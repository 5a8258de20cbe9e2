// The roles API:
//   GET  /api/v1/permissions     users.read    the permission catalogue
//   GET  /api/v1/roles           users.read    built-in and custom roles
//   GET  /api/v1/roles/{id}      users.read
//   POST /api/v1/roles           roles.manage  define a custom role
// Thread safety: call before serving.
#pragma once

#include <boost/json/object.hpp>

#include "platform/access/roles.hpp"
#include "platform/api/api.hpp"

namespace bo::platform::access {

void add_access_routes(api::Api& api);

// The JSON of a role: {id, name, permissions, department_scoped, built_in}.
boost::json::object role_json(const Role& role);

}  // namespace bo::platform::access
