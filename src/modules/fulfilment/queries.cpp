#include "modules/fulfilment/queries.hpp"

#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::fulfilment::queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Null;
using store::Value;

Value optional_value(const std::optional<std::int64_t>& value) {
    return value ? Value(*value) : Value(Null{});
}

core::Result<core::Instant> instant(std::int64_t micros, std::string_view table) {
    core::Result<core::Instant> at = core::Instant::from_unix_micros(micros);
    if (!at) {
        return corrupt_row(table, "timestamp");
    }
    return *at;
}

core::Result<core::Currency> currency_of(const std::string& code, std::string_view table) {
    core::Result<core::Currency> currency = core::Currency::create(code);
    if (!currency) {
        return corrupt_row(table, "currency " + code);
    }
    return *currency;
}

// --- Pick lists -----------------------------------------------------------------------------

constexpr std::string_view pick_list_columns =
    "SELECT id, number, warehouse_id, status, created_by, created_at_us, updated_at_us "
    "FROM pick_lists ";

core::Result<PickList> decode_pick_list(const store::Row& row) {
    core::Result<PickListStatus> status = parse_pick_list_status(row.text(3));
    if (!status) {
        return corrupt_row("pick_lists", "status " + row.text(3));
    }
    BO_TRY_ASSIGN(const core::Instant created, instant(row.i64(5), "pick_lists"));
    BO_TRY_ASSIGN(const core::Instant updated, instant(row.i64(6), "pick_lists"));
    return PickList{.id = PickListId(row.i64(0)),
                    .number = row.text(1),
                    .warehouse = inventory::WarehouseId(row.i64(2)),
                    .status = *status,
                    .created_by = platform::auth::UserId(row.i64(4)),
                    .created_at = created,
                    .updated_at = updated,
                    .lines = {}};
}

core::Result<std::vector<PickListLine>> select_pick_lines(store::Txn& txn,
                                                          CompanyId company,
                                                          PickListId id) {
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(
        const store::Rows rows,
        txn.query("SELECT l.line_number, l.order_id, o.number, l.order_line_number, l.item_id, "
                  "i.sku, i.description, i.unit, l.bin_code, l.quantity_milli, l.picked_milli, "
                  "l.shipped_milli, l.held_milli FROM pick_list_lines l "
                  "JOIN sales_orders o ON o.company_id = l.company_id AND o.id = l.order_id "
                  "JOIN items i ON i.company_id = l.company_id AND i.id = l.item_id "
                  "WHERE l.company_id = $1 AND l.pick_list_id = $2 ORDER BY l.line_number",
                  params));
    std::vector<PickListLine> lines;
    lines.reserve(rows.size());
    for (const store::Row& row : rows) {
        lines.push_back(PickListLine{.line_number = row.i64(0),
                                     .order = sales::SalesOrderId(row.i64(1)),
                                     .order_number = row.text(2),
                                     .order_line_number = row.i64(3),
                                     .item = inventory::ItemId(row.i64(4)),
                                     .sku = row.text(5),
                                     .description = row.text(6),
                                     .unit = row.text(7),
                                     .bin_code = row.text(8),
                                     .quantity_milli = row.i64(9),
                                     .picked_milli = row.opt_i64(10),
                                     .shipped_milli = row.i64(11),
                                     .held_milli = row.i64(12)});
    }
    return lines;
}

// --- Shipments ------------------------------------------------------------------------------

constexpr std::string_view shipment_columns =
    "SELECT s.id, s.number, s.order_id, o.number, s.warehouse_id, s.pick_list_id, s.ship_date, "
    "s.carrier, s.service, s.tracking_number, s.currency, s.cost_minor, s.cogs_entry_id, "
    "s.created_by, s.created_at_us, f.functional_currency FROM shipments s "
    "JOIN sales_orders o ON o.company_id = s.company_id AND o.id = s.order_id "
    "JOIN companies f ON f.id = s.company_id ";

