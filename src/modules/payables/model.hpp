// Vendors: the plain types of the payables module (who we buy from and pay).
//
// A vendor's number ("V-0001") is unique within the company. Each vendor bills us in one
// currency; payment terms say how many days after the bill date payment is due.
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::modules::payables {

struct VendorTag;
using VendorId = core::Id<VendorTag>;

inline constexpr std::size_t vendor_number_chars_max = 32;
inline constexpr std::size_t vendor_name_chars_max = 200;
inline constexpr std::size_t vendor_city_chars_max = 100;

// 365 days: longer terms are financing, not trade credit.
inline constexpr std::int64_t vendor_terms_days_max = 365;

struct Vendor {
    VendorId id{};
    platform::tenancy::CompanyId company_id{};
    std::string number;
    std::string name;
    std::string email;
    std::string city;
    std::string country;  // ISO 3166-1 alpha-2 or empty
    core::Currency currency;
    std::int64_t payment_terms_days = 0;
    core::Instant created_at{0};
};

// The input of create_vendor, as it comes from outside (not yet validated).
struct NewVendor {
    std::string number;  // letters, digits, '-', '_', '.'; 1..32
    std::string name;
    std::string email;     // optional
    std::string city;      // optional
    std::string country;   // optional, ISO 3166-1 alpha-2
    std::string currency;  // ISO 4217
    std::int64_t payment_terms_days = 30;
};

}  // namespace bo::modules::payables
