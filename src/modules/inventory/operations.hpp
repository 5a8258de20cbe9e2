// Stock operations: warehouses and bins, receipts, planned receipts, transfers, counts and
// adjustments, the movement history, the stock view, the reorder report, the company's
// inventory accounts and the consistency check (docs/inventory.md).
//
// Invariants (kept by every function here and in stock.hpp, checked by check_stock):
// - on_hand >= 0 and 0 <= reserved <= on_hand for every item x warehouse;
// - value is moving-average: a receipt adds quantity x unit cost; an issue of q out of Q on
//   hand takes round_half_even(value x q / Q), and the last unit takes all that remains;
// - every change of value posts to the ledger through ledger::post() with the inventory
//   sub-ledger, so the sum of the values of a company equals the balance of its inventory
//   control account to the cent (transfers move value between warehouses and post nothing);
// - one immutable movement per item per document; every document is audited.
// Every function runs inside the caller's transaction and never commits; bad input is
// invalid_argument naming the field ("lines/2/quantity") and then nothing is written.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "ledger/service.hpp"
#include "modules/inventory/model.hpp"
#include "modules/inventory/stock.hpp"
#include "store/database.hpp"

namespace bo::modules::inventory {

struct BinTag;
using BinId = core::Id<BinTag>;
struct StockDocumentTag;
using StockDocumentId = core::Id<StockDocumentTag>;
struct MovementTag;
using MovementId = core::Id<MovementTag>;
struct ExpectedReceiptTag;
using ExpectedReceiptId = core::Id<ExpectedReceiptTag>;

inline constexpr std::size_t warehouse_code_chars_max = 16;
inline constexpr std::size_t warehouse_name_chars_max = 200;
inline constexpr std::size_t address_chars_max = 500;
inline constexpr std::size_t bin_code_chars_max = 32;
// 500 bins per warehouse: a large aisle-shelf-level grid of a small warehouse; a warehouse is
// read with its bins in one answer.
inline constexpr std::size_t warehouse_bins_max = 500;
// 500 lines per stock document: a full truck's delivery note; one document is one ledger entry
// of at most two lines per account, and one request body.
inline constexpr std::size_t document_lines_max = 500;
inline constexpr std::size_t reference_chars_max = 100;

// --- Quantities -----------------------------------------------------------------------------

// Parses a wire quantity: a decimal string ("2.5") with at most `unit`'s decimals, > 0 and at
// most quantity_milli_max. `sign` allows a leading '-' (adjustments). Errors: invalid_argument
// naming `field`.
enum class Sign { positive, any_nonzero, non_negative };
[[nodiscard]] core::Result<Quantity> parse_quantity(std::string_view text,
                                                    std::string_view unit,
                                                    std::string_view field,
                                                    Sign sign = Sign::positive);

// The wire text of a quantity ("2.5", "3", "-1.25"); the shortest exact decimal.
std::string format_quantity(Quantity quantity);

// Whether `quantity` has no more decimals than `unit` allows.
bool quantity_fits_unit(Quantity quantity, std::string_view unit) noexcept;

// --- Warehouses and bins --------------------------------------------------------------------

struct Bin {
    BinId id{};
    std::string code;
    bool active = true;
};

struct Warehouse {
    WarehouseId id{};
    platform::tenancy::CompanyId company_id{};
    std::string code;
    std::string name;
    std::string address;
    bool active = true;
    core::Instant created_at{0};
    std::vector<Bin> bins;  // by code
};

struct NewWarehouse {
    std::string code;  // letters, digits, '-', '_', '.'; upper case; 1..16
    std::string name;
    std::string address;
    std::vector<std::string> bins;  // bin codes, 1..32 characters each, distinct
};

struct WarehouseChanges {
    std::optional<std::string> name;
    std::optional<std::string> address;
    std::optional<bool> active;
    std::vector<std::string> add_bins;
};

// Errors: invalid_argument (code, name, address, bins/N); conflict (field "code") when taken.
[[nodiscard]] core::Result<Warehouse> create_warehouse(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       const ledger::Actor& actor,
                                                       const NewWarehouse& input);

// Errors: not_found; invalid_argument; conflict (field "add_bins/N") for a bin it already has.
[[nodiscard]] core::Result<Warehouse> update_warehouse(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       const ledger::Actor& actor,
                                                       WarehouseId id,
                                                       const WarehouseChanges& changes);

// The warehouse (with its bins) by id or code, or nullopt (also for another company's).
[[nodiscard]] core::Result<std::optional<Warehouse>> find_warehouse(
    store::Txn& txn, platform::tenancy::CompanyId company, WarehouseId id);
[[nodiscard]] core::Result<std::optional<Warehouse>> find_warehouse_by_code(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view code);

// Up to `limit` warehouses (with bins) after `after`, in id order.
[[nodiscard]] core::Result<std::vector<Warehouse>> list_warehouses(
    store::Txn& txn, platform::tenancy::CompanyId company, WarehouseId after, std::int64_t limit);

// --- Items (the API's side of items; create_item is in service.hpp) ---------------------------

// The item by id, or nullopt (also for another company's).
[[nodiscard]] core::Result<std::optional<Item>> find_item_by_id(
    store::Txn& txn, platform::tenancy::CompanyId company, ItemId id);

// Items matching `query`, in its order, at most query.limit.
// Errors: invalid_argument / limit_exceeded (field "limit").
[[nodiscard]] core::Result<std::vector<Item>> search_items(store::Txn& txn,
                                                           platform::tenancy::CompanyId company,
                                                           const ItemQuery& query);

// Applies `changes` and audits the before/after. Errors: not_found; invalid_argument naming
// the field (a reorder quantity with more decimals than the new unit allows; a unit change of
// a stocked item that has stock with fractions); conflict (field "barcode") when taken.
[[nodiscard]] core::Result<Item> update_item(store::Txn& txn,
                                             const core::Clock& clock,
                                             const ledger::Actor& actor,
                                             ItemId id,
                                             const ItemChanges& changes);

// --- Accounts -------------------------------------------------------------------------------

struct InventorySettings {
    std::string inventory_account = "1300";       // the control account (sub-ledger inventory)
    std::string cogs_account = "5100";            // cost of goods sold (issues)
    std::string adjustments_account = "5300";     // counts, damage, scrap, found stock
    std::string receipt_offset_account = "2120";  // goods received not yet invoiced
};

[[nodiscard]] core::Result<InventorySettings> inventory_settings(
    store::Txn& txn, platform::tenancy::CompanyId company);

// Errors: invalid_argument naming the field for a number that is not an active account of the
// company, or an inventory account that is not an asset with control "inventory".
[[nodiscard]] core::Result<InventorySettings> set_inventory_settings(
    store::Txn& txn,
    const core::Clock& clock,
    const ledger::Actor& actor,
    const InventorySettings& settings);

// --- Movements and documents ------------------------------------------------------------------

enum class MovementType { receipt, issue, transfer_in, transfer_out, adjustment };
std::string_view to_string(MovementType type) noexcept;

// Why an adjustment was made. Enumerators equal the wire names.
enum class AdjustmentReason { damaged, lost, found, count, scrap, returned, other };
std::string_view to_string(AdjustmentReason reason) noexcept;
[[nodiscard]] core::Result<AdjustmentReason> parse_adjustment_reason(std::string_view text,
                                                                     std::string_view field);

struct Movement {
    MovementId id{};
    ItemId item{};
    WarehouseId warehouse{};
    std::optional<BinId> bin;
    MovementType type = MovementType::receipt;
    Quantity quantity;  // signed: > 0 in, < 0 out
    core::Money value;  // signed like quantity
    core::Date date;
    std::string source_type;
    std::string source_id;
    std::optional<AdjustmentReason> reason;
    std::optional<ledger::EntryId> entry;
    std::int64_t user_id = 0;
    core::Instant created_at{0};
};

// What a stock document did.
struct StockDocument {
    StockDocumentId id{};
    std::string kind;  // receipt, transfer, adjustment, count
    std::optional<ledger::EntryId> entry;
    core::Money value;  // total value moved (signed for adjustments)
    std::vector<Movement> movements;
};

struct ReceiptLine {
    ItemId item{};
    Quantity quantity;
    std::int64_t unit_cost_minor = 0;  // per whole unit, functional currency, >= 0
    std::optional<BinId> bin;
    std::optional<ExpectedReceiptId> expected;  // the planned receipt this receives against
};

struct Receipt {
    WarehouseId warehouse{};
    core::Date date;
    std::string reference;
    std::vector<ReceiptLine> lines;
    // The account credited instead of the settings' receipt offset (an opening stock receipt
    // names retained earnings); nullopt: the receipt offset.
    std::optional<std::string> offset_account;
};

// check_receipt / check_transfer / check_adjustment: every check of the operation, read-only,
// all field errors at once as one invalid_argument (unknown items and warehouses included), so
// that the API can refuse with 422 before anything is written. The operations run the same
// checks again themselves.
//
// Receives stock: on_hand and value go up, one movement per line, ONE ledger entry Dr
// inventory / Cr receipt offset for the total (none when it is zero), planned receipts named
// by a line are received against (on_order goes down), then `on_arrival` runs.
// Errors: invalid_argument ("lines/N/item" for a service item, "lines/N/unit_cost" when the
// value overflows, "lines/N/bin", "lines/N/expected", "warehouse" when inactive); not_found;
// those of ledger::post().
[[nodiscard]] core::Result<void> check_receipt(store::Txn& txn,
                                               const ledger::Actor& actor,
                                               const Receipt& receipt);
[[nodiscard]] core::Result<StockDocument> receive(store::Txn& txn,
                                                  const core::Clock& clock,
                                                  const ledger::Actor& actor,
                                                  const Receipt& receipt,
                                                  const ArrivalListener& on_arrival);

struct TransferLine {
    ItemId item{};
    Quantity quantity;
    std::optional<BinId> to_bin;
};

struct Transfer {
    WarehouseId from{};
    WarehouseId to{};
    core::Date date;
    std::string reference;
    std::vector<TransferLine> lines;
};

// Moves available (unreserved) stock between warehouses at moving-average cost; no ledger
// entry. Errors: invalid_argument ("to" equal to "from"; "lines/N/quantity" over what is
// available); not_found.
[[nodiscard]] core::Result<void> check_transfer(store::Txn& txn,
                                                const ledger::Actor& actor,
                                                const Transfer& input);
[[nodiscard]] core::Result<StockDocument> transfer(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const ledger::Actor& actor,
                                                   const Transfer& input,
                                                   const ArrivalListener& on_arrival);

struct AdjustmentLine {
    ItemId item{};
    Quantity quantity;  // signed, != 0
    AdjustmentReason reason = AdjustmentReason::other;
    // For increases: the unit cost (default: the average cost, else the standard cost).
    std::optional<std::int64_t> unit_cost_minor;
    std::optional<BinId> bin;
};

struct Adjustment {
    WarehouseId warehouse{};
    core::Date date;
    std::string reference;
    std::vector<AdjustmentLine> lines;
};

// Adjusts stock with a reason, posting Dr/Cr adjustments vs inventory (one entry).
// Errors: invalid_argument ("lines/N/quantity" taking more than is unreserved); not_found.
[[nodiscard]] core::Result<void> check_adjustment(store::Txn& txn,
                                                  const ledger::Actor& actor,
                                                  const Adjustment& input);
[[nodiscard]] core::Result<StockDocument> adjust(store::Txn& txn,
                                                 const core::Clock& clock,
                                                 const ledger::Actor& actor,
                                                 const Adjustment& input,
                                                 const ArrivalListener& on_arrival);

struct CountLine {
    ItemId item{};
    Quantity counted;  // >= 0
};

struct Count {
    WarehouseId warehouse{};
    core::Date date;
    std::vector<CountLine> lines;
};

// A physical count: each line's difference from on hand becomes an adjustment with reason
// "count" (lines that agree move nothing). Errors: as adjust.
[[nodiscard]] core::Result<StockDocument> count(store::Txn& txn,
                                                const core::Clock& clock,
                                                const ledger::Actor& actor,
                                                const Count& input,
                                                const ArrivalListener& on_arrival);

// --- Planned receipts -------------------------------------------------------------------------

enum class ExpectedStatus { open, received, cancelled };
std::string_view to_string(ExpectedStatus status) noexcept;

struct ExpectedReceipt {
    ExpectedReceiptId id{};
    ItemId item{};
    WarehouseId warehouse{};
    core::Date expected_date;
    Quantity quantity;
    Quantity received;
    ExpectedStatus status = ExpectedStatus::open;
    std::string reference;
};

struct NewExpectedReceipt {
    ItemId item{};
    WarehouseId warehouse{};
    core::Date expected_date;
    Quantity quantity;
    std::string reference;
};

// Plans a receipt (on_order goes up). Errors: invalid_argument; not_found.
[[nodiscard]] core::Result<ExpectedReceipt> plan_receipt(store::Txn& txn,
                                                         const core::Clock& clock,
                                                         const ledger::Actor& actor,
                                                         const NewExpectedReceipt& input);

// Cancels what is still to come of a planned receipt. Errors: not_found; conflict when it is
// not open.
[[nodiscard]] core::Result<ExpectedReceipt> cancel_planned_receipt(store::Txn& txn,
                                                                   const core::Clock& clock,
                                                                   const ledger::Actor& actor,
                                                                   ExpectedReceiptId id);

// Open planned receipts (of an item / warehouse when given), by id, after `after`.
[[nodiscard]] core::Result<std::vector<ExpectedReceipt>> list_planned_receipts(
    store::Txn& txn,
    platform::tenancy::CompanyId company,
    std::optional<ItemId> item,
    std::optional<WarehouseId> warehouse,
    ExpectedReceiptId after,
    std::int64_t limit);

// --- Views --------------------------------------------------------------------------------

struct MovementQuery {
    std::optional<ItemId> item;
    std::optional<WarehouseId> warehouse;
    MovementId after{};
    std::int64_t limit = 0;
};

// Movements, newest last (id order). Errors: limit as list_items.
[[nodiscard]] core::Result<std::vector<Movement>> list_movements(
    store::Txn& txn, platform::tenancy::CompanyId company, const MovementQuery& query);

// One row of the stock view.
struct StockRow {
    StockLevel level;
    core::Money value;
    std::optional<BinId> bin;
    std::string bin_code;  // "" without a bin
    std::string sku;
    std::string unit;
    std::int64_t reorder_point_milli = 0;
};

struct StockQuery {
    std::optional<ItemId> item;
    std::optional<WarehouseId> warehouse;
    bool below_reorder = false;  // only rows whose available + on order < the reorder point
    std::int64_t offset = 0;     // rows ordered by (item, warehouse)
    std::int64_t limit = 0;
};

[[nodiscard]] core::Result<std::vector<StockRow>> list_stock(store::Txn& txn,
                                                             platform::tenancy::CompanyId company,
                                                             const StockQuery& query);

// Why the reorder report suggests its quantity.
enum class ReorderBasis {
    reorder_quantity,     // the item's reorder quantity brings it back to the point
    up_to_reorder_point,  // the reorder quantity is not enough: what reaches the point
};
std::string_view to_string(ReorderBasis basis) noexcept;

struct ReorderLine {
    ItemId item{};
    std::string sku;
    std::string description;
    std::string unit;
    Quantity on_hand;
    Quantity reserved;
    Quantity on_order;
    Quantity backordered;
    Quantity position;  // on_hand - reserved - backordered + on_order
    Quantity reorder_point;
    Quantity reorder_quantity;
    Quantity suggested;
    ReorderBasis basis = ReorderBasis::reorder_quantity;
};

// Active stocked items with a reorder point whose position (all warehouses, or `warehouse`)
// is below it, by SKU (at most reorder_report_items_max).
inline constexpr std::int64_t reorder_report_items_max = 10'000;
[[nodiscard]] core::Result<std::vector<ReorderLine>> reorder_report(
    store::Txn& txn, platform::tenancy::CompanyId company, std::optional<WarehouseId> warehouse);

// --- The check ----------------------------------------------------------------------------

struct StockCheck {
    std::int64_t rows = 0;
    std::int64_t value_minor = 0;           // sum of the stock values
    std::int64_t ledger_balance_minor = 0;  // debit - credit of the inventory account
    std::string inventory_account;
    std::vector<std::string> problems;  // each names the item and warehouse; empty when clean

    bool clean() const noexcept { return problems.empty(); }
};

// Compares the valued stock with the inventory control account and re-checks reserved <=
// on_hand, no negative figure, and value 0 when nothing is on hand. Read-only.
[[nodiscard]] core::Result<StockCheck> check_stock(store::Txn& txn,
                                                   platform::tenancy::CompanyId company);

}  // namespace bo::modules::inventory