core::Result<Shipment> decode_shipment(const store::Row& row) {
    core::Result<core::Date> date = core::Date::parse(row.text(6));
    if (!date) {
        return corrupt_row("shipments", "ship_date");
    }
    BO_TRY_ASSIGN(const core::Currency currency, currency_of(row.text(10), "shipments"));
    BO_TRY_ASSIGN(const core::Currency functional, currency_of(row.text(15), "companies"));
    BO_TRY_ASSIGN(const core::Instant created, instant(row.i64(14), "shipments"));
    Shipment shipment{.id = ShipmentId(row.i64(0)),
                      .number = row.text(1),
                      .order = sales::SalesOrderId(row.i64(2)),
                      .order_number = row.text(3),
                      .warehouse = inventory::WarehouseId(row.i64(4)),
                      .pick_list = std::nullopt,
                      .ship_date = *date,
                      .carrier = row.text(7),
                      .service = row.text(8),
                      .tracking_number = row.text(9),
                      .currency = currency,
                      .cost = core::Money{row.i64(11), functional},
                      .cogs_entry = row.opt_i64(12),
                      .created_by = platform::auth::UserId(row.i64(13)),
                      .created_at = created,
                      .lines = {},
                      .packages = {}};
    if (const auto list = row.opt_i64(5)) {
        shipment.pick_list = PickListId(*list);
    }
    return shipment;
}

core::Result<void> select_shipment_details(store::Txn& txn,
                                           CompanyId company,
                                           Shipment& shipment) {
    const std::vector<Value> params{company.value(), shipment.id.value()};
    BO_TRY_ASSIGN(
        const store::Rows rows,
        txn.query("SELECT l.line_number, l.order_line_number, l.pick_list_id, l.pick_line_number, "
                  "l.item_id, i.sku, i.description, i.unit, l.quantity_milli, "
                  "l.unit_price_minor, l.discount_percent, l.tax_rate_id, l.tax_percent, "
                  "l.net_minor, l.tax_minor, l.cost_minor, l.returned_milli, l.billable, "
                  "l.invoice_id FROM shipment_lines l "
                  "JOIN items i ON i.company_id = l.company_id AND i.id = l.item_id "
                  "WHERE l.company_id = $1 AND l.shipment_id = $2 ORDER BY l.line_number",
                  params));
    const core::Currency currency = shipment.currency;
    const core::Currency functional = shipment.cost.currency;
    for (const store::Row& row : rows) {
        ShipmentLine line{.line_number = row.i64(0),
                          .order_line_number = row.i64(1),
                          .pick_list = std::nullopt,
                          .pick_line_number = row.opt_i64(3),
                          .item = inventory::ItemId(row.i64(4)),
                          .sku = row.text(5),
                          .description = row.text(6),
                          .unit = row.text(7),
                          .quantity_milli = row.i64(8),
                          .unit_price = core::Money{row.i64(9), currency},
                          .discount_percent = row.text(10),
                          .tax_rate_id = row.opt_i64(11),
                          .tax_percent = row.text(12),
                          .net = core::Money{row.i64(13), currency},
                          .tax = core::Money{row.i64(14), currency},
                          .cost = core::Money{row.i64(15), functional},
                          .returned_milli = row.i64(16),
                          .billable = row.i64(17) == 1,
                          .invoice_id = row.opt_i64(18)};
        if (const auto list = row.opt_i64(2)) {
            line.pick_list = PickListId(*list);
        }
        shipment.lines.push_back(std::move(line));
    }
    BO_TRY_ASSIGN(const store::Rows packages,
                  txn.query("SELECT package_number, weight_grams, length_mm, width_mm, height_mm "
                            "FROM shipment_packages WHERE company_id = $1 AND shipment_id = $2 "
                            "ORDER BY package_number",
                            params));
    for (const store::Row& row : packages) {
        shipment.packages.push_back(Package{.package_number = row.i64(0),
                                            .weight_grams = row.opt_i64(1),
                                            .length_mm = row.opt_i64(2),
                                            .width_mm = row.opt_i64(3),
                                            .height_mm = row.opt_i64(4)});
    }
    return core::ok();
}

