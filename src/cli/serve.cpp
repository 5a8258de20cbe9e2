// `backoffice serve`, `migrate` and `version`: open the database, bring its schema up to date,
// and answer HTTP until a signal says stop.
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "cli/mail_commands.hpp"
#include "cli/routes.hpp"
#include "core/log.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "platform/idempotency/purger.hpp"
#include "platform/mail/message.hpp"
#include "platform/mail/sender.hpp"
#include "store/database.hpp"

namespace bo::cli {

int command_serve(const core::Config& config) {
    http::ServerOptions options;
    options.host = config.listen.host;
    options.port = config.listen.port;
    // A relay that is named but wrong stops serve at once rather than at the first invoice.
    std::optional<platform::mail::SmtpSettings> relay;
    if (!config.smtp_url.empty()) {
        auto settings = smtp_settings(config);
        if (!settings.ok()) {
            return report_error(settings.error());
        }
        relay = std::move(*settings);
    }
    // The sender of invoices and statements: checked here so that a typo stops serve at once.
    if (!config.smtp_from.empty()) {
        if (auto from = platform::mail::Mailbox::parse(config.smtp_from, "smtp_from"); !from.ok()) {
            return report_error(from.error());
        }
    }
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    store::Database& db = **database;
    core::SystemClock clock;
    platform::api::Api api(db, clock, platform::api::ApiOptions{});
    add_api_routes(api, {.secure_cookies = false, .mail_from = config.smtp_from});
    http::Router router;
    add_system_routes(router, db);
    api.install(router);
    if (auto web = add_web_routes(router, config.web_root); !web.ok()) {
        return report_error(web.error());
    }
    auto server = http::Server::create(options, router);
    if (!server.ok()) {
        return report_error(server.error());
    }
    std::cout << "backoffice " << BO_VERSION << " listening on http://" << options.host << ':'
              << (*server)->port() << " (database " << db.display_url() << ")" << std::endl;
    // Stopped (and joined) when this function returns, after the server has drained.
    const platform::idempotency::Purger purger(db, clock);
    std::optional<platform::mail::Sender> sender;
    if (relay) {
        sender.emplace(db, clock, *relay);
    } else {
        core::log_event(core::LogLevel::info,
                        "no SMTP relay configured (smtp_url); e-mail stays queued");
    }
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
