// Warehouses and bins, the inventory accounts, planned receipts, the views (movements, stock,
// reorder report) and the check (operations.hpp).
#include <algorithm>
#include <set>
#include <utility>

#include <boost/json.hpp>

#include "modules/inventory/internal.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/inventory/queries.hpp"
#include "platform/audit/audit.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::inventory {
namespace {

using internal::CompanyId;
using platform::tenancy::FieldChecks;

constexpr std::array<std::string_view, 5> movement_type_names{
    "receipt", "issue", "transfer_in", "transfer_out", "adjustment"};
constexpr std::array<std::string_view, 7> reason_names{
    "damaged", "lost", "found", "count", "scrap", "returned", "other"};
constexpr std::array<std::string_view, 3> expected_status_names{"open", "received", "cancelled"};

boost::json::object warehouse_record(const Warehouse& warehouse) {
    boost::json::array bins;
    for (const Bin& bin : warehouse.bins) {
        bins.push_back(boost::json::value(bin.code));
    }
    return {{"code", warehouse.code},
            {"name", warehouse.name},
            {"address", warehouse.address},
            {"active", warehouse.active},
            {"bins", std::move(bins)}};
}

core::Result<void> audit_warehouse(store::Txn& txn,
                                   const core::Clock& clock,
                                   const ledger::Actor& actor,
                                   std::string_view action,
                                   const boost::json::object& before,
                                   const Warehouse& after) {
    return platform::audit::record(
        txn,
        clock,
        actor,
        {.action = std::string(action),
         .entity_type = "warehouse",
         .entity_id = after.id.to_string(),
         .changes = platform::audit::diff(before, warehouse_record(after))});
}

void check_bins(FieldChecks& checks,
                std::string_view field,
                const std::vector<std::string>& codes,
                const std::vector<Bin>& existing) {
    if (codes.size() + existing.size() > warehouse_bins_max) {
        checks.add(field,
                   "a warehouse has at most " + std::to_string(warehouse_bins_max) + " bins");
        return;
    }
    std::set<std::string, std::less<>> seen;
    for (const Bin& bin : existing) {
        seen.insert(bin.code);
    }
    for (std::size_t index = 0; index < codes.size(); ++index) {
        const std::string name = std::string(field) + "/" + std::to_string(index);
        checks.code(name, codes[index], bin_code_chars_max, FieldChecks::Case::any);
        if (!seen.insert(codes[index]).second) {
            checks.add(name, "names a bin the warehouse already has");
        }
    }
}

core::Result<void> add_bins(store::Txn& txn,
                            CompanyId company,
                            WarehouseId warehouse,
                            const std::vector<std::string>& codes) {
    for (const std::string& code : codes) {
        BO_TRY(queries::insert_bin(txn, company, warehouse, code));
    }
    return core::ok();
}

template <std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, std::size_t index) {
    return names.at(index);
}

}  // namespace

std::string_view to_string(MovementType type) noexcept {
    return name_of(movement_type_names, static_cast<std::size_t>(type));
}

std::string_view to_string(AdjustmentReason reason) noexcept {
    return name_of(reason_names, static_cast<std::size_t>(reason));
}

std::string_view to_string(ExpectedStatus status) noexcept {
    return name_of(expected_status_names, static_cast<std::size_t>(status));
}

std::string_view to_string(ReorderBasis basis) noexcept {
    return basis == ReorderBasis::reorder_quantity ? "reorder_quantity" : "up_to_reorder_point";
}

core::Result<AdjustmentReason> parse_adjustment_reason(std::string_view text,
                                                       std::string_view field) {
    for (std::size_t index = 0; index < reason_names.size(); ++index) {
        if (reason_names.at(index) == text) {
            return static_cast<AdjustmentReason>(index);
        }
    }
    return core::Error::invalid(
        std::string(field), "must be one of damaged, lost, found, count, scrap, returned, other");
}

// --- warehouses

core::Result<Warehouse> create_warehouse(store::Txn& txn,
                                         const core::Clock& clock,
                                         const ledger::Actor& actor,
                                         const NewWarehouse& input) {
    FieldChecks checks;
    checks.code("code", input.code, warehouse_code_chars_max, FieldChecks::Case::upper);
    checks.required_text("name", input.name, warehouse_name_chars_max);
    checks.optional_text("address", input.address, address_chars_max);
    check_bins(checks, "bins", input.bins, {});
    BO_TRY(std::move(checks).finish("warehouse"));
    BO_TRY_ASSIGN(const std::optional<Warehouse> existing,
                  queries::select_warehouse_by_code(txn, actor.company, input.code));
    if (existing) {
        return platform::tenancy::duplicate("code", "warehouse", input.code);
    }
    Warehouse warehouse{.id = {},
                        .company_id = actor.company,
                        .code = input.code,
                        .name = input.name,
                        .address = input.address,
                        .active = true,
                        .created_at = clock.now(),
                        .bins = {}};
    BO_TRY_ASSIGN(warehouse.id, queries::insert_warehouse(txn, warehouse));
    BO_TRY(add_bins(txn, actor.company, warehouse.id, input.bins));
    BO_TRY_ASSIGN(warehouse.bins, queries::select_bins(txn, actor.company, warehouse.id));
    BO_TRY(audit_warehouse(txn, clock, actor, "warehouse.create", {}, warehouse));
    return warehouse;
}

