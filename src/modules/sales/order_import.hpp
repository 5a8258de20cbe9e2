// CSV import of sales orders, all or nothing (docs/sales.md, "Import").
//
// Header (any order, lowercase names): order, customer, warehouse, item, quantity, and
// optionally unit_price, discount_percent, tax_code, customer_reference. Rows with the same
// `order` key form one order, in the order the keys first appear; customer, warehouse and
// customer_reference belong to the order and must not differ between its rows. Every order is
// checked exactly as POST /sales-orders checks it (check_order) before any is entered; a bad
// file is invalid_argument listing EVERY bad row as "rows/<line>/<column>" (line = the physical
// line where the record starts, the header being line 1) and nothing is written. Otherwise each
// order is entered (create_order: status entered, history, audit) in the caller's transaction.
// Thread safety: functions of a Txn.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/sales/orders.hpp"

namespace bo::modules::sales {

enum class ImportMode {
    check_only,  // validate as `enter` would, write nothing (a dry run)
    enter,
};

struct ImportedOrder {
    std::string key;     // the file's `order` value
    SalesOrderId id{};   // 0 in a dry run
    std::string number;  // "" in a dry run
    std::int64_t lines = 0;
    core::Money total;
};

struct OrderImportReport {
    ImportMode mode = ImportMode::enter;
    std::int64_t rows = 0;
    std::vector<ImportedOrder> orders;
};

// Imports the orders of `csv`. Errors: invalid_argument listing every bad row (or "line/N" for
// the CSV syntax, "columns" for a missing or unknown column); forbidden when a row sets
// unit_price without sales.manage; limit_exceeded past the CSV reader's limits or
// order_lines_max rows in one order; those of the store.
[[nodiscard]] core::Result<OrderImportReport> import_orders(store::Txn& txn,
                                                            const core::Clock& clock,
                                                            const platform::Caller& caller,
                                                            std::string_view csv,
                                                            ImportMode mode);

}  // namespace bo::modules::sales
