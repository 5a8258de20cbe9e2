#include "platform/company/profile.hpp"

#include <array>
#include <utility>

#include "core/log.hpp"
#include "platform/audit/audit.hpp"
#include "platform/company/queries.hpp"
#include "platform/tenancy/service.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::platform::company {
namespace {

std::string json_text(std::string_view text) {
    std::string out;
    core::append_json_string(out, text);
    return out;
}

audit::FieldTexts texts_of(const CompanyProfile& profile) {
    audit::FieldTexts texts;
    for (const ProfileField& field : profile_fields()) {
        texts.emplace(std::string(field.name), json_text(profile.*field.member));
    }
    return texts;
}

// Joins the non-empty parts with `separator`.
std::string joined(std::initializer_list<std::string_view> parts, std::string_view separator) {
    std::string out;
    for (const std::string_view part : parts) {
        if (part.empty()) {
            continue;
        }
        if (!out.empty()) {
            out += separator;
        }
        out += part;
    }
    return out;
}

constexpr std::array<ProfileField, 11> fields{{
    {"legal_name", &CompanyProfile::legal_name, name_chars_max},
    {"address_line1", &CompanyProfile::address_line1, address_chars_max},
    {"address_line2", &CompanyProfile::address_line2, address_chars_max},
    {"postal_code", &CompanyProfile::postal_code, postal_code_chars_max},
    {"city", &CompanyProfile::city, city_chars_max},
    {"region", &CompanyProfile::region, city_chars_max},
    {"country", &CompanyProfile::country, city_chars_max},
    {"tax_id", &CompanyProfile::tax_id, tax_id_chars_max},
    {"email", &CompanyProfile::email, 254},
    {"phone", &CompanyProfile::phone, phone_chars_max},
    {"website", &CompanyProfile::website, website_chars_max},
}};

}  // namespace

std::span<const ProfileField> profile_fields() {
    return fields;
}

core::Result<CompanyDetails> company_details(store::Txn& txn, tenancy::CompanyId company) {
    BO_TRY_ASSIGN(std::optional<tenancy::Company> found, tenancy::find_company_by_id(txn, company));
    if (!found) {
        return core::Error(core::ErrorCode::not_found, "no such company");
    }
    BO_TRY_ASSIGN(std::optional<CompanyProfile> profile, queries::select_profile(txn, company));
    return CompanyDetails{.company = std::move(*found),
                          .profile = profile ? std::move(*profile) : CompanyProfile{}};
}

core::Result<CompanyProfile> set_company_profile(store::Txn& txn,
                                                 const core::Clock& clock,
                                                 const Actor& actor,
                                                 const CompanyProfile& input) {
    tenancy::FieldChecks checks;
    checks.optional_text("legal_name", input.legal_name, name_chars_max);
    checks.optional_text("address_line1", input.address_line1, address_chars_max);
    checks.optional_text("address_line2", input.address_line2, address_chars_max);
    checks.optional_text("postal_code", input.postal_code, postal_code_chars_max);
    checks.optional_text("city", input.city, city_chars_max);
    checks.optional_text("region", input.region, city_chars_max);
    checks.optional_country("country", input.country);
    checks.optional_text("tax_id", input.tax_id, tax_id_chars_max);
    checks.optional_email("email", input.email);
    checks.optional_text("phone", input.phone, phone_chars_max);
    checks.optional_text("website", input.website, website_chars_max);
    BO_TRY(std::move(checks).finish("company profile"));
    BO_TRY_ASSIGN(const CompanyDetails before, company_details(txn, actor.company));
    BO_TRY(queries::upsert_profile(txn, actor.company, input, clock.now()));
    BO_TRY(audit::record(txn,
                         clock,
                         actor,
                         {.action = "company.profile.update",
                          .entity_type = "company",
                          .entity_id = std::to_string(actor.company.value()),
                          .changes = audit::diff(texts_of(before.profile), texts_of(input))}));
    return input;
}

std::vector<std::string> letterhead(const CompanyDetails& details) {
    const CompanyProfile& profile = details.profile;
    std::vector<std::string> lines{profile.legal_name.empty() ? details.company.name
                                                              : profile.legal_name};
    for (std::string line : {profile.address_line1,
                             profile.address_line2,
                             joined({joined({profile.postal_code, profile.city}, " "),
                                     profile.region},
                                    ", "),
                             profile.country}) {
        if (!line.empty()) {
            lines.push_back(std::move(line));
        }
    }
    if (!profile.tax_id.empty()) {
        lines.push_back("Tax ID " + profile.tax_id);
    }
    std::string contact = joined({profile.phone, profile.email, profile.website}, "  \xC2\xB7  ");
    if (!contact.empty()) {
        lines.push_back(std::move(contact));
    }
    return lines;
}

core::Result<std::vector<std::string>> letterhead(store::Txn& txn, tenancy::CompanyId company) {
    BO_TRY_ASSIGN(const CompanyDetails details, company_details(txn, company));
    return letterhead(details);
}

}  // namespace bo::platform::company
