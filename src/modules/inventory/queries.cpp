#include "modules/inventory/queries.hpp"

#include <array>
#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::inventory::queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Value;

constexpr std::string_view item_columns =
    "id, company_id, sku, description, unit, kind, price_minor, standard_cost_minor, "
    "currency, active, created_at_us, weight_g, reorder_point_milli, reorder_quantity_milli, "
    "barcode";

const std::string& item_select() {
    static const std::string sql = "SELECT " + std::string(item_columns) + " FROM items ";
    return sql;
}

std::int64_t flag(bool value) {
    return value ? 1 : 0;
}

Value optional_text(const std::optional<std::string>& text) {
    return text ? Value(*text) : Value(store::Null{});
}

template <typename IdType>
Value optional_id(const std::optional<IdType>& id) {
    return id ? Value(id->value()) : Value(store::Null{});
}

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
                .created_at = *created_at,
                .weight_g = row.i64(11),
                .reorder_point_milli = row.i64(12),
                .reorder_quantity_milli = row.i64(13),
                .barcode = row.opt_text(14)};
}

core::Result<std::vector<Item>> decode_items(const store::Rows& rows) {
    std::vector<Item> items;
    items.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Item item, decode_item(row));
        items.push_back(std::move(item));
    }
    return items;
}

core::Result<core::Date> decode_date(const std::string& text, std::string_view table) {
    core::Result<core::Date> date = core::Date::parse(text);
    if (!date) {
        return corrupt_row(table, "date " + text);
    }
    return date;
}

StockFigures decode_figures(const store::Row& row, std::size_t first) {
    return StockFigures{.on_hand_milli = row.i64(first),
                        .reserved_milli = row.i64(first + 1),
                        .on_order_milli = row.i64(first + 2),
                        .backordered_milli = row.i64(first + 3),
                        .value_minor = row.i64(first + 4)};
}

// The listing SQL for one sort and direction: keyset paging over (sort column, id), the
// cursor naming the last item of the previous page. Built from constants only.
std::string item_search_sql(ItemSort sort, SortDirection direction) {
    static constexpr std::array<std::string_view, 4> columns{
        "id", "sku", "description", "created_at_us"};
    const std::string column(columns.at(static_cast<std::size_t>(sort)));
    const bool down = direction == SortDirection::descending;
    const std::string compare = down ? " < " : " > ";
    const std::string order = down ? " DESC" : "";
    std::string sql = item_select()
                      + "WHERE company_id = $1 "
                        "AND ($2 = '' OR lower(sku) LIKE $2 ESCAPE '!' "
                        "OR lower(description) LIKE $2 ESCAPE '!' "
                        "OR lower(barcode) LIKE $2 ESCAPE '!') "
                        "AND ($3 = '' OR kind = $3) AND ($4 < 0 OR active = $4) ";
    if (sort == ItemSort::id) {
        sql += "AND ($5 = 0 OR id" + compare + "$5) ORDER BY id" + order;
    } else {
        sql += "AND ($5 = 0 OR (" + column + ", id)" + compare + "(SELECT " + column
               + ", id FROM items WHERE company_id = $1 AND id = $5)) ORDER BY " + column + order
               + ", id" + order;
    }
    return sql + " LIMIT $6";
}

}  // namespace

// --- items

core::Result<ItemId> insert_item(store::Txn& txn, const Item& item) {
    const std::vector<Value> params{item.company_id.value(),
                                    item.sku,
                                    item.description,
                                    item.unit,
                                    std::string(to_string(item.kind)),
                                    item.price.minor,
                                    item.standard_cost.minor,
                                    std::string(item.price.currency.code()),
                                    flag(item.active),
                                    item.created_at.unix_micros(),
                                    item.weight_g,
                                    item.reorder_point_milli,
                                    item.reorder_quantity_milli,
                                    optional_text(item.barcode)};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO items (company_id, sku, description, unit, kind, "
                                "price_minor, standard_cost_minor, currency, active, "
                                "created_at_us, weight_g, reorder_point_milli, "
                                "reorder_quantity_milli, barcode) VALUES ($1, $2, $3, $4, $5, "
                                "$6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
                                params));
    return ItemId(row.i64(0));
}

