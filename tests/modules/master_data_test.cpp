// Goal: departments, employees, customers, items and vendors can be created, found and listed
// on both backends; a taken number is a conflict naming the field; bad input is
// invalid_argument naming every bad field and writes nothing; non-ASCII text round-trips.
// Method: each test runs once per backend on a fresh migrated database with one company.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ledger/departments/service.hpp"
#include "modules/hr/service.hpp"
#include "modules/inventory/service.hpp"
#include "modules/payables/service.hpp"
#include "modules/sales/service.hpp"
#include "platform/storage_fixture.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::modules {
namespace {

using platform::tenancy::CompanyId;
using testing::only_field;

std::vector<std::string> field_names(const core::Error& error) {
    std::vector<std::string> names;
    for (const core::FieldError& field : error.fields()) {
        names.push_back(field.field);
    }
    return names;
}

class MasterData : public testing::StorageTest {
protected:
    void SetUp() override {
        StorageTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const auto company = in_txn([&](store::Txn& txn) {
            return platform::tenancy::create_company(txn,
                                                     clock(),
                                                     {.code = "TEST",
                                                      .name = "Test Co",
                                                      .functional_currency = "USD",
                                                      .time_zone = "UTC"});
        });
        ASSERT_TRUE(company.ok()) << company.error().message();
        company_ = company->id;
        const auto department = in_txn([&](store::Txn& txn) {
            return ledger::departments::create_department(
                txn, clock(), company_, {.code = "FIN", .name = "Finance", .parent_id = {}});
        });
        ASSERT_TRUE(department.ok()) << department.error().message();
        finance_ = department->id;
    }

    hr::NewEmployee zoe() const {
        return {.number = "E-0001",
                .given_name = "Zoë",
                .family_name = "Müller",
                .email = "zoe@test.example",
                .job_title = "Controller",
                .department_id = finance_,
                .hire_date = "2020-02-29"};
    }

    sales::NewCustomer customer() const {
        return {.number = "C-0001",
                .name = "Łódź Textile Sp. z o.o.",
                .email = "ap@lodz.example",
                .phone = "+48 555 0110",
                .city = "Łódź",
                .country = "PL",
                .currency = "EUR",
                .credit_limit_minor = 2'500'000,
                .payment_terms_days = 45,
                .status = sales::CustomerStatus::on_hold};
    }

    CompanyId company_;
    ledger::departments::DepartmentId finance_;
};

TEST_P(MasterData, Departments) {
    const auto child = in_txn([&](store::Txn& txn) {
        return ledger::departments::create_department(
            txn, clock(), company_, {.code = "AP", .name = "Payables", .parent_id = finance_});
    });
    ASSERT_TRUE(child.ok()) << child.error().message();
    const auto found = in_txn(
        [&](store::Txn& txn) { return ledger::departments::find_department(txn, company_, "AP"); });
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->parent_id, finance_);
    EXPECT_TRUE((*found)->active);
    const auto page = in_txn([&](store::Txn& txn) {
        return ledger::departments::list_departments(txn, company_, {}, 10);
    });
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->size(), 2U);
    EXPECT_EQ((*page)[0].code, "FIN");
    EXPECT_FALSE((*page)[0].parent_id.has_value());

    const auto duplicate = in_txn([&](store::Txn& txn) {
        return ledger::departments::create_department(
            txn, clock(), company_, {.code = "FIN", .name = "Again", .parent_id = {}});
    });
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code(), core::ErrorCode::conflict);
    EXPECT_EQ(only_field(duplicate.error()), "code");

    const auto orphan = in_txn([&](store::Txn& txn) {
        return ledger::departments::create_department(
            txn,
            clock(),
            company_,
            {.code = "X", .name = "", .parent_id = ledger::departments::DepartmentId(999)});
    });
    ASSERT_FALSE(orphan.ok());
    EXPECT_EQ(orphan.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(field_names(orphan.error()), (std::vector<std::string>{"name", "parent_id"}));
}

