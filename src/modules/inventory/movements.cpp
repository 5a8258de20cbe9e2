// Stock documents: receipts, transfers, adjustments and counts (operations.hpp). Each runs in
// two phases: checks that only read (check_*; every field error at once), then the writes:
// the document row, the stock changes through internal::take_out / put_in, ONE ledger entry,
// one immutable movement per line, the audit event and the arrival listener.
#include <limits>
#include <map>
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

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();

std::string line_field(std::size_t index, std::string_view name) {
    return "lines/" + std::to_string(index) + "/" + std::string(name);
}

// Adds the field errors of a failed lookup (or its message under `field`) to `checks`;
// answers whether it succeeded. Errors other than not_found / invalid_argument are returned.
template <typename T>
core::Result<bool> note(FieldChecks& checks,
                        const core::Result<T>& result,
                        std::string_view field) {
    if (result.ok()) {
        return true;
    }
    const core::ErrorCode code = result.error().code();
    if (code != core::ErrorCode::not_found && code != core::ErrorCode::invalid_argument) {
        return result.error();
    }
    if (result.error().fields().empty()) {
        checks.add(field, result.error().message());
    }
    for (const core::FieldError& error : result.error().fields()) {
        checks.add(error.field, error.reason);
    }
    return false;
}

void check_lines_count(FieldChecks& checks, std::size_t count) {
    if (count == 0) {
        checks.add("lines", "must list at least one line");
    } else if (count > document_lines_max) {
        checks.add("lines", "must have at most " + std::to_string(document_lines_max) + " lines");
    }
}

void check_reference(FieldChecks& checks, std::string_view reference) {
    checks.optional_text("reference", reference, reference_chars_max);
}

// The line checks of one document: each line's quantity and item, its bin, and what the
// lines take out of a warehouse (summed per item, then compared with what is unreserved).
class LineChecker {
public:
    LineChecker(store::Txn& txn, CompanyId company, FieldChecks& checks)
        : txn_(txn), company_(company), checks_(checks) {}

    // Checks that the warehouse is the company's (and active when asked); answers whether.
    core::Result<bool> warehouse(WarehouseId id,
                                 std::string_view field,
                                 internal::WarehouseUse use) {
        return note(checks_, internal::check_warehouse(txn_, company_, id, field, use), field);
    }

    // The stocked item of line `index` when `magnitude` (the quantity without its sign) is in
    // range and fits the item's unit; nullopt (the problem noted) otherwise.
    // A count's `counted` may be zero (Sign::non_negative); quantities elsewhere may not.
    core::Result<std::optional<Item>> item(std::size_t index,
                                           ItemId id,
                                           std::int64_t magnitude,
                                           Sign sign = Sign::positive) {
        const std::int64_t least = sign == Sign::non_negative ? 0 : 1;
        if (magnitude < least || magnitude > quantity_milli_max) {
            checks_.add(
                line_field(index, sign == Sign::non_negative ? "counted" : "quantity"),
                least == 0 ? "must be between 0 and 10^12" : "must not be zero; at most 10^12");
            return std::optional<Item>();
        }
        const std::string field = line_field(index, "item");
        const core::Result<Item> item =
            internal::item_for(txn_, company_, id, field, internal::ItemUse::stocked);
        BO_TRY_ASSIGN(const bool usable, note(checks_, item, field));
        if (!usable) {
            return std::optional<Item>();
        }
        if (!quantity_fits_unit({magnitude}, item->unit)) {
            checks_.add(line_field(index, sign == Sign::non_negative ? "counted" : "quantity"),
                        "has more decimals than the unit " + item->unit + " allows");
        }
        return std::optional<Item>(*item);
    }

    // Checks that the line's bin is one of `warehouse` (nothing to check without a warehouse
    // known to be good, or without a bin).
    core::Result<void> bin(std::optional<WarehouseId> warehouse,
                           const std::optional<BinId>& bin,
                           std::size_t index,
                           std::string_view name) {
        if (warehouse && bin) {
            const std::string field = line_field(index, name);
            BO_TRY(
                note(checks_, internal::check_bin(txn_, company_, *warehouse, *bin, field), field));
        }
        return core::ok();
    }

    // Line `index` takes `milli` of `item` out.
    void takes(ItemId item, std::int64_t milli, std::size_t index) {
        auto& [taken, last] = out_[item];
        taken += milli;
        last = index;
    }