core::Result<void> update_item(store::Txn& txn, const Item& item) {
    const std::vector<Value> params{item.company_id.value(),
                                    item.id.value(),
                                    item.description,
                                    item.unit,
                                    item.price.minor,
                                    item.standard_cost.minor,
                                    item.weight_g,
                                    item.reorder_point_milli,
                                    item.reorder_quantity_milli,
                                    optional_text(item.barcode),
                                    flag(item.active)};
    BO_TRY(
        txn.execute("UPDATE items SET description = $3, unit = $4, price_minor = $5, "
                    "standard_cost_minor = $6, weight_g = $7, reorder_point_milli = $8, "
                    "reorder_quantity_milli = $9, barcode = $10, active = $11 "
                    "WHERE company_id = $1 AND id = $2",
                    params));
    return core::ok();
}

core::Result<std::optional<Item>> select_item_by_sku(store::Txn& txn,
                                                     CompanyId company,
                                                     std::string_view sku) {
    static const std::string sql = item_select() + "WHERE company_id = $1 AND sku = $2";
    const std::vector<Value> params{company.value(), std::string(sku)};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Item>();
    }
    BO_TRY_ASSIGN(Item item, decode_item(*row));
    return std::optional<Item>(std::move(item));
}

core::Result<std::optional<Item>> select_item_by_id(store::Txn& txn, CompanyId company, ItemId id) {
    static const std::string sql = item_select() + "WHERE company_id = $1 AND id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Item>();
    }
    BO_TRY_ASSIGN(Item item, decode_item(*row));
    return std::optional<Item>(std::move(item));
}

core::Result<std::optional<ItemId>> select_item_by_barcode(store::Txn& txn,
                                                           CompanyId company,
                                                           std::string_view barcode) {
    const std::vector<Value> params{company.value(), std::string(barcode)};
    BO_TRY_ASSIGN(
        const std::optional<store::Row> row,
        txn.query_optional("SELECT id FROM items WHERE company_id = $1 AND barcode = $2", params));
    return row ? std::optional<ItemId>(ItemId(row->i64(0))) : std::nullopt;
}

core::Result<std::vector<Item>> select_items(store::Txn& txn,
                                             CompanyId company,
                                             ItemId after_id,
                                             std::int64_t limit) {
    static const std::string sql =
        item_select() + "WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3";
    const std::vector<Value> params{company.value(), after_id.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    return decode_items(rows);
}

core::Result<std::vector<Item>> search_items(store::Txn& txn,
                                             CompanyId company,
                                             const ItemQuery& query) {
    // One SQL text per sort and direction, built once.
    static const std::array<std::string, 8> texts = [] {
        std::array<std::string, 8> all;
        for (std::size_t index = 0; index < all.size(); ++index) {
            all.at(index) = item_search_sql(static_cast<ItemSort>(index / 2),
                                            static_cast<SortDirection>(index % 2));
        }
        return all;
    }();
    const std::size_t index =
        static_cast<std::size_t>(query.sort) * 2 + static_cast<std::size_t>(query.direction);
    const std::vector<Value> params{
        company.value(),
        query.text,
        query.kind ? std::string(to_string(*query.kind)) : std::string(),
        query.active ? flag(*query.active) : std::int64_t{-1},
        query.after.value(),
        query.limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(texts.at(index), params));
    return decode_items(rows);
}

// --- warehouses and bins

namespace {

constexpr std::string_view warehouse_select =
    "SELECT id, company_id, code, name, address, active, created_at_us FROM warehouses ";

core::Result<Warehouse> decode_warehouse(const store::Row& row) {
    core::Result<core::Instant> created_at = core::Instant::from_unix_micros(row.i64(6));
    if (!created_at) {
        return corrupt_row("warehouses", "created_at_us out of range");
    }
    return Warehouse{.id = WarehouseId(row.i64(0)),
                     .company_id = CompanyId(row.i64(1)),
                     .code = row.text(2),
                     .name = row.text(3),
                     .address = row.text(4),
                     .active = row.i64(5) != 0,
                     .created_at = *created_at,
                     .bins = {}};
}

core::Result<std::optional<Warehouse>> one_warehouse(store::Txn& txn,
                                                     std::string_view sql,
                                                     store::Params params) {
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Warehouse>();
    }
    BO_TRY_ASSIGN(Warehouse warehouse, decode_warehouse(*row));
    BO_TRY_ASSIGN(warehouse.bins, select_bins(txn, warehouse.company_id, warehouse.id));
    return std::optional<Warehouse>(std::move(warehouse));
}

}  // namespace

