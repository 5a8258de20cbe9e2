// Companies (tenants): the plain types of the tenancy module.
//
// Every business row carries the id of the company it belongs to, and every query is scoped by
// it. A company's code is its stable, human-facing key ("DEMO"); its functional currency is the
// currency its ledger is kept in; its time zone turns instants into business dates.
// Invariants: a Company read from the store satisfies every rule `create_company` checks.
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"

namespace bo::platform::tenancy {

struct CompanyTag;
using CompanyId = core::Id<CompanyTag>;

inline constexpr std::size_t company_code_chars_max = 16;
inline constexpr std::size_t company_name_chars_max = 200;
inline constexpr std::size_t time_zone_chars_max = 64;  // longest IANA name is 32

struct Company {
    CompanyId id{};
    std::string code;
    std::string name;
    core::Currency functional_currency;
    std::string time_zone;  // "UTC", an offset "+05:30", or an IANA name "America/New_York"
    core::Instant created_at{0};
};

// The input of create_company, as it comes from outside (not yet validated).
struct NewCompany {
    std::string code;  // upper-case letters, digits, '-', '_', '.'; 1..16
    std::string name;
    std::string functional_currency;  // ISO 4217, e.g. "USD"
    std::string time_zone;
};

}  // namespace bo::platform::tenancy
