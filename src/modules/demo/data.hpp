// The demo company's master data, as constant tables (bodies in data.cpp).
//
// Purpose: `seed_demo` turns these rows into companies, departments, employees, customers,
// items and vendors through each module's service, so the demo data passes the same checks as
// real input. The tables are fixed: the demo is the same on every run and every machine.
// Invariants: numbers and codes are unique per table; every employee's department code is in
// demo_departments; amounts are int64 minor units (cents).
// Thread safety: constants only.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "modules/inventory/model.hpp"

namespace bo::modules::demo {

struct DemoDepartment {
    std::string_view code;
    std::string_view name;
};

struct DemoEmployee {
    std::string_view given_name;
    std::string_view family_name;
    std::string_view email_local;  // ASCII local part of the e-mail address
    std::string_view department_code;
    std::string_view job_title;
    std::string_view hire_date;  // YYYY-MM-DD
};

struct DemoCustomer {
    std::string_view name;
    std::string_view domain;  // e-mail domain, "example" TLDs only
    std::string_view city;
    std::string_view country;  // ISO 3166-1 alpha-2
};

struct DemoItem {
    std::string_view sku;
    std::string_view description;
    std::string_view unit;
    inventory::ItemKind kind;
    std::int64_t price_minor;
};

struct DemoVendor {
    std::string_view name;
    std::string_view domain;
    std::string_view city;
    std::string_view country;
    std::int64_t payment_terms_days;
};

std::span<const DemoDepartment> demo_departments();
std::span<const DemoEmployee> demo_employees();
std::span<const DemoCustomer> demo_customers();
std::span<const DemoItem> demo_items();
std::span<const DemoVendor> demo_vendors();

}  // namespace bo::modules::demo