// --- Returns --------------------------------------------------------------------------------

constexpr std::string_view return_columns =
    "SELECT r.id, r.number, r.shipment_id, s.number, r.order_id, r.status, r.reason, "
    "r.received_date, r.entry_id, s.currency, r.created_by, r.created_at_us, r.updated_at_us, "
    "f.functional_currency, r.scrap_entry_id FROM customer_returns r "
    "JOIN shipments s ON s.company_id = r.company_id AND s.id = r.shipment_id "
    "JOIN companies f ON f.id = r.company_id ";

core::Result<CustomerReturn> decode_return(const store::Row& row) {
    core::Result<ReturnStatus> status = parse_return_status(row.text(5));
    if (!status) {
        return corrupt_row("customer_returns", "status " + row.text(5));
    }
    BO_TRY_ASSIGN(const core::Currency currency, currency_of(row.text(9), "shipments"));
    BO_TRY_ASSIGN(const core::Instant created, instant(row.i64(11), "customer_returns"));
    BO_TRY_ASSIGN(const core::Instant updated, instant(row.i64(12), "customer_returns"));
    CustomerReturn result{.id = ReturnId(row.i64(0)),
                          .number = row.text(1),
                          .shipment = ShipmentId(row.i64(2)),
                          .shipment_number = row.text(3),
                          .order = sales::SalesOrderId(row.i64(4)),
                          .status = *status,
                          .reason = row.text(6),
                          .received_date = std::nullopt,
                          .entry = row.opt_i64(8),
                          .scrap_entry = row.opt_i64(14),
                          .currency = currency,
                          .created_by = platform::auth::UserId(row.i64(10)),
                          .created_at = created,
                          .updated_at = updated,
                          .lines = {}};
    if (const auto received = row.opt_text(7)) {
        core::Result<core::Date> date = core::Date::parse(*received);
        if (!date) {
            return corrupt_row("customer_returns", "received_date");
        }
        result.received_date = *date;
    }
    return result;
}

core::Result<void> select_return_lines(store::Txn& txn,
                                       CompanyId company,
                                       CustomerReturn& customer_return,
                                       core::Currency functional) {
    const std::vector<Value> params{company.value(), customer_return.id.value()};
    BO_TRY_ASSIGN(
        const store::Rows rows,
        txn.query("SELECT l.line_number, l.shipment_line_number, l.item_id, i.sku, "
                  "l.quantity_milli, l.disposition, l.cost_minor, l.net_minor, l.tax_minor, "
                  "l.credit_note_id FROM customer_return_lines l "
                  "JOIN items i ON i.company_id = l.company_id AND i.id = l.item_id "
                  "WHERE l.company_id = $1 AND l.return_id = $2 ORDER BY l.line_number",
                  params));
    for (const store::Row& row : rows) {
        ReturnLine line{.line_number = row.i64(0),
                        .shipment_line_number = row.i64(1),
                        .item = inventory::ItemId(row.i64(2)),
                        .sku = row.text(3),
                        .quantity_milli = row.i64(4),
                        .disposition = std::nullopt,
                        .cost = core::Money{row.i64(6), functional},
                        .net = core::Money{row.i64(7), customer_return.currency},
                        .tax = core::Money{row.i64(8), customer_return.currency},
                        .credit_note_id = row.opt_i64(9)};
        if (const auto disposition = row.opt_text(5)) {
            core::Result<Disposition> parsed = parse_disposition(*disposition, "disposition");
            if (!parsed) {
                return corrupt_row("customer_return_lines", "disposition " + *disposition);
            }
            line.disposition = *parsed;
        }
        customer_return.lines.push_back(std::move(line));
    }
    return core::ok();
}

