#include "cli/app.hpp"

#include <iostream>
#include <map>
#include <optional>

#include <CLI/CLI.hpp>
#include <sodium.h>

#include "cli/commands.hpp"

namespace bo::cli {
namespace {

// The options every command shares, in the form core::resolve_config takes them.
struct CommonOptions {
    std::optional<std::string> config_file;
    std::map<std::string, std::string> flags;  // config key -> value, only those given
};

void add_flag(CLI::App* command,
              CommonOptions& common,
              const std::string& flag,
              const std::string& key,
              const std::string& help) {
    command->add_option_function<std::string>(
        flag, [&common, key](const std::string& value) { common.flags[key] = value; }, help);
}

void add_common(CLI::App* command, CommonOptions& common) {
    add_flag(command,
             common,
             "--db",
             "database_url",
             "Database URL: sqlite:PATH, sqlite::memory:, postgresql://… (env BACKOFFICE_DB)");
    add_flag(command,
             common,
             "--log-level",
             "log_level",
             "trace, debug, info, warn, error (env BACKOFFICE_LOG_LEVEL)");
    add_flag(command,
             common,
             "--log-format",
             "log_format",
             "text or json (JSON lines) (env BACKOFFICE_LOG_FORMAT)");
    command->add_option_function<std::string>(
        "--config",
        [&common](const std::string& path) { common.config_file = path; },
        "Configuration file of key = value lines (env BACKOFFICE_CONFIG)");
}

}  // namespace

int report_error(const core::Error& error) {
    std::cerr << "backoffice: " << error.message() << std::endl;
    return exit_failure;
}

int run(int argc, char** argv) {
    if (sodium_init() < 0) {
        std::cerr << "backoffice: libsodium failed to initialise" << std::endl;
        return exit_failure;
    }
    CLI::App app{"Backoffice: the back office of a company or a public body"};
    app.require_subcommand(1);
    CommonOptions common;
    std::function<int(const core::Config&)> command;

    auto* serve = app.add_subcommand("serve", "Serve the API and the web app");
    add_common(serve, common);
    add_flag(serve, common, "--listen", "listen", "HOST:PORT to listen on (env BACKOFFICE_LISTEN)");
    serve->callback([&] { command = command_serve; });

    auto* migrate = app.add_subcommand("migrate", "Apply pending database migrations");
    add_common(migrate, common);
    migrate->callback([&] { command = command_migrate; });

    auto* seed = app.add_subcommand("seed-demo", "Create the demo company DEMO (idempotent)");
    add_common(seed, common);
    seed->callback([&] { command = command_seed_demo; });

    std::string file;
    bool force = false;
    auto* backup = app.add_subcommand("backup", "Write a backup of the database to a file");
    add_common(backup, common);
    backup->add_option("--to", file, "Backup file to write")->required();
    backup->add_flag("--force", force, "Replace the file if it exists");
    backup->callback([&] {
        command = [&](const core::Config& config) {
            return command_backup(config, file, force);
        };
    });

    auto* restore = app.add_subcommand("restore", "Replace the database with a backup");
    add_common(restore, common);
    restore->add_option("--from", file, "Backup file to read")->required();
    restore->callback([&] {
        command = [&](const core::Config& config) {
            return command_restore(config, file);
        };
    });

    app.add_subcommand("version", "Print the version")->callback([&] {
        command = [](const core::Config&) {
            return command_version();
        };
    });

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage;
    }
    auto config =
        core::resolve_config(common.config_file, core::from_process_environment(), common.flags);
    if (!config.ok()) {
        return report_error(config.error());
    }
    core::configure_logging(config->log_level, config->log_format);
    return command(*config);
}

}  // namespace bo::cli