    // Checks that what the lines take out of `warehouse` is unreserved stock.
    core::Result<void> available(WarehouseId warehouse) {
        for (const auto& [item, taken] : out_) {
            BO_TRY_ASSIGN(const std::vector<queries::ItemStock> found,
                          queries::select_stock_levels(
                              txn_, company_, warehouse, std::span<const ItemId>(&item, 1)));
            const queries::StockFigures& figures = found.front().figures;
            const std::int64_t free = figures.on_hand_milli - figures.reserved_milli;
            if (taken.first > free) {
                checks_.add(line_field(taken.second, "quantity"),
                            "is more than is available (" + format_quantity({free}) + ")");
            }
        }
        return core::ok();
    }

private:
    store::Txn& txn_;
    CompanyId company_;
    FieldChecks& checks_;
    std::map<ItemId, std::pair<std::int64_t, std::size_t>> out_;  // milli taken, last line
};

// --- the write phase shared by every document

struct Draft {
    std::string kind;  // receipt, transfer, adjustment, count
    WarehouseId warehouse{};
    std::optional<WarehouseId> to_warehouse;
    core::Date date;
    std::string reference;
};

core::Result<StockDocumentId> begin(store::Txn& txn,
                                    const core::Clock& clock,
                                    const ledger::Actor& actor,
                                    const Draft& draft) {
    return queries::insert_document(txn,
                                    {.company = actor.company,
                                     .kind = draft.kind,
                                     .date = draft.date,
                                     .warehouse = draft.warehouse,
                                     .to_warehouse = draft.to_warehouse,
                                     .reference = draft.reference,
                                     .created_by = actor.user.value(),
                                     .created_at = clock.now()});
}

boost::json::object movement_record(const Movement& movement) {
    return {
        {"item_id", movement.item.value()},
        {"warehouse_id", movement.warehouse.value()},
        {"type", to_string(movement.type)},
        {"quantity", format_quantity(movement.quantity)},
        {"value", movement.value.format()},
        {"reason", movement.reason ? boost::json::value(to_string(*movement.reason)) : nullptr}};
}

// Posts the entry (when the net is not all zero), writes the movements with it, links the
// document to it, audits the document and announces what arrived.
// What a document wrote before its entry: its id, its movements (without entry) and the net
// debit per account its entry posts.
struct Written {
    StockDocumentId id{};
    std::vector<Movement> movements;
    std::map<std::string, std::int64_t> net;
};

core::Result<StockDocument> finish(store::Txn& txn,
                                   const core::Clock& clock,
                                   const ledger::Actor& actor,
                                   const Draft& draft,
                                   Written written,
                                   const ArrivalListener& on_arrival) {
    const CompanyId company = actor.company;
    const StockDocumentId id = written.id;
    std::vector<Movement>& movements = written.movements;
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    const ledger::Source source{.type = "stock_" + draft.kind,
                                .id = id.to_string(),
                                .subledger = ledger::Subledger::inventory};
    std::string memo = "Stock " + draft.kind + " " + id.to_string();
    if (!draft.reference.empty()) {
        memo += ": " + draft.reference;
    }
    BO_TRY_ASSIGN(const std::optional<ledger::EntryId> entry,
                  internal::post_net(txn,
                                     clock,
                                     actor,
                                     {.date = draft.date,
                                      .source = source,
                                      .memo = memo,
                                      .net_debit_by_account = written.net}));
    StockDocument document{.id = id,
                           .kind = draft.kind,
                           .entry = entry,
                           .value = core::Money::zero(currency),
                           .movements = {}};
    boost::json::array lines;
    std::vector<StockArrival> arrivals;
    for (Movement& movement : movements) {
        movement.source_type = source.type;
        movement.source_id = source.id;
        movement.entry = entry;
        movement.user_id = actor.user.value();
        movement.created_at = clock.now();
        movement.date = draft.date;
        BO_TRY_ASSIGN(movement.id, queries::insert_movement(txn, company, movement));
        if (movement.type != MovementType::transfer_out) {
            BO_TRY_ASSIGN(document.value, core::add(document.value, movement.value));
        }
        if (movement.quantity.milli > 0) {
            arrivals.push_back({movement.item, movement.warehouse});
        }
        lines.push_back(movement_record(movement));
    }
    if (entry) {
        BO_TRY(queries::set_document_entry(txn, company, id, *entry));
    }
    const boost::json::object after{
        {"kind", draft.kind},
        {"date", draft.date.to_string()},
        {"warehouse_id", draft.warehouse.value()},
        {"reference", draft.reference},
        {"entry_id", entry ? boost::json::value(entry->value()) : nullptr},
        {"lines", std::move(lines)}};
    BO_TRY(platform::audit::record(txn,
                                   clock,
                                   actor,
                                   {.action = "stock." + draft.kind,
                                    .entity_type = "stock_document",
                                    .entity_id = id.to_string(),
                                    .changes = platform::audit::diff({}, after)}));
    document.movements = std::move(movements);
    BO_TRY(internal::announce(txn, clock, actor, on_arrival, std::move(arrivals)));
    return document;
}

