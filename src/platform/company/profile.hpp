// The company profile: the letterhead every document the company sends carries (legal name,
// postal address, tax id, contact details), and the one function that lays it out.
//
// The profile is optional: a company that never set one prints its name alone. Changing it
// is audited (`company.profile.update`, the changed fields). Documents already sent are PDFs
// rendered when asked for, so a re-opened old invoice shows the current letterhead; the
// numbers, lines and amounts on it never change.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "platform/tenancy/model.hpp"
#include "store/database.hpp"

namespace bo::platform::company {

inline constexpr std::size_t name_chars_max = 200;
inline constexpr std::size_t address_chars_max = 200;
inline constexpr std::size_t postal_code_chars_max = 20;
inline constexpr std::size_t city_chars_max = 100;
inline constexpr std::size_t tax_id_chars_max = 50;
inline constexpr std::size_t phone_chars_max = 50;
inline constexpr std::size_t website_chars_max = 200;

// Every field may be empty.
struct CompanyProfile {
    std::string legal_name;  // empty: the company's name
    std::string address_line1;
    std::string address_line2;
    std::string postal_code;
    std::string city;
    std::string region;   // state, province, county
    std::string country;  // ISO 3166-1 alpha-2, e.g. "US"
    std::string tax_id;   // VAT number, EIN, ...
    std::string email;
    std::string phone;
    std::string website;
};

// The profile's fields by their API names ("legal_name", "city", …), in the order documents
// print them, with the most characters each takes (country and email are checked further by
// set_company_profile). One list for the API, the CLI and the audit trail.
struct ProfileField {
    std::string_view name;
    std::string CompanyProfile::*member;
    std::size_t chars_max;
};
std::span<const ProfileField> profile_fields();

// The company and its profile (an empty profile if none was set). Errors: not_found for an
// unknown company; those of the store.
struct CompanyDetails {
    tenancy::Company company;
    CompanyProfile profile;
};
[[nodiscard]] core::Result<CompanyDetails> company_details(store::Txn& txn,
                                                           tenancy::CompanyId company);

// Replaces the actor's company's profile. Errors: invalid_argument naming every bad field
// (too long, "country" not two letters, "email" not an address); nothing written then.
[[nodiscard]] core::Result<CompanyProfile> set_company_profile(store::Txn& txn,
                                                               const core::Clock& clock,
                                                               const Actor& actor,
                                                               const CompanyProfile& input);

// The letterhead, top to bottom: the legal name (else the name), the address lines ("postal
// city, region" and the country, as customers' addresses print), "Tax ID …", and the contact
// details on one line; empty parts are left out.
std::vector<std::string> letterhead(const CompanyDetails& details);

// The letterhead of `company`, read in `txn`.
[[nodiscard]] core::Result<std::vector<std::string>> letterhead(store::Txn& txn,
                                                                tenancy::CompanyId company);

}  // namespace bo::platform::company
