// `backoffice import journal-entries`, `backoffice import opening-balances` and
// `backoffice import statement`.
#include "cli/import_commands.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>

#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "ledger/import.hpp"
#include "modules/banking/matching_service.hpp"
#include "modules/banking/service.hpp"
#include "platform/files/csv_reader.hpp"
#include "platform/tenancy/service.hpp"

#include <unistd.h>

namespace bo::cli {
namespace {

using platform::tenancy::Company;

// The file's text, refused before reading when larger than the CSV reader takes.
core::Result<std::string> read_text(const std::string& path) {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error) {
        return core::Error(core::ErrorCode::not_found,
                           "cannot read " + path + ": " + error.message());
    }
    if (size > platform::files::csv_bytes_max) {
        return core::Error(
            core::ErrorCode::limit_exceeded,
            path + " is larger than " + std::to_string(platform::files::csv_bytes_max) + " bytes");
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!in) {
        return core::Error(core::ErrorCode::unavailable, "cannot read " + path);
    }
    return buffer.str();
}

// The company named, or the only one when none is named.
core::Result<Company> company_for(store::Txn& txn, const std::optional<std::string>& code) {
    if (code) {
        BO_TRY_ASSIGN(std::optional<Company> company, platform::tenancy::find_company(txn, *code));
        if (!company) {
            return core::Error(core::ErrorCode::not_found, "no company with code " + *code);
        }
        return std::move(*company);
    }
    BO_TRY_ASSIGN(std::vector<Company> companies,
                  platform::tenancy::list_companies(txn, platform::tenancy::CompanyId(0), 2));
    if (companies.size() != 1) {
        return core::Error::invalid("--company",
                                    companies.empty() ? "the database has no company"
                                                      : "name the company (there are several)");
    }
    return std::move(companies.front());
}

// "\rposted 1200/5000 entries" on a terminal, every 100 entries and at the end.
ledger::ImportProgress terminal_progress() {
    if (isatty(STDERR_FILENO) == 0) {
        return {};
    }
    constexpr std::size_t progress_step_entries = 100;
    return [](std::size_t done, std::size_t total) {
        if (done % progress_step_entries == 0 || done == total) {
            std::cerr << "\rposted " << done << "/" << total << " entries"
                      << (done == total ? "\n" : "") << std::flush;
        }
    };
}

// Prints every bad row ("line 17, debit: must be ...") and the one-line summary.
int report_import_error(const core::Error& error) {
    for (const core::FieldError& field : error.fields()) {
        std::string where = field.field;
        if (where.starts_with("line/")) {  // a statement's line ("line/37" -> "line 37")
            where = "line " + where.substr(5);
        } else if (where.starts_with("rows/")) {
            where = "line " + where.substr(5);
            if (const std::size_t slash = where.find('/'); slash != std::string::npos) {
                where.replace(slash, 1, ", ");
            }
        }
        std::cerr << "  " << where << ": " << field.reason << "\n";
    }
    return report_error(error);
}

void print_report(const ledger::ImportReport& report, const Company& company) {
    if (report.mode == ledger::ImportMode::check_only) {
        std::cout << "checked " << report.rows << " rows: " << report.entries.size() << " entries, "
                  << report.lines << " lines would post in " << company.code
                  << "; nothing written (dry run)\n";
    } else {
        std::cout << "imported " << report.entries.size() << " entries (" << report.lines
                  << " lines from " << report.rows << " rows) into " << company.code << ": "
                  << report.entries.front().reference;
        if (report.entries.size() > 1) {
            std::cout << " … " << report.entries.back().reference;
        }
        std::cout << "\n";
    }
    if (report.rows_skipped > 0) {
        std::cout << report.rows_skipped << " rows with a zero amount skipped\n";
    }
    std::cout << std::flush;
}

// What one run imports: journal entries, or opening balances when `opening` is set.
struct ImportJob {
    ledger::ImportMode mode = ledger::ImportMode::post;
    std::optional<ledger::OpeningBalancesOptions> opening;
    ledger::ImportProgress progress;
};

core::Result<ledger::ImportReport> import_in(store::Txn& txn,
                                             const core::Clock& clock,
                                             const platform::Actor& actor,
                                             std::string_view csv,
                                             const ImportJob& job) {
    if (job.opening) {
        return ledger::import_opening_balances(txn, clock, actor, csv, *job.opening, job.mode);
    }
    return ledger::import_journal_entries(txn, clock, actor, csv, job.mode, job.progress);
}

// Opens the database and runs `work(txn, actor)` as the CLI for the company named by `code` (or
// the only one), in one read-write transaction; answers the company, or the first error.
template <typename Work>
core::Result<Company> in_company(const core::Config& config,
                                 const std::optional<std::string>& code,
                                 Work&& work) {
    BO_TRY_ASSIGN(auto database, open_and_migrate(config.database_url));
    core::SystemClock clock;
    std::optional<Company> company;
    BO_TRY(
        database->transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(company, company_for(txn, code));
            const platform::Actor actor{.company = company->id,
                                        .user = {},
                                        .username = "cli",
                                        .request_id = "cli-import",
                                        .client_address = "local"};
            return work(txn, clock, actor);
        }));
    return std::move(*company);
}

// in_company for a `work` that answers a value: the company and that value.
template <typename T, typename Work>
core::Result<std::pair<Company, T>> in_company_answer(const core::Config& config,
                                                      const std::optional<std::string>& code,
                                                      Work&& work) {
    std::optional<T> answer;
    BO_TRY_ASSIGN(Company company,
                  in_company(config,
                             code,
                             [&](store::Txn& txn,
                                 const core::Clock& clock,
                                 const platform::Actor& actor) -> core::Result<void> {
                                 BO_TRY_ASSIGN(answer, work(txn, clock, actor));
                                 return core::ok();
                             }));
    return std::pair<Company, T>(std::move(company), std::move(*answer));
}

