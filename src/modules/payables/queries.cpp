#include "modules/payables/queries.hpp"

#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::payables::queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Value;

constexpr std::string_view vendor_select =
    "SELECT id, company_id, number, name, email, city, country, currency, payment_terms_days, "
    "created_at_us FROM vendors ";

core::Result<Vendor> decode_vendor(const store::Row& row) {
    core::Result<core::Currency> currency = core::Currency::create(row.text(7));
    if (!currency) {
        return corrupt_row("vendors", "currency " + row.text(7));
    }
    core::Result<core::Instant> created_at = core::Instant::from_unix_micros(row.i64(9));
    if (!created_at) {
        return corrupt_row("vendors", "created_at_us out of range");
    }
    return Vendor{.id = VendorId(row.i64(0)),
                  .company_id = platform::tenancy::CompanyId(row.i64(1)),
                  .number = row.text(2),
                  .name = row.text(3),
                  .email = row.text(4),
                  .city = row.text(5),
                  .country = row.text(6),
                  .currency = *currency,
                  .payment_terms_days = row.i64(8),
                  .created_at = *created_at};
}

}  // namespace

core::Result<VendorId> insert_vendor(store::Txn& txn, const Vendor& vendor) {
    const std::vector<Value> params{vendor.company_id.value(),
                                    vendor.number,
                                    vendor.name,
                                    vendor.email,
                                    vendor.city,
                                    vendor.country,
                                    std::string(vendor.currency.code()),
                                    vendor.payment_terms_days,
                                    vendor.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO vendors (company_id, number, name, email, city, "
                                "country, currency, payment_terms_days, created_at_us) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                                params));
    return VendorId(row.i64(0));
}

core::Result<std::optional<Vendor>> select_vendor_by_number(store::Txn& txn,
                                                            platform::tenancy::CompanyId company,
                                                            std::string_view number) {
    static const std::string sql =
        std::string(vendor_select) + "WHERE company_id = $1 AND number = $2";
    const std::vector<Value> params{company.value(), std::string(number)};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Vendor>();
    }
    BO_TRY_ASSIGN(Vendor vendor, decode_vendor(*row));
    return std::optional<Vendor>(std::move(vendor));
}

core::Result<std::vector<Vendor>> select_vendors(store::Txn& txn,
                                                 platform::tenancy::CompanyId company,
                                                 VendorId after_id,
                                                 std::int64_t limit) {
    static const std::string sql =
        std::string(vendor_select) + "WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3";
    const std::vector<Value> params{company.value(), after_id.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Vendor> vendors;
    vendors.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Vendor vendor, decode_vendor(row));
        vendors.push_back(std::move(vendor));
    }
    return vendors;
}

}  // namespace bo::modules::payables::queries