core::Result<WarehouseId> insert_warehouse(store::Txn& txn, const Warehouse& warehouse) {
    const std::vector<Value> params{warehouse.company_id.value(),
                                    warehouse.code,
                                    warehouse.name,
                                    warehouse.address,
                                    flag(warehouse.active),
                                    warehouse.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO warehouses (company_id, code, name, address, active, "
                                "created_at_us) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                                params));
    return WarehouseId(row.i64(0));
}

core::Result<void> update_warehouse(store::Txn& txn, const Warehouse& warehouse) {
    const std::vector<Value> params{warehouse.company_id.value(),
                                    warehouse.id.value(),
                                    warehouse.name,
                                    warehouse.address,
                                    flag(warehouse.active)};
    BO_TRY(
        txn.execute("UPDATE warehouses SET name = $3, address = $4, active = $5 "
                    "WHERE company_id = $1 AND id = $2",
                    params));
    return core::ok();
}

core::Result<std::optional<Warehouse>> select_warehouse(store::Txn& txn,
                                                        CompanyId company,
                                                        WarehouseId id) {
    static const std::string sql =
        std::string(warehouse_select) + "WHERE company_id = $1 AND id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    return one_warehouse(txn, sql, params);
}

core::Result<std::optional<Warehouse>> select_warehouse_by_code(store::Txn& txn,
                                                                CompanyId company,
                                                                std::string_view code) {
    static const std::string sql =
        std::string(warehouse_select) + "WHERE company_id = $1 AND code = $2";
    const std::vector<Value> params{company.value(), std::string(code)};
    return one_warehouse(txn, sql, params);
}

core::Result<std::vector<Warehouse>> select_warehouses(store::Txn& txn,
                                                       CompanyId company,
                                                       WarehouseId after,
                                                       std::int64_t limit) {
    static const std::string sql =
        std::string(warehouse_select) + "WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3";
    const std::vector<Value> params{company.value(), after.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Warehouse> warehouses;
    warehouses.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Warehouse warehouse, decode_warehouse(row));
        BO_TRY_ASSIGN(warehouse.bins, select_bins(txn, company, warehouse.id));
        warehouses.push_back(std::move(warehouse));
    }
    return warehouses;
}

core::Result<BinId> insert_bin(store::Txn& txn,
                               CompanyId company,
                               WarehouseId warehouse,
                               std::string_view code) {
    const std::vector<Value> params{company.value(), warehouse.value(), std::string(code)};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO warehouse_bins (company_id, warehouse_id, code) "
                                "VALUES ($1, $2, $3) RETURNING id",
                                params));
    return BinId(row.i64(0));
}

core::Result<std::vector<Bin>> select_bins(store::Txn& txn,
                                           CompanyId company,
                                           WarehouseId warehouse) {
    const std::vector<Value> params{company.value(), warehouse.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT id, code, active FROM warehouse_bins "
                            "WHERE company_id = $1 AND warehouse_id = $2 ORDER BY code",
                            params));
    std::vector<Bin> bins;
    bins.reserve(rows.size());
    for (const store::Row& row : rows) {
        bins.push_back(Bin{BinId(row.i64(0)), row.text(1), row.i64(2) != 0});
    }
    return bins;
}

core::Result<std::optional<bool>> select_warehouse_active(store::Txn& txn,
                                                          CompanyId company,
                                                          WarehouseId id) {
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional(
                      "SELECT active FROM warehouses WHERE company_id = $1 AND id = $2", params));
    return row ? std::optional<bool>(row->i64(0) != 0) : std::nullopt;
}

core::Result<std::optional<WarehouseId>> select_bin_warehouse(store::Txn& txn,
                                                              CompanyId company,
                                                              BinId bin) {
    const std::vector<Value> params{company.value(), bin.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT warehouse_id FROM warehouse_bins "
                                     "WHERE company_id = $1 AND id = $2",
                                     params));
    return row ? std::optional<WarehouseId>(WarehouseId(row->i64(0))) : std::nullopt;
}

// --- stock rows

