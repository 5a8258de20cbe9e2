// Customers: the plain types of the sales module (who we sell to).
//
// A customer's number ("C-0001") is unique within the company. Each customer is billed in one
// currency; its credit limit is an amount in that currency. A customer has several billing and
// shipping addresses (at most one default of each kind), contacts, a tax category, optionally a
// price list (in the customer's currency) and a salesperson (a user of the company).
// Invariants: credit_limit.currency == currency; credit_limit is not negative; at most one
// default address per kind.
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "platform/auth/model.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::modules::sales {

struct CustomerTag;
using CustomerId = core::Id<CustomerTag>;
struct PriceListTag;
using PriceListId = core::Id<PriceListTag>;

inline constexpr std::size_t customer_number_chars_max = 32;
inline constexpr std::size_t customer_name_chars_max = 200;
inline constexpr std::size_t phone_chars_max = 32;
inline constexpr std::size_t city_chars_max = 100;
inline constexpr std::size_t address_line_chars_max = 200;
inline constexpr std::size_t postal_code_chars_max = 20;
inline constexpr std::size_t contact_role_chars_max = 100;
inline constexpr std::size_t hold_reason_chars_max = 500;
// 20 addresses and 50 contacts: a customer with more is a group of customers.
inline constexpr std::size_t customer_addresses_max = 20;
inline constexpr std::size_t customer_contacts_max = 50;

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

enum class TaxCategory {
    taxable,  // pays the tax of each line's tax rate
    exempt,   // pays no tax (resale certificate, export, public body)
};

std::string_view to_string(TaxCategory category) noexcept;

// Errors: invalid_argument (field "tax_category").
[[nodiscard]] core::Result<TaxCategory> parse_tax_category(std::string_view text);

enum class AddressKind { billing, shipping };

std::string_view to_string(AddressKind kind) noexcept;

// Errors: invalid_argument (field "kind").
[[nodiscard]] core::Result<AddressKind> parse_address_kind(std::string_view text);

struct Address {
    AddressKind kind = AddressKind::billing;
    bool is_default = false;
    std::string name;  // "Receiving dock", "Head office"
    std::string line1;
    std::string line2;
    std::string city;
    std::string region;
    std::string postal_code;
    std::string country;  // ISO 3166-1 alpha-2
};

struct Contact {
    std::string name;
    std::string email;
    std::string phone;
    std::string role;  // "Purchasing", "Accounts payable"
};

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
    TaxCategory tax_category = TaxCategory::taxable;
    std::optional<PriceListId> price_list;
    std::optional<platform::auth::UserId> salesperson;
    std::string hold_reason;  // why it is on hold; empty when active
    core::Instant updated_at{0};
    std::vector<Address> addresses;  // filled by find/get, empty in lists
    std::vector<Contact> contacts;   // filled by find/get, empty in lists
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

// The rest of a new customer (beside NewCustomer, so that callers that build a NewCustomer with
// designated initializers need not name these).
struct CustomerDetails {
    std::string tax_category = "taxable";  // taxable | exempt
    std::string price_list;                // a price list code, or empty for the items' prices
    std::int64_t salesperson_id = 0;       // a user of the company, or 0 for none
    std::vector<Address> addresses;        // kinds and defaults checked by the service
    std::vector<Contact> contacts;
};

// A change to a customer (PATCH): only the fields given change. Lists replace the old ones.
struct CustomerPatch {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<std::string> phone;
    std::optional<std::string> city;
    std::optional<std::string> country;
    std::optional<std::int64_t> credit_limit_minor;
    std::optional<std::int64_t> payment_terms_days;
    std::optional<std::string> tax_category;
    std::optional<std::string> price_list;          // "" removes it
    std::optional<std::int64_t> salesperson_id;     // 0 removes it
    std::optional<std::vector<Address>> addresses;  // replaces all
    std::optional<std::vector<Contact>> contacts;   // replaces all
};

// How a customer list is ordered; a cursor continues in the same order.
enum class CustomerSort { number, name, created };
enum class SortDirection { ascending, descending };

struct CustomerQuery {
    std::string text;  // `q`: part of the name, number, e-mail or phone (case-insensitive)
    std::optional<CustomerStatus> status;
    CustomerSort sort = CustomerSort::created;
    SortDirection direction = SortDirection::ascending;
    CustomerId after_id{};  // the last customer of the previous page (0: from the first)
    std::int64_t limit = 50;
};

// --- Price lists and tax rates (pricing.hpp) -------------------------------------------------

struct TaxRateTag;
using TaxRateId = core::Id<TaxRateTag>;

inline constexpr std::size_t pricing_code_chars_max = 32;
inline constexpr std::size_t pricing_name_chars_max = 200;
// 4 decimals for a percentage ("8.8750"): every published sales-tax and VAT rate fits, and the
// products of prices and rates stay far inside 128 bits.
inline constexpr std::size_t percent_decimals_max = 4;
// 10,000 prices per request: a catalogue larger than that is loaded in several requests.
inline constexpr std::size_t price_list_items_per_request_max = 10'000;

// Whether a list's prices include the tax (retail, VAT-style) or not (trade, US-style).
enum class TaxInclusion { exclusive, inclusive };

struct PriceList {
    PriceListId id{};
    std::string code;
    std::string name;
    core::Currency currency;
    TaxInclusion prices = TaxInclusion::exclusive;
    core::Instant created_at{0};
};

struct PriceListItem {
    std::int64_t item_id = 0;
    std::string sku;
    core::Money price;
};

struct NewPriceList {
    std::string code;
    std::string name;
    std::string currency;
    bool prices_include_tax = false;
};

// One price to set: an item by SKU and its price as decimal text in the list's currency.
struct NewPrice {
    std::string sku;
    std::string price;
};

struct TaxRate {
    TaxRateId id{};
    std::string code;
    std::string name;
    std::string rate_percent;    // exactly as given, e.g. "8.875"
    core::Rational percent;      // rate_percent parsed exactly ("8.875" is 8875/1000)
    std::string account_number;  // the liability account the tax is payable to ("2300")
    bool is_default = false;     // the rate of items without a tax code of their own
    bool active = true;
    core::Instant created_at{0};
};

struct NewTaxRate {
    std::string code;
    std::string name;
    std::string rate_percent;  // a decimal 0..100 with at most percent_decimals_max decimals
    std::string account_number = "2300";
    bool is_default = false;
};

}  // namespace bo::modules::sales