Movement movement_of(const Draft& draft,
                     internal::Place place,
                     std::optional<BinId> bin,
                     MovementType type,
                     std::int64_t milli,
                     core::Money value) {
    return Movement{.id = {},
                    .item = place.item,
                    .warehouse = place.warehouse,
                    .bin = bin,
                    .type = type,
                    .quantity = {milli},
                    .value = value,
                    .date = draft.date,
                    .source_type = {},
                    .source_id = {},
                    .reason = std::nullopt,
                    .entry = std::nullopt,
                    .user_id = 0,
                    .created_at = core::Instant(0)};
}

// --- receipts

core::Result<void> check_expected(store::Txn& txn,
                                  CompanyId company,
                                  FieldChecks& checks,
                                  std::size_t index,
                                  const ReceiptLine& line,
                                  std::optional<WarehouseId> warehouse) {
    if (!line.expected || !warehouse) {
        return core::ok();
    }
    BO_TRY_ASSIGN(const std::optional<ExpectedReceipt> planned,
                  queries::select_expected(txn, company, *line.expected));
    if (!planned || planned->item != line.item || planned->warehouse != *warehouse) {
        checks.add(line_field(index, "expected"),
                   "is not a planned receipt of this item into this warehouse");
    } else if (planned->status != ExpectedStatus::open) {
        checks.add(line_field(index, "expected"), "is no longer open");
    }
    return core::ok();
}

// Receives line `line` against its planned receipt: what is still to come goes down by what
// arrived (at most what was still to come), and so does on_order.
core::Result<void> receive_against(store::Txn& txn,
                                   CompanyId company,
                                   const ReceiptLine& line,
                                   WarehouseId warehouse) {
    if (!line.expected) {
        return core::ok();
    }
    BO_TRY_ASSIGN(std::optional<ExpectedReceipt> planned,
                  queries::select_expected(txn, company, *line.expected));
    BO_ASSERT(planned.has_value());
    const std::int64_t remaining = planned->quantity.milli - planned->received.milli;
    const std::int64_t counted = std::min(remaining, line.quantity.milli);
    planned->received.milli += counted;
    if (planned->received == planned->quantity) {
        planned->status = ExpectedStatus::received;
    }
    BO_TRY(queries::update_expected(txn, company, *planned));
    BO_TRY_ASSIGN(const bool done,
                  queries::change_figure(
                      txn, company, line.item, warehouse, queries::Figure::on_order, -counted));
    BO_ASSERT(done);  // on_order counts every open remainder
    return core::ok();
}

}  // namespace

core::Result<void> check_receipt(store::Txn& txn,
                                 const ledger::Actor& actor,
                                 const Receipt& receipt) {
    FieldChecks checks;
    check_lines_count(checks, receipt.lines.size());
    check_reference(checks, receipt.reference);
    LineChecker lines(txn, actor.company, checks);
    BO_TRY_ASSIGN(const bool warehouse_ok,
                  lines.warehouse(receipt.warehouse, "warehouse", internal::WarehouseUse::active));
    core::Int128 total = 0;
    for (std::size_t index = 0; index < receipt.lines.size() && index < document_lines_max;
         ++index) {
        const ReceiptLine& line = receipt.lines[index];
        BO_TRY_ASSIGN(const std::optional<Item> item,
                      lines.item(index, line.item, line.quantity.milli));
        const std::optional<std::int64_t> value =
            internal::line_value(line.unit_cost_minor, line.quantity.milli);
        if (line.unit_cost_minor < 0) {
            checks.add(line_field(index, "unit_cost"), "must not be negative");
        } else if (!value) {
            checks.add(line_field(index, "unit_cost"), "quantity x unit cost overflows");
        } else if ((total += *value) > int64_max) {
            checks.add(line_field(index, "unit_cost"), "the receipt's total overflows");
        }
        // Where the line's bin and planned receipt are checked: only a good warehouse.
        const std::optional<WarehouseId> place =
            warehouse_ok && item ? std::make_optional(receipt.warehouse)
                                 : std::optional<WarehouseId>();
        BO_TRY(lines.bin(place, line.bin, index, "bin"));
        BO_TRY(check_expected(txn, actor.company, checks, index, line, place));
    }
    return std::move(checks).finish("receipt");
}