core::Result<void> ensure_stock(store::Txn& txn,
                                CompanyId company,
                                ItemId item,
                                WarehouseId warehouse) {
    const std::vector<Value> params{company.value(), item.value(), warehouse.value()};
    BO_TRY(
        txn.execute("INSERT INTO stock (company_id, item_id, warehouse_id) VALUES ($1, $2, $3) "
                    "ON CONFLICT (company_id, item_id, warehouse_id) DO NOTHING",
                    params));
    return core::ok();
}

core::Result<std::optional<StockFigures>> lock_stock(store::Txn& txn,
                                                     CompanyId company,
                                                     ItemId item,
                                                     WarehouseId warehouse) {
    const std::vector<Value> params{company.value(), item.value(), warehouse.value()};
    static const store::LockingSelect sql(
        "SELECT on_hand_milli, reserved_milli, on_order_milli, backordered_milli, value_minor "
        "FROM stock WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3");
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql.sql(txn.backend()), params));
    if (rows.empty()) {
        return std::optional<StockFigures>();
    }
    return std::optional<StockFigures>(decode_figures(rows.front(), 0));
}

core::Result<void> change_stock(store::Txn& txn,
                                CompanyId company,
                                ItemId item,
                                WarehouseId warehouse,
                                const StockDelta& delta) {
    const std::vector<Value> params{company.value(),
                                    item.value(),
                                    warehouse.value(),
                                    delta.on_hand_milli,
                                    delta.reserved_milli,
                                    delta.value_minor,
                                    optional_id(delta.bin)};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE stock SET on_hand_milli = on_hand_milli + $4, "
                              "reserved_milli = reserved_milli + $5, "
                              "value_minor = value_minor + $6, bin_id = coalesce($7, bin_id) "
                              "WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3",
                              params));
    BO_ASSERT(changed == 1);
    return core::ok();
}

core::Result<bool> change_figure(store::Txn& txn,
                                 CompanyId company,
                                 ItemId item,
                                 WarehouseId warehouse,
                                 Figure figure,
                                 std::int64_t delta) {
    static constexpr std::array<std::string_view, 3> texts{
        "UPDATE stock SET reserved_milli = reserved_milli + $4 "
        "WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3 "
        "AND reserved_milli + $4 >= 0 AND reserved_milli + $4 <= on_hand_milli",
        "UPDATE stock SET backordered_milli = backordered_milli + $4 "
        "WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3 "
        "AND backordered_milli + $4 >= 0",
        "UPDATE stock SET on_order_milli = on_order_milli + $4 "
        "WHERE company_id = $1 AND item_id = $2 AND warehouse_id = $3 "
        "AND on_order_milli + $4 >= 0"};
    const std::vector<Value> params{company.value(), item.value(), warehouse.value(), delta};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute(texts.at(static_cast<std::size_t>(figure)), params));
    return changed == 1;
}

namespace {

// "SELECT ... WHERE i.id IN ($3, ..., $n)" for `count` placeholders (a count, never input).
std::string stock_levels_sql(std::size_t count) {
    std::string sql =
        "SELECT i.id, s.on_hand_milli, s.reserved_milli, s.on_order_milli, s.backordered_milli, "
        "s.value_minor FROM items i LEFT JOIN stock s ON s.company_id = i.company_id "
        "AND s.item_id = i.id AND s.warehouse_id = $2 WHERE i.company_id = $1 AND i.id IN (";
    for (std::size_t index = 0; index < count; ++index) {
        sql += (index == 0 ? "$" : ", $") + std::to_string(index + 3);
    }
    return sql + ")";
}

}  // namespace

core::Result<std::vector<ItemStock>> select_stock_levels(store::Txn& txn,
                                                         CompanyId company,
                                                         WarehouseId warehouse,
                                                         std::span<const ItemId> items) {
    std::vector<ItemStock> answer(items.size());
    if (items.empty()) {
        return answer;
    }
    // Placeholder counts are rounded up to a power of two (the last id repeated), so that a
    // handful of statement texts serve every order size and stay prepared.
    std::size_t slots = 1;
    while (slots < items.size()) {
        slots *= 2;
    }
    std::vector<Value> params{company.value(), warehouse.value()};
    for (std::size_t index = 0; index < slots; ++index) {
        params.emplace_back(items[index < items.size() ? index : items.size() - 1].value());
    }
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(stock_levels_sql(slots), params));
    for (const store::Row& row : rows) {
        ItemStock found{.item_exists = true, .figures = {}};
        if (!row.is_null(1)) {
            found.figures = decode_figures(row, 1);
        }
        for (std::size_t index = 0; index < items.size(); ++index) {
            if (items[index].value() == row.i64(0)) {
                answer[index] = found;
            }
        }
    }
    return answer;
}