// A BillingLine from the common column list of select_billable and select_credit_due.
core::Result<BillingLine> decode_billing_line(const store::Row& row) {
    BO_TRY_ASSIGN(const core::Currency currency, currency_of(row.text(13), "shipments"));
    BillingLine line{.shipment = ShipmentId(row.i64(0)),
                     .shipment_number = row.text(1),
                     .return_id = std::nullopt,
                     .return_number = row.opt_text(3).value_or(""),
                     .line_number = row.i64(4),
                     .order = sales::SalesOrderId(row.i64(5)),
                     .order_line_number = row.i64(6),
                     .item = inventory::ItemId(row.i64(7)),
                     .quantity_milli = row.i64(8),
                     .unit_price_minor = row.i64(9),
                     .discount_percent = row.text(10),
                     .tax_rate_id = row.opt_i64(11),
                     .tax_percent = row.text(12),
                     .net = core::Money{row.i64(14), currency},
                     .tax = core::Money{row.i64(15), currency}};
    if (const auto id = row.opt_i64(2)) {
        line.return_id = ReturnId(*id);
    }
    return line;
}

core::Result<std::vector<BillingLine>> decode_billing_lines(const store::Rows& rows) {
    std::vector<BillingLine> lines;
    lines.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(BillingLine line, decode_billing_line(row));
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace

core::Result<std::int64_t> next_number(store::Txn& txn, CompanyId company, std::string_view kind) {
    const std::vector<Value> params{company.value(), std::string(kind)};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO fulfilment_counters (company_id, kind, last_number) "
                                "VALUES ($1, $2, 1) ON CONFLICT (company_id, kind) DO UPDATE SET "
                                "last_number = fulfilment_counters.last_number + 1 "
                                "RETURNING last_number",
                                params));
    return row.i64(0);
}

