#include "modules/demo/seed.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <string>
#include <utility>

#include "ledger/departments/service.hpp"
#include "modules/demo/data.hpp"
#include "modules/demo/ledger_activity.hpp"
#include "modules/demo/sales.hpp"
#include "modules/hr/service.hpp"
#include "modules/inventory/service.hpp"
#include "modules/payables/service.hpp"
#include "modules/sales/service.hpp"
#include "platform/auth/passwords.hpp"
#include "platform/auth/service.hpp"
#include "platform/company/profile.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::modules::demo {
namespace {

using platform::tenancy::CompanyId;

constexpr std::string_view demo_currency = "USD";
constexpr std::string_view email_domain = "demo-trading.example";

// The billing currency for a country: euro-area countries EUR, the UK GBP, all others USD
// (the demo company's own currency).
std::string_view currency_for(std::string_view country) {
    for (const std::string_view euro : {"DE", "FR", "NL", "IT", "ES"}) {
        if (country == euro) {
            return "EUR";
        }
    }
    return country == "GB" ? "GBP" : demo_currency;
}

// The international calling code of the demo countries; 555-01xx numbers are fictional.
std::string_view calling_code(std::string_view country) {
    constexpr std::array<std::pair<std::string_view, std::string_view>, 8> codes{{{"DE", "+49"},
                                                                                  {"FR", "+33"},
                                                                                  {"NL", "+31"},
                                                                                  {"IT", "+39"},
                                                                                  {"ES", "+34"},
                                                                                  {"PL", "+48"},
                                                                                  {"GB", "+44"},
                                                                                  {"JP", "+81"}}};
    for (const auto& [name, code] : codes) {
        if (name == country) {
            return code;
        }
    }
    return "+1";  // US and CA
}

core::Result<CompanyId> seed_company(store::Txn& txn, const core::Clock& clock) {
    const platform::tenancy::NewCompany company{.code = std::string(demo_company_code),
                                                .name = "Demo Trading Ltd",
                                                .functional_currency = std::string(demo_currency),
                                                .time_zone = "UTC"};
    BO_TRY_ASSIGN(const platform::tenancy::Company created,
                  platform::tenancy::create_company(txn, clock, company));
    return created.id;
}

core::Result<platform::Actor> seed_admin(store::Txn& txn,
                                         const core::Clock& clock,
                                         CompanyId company,
                                         DemoSeedReport& report) {
    std::string password = platform::auth::generate_password();
    const platform::auth::NewUser admin{.username = std::string(demo_admin_username),
                                        .display_name = "Demo Administrator",
                                        .email = "admin@" + std::string(email_domain),
                                        .password = password,
                                        .roles = {"admin"}};
    BO_TRY_ASSIGN(const platform::auth::User user,
                  platform::auth::create_user(txn, clock, company, admin));
    report.admin_username = std::string(demo_admin_username);
    report.admin_password = std::move(password);
    report.users = 1;
    // The demo's books are posted in the admin's name, as if they had entered them.
    return platform::Actor{.company = company,
                           .user = user.id,
                           .username = std::string(demo_admin_username),
                           .request_id = "seed-demo",
                           .client_address = "local"};
}

using DepartmentIds = std::map<std::string_view, ledger::departments::DepartmentId>;

// One user per everyday role, with the admin's password (a demo convenience: real users get
// their own through `backoffice user add`), so that each role's home screen can be seen.
// The manager runs the Sales department.
core::Result<void> seed_role_users(store::Txn& txn,
                                   const core::Clock& clock,
                                   const platform::Actor& admin,
                                   const DepartmentIds& departments,
                                   DemoSeedReport& report) {
    for (const DemoRoleUser& row : demo_role_users()) {
        const platform::auth::NewUser input{.username = std::string(row.username),
                                            .display_name = std::string(row.display_name),
                                            .email = std::string(row.username) + "@"
                                                     + std::string(email_domain),
                                            .password = report.admin_password.value_or(""),
                                            .roles = {std::string(row.role)}};
        BO_TRY_ASSIGN(const platform::auth::User user,
                      platform::auth::create_user(txn, clock, admin.company, input));
        if (row.role == "manager") {
            BO_TRY(platform::auth::set_user_departments(
                txn, clock, admin, user.id, {departments.at("SALES").value()}));
        }
        ++report.users;
    }
    return core::ok();
}

core::Result<DepartmentIds> seed_departments(store::Txn& txn,
                                             const core::Clock& clock,
                                             CompanyId company) {
    DepartmentIds ids;
    for (const DemoDepartment& row : demo_departments()) {
        const ledger::departments::NewDepartment input{
            .code = std::string(row.code), .name = std::string(row.name), .parent_id = {}};
        BO_TRY_ASSIGN(const ledger::departments::Department created,
                      ledger::departments::create_department(txn, clock, company, input));
        ids.emplace(row.code, created.id);
    }
    return ids;
}

// "E-0007" for index 6: numbers start at 1 and are zero-padded so that they sort.
std::string demo_number(char prefix, std::size_t index) {
    std::string digits = std::to_string(index + 1);
    return std::string(1, prefix) + "-"
           + std::string(4 - std::min<std::size_t>(4, digits.size()), '0') + digits;
}

core::Result<void> seed_employees(store::Txn& txn,
                                  const core::Clock& clock,
                                  CompanyId company,
                                  const DepartmentIds& departments) {
    const std::span<const DemoEmployee> rows = demo_employees();
    for (std::size_t index = 0; index < rows.size(); ++index) {
        const DemoEmployee& row = rows[index];
        const auto department = departments.find(row.department_code);
        BO_ASSERT(department != departments.end());
        const hr::NewEmployee input{
            .number = demo_number('E', index),
            .given_name = std::string(row.given_name),
            .family_name = std::string(row.family_name),
            .email = std::string(row.email_local) + "@" + std::string(email_domain),
            .job_title = std::string(row.job_title),
            .department_id = department->second,
            .hire_date = std::string(row.hire_date)};
        BO_TRY(hr::create_employee(txn, clock, company, input));
    }
    return core::ok();
}

// Creates the customers; those billed in USD (the functional currency) go into `books`.
core::Result<void> seed_customers(store::Txn& txn,
                                  const core::Clock& clock,
                                  CompanyId company,
                                  DemoBooks& books) {
    // Credit limits in cents, terms in days, and the two customers on hold, all by position.
    constexpr std::array<std::int64_t, 6> credit_limits_minor{
        500'000, 1'000'000, 2'500'000, 5'000'000, 7'500'000, 10'000'000};
    constexpr std::array<std::int64_t, 3> terms_days{30, 45, 60};
    constexpr std::array<std::size_t, 2> on_hold{6, 27};
    const std::span<const DemoCustomer> rows = demo_customers();
    for (std::size_t index = 0; index < rows.size(); ++index) {
        const DemoCustomer& row = rows[index];
        const bool held = index == on_hold[0] || index == on_hold[1];
        const sales::NewCustomer input{
            .number = demo_number('C', index),
            .name = std::string(row.name),
            .email = "accounts@" + std::string(row.domain),
            .phone = std::string(calling_code(row.country)) + " 555 01"
                     + std::to_string(10 + index % 90),
            .city = std::string(row.city),
            .country = std::string(row.country),
            .currency = std::string(currency_for(row.country)),
            .credit_limit_minor = credit_limits_minor[(index * 5) % credit_limits_minor.size()],
            .payment_terms_days = terms_days[index % terms_days.size()],
            .status = held ? sales::CustomerStatus::on_hold : sales::CustomerStatus::active};
        BO_TRY_ASSIGN(const sales::Customer customer,
                      sales::create_customer(txn, clock, company, input));
        if (input.currency == demo_currency && !held) {
            books.customers.push_back(DemoParty{customer.id.value(), input.payment_terms_days});
        }
    }
    return core::ok();
}

// Standard cost as a share of the price: 60 % for goods, 40 % for services, rounded once
// (half-even) by core::multiply.
core::Result<std::int64_t> standard_cost_minor(const DemoItem& row) {
    BO_TRY_ASSIGN(const core::Currency currency, core::Currency::create(demo_currency));
    const core::Rational share =
        row.kind == inventory::ItemKind::service ? core::Rational{2, 5} : core::Rational{3, 5};
    BO_TRY_ASSIGN(
        const core::Money cost,
        core::multiply(
            core::Money{row.price_minor, currency}, share, core::RoundingMode::half_even));
    return cost.minor;
}

core::Result<void> seed_items(store::Txn& txn, const core::Clock& clock, CompanyId company) {
    for (const DemoItem& row : demo_items()) {
        BO_TRY_ASSIGN(const std::int64_t cost_minor, standard_cost_minor(row));
        const inventory::NewItem input{.sku = std::string(row.sku),
                                       .description = std::string(row.description),
                                       .unit = std::string(row.unit),
                                       .kind = row.kind,
                                       .currency = std::string(demo_currency),
                                       .price_minor = row.price_minor,
                                       .standard_cost_minor = cost_minor};
        // Stocked items reorder at 20 units, 60 at a time (the reorder report shows the few
        // whose opening stock is below that).
        const bool stocked = row.kind == inventory::ItemKind::stocked;
        const inventory::ItemDetails details{.weight_g = 0,
                                             .reorder_point_milli = stocked ? 20'000 : 0,
                                             .reorder_quantity_milli = stocked ? 60'000 : 0,
                                             .barcode = std::nullopt};
        BO_TRY(inventory::create_item(txn, clock, company, input, details));
    }
    return core::ok();
}

// Creates the vendors; those billed in USD go into `books`, in table order.
core::Result<void> seed_vendors(store::Txn& txn,
                                const core::Clock& clock,
                                CompanyId company,
                                DemoBooks& books) {
    const std::span<const DemoVendor> rows = demo_vendors();
    for (std::size_t index = 0; index < rows.size(); ++index) {
        const DemoVendor& row = rows[index];
        const payables::NewVendor input{.number = demo_number('V', index),
                                        .name = std::string(row.name),
                                        .email = "billing@" + std::string(row.domain),
                                        .city = std::string(row.city),
                                        .country = std::string(row.country),
                                        .currency = std::string(currency_for(row.country)),
                                        .payment_terms_days = row.payment_terms_days};
        BO_TRY_ASSIGN(const payables::Vendor vendor,
                      payables::create_vendor(txn, clock, company, input));
        if (input.currency == demo_currency) {
            books.vendors.push_back(DemoParty{vendor.id.value(), input.payment_terms_days});
        }
    }
    return core::ok();
}

// One attempt inside the transaction; `report` is rebuilt from scratch on every retry.
core::Result<void> seed_in(store::Txn& txn, const core::Clock& clock, DemoSeedReport& report) {
    report = DemoSeedReport{};
    report.company_code = std::string(demo_company_code);
    BO_TRY_ASSIGN(const std::optional<platform::tenancy::Company> existing,
                  platform::tenancy::find_company(txn, demo_company_code));
    if (existing) {
        report.company_id = existing->id;
        report.admin_username = std::string(demo_admin_username);
        return core::ok();
    }
    BO_TRY_ASSIGN(report.company_id, seed_company(txn, clock));
    report.created = true;
    BO_TRY_ASSIGN(const platform::Actor admin, seed_admin(txn, clock, report.company_id, report));
    BO_TRY(platform::company::set_company_profile(
        txn,
        clock,
        admin,
        {.legal_name = "Demo Trading Ltd",
         .address_line1 = "100 Harbor Street",
         .address_line2 = "Suite 400",
         .postal_code = "10004",
         .city = "New York",
         .region = "NY",
         .country = "US",
         .tax_id = "EIN 12-3456789",
         .email = "accounts@" + std::string(email_domain),
         .phone = "+1 212 555 0100",
         .website = "www." + std::string(email_domain)}));
    DemoBooks books;
    BO_TRY_ASSIGN(books.departments, seed_departments(txn, clock, report.company_id));
    BO_TRY(seed_role_users(txn, clock, admin, books.departments, report));
    BO_TRY(seed_employees(txn, clock, report.company_id, books.departments));
    BO_TRY(seed_customers(txn, clock, report.company_id, books));
    BO_TRY(seed_items(txn, clock, report.company_id));
    BO_TRY(seed_vendors(txn, clock, report.company_id, books));
    // The invoices post into earlier months: before the ledger closes them.
    const BeforeClose invoices = [&](core::Date today) -> core::Result<void> {
        BO_TRY_ASSIGN(report.receivables, seed_receivables(txn, clock, admin, today));
        return core::ok();
    };
    BO_TRY_ASSIGN(report.ledger, seed_ledger_activity(txn, clock, admin, books, invoices));
    BO_TRY_ASSIGN(report.bank, seed_bank(txn, clock, admin));
    BO_TRY_ASSIGN(report.sales, seed_sales(txn, clock, admin));
    report.departments = demo_departments().size();
    report.employees = demo_employees().size();
    report.customers = demo_customers().size();
    report.items = demo_items().size();
    report.vendors = demo_vendors().size();
    return core::ok();
}

}  // namespace

core::Result<DemoSeedReport> seed_demo(store::Database& database, const core::Clock& clock) {
    DemoSeedReport report;
    BO_TRY(database.transact(store::TxnMode::read_write,
                             [&](store::Txn& txn) { return seed_in(txn, clock, report); }));
    return report;
}

}  // namespace bo::modules::demo
