#include "cli/company_commands.hpp"

#include <iostream>
#include <utility>
#include <vector>

#include "cli/commands.hpp"
#include "core/assert.hpp"
#include "cli/database.hpp"
#include "ledger/service.hpp"
#include "platform/auth/passwords.hpp"
#include "platform/auth/service.hpp"
#include "platform/company/profile.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::cli {
namespace {

// What was made, for the summary line.
struct CompanySetUp {
    std::size_t accounts = 0;
    std::optional<ledger::FiscalYear> fiscal_year;
};

core::Result<core::Date> fiscal_year_start(const CompanyAddOptions& options,
                                           const core::Clock& clock) {
    if (options.fiscal_year_start) {
        core::Result<core::Date> start = core::Date::parse(*options.fiscal_year_start);
        if (!start) {
            return core::Error::invalid("--fiscal-year-start", "must be a date YYYY-MM-DD");
        }
        return start;
    }
    const core::Date today = core::business_date(clock.now(), core::TimeZone::utc());
    return core::Date::create(today.year(), 1, 1);
}

core::Result<CompanySetUp> set_up(store::Txn& txn,
                                  const core::Clock& clock,
                                  const CompanyAddOptions& options,
                                  core::Date start,
                                  const std::string& password) {
    BO_TRY_ASSIGN(const platform::tenancy::Company company,
                  platform::tenancy::create_company(txn,
                                                    clock,
                                                    {.code = options.code,
                                                     .name = options.name,
                                                     .functional_currency = options.currency,
                                                     .time_zone = options.time_zone}));
    const platform::auth::NewUser admin{.username = options.admin_username,
                                        .display_name = "Administrator",
                                        .email = {},
                                        .password = password,
                                        .roles = {"admin"}};
    const platform::Actor operator_actor{.company = company.id,
                                         .user = {},
                                         .username = "cli",
                                         .request_id = "cli-company-add",
                                         .client_address = "local"};
    BO_TRY_ASSIGN(const platform::auth::User user,
                  platform::auth::create_user(txn, clock, operator_actor, admin));
    // The rest of the set-up is the new admin's first work, audited in their name.
    const platform::Actor actor{.company = company.id,
                                .user = user.id,
                                .username = user.username,
                                .request_id = "cli-company-add",
                                .client_address = "local"};
    CompanySetUp made;
    if (options.chart == ChartChoice::standard) {
        BO_TRY_ASSIGN(const std::vector<ledger::Account> accounts,
                      ledger::load_standard_chart(txn, clock, actor));
        made.accounts = accounts.size();
    }
    BO_TRY_ASSIGN(made.fiscal_year,
                  ledger::create_fiscal_year(txn, clock, actor, start, std::nullopt));
    return made;
}

}  // namespace

int command_company_add(const core::Config& config, const CompanyAddOptions& options) {
    const core::SystemClock clock;
    const core::Result<core::Date> start = fiscal_year_start(options, clock);
    if (!start) {
        return report_error(start.error());
    }
    std::string password;
    if (options.password == PasswordSource::standard_input) {
        core::Result<std::string> line = read_password_line();
        if (!line) {
            return report_error(line.error());
        }
        password = std::move(*line);
    } else {
        password = platform::auth::generate_password();
    }
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    CompanySetUp made;
    auto done = (*database)->transact(
        store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(made, set_up(txn, clock, options, *start, password));
            return core::ok();
        });
    if (!done.ok()) {
        return report_error(done.error());
    }
    std::cout << "created company " << options.code << " (" << options.name << ", "
              << options.currency << "): " << made.accounts << " accounts, fiscal year "
              << made.fiscal_year->name << " from " << made.fiscal_year->start_date.to_string()
              << "\nsign in with company " << options.code << ", user " << options.admin_username;
    if (options.password == PasswordSource::generate) {
        std::cout << ", password " << password
                  << "\n(shown once; it is stored only as an argon2id hash)";
    }
    std::cout << std::endl;
    return exit_ok;
}

namespace {

// The profile's field named `name` (the CLI's --legal-name is legal_name), or null.
std::string* profile_field(platform::company::CompanyProfile& profile, std::string_view name) {
    for (const platform::company::ProfileField& field : platform::company::profile_fields()) {
        if (field.name == name) {
            return &(profile.*field.member);
        }
    }
    return nullptr;
}

}  // namespace

int command_company_profile(const core::Config& config, const CompanyProfileOptions& options) {
    const core::SystemClock clock;
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    std::vector<std::string> letterhead;
    auto done = (*database)->transact(
        store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(const std::optional<platform::tenancy::Company> company,
                          platform::tenancy::find_company(txn, options.company));
            if (!company) {
                return core::Error(core::ErrorCode::not_found,
                                   "no company with code " + options.company);
            }
            BO_TRY_ASSIGN(platform::company::CompanyDetails details,
                          platform::company::company_details(txn, company->id));
            if (!options.changes.empty()) {
                for (const auto& [field, value] : options.changes) {
                    std::string* target = profile_field(details.profile, field);
                    BO_ASSERT(target != nullptr);  // the options are the fields
                    *target = value;
                }
                const platform::Actor actor{.company = company->id,
                                            .user = {},
                                            .username = "cli",
                                            .request_id = "cli-company-profile",
                                            .client_address = "local"};
                BO_TRY_ASSIGN(details.profile,
                              platform::company::set_company_profile(
                                  txn, clock, actor, details.profile));
            }
            letterhead = platform::company::letterhead(details);
            return core::ok();
        });
    if (!done.ok()) {
        return report_error(done.error());
    }
    for (const std::string& line : letterhead) {
        std::cout << line << '\n';
    }
    std::cout << std::flush;
    return exit_ok;
}

}  // namespace bo::cli
