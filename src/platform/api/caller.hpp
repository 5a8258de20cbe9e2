// Who is making a request, as every service and the audit trail see it.
//
// `Actor` is what a service needs to stamp and audit a change: the company (every query is
// scoped by it), the user, the request id and the client address. `Caller` adds what the API
// layer checks before a handler runs: how the caller authenticated, their roles, permissions
// and, for department managers, the departments they may see.
// Invariants: an authenticated Caller always has a company and a user; the anonymous caller
// (public routes) has neither and no permissions.
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "platform/access/permissions.hpp"
#include "platform/auth/model.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::platform {

struct Actor {
    tenancy::CompanyId company{};
    auth::UserId user{};
    std::string username;
    std::string request_id;
    std::string client_address;
};

enum class AuthMethod { none, session, token };

// A caller's permissions: one PermissionSet shared by the copies of a Caller and copied only
// when a copy changes it. The caller cache (platform/auth/caller_cache.hpp) hands every
// request a copy of a cached Caller, and an administrator holds every permission in the
// catalogue, so copying the set itself would cost more than the rest of a small request.
// Thread safety: like a plain value (a shared set is never changed in place).
class CallerPermissions {
public:
    bool contains(std::string_view permission) const {
        return set_ != nullptr && set_->contains(permission);
    }

    const std::set<std::string, std::less<>>& all() const noexcept {
        static const access::PermissionSet empty;
        return set_ == nullptr ? empty.all() : set_->all();
    }

    void add(std::string_view permission) {
        if (set_ == nullptr) {
            set_ = std::make_shared<access::PermissionSet>();
        } else if (set_.use_count() > 1) {
            set_ = std::make_shared<access::PermissionSet>(*set_);  // copy on write
        }
        set_->add(permission);
    }

    CallerPermissions& operator=(access::PermissionSet permissions) {
        set_ = std::make_shared<access::PermissionSet>(std::move(permissions));
        return *this;
    }

private:
    std::shared_ptr<access::PermissionSet> set_;  // null: no permissions
};

struct Caller {
    Actor actor;
    AuthMethod method = AuthMethod::none;
    std::vector<std::string> roles;
    CallerPermissions permissions;
    // Department ids a department manager is limited to; nullopt means every department.
    std::optional<std::vector<std::int64_t>> department_scope;
    // The session's CSRF token (cookie sessions only): writes must echo it in X-CSRF-Token.
    std::string csrf_token;
    // The row id of the session or API token the caller presented (0 when anonymous), so that
    // sign-out can revoke exactly that session.
    std::int64_t credential_id = 0;

    bool authenticated() const noexcept { return method != AuthMethod::none; }
};

}  // namespace bo::platform