TEST_P(MasterData, EmployeesRoundTripUnicode) {
    const auto created =
        in_txn([&](store::Txn& txn) { return hr::create_employee(txn, clock(), company_, zoe()); });
    ASSERT_TRUE(created.ok()) << created.error().message();
    hr::NewEmployee jose = zoe();
    jose.number = "E-0002";
    jose.given_name = "José";
    jose.family_name = "Álvarez";
    hr::NewEmployee misaki = zoe();
    misaki.number = "E-0003";
    misaki.given_name = "美咲";
    misaki.family_name = "佐藤";
    for (const hr::NewEmployee& input : {jose, misaki}) {
        ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                        return hr::create_employee(txn, clock(), company_, input);
                    }).ok());
    }
    const auto found =
        in_txn([&](store::Txn& txn) { return hr::find_employee(txn, company_, "E-0001"); });
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->given_name, "Zoë");
    EXPECT_EQ((*found)->family_name, "Müller");
    EXPECT_EQ((*found)->hire_date.to_string(), "2020-02-29");
    EXPECT_EQ((*found)->department_id, finance_);
    EXPECT_EQ((*found)->status, hr::EmployeeStatus::active);

    const auto page =
        in_txn([&](store::Txn& txn) { return hr::list_employees(txn, company_, {}, 2); });
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->size(), 2U);
    EXPECT_EQ((*page)[1].family_name, "Álvarez");
    const auto rest = in_txn(
        [&](store::Txn& txn) { return hr::list_employees(txn, company_, page->back().id, 2); });
    ASSERT_TRUE(rest.ok());
    ASSERT_EQ(rest->size(), 1U);
    EXPECT_EQ((*rest)[0].given_name, "美咲");
    EXPECT_EQ((*rest)[0].family_name, "佐藤");
}

TEST_P(MasterData, EmployeeDuplicateAndInvalid) {
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return hr::create_employee(txn, clock(), company_, zoe());
                }).ok());
    const auto duplicate =
        in_txn([&](store::Txn& txn) { return hr::create_employee(txn, clock(), company_, zoe()); });
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code(), core::ErrorCode::conflict);
    EXPECT_EQ(only_field(duplicate.error()), "number");

    hr::NewEmployee bad = zoe();
    bad.number = "E-0002";
    bad.given_name = "";
    bad.department_id = ledger::departments::DepartmentId(12345);
    bad.hire_date = "2021-02-29";
    const auto refused =
        in_txn([&](store::Txn& txn) { return hr::create_employee(txn, clock(), company_, bad); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(field_names(refused.error()),
              (std::vector<std::string>{"given_name", "department_id", "hire_date"}));
    const auto page =
        in_txn([&](store::Txn& txn) { return hr::list_employees(txn, company_, {}, 10); });
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->size(), 1U);
}

TEST_P(MasterData, Customers) {
    const auto created = in_txn([&](store::Txn& txn) {
        return sales::create_customer(txn, clock(), company_, customer());
    });
    ASSERT_TRUE(created.ok()) << created.error().message();
    const auto found =
        in_txn([&](store::Txn& txn) { return sales::find_customer(txn, company_, "C-0001"); });
    ASSERT_TRUE(found.ok() && found->has_value());
    const sales::Customer& row = **found;
    EXPECT_EQ(row.name, "Łódź Textile Sp. z o.o.");
    EXPECT_EQ(row.city, "Łódź");
    EXPECT_EQ(row.currency.code(), "EUR");
    EXPECT_EQ(row.credit_limit.minor, 2'500'000);
    EXPECT_EQ(row.credit_limit.currency.code(), "EUR");
    EXPECT_EQ(row.payment_terms_days, 45);
    EXPECT_EQ(row.status, sales::CustomerStatus::on_hold);

    const auto duplicate = in_txn([&](store::Txn& txn) {
        return sales::create_customer(txn, clock(), company_, customer());
    });
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code(), core::ErrorCode::conflict);
    EXPECT_EQ(only_field(duplicate.error()), "number");

    sales::NewCustomer bad = customer();
    bad.number = "C-0002";
    bad.name = "";
    bad.currency = "XYZ";
    bad.credit_limit_minor = -1;
    bad.payment_terms_days = 366;
    const auto refused = in_txn(
        [&](store::Txn& txn) { return sales::create_customer(txn, clock(), company_, bad); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(
        field_names(refused.error()),
        (std::vector<std::string>{"name", "currency", "credit_limit_minor", "payment_terms_days"}));
    const auto page =
        in_txn([&](store::Txn& txn) { return sales::list_customers(txn, company_, {}, 10); });
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->size(), 1U);
    EXPECT_EQ((*page)[0].number, "C-0001");
}

