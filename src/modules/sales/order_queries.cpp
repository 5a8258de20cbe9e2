#include "modules/sales/order_queries.hpp"

#include <array>
#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::sales::queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Value;

constexpr std::string_view order_columns =
    "o.id, o.number, o.customer_id, c.number, o.warehouse_id, o.status, o.currency, "
    "o.order_date, o.priority, o.salesperson_id, o.entered_by, o.customer_reference, "
    "o.hold_reason, o.net_minor, o.tax_minor, o.total_minor, o.created_at_us, o.updated_at_us, "
    "o.version ";

constexpr std::string_view order_from =
    "FROM sales_orders o JOIN customers c ON c.company_id = o.company_id AND c.id = o.customer_id ";

constexpr std::array<std::string_view, 3> price_source_names{"price_list", "item", "override"};

core::Result<SalesOrder> decode_order(const store::Row& row) {
    core::Result<OrderStatus> status = parse_order_status(row.text(5));
    core::Result<core::Currency> currency = core::Currency::create(row.text(6));
    core::Result<core::Date> date = core::Date::parse(row.text(7));
    core::Result<core::Instant> created = core::Instant::from_unix_micros(row.i64(16));
    core::Result<core::Instant> updated = core::Instant::from_unix_micros(row.i64(17));
    if (!status || !currency || !date || !created || !updated) {
        return corrupt_row("sales_orders", "status, currency, date or timestamp");
    }
    SalesOrder order{.id = SalesOrderId(row.i64(0)),
                     .number = row.text(1),
                     .customer = CustomerId(row.i64(2)),
                     .customer_number = row.text(3),
                     .warehouse = inventory::WarehouseId(row.i64(4)),
                     .status = *status,
                     .currency = *currency,
                     .order_date = *date,
                     .priority = row.i64(8),
                     .salesperson = std::nullopt,
                     .entered_by = platform::auth::UserId(row.i64(10)),
                     .customer_reference = row.text(11),
                     .hold_reason = row.text(12),
                     .net = core::Money{row.i64(13), *currency},
                     .tax = core::Money{row.i64(14), *currency},
                     .total = core::Money{row.i64(15), *currency},
                     .created_at = *created,
                     .updated_at = *updated,
                     .version = row.i64(18),
                     .lines = {}};
    if (const auto salesperson = row.opt_i64(9)) {
        order.salesperson = platform::auth::UserId(*salesperson);
    }
    return order;
}

core::Result<OrderLine> decode_line(const store::Row& row, core::Currency currency) {
    std::optional<PriceSource> source;
    for (std::size_t index = 0; index < price_source_names.size(); ++index) {
        if (price_source_names.at(index) == row.text(6)) {
            source = static_cast<PriceSource>(index);
        }
    }
    if (!source) {
        return corrupt_row("sales_order_lines", "price_source " + row.text(6));
    }
    OrderLine line{.line_number = row.i64(0),
                   .item = inventory::ItemId(row.i64(1)),
                   .sku = row.text(2),
                   .unit = row.text(3),
                   .quantity_milli = row.i64(4),
                   .unit_price = core::Money{row.i64(5), currency},
                   .price_source = *source,
                   .discount_percent = row.text(7),
                   .tax_rate = std::nullopt,
                   .tax_percent = row.text(9),
                   .net = core::Money{row.i64(10), currency},
                   .tax = core::Money{row.i64(11), currency},
                   .reserved_milli = row.i64(12),
                   .backordered_milli = row.i64(13),
                   .shipped_milli = row.i64(14)};
    if (const auto rate = row.opt_i64(8)) {
        line.tax_rate = TaxRateId(*rate);
    }
    return line;
}

Value optional_id(bool present, std::int64_t id) {
    return present ? Value(id) : Value(store::Null{});
}

}  // namespace

core::Result<std::int64_t> next_order_number(store::Txn& txn, CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO sales_order_counters (company_id, last_number) "
                                "VALUES ($1, 1) ON CONFLICT (company_id) DO UPDATE SET "
                                "last_number = sales_order_counters.last_number + 1 "
                                "RETURNING last_number",
                                params));
    return row.i64(0);
}

core::Result<SalesOrderId> insert_order(store::Txn& txn,
                                        CompanyId company,
                                        const SalesOrder& order) {
    const std::vector<Value> params{company.value(),
                                    order.number,
                                    order.customer.value(),
                                    order.warehouse.value(),
                                    std::string(to_string(order.status)),
                                    std::string(order.currency.code()),
                                    order.order_date.to_string(),
                                    order.priority,
                                    optional_id(order.salesperson.has_value(),
                                                order.salesperson ? order.salesperson->value() : 0),
                                    order.entered_by.value(),
                                    order.customer_reference,
                                    order.hold_reason,
                                    order.net.minor,
                                    order.tax.minor,
                                    order.total.minor,
                                    order.created_at.unix_micros(),
                                    order.updated_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO sales_orders (company_id, number, customer_id, "
                                "warehouse_id, status, currency, order_date, priority, "
                                "salesperson_id, entered_by, customer_reference, hold_reason, "
                                "net_minor, tax_minor, total_minor, created_at_us, updated_at_us, "
                                "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                                "$12, $13, $14, $15, $16, $17, 1) RETURNING id",
                                params));
    return SalesOrderId(row.i64(0));
}

