#include "platform/company/queries.hpp"

#include <string>
#include <vector>

namespace bo::platform::company::queries {

using store::Value;

core::Result<std::optional<CompanyProfile>> select_profile(store::Txn& txn,
                                                           tenancy::CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT legal_name, address_line1, address_line2, "
                                     "postal_code, city, region, country, tax_id, email, phone, "
                                     "website FROM company_profiles WHERE company_id = $1",
                                     params));
    if (!row) {
        return std::optional<CompanyProfile>();
    }
    return std::optional<CompanyProfile>(CompanyProfile{.legal_name = row->text(0),
                                                        .address_line1 = row->text(1),
                                                        .address_line2 = row->text(2),
                                                        .postal_code = row->text(3),
                                                        .city = row->text(4),
                                                        .region = row->text(5),
                                                        .country = row->text(6),
                                                        .tax_id = row->text(7),
                                                        .email = row->text(8),
                                                        .phone = row->text(9),
                                                        .website = row->text(10)});
}

core::Result<void> upsert_profile(store::Txn& txn,
                                  tenancy::CompanyId company,
                                  const CompanyProfile& profile,
                                  core::Instant updated_at) {
    const std::vector<Value> params{company.value(),
                                    profile.legal_name,
                                    profile.address_line1,
                                    profile.address_line2,
                                    profile.postal_code,
                                    profile.city,
                                    profile.region,
                                    profile.country,
                                    profile.tax_id,
                                    profile.email,
                                    profile.phone,
                                    profile.website,
                                    updated_at.unix_micros()};
    BO_TRY(txn.execute(
        "INSERT INTO company_profiles (company_id, legal_name, address_line1, address_line2, "
        "postal_code, city, region, country, tax_id, email, phone, website, updated_at_us) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
        "ON CONFLICT (company_id) DO UPDATE SET legal_name = excluded.legal_name, "
        "address_line1 = excluded.address_line1, address_line2 = excluded.address_line2, "
        "postal_code = excluded.postal_code, city = excluded.city, region = excluded.region, "
        "country = excluded.country, tax_id = excluded.tax_id, email = excluded.email, "
        "phone = excluded.phone, website = excluded.website, "
        "updated_at_us = excluded.updated_at_us",
        params));
    return core::ok();
}

}  // namespace bo::platform::company::queries
