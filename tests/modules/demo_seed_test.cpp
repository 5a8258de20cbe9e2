// Goal: seed_demo creates the documented demo company once, is idempotent, and its non-ASCII
// names survive both backends. Method: run seed_demo twice per backend on a fresh database and
// count rows through the services' list functions.
#include <algorithm>
#include <cstddef>

#include <gtest/gtest.h>

#include "ledger/departments/service.hpp"
#include "modules/demo/seed.hpp"
#include "modules/hr/service.hpp"
#include "modules/inventory/service.hpp"
#include "modules/payables/service.hpp"
#include "modules/sales/service.hpp"
#include "platform/auth/service.hpp"
#include "platform/storage_fixture.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::modules::demo {
namespace {

struct Counts {
    std::size_t companies = 0;
    std::size_t users = 0;
    std::size_t departments = 0;
    std::size_t employees = 0;
    std::size_t customers = 0;
    std::size_t items = 0;
    std::size_t vendors = 0;

    friend bool operator==(const Counts&, const Counts&) = default;
};

constexpr std::int64_t page = 500;

class DemoSeed : public testing::StorageTest {
protected:
    Counts count(platform::tenancy::CompanyId company) {
        Counts counts;
        const auto read = in_txn([&](store::Txn& txn) -> core::Result<bool> {
            BO_TRY_ASSIGN(auto companies, platform::tenancy::list_companies(txn, {}, page));
            BO_TRY_ASSIGN(auto users, platform::auth::list_users(txn, company, {}, page));
            BO_TRY_ASSIGN(auto departments,
                          ledger::departments::list_departments(txn, company, {}, page));
            BO_TRY_ASSIGN(auto employees, hr::list_employees(txn, company, {}, page));
            BO_TRY_ASSIGN(auto customers, sales::list_customers(txn, company, {}, page));
            BO_TRY_ASSIGN(auto items, inventory::list_items(txn, company, {}, page));
            BO_TRY_ASSIGN(auto vendors, payables::list_vendors(txn, company, {}, page));
            counts = Counts{companies.size(),
                            users.size(),
                            departments.size(),
                            employees.size(),
                            customers.size(),
                            items.size(),
                            vendors.size()};
            return true;
        });
        EXPECT_TRUE(read.ok()) << read.error().message();
        return counts;
    }
};

TEST_P(DemoSeed, CreatesTheDemoCompanyOnceAndOnlyOnce) {
    const core::Result<DemoSeedReport> first = seed_demo(db(), clock());
    ASSERT_TRUE(first.ok()) << first.error().message();
    EXPECT_TRUE(first->created);
    EXPECT_EQ(first->company_code, "DEMO");
    EXPECT_EQ(first->admin_username, "admin");
    ASSERT_TRUE(first->admin_password.has_value());
    EXPECT_GE(first->admin_password->size(), 20U);
    const Counts expected{1, 8, 8, 40, 50, 80, 20};  // admin + one user per everyday role
    EXPECT_EQ((Counts{1,
                      first->users,
                      first->departments,
                      first->employees,
                      first->customers,
                      first->items,
                      first->vendors}),
              expected);
    EXPECT_EQ(count(first->company_id), expected);

    // The admin can sign in with the reported password, and only with it.
    const auto right = in_txn([&](store::Txn& txn) {
        return platform::auth::check_password(
            txn, first->company_id, "admin", *first->admin_password);
    });
    ASSERT_TRUE(right.ok());
    EXPECT_TRUE(*right);
    const auto admin = in_txn([&](store::Txn& txn) {
        return platform::auth::find_user(txn, first->company_id, "admin");
    });
    ASSERT_TRUE(admin.ok() && admin->has_value());
    EXPECT_EQ((*admin)->roles, (std::vector<std::string>{"admin"}));
    // The role users share the password; the manager sees the Sales department only.
    const auto billing = in_txn([&](store::Txn& txn) {
        return platform::auth::check_password(
            txn, first->company_id, "billing", *first->admin_password);
    });
    ASSERT_TRUE(billing.ok());
    EXPECT_TRUE(*billing);
    const auto manager_scope = in_txn([&](store::Txn& txn) -> core::Result<std::vector<std::string>> {
        BO_TRY_ASSIGN(const auto manager,
                      platform::auth::find_user(txn, first->company_id, "manager"));
        BO_TRY_ASSIGN(const auto ids,
                      platform::auth::user_departments(txn, first->company_id, (*manager).id));
        BO_TRY_ASSIGN(const auto all, ledger::departments::list_departments(
                                          txn, first->company_id, {}, page));
        std::vector<std::string> codes;
        for (const auto& department : all) {
            if (std::find(ids.begin(), ids.end(), department.id.value()) != ids.end()) {
                codes.push_back(department.code);
            }
        }
        return codes;
    });
    ASSERT_TRUE(manager_scope.ok()) << manager_scope.error().message();
    EXPECT_EQ(*manager_scope, std::vector<std::string>{"SALES"});

    const core::Result<DemoSeedReport> second = seed_demo(db(), clock());
    ASSERT_TRUE(second.ok()) << second.error().message();
    EXPECT_FALSE(second->created);
    EXPECT_EQ(second->company_id, first->company_id);
    EXPECT_FALSE(second->admin_password.has_value());
    EXPECT_EQ(second->employees, 0U);
    EXPECT_EQ(count(first->company_id), expected);

    // The old password still works: the second run did not touch the admin.
    const auto still = in_txn([&](store::Txn& txn) {
        return platform::auth::check_password(
            txn, first->company_id, "admin", *first->admin_password);
    });
    ASSERT_TRUE(still.ok());
    EXPECT_TRUE(*still);
}

TEST_P(DemoSeed, DataIsDeterministicAndUnicodeSurvives) {
    const core::Result<DemoSeedReport> report = seed_demo(db(), clock());
    ASSERT_TRUE(report.ok()) << report.error().message();
    const platform::tenancy::CompanyId company = report->company_id;

    const auto zoe =
        in_txn([&](store::Txn& txn) { return hr::find_employee(txn, company, "E-0003"); });
    ASSERT_TRUE(zoe.ok() && zoe->has_value());
    EXPECT_EQ((*zoe)->given_name, "Zoë");
    EXPECT_EQ((*zoe)->family_name, "Müller");
    const auto lukasz =
        in_txn([&](store::Txn& txn) { return hr::find_employee(txn, company, "E-0010"); });
    ASSERT_TRUE(lukasz.ok() && lukasz->has_value());
    EXPECT_EQ((*lukasz)->given_name, "Łukasz");
    EXPECT_EQ((*lukasz)->family_name, "Kowalski");

    const auto customers =
        in_txn([&](store::Txn& txn) { return sales::list_customers(txn, company, {}, page); });
    ASSERT_TRUE(customers.ok());
    std::size_t on_hold = 0;
    std::size_t eur = 0;
    std::size_t gbp = 0;
    for (const sales::Customer& customer : *customers) {
        on_hold += customer.status == sales::CustomerStatus::on_hold ? 1U : 0U;
        eur += customer.currency.code() == "EUR" ? 1U : 0U;
        gbp += customer.currency.code() == "GBP" ? 1U : 0U;
        EXPECT_EQ(customer.credit_limit.currency, customer.currency);
    }
    EXPECT_EQ(on_hold, 2U);
    EXPECT_EQ(eur, 7U);
    EXPECT_EQ(gbp, 4U);
    EXPECT_EQ((*customers)[33].name, "Müller & Söhne GmbH");

    const auto paper =
        in_txn([&](store::Txn& txn) { return inventory::find_item(txn, company, "PAP-A4-80"); });
    ASSERT_TRUE(paper.ok() && paper->has_value());
    EXPECT_EQ((*paper)->price.minor, 2899);
    EXPECT_EQ((*paper)->standard_cost.minor, 1739);  // 60 % of 28.99, half-even
    const auto items =
        in_txn([&](store::Txn& txn) { return inventory::list_items(txn, company, {}, page); });
    ASSERT_TRUE(items.ok());
    std::size_t services = 0;
    for (const inventory::Item& item : *items) {
        services += item.kind == inventory::ItemKind::service ? 1U : 0U;
        EXPECT_LT(item.standard_cost.minor, item.price.minor) << item.sku;
    }
    EXPECT_EQ(services, 10U);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(DemoSeed);

}  // namespace
}  // namespace bo::modules::demo
