// `backoffice serve`, `migrate` and `version`: open the database, bring its schema up to date,
// and answer HTTP until a signal says stop.
#include <iostream>

#include <boost/json.hpp>

#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "core/log.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "store/database.hpp"

namespace bo::cli {
namespace {

// GET /healthz: the server is up and its database answers.
http::Response healthz(store::Database& database) {
    auto probe = database.transact(store::TxnMode::read_only, [](store::Txn& txn) {
        return txn.query_one("SELECT 1", {}).ok()
                   ? core::ok()
                   : core::Result<void>(core::Error(core::ErrorCode::unavailable, "no answer"));
    });
    boost::json::object body{
        {"status", probe.ok() ? "ok" : "unavailable"},
        {"version", BO_VERSION},
        {"database", store::to_string(database.backend())},
    };
    return http::Response::json(probe.ok() ? 200 : 503, boost::json::serialize(body));
}

}  // namespace

int command_serve(const core::Config& config) {
    http::ServerOptions options;
    options.host = config.listen.host;
    options.port = config.listen.port;
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    store::Database& db = **database;
    http::Router router;
    router.add(http::Route{http::Method::get,
                           "/healthz",
                           http::Access::public_route,
                           "",
                           [&db](const http::RouteContext&) {
                               return healthz(db);
                           }});
    auto server = http::Server::create(options, router);
    if (!server.ok()) {
        return report_error(server.error());
    }
    std::cout << "backoffice " << BO_VERSION << " listening on http://" << options.host << ':'
              << (*server)->port() << " (database " << db.display_url() << ")" << std::endl;
    (*server)->run();
    core::log_event(core::LogLevel::info, "stopped");
    return exit_ok;
}

int command_migrate(const core::Config& config) {
    auto database = open_and_migrate(config.database_url);
    return database.ok() ? exit_ok : report_error(database.error());
}

int command_version() {
    std::cout << "backoffice " << BO_VERSION << std::endl;
    return exit_ok;
}

}  // namespace bo::cli
