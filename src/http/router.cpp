#include "http/router.hpp"

#include "core/assert.hpp"

namespace bo::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (start < path.size()) {
        if (path[start] == '/') {
            ++start;
            continue;
        }
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        segments.push_back(path.substr(start, end - start));
        start = end;
    }
    return segments;
}

bool is_parameter(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::optional<PathParams> bind_params(std::string_view pattern, std::string_view path) {
    auto pattern_segments = split_path(pattern);
    auto path_segments = split_path(path);
    if (pattern_segments.size() != path_segments.size()) {
        return std::nullopt;
    }
    PathParams params;
    for (std::size_t i = 0; i < pattern_segments.size(); ++i) {
        std::string_view expected = pattern_segments[i];
        if (is_parameter(expected)) {
            params.emplace(std::string(expected.substr(1, expected.size() - 2)),
                           std::string(path_segments[i]));
        } else if (expected != path_segments[i]) {
            return std::nullopt;
        }
    }
    return params;
}

}  // namespace

void Router::add(Route route) {
    BO_ASSERT(!route.pattern.empty() && route.pattern.front() == '/');
    BO_ASSERT(route.handler != nullptr);
    BO_ASSERT(route.access == Access::public_route || !route.permission.empty());
    for (const auto& existing : routes_) {
        BO_ASSERT(!(existing.method == route.method && existing.pattern == route.pattern));
    }
    routes_.push_back(std::move(route));
}

Router::Match Router::match(Method method, std::string_view path) const {
    Match result;
    for (const auto& route : routes_) {
        auto params = bind_params(route.pattern, path);
        if (!params) {
            continue;
        }
        if (route.method == method || (method == Method::head && route.method == Method::get)) {
            result.route = &route;
            result.params = std::move(*params);
            return result;
        }
        result.path_exists = true;
    }
    return result;
}

}  // namespace bo::http