namespace {

// The SQL for a stock listing. Item and warehouse filters are written into the text only when
// given ("$2 = 0 OR s.item_id = $2" would hide the primary key from SQLite's planner, which
// then scans every stock row of the company for each one-item lookup).
std::string stock_sql(bool by_item, bool by_warehouse) {
    std::string sql =
        "SELECT s.item_id, s.warehouse_id, s.on_hand_milli, s.reserved_milli, "
        "s.on_order_milli, s.backordered_milli, s.value_minor, s.bin_id, b.code, "
        "i.sku, i.unit, i.reorder_point_milli FROM stock s "
        "JOIN items i ON i.company_id = s.company_id AND i.id = s.item_id "
        "LEFT JOIN warehouse_bins b ON b.company_id = s.company_id AND b.id = s.bin_id "
        "WHERE s.company_id = $1 AND ($2 = 0 OR "
        "s.on_hand_milli - s.reserved_milli + s.on_order_milli < i.reorder_point_milli) ";
    int next = 5;
    if (by_item) {
        sql += "AND s.item_id = $" + std::to_string(next++) + " ";
    }
    if (by_warehouse) {
        sql += "AND s.warehouse_id = $" + std::to_string(next++) + " ";
    }
    return sql + "ORDER BY s.item_id, s.warehouse_id LIMIT $3 OFFSET $4";
}

}  // namespace

core::Result<std::vector<StockRow>> select_stock(store::Txn& txn,
                                                 CompanyId company,
                                                 const StockQuery& query,
                                                 core::Currency currency) {
    static const std::array<std::string, 4> sql{stock_sql(false, false), stock_sql(false, true),
                                                stock_sql(true, false), stock_sql(true, true)};
    std::vector<Value> params{company.value(), flag(query.below_reorder), query.limit,
                              query.offset};
    if (query.item) {
        params.emplace_back(query.item->value());
    }
    if (query.warehouse) {
        params.emplace_back(query.warehouse->value());
    }
    const std::size_t variant = (query.item ? 2U : 0U) + (query.warehouse ? 1U : 0U);
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql[variant], params));
    std::vector<StockRow> answer;
    answer.reserve(rows.size());
    for (const store::Row& row : rows) {
        const StockFigures figures = decode_figures(row, 2);
        StockRow out{.level = StockLevel{.item = ItemId(row.i64(0)),
                                         .warehouse = WarehouseId(row.i64(1)),
                                         .on_hand = {figures.on_hand_milli},
                                         .reserved = {figures.reserved_milli},
                                         .on_order = {figures.on_order_milli},
                                         .backordered = {figures.backordered_milli},
                                         .average_cost = core::Money::zero(currency)},
                     .value = core::Money{figures.value_minor, currency},
                     .bin = std::nullopt,
                     .bin_code = "",
                     .sku = row.text(9),
                     .unit = row.text(10),
                     .reorder_point_milli = row.i64(11)};
        if (!row.is_null(7)) {
            out.bin = BinId(row.i64(7));
            out.bin_code = row.opt_text(8).value_or("");
        }
        answer.push_back(std::move(out));
    }
    return answer;
}

