#include "cli/audit_commands.hpp"

#include <iostream>

#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "platform/audit/audit.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::cli {
namespace {

// "1 event", "2 events".
std::string counted(std::int64_t count, std::string_view one, std::string_view many) {
    return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

core::Result<platform::tenancy::CompanyId> company_id(store::Database& database,
                                                      const std::string& code) {
    std::optional<platform::tenancy::Company> found;
    BO_TRY(database.transact(store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(found, platform::tenancy::find_company(txn, code));
        return core::ok();
    }));
    if (!found) {
        return core::Error(core::ErrorCode::not_found, "no company has the code " + code);
    }
    return found->id;
}

}  // namespace

int command_audit_verify(const core::Config& config, const std::optional<std::string>& company) {
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    std::optional<platform::tenancy::CompanyId> only;
    if (company) {
        auto id = company_id(**database, *company);
        if (!id.ok()) {
            return report_error(id.error());
        }
        only = *id;
    }
    auto report = platform::audit::verify(**database, only);
    if (!report.ok()) {
        return report_error(report.error());
    }
    if (!report->intact()) {
        const platform::audit::ChainBreak& first = report->breaks.front();
        std::cerr << "audit trail BROKEN at company " << first.company_code << " event "
                  << first.seq << ": " << first.detail;
        if (report->breaks.size() > 1) {
            std::cerr << " (and "
                      << counted(static_cast<std::int64_t>(report->breaks.size() - 1),
                                 "more company",
                                 "more companies")
                      << " broken)";
        }
        std::cerr << std::endl;
        return exit_audit_broken;
    }
    std::cout << "audit trail verified: " << counted(report->events_checked, "event", "events")
              << " in " << counted(report->companies_checked, "company", "companies")
              << ", chain intact" << std::endl;
    return exit_ok;
}

}  // namespace bo::cli
