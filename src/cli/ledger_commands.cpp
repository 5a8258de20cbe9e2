// `backoffice ledger check` and `backoffice export ledger`.
#include "cli/ledger_commands.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "core/limits.hpp"
#include "ledger/departments/service.hpp"
#include "ledger/export.hpp"
#include "ledger/recurring.hpp"
#include "ledger/service.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::cli {
namespace {

using platform::tenancy::Company;

// The companies a command works on: the one named, or every company (in pages).
core::Result<std::vector<Company>> companies_for(store::Txn& txn,
                                                 const std::optional<std::string>& code) {
    if (code) {
        BO_TRY_ASSIGN(std::optional<Company> company, platform::tenancy::find_company(txn, *code));
        if (!company) {
            return core::Error(core::ErrorCode::not_found, "no company with code " + *code);
        }
        return std::vector<Company>{std::move(*company)};
    }
    std::vector<Company> all;
    platform::tenancy::CompanyId after(0);
    for (;;) {
        BO_TRY_ASSIGN(std::vector<Company> page,
                      platform::tenancy::list_companies(
                          txn, after, static_cast<std::int64_t>(core::page_size_max)));
        for (Company& company : page) {
            after = company.id;
            all.push_back(std::move(company));
        }
        if (page.size() < core::page_size_max) {
            return all;
        }
    }
}

// "account 1200 Accounts Receivable, department SALES, period 2026-03" for an operator, who
// knows numbers and codes, not ids (an id that no longer resolves is printed as "#id").
core::Result<std::string> describe(store::Txn& txn,
                                   const Company& company,
                                   const std::vector<ledger::Period>& periods,
                                   const ledger::BalanceDifference& difference) {
    BO_TRY_ASSIGN(const std::optional<ledger::Account> account,
                  ledger::find_account(txn, company.id, difference.account));
    std::string text =
        "account "
        + (account ? account->number + " " + account->name : "#" + difference.account.to_string());
    text += ", department ";
    if (difference.department) {
        BO_TRY_ASSIGN(
            const std::optional<ledger::departments::Department> department,
            ledger::departments::find_department_by_id(txn, company.id, *difference.department));
        text += department ? department->code : "#" + difference.department->to_string();
    } else {
        text += "-";
    }
    text += ", period ";
    const auto period = std::find_if(periods.begin(), periods.end(), [&](const auto& each) {
        return each.id == difference.period;
    });
    text += period != periods.end() ? period->start_date.to_string().substr(0, 7)
                                    : "#" + difference.period.to_string();
    return text;
}

core::Result<void> print_check(store::Txn& txn,
                               const Company& company,
                               const ledger::BalanceCheck& check) {
    std::cout << company.code << ": " << check.entries << " entries, " << check.balance_rows
              << " balance rows, " << check.differences.size() << " differences, "
              << check.unbalanced_entries << " unbalanced entries, " << check.foreign_lines
              << " lines with another company's account or department, " << check.orphan_lines
              << " lines without their entry"
              << (check.clean() ? " (clean)" : "") << "\n";
    if (check.differences.empty()) {
        return core::ok();
    }
    BO_TRY_ASSIGN(const std::vector<ledger::Period> periods,
                  ledger::list_periods(txn, company.id, std::nullopt));
    for (const ledger::BalanceDifference& difference : check.differences) {
        BO_TRY_ASSIGN(const std::string where, describe(txn, company, periods, difference));
        std::cout << "  " << where << ": maintained " << difference.maintained_debit_minor
                  << " Dr / " << difference.maintained_credit_minor << " Cr, recomputed "
                  << difference.recomputed_debit_minor << " Dr / "
                  << difference.recomputed_credit_minor << " Cr (minor units)\n";
    }
    return core::ok();
}

core::Result<std::optional<ledger::DateRange>> range_of(const LedgerExportOptions& options) {
    if (options.from.has_value() != options.to.has_value()) {
        return core::Error::invalid("--from/--to", "give both or neither");
    }
    if (!options.from) {
        return std::optional<ledger::DateRange>();
    }
    core::Result<core::Date> from = core::Date::parse(*options.from);
    core::Result<core::Date> to = core::Date::parse(*options.to);
    if (!from || !to) {
        return core::Error::invalid("--from/--to", "dates are YYYY-MM-DD");
    }
    if (*to < *from) {
        return core::Error::invalid("--to", "must not be before --from");
    }
    return std::optional<ledger::DateRange>(ledger::DateRange{*from, *to});
}

}  // namespace

int command_ledger_check(const core::Config& config, const std::optional<std::string>& company) {
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    bool clean = true;
    auto checked = (*database)->transact(
        store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(const std::vector<Company> companies, companies_for(txn, company));
            for (const Company& each : companies) {
                BO_TRY_ASSIGN(const ledger::BalanceCheck check,
                              ledger::check_balances(txn, each.id));
                BO_TRY(print_check(txn, each, check));
                clean = clean && check.clean();
            }
            return core::ok();
        });
    if (!checked.ok()) {
        return report_error(checked.error());
    }
    std::cout << std::flush;
    if (!clean) {
        return report_error(core::Error(core::ErrorCode::conflict,
                                        "maintained balances differ from the journal lines"));
    }
    return exit_ok;
}