core::Result<std::vector<ItemTotals>> select_reorder_candidates(
    store::Txn& txn, CompanyId company, std::optional<WarehouseId> warehouse, std::int64_t limit) {
    static const std::string sql =
        "SELECT " + std::string(item_columns)
        + ", (SELECT coalesce(sum(on_hand_milli), 0) FROM stock s WHERE s.company_id = $1 "
          "AND s.item_id = items.id AND ($2 = 0 OR s.warehouse_id = $2)), "
          "(SELECT coalesce(sum(reserved_milli), 0) FROM stock s WHERE s.company_id = $1 "
          "AND s.item_id = items.id AND ($2 = 0 OR s.warehouse_id = $2)), "
          "(SELECT coalesce(sum(on_order_milli), 0) FROM stock s WHERE s.company_id = $1 "
          "AND s.item_id = items.id AND ($2 = 0 OR s.warehouse_id = $2)), "
          "(SELECT coalesce(sum(backordered_milli), 0) FROM stock s WHERE s.company_id = $1 "
          "AND s.item_id = items.id AND ($2 = 0 OR s.warehouse_id = $2)), "
          "(SELECT coalesce(sum(value_minor), 0) FROM stock s WHERE s.company_id = $1 "
          "AND s.item_id = items.id AND ($2 = 0 OR s.warehouse_id = $2)) "
          "FROM items WHERE company_id = $1 AND kind = 'stocked' AND active = 1 "
          "AND reorder_point_milli > 0 ORDER BY sku LIMIT $3";
    const std::vector<Value> params{
        company.value(), warehouse ? warehouse->value() : std::int64_t{0}, limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<ItemTotals> answer;
    answer.reserve(rows.size());
    constexpr std::size_t figures_column = 15;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Item item, decode_item(row));
        answer.push_back(ItemTotals{std::move(item), decode_figures(row, figures_column)});
    }
    return answer;
}

core::Result<std::vector<CheckRow>> select_all_stock(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT i.sku, w.code, s.on_hand_milli, s.reserved_milli, "
                            "s.on_order_milli, s.backordered_milli, s.value_minor FROM stock s "
                            "JOIN items i ON i.company_id = s.company_id AND i.id = s.item_id "
                            "JOIN warehouses w ON w.company_id = s.company_id "
                            "AND w.id = s.warehouse_id WHERE s.company_id = $1 "
                            "ORDER BY i.sku, w.code",
                            params));
    std::vector<CheckRow> answer;
    answer.reserve(rows.size());
    for (const store::Row& row : rows) {
        answer.push_back(CheckRow{row.text(0), row.text(1), decode_figures(row, 2)});
    }
    return answer;
}

core::Result<std::int64_t> select_stock_value(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(
        const store::Row row,
        txn.query_one("SELECT coalesce(sum(value_minor), 0) FROM stock WHERE company_id = $1",
                      params));
    return row.i64(0);
}

// --- documents and movements

core::Result<StockDocumentId> insert_document(store::Txn& txn, const DocumentRow& row) {
    const std::vector<Value> params{row.company.value(),
                                    row.kind,
                                    row.date.to_string(),
                                    row.warehouse.value(),
                                    optional_id(row.to_warehouse),
                                    row.reference,
                                    row.created_by,
                                    row.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row inserted,
                  txn.query_one("INSERT INTO stock_documents (company_id, kind, document_date, "
                                "warehouse_id, to_warehouse_id, reference, created_by, "
                                "created_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                                "RETURNING id",
                                params));
    return StockDocumentId(inserted.i64(0));
}

core::Result<void> set_document_entry(store::Txn& txn,
                                      CompanyId company,
                                      StockDocumentId document,
                                      ledger::EntryId entry) {
    const std::vector<Value> params{company.value(), document.value(), entry.value()};
    BO_TRY(txn.execute("UPDATE stock_documents SET entry_id = $3 WHERE company_id = $1 AND id = $2",
                       params));
    return core::ok();
}

core::Result<MovementId> insert_movement(store::Txn& txn,
                                         CompanyId company,
                                         const Movement& movement) {
    const std::vector<Value> params{
        company.value(),
        movement.item.value(),
        movement.warehouse.value(),
        optional_id(movement.bin),
        std::string(to_string(movement.type)),
        movement.quantity.milli,
        movement.value.minor,
        movement.date.to_string(),
        movement.source_type,
        movement.source_id,
        movement.reason ? Value(std::string(to_string(*movement.reason))) : Value(store::Null{}),
        optional_id(movement.entry),
        movement.user_id,
        movement.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO stock_movements (company_id, item_id, warehouse_id, "
                                "bin_id, movement_type, quantity_milli, value_minor, "
                                "movement_date, source_type, source_id, reason, entry_id, "
                                "user_id, created_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                                "$9, $10, $11, $12, $13, $14) RETURNING id",
                                params));
    return MovementId(row.i64(0));
}

