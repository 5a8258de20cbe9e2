// `backoffice seed-demo`: the demo company DEMO, created once.
#include "modules/demo/seed.hpp"

#include <iostream>

#include "cli/commands.hpp"
#include "cli/database.hpp"

namespace bo::cli {

int command_seed_demo(const core::Config& config) {
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    core::SystemClock clock;
    auto report = modules::demo::seed_demo(**database, clock);
    if (!report.ok()) {
        return report_error(report.error());
    }
    if (!report->created) {
        std::cout << "demo company " << report->company_code
                  << " already exists; nothing changed (its admin password was printed when it "
                     "was created)"
                  << std::endl;
        return exit_ok;
    }
    std::cout << "created demo company " << report->company_code << ": " << report->departments
              << " departments, " << report->employees << " employees, " << report->customers
              << " customers, " << report->items << " items, " << report->vendors << " vendors\n"
              << "books: " << report->ledger.accounts << " accounts, "
              << report->ledger.fiscal_years << " fiscal years, " << report->ledger.entries
              << " journal entries, " << report->ledger.periods_closed << " periods closed\n"
              << "sign in with company " << report->company_code << ", user "
              << report->admin_username << ", password " << report->admin_password.value_or("")
              << "\n(shown once; it is stored only as an argon2id hash)\n"
              << "the same password signs in the demo's other users:";
    for (const modules::demo::DemoRoleUser& user : modules::demo::demo_role_users()) {
        std::cout << " " << user.username << " (" << user.role << ")";
    }
    std::cout << std::endl;
    return exit_ok;
}

}  // namespace bo::cli
