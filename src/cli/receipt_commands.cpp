#include "cli/receipt_commands.hpp"

#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "core/limits.hpp"
#include "modules/receivables/payments.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::cli {

int command_receipts_list(const core::Config& config,
                          const std::string& company,
                          ReceiptFilter filter) {
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    namespace receivables = modules::receivables;
    auto listed = (*database)->transact(
        store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(const std::optional<platform::tenancy::Company> found,
                          platform::tenancy::find_company(txn, company));
            if (!found) {
                return core::Error(core::ErrorCode::not_found, "no company with code " + company);
            }
            receivables::ReceiptQuery query{
                .unapplied_only = filter == ReceiptFilter::unapplied,
                .limit = static_cast<std::int64_t>(core::page_size_max)};
            std::int64_t count = 0;
            std::map<std::string, core::Money> unapplied;  // per currency
            for (bool more = true; more;) {
                BO_TRY_ASSIGN(const std::vector<receivables::Receipt> page,
                              receivables::list_receipts(txn, found->id, query));
                for (const receivables::Receipt& receipt : page) {
                    std::cout << receipt.id.value() << '\t' << receipt.receipt_date.to_string()
                              << '\t' << receipt.customer_number << '\t'
                              << receivables::to_string(receipt.method) << '\t'
                              << receipt.amount.currency.code() << ' ' << receipt.amount.format()
                              << "\tapplied " << receipt.applied.format() << "\trefunded "
                              << receipt.refunded.format() << "\tunapplied "
                              << receipt.unapplied.format() << '\t'
                              << receivables::to_string(receipt.status) << '\t' << receipt.reference
                              << '\n';
                    auto [sum, added] = unapplied.try_emplace(
                        std::string(receipt.unapplied.currency.code()), receipt.unapplied);
                    if (!added) {
                        BO_TRY_ASSIGN(sum->second, core::add(sum->second, receipt.unapplied));
                    }
                    ++count;
                }
                more = page.size() == core::page_size_max;
                query.after = page.empty() ? query.after : page.back().id;
            }
            std::cout << count << " receipts; unapplied cash:";
            for (const auto& [code, sum] : unapplied) {
                std::cout << ' ' << code << ' ' << sum.format();
            }
            std::cout << (unapplied.empty() ? " none\n" : "\n");
            return core::ok();
        });
    if (!listed.ok()) {
        return report_error(listed.error());
    }
    std::cout << std::flush;
    return exit_ok;
}

}  // namespace bo::cli