core::Result<StockDocument> receive(store::Txn& txn,
                                    const core::Clock& clock,
                                    const ledger::Actor& actor,
                                    const Receipt& receipt,
                                    const ArrivalListener& on_arrival) {
    BO_TRY(check_receipt(txn, actor, receipt));
    const CompanyId company = actor.company;
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    BO_TRY_ASSIGN(const InventorySettings accounts, internal::settings_of(txn, company));
    const Draft draft{.kind = "receipt",
                      .warehouse = receipt.warehouse,
                      .to_warehouse = std::nullopt,
                      .date = receipt.date,
                      .reference = receipt.reference};
    BO_TRY_ASSIGN(const StockDocumentId id, begin(txn, clock, actor, draft));
    std::vector<Movement> movements;
    std::int64_t total = 0;
    for (std::size_t index = 0; index < receipt.lines.size(); ++index) {
        const ReceiptLine& line = receipt.lines[index];
        const std::int64_t value = *internal::line_value(line.unit_cost_minor, line.quantity.milli);
        BO_TRY(
            internal::put_in(txn,
                             company,
                             {line.item, receipt.warehouse},
                             {.milli = line.quantity.milli, .value_minor = value, .bin = line.bin},
                             line_field(index, "quantity")));
        BO_TRY(receive_against(txn, company, line, receipt.warehouse));
        total += value;  // check_receipt bounded the total
        movements.push_back(movement_of(draft,
                                        {line.item, receipt.warehouse},
                                        line.bin,
                                        MovementType::receipt,
                                        line.quantity.milli,
                                        core::Money{value, currency}));
    }
    const std::string offset = receipt.offset_account.value_or(accounts.receipt_offset_account);
    return finish(
        txn,
        clock,
        actor,
        draft,
        {id, std::move(movements), {{accounts.inventory_account, total}, {offset, -total}}},
        on_arrival);
}

// --- transfers

core::Result<void> check_transfer(store::Txn& txn,
                                  const ledger::Actor& actor,
                                  const Transfer& input) {
    FieldChecks checks;
    check_lines_count(checks, input.lines.size());
    check_reference(checks, input.reference);
    LineChecker lines(txn, actor.company, checks);
    BO_TRY_ASSIGN(const bool from_ok,
                  lines.warehouse(input.from, "from", internal::WarehouseUse::any));
    BO_TRY_ASSIGN(const bool to_ok,
                  lines.warehouse(input.to, "to", internal::WarehouseUse::active));
    if (input.from == input.to) {
        checks.add("to", "must be another warehouse than from");
    }
    for (std::size_t index = 0; index < input.lines.size() && index < document_lines_max; ++index) {
        const TransferLine& line = input.lines[index];
        BO_TRY_ASSIGN(const std::optional<Item> item,
                      lines.item(index, line.item, line.quantity.milli));
        BO_TRY(lines.bin(
            item && to_ok ? std::optional(input.to) : std::nullopt, line.to_bin, index, "to_bin"));
        if (item) {
            lines.takes(line.item, line.quantity.milli, index);
        }
    }
    if (from_ok) {
        BO_TRY(lines.available(input.from));
    }
    return std::move(checks).finish("transfer");
}

core::Result<StockDocument> transfer(store::Txn& txn,
                                     const core::Clock& clock,
                                     const ledger::Actor& actor,
                                     const Transfer& input,
                                     const ArrivalListener& on_arrival) {
    BO_TRY(check_transfer(txn, actor, input));
    const CompanyId company = actor.company;
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    const Draft draft{.kind = "transfer",
                      .warehouse = input.from,
                      .to_warehouse = input.to,
                      .date = input.date,
                      .reference = input.reference};
    BO_TRY_ASSIGN(const StockDocumentId id, begin(txn, clock, actor, draft));
    std::vector<Movement> movements;
    for (std::size_t index = 0; index < input.lines.size(); ++index) {
        const TransferLine& line = input.lines[index];
        const std::string field = line_field(index, "quantity");
        BO_TRY_ASSIGN(const std::int64_t value,
                      internal::take_out(txn,
                                         company,
                                         {line.item, input.from},
                                         line.quantity.milli,
                                         internal::Withdrawal::unreserved,
                                         field));
        BO_TRY(internal::put_in(
            txn,
            company,
            {line.item, input.to},
            {.milli = line.quantity.milli, .value_minor = value, .bin = line.to_bin},
            field));
        movements.push_back(movement_of(draft,
                                        {line.item, input.from},
                                        std::nullopt,
                                        MovementType::transfer_out,
                                        -line.quantity.milli,
                                        core::Money{-value, currency}));
        movements.push_back(movement_of(draft,
                                        {line.item, input.to},
                                        line.to_bin,
                                        MovementType::transfer_in,
                                        line.quantity.milli,
                                        core::Money{value, currency}));
    }
    return finish(txn, clock, actor, draft, {id, std::move(movements), {}}, on_arrival);
}