core::Result<PickListId> insert_pick_list(store::Txn& txn,
                                          CompanyId company,
                                          const PickList& list) {
    const std::vector<Value> params{company.value(),
                                    list.number,
                                    list.warehouse.value(),
                                    std::string(to_string(list.status)),
                                    list.created_by.value(),
                                    list.created_at.unix_micros(),
                                    list.updated_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO pick_lists (company_id, number, warehouse_id, "
                                "status, created_by, created_at_us, updated_at_us) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                                params));
    const PickListId id(row.i64(0));
    std::vector<std::vector<Value>> rows;
    rows.reserve(list.lines.size());
    for (const PickListLine& line : list.lines) {
        rows.push_back({company.value(),
                        id.value(),
                        line.line_number,
                        line.order.value(),
                        line.order_line_number,
                        line.item.value(),
                        line.bin_code,
                        line.quantity_milli,
                        line.held_milli});
    }
    BO_TRY(txn.execute_batch(
        "INSERT INTO pick_list_lines (company_id, pick_list_id, line_number, order_id, "
        "order_line_number, item_id, bin_code, quantity_milli, held_milli) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        rows));
    return id;
}

core::Result<std::optional<PickList>> select_pick_list(store::Txn& txn,
                                                       CompanyId company,
                                                       PickListId id) {
    static const std::string sql =
        std::string(pick_list_columns) + "WHERE company_id = $1 AND id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<PickList>();
    }
    BO_TRY_ASSIGN(PickList list, decode_pick_list(*row));
    BO_TRY_ASSIGN(list.lines, select_pick_lines(txn, company, id));
    return std::optional<PickList>(std::move(list));
}

core::Result<std::vector<PickList>> select_pick_lists(store::Txn& txn,
                                                      CompanyId company,
                                                      std::optional<PickListStatus> status,
                                                      PickListId after,
                                                      std::int64_t limit) {
    static const std::string sql = std::string(pick_list_columns)
                                   + "WHERE company_id = $1 AND id > $2 "
                                     "AND ($3 = '' OR status = $3) ORDER BY id LIMIT $4";
    const std::vector<Value> params{company.value(),
                                    after.value(),
                                    status ? std::string(to_string(*status)) : std::string(),
                                    limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<PickList> lists;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(PickList list, decode_pick_list(row));
        lists.push_back(std::move(list));
    }
    return lists;
}

core::Result<void> update_pick_list_status(store::Txn& txn,
                                           CompanyId company,
                                           const PickList& list) {
    const std::vector<Value> params{company.value(),
                                    list.id.value(),
                                    std::string(to_string(list.status)),
                                    list.updated_at.unix_micros()};
    BO_TRY(txn.execute(
        "UPDATE pick_lists SET status = $3, updated_at_us = $4 WHERE company_id = $1 AND id = $2",
        params));
    return core::ok();
}

core::Result<void> update_pick_line(store::Txn& txn,
                                    CompanyId company,
                                    PickListId list,
                                    const PickListLine& line) {
    const std::vector<Value> params{company.value(),
                                    list.value(),
                                    line.line_number,
                                    optional_value(line.picked_milli),
                                    line.shipped_milli,
                                    line.held_milli};
    BO_TRY(txn.execute("UPDATE pick_list_lines SET picked_milli = $4, shipped_milli = $5, "
                       "held_milli = $6 "
                       "WHERE company_id = $1 AND pick_list_id = $2 AND line_number = $3",
                       params));
    return core::ok();
}

core::Result<std::vector<Held>> held_for_order(store::Txn& txn,
                                               CompanyId company,
                                               sales::SalesOrderId order) {
    const std::vector<Value> params{company.value(), order.value()};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT order_line_number, SUM(held_milli) FROM pick_list_lines "
                            "WHERE company_id = $1 AND order_id = $2 AND held_milli > 0 "
                            "GROUP BY order_line_number",
                            params));
    std::vector<Held> held;
    for (const store::Row& row : rows) {
        held.push_back(Held{.order_line_number = row.i64(0), .held_milli = row.i64(1)});
    }
    return held;
}

core::Result<ShipmentId> insert_shipment(store::Txn& txn,
                                         CompanyId company,
                                         const Shipment& shipment) {
    const std::vector<Value> params{
        company.value(),
        shipment.number,
        shipment.order.value(),
        shipment.warehouse.value(),
        shipment.pick_list ? Value(shipment.pick_list->value()) : Value(Null{}),
        shipment.ship_date.to_string(),
        shipment.carrier,
        shipment.service,
        shipment.tracking_number,
        std::string(shipment.currency.code()),
        shipment.cost.minor,
        optional_value(shipment.cogs_entry),
        shipment.created_by.value(),
        shipment.created_at.unix_micros()};
    BO_TRY_ASSIGN(
        const store::Row row,
        txn.query_one("INSERT INTO shipments (company_id, number, order_id, warehouse_id, "
                      "pick_list_id, ship_date, carrier, service, tracking_number, currency, "
                      "cost_minor, cogs_entry_id, created_by, created_at_us) VALUES ($1, $2, $3, "
                      "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
                      params));
    const ShipmentId id(row.i64(0));
    std::vector<std::vector<Value>> lines;
    for (const ShipmentLine& line : shipment.lines) {
        lines.push_back(
            {company.value(),
             id.value(),
             line.line_number,
             shipment.order.value(),
             line.order_line_number,
             line.pick_list ? Value(line.pick_list->value()) : Value(Null{}),
             optional_value(line.pick_line_number),
             line.item.value(),
             line.quantity_milli,
             line.unit_price.minor,
             line.discount_percent,
             optional_value(line.tax_rate_id),
             line.tax_percent,
             line.net.minor,
             line.tax.minor,
             line.cost.minor,
             std::int64_t{line.billable ? 1 : 0}});
    }
    BO_TRY(txn.execute_batch(
        "INSERT INTO shipment_lines (company_id, shipment_id, line_number, order_id, "
        "order_line_number, pick_list_id, pick_line_number, item_id, quantity_milli, "
        "unit_price_minor, discount_percent, tax_rate_id, tax_percent, net_minor, tax_minor, "
        "cost_minor, billable) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
        "$14, $15, $16, $17)",
        lines));
    std::vector<std::vector<Value>> packages;
    for (const Package& package : shipment.packages) {
        packages.push_back({company.value(),
                            id.value(),
                            package.package_number,
                            optional_value(package.weight_grams),
                            optional_value(package.length_mm),
                            optional_value(package.width_mm),
                            optional_value(package.height_mm)});
    }
    BO_TRY(txn.execute_batch(
        "INSERT INTO shipment_packages (company_id, shipment_id, package_number, weight_grams, "
        "length_mm, width_mm, height_mm) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        packages));
    return id;
}

core::Result<std::optional<Shipment>> select_shipment(store::Txn& txn,
                                                      CompanyId company,
                                                      ShipmentId id) {
    static const std::string sql =
        std::string(shipment_columns) + "WHERE s.company_id = $1 AND s.id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Shipment>();
    }
    BO_TRY_ASSIGN(Shipment shipment, decode_shipment(*row));
    BO_TRY(select_shipment_details(txn, company, shipment));
    return std::optional<Shipment>(std::move(shipment));
}

core::Result<std::vector<Shipment>> select_shipments(store::Txn& txn,
                                                     CompanyId company,
                                                     std::optional<sales::SalesOrderId> order,
                                                     ShipmentId after,
                                                     std::int64_t limit,
                                                     std::optional<core::Date> ship_date) {
    static const std::string sql = std::string(shipment_columns)
                                   + "WHERE s.company_id = $1 AND s.id > $2 "
                                     "AND ($3 = 0 OR s.order_id = $3) "
                                     "AND ($5 = '' OR s.ship_date = $5) ORDER BY s.id LIMIT $4";
    const std::vector<Value> params{company.value(),
                                    after.value(),
                                    order ? order->value() : std::int64_t{0},
                                    limit,
                                    ship_date ? ship_date->to_string() : std::string()};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Shipment> shipments;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Shipment shipment, decode_shipment(row));
        shipments.push_back(std::move(shipment));
    }
    return shipments;
}