core::Result<void> replace_lines(store::Txn& txn, CompanyId company, const SalesOrder& order) {
    const std::vector<Value> key{company.value(), order.id.value()};
    BO_TRY(
        txn.execute("DELETE FROM sales_order_lines WHERE company_id = $1 AND order_id = $2", key));
    std::vector<std::vector<Value>> rows;
    rows.reserve(order.lines.size());
    for (const OrderLine& line : order.lines) {
        rows.push_back(
            {company.value(),
             order.id.value(),
             line.line_number,
             line.item.value(),
             line.quantity_milli,
             line.unit_price.minor,
             std::string(to_string(line.price_source)),
             line.discount_percent,
             optional_id(line.tax_rate.has_value(), line.tax_rate ? line.tax_rate->value() : 0),
             line.tax_percent,
             line.net.minor,
             line.tax.minor,
             line.reserved_milli,
             line.backordered_milli,
             line.shipped_milli});
    }
    if (rows.empty()) {
        return core::ok();
    }
    return txn.execute_batch(
        "INSERT INTO sales_order_lines (company_id, order_id, line_number, item_id, "
        "quantity_milli, unit_price_minor, price_source, discount_percent, tax_rate_id, "
        "tax_percent, net_minor, tax_minor, reserved_milli, backordered_milli, shipped_milli) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        rows);
}

core::Result<bool> update_order(store::Txn& txn, CompanyId company, const SalesOrder& order) {
    const std::vector<Value> params{company.value(),
                                    order.id.value(),
                                    std::string(to_string(order.status)),
                                    order.hold_reason,
                                    order.net.minor,
                                    order.tax.minor,
                                    order.total.minor,
                                    order.updated_at.unix_micros(),
                                    order.version,
                                    order.priority,
                                    order.customer_reference};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE sales_orders SET status = $3, hold_reason = $4, "
                              "net_minor = $5, tax_minor = $6, total_minor = $7, "
                              "updated_at_us = $8, version = $9, priority = $10, "
                              "customer_reference = $11 "
                              "WHERE company_id = $1 AND id = $2 AND version = $9 - 1",
                              params));
    return changed == 1;
}

core::Result<void> update_line_stock(store::Txn& txn,
                                     CompanyId company,
                                     SalesOrderId order,
                                     const OrderLine& line) {
    const std::vector<Value> params{company.value(),
                                    order.value(),
                                    line.line_number,
                                    line.reserved_milli,
                                    line.backordered_milli};
    BO_TRY(
        txn.execute("UPDATE sales_order_lines SET reserved_milli = $4, backordered_milli = $5 "
                    "WHERE company_id = $1 AND order_id = $2 AND line_number = $3",
                    params));
    return core::ok();
}

core::Result<void> lock_customer(store::Txn& txn, CompanyId company, CustomerId customer) {
    const std::vector<Value> params{company.value(), customer.value()};
    static const store::LockingSelect sql(
        "SELECT id FROM customers WHERE company_id = $1 AND id = $2");
    BO_TRY(txn.query(sql.sql(txn.backend()), params));
    return core::ok();
}

core::Result<std::optional<SalesOrder>> select_order(store::Txn& txn,
                                                     CompanyId company,
                                                     SalesOrderId id) {
    static const std::string sql = "SELECT " + std::string(order_columns) + std::string(order_from)
                                   + "WHERE o.company_id = $1 AND o.id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<SalesOrder>();
    }
    BO_TRY_ASSIGN(SalesOrder order, decode_order(*row));
    BO_TRY_ASSIGN(const store::Rows lines,
                  txn.query("SELECT l.line_number, l.item_id, i.sku, i.unit, l.quantity_milli, "
                            "l.unit_price_minor, l.price_source, l.discount_percent, "
                            "l.tax_rate_id, l.tax_percent, l.net_minor, l.tax_minor, "
                            "l.reserved_milli, l.backordered_milli, l.shipped_milli "
                            "FROM sales_order_lines l JOIN items i ON i.company_id = "
                            "l.company_id AND i.id = l.item_id "
                            "WHERE l.company_id = $1 AND l.order_id = $2 ORDER BY l.line_number",
                            params));
    for (const store::Row& line_row : lines) {
        BO_TRY_ASSIGN(OrderLine line, decode_line(line_row, order.currency));
        order.lines.push_back(std::move(line));
    }
    return std::optional<SalesOrder>(std::move(order));
}

