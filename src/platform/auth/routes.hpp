// The identity API: sign-in and sign-out, the caller's own profile, user administration and
// API tokens. `add_auth_routes` also adds the roles API (platform/access/roles_routes.hpp),
// so that one call installs everything about who may do what.
//
//   POST   /api/v1/session                  public          sign in (sets the session cookie)
//   DELETE /api/v1/session                  self.profile    sign out
//   GET    /api/v1/me                       self.profile    user, company, roles, permissions
//   POST   /api/v1/me/password              self.profile    change your own password
//   GET    /api/v1/users                    users.read      list (limit, cursor)
//   POST   /api/v1/users                    users.manage    create (password generated if absent)
//   GET    /api/v1/users/{id}               users.read
//   PUT    /api/v1/users/{id}/roles         users.manage    replace the roles
//   GET    /api/v1/users/{id}/departments   users.read      a manager's departments
//   PUT    /api/v1/users/{id}/departments   users.manage
//   POST   /api/v1/users/{id}/unlock        users.manage
//   POST   /api/v1/users/{id}/password      users.manage    admin reset (generated if absent)
//   GET    /api/v1/tokens                   tokens.manage   your API tokens
//   POST   /api/v1/tokens                   tokens.manage   create (secret shown once)
//   DELETE /api/v1/tokens/{id}              tokens.manage   revoke
// Thread safety: call before serving.
#pragma once

#include "platform/api/api.hpp"

namespace bo::platform::auth {

struct AuthRoutesOptions {
    bool secure_cookies = false;  // add `Secure` to the session cookie (served behind TLS)
};

// Adds the routes above and the roles routes to `api`.
void add_auth_routes(api::Api& api, const AuthRoutesOptions& options = {});

}  // namespace bo::platform::auth