core::Result<void> update_returned(store::Txn& txn,
                                   CompanyId company,
                                   ShipmentId shipment,
                                   const ShipmentLine& line) {
    const std::vector<Value> params{
        company.value(), shipment.value(), line.line_number, line.returned_milli};
    BO_TRY(txn.execute("UPDATE shipment_lines SET returned_milli = $4 "
                       "WHERE company_id = $1 AND shipment_id = $2 AND line_number = $3",
                       params));
    return core::ok();
}

core::Result<ReturnId> insert_return(store::Txn& txn,
                                     CompanyId company,
                                     const CustomerReturn& customer_return) {
    const std::vector<Value> params{company.value(),
                                    customer_return.number,
                                    customer_return.shipment.value(),
                                    customer_return.order.value(),
                                    std::string(to_string(customer_return.status)),
                                    customer_return.reason,
                                    customer_return.created_by.value(),
                                    customer_return.created_at.unix_micros(),
                                    customer_return.updated_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO customer_returns (company_id, number, shipment_id, "
                                "order_id, status, reason, created_by, created_at_us, "
                                "updated_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                                "RETURNING id",
                                params));
    const ReturnId id(row.i64(0));
    std::vector<std::vector<Value>> lines;
    for (const ReturnLine& line : customer_return.lines) {
        lines.push_back({company.value(),
                         id.value(),
                         line.line_number,
                         line.shipment_line_number,
                         line.item.value(),
                         line.quantity_milli,
                         line.cost.minor,
                         line.net.minor,
                         line.tax.minor});
    }
    BO_TRY(txn.execute_batch(
        "INSERT INTO customer_return_lines (company_id, return_id, line_number, "
        "shipment_line_number, item_id, quantity_milli, cost_minor, net_minor, tax_minor) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        lines));
    return id;
}

core::Result<std::optional<CustomerReturn>> select_return(store::Txn& txn,
                                                          CompanyId company,
                                                          ReturnId id) {
    static const std::string sql =
        std::string(return_columns) + "WHERE r.company_id = $1 AND r.id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<CustomerReturn>();
    }
    BO_TRY_ASSIGN(CustomerReturn customer_return, decode_return(*row));
    BO_TRY_ASSIGN(const core::Currency functional, currency_of(row->text(13), "companies"));
    BO_TRY(select_return_lines(txn, company, customer_return, functional));
    return std::optional<CustomerReturn>(std::move(customer_return));
}

core::Result<std::vector<CustomerReturn>> select_returns(store::Txn& txn,
                                                         CompanyId company,
                                                         std::optional<ReturnStatus> status,
                                                         ReturnId after,
                                                         std::int64_t limit,
                                                         std::optional<ShipmentId> shipment) {
    static const std::string sql = std::string(return_columns)
                                   + "WHERE r.company_id = $1 AND r.id > $2 "
                                     "AND ($3 = '' OR r.status = $3) "
                                     "AND ($5 = 0 OR r.shipment_id = $5) ORDER BY r.id LIMIT $4";
    const std::vector<Value> params{company.value(),
                                    after.value(),
                                    status ? std::string(to_string(*status)) : std::string(),
                                    limit,
                                    shipment ? shipment->value() : std::int64_t{0}};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<CustomerReturn> returns;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(CustomerReturn customer_return, decode_return(row));
        returns.push_back(std::move(customer_return));
    }
    return returns;
}

