// The OpenAPI document and the route table describe the same API.
//
// Method: build the program's real route table (cli::add_api_routes + add_system_routes), parse
// the embedded docs/api/openapi.json, and compare the two sets of (method, path) both ways;
// each operation's `x-permission` must be the route's permission (null for public routes). A
// route added without documentation, or documentation of a route that does not exist, fails.
// Then walk the whole document: every "$ref" must point at something that exists in it, and
// every `{name}` of a path must be declared as a path parameter of each of its operations.
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "cli/routes.hpp"
#include "core/date.hpp"

namespace bo::testing {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

using Operation = std::pair<std::string, std::string>;  // (method, path)

boost::json::value parsed_document() {
    boost::system::error_code error;
    boost::json::value document = boost::json::parse(cli::openapi_document(), error);
    EXPECT_FALSE(error) << "docs/api/openapi.json is not JSON: " << error.message();
    return document;
}

// `key` escaped as one JSON-pointer token ("/api/v1/users" -> "~1api~1v1~1users").
std::string pointer_token(std::string_view key) {
    std::string token;
    for (char c : key) {
        if (c == '~') {
            token += "~0";
        } else if (c == '/') {
            token += "~1";
        } else {
            token += c;
        }
    }
    return token;
}

// Every "$ref" string under `value`, with the JSON pointer of where it was found.
void collect_refs(const boost::json::value& value,
                  const std::string& where,
                  std::vector<std::pair<std::string, std::string>>& refs) {
    if (const auto* object = value.if_object()) {
        for (const auto& [key, member] : *object) {
            if (key == "$ref" && member.is_string()) {
                refs.emplace_back(where, std::string(member.get_string()));
            } else {
                collect_refs(member, where + "/" + pointer_token(key), refs);
            }
        }
    } else if (const auto* array = value.if_array()) {
        for (std::size_t index = 0; index < array->size(); ++index) {
            collect_refs((*array)[index], where + "/" + std::to_string(index), refs);
        }
    }
}

// The names of the `{name}` parameters of a path pattern.
std::set<std::string> path_parameters(std::string_view pattern) {
    std::set<std::string> names;
    for (std::size_t open = pattern.find('{'); open != std::string_view::npos;
         open = pattern.find('{', open + 1)) {
        std::size_t close = pattern.find('}', open);
        if (close == std::string_view::npos) {
            break;
        }
        names.emplace(pattern.substr(open + 1, close - open - 1));
    }
    return names;
}

// The parameter object itself, following one local $ref (components/parameters/...).
const boost::json::object* resolve_parameter(const boost::json::value& document,
                                             const boost::json::value& parameter) {
    const auto* object = parameter.if_object();
    if (object == nullptr || !object->contains("$ref")) {
        return object;
    }
    const auto* target = object->at("$ref").if_string();
    if (target == nullptr || !target->starts_with("#")) {
        return nullptr;
    }
    boost::system::error_code error;
    const auto* found = document.find_pointer(target->subview(1), error);
    return found == nullptr ? nullptr : found->if_object();
}

TEST(OpenApi, DocumentsExactlyTheRouteTable) {
    auto database = store::Database::open("sqlite::memory:");
    ASSERT_TRUE(database.ok());
    core::SystemClock clock;
    platform::api::Api api(**database, clock, platform::api::ApiOptions{});
    cli::add_api_routes(api);
    http::Router router;
    cli::add_system_routes(router, **database);
    api.install(router);

    std::map<Operation, std::string> routes;  // -> permission ("" for public)
    for (const auto& route : router.routes()) {
        routes[{lower(http::to_string(route.method)), route.pattern}] = route.permission;
    }

    auto document = parsed_document();
    ASSERT_TRUE(document.is_object());
    EXPECT_EQ(document.at("openapi").as_string(), "3.1.0");
    std::map<Operation, std::string> documented;
    for (const auto& [path, item] : document.at("paths").as_object()) {
        for (const auto& [method, operation] : item.as_object()) {
            const auto& permission = operation.at("x-permission");
            documented[{std::string(method), std::string(path)}] =
                permission.is_null() ? "" : std::string(permission.as_string());
            EXPECT_TRUE(operation.as_object().contains("summary")) << method << " " << path;
            EXPECT_TRUE(operation.as_object().contains("responses")) << method << " " << path;
        }
    }
    for (const auto& [operation, permission] : routes) {
        auto found = documented.find(operation);
        EXPECT_NE(found, documented.end())
            << operation.first << " " << operation.second << " is missing from openapi.json";
        if (found != documented.end()) {
            EXPECT_EQ(found->second, permission)
                << "x-permission of " << operation.first << " " << operation.second;
        }
    }
    for (const auto& [operation, permission] : documented) {
        EXPECT_TRUE(routes.contains(operation))
            << "openapi.json documents " << operation.first << " " << operation.second
            << ", which no route serves";
    }
}

TEST(OpenApi, EveryReferenceResolvesAndEveryPathParameterIsDeclared) {
    auto document = parsed_document();
    ASSERT_TRUE(document.is_object());

    std::vector<std::pair<std::string, std::string>> refs;  // (where, target)
    collect_refs(document, "#", refs);
    EXPECT_FALSE(refs.empty());
    for (const auto& [where, target] : refs) {
        ASSERT_TRUE(target.starts_with("#/")) << where << ": only local references: " << target;
        boost::system::error_code error;
        const auto* found = document.find_pointer(std::string_view(target).substr(1), error);
        EXPECT_NE(found, nullptr) << where << ": $ref " << target << " points at nothing";
    }

    for (const auto& [path, item] : document.at("paths").as_object()) {
        const std::set<std::string> expected = path_parameters(path);
        for (const auto& [method, operation] : item.as_object()) {
            std::set<std::string> declared;
            if (const auto* parameters = operation.as_object().if_contains("parameters")) {
                for (const auto& parameter : parameters->as_array()) {
                    const auto* resolved = resolve_parameter(document, parameter);
                    ASSERT_NE(resolved, nullptr) << method << " " << path << ": bad parameter";
                    if (resolved->at("in").as_string() == "path") {
                        EXPECT_TRUE(resolved->at("required").as_bool()) << method << " " << path;
                        declared.emplace(resolved->at("name").as_string());
                    }
                }
            }
            EXPECT_EQ(declared, expected) << "path parameters of " << method << " " << path;
        }
    }
}

}  // namespace
}  // namespace bo::testing
