#include "cli/inventory_commands.hpp"

#include <iostream>
#include <vector>

#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "core/limits.hpp"
#include "ledger/service.hpp"
#include "modules/inventory/operations.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::cli {
namespace {

using platform::tenancy::Company;

// The company named by `code`, or every company (in pages of page_size_max).
core::Result<std::vector<Company>> checked_companies(store::Txn& txn,
                                                     const std::optional<std::string>& code) {
    std::vector<Company> companies;
    if (code) {
        BO_TRY_ASSIGN(std::optional<Company> found, platform::tenancy::find_company(txn, *code));
        if (!found) {
            return core::Error(core::ErrorCode::not_found, "no company with code " + *code);
        }
        companies.push_back(std::move(*found));
        return companies;
    }
    const auto page_size = static_cast<std::int64_t>(core::page_size_max);
    platform::tenancy::CompanyId after(0);
    for (bool more = true; more;) {
        BO_TRY_ASSIGN(std::vector<Company> page,
                      platform::tenancy::list_companies(txn, after, page_size));
        more = page.size() == core::page_size_max;
        after = page.empty() ? after : page.back().id;
        companies.insert(companies.end(), page.begin(), page.end());
    }
    return companies;
}

}  // namespace

int command_inventory_check(const core::Config& config, const std::optional<std::string>& company) {
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    std::optional<std::string> first_problem;
    auto checked = (*database)->transact(
        store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(const std::vector<Company> companies, checked_companies(txn, company));
            for (const Company& each : companies) {
                BO_TRY_ASSIGN(const modules::inventory::StockCheck check,
                              modules::inventory::check_stock(txn, each.id));
                BO_TRY_ASSIGN(const core::Currency currency,
                              ledger::functional_currency(txn, each.id));
                std::cout << each.code << ": " << check.rows << " stock rows valued "
                          << core::Money{check.value_minor, currency}.format() << ", account "
                          << check.inventory_account << " balance "
                          << core::Money{check.ledger_balance_minor, currency}.format() << ", "
                          << check.problems.size() << " problems"
                          << (check.clean() ? " (clean)" : "") << "\n";
                for (const std::string& problem : check.problems) {
                    std::cout << "  " << problem << "\n";
                }
                if (!check.clean() && !first_problem) {
                    first_problem = each.code + ": " + check.problems.front();
                }
            }
            return core::ok();
        });
    if (!checked.ok()) {
        return report_error(checked.error());
    }
    std::cout << std::flush;
    if (first_problem) {
        return report_error(core::Error(core::ErrorCode::conflict, *first_problem));
    }
    return exit_ok;
}

}  // namespace bo::cli