core::Result<Warehouse> update_warehouse(store::Txn& txn,
                                         const core::Clock& clock,
                                         const ledger::Actor& actor,
                                         WarehouseId id,
                                         const WarehouseChanges& changes) {
    BO_TRY_ASSIGN(std::optional<Warehouse> found,
                  queries::select_warehouse(txn, actor.company, id));
    if (!found) {
        return core::Error(core::ErrorCode::not_found, "no such warehouse");
    }
    Warehouse warehouse = *found;
    const boost::json::object before = warehouse_record(warehouse);
    FieldChecks checks;
    if (changes.name) {
        checks.required_text("name", *changes.name, warehouse_name_chars_max);
        warehouse.name = *changes.name;
    }
    if (changes.address) {
        checks.optional_text("address", *changes.address, address_chars_max);
        warehouse.address = *changes.address;
    }
    warehouse.active = changes.active.value_or(warehouse.active);
    check_bins(checks, "add_bins", changes.add_bins, warehouse.bins);
    BO_TRY(std::move(checks).finish("warehouse"));
    BO_TRY(queries::update_warehouse(txn, warehouse));
    BO_TRY(add_bins(txn, actor.company, warehouse.id, changes.add_bins));
    BO_TRY_ASSIGN(warehouse.bins, queries::select_bins(txn, actor.company, warehouse.id));
    BO_TRY(audit_warehouse(txn, clock, actor, "warehouse.update", before, warehouse));
    return warehouse;
}

core::Result<std::optional<Warehouse>> find_warehouse(store::Txn& txn,
                                                      CompanyId company,
                                                      WarehouseId id) {
    return queries::select_warehouse(txn, company, id);
}

core::Result<std::optional<Warehouse>> find_warehouse_by_code(store::Txn& txn,
                                                              CompanyId company,
                                                              std::string_view code) {
    return queries::select_warehouse_by_code(txn, company, code);
}

core::Result<std::vector<Warehouse>> list_warehouses(store::Txn& txn,
                                                     CompanyId company,
                                                     WarehouseId after,
                                                     std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_warehouses(txn, company, after, limit);
}

// --- accounts

core::Result<InventorySettings> inventory_settings(store::Txn& txn, CompanyId company) {
    return internal::settings_of(txn, company);
}

core::Result<InventorySettings> set_inventory_settings(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       const ledger::Actor& actor,
                                                       const InventorySettings& settings) {
    FieldChecks checks;
    const std::array<std::pair<std::string_view, const std::string*>, 4> fields{
        std::pair{std::string_view("inventory_account"), &settings.inventory_account},
        std::pair{std::string_view("cogs_account"), &settings.cogs_account},
        std::pair{std::string_view("adjustments_account"), &settings.adjustments_account},
        std::pair{std::string_view("receipt_offset_account"), &settings.receipt_offset_account}};
    for (const auto& [field, number] : fields) {
        BO_TRY_ASSIGN(const std::optional<ledger::Account> account,
                      ledger::find_account_by_number(txn, actor.company, *number));
        if (!account || !account->active) {
            checks.add(field, "is not an active account number of this company");
        } else if (field == "inventory_account"
                   && (account->type != ledger::AccountType::asset
                       || account->control != ledger::Subledger::inventory)) {
            checks.add(field, "must be an asset account with control \"inventory\"");
        }
    }
    BO_TRY(std::move(checks).finish("inventory settings"));
    BO_TRY_ASSIGN(const InventorySettings before, internal::settings_of(txn, actor.company));
    if (settings.inventory_account != before.inventory_account) {
        // The valued stock must keep equalling the control account's balance.
        BO_TRY_ASSIGN(const std::int64_t value, queries::select_stock_value(txn, actor.company));
        if (value != 0) {
            return core::Error(core::ErrorCode::conflict,
                               "the inventory account cannot change while stock has a value");
        }
    }
    BO_TRY(queries::upsert_settings(txn, actor.company, settings, clock.now()));
    const auto record = [](const InventorySettings& value) {
        return boost::json::object{{"inventory_account", value.inventory_account},
                                   {"cogs_account", value.cogs_account},
                                   {"adjustments_account", value.adjustments_account},
                                   {"receipt_offset_account", value.receipt_offset_account}};
    };
    BO_TRY(platform::audit::record(
        txn,
        clock,
        actor,
        {.action = "inventory.settings",
         .entity_type = "inventory_settings",
         .entity_id = actor.company.to_string(),
         .changes = platform::audit::diff(record(before), record(settings))}));
    return settings;
}

