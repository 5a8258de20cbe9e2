#include "platform/tenancy/queries.hpp"

#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::platform::tenancy::queries {
namespace {

using store::Value;

constexpr std::string_view company_columns =
    "id, code, name, functional_currency, time_zone, created_at_us";

core::Result<Company> decode_company(const store::Row& row) {
    core::Result<core::Currency> currency = core::Currency::create(row.text(3));
    if (!currency) {
        return corrupt_row("companies", "functional_currency " + row.text(3));
    }
    core::Result<core::Instant> created_at = core::Instant::from_unix_micros(row.i64(5));
    if (!created_at) {
        return corrupt_row("companies", "created_at_us out of range");
    }
    return Company{.id = CompanyId(row.i64(0)),
                   .code = row.text(1),
                   .name = row.text(2),
                   .functional_currency = *currency,
                   .time_zone = row.text(4),
                   .created_at = *created_at};
}

}  // namespace

core::Result<CompanyId> insert_company(store::Txn& txn,
                                       const NewCompany& input,
                                       core::Instant created_at) {
    const std::vector<Value> params{input.code,
                                    input.name,
                                    input.functional_currency,
                                    input.time_zone,
                                    created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO companies (code, name, functional_currency, "
                                "time_zone, created_at_us) VALUES ($1, $2, $3, $4, $5) "
                                "RETURNING id",
                                params));
    return CompanyId(row.i64(0));
}

core::Result<std::optional<Company>> select_company_by_code(store::Txn& txn,
                                                            std::string_view code) {
    static const std::string sql =
        "SELECT " + std::string(company_columns) + " FROM companies WHERE code = $1";
    const std::vector<Value> params{std::string(code)};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Company>();
    }
    BO_TRY_ASSIGN(Company company, decode_company(*row));
    return std::optional<Company>(std::move(company));
}

core::Result<std::optional<Company>> select_company_by_id(store::Txn& txn, CompanyId id) {
    static const std::string sql =
        "SELECT " + std::string(company_columns) + " FROM companies WHERE id = $1";
    const std::vector<Value> params{id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Company>();
    }
    BO_TRY_ASSIGN(Company company, decode_company(*row));
    return std::optional<Company>(std::move(company));
}

core::Result<std::vector<Company>> select_companies(store::Txn& txn,
                                                    CompanyId after_id,
                                                    std::int64_t limit) {
    static const std::string sql = "SELECT " + std::string(company_columns)
                                   + " FROM companies WHERE id > $1 ORDER BY id LIMIT $2";
    const std::vector<Value> params{after_id.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Company> companies;
    companies.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Company company, decode_company(row));
        companies.push_back(std::move(company));
    }
    return companies;
}

}  // namespace bo::platform::tenancy::queries
