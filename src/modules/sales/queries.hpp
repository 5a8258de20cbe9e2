// The sales module's SQL for customers, behind plain functions (bodies in queries.cpp; price
// lists and tax rates in pricing_queries.cpp, orders in order_queries.cpp). Callers have
// validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/sales/model.hpp"
#include "store/database.hpp"

namespace bo::modules::sales::queries {

// Inserts `customer` (its id is ignored) and its addresses and contacts; answers the new id.
[[nodiscard]] core::Result<CustomerId> insert_customer(store::Txn& txn, const Customer& customer);

// Rewrites the customer's own columns and replaces its addresses and contacts.
[[nodiscard]] core::Result<void> update_customer(store::Txn& txn, const Customer& customer);

// The customer (without addresses and contacts), or nullopt.
[[nodiscard]] core::Result<std::optional<Customer>> select_customer_by_number(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view number);
[[nodiscard]] core::Result<std::optional<Customer>> select_customer(
    store::Txn& txn, platform::tenancy::CompanyId company, CustomerId id);

// The customer's addresses and contacts, in their order.
[[nodiscard]] core::Result<void> select_customer_details(store::Txn& txn, Customer& customer);

[[nodiscard]] core::Result<std::vector<Customer>> select_customers(
    store::Txn& txn, platform::tenancy::CompanyId company, CustomerId after_id, std::int64_t limit);

// A page of customers matching `query` in its order (`pattern` is the LIKE pattern of
// query.text, lower-cased, or "").
[[nodiscard]] core::Result<std::vector<Customer>> search_customers(
    store::Txn& txn,
    platform::tenancy::CompanyId company,
    const CustomerQuery& query,
    const std::string& pattern);

}  // namespace bo::modules::sales::queries