// --- adjustments and counts

core::Result<void> check_adjustment(store::Txn& txn,
                                    const ledger::Actor& actor,
                                    const Adjustment& input) {
    FieldChecks checks;
    check_lines_count(checks, input.lines.size());
    check_reference(checks, input.reference);
    LineChecker lines(txn, actor.company, checks);
    BO_TRY_ASSIGN(const bool warehouse_ok,
                  lines.warehouse(input.warehouse, "warehouse", internal::WarehouseUse::any));
    for (std::size_t index = 0; index < input.lines.size() && index < document_lines_max; ++index) {
        const AdjustmentLine& line = input.lines[index];
        const std::int64_t magnitude =
            line.quantity.milli < 0 ? -line.quantity.milli : line.quantity.milli;
        BO_TRY_ASSIGN(const std::optional<Item> item, lines.item(index, line.item, magnitude));
        if (line.unit_cost_minor
            && (*line.unit_cost_minor < 0
                || !internal::line_value(*line.unit_cost_minor, magnitude))) {
            checks.add(line_field(index, "unit_cost"), "must not be negative or overflow");
        }
        BO_TRY(lines.bin(item && warehouse_ok ? std::optional(input.warehouse) : std::nullopt,
                         line.bin,
                         index,
                         "bin"));
        if (item && line.quantity.milli < 0) {
            lines.takes(line.item, magnitude, index);
        }
    }
    if (warehouse_ok) {
        BO_TRY(lines.available(input.warehouse));
    }
    return std::move(checks).finish("adjustment");
}

namespace {

// The unit cost of found stock: the line's, else the average cost on hand, else the item's
// standard cost.
core::Result<std::int64_t> found_unit_cost(store::Txn& txn,
                                           CompanyId company,
                                           const AdjustmentLine& line,
                                           WarehouseId warehouse,
                                           core::Currency currency) {
    if (line.unit_cost_minor) {
        return *line.unit_cost_minor;
    }
    BO_TRY_ASSIGN(const std::vector<queries::ItemStock> found,
                  queries::select_stock_levels(
                      txn, company, warehouse, std::span<const ItemId>(&line.item, 1)));
    const queries::StockFigures& figures = found.front().figures;
    if (figures.on_hand_milli > 0) {
        return internal::average_cost(figures.value_minor, figures.on_hand_milli, currency).minor;
    }
    BO_TRY_ASSIGN(const Item item,
                  internal::item_for(txn, company, line.item, "item", internal::ItemUse::any));
    return item.standard_cost.minor;
}

// Applies one adjustment line: takes stock out at moving average, or puts it in at the found
// unit cost; answers the signed change of value.
core::Result<std::int64_t> adjust_line(store::Txn& txn,
                                       CompanyId company,
                                       WarehouseId warehouse,
                                       const AdjustmentLine& line,
                                       std::size_t index,
                                       core::Currency currency) {
    const std::string field = line_field(index, "quantity");
    if (line.quantity.milli < 0) {
        BO_TRY_ASSIGN(const std::int64_t taken,
                      internal::take_out(txn,
                                         company,
                                         {line.item, warehouse},
                                         -line.quantity.milli,
                                         internal::Withdrawal::unreserved,
                                         field));
        return -taken;
    }
    BO_TRY_ASSIGN(const std::int64_t unit_cost,
                  found_unit_cost(txn, company, line, warehouse, currency));
    const std::optional<std::int64_t> value = internal::line_value(unit_cost, line.quantity.milli);
    if (!value) {
        return core::Error::invalid(line_field(index, "unit_cost"), "overflows");
    }
    BO_TRY(internal::put_in(txn,
                            company,
                            {line.item, warehouse},
                            {.milli = line.quantity.milli, .value_minor = *value, .bin = line.bin},
                            field));
    return *value;
}

core::Result<StockDocument> apply_adjustment(store::Txn& txn,
                                             const core::Clock& clock,
                                             const ledger::Actor& actor,
                                             const Adjustment& input,
                                             std::string kind,
                                             const ArrivalListener& on_arrival) {
    const CompanyId company = actor.company;
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    BO_TRY_ASSIGN(const InventorySettings accounts, internal::settings_of(txn, company));
    const Draft draft{.kind = std::move(kind),
                      .warehouse = input.warehouse,
                      .to_warehouse = std::nullopt,
                      .date = input.date,
                      .reference = input.reference};
    BO_TRY_ASSIGN(const StockDocumentId id, begin(txn, clock, actor, draft));
    std::vector<Movement> movements;
    std::int64_t net = 0;  // signed change of the inventory's value
    for (std::size_t index = 0; index < input.lines.size(); ++index) {
        const AdjustmentLine& line = input.lines[index];
        const std::string field = line_field(index, "quantity");
        BO_TRY_ASSIGN(const std::int64_t value,
                      adjust_line(txn, company, input.warehouse, line, index, currency));
        const core::Int128 sum = core::Int128{net} + value;
        if (sum > int64_max || sum < -int64_max) {
            return core::Error::invalid(field, "the adjustment's total overflows");
        }
        net = static_cast<std::int64_t>(sum);
        Movement movement = movement_of(draft,
                                        {line.item, input.warehouse},
                                        line.bin,
                                        MovementType::adjustment,
                                        line.quantity.milli,
                                        core::Money{value, currency});
        movement.reason = line.reason;
        movements.push_back(std::move(movement));
    }
    return finish(txn,
                  clock,
                  actor,
                  draft,
                  {id,
                   std::move(movements),
                   {{accounts.inventory_account, net}, {accounts.adjustments_account, -net}}},
                  on_arrival);
}

}  // namespace