core::Result<void> update_return(store::Txn& txn,
                                 CompanyId company,
                                 const CustomerReturn& customer_return) {
    const std::vector<Value> params{
        company.value(),
        customer_return.id.value(),
        std::string(to_string(customer_return.status)),
        customer_return.received_date ? Value(customer_return.received_date->to_string())
                                      : Value(Null{}),
        optional_value(customer_return.entry),
        customer_return.updated_at.unix_micros(),
        optional_value(customer_return.scrap_entry)};
    BO_TRY(txn.execute("UPDATE customer_returns SET status = $3, received_date = $4, "
                       "entry_id = $5, updated_at_us = $6, scrap_entry_id = $7 "
                       "WHERE company_id = $1 AND id = $2",
                       params));
    std::vector<std::vector<Value>> lines;
    for (const ReturnLine& line : customer_return.lines) {
        lines.push_back({company.value(),
                         customer_return.id.value(),
                         line.line_number,
                         line.disposition ? Value(std::string(to_string(*line.disposition)))
                                          : Value(Null{})});
    }
    return txn.execute_batch(
        "UPDATE customer_return_lines SET disposition = $4 "
        "WHERE company_id = $1 AND return_id = $2 AND line_number = $3",
        lines);
}

core::Result<std::vector<BillingLine>> select_billable(store::Txn& txn,
                                                       CompanyId company,
                                                       ShipmentId after_shipment,
                                                       std::int64_t limit) {
    const std::vector<Value> params{company.value(), after_shipment.value(), limit};
    BO_TRY_ASSIGN(
        const store::Rows rows,
        txn.query("SELECT s.id, s.number, NULL, NULL, l.line_number, l.order_id, "
                  "l.order_line_number, l.item_id, l.quantity_milli, l.unit_price_minor, "
                  "l.discount_percent, l.tax_rate_id, l.tax_percent, s.currency, l.net_minor, "
                  "l.tax_minor FROM shipment_lines l "
                  "JOIN shipments s ON s.company_id = l.company_id AND s.id = l.shipment_id "
                  "WHERE l.company_id = $1 AND l.billable = 1 AND l.invoice_id IS NULL "
                  "AND l.shipment_id > $2 AND l.shipment_id IN (SELECT id FROM shipments "
                  "WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3) "
                  "ORDER BY s.id, l.line_number",
                  params));
    return decode_billing_lines(rows);
}

