#include "platform/tenancy/service.hpp"

#include "platform/tenancy/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::platform::tenancy {
namespace {

// A zone core::TimeZone understands ("UTC", "+05:30"), or the shape of an IANA name
// ("Area/Location[/More]" of ASCII letters, digits, '_', '+', '-'), stored as given.
// TODO(#tz): check IANA names against the zone database once core::TimeZone resolves them.
bool is_time_zone_name(std::string_view name) {
    if (core::TimeZone::parse(name).ok()) {
        return true;
    }
    if (name.empty() || name.size() > time_zone_chars_max || name.front() == '/'
        || name.back() == '/') {
        return false;
    }
    for (const char c : name) {
        const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                             || (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-'
                             || c == '/';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

core::Result<void> validate(const NewCompany& input) {
    FieldChecks checks;
    checks.code("code", input.code, company_code_chars_max, FieldChecks::Case::upper);
    checks.required_text("name", input.name, company_name_chars_max);
    checks.currency("functional_currency", input.functional_currency);
    if (!is_time_zone_name(input.time_zone)) {
        checks.add("time_zone", "must be an IANA time zone name such as \"America/New_York\"");
    }
    return std::move(checks).finish("company");
}

}  // namespace

core::Result<Company> create_company(store::Txn& txn,
                                     const core::Clock& clock,
                                     const NewCompany& input) {
    BO_TRY(validate(input));
    BO_TRY_ASSIGN(const std::optional<Company> existing,
                  queries::select_company_by_code(txn, input.code));
    if (existing) {
        return duplicate("code", "company", input.code);
    }
    const core::Instant created_at = clock.now();
    BO_TRY_ASSIGN(const CompanyId id, queries::insert_company(txn, input, created_at));
    BO_TRY_ASSIGN(const core::Currency currency, core::Currency::create(input.functional_currency));
    return Company{.id = id,
                   .code = input.code,
                   .name = input.name,
                   .functional_currency = currency,
                   .time_zone = input.time_zone,
                   .created_at = created_at};
}

core::Result<std::optional<Company>> find_company(store::Txn& txn, std::string_view code) {
    return queries::select_company_by_code(txn, code);
}

core::Result<std::optional<Company>> find_company_by_id(store::Txn& txn, CompanyId id) {
    return queries::select_company_by_id(txn, id);
}

core::Result<std::vector<Company>> list_companies(store::Txn& txn,
                                                  CompanyId after_id,
                                                  std::int64_t limit) {
    BO_TRY(check_page_limit(limit));
    return queries::select_companies(txn, after_id, limit);
}

}  // namespace bo::platform::tenancy