int command_ledger_run_recurring(const core::Config& config,
                                 const std::optional<std::string>& company,
                                 const std::optional<std::string>& as_of) {
    const core::Result<core::Date> date =
        as_of ? core::Date::parse(*as_of)
              : core::Result<core::Date>(
                  core::business_date(core::SystemClock().now(), core::TimeZone::utc()));
    if (!date) {
        return report_error(core::Error::invalid("--as-of", "must be a date YYYY-MM-DD"));
    }
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    std::vector<Company> companies;
    auto listed = (*database)->transact(store::TxnMode::read_only,
                                        [&](store::Txn& txn) -> core::Result<void> {
                                            BO_TRY_ASSIGN(companies, companies_for(txn, company));
                                            return core::ok();
                                        });
    if (!listed.ok()) {
        return report_error(listed.error());
    }
    const core::SystemClock clock;
    bool refused = false;
    for (const Company& each : companies) {
        ledger::RecurringRun run{.as_of = *date, .created = {}, .failures = {}};
        auto ran = (*database)->transact(
            store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
                BO_TRY_ASSIGN(
                    run,
                    ledger::run_recurring(
                        txn, clock, each.id, *date, "cli-run-recurring-" + date->to_string()));
                return core::ok();
            });
        if (!ran.ok()) {
            return report_error(ran.error());
        }
        std::cout << each.code << ": " << run.created.size() << " recurring entries created as of "
                  << date->to_string() << ", " << run.failures.size() << " refused\n";
        for (const ledger::RecurringOccurrence& occurrence : run.created) {
            std::cout << "  template " << occurrence.template_id.value() << " "
                      << occurrence.date.to_string() << ": "
                      << (occurrence.entry ? "entry " + occurrence.entry->to_string()
                                           : "draft " + occurrence.draft->to_string())
                      << "\n";
        }
        for (const ledger::RecurringFailure& failure : run.failures) {
            std::cout << "  template " << failure.template_id.value() << " (" << failure.name
                      << ") " << failure.date.to_string() << " refused: " << failure.error.message()
                      << "\n";
        }
        refused = refused || !run.failures.empty();
    }
    std::cout << std::flush;
    if (refused) {
        return report_error(core::Error(core::ErrorCode::invalid_argument,
                                        "some recurring entries were refused (listed above)"));
    }
    return exit_ok;
}

int command_export_ledger(const core::Config& config, const LedgerExportOptions& options) {
    auto range = range_of(options);
    if (!range.ok()) {
        return report_error(range.error());
    }
    // open_and_migrate reports the schema state on stdout, which carries the journal here:
    // send that report to stderr so that `export ledger > FILE` is a clean journal.
    std::streambuf* const stdout_buffer = std::cout.rdbuf(std::cerr.rdbuf());
    auto database = open_and_migrate(config.database_url);
    std::cout.rdbuf(stdout_buffer);
    if (!database.ok()) {
        return report_error(database.error());
    }
    namespace fs = std::filesystem;
    const fs::path target = options.output.value_or("");
    const fs::path partial = options.output ? fs::path(*options.output + ".partial") : fs::path();
    std::ofstream file;
    if (options.output) {
        file.open(partial, std::ios::out | std::ios::trunc);
        if (!file) {
            return report_error(
                core::Error(core::ErrorCode::unavailable, "cannot write " + partial.string()));
        }
    }
    std::ostream& out = options.output ? static_cast<std::ostream&>(file) : std::cout;
    ledger::ExportSummary summary;
    auto exported = (*database)->transact(
        store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(const std::vector<Company> companies,
                          companies_for(txn, options.company));
            if (companies.size() != 1) {
                return core::Error::invalid("--company",
                                            "the database holds several companies; name one");
            }
            BO_TRY_ASSIGN(summary, ledger::export_journal(txn, companies[0].id, *range, out));
            return core::ok();
        });
    if (options.output) {
        file.close();
        std::error_code ignored;
        if (!exported.ok() || !file) {
            fs::remove(partial, ignored);
            return report_error(exported.ok()
                                    ? core::Error(core::ErrorCode::unavailable,
                                                  "writing " + target.string() + " failed")
                                    : exported.error());
        }
        std::error_code renamed;
        fs::rename(partial, target, renamed);
        if (renamed) {
            fs::remove(partial, ignored);
            return report_error(
                core::Error(core::ErrorCode::unavailable,
                            "cannot write " + target.string() + ": " + renamed.message()));
        }
        std::cerr << "exported " << summary.entries << " entries (" << summary.lines
                  << " postings) to " << target.string() << std::endl;
    } else if (!exported.ok()) {
        return report_error(exported.error());
    }
    return exit_ok;
}

}  // namespace bo::cli