core::Result<StockDocument> adjust(store::Txn& txn,
                                   const core::Clock& clock,
                                   const ledger::Actor& actor,
                                   const Adjustment& input,
                                   const ArrivalListener& on_arrival) {
    BO_TRY(check_adjustment(txn, actor, input));
    return apply_adjustment(txn, clock, actor, input, "adjustment", on_arrival);
}

core::Result<StockDocument> count(store::Txn& txn,
                                  const core::Clock& clock,
                                  const ledger::Actor& actor,
                                  const Count& input,
                                  const ArrivalListener& on_arrival) {
    const CompanyId company = actor.company;
    Adjustment adjustment{
        .warehouse = input.warehouse, .date = input.date, .reference = "count", .lines = {}};
    FieldChecks checks;
    check_lines_count(checks, input.lines.size());
    LineChecker checker(txn, company, checks);
    BO_TRY_ASSIGN(const bool warehouse_ok,
                  checker.warehouse(input.warehouse, "warehouse", internal::WarehouseUse::any));
    for (std::size_t index = 0; index < input.lines.size() && index < document_lines_max; ++index) {
        const CountLine& line = input.lines[index];
        BO_TRY_ASSIGN(const std::optional<Item> item,
                      checker.item(index, line.item, line.counted.milli, Sign::non_negative));
        if (!item || !warehouse_ok) {
            continue;
        }
        BO_TRY_ASSIGN(const std::vector<queries::ItemStock> found,
                      queries::select_stock_levels(
                          txn, company, input.warehouse, std::span<const ItemId>(&line.item, 1)));
        const std::int64_t difference = line.counted.milli - found.front().figures.on_hand_milli;
        if (difference != 0) {
            adjustment.lines.push_back({.item = line.item,
                                        .quantity = {difference},
                                        .reason = AdjustmentReason::count,
                                        .unit_cost_minor = std::nullopt,
                                        .bin = std::nullopt});
        }
    }
    BO_TRY(std::move(checks).finish("count"));
    if (adjustment.lines.empty()) {
        BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
        return StockDocument{.id = {},
                             .kind = "count",
                             .entry = std::nullopt,
                             .value = core::Money::zero(currency),
                             .movements = {}};
    }
    BO_TRY(check_adjustment(txn, actor, adjustment));
    return apply_adjustment(txn, clock, actor, adjustment, "count", on_arrival);
}

}  // namespace bo::modules::inventory
