// The tenancy service: create, find and list companies.
//
// Each function runs inside the caller's transaction and never commits; the caller decides.
// Inputs are validated here, at the boundary: a bad field is invalid_argument with field
// errors, and then nothing is written.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/tenancy/model.hpp"
#include "store/database.hpp"

namespace bo::platform::tenancy {

// Creates a company stamped with `clock`'s time. Errors: invalid_argument (fields "code",
// "name", "functional_currency", "time_zone"); conflict (field "code") if the code is taken.
[[nodiscard]] core::Result<Company> create_company(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const NewCompany& input);

// The company with this code, or nullopt.
[[nodiscard]] core::Result<std::optional<Company>> find_company(store::Txn& txn,
                                                                std::string_view code);

// The company with this id, or nullopt.
[[nodiscard]] core::Result<std::optional<Company>> find_company_by_id(store::Txn& txn,
                                                                      CompanyId id);

// Up to `limit` companies in creation order (by id), starting after id `after_id` (0 = from
// the first); the last id of a page is the cursor for the next. Id order is the same on both
// backends, unlike text order, which follows the PostgreSQL cluster's collation.
// Errors: invalid_argument / limit_exceeded (field "limit") outside 1..core::page_size_max.
[[nodiscard]] core::Result<std::vector<Company>> list_companies(store::Txn& txn,
                                                                CompanyId after_id,
                                                                std::int64_t limit);

}  // namespace bo::platform::tenancy
