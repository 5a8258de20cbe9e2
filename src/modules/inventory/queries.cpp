#include "modules/inventory/queries.hpp"

#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::inventory::queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Value;

constexpr std::string_view item_select =
    "SELECT id, company_id, sku, description, unit, kind, price_minor, standard_cost_minor, "
    "currency, active, created_at_us FROM items ";

core::Result<Item> decode_item(const store::Row& row) {
    core::Result<ItemKind> kind = parse_item_kind(row.text(5));
    if (!kind) {
        return corrupt_row("items", "kind " + row.text(5));
    }
    core::Result<core::Currency> currency = core::Currency::create(row.text(8));
    if (!currency) {
        return corrupt_row("items", "currency " + row.text(8));
    }
    core::Result<core::Instant> created_at = core::Instant::from_unix_micros(row.i64(10));
    if (!created_at) {
        return corrupt_row("items", "created_at_us out of range");
    }
    return Item{.id = ItemId(row.i64(0)),
                .company_id = platform::tenancy::CompanyId(row.i64(1)),
                .sku = row.text(2),
                .description = row.text(3),
                .unit = row.text(4),
                .kind = *kind,
                .price = core::Money{row.i64(6), *currency},
                .standard_cost = core::Money{row.i64(7), *currency},
                .active = row.i64(9) != 0,
                .created_at = *created_at};
}

}  // namespace

core::Result<ItemId> insert_item(store::Txn& txn, const Item& item) {
    const std::vector<Value> params{item.company_id.value(),
                                    item.sku,
                                    item.description,
                                    item.unit,
                                    std::string(to_string(item.kind)),
                                    item.price.minor,
                                    item.standard_cost.minor,
                                    std::string(item.price.currency.code()),
                                    std::int64_t{item.active ? 1 : 0},
                                    item.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO items (company_id, sku, description, unit, kind, "
                                "price_minor, standard_cost_minor, currency, active, "
                                "created_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                                "RETURNING id",
                                params));
    return ItemId(row.i64(0));
}

core::Result<std::optional<Item>> select_item_by_sku(store::Txn& txn,
                                                     platform::tenancy::CompanyId company,
                                                     std::string_view sku) {
    static const std::string sql = std::string(item_select) + "WHERE company_id = $1 AND sku = $2";
    const std::vector<Value> params{company.value(), std::string(sku)};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Item>();
    }
    BO_TRY_ASSIGN(Item item, decode_item(*row));
    return std::optional<Item>(std::move(item));
}

core::Result<std::vector<Item>> select_items(store::Txn& txn,
                                             platform::tenancy::CompanyId company,
                                             ItemId after_id,
                                             std::int64_t limit) {
    static const std::string sql =
        std::string(item_select) + "WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3";
    const std::vector<Value> params{company.value(), after_id.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Item> items;
    items.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Item item, decode_item(row));
        items.push_back(std::move(item));
    }
    return items;
}

}  // namespace bo::modules::inventory::queries