core::Result<std::vector<BillingLine>> select_credit_due(store::Txn& txn,
                                                         CompanyId company,
                                                         ReturnId after_return,
                                                         std::int64_t limit) {
    const std::vector<Value> params{company.value(), after_return.value(), limit};
    BO_TRY_ASSIGN(
        const store::Rows rows,
        txn.query("SELECT s.id, s.number, r.id, r.number, l.line_number, r.order_id, "
                  "sl.order_line_number, l.item_id, l.quantity_milli, sl.unit_price_minor, "
                  "sl.discount_percent, sl.tax_rate_id, sl.tax_percent, s.currency, l.net_minor, "
                  "l.tax_minor FROM customer_return_lines l "
                  "JOIN customer_returns r ON r.company_id = l.company_id AND r.id = l.return_id "
                  "JOIN shipments s ON s.company_id = r.company_id AND s.id = r.shipment_id "
                  "JOIN shipment_lines sl ON sl.company_id = s.company_id "
                  "AND sl.shipment_id = s.id AND sl.line_number = l.shipment_line_number "
                  "WHERE l.company_id = $1 AND r.status = 'received' "
                  "AND l.credit_note_id IS NULL AND r.id > $2 AND r.id IN (SELECT id FROM "
                  "customer_returns WHERE company_id = $1 AND id > $2 AND status = 'received' "
                  "ORDER BY id LIMIT $3) ORDER BY r.id, l.line_number",
                  params));
    return decode_billing_lines(rows);
}

core::Result<bool> mark_invoiced(store::Txn& txn,
                                 CompanyId company,
                                 ShipmentId shipment,
                                 std::int64_t line_number,
                                 std::int64_t invoice_id) {
    const std::vector<Value> params{company.value(), shipment.value(), line_number, invoice_id};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE shipment_lines SET invoice_id = $4 WHERE company_id = $1 "
                              "AND shipment_id = $2 AND line_number = $3 AND billable = 1 "
                              "AND invoice_id IS NULL",
                              params));
    return changed == 1;
}

core::Result<bool> mark_credited(store::Txn& txn,
                                 CompanyId company,
                                 ReturnId customer_return,
                                 std::int64_t line_number,
                                 std::int64_t credit_note_id) {
    const std::vector<Value> params{
        company.value(), customer_return.value(), line_number, credit_note_id};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE customer_return_lines SET credit_note_id = $4 "
                              "WHERE company_id = $1 AND return_id = $2 AND line_number = $3 "
                              "AND credit_note_id IS NULL AND disposition IS NOT NULL",
                              params));
    return changed == 1;
}

core::Result<std::vector<ShippedMonth>> select_shipped_by_month(store::Txn& txn,
                                                               CompanyId company,
                                                               core::Date from,
                                                               core::Date to) {
    const std::vector<Value> params{company.value(), from.to_string(), to.to_string()};
    BO_TRY_ASSIGN(
        const store::Rows rows,
        txn.query("SELECT substr(s.ship_date, 1, 7) AS month, s.currency, "
                  "COUNT(DISTINCT s.id), COUNT(DISTINCT s.order_id), "
                  "CAST(COALESCE(SUM(l.net_minor), 0) AS BIGINT) FROM shipments s "
                  "LEFT JOIN shipment_lines l ON l.company_id = s.company_id "
                  "AND l.shipment_id = s.id "
                  "WHERE s.company_id = $1 AND s.ship_date >= $2 AND s.ship_date < $3 "
                  "GROUP BY substr(s.ship_date, 1, 7), s.currency ORDER BY 1, 2",
                  params));
    std::vector<ShippedMonth> months;
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(const core::Currency currency, currency_of(row.text(1), "shipments"));
        months.push_back(ShippedMonth{.month = row.text(0),
                                      .shipments = row.i64(2),
                                      .orders = row.i64(3),
                                      .net = core::Money{row.i64(4), currency}});
    }
    return months;
}

}  // namespace bo::modules::fulfilment::queries
