// The inventory module's SQL, behind plain functions (bodies in queries.cpp, the only place
// the module's SQL lives). Callers have validated every argument; every query is scoped by
// company.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/inventory/model.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/inventory/stock.hpp"
#include "store/database.hpp"

namespace bo::modules::inventory::queries {

using platform::tenancy::CompanyId;

// --- items

// Inserts `item` (its id is ignored); answers the new id.
[[nodiscard]] core::Result<ItemId> insert_item(store::Txn& txn, const Item& item);

// Writes the changeable columns of `item` (description, unit, prices, weight, reorder
// figures, barcode, active).
[[nodiscard]] core::Result<void> update_item(store::Txn& txn, const Item& item);

[[nodiscard]] core::Result<std::optional<Item>> select_item_by_sku(store::Txn& txn,
                                                                   CompanyId company,
                                                                   std::string_view sku);

[[nodiscard]] core::Result<std::optional<Item>> select_item_by_id(store::Txn& txn,
                                                                  CompanyId company,
                                                                  ItemId id);

[[nodiscard]] core::Result<std::optional<ItemId>> select_item_by_barcode(store::Txn& txn,
                                                                         CompanyId company,
                                                                         std::string_view barcode);

[[nodiscard]] core::Result<std::vector<Item>> select_items(store::Txn& txn,
                                                           CompanyId company,
                                                           ItemId after_id,
                                                           std::int64_t limit);

// `query.text` is already a LIKE pattern ("" for none).
[[nodiscard]] core::Result<std::vector<Item>> search_items(store::Txn& txn,
                                                           CompanyId company,
                                                           const ItemQuery& query);

// --- warehouses and bins

[[nodiscard]] core::Result<WarehouseId> insert_warehouse(store::Txn& txn,
                                                         const Warehouse& warehouse);
[[nodiscard]] core::Result<void> update_warehouse(store::Txn& txn, const Warehouse& warehouse);
[[nodiscard]] core::Result<std::optional<Warehouse>> select_warehouse(store::Txn& txn,
                                                                      CompanyId company,
                                                                      WarehouseId id);
[[nodiscard]] core::Result<std::optional<Warehouse>> select_warehouse_by_code(
    store::Txn& txn, CompanyId company, std::string_view code);
[[nodiscard]] core::Result<std::vector<Warehouse>> select_warehouses(store::Txn& txn,
                                                                     CompanyId company,
                                                                     WarehouseId after,
                                                                     std::int64_t limit);
[[nodiscard]] core::Result<BinId> insert_bin(store::Txn& txn,
                                             CompanyId company,
                                             WarehouseId warehouse,
                                             std::string_view code);
// The bins of a warehouse, by code.
[[nodiscard]] core::Result<std::vector<Bin>> select_bins(store::Txn& txn,
                                                         CompanyId company,
                                                         WarehouseId warehouse);

// Whether the warehouse is one of the company's, and whether it is active (nullopt: unknown).
[[nodiscard]] core::Result<std::optional<bool>> select_warehouse_active(store::Txn& txn,
                                                                        CompanyId company,
                                                                        WarehouseId id);

// The warehouse a bin is in, or nullopt for a bin not of this company.
[[nodiscard]] core::Result<std::optional<WarehouseId>> select_bin_warehouse(store::Txn& txn,
                                                                            CompanyId company,
                                                                            BinId bin);

// --- stock rows

struct StockFigures {
    std::int64_t on_hand_milli = 0;
    std::int64_t reserved_milli = 0;
    std::int64_t on_order_milli = 0;
    std::int64_t backordered_milli = 0;
    std::int64_t value_minor = 0;
};

// Creates the (all zero) stock row of item x warehouse unless it exists.
[[nodiscard]] core::Result<void> ensure_stock(store::Txn& txn,
                                              CompanyId company,
                                              ItemId item,
                                              WarehouseId warehouse);

// Locks the stock row until the transaction ends (a no-op UPDATE: PostgreSQL takes the row
// lock and answers the latest committed figures; SQLite has one writer anyway) and answers its
// figures, or nullopt when there is no row.
[[nodiscard]] core::Result<std::optional<StockFigures>> lock_stock(store::Txn& txn,
                                                                   CompanyId company,
                                                                   ItemId item,
                                                                   WarehouseId warehouse);

// Adds signed deltas to a row that exists (the CHECK constraints refuse a result out of
// range); `bin` replaces the row's bin when given.
struct StockDelta {
    std::int64_t on_hand_milli = 0;
    std::int64_t reserved_milli = 0;
    std::int64_t value_minor = 0;
    std::optional<BinId> bin;
};

[[nodiscard]] core::Result<void> change_stock(store::Txn& txn,
                                              CompanyId company,
                                              ItemId item,
                                              WarehouseId warehouse,
                                              const StockDelta& delta);

// A counted figure of a stock row that a conditional update changes.
enum class Figure {
    reserved,     // stays within 0..on_hand
    backordered,  // stays >= 0
    on_order,     // stays >= 0
};

// Adds signed `delta` to `figure` of the row when the result stays in its range; otherwise
// (or when there is no row) changes nothing and answers false.
[[nodiscard]] core::Result<bool> change_figure(store::Txn& txn,
                                               CompanyId company,
                                               ItemId item,
                                               WarehouseId warehouse,
                                               Figure figure,
                                               std::int64_t delta);

// The figures of each item in `items` (in that order; zero for an item without a row), and
// whether each item is one of the company's. One statement per call.
struct ItemStock {
    bool item_exists = false;
    StockFigures figures;
};

[[nodiscard]] core::Result<std::vector<ItemStock>> select_stock_levels(
    store::Txn& txn, CompanyId company, WarehouseId warehouse, std::span<const ItemId> items);

// The stock view rows (joined with items and bins), by item then warehouse.
[[nodiscard]] core::Result<std::vector<StockRow>> select_stock(store::Txn& txn,
                                                               CompanyId company,
                                                               const StockQuery& query,
                                                               core::Currency currency);

// Per active stocked item with a reorder point: total figures over the warehouses (or one).
struct ItemTotals {
    Item item;
    StockFigures figures;
};

[[nodiscard]] core::Result<std::vector<ItemTotals>> select_reorder_candidates(
    store::Txn& txn, CompanyId company, std::optional<WarehouseId> warehouse, std::int64_t limit);

// Every stock row of the company (the check): item SKU, warehouse code and figures.
struct CheckRow {
    std::string sku;
    std::string warehouse;
    StockFigures figures;
};

[[nodiscard]] core::Result<std::vector<CheckRow>> select_all_stock(store::Txn& txn,
                                                                   CompanyId company);

// The sum of the stock values of the company.
[[nodiscard]] core::Result<std::int64_t> select_stock_value(store::Txn& txn, CompanyId company);

// --- documents and movements

struct DocumentRow {
    CompanyId company{};
    std::string kind;
    core::Date date;
    WarehouseId warehouse{};
    std::optional<WarehouseId> to_warehouse;
    std::string reference;
    std::int64_t created_by = 0;
    core::Instant created_at{0};
};

[[nodiscard]] core::Result<StockDocumentId> insert_document(store::Txn& txn,
                                                            const DocumentRow& row);
[[nodiscard]] core::Result<void> set_document_entry(store::Txn& txn,
                                                    CompanyId company,
                                                    StockDocumentId document,
                                                    ledger::EntryId entry);

[[nodiscard]] core::Result<MovementId> insert_movement(store::Txn& txn,
                                                       CompanyId company,
                                                       const Movement& movement);
[[nodiscard]] core::Result<std::vector<Movement>> select_movements(store::Txn& txn,
                                                                   CompanyId company,
                                                                   const MovementQuery& query,
                                                                   core::Currency currency);

// --- planned receipts

[[nodiscard]] core::Result<ExpectedReceiptId> insert_expected(store::Txn& txn,
                                                              CompanyId company,
                                                              const ExpectedReceipt& receipt,
                                                              core::Instant created_at);
[[nodiscard]] core::Result<std::optional<ExpectedReceipt>> select_expected(store::Txn& txn,
                                                                           CompanyId company,
                                                                           ExpectedReceiptId id);
[[nodiscard]] core::Result<void> update_expected(store::Txn& txn,
                                                 CompanyId company,
                                                 const ExpectedReceipt& receipt);
[[nodiscard]] core::Result<std::vector<ExpectedReceipt>> select_expected_list(
    store::Txn& txn,
    CompanyId company,
    std::optional<ItemId> item,
    std::optional<WarehouseId> warehouse,
    ExpectedReceiptId after,
    std::int64_t limit);

// Open planned receipts of item x warehouse: expected date and what is still to come, by date.
[[nodiscard]] core::Result<std::vector<ExpectedArrival>> select_arrivals(
    store::Txn& txn, CompanyId company, ItemId item, WarehouseId warehouse, std::int64_t limit);

// --- settings

[[nodiscard]] core::Result<std::optional<InventorySettings>> select_settings(store::Txn& txn,
                                                                             CompanyId company);
[[nodiscard]] core::Result<void> upsert_settings(store::Txn& txn,
                                                 CompanyId company,
                                                 const InventorySettings& settings,
                                                 core::Instant updated_at);

}  // namespace bo::modules::inventory::queries
