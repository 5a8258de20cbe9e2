#include "platform/access/roles_routes.hpp"

#include <boost/json.hpp>

#include "platform/api/json.hpp"

namespace bo::platform::access {
namespace {

boost::json::array strings(const std::vector<std::string>& items) {
    boost::json::array array;
    for (const std::string& item : items) {
        array.emplace_back(item);
    }
    return array;
}

core::Result<api::ApiResponse> permissions(store::Txn&, const api::ApiRequest&) {
    boost::json::array items;
    for (const PermissionInfo& info : permission_catalogue()) {
        items.push_back(boost::json::object{{"name", info.name},
                                            {"description", info.description},
                                            {"read_only", is_read_only_permission(info.name)}});
    }
    return api::ApiResponse::ok(boost::json::object{{"items", std::move(items)}});
}

core::Result<api::ApiResponse> list(store::Txn& txn, const api::ApiRequest& request) {
    BO_TRY_ASSIGN(const std::vector<Role> roles, list_roles(txn, request.caller.actor.company));
    boost::json::array items;
    for (const Role& role : roles) {
        items.push_back(role_json(role));
    }
    return api::ApiResponse::ok(boost::json::object{{"items", std::move(items)}});
}

core::Result<api::ApiResponse> show(store::Txn& txn, const api::ApiRequest& request) {
    const std::string& id = request.param("id");
    BO_TRY_ASSIGN(const std::optional<Role> role, find_role(txn, request.caller.actor.company, id));
    if (!role) {
        return core::Error(core::ErrorCode::not_found, "no role " + id);
    }
    return api::ApiResponse::ok(role_json(*role));
}

core::Result<api::ApiResponse> create(store::Txn& txn, const api::ApiRequest& request) {
    api::BodyReader reader(request.body);
    NewRole input;
    input.id = reader.required_string("id", role_id_chars_max);
    input.name = reader.required_string("name", role_name_chars_max);
    input.permissions =
        reader.string_list("permissions", role_id_chars_max, permission_catalogue().size());
    input.department_scoped = reader.optional_bool("department_scoped").value_or(false);
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const Role role, create_role(txn, request.clock, request.caller.actor, input));
    return api::ApiResponse::created(role_json(role));
}

api::ApiRoute route(http::Method method,
                    std::string pattern,
                    std::string permission,
                    store::TxnMode mode,
                    std::string summary,
                    api::ApiHandler handler) {
    return api::ApiRoute{.method = method,
                         .pattern = std::move(pattern),
                         .permission = std::move(permission),
                         .access = http::Access::permission_required,
                         .mode = mode,
                         .summary = std::move(summary),
                         .handler = std::move(handler)};
}

}  // namespace

boost::json::object role_json(const Role& role) {
    return {{"id", role.id},
            {"name", role.name},
            {"permissions", strings(role.permissions)},
            {"department_scoped", role.department_scoped},
            {"built_in", role.built_in}};
}

void add_access_routes(api::Api& api) {
    using http::Method;
    using store::TxnMode;
    api.add(route(Method::get,
                  "/api/v1/permissions",
                  "users.read",
                  TxnMode::read_only,
                  "The permission catalogue",
                  permissions));
    api.add(route(Method::get,
                  "/api/v1/roles",
                  "users.read",
                  TxnMode::read_only,
                  "Built-in and custom roles",
                  list));
    api.add(route(
        Method::get, "/api/v1/roles/{id}", "users.read", TxnMode::read_only, "One role", show));
    api.add(route(Method::post,
                  "/api/v1/roles",
                  "roles.manage",
                  TxnMode::read_write,
                  "Define a custom role",
                  create));
}

}  // namespace bo::platform::access
