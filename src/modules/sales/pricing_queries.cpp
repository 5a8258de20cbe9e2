#include "modules/sales/pricing_queries.hpp"

#include <string>
#include <utility>

#include "modules/sales/totals.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::sales::queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Value;

constexpr std::string_view list_select =
    "SELECT id, code, name, currency, prices_include_tax, created_at_us FROM price_lists ";

constexpr std::string_view rate_select =
    "SELECT id, code, name, rate_percent, account_number, is_default, active, created_at_us "
    "FROM tax_rates ";

core::Result<PriceList> decode_list(const store::Row& row) {
    core::Result<core::Currency> currency = core::Currency::create(row.text(3));
    core::Result<core::Instant> created = core::Instant::from_unix_micros(row.i64(5));
    if (!currency || !created) {
        return corrupt_row("price_lists", "currency or timestamp");
    }
    return PriceList{.id = PriceListId(row.i64(0)),
                     .code = row.text(1),
                     .name = row.text(2),
                     .currency = *currency,
                     .prices = row.i64(4) == 1 ? TaxInclusion::inclusive : TaxInclusion::exclusive,
                     .created_at = *created};
}

core::Result<TaxRate> decode_rate(const store::Row& row) {
    core::Result<core::Rational> percent = parse_percent(row.text(3), "rate_percent");
    core::Result<core::Instant> created = core::Instant::from_unix_micros(row.i64(7));
    if (!percent || !created) {
        return corrupt_row("tax_rates", "rate_percent or timestamp");
    }
    return TaxRate{.id = TaxRateId(row.i64(0)),
                   .code = row.text(1),
                   .name = row.text(2),
                   .rate_percent = row.text(3),
                   .percent = *percent,
                   .account_number = row.text(4),
                   .is_default = row.i64(5) == 1,
                   .active = row.i64(6) == 1,
                   .created_at = *created};
}

template <typename T, typename Decode>
core::Result<std::optional<T>> one(store::Txn& txn,
                                   const std::string& sql,
                                   const std::vector<Value>& params,
                                   Decode decode) {
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<T>();
    }
    BO_TRY_ASSIGN(T value, decode(*row));
    return std::optional<T>(std::move(value));
}

template <typename T, typename Decode>
core::Result<std::vector<T>> all(store::Txn& txn,
                                 const std::string& sql,
                                 const std::vector<Value>& params,
                                 Decode decode) {
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<T> values;
    values.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(T value, decode(row));
        values.push_back(std::move(value));
    }
    return values;
}

}  // namespace

core::Result<PriceListId> insert_price_list(store::Txn& txn,
                                            CompanyId company,
                                            const PriceList& list) {
    const std::vector<Value> params{company.value(),
                                    list.code,
                                    list.name,
                                    std::string(list.currency.code()),
                                    std::int64_t{list.prices == TaxInclusion::inclusive ? 1 : 0},
                                    list.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO price_lists (company_id, code, name, currency, "
                                "prices_include_tax, created_at_us, updated_at_us) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                                params));
    return PriceListId(row.i64(0));
}

core::Result<std::optional<PriceList>> select_price_list_by_code(store::Txn& txn,
                                                                 CompanyId company,
                                                                 std::string_view code) {
    static const std::string sql = std::string(list_select) + "WHERE company_id = $1 AND code = $2";
    return one<PriceList>(txn, sql, {company.value(), std::string(code)}, decode_list);
}

core::Result<std::optional<PriceList>> select_price_list(store::Txn& txn,
                                                         CompanyId company,
                                                         PriceListId id) {
    static const std::string sql = std::string(list_select) + "WHERE company_id = $1 AND id = $2";
    return one<PriceList>(txn, sql, {company.value(), id.value()}, decode_list);
}

core::Result<std::vector<PriceList>> select_price_lists(store::Txn& txn, CompanyId company) {
    static const std::string sql = std::string(list_select) + "WHERE company_id = $1 ORDER BY code";
    return all<PriceList>(txn, sql, {company.value()}, decode_list);
}

core::Result<void> upsert_prices(store::Txn& txn,
                                 CompanyId company,
                                 PriceListId list,
                                 std::span<const PriceListItem> prices) {
    if (prices.empty()) {
        return core::ok();
    }
    std::vector<std::vector<Value>> rows;
    rows.reserve(prices.size());
    for (const PriceListItem& price : prices) {
        rows.push_back({company.value(), list.value(), price.item_id, price.price.minor});
    }
    return txn.execute_batch(
        "INSERT INTO price_list_items (company_id, price_list_id, item_id, price_minor) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT (company_id, price_list_id, item_id) "
        "DO UPDATE SET price_minor = excluded.price_minor",
        rows);
}

core::Result<std::vector<PriceListItem>> select_prices(store::Txn& txn,
                                                       CompanyId company,
                                                       const PriceList& list) {
    const std::vector<Value> params{company.value(), list.id.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT p.item_id, i.sku, p.price_minor FROM price_list_items p "
                            "JOIN items i ON i.company_id = p.company_id AND i.id = p.item_id "
                            "WHERE p.company_id = $1 AND p.price_list_id = $2 ORDER BY i.sku",
                            params));
    std::vector<PriceListItem> items;
    items.reserve(rows.size());
    for (const store::Row& row : rows) {
        items.push_back(PriceListItem{.item_id = row.i64(0),
                                      .sku = row.text(1),
                                      .price = core::Money{row.i64(2), list.currency}});
    }
    return items;
}

core::Result<std::optional<std::int64_t>> select_price(store::Txn& txn,
                                                       CompanyId company,
                                                       PriceListId list,
                                                       inventory::ItemId item) {
    const std::vector<Value> params{company.value(), list.value(), item.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT price_minor FROM price_list_items WHERE "
                                     "company_id = $1 AND price_list_id = $2 AND item_id = $3",
                                     params));
    return row ? std::optional(row->i64(0)) : std::nullopt;
}

