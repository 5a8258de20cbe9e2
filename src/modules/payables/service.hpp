// The payables service (master data for now): create, find and list the vendors of a company.
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
#include "modules/payables/model.hpp"
#include "store/database.hpp"

namespace bo::modules::payables {

// Creates a vendor. Errors: invalid_argument (fields "number", "name", "email", "city",
// "country", "currency", "payment_terms_days" outside 0..vendor_terms_days_max); conflict
// (field "number") if the number is taken in this company.
[[nodiscard]] core::Result<Vendor> create_vendor(store::Txn& txn,
                                                 const core::Clock& clock,
                                                 platform::tenancy::CompanyId company,
                                                 const NewVendor& input);

// The vendor with this number in `company`, or nullopt.
[[nodiscard]] core::Result<std::optional<Vendor>> find_vendor(store::Txn& txn,
                                                              platform::tenancy::CompanyId company,
                                                              std::string_view number);

// Up to `limit` vendors of `company` in creation order, after id `after_id` (0 = from the
// first). Errors: invalid_argument / limit_exceeded (field "limit").
[[nodiscard]] core::Result<std::vector<Vendor>> list_vendors(store::Txn& txn,
                                                             platform::tenancy::CompanyId company,
                                                             VendorId after_id,
                                                             std::int64_t limit);

}  // namespace bo::modules::payables
