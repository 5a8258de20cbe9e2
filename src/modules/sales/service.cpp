#include "modules/sales/service.hpp"

#include <array>
#include <limits>
#include <utility>

#include "modules/sales/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::sales {
namespace {

using platform::tenancy::FieldChecks;

constexpr std::array<std::string_view, 2> customer_status_names{"active", "on_hold"};

bool is_phone(std::string_view text) {
    for (const char c : text) {
        const bool allowed = (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '('
                             || c == ')' || c == '.';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

// Checks every field; answers the currency.
core::Result<core::Currency> validate(const NewCustomer& input) {
    FieldChecks checks;
    checks.code("number", input.number, customer_number_chars_max, FieldChecks::Case::any);
    checks.required_text("name", input.name, customer_name_chars_max);
    checks.optional_email("email", input.email);
    checks.optional_text("phone", input.phone, phone_chars_max);
    if (!is_phone(input.phone)) {
        checks.add("phone", "may hold only digits, spaces and + - ( ) .");
    }
    checks.optional_text("city", input.city, city_chars_max);
    checks.optional_country("country", input.country);
    checks.currency("currency", input.currency);
    checks.in_range("credit_limit_minor",
                    input.credit_limit_minor,
                    0,
                    std::numeric_limits<std::int64_t>::max());
    checks.in_range("payment_terms_days", input.payment_terms_days, 0, payment_terms_days_max);
    BO_TRY(std::move(checks).finish("customer"));
    return core::Currency::create(input.currency);
}

}  // namespace

std::string_view to_string(CustomerStatus status) noexcept {
    return customer_status_names.at(static_cast<std::size_t>(status));
}

core::Result<CustomerStatus> parse_customer_status(std::string_view text) {
    for (std::size_t index = 0; index < customer_status_names.size(); ++index) {
        if (customer_status_names[index] == text) {
            return static_cast<CustomerStatus>(index);
        }
    }
    return core::Error::invalid("status", "must be one of active, on_hold");
}

core::Result<Customer> create_customer(store::Txn& txn,
                                       const core::Clock& clock,
                                       platform::tenancy::CompanyId company,
                                       const NewCustomer& input) {
    BO_TRY_ASSIGN(const core::Currency currency, validate(input));
    BO_TRY_ASSIGN(const std::optional<Customer> existing,
                  queries::select_customer_by_number(txn, company, input.number));
    if (existing) {
        return platform::tenancy::duplicate("number", "customer", input.number);
    }
    Customer customer{.id = {},
                      .company_id = company,
                      .number = input.number,
                      .name = input.name,
                      .email = input.email,
                      .phone = input.phone,
                      .city = input.city,
                      .country = input.country,
                      .currency = currency,
                      .credit_limit = core::Money{input.credit_limit_minor, currency},
                      .payment_terms_days = input.payment_terms_days,
                      .status = input.status,
                      .created_at = clock.now()};
    BO_TRY_ASSIGN(customer.id, queries::insert_customer(txn, customer));
    return customer;
}

core::Result<std::optional<Customer>> find_customer(store::Txn& txn,
                                                    platform::tenancy::CompanyId company,
                                                    std::string_view number) {
    return queries::select_customer_by_number(txn, company, number);
}

core::Result<std::vector<Customer>> list_customers(store::Txn& txn,
                                                   platform::tenancy::CompanyId company,
                                                   CustomerId after_id,
                                                   std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_customers(txn, company, after_id, limit);
}

}  // namespace bo::modules::sales