core::Result<TaxRateId> insert_tax_rate(store::Txn& txn, CompanyId company, const TaxRate& rate) {
    const std::vector<Value> params{company.value(),
                                    rate.code,
                                    rate.name,
                                    rate.rate_percent,
                                    rate.account_number,
                                    std::int64_t{rate.is_default ? 1 : 0},
                                    std::int64_t{rate.active ? 1 : 0},
                                    rate.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO tax_rates (company_id, code, name, rate_percent, "
                                "account_number, is_default, active, created_at_us) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                                params));
    return TaxRateId(row.i64(0));
}

core::Result<void> make_default_tax_rate(store::Txn& txn, CompanyId company, TaxRateId rate) {
    const std::vector<Value> params{company.value(), rate.value()};
    BO_TRY(
        txn.execute("UPDATE tax_rates SET is_default = CASE WHEN id = $2 THEN 1 ELSE 0 END "
                    "WHERE company_id = $1",
                    params));
    return core::ok();
}

core::Result<std::optional<TaxRate>> select_tax_rate_by_code(store::Txn& txn,
                                                             CompanyId company,
                                                             std::string_view code) {
    static const std::string sql = std::string(rate_select) + "WHERE company_id = $1 AND code = $2";
    return one<TaxRate>(txn, sql, {company.value(), std::string(code)}, decode_rate);
}

core::Result<std::optional<TaxRate>> select_tax_rate(store::Txn& txn,
                                                     CompanyId company,
                                                     TaxRateId id) {
    static const std::string sql = std::string(rate_select) + "WHERE company_id = $1 AND id = $2";
    return one<TaxRate>(txn, sql, {company.value(), id.value()}, decode_rate);
}

core::Result<std::optional<TaxRate>> select_default_tax_rate(store::Txn& txn, CompanyId company) {
    static const std::string sql =
        std::string(rate_select) + "WHERE company_id = $1 AND is_default = 1 AND active = 1";
    return one<TaxRate>(txn, sql, {company.value()}, decode_rate);
}

core::Result<std::vector<TaxRate>> select_tax_rates(store::Txn& txn, CompanyId company) {
    static const std::string sql = std::string(rate_select) + "WHERE company_id = $1 ORDER BY code";
    return all<TaxRate>(txn, sql, {company.value()}, decode_rate);
}

core::Result<std::optional<TaxRateId>> select_item_tax_rate(store::Txn& txn,
                                                            CompanyId company,
                                                            inventory::ItemId item) {
    const std::vector<Value> params{company.value(), item.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT tax_rate_id FROM item_tax_codes "
                                     "WHERE company_id = $1 AND item_id = $2",
                                     params));
    return row ? std::optional(TaxRateId(row->i64(0))) : std::nullopt;
}

core::Result<void> upsert_item_tax_rate(store::Txn& txn,
                                        CompanyId company,
                                        inventory::ItemId item,
                                        TaxRateId rate) {
    const std::vector<Value> params{company.value(), item.value(), rate.value()};
    BO_TRY(
        txn.execute("INSERT INTO item_tax_codes (company_id, item_id, tax_rate_id) "
                    "VALUES ($1, $2, $3) ON CONFLICT (company_id, item_id) "
                    "DO UPDATE SET tax_rate_id = excluded.tax_rate_id",
                    params));
    return core::ok();
}

}  // namespace bo::modules::sales::queries