TEST_P(MasterData, Items) {
    const inventory::NewItem paper{.sku = "PAP-A4-80",
                                   .description = "Copy paper A4 80 g/m²",
                                   .unit = "box",
                                   .kind = inventory::ItemKind::stocked,
                                   .currency = "USD",
                                   .price_minor = 2899,
                                   .standard_cost_minor = 1739};
    const auto created = in_txn(
        [&](store::Txn& txn) { return inventory::create_item(txn, clock(), company_, paper); });
    ASSERT_TRUE(created.ok()) << created.error().message();
    const auto found =
        in_txn([&](store::Txn& txn) { return inventory::find_item(txn, company_, "PAP-A4-80"); });
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->description, "Copy paper A4 80 g/m²");
    EXPECT_EQ((*found)->price.minor, 2899);
    EXPECT_EQ((*found)->standard_cost.minor, 1739);
    EXPECT_EQ((*found)->kind, inventory::ItemKind::stocked);

    const auto duplicate = in_txn(
        [&](store::Txn& txn) { return inventory::create_item(txn, clock(), company_, paper); });
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code(), core::ErrorCode::conflict);
    EXPECT_EQ(only_field(duplicate.error()), "sku");

    inventory::NewItem bad = paper;
    bad.sku = "BAD";
    bad.description = "";
    bad.unit = "Box!";
    bad.currency = "usd";
    bad.price_minor = -5;
    const auto refused = in_txn(
        [&](store::Txn& txn) { return inventory::create_item(txn, clock(), company_, bad); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(field_names(refused.error()),
              (std::vector<std::string>{"description", "unit", "currency", "price_minor"}));
    const auto page =
        in_txn([&](store::Txn& txn) { return inventory::list_items(txn, company_, {}, 10); });
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->size(), 1U);
}

TEST_P(MasterData, Vendors) {
    const payables::NewVendor vendor{.number = "V-0001",
                                     .name = "Kraftwerk Werkzeuge GmbH",
                                     .email = "billing@kraftwerk.example",
                                     .city = "Stuttgart",
                                     .country = "DE",
                                     .currency = "EUR",
                                     .payment_terms_days = 30};
    const auto created = in_txn(
        [&](store::Txn& txn) { return payables::create_vendor(txn, clock(), company_, vendor); });
    ASSERT_TRUE(created.ok()) << created.error().message();
    const auto found =
        in_txn([&](store::Txn& txn) { return payables::find_vendor(txn, company_, "V-0001"); });
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->name, "Kraftwerk Werkzeuge GmbH");
    EXPECT_EQ((*found)->currency.code(), "EUR");
    EXPECT_EQ((*found)->payment_terms_days, 30);

    const auto duplicate = in_txn(
        [&](store::Txn& txn) { return payables::create_vendor(txn, clock(), company_, vendor); });
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code(), core::ErrorCode::conflict);
    EXPECT_EQ(only_field(duplicate.error()), "number");

    payables::NewVendor bad = vendor;
    bad.number = "V 2";
    bad.country = "Germany";
    bad.payment_terms_days = -1;
    const auto refused = in_txn(
        [&](store::Txn& txn) { return payables::create_vendor(txn, clock(), company_, bad); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(field_names(refused.error()),
              (std::vector<std::string>{"number", "country", "payment_terms_days"}));
    const auto page =
        in_txn([&](store::Txn& txn) { return payables::list_vendors(txn, company_, {}, 10); });
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->size(), 1U);
}

TEST_P(MasterData, RowsOfAnotherCompanyAreInvisible) {
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return hr::create_employee(txn, clock(), company_, zoe());
                }).ok());
    const auto other = in_txn([&](store::Txn& txn) {
        return platform::tenancy::create_company(
            txn,
            clock(),
            {.code = "OTHER", .name = "Other", .functional_currency = "GBP", .time_zone = "UTC"});
    });
    ASSERT_TRUE(other.ok());
    const auto found =
        in_txn([&](store::Txn& txn) { return hr::find_employee(txn, other->id, "E-0001"); });
    ASSERT_TRUE(found.ok());
    EXPECT_FALSE(found->has_value());
    // Another company's department is not a department "of this company".
    hr::NewEmployee stray = zoe();
    const auto refused = in_txn(
        [&](store::Txn& txn) { return hr::create_employee(txn, clock(), other->id, stray); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(only_field(refused.error()), "department_id");
}

BO_INSTANTIATE_ON_ALL_BACKENDS(MasterData);

}  // namespace
}  // namespace bo::modules
