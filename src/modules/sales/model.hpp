// Customers: the plain types of the sales module (who we sell to).
//
// A customer's number ("C-0001") is unique within the company. Each customer is billed in one
// currency; its credit limit is an amount in that currency. Addresses, contacts and price lists
// grow with the order-fulfilment and billing modules.
// Invariants: credit_limit.currency == currency; credit_limit is not negative.
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::modules::sales {

struct CustomerTag;
using CustomerId = core::Id<CustomerTag>;

inline constexpr std::size_t customer_number_chars_max = 32;
inline constexpr std::size_t customer_name_chars_max = 200;
inline constexpr std::size_t phone_chars_max = 32;
inline constexpr std::size_t city_chars_max = 100;

// 365 days: longer terms are financing, not trade credit.
inline constexpr std::int64_t payment_terms_days_max = 365;

// Enumerators equal the stored and wire names.
enum class CustomerStatus {
    active,   // may order
    on_hold,  // orders are blocked (credit or dispute) until released
};

std::string_view to_string(CustomerStatus status) noexcept;

// Parses a stored or wire name. Errors: invalid_argument (field "status").
[[nodiscard]] core::Result<CustomerStatus> parse_customer_status(std::string_view text);

struct Customer {
    CustomerId id{};
    platform::tenancy::CompanyId company_id{};
    std::string number;
    std::string name;
    std::string email;
    std::string phone;
    std::string city;
    std::string country;  // ISO 3166-1 alpha-2 or empty
    core::Currency currency;
    core::Money credit_limit;
    std::int64_t payment_terms_days = 0;
    CustomerStatus status = CustomerStatus::active;
    core::Instant created_at{0};
};

// The input of create_customer, as it comes from outside (not yet validated).
struct NewCustomer {
    std::string number;  // letters, digits, '-', '_', '.'; 1..32
    std::string name;
    std::string email;                    // optional
    std::string phone;                    // optional: digits, spaces and + - ( ) .
    std::string city;                     // optional
    std::string country;                  // optional, ISO 3166-1 alpha-2 ("US")
    std::string currency;                 // ISO 4217
    std::int64_t credit_limit_minor = 0;  // in minor units of `currency`, >= 0
    std::int64_t payment_terms_days = 30;
    CustomerStatus status = CustomerStatus::active;
};

}  // namespace bo::modules::sales
