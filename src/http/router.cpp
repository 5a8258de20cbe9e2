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

// The position of the '}' closing a `{name}` or `{name}suffix` segment, or npos.
std::size_t parameter_end(std::string_view segment) {
    const std::size_t close = segment.find('}');
    return segment.size() > 2 && segment.front() == '{' && close != std::string_view::npos
                   && close > 1
               ? close
               : std::string_view::npos;
}

}  // namespace

void Router::add(Route route) {
    BO_ASSERT(!route.pattern.empty() && route.pattern.front() == '/');
    BO_ASSERT(route.handler != nullptr);
    BO_ASSERT(route.access == Access::public_route || !route.permission.empty());
    for (const auto& existing : routes_) {
        BO_ASSERT(!(existing.method == route.method && existing.pattern == route.pattern));
    }
    std::vector<Segment> segments;
    for (std::string_view segment : split_path(route.pattern)) {
        const std::size_t close = parameter_end(segment);
        segments.push_back(close != std::string_view::npos
                               ? Segment{std::string(segment.substr(1, close - 1)), true,
                                         std::string(segment.substr(close + 1))}
                               : Segment{std::string(segment), false, {}});
    }
    patterns_.push_back(std::move(segments));
    routes_.push_back(std::move(route));
}

namespace {

// Whether a pattern split by add() matches the path's segments: equal counts, equal literals.
template <typename Pattern>
bool matches(const Pattern& pattern, const std::vector<std::string_view>& segments) {
    if (pattern.size() != segments.size()) {
        return false;
    }
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (!pattern[i].parameter && pattern[i].text != segments[i]) {
            return false;
        }
        if (pattern[i].parameter && !pattern[i].suffix.empty()
            && (segments[i].size() <= pattern[i].suffix.size()
                || !segments[i].ends_with(pattern[i].suffix))) {
            return false;
        }
    }
    return true;
}

// The parameters a matching pattern binds, by name.
template <typename Pattern>
PathParams bind(const Pattern& pattern, const std::vector<std::string_view>& segments) {
    PathParams params;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i].parameter) {
            params.emplace(pattern[i].text,
                           std::string(segments[i].substr(
                               0, segments[i].size() - pattern[i].suffix.size())));
        }
    }
    return params;
}

}  // namespace

// The path is split once and compared with the patterns split by add(), in table order; only
// the matching route's parameters are copied out. (Splitting every pattern on every request
// cost more than the rest of a small API request.)
Router::Match Router::match(Method method, std::string_view path) const {
    Match result;
    const std::vector<std::string_view> segments = split_path(path);
    for (std::size_t index = 0; index < routes_.size(); ++index) {
        if (!matches(patterns_[index], segments)) {
            continue;
        }
        const Route& route = routes_[index];
        if (route.method == method || (method == Method::head && route.method == Method::get)) {
            result.route = &route;
            result.params = bind(patterns_[index], segments);
            return result;
        }
        result.path_exists = true;
    }
    return result;
}

}  // namespace bo::http
