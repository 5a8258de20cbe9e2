// The demo company: one call that fills an empty database with plausible master data.
//
// Purpose: `backoffice seed-demo` calls seed_demo once. It creates the company DEMO ("Demo
// Trading Ltd", USD, UTC), the user `admin` with a freshly generated password, eight
// departments, forty employees, fifty customers, eighty items and twenty vendors, then the
// standard chart and two fiscal years of ledger activity up to the clock's date
// (ledger_activity.hpp; see docs/demo-data.md). Everything goes through the modules' services, so
// the demo data passes the same validation as real input. Invariants: idempotent: when DEMO exists
// nothing is written and the report says so; all rows are written in one transaction, so a failure
// leaves nothing behind; apart from the admin password the data is the same on every run (fixed
// tables, timestamps from the clock). Lives in the modules layer, not platform/, because it calls
// the modules' services and dependencies point down only. Thread safety: safe to call concurrently;
// one of two racing calls fails with the duplicate company (conflict) or finds it existing.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/demo/bank.hpp"
#include "modules/demo/ledger_activity.hpp"
#include "modules/demo/receivables.hpp"
#include "modules/demo/sales.hpp"
#include "platform/tenancy/model.hpp"
#include "store/database.hpp"

namespace bo::modules::demo {

inline constexpr std::string_view demo_company_code = "DEMO";
inline constexpr std::string_view demo_admin_username = "admin";

// The demo's users besides the admin: one per everyday role, sharing the admin's password.
struct DemoRoleUser {
    std::string_view username;
    std::string_view display_name;
    std::string_view role;
};
inline constexpr std::array<DemoRoleUser, 7> demo_role_user_rows{{
    {"orders", "Olivia Order Clerk", "order_clerk"},
    {"warehouse", "Walter Warehouse", "warehouse_clerk"},
    {"billing", "Bella Billing Clerk", "billing_clerk"},
    {"receivables", "Rita Receivables Clerk", "ar_clerk"},
    {"manager", "Max Sales Manager", "manager"},
    {"executive", "Erin Executive", "executive"},
    {"auditor", "Aldo Auditor", "auditor"},
}};
inline std::span<const DemoRoleUser> demo_role_users() { return demo_role_user_rows; }

struct DemoSeedReport {
    // True when this call created the demo company; false when it already existed, in which
    // case nothing was written and every count below is zero.
    bool created = false;
    platform::tenancy::CompanyId company_id{};
    std::string company_code;
    std::string admin_username;
    // The admin's generated password, only when `created`: it is stored only as an argon2id
    // hash, so print it once now. When the company existed the password is not known.
    std::optional<std::string> admin_password;
    // Rows created by this call.
    std::size_t users = 0;
    std::size_t departments = 0;
    std::size_t employees = 0;
    std::size_t customers = 0;
    std::size_t items = 0;
    std::size_t vendors = 0;
    // The books: chart, fiscal years, entries posted, periods closed.
    LedgerActivityReport ledger;
    // The operating bank account on 1120 and the lines of its imported camt.053 statement.
    DemoBankReport bank;
    // Tax rates, the price list and the sales orders in each status (demo/sales.hpp).
    DemoSalesReport sales;
    // Issued invoices at each dunning level and a credit note (demo/receivables.hpp).
    DemoReceivablesReport receivables;
};

// Creates the demo company and its master data in one read-write transaction, stamping rows
// with `clock`. Errors: whatever the store reports (unavailable, internal), or conflict when
// another process created DEMO at the same moment; then nothing of this call was written.
[[nodiscard]] core::Result<DemoSeedReport> seed_demo(store::Database& database,
                                                     const core::Clock& clock);

}  // namespace bo::modules::demo