core::Result<std::vector<SalesOrder>> select_orders(store::Txn& txn,
                                                    CompanyId company,
                                                    const OrderQuery& query) {
    static const std::string sql =
        "SELECT " + std::string(order_columns) + std::string(order_from)
        + "WHERE o.company_id = $1 AND o.id > $2 AND ($3 = '' OR o.status = $3) "
          "AND ($4 = '' OR c.number = $4) "
          "AND ($5 = 0 OR (o.status IN ('confirmed', 'partly_shipped') AND EXISTS (SELECT 1 "
          "FROM sales_order_lines l WHERE l.company_id = o.company_id AND l.order_id = o.id "
          "AND l.reserved_milli > 0))) ORDER BY o.id LIMIT $6";
    const std::vector<Value> params{
        company.value(),
        query.after_id.value(),
        query.status ? std::string(to_string(*query.status)) : std::string(),
        query.customer.value_or(""),
        std::int64_t{query.shippable_only ? 1 : 0},
        query.limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<SalesOrder> orders;
    orders.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(SalesOrder order, decode_order(row));
        orders.push_back(std::move(order));
    }
    return orders;
}

core::Result<std::int64_t> open_order_value(store::Txn& txn,
                                            CompanyId company,
                                            CustomerId customer,
                                            SalesOrderId except) {
    const std::vector<Value> params{company.value(), customer.value(), except.value()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("SELECT COALESCE(SUM(total_minor), 0) FROM sales_orders "
                                "WHERE company_id = $1 AND customer_id = $2 AND id <> $3 "
                                "AND status IN ('confirmed', 'partly_shipped')",
                                params));
    return row.i64(0);
}

core::Result<void> insert_event(store::Txn& txn,
                                CompanyId company,
                                SalesOrderId order,
                                const OrderEvent& event) {
    const std::vector<Value> params{
        company.value(),
        order.value(),
        event.at.unix_micros(),
        optional_id(event.user.has_value(), event.user ? event.user->value() : 0),
        event.event,
        event.from_status,
        event.to_status,
        event.detail};
    BO_TRY(
        txn.execute("INSERT INTO sales_order_history (company_id, order_id, seq, at_us, "
                    "user_id, event, from_status, to_status, detail) "
                    "VALUES ($1, $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM "
                    "sales_order_history WHERE company_id = $1 AND order_id = $2), "
                    "$3, $4, $5, $6, $7, $8)",
                    params));
    return core::ok();
}

core::Result<std::vector<OrderEvent>> select_events(store::Txn& txn,
                                                    CompanyId company,
                                                    SalesOrderId order) {
    const std::vector<Value> params{company.value(), order.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT seq, at_us, user_id, event, from_status, to_status, detail "
                            "FROM sales_order_history WHERE company_id = $1 AND order_id = $2 "
                            "ORDER BY seq",
                            params));
    std::vector<OrderEvent> events;
    for (const store::Row& row : rows) {
        core::Result<core::Instant> at = core::Instant::from_unix_micros(row.i64(1));
        if (!at) {
            return corrupt_row("sales_order_history", "at_us out of range");
        }
        OrderEvent event{.seq = row.i64(0),
                         .at = *at,
                         .user = std::nullopt,
                         .event = row.text(3),
                         .from_status = row.text(4),
                         .to_status = row.text(5),
                         .detail = row.text(6)};
        if (const auto user = row.opt_i64(2)) {
            event.user = platform::auth::UserId(*user);
        }
        events.push_back(std::move(event));
    }
    return events;
}

core::Result<std::vector<BackorderedLine>> select_backordered_lines(
    store::Txn& txn, CompanyId company, inventory::ItemId item, inventory::WarehouseId warehouse) {
    const std::vector<Value> params{company.value(), item.value(), warehouse.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT l.order_id, l.line_number, l.backordered_milli "
                            "FROM sales_order_lines l JOIN sales_orders o ON o.company_id = "
                            "l.company_id AND o.id = l.order_id "
                            "WHERE l.company_id = $1 AND l.item_id = $2 AND "
                            "l.backordered_milli > 0 AND o.warehouse_id = $3 AND "
                            "o.status IN ('confirmed', 'partly_shipped') "
                            "ORDER BY o.priority DESC, o.id, l.line_number",
                            params));
    std::vector<BackorderedLine> lines;
    lines.reserve(rows.size());
    for (const store::Row& row : rows) {
        lines.push_back(BackorderedLine{.order = SalesOrderId(row.i64(0)),
                                        .line_number = row.i64(1),
                                        .backordered_milli = row.i64(2)});
    }
    return lines;
}

core::Result<std::vector<OpenQuantities>> select_open_quantities(store::Txn& txn,
                                                                 CompanyId company) {
    const std::vector<Value> params{company.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT l.item_id, o.warehouse_id, SUM(l.reserved_milli), "
                            "SUM(l.backordered_milli) FROM sales_order_lines l "
                            "JOIN sales_orders o ON o.company_id = l.company_id AND "
                            "o.id = l.order_id WHERE l.company_id = $1 AND "
                            "o.status IN ('confirmed', 'partly_shipped') "
                            "GROUP BY l.item_id, o.warehouse_id ORDER BY l.item_id, o.warehouse_id",
                            params));
    std::vector<OpenQuantities> sums;
    for (const store::Row& row : rows) {
        sums.push_back(OpenQuantities{.item = inventory::ItemId(row.i64(0)),
                                      .warehouse = inventory::WarehouseId(row.i64(1)),
                                      .reserved_milli = row.i64(2),
                                      .backordered_milli = row.i64(3)});
    }
    return sums;
}

}  // namespace bo::modules::sales::queries