namespace {

core::Result<MovementType> parse_movement_type(std::string_view text) {
    for (const MovementType type : {MovementType::receipt,
                                    MovementType::issue,
                                    MovementType::transfer_in,
                                    MovementType::transfer_out,
                                    MovementType::adjustment}) {
        if (to_string(type) == text) {
            return type;
        }
    }
    return corrupt_row("stock_movements", "movement_type " + std::string(text));
}

core::Result<Movement> decode_movement(const store::Row& row, core::Currency currency) {
    BO_TRY_ASSIGN(const MovementType type, parse_movement_type(row.text(4)));
    BO_TRY_ASSIGN(const core::Date date, decode_date(row.text(7), "stock_movements"));
    core::Result<core::Instant> created_at = core::Instant::from_unix_micros(row.i64(13));
    if (!created_at) {
        return corrupt_row("stock_movements", "created_at_us out of range");
    }
    Movement movement{.id = MovementId(row.i64(0)),
                      .item = ItemId(row.i64(1)),
                      .warehouse = WarehouseId(row.i64(2)),
                      .bin = std::nullopt,
                      .type = type,
                      .quantity = {row.i64(5)},
                      .value = core::Money{row.i64(6), currency},
                      .date = date,
                      .source_type = row.text(8),
                      .source_id = row.text(9),
                      .reason = std::nullopt,
                      .entry = std::nullopt,
                      .user_id = row.i64(12),
                      .created_at = *created_at};
    if (!row.is_null(3)) {
        movement.bin = BinId(row.i64(3));
    }
    if (const std::optional<std::string> reason = row.opt_text(10)) {
        core::Result<AdjustmentReason> parsed = parse_adjustment_reason(*reason, "reason");
        if (!parsed) {
            return corrupt_row("stock_movements", "reason " + *reason);
        }
        movement.reason = *parsed;
    }
    if (!row.is_null(11)) {
        movement.entry = ledger::EntryId(row.i64(11));
    }
    return movement;
}

}  // namespace

core::Result<std::vector<Movement>> select_movements(store::Txn& txn,
                                                     CompanyId company,
                                                     const MovementQuery& query,
                                                     core::Currency currency) {
    const std::vector<Value> params{company.value(),
                                    query.item ? query.item->value() : std::int64_t{0},
                                    query.warehouse ? query.warehouse->value() : std::int64_t{0},
                                    query.after.value(),
                                    query.limit};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT id, item_id, warehouse_id, bin_id, movement_type, "
                            "quantity_milli, value_minor, movement_date, source_type, source_id, "
                            "reason, entry_id, user_id, created_at_us FROM stock_movements "
                            "WHERE company_id = $1 AND ($2 = 0 OR item_id = $2) "
                            "AND ($3 = 0 OR warehouse_id = $3) AND id > $4 ORDER BY id LIMIT $5",
                            params));
    std::vector<Movement> answer;
    answer.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Movement movement, decode_movement(row, currency));
        answer.push_back(std::move(movement));
    }
    return answer;
}

// --- planned receipts

namespace {

constexpr std::string_view expected_select =
    "SELECT id, item_id, warehouse_id, expected_date, quantity_milli, received_milli, status, "
    "reference FROM expected_receipts ";

core::Result<ExpectedReceipt> decode_expected(const store::Row& row) {
    BO_TRY_ASSIGN(const core::Date date, decode_date(row.text(3), "expected_receipts"));
    ExpectedStatus status = ExpectedStatus::open;
    if (row.text(6) == "received") {
        status = ExpectedStatus::received;
    } else if (row.text(6) == "cancelled") {
        status = ExpectedStatus::cancelled;
    } else if (row.text(6) != "open") {
        return corrupt_row("expected_receipts", "status " + row.text(6));
    }
    return ExpectedReceipt{.id = ExpectedReceiptId(row.i64(0)),
                           .item = ItemId(row.i64(1)),
                           .warehouse = WarehouseId(row.i64(2)),
                           .expected_date = date,
                           .quantity = {row.i64(4)},
                           .received = {row.i64(5)},
                           .status = status,
                           .reference = row.text(7)};
}

}  // namespace

core::Result<ExpectedReceiptId> insert_expected(store::Txn& txn,
                                                CompanyId company,
                                                const ExpectedReceipt& receipt,
                                                core::Instant created_at) {
    const std::vector<Value> params{company.value(),
                                    receipt.item.value(),
                                    receipt.warehouse.value(),
                                    receipt.expected_date.to_string(),
                                    receipt.quantity.milli,
                                    std::string(to_string(receipt.status)),
                                    receipt.reference,
                                    created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO expected_receipts (company_id, item_id, "
                                "warehouse_id, expected_date, quantity_milli, status, reference, "
                                "created_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                                "RETURNING id",
                                params));
    return ExpectedReceiptId(row.i64(0));
}

