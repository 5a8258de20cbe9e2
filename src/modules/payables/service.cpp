#include "modules/payables/service.hpp"

#include <utility>

#include "modules/payables/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::payables {
namespace {

using platform::tenancy::FieldChecks;

// Checks every field; answers the currency.
core::Result<core::Currency> validate(const NewVendor& input) {
    FieldChecks checks;
    checks.code("number", input.number, vendor_number_chars_max, FieldChecks::Case::any);
    checks.required_text("name", input.name, vendor_name_chars_max);
    checks.optional_email("email", input.email);
    checks.optional_text("city", input.city, vendor_city_chars_max);
    checks.optional_country("country", input.country);
    checks.currency("currency", input.currency);
    checks.in_range("payment_terms_days", input.payment_terms_days, 0, vendor_terms_days_max);
    BO_TRY(std::move(checks).finish("vendor"));
    return core::Currency::create(input.currency);
}

}  // namespace

core::Result<Vendor> create_vendor(store::Txn& txn,
                                   const core::Clock& clock,
                                   platform::tenancy::CompanyId company,
                                   const NewVendor& input) {
    BO_TRY_ASSIGN(const core::Currency currency, validate(input));
    BO_TRY_ASSIGN(const std::optional<Vendor> existing,
                  queries::select_vendor_by_number(txn, company, input.number));
    if (existing) {
        return platform::tenancy::duplicate("number", "vendor", input.number);
    }
    Vendor vendor{.id = {},
                  .company_id = company,
                  .number = input.number,
                  .name = input.name,
                  .email = input.email,
                  .city = input.city,
                  .country = input.country,
                  .currency = currency,
                  .payment_terms_days = input.payment_terms_days,
                  .created_at = clock.now()};
    BO_TRY_ASSIGN(vendor.id, queries::insert_vendor(txn, vendor));
    return vendor;
}

core::Result<std::optional<Vendor>> find_vendor(store::Txn& txn,
                                                platform::tenancy::CompanyId company,
                                                std::string_view number) {
    return queries::select_vendor_by_number(txn, company, number);
}

core::Result<std::vector<Vendor>> list_vendors(store::Txn& txn,
                                               platform::tenancy::CompanyId company,
                                               VendorId after_id,
                                               std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_vendors(txn, company, after_id, limit);
}

}  // namespace bo::modules::payables