// --- planned receipts

core::Result<ExpectedReceipt> plan_receipt(store::Txn& txn,
                                           const core::Clock& clock,
                                           const ledger::Actor& actor,
                                           const NewExpectedReceipt& input) {
    const CompanyId company = actor.company;
    BO_TRY(internal::check_warehouse(
        txn, company, input.warehouse, "warehouse", internal::WarehouseUse::active));
    BO_TRY_ASSIGN(const Item item,
                  internal::item_for(txn, company, input.item, "item", internal::ItemUse::stocked));
    FieldChecks checks;
    if (input.quantity.milli <= 0 || input.quantity.milli > quantity_milli_max) {
        checks.add("quantity", "must be more than zero, at most 10^12");
    } else if (!quantity_fits_unit(input.quantity, item.unit)) {
        checks.add("quantity", "has more decimals than the unit " + item.unit + " allows");
    }
    checks.optional_text("reference", input.reference, reference_chars_max);
    BO_TRY(std::move(checks).finish("planned receipt"));
    ExpectedReceipt receipt{.id = {},
                            .item = input.item,
                            .warehouse = input.warehouse,
                            .expected_date = input.expected_date,
                            .quantity = input.quantity,
                            .received = {0},
                            .status = ExpectedStatus::open,
                            .reference = input.reference};
    BO_TRY_ASSIGN(receipt.id, queries::insert_expected(txn, company, receipt, clock.now()));
    BO_TRY(queries::ensure_stock(txn, company, input.item, input.warehouse));
    BO_TRY_ASSIGN(const bool done,
                  queries::change_figure(txn,
                                         company,
                                         input.item,
                                         input.warehouse,
                                         queries::Figure::on_order,
                                         input.quantity.milli));
    BO_ASSERT(done);
    BO_TRY(platform::audit::record(
        txn,
        clock,
        actor,
        {.action = "stock.plan_receipt",
         .entity_type = "expected_receipt",
         .entity_id = receipt.id.to_string(),
         .changes = platform::audit::diff(
             {},
             boost::json::object{{"item_id", input.item.value()},
                                 {"warehouse_id", input.warehouse.value()},
                                 {"expected_date", input.expected_date.to_string()},
                                 {"quantity", format_quantity(input.quantity)},
                                 {"reference", input.reference}})}));
    return receipt;
}

core::Result<ExpectedReceipt> cancel_planned_receipt(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     const ledger::Actor& actor,
                                                     ExpectedReceiptId id) {
    const CompanyId company = actor.company;
    BO_TRY_ASSIGN(std::optional<ExpectedReceipt> found, queries::select_expected(txn, company, id));
    if (!found) {
        return core::Error(core::ErrorCode::not_found, "no such planned receipt");
    }
    if (found->status != ExpectedStatus::open) {
        return core::Error(core::ErrorCode::conflict,
                           "the planned receipt is " + std::string(to_string(found->status)));
    }
    const std::int64_t remaining = found->quantity.milli - found->received.milli;
    found->status = ExpectedStatus::cancelled;
    BO_TRY(queries::update_expected(txn, company, *found));
    BO_TRY_ASSIGN(
        const bool done,
        queries::change_figure(
            txn, company, found->item, found->warehouse, queries::Figure::on_order, -remaining));
    BO_ASSERT(done);
    BO_TRY(platform::audit::record(txn,
                                   clock,
                                   actor,
                                   {.action = "stock.cancel_planned_receipt",
                                    .entity_type = "expected_receipt",
                                    .entity_id = id.to_string(),
                                    .changes = {{"status", "\"open\"", "\"cancelled\""}}}));
    return *found;
}

core::Result<std::vector<ExpectedReceipt>> list_planned_receipts(
    store::Txn& txn,
    CompanyId company,
    std::optional<ItemId> item,
    std::optional<WarehouseId> warehouse,
    ExpectedReceiptId after,
    std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_expected_list(txn, company, item, warehouse, after, limit);
}

// --- views

core::Result<std::vector<Movement>> list_movements(store::Txn& txn,
                                                   CompanyId company,
                                                   const MovementQuery& query) {
    BO_TRY(platform::tenancy::check_page_limit(query.limit));
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    return queries::select_movements(txn, company, query, currency);
}