int run_import(const core::Config& config, const ImportOptions& options, const ImportJob& job) {
    auto text = read_text(options.file);
    if (!text.ok()) {
        return report_error(text.error());
    }
    std::optional<ledger::ImportReport> report;
    auto company = in_company(config,
                              options.company,
                              [&](store::Txn& txn,
                                  const core::Clock& clock,
                                  const platform::Actor& actor) -> core::Result<void> {
                                  BO_TRY_ASSIGN(report, import_in(txn, clock, actor, *text, job));
                                  return core::ok();
                              });
    if (!company.ok()) {
        return report_import_error(company.error());
    }
    print_report(*report, *company);
    return exit_ok;
}

ledger::ImportMode mode_of(const ImportOptions& options) {
    return options.dry_run ? ledger::ImportMode::check_only : ledger::ImportMode::post;
}

}  // namespace

int command_import_journal_entries(const core::Config& config, const ImportOptions& options) {
    return run_import(config, options, {mode_of(options), std::nullopt, terminal_progress()});
}

int command_import_opening_balances(const core::Config& config, const ImportOptions& options) {
    const core::Result<core::Date> date = core::Date::parse(options.date.value_or(""));
    if (!date) {
        return report_error(core::Error::invalid("--date", "is required, as YYYY-MM-DD"));
    }
    const ledger::OpeningBalancesOptions opening{*date, options.offset_account};
    return run_import(config, options, {mode_of(options), opening, {}});
}

namespace {

namespace banking = modules::banking;

// The statement import's request from the command line's options.
core::Result<banking::ImportRequest> statement_request(const ImportOptions& options,
                                                       std::string_view bytes) {
    banking::ImportRequest request{.bytes = bytes};
    if (options.format) {
        BO_TRY_ASSIGN(request.format, banking::parse_statement_format(*options.format));
    }
    if (options.bank_account) {
        const auto id = banking::BankAccountId::parse(*options.bank_account);
        if (!id) {
            return core::Error::invalid("--bank-account", "must be a bank account id");
        }
        request.bank_account = *id;
    }
    request.mode = options.dry_run ? banking::ImportMode::check_only : banking::ImportMode::post;
    return request;
}

void print_statement_report(const banking::ImportReport& report, const Company& company) {
    const bool dry_run = report.mode == banking::ImportMode::check_only;
    for (const banking::ImportedStatement& statement : report.statements) {
        std::cout << (statement.duplicate ? "already imported: "
                      : dry_run           ? "would import: "
                                          : "imported: ")
                  << "statement " << statement.statement_ref << " (bank account "
                  << statement.bank_account_id.value() << ") into " << company.code;
        if (!statement.duplicate) {
            std::cout << ": " << statement.lines_imported << " lines, " << statement.lines_skipped
                      << " already seen skipped";
        }
        std::cout << "\n";
    }
    for (const std::string& warning : report.warnings) {
        std::cout << "warning: " << warning << "\n";
    }
    if (!dry_run && !report.duplicate()) {
        std::cout << "matching: " << report.lines_matched << " lines posted, "
                  << report.lines_proposed << " proposed (GET /api/v1/bank-statement-lines?"
                  << "match_status=proposed), " << report.lines_unmatched << " unmatched\n";
    }
    if (report.duplicate()) {
        std::cout << "nothing imported: the file was imported before\n";
    } else if (dry_run) {
        std::cout << "nothing written (dry run)\n";
    }
    std::cout << std::flush;
}

}  // namespace

int command_import_statement(const core::Config& config, const ImportOptions& options) {
    auto text = read_text(options.file);
    if (!text.ok()) {
        return report_error(text.error());
    }
    auto request = statement_request(options, *text);
    if (!request.ok()) {
        return report_error(request.error());
    }
    const auto imported = in_company_answer<banking::ImportReport>(
        config,
        options.company,
        [&](store::Txn& txn, const core::Clock& clock, const platform::Actor& actor) {
            return banking::import_statements(txn, clock, actor, *request);
        });
    if (!imported.ok()) {
        return report_import_error(imported.error());
    }
    print_statement_report(imported->second, imported->first);
    return exit_ok;
}

int command_match_statement(const core::Config& config, const ImportOptions& options) {
    const core::Result<banking::StatementId> id = banking::StatementId::parse(options.file);
    if (!id.ok()) {
        return report_error(core::Error::invalid("STATEMENT", "must be a bank statement id"));
    }
    const banking::StatementId ids[] = {*id};
    const auto matched = in_company_answer<banking::MatchRunReport>(
        config,
        options.company,
        [&](store::Txn& txn, const core::Clock& clock, const platform::Actor& actor) {
            return banking::match_statements(txn, clock, actor, ids);
        });
    if (!matched.ok()) {
        return report_error(matched.error());
    }
    const banking::MatchRunReport& report = matched->second;
    std::cout << "statement " << id->value() << " of " << matched->first.code << ": "
              << report.lines << " lines looked at, " << report.matched << " posted, "
              << report.proposed << " proposed, " << report.unmatched << " unmatched, "
              << report.debits << " money out left for payables\n";
    for (const std::string& refused : report.refused) {
        std::cout << "not posted: " << refused << "\n";
    }
    std::cout << std::flush;
    return exit_ok;
}

}  // namespace bo::cli
