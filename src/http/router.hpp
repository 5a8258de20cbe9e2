// The route table: method + path pattern -> handler, readable in one place.
//
// Patterns are literal segments and `{name}` parameters ("/api/v1/customers/{id}"); a parameter
// may end in a literal suffix ("/letters/{customer}.pdf" binds "17" from "17.pdf"). A route is
// either explicitly public or names the permission it requires (enforced by the platform
// middleware once sign-in exists). Lookup answers the handler and the bound parameters, or
// tells 404 (no such path) from 405 (path exists, method does not).
// Thread safety: build the table before serving; lookups are then read-only and thread-safe.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace bo::http {

using PathParams = std::map<std::string, std::string, std::less<>>;

struct RouteContext {
    const Request& request;
    const PathParams& params;
};

using Handler = std::function<Response(const RouteContext&)>;

enum class Access { public_route, permission_required };

struct Route {
    Method method;
    std::string pattern;
    Access access;
    std::string permission;  // `module.action`; empty for public routes
    Handler handler;
};

class Router {
public:
    // Adds a route. Asserts that the pattern is well formed and not already taken for the
    // method, and that a non-public route names a permission: both are programmer errors.
    void add(Route route);

    struct Match {
        const Route* route = nullptr;  // null when nothing matched
        PathParams params;
        bool path_exists = false;  // true when another method serves this path (405)
    };

    Match match(Method method, std::string_view path) const;

    const std::vector<Route>& routes() const noexcept { return routes_; }

private:
    // One segment of a pattern, split once by add(): a literal, or a `{name}` parameter with
    // an optional literal suffix.
    struct Segment {
        std::string text;  // the literal, or the parameter's name without braces
        bool parameter = false;
        std::string suffix;  // parameters: what must follow the value ("" or ".pdf")
    };

    std::vector<Route> routes_;
    std::vector<std::vector<Segment>> patterns_;  // patterns_[i] is routes_[i].pattern, split
};

}  // namespace bo::http
