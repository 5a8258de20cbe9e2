// The sales service for customers: create, change, hold and release, find, search and list.
//
// Each function runs inside the caller's transaction and never commits. Inputs are validated
// here: a bad field is invalid_argument with field errors, and then nothing is written. The
// functions that take an Actor write one audit event per change ("sales.customer.create", ...).
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/sales/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::sales {

// Creates a customer without an audit event (the demo seed and master-data tests).
// Errors: invalid_argument (fields "number", "name", "email", "phone", "city", "country",
// "currency", "credit_limit_minor" when negative, "payment_terms_days" outside
// 0..payment_terms_days_max, "tax_category", "price_list" (unknown or in another currency),
// "salesperson_id" (not a user of the company), "addresses/N/<field>", "contacts/N/<field>");
// conflict (field "number") if the number is taken.
[[nodiscard]] core::Result<Customer> create_customer(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     platform::tenancy::CompanyId company,
                                                     const NewCustomer& input);

// Creates a customer with `details` and audits it ("sales.customer.create"). Errors: as above.
[[nodiscard]] core::Result<Customer> create_customer(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     const platform::Actor& actor,
                                                     const NewCustomer& input,
                                                     const CustomerDetails& details);

// Changes the fields given in `patch` (audited, "sales.customer.update"). Errors: not_found;
// invalid_argument as create_customer.
[[nodiscard]] core::Result<Customer> update_customer(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     const platform::Actor& actor,
                                                     CustomerId id,
                                                     const CustomerPatch& patch);

// Puts a customer on hold with a reason (its orders then go on hold at confirmation), or
// releases it. Errors: not_found; invalid_argument (field "reason") when blank or too long;
// conflict when already in that status.
[[nodiscard]] core::Result<Customer> hold_customer(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const platform::Actor& actor,
                                                   CustomerId id,
                                                   const std::string& reason);
[[nodiscard]] core::Result<Customer> release_customer(store::Txn& txn,
                                                      const core::Clock& clock,
                                                      const platform::Actor& actor,
                                                      CustomerId id);

// The customer with this number in `company` (without addresses and contacts), or nullopt.
[[nodiscard]] core::Result<std::optional<Customer>> find_customer(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view number);

// The customer with its addresses and contacts, or nullopt (also for another company's id).
[[nodiscard]] core::Result<std::optional<Customer>> get_customer(
    store::Txn& txn, platform::tenancy::CompanyId company, CustomerId id);

// Up to `limit` customers of `company` in creation order, after id `after_id` (0 = from the
// first). Errors: invalid_argument / limit_exceeded (field "limit").
[[nodiscard]] core::Result<std::vector<Customer>> list_customers(
    store::Txn& txn, platform::tenancy::CompanyId company, CustomerId after_id, std::int64_t limit);

// A page of customers matching `query`, in its order (without addresses and contacts).
// Errors: invalid_argument (field "q" over 100 characters); those of list_customers.
[[nodiscard]] core::Result<std::vector<Customer>> search_customers(
    store::Txn& txn, platform::tenancy::CompanyId company, const CustomerQuery& query);

// The customer's own fields as a flat JSON record (without id, times, addresses and contacts):
// what the audit trail records and the API answers.
boost::json::object customer_record(const Customer& customer);

}  // namespace bo::modules::sales