core::Result<std::vector<StockRow>> list_stock(store::Txn& txn,
                                               CompanyId company,
                                               const StockQuery& query) {
    BO_TRY(platform::tenancy::check_page_limit(query.limit));
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    BO_TRY_ASSIGN(std::vector<StockRow> rows, queries::select_stock(txn, company, query, currency));
    for (StockRow& row : rows) {
        row.level.average_cost =
            internal::average_cost(row.value.minor, row.level.on_hand.milli, currency);
    }
    return rows;
}

core::Result<std::vector<ReorderLine>> reorder_report(store::Txn& txn,
                                                      CompanyId company,
                                                      std::optional<WarehouseId> warehouse) {
    BO_TRY_ASSIGN(
        const std::vector<queries::ItemTotals> candidates,
        queries::select_reorder_candidates(txn, company, warehouse, reorder_report_items_max));
    std::vector<ReorderLine> report;
    for (const queries::ItemTotals& candidate : candidates) {
        const queries::StockFigures& figures = candidate.figures;
        const std::int64_t position = figures.on_hand_milli - figures.reserved_milli
                                      - figures.backordered_milli + figures.on_order_milli;
        const Item& item = candidate.item;
        if (position >= item.reorder_point_milli) {
            continue;
        }
        ReorderLine line{.item = item.id,
                         .sku = item.sku,
                         .description = item.description,
                         .unit = item.unit,
                         .on_hand = {figures.on_hand_milli},
                         .reserved = {figures.reserved_milli},
                         .on_order = {figures.on_order_milli},
                         .backordered = {figures.backordered_milli},
                         .position = {position},
                         .reorder_point = {item.reorder_point_milli},
                         .reorder_quantity = {item.reorder_quantity_milli},
                         .suggested = {item.reorder_quantity_milli},
                         .basis = ReorderBasis::reorder_quantity};
        const std::int64_t shortfall = item.reorder_point_milli - position;
        if (item.reorder_quantity_milli < shortfall) {
            line.suggested = {shortfall};
            line.basis = ReorderBasis::up_to_reorder_point;
        }
        report.push_back(std::move(line));
    }
    return report;
}

// --- the check

core::Result<StockCheck> check_stock(store::Txn& txn, CompanyId company) {
    StockCheck check;
    BO_TRY_ASSIGN(const InventorySettings accounts, internal::settings_of(txn, company));
    check.inventory_account = accounts.inventory_account;
    BO_TRY_ASSIGN(const std::vector<queries::CheckRow> rows,
                  queries::select_all_stock(txn, company));
    core::Int128 total = 0;
    for (const queries::CheckRow& row : rows) {
        const queries::StockFigures& figures = row.figures;
        const std::string where = row.sku + " in " + row.warehouse;
        if (figures.on_hand_milli < 0 || figures.reserved_milli < 0 || figures.value_minor < 0
            || figures.on_order_milli < 0 || figures.backordered_milli < 0) {
            check.problems.push_back(where + ": a negative figure");
        }
        if (figures.reserved_milli > figures.on_hand_milli) {
            check.problems.push_back(
                where + ": reserved " + format_quantity({figures.reserved_milli})
                + " is more than on hand " + format_quantity({figures.on_hand_milli}));
        }
        if (figures.on_hand_milli == 0 && figures.value_minor != 0) {
            check.problems.push_back(where + ": a value with nothing on hand");
        }
        total += figures.value_minor;
    }
    check.rows = static_cast<std::int64_t>(rows.size());
    check.value_minor = static_cast<std::int64_t>(total);
    BO_TRY_ASSIGN(const std::optional<ledger::Account> account,
                  ledger::find_account_by_number(txn, company, accounts.inventory_account));
    if (account) {
        BO_TRY_ASSIGN(const std::vector<ledger::BalanceRow> balances,
                      ledger::maintained_balances(txn, company));
        for (const ledger::BalanceRow& balance : balances) {
            if (balance.account == account->id) {
                check.ledger_balance_minor += balance.debit_minor - balance.credit_minor;
            }
        }
    } else if (!rows.empty()) {
        check.problems.push_back("the inventory account " + accounts.inventory_account
                                 + " does not exist");
    }
    if (check.value_minor != check.ledger_balance_minor) {
        BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
        check.problems.insert(check.problems.begin(),
                              "valued stock " + core::Money{check.value_minor, currency}.format()
                                  + " differs from account " + accounts.inventory_account
                                  + " balance "
                                  + core::Money{check.ledger_balance_minor, currency}.format());
    }
    return check;
}

}  // namespace bo::modules::inventory
