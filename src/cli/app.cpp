#include "cli/app.hpp"

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>

#include <CLI/CLI.hpp>
#include <sodium.h>

#include "cli/audit_commands.hpp"
#include "cli/mail_commands.hpp"
#include "cli/commands.hpp"
#include "cli/company_commands.hpp"
#include "cli/import_commands.hpp"
#include "cli/inventory_commands.hpp"
#include "cli/ledger_commands.hpp"
#include "cli/receipt_commands.hpp"
#include "cli/user_commands.hpp"
#include "platform/company/profile.hpp"

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
    add_flag(serve,
             common,
             "--web-root",
             "web_root",
             "Directory of the built web app (env BACKOFFICE_WEB_ROOT; default <exe dir>/../web)");
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

    CompanyAddOptions company_add;
    std::string chart_choice = "standard";
    bool company_password_stdin = false;
    auto* company_command = app.add_subcommand("company", "Manage companies");
    company_command->require_subcommand(1);
    auto* company_add_command = company_command->add_subcommand(
        "add", "Create a company with its admin, chart of accounts and first fiscal year");
    add_common(company_add_command, common);
    company_add_command->add_option("--code", company_add.code, "Company code, e.g. ACME")
        ->required();
    company_add_command->add_option("--name", company_add.name, "Company name")->required();
    company_add_command->add_option(
        "--currency", company_add.currency, "Functional currency, ISO 4217 (default USD)");
    company_add_command->add_option(
        "--time-zone", company_add.time_zone, "UTC or a fixed offset such as +05:30 (default UTC)");
    company_add_command
        ->add_option("--chart", chart_choice, "standard (default) or empty chart of accounts")
        ->check(CLI::IsMember({"standard", "empty"}));
    company_add_command->add_option_function<std::string>(
        "--fiscal-year-start",
        [&company_add](const std::string& value) { company_add.fiscal_year_start = value; },
        "First day of the first fiscal year, YYYY-MM-01 (default: 1 January this year)");
    company_add_command->add_option(
        "--admin", company_add.admin_username, "The first admin's login name (default admin)");
    company_add_command->add_flag(
        "--password-stdin",
        company_password_stdin,
        "Read the admin's password from the first line of standard input");
    company_add_command->callback([&] {
        company_add.chart = chart_choice == "empty" ? ChartChoice::empty : ChartChoice::standard;
        company_add.password =
            company_password_stdin ? PasswordSource::standard_input : PasswordSource::generate;
        command = [&](const core::Config& config) {
            return command_company_add(config, company_add);
        };
    });

    CompanyProfileOptions company_profile;
    auto* company_profile_command = company_command->add_subcommand(
        "profile",
        "Show the company's letterhead, or change the fields given (address, tax id, contact)");
    add_common(company_profile_command, common);
    company_profile_command->add_option("--company", company_profile.company, "Company code")
        ->required();
    for (const platform::company::ProfileField& field : platform::company::profile_fields()) {
        std::string flag = "--" + std::string(field.name);
        std::replace(flag.begin(), flag.end(), '_', '-');
        company_profile_command->add_option_function<std::string>(
            flag,
            [&company_profile, name = std::string(field.name)](const std::string& value) {
                company_profile.changes[name] = value;
            },
            "New " + std::string(field.name) + " (\"\" clears it)");
    }
    company_profile_command->callback([&] {
        command = [&](const core::Config& config) {
            return command_company_profile(config, company_profile);
        };
    });

    UserAddOptions user_add;
    bool password_stdin = false;
    auto* user = app.add_subcommand("user", "Manage users");
    user->require_subcommand(1);
    auto* add = user->add_subcommand("add", "Create a user of a company");
    add_common(add, common);
    add->add_option("--company", user_add.company, "Company code, e.g. DEMO")->required();
    add->add_option("--username", user_add.username, "Login name (lower case)")->required();
    add->add_option("--role", user_add.roles, "Role id; repeat for several")->required();
    add->add_option("--display-name", user_add.display_name, "Full name (default: the username)");
    add->add_option("--email", user_add.email, "E-mail address");
    add->add_flag("--password-stdin",
                  password_stdin,
                  "Read the password from the first line of standard input");
    add->callback([&] {
        user_add.password =
            password_stdin ? PasswordSource::standard_input : PasswordSource::generate;
        command = [&](const core::Config& config) {
            return command_user_add(config, user_add);
        };
    });

    std::optional<std::string> company;
    auto add_company = [&company](CLI::App* command_app, const std::string& help) {
        command_app->add_option_function<std::string>(
            "--company", [&company](const std::string& code) { company = code; }, help);
    };
    std::string mail_to;
    auto* mail = app.add_subcommand("mail", "Outgoing mail (docs/mail.md)");
    mail->require_subcommand(1);
    auto* mail_test = mail->add_subcommand(
        "test", "Send a test message through the relay (smtp_url, smtp_from) to an address");
    add_common(mail_test, common);
    mail_test->add_option("--to", mail_to, "The address to send the test to")->required();
    mail_test->callback([&] {
        command = [&](const core::Config& config) { return command_mail_test(config, mail_to); };
    });
    auto* mail_send = mail->add_subcommand(
        "send-queued", "Deliver the queued mail that is due, then exit (for cron set-ups)");
    add_common(mail_send, common);
    mail_send->callback([&] { command = command_mail_send_queued; });

    auto* audit = app.add_subcommand("audit", "Audit trail tools");
    audit->require_subcommand(1);
    auto* audit_verify = audit->add_subcommand(
        "verify", "Recompute the audit trail's hash chains (exit 3 when a chain is broken)");
    add_common(audit_verify, common);
    add_company(audit_verify, "Verify only this company (its code)");
    audit_verify->callback([&] {
        command = [&](const core::Config& config) {
            return command_audit_verify(config, company);
        };
    });

    auto* ledger = app.add_subcommand("ledger", "General ledger tools");
    ledger->require_subcommand(1);
    auto* ledger_check = ledger->add_subcommand(
        "check", "Recompute the maintained balances from the journal lines and compare");
    add_common(ledger_check, common);
    add_company(ledger_check, "Check only this company (its code)");
    ledger_check->callback([&] {
        command = [&](const core::Config& config) {
            return command_ledger_check(config, company);
        };
    });

    std::optional<std::string> recurring_as_of;
    auto* run_recurring = ledger->add_subcommand(
        "run-recurring", "Create the recurring entries due (idempotent per template and date)");
    add_common(run_recurring, common);
    add_company(run_recurring, "Run only this company's templates (its code)");
    run_recurring->add_option_function<std::string>(
        "--as-of",
        [&recurring_as_of](const std::string& value) { recurring_as_of = value; },
        "Create what is due on or before this date, YYYY-MM-DD (default: today, UTC)");
    run_recurring->callback([&] {
        command = [&](const core::Config& config) {
            return command_ledger_run_recurring(config, company, recurring_as_of);
        };
    });

    auto* inventory = app.add_subcommand("inventory", "Inventory tools");
    inventory->require_subcommand(1);
    auto* inventory_check = inventory->add_subcommand(
        "check", "Compare the valued stock with the inventory account; check the stock figures");
    add_common(inventory_check, common);
    add_company(inventory_check, "Check only this company (its code)");
    inventory_check->callback([&] {
        command = [&](const core::Config& config) {
            return command_inventory_check(config, company);
        };
    });

    auto* receipts = app.add_subcommand("receipts", "Customer receipts (docs/receivables.md)");
    receipts->require_subcommand(1);
    auto* receipts_list = receipts->add_subcommand(
        "list", "List a company's receipts with their applied, refunded and unapplied cash");
    add_common(receipts_list, common);
    add_company(receipts_list, "The company (its code)");
    receipts_list->get_option("--company")->required();
    bool unapplied_only = false;
    receipts_list->add_flag("--unapplied", unapplied_only, "Only receipts with unapplied cash");
    receipts_list->callback([&] {
        command = [&](const core::Config& config) {
            return command_receipts_list(
                config, company.value_or(""),
                unapplied_only ? ReceiptFilter::unapplied : ReceiptFilter::all);
        };
    });

    LedgerExportOptions export_options;
    auto* export_command = app.add_subcommand("export", "Write data out in standard formats");
    export_command->require_subcommand(1);
    auto* export_ledger = export_command->add_subcommand(
        "ledger", "Write the journal as a plain-text hledger/ledger journal");
    add_common(export_ledger, common);
    add_company(export_ledger, "Company code (required when there are several)");
    auto optional_text = [](CLI::App* command_app,
                            const std::string& flag,
                            std::optional<std::string>& target,
                            const std::string& help) {
        command_app->add_option_function<std::string>(
            flag, [&target](const std::string& value) { target = value; }, help);
    };
    optional_text(export_ledger, "--from", export_options.from, "First date, YYYY-MM-DD");
    optional_text(export_ledger, "--to", export_options.to, "End date (exclusive), YYYY-MM-DD");
    optional_text(export_ledger, "--output", export_options.output, "File (default: stdout)");
    export_ledger->callback([&] {
        export_options.company = company;
        command = [&](const core::Config& config) {
            return command_export_ledger(config, export_options);
        };
    });

    ImportOptions import_options;
    auto* import_command = app.add_subcommand("import", "Read data in from standard formats");
    import_command->require_subcommand(1);
    auto* import_entries = import_command->add_subcommand(
        "journal-entries", "Post journal entries from a CSV file (all or nothing)");
    auto* import_opening = import_command->add_subcommand(
        "opening-balances", "Post opening balances from a CSV file as one entry");
    for (CLI::App* each : {import_entries, import_opening}) {
        add_common(each, common);
        add_company(each, "Company code (required when there are several)");
        each->add_option("FILE", import_options.file, "CSV file with a header row")->required();
        each->add_flag("--dry-run", import_options.dry_run, "Check every row; write nothing");
    }
    optional_text(import_opening, "--date", import_options.date, "Entry date, YYYY-MM-DD");
    import_opening->get_option("--date")->required();
    optional_text(import_opening,
                  "--offset-account",
                  import_options.offset_account,
                  "Equity account for any difference (default 3900)");
    import_entries->callback([&] {
        import_options.company = company;
        command = [&](const core::Config& config) {
            return command_import_journal_entries(config, import_options);
        };
    });
    import_opening->callback([&] {
        import_options.company = company;
        command = [&](const core::Config& config) {
            return command_import_opening_balances(config, import_options);
        };
    });

    auto* import_statement = import_command->add_subcommand(
        "statement", "Import a bank statement file: camt.053/054, OFX or CSV (all or nothing)");
    add_common(import_statement, common);
    add_company(import_statement, "Company code (required when there are several)");
    import_statement->add_option("FILE", import_options.file, "Statement file")->required();
    import_statement->add_flag(
        "--dry-run", import_options.dry_run, "Check the file; write nothing");
    optional_text(import_statement,
                  "--bank-account",
                  import_options.bank_account,
                  "Bank account id (for a file that names no account, e.g. CSV)");
    optional_text(import_statement,
                  "--format",
                  import_options.format,
                  "camt053, camt054, ofx or csv (default: detected from the content)");
    import_statement->callback([&] {
        import_options.company = company;
        command = [&](const core::Config& config) {
            return command_import_statement(config, import_options);
        };
    });

    // Cash application again for a stored statement (after invoices were issued, rules changed).
    auto* match_command = app.add_subcommand(
        "match", "Match a stored bank statement's unmatched lines to open invoices");
    add_common(match_command, common);
    add_company(match_command, "Company code (required when there are several)");
    match_command->add_option("STATEMENT", import_options.file, "Bank statement id")->required();
    match_command->callback([&] {
        import_options.company = company;
        command = [&](const core::Config& config) {
            return command_match_statement(config, import_options);
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
