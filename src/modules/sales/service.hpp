// The sales service (master data for now): create, find and list the customers of a company.
//
// Each function runs inside the caller's transaction and never commits. Inputs are validated
// here: a bad field is invalid_argument with field errors, and then nothing is written.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/sales/model.hpp"
#include "store/database.hpp"

namespace bo::modules::sales {

// Creates a customer. Errors: invalid_argument (fields "number", "name", "email", "phone",
// "city", "country", "currency", "credit_limit_minor" when negative, "payment_terms_days"
// outside 0..payment_terms_days_max); conflict (field "number") if the number is taken.
[[nodiscard]] core::Result<Customer> create_customer(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     platform::tenancy::CompanyId company,
                                                     const NewCustomer& input);

// The customer with this number in `company`, or nullopt.
[[nodiscard]] core::Result<std::optional<Customer>> find_customer(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view number);

// Up to `limit` customers of `company` in creation order, after id `after_id` (0 = from the
// first). Errors: invalid_argument / limit_exceeded (field "limit").
[[nodiscard]] core::Result<std::vector<Customer>> list_customers(
    store::Txn& txn, platform::tenancy::CompanyId company, CustomerId after_id, std::int64_t limit);

}  // namespace bo::modules::sales