core::Result<std::optional<ExpectedReceipt>> select_expected(store::Txn& txn,
                                                             CompanyId company,
                                                             ExpectedReceiptId id) {
    static const std::string sql =
        std::string(expected_select) + "WHERE company_id = $1 AND id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<ExpectedReceipt>();
    }
    BO_TRY_ASSIGN(ExpectedReceipt receipt, decode_expected(*row));
    return std::optional<ExpectedReceipt>(receipt);
}

core::Result<void> update_expected(store::Txn& txn,
                                   CompanyId company,
                                   const ExpectedReceipt& receipt) {
    const std::vector<Value> params{company.value(),
                                    receipt.id.value(),
                                    receipt.received.milli,
                                    std::string(to_string(receipt.status))};
    BO_TRY(
        txn.execute("UPDATE expected_receipts SET received_milli = $3, status = $4 "
                    "WHERE company_id = $1 AND id = $2",
                    params));
    return core::ok();
}

core::Result<std::vector<ExpectedReceipt>> select_expected_list(
    store::Txn& txn,
    CompanyId company,
    std::optional<ItemId> item,
    std::optional<WarehouseId> warehouse,
    ExpectedReceiptId after,
    std::int64_t limit) {
    static const std::string sql =
        std::string(expected_select)
        + "WHERE company_id = $1 AND status = 'open' AND ($2 = 0 OR item_id = $2) "
          "AND ($3 = 0 OR warehouse_id = $3) AND id > $4 ORDER BY id LIMIT $5";
    const std::vector<Value> params{company.value(),
                                    item ? item->value() : std::int64_t{0},
                                    warehouse ? warehouse->value() : std::int64_t{0},
                                    after.value(),
                                    limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<ExpectedReceipt> answer;
    answer.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(ExpectedReceipt receipt, decode_expected(row));
        answer.push_back(receipt);
    }
    return answer;
}

core::Result<std::vector<ExpectedArrival>> select_arrivals(
    store::Txn& txn, CompanyId company, ItemId item, WarehouseId warehouse, std::int64_t limit) {
    const std::vector<Value> params{company.value(), item.value(), warehouse.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT expected_date, quantity_milli - received_milli "
                            "FROM expected_receipts WHERE company_id = $1 AND item_id = $2 "
                            "AND warehouse_id = $3 AND status = 'open' "
                            "ORDER BY expected_date, id LIMIT $4",
                            params));
    std::vector<ExpectedArrival> answer;
    answer.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Date date, decode_date(row.text(0), "expected_receipts"));
        answer.push_back(ExpectedArrival{date, Quantity{row.i64(1)}});
    }
    return answer;
}

// --- settings

core::Result<std::optional<InventorySettings>> select_settings(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT inventory_account, cogs_account, "
                                     "adjustments_account, receipt_offset_account "
                                     "FROM inventory_settings WHERE company_id = $1",
                                     params));
    if (!row) {
        return std::optional<InventorySettings>();
    }
    return std::optional<InventorySettings>(
        InventorySettings{row->text(0), row->text(1), row->text(2), row->text(3)});
}

core::Result<void> upsert_settings(store::Txn& txn,
                                   CompanyId company,
                                   const InventorySettings& settings,
                                   core::Instant updated_at) {
    const std::vector<Value> params{company.value(),
                                    settings.inventory_account,
                                    settings.cogs_account,
                                    settings.adjustments_account,
                                    settings.receipt_offset_account,
                                    updated_at.unix_micros()};
    BO_TRY(txn.execute(
        "INSERT INTO inventory_settings (company_id, inventory_account, cogs_account, "
        "adjustments_account, receipt_offset_account, updated_at_us) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (company_id) DO UPDATE SET "
        "inventory_account = excluded.inventory_account, cogs_account = excluded.cogs_account, "
        "adjustments_account = excluded.adjustments_account, "
        "receipt_offset_account = excluded.receipt_offset_account, "
        "updated_at_us = excluded.updated_at_us",
        params));
    return core::ok();
}

}  // namespace bo::modules::inventory::queries
