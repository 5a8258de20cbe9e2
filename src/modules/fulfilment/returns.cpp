// Customer returns: authorisation, receipt (restock or scrap) and cancellation.
#include <set>
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "ledger/service.hpp"
#include "modules/fulfilment/internal.hpp"
#include "modules/fulfilment/queries.hpp"
#include "modules/fulfilment/service.hpp"
#include "modules/inventory/operations.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::fulfilment {
namespace {

using core::Error;
using core::ErrorCode;
using internal::audit;
using platform::tenancy::FieldChecks;

core::Result<Shipment> shipment_of(store::Txn& txn, CompanyId company, ShipmentId id) {
    BO_TRY_ASSIGN(std::optional<Shipment> shipment, queries::select_shipment(txn, company, id));
    if (!shipment) {
        return Error::invalid("shipment", "is not a shipment of this company");
    }
    return std::move(*shipment);
}

core::Result<CustomerReturn> existing_return(store::Txn& txn, CompanyId company, ReturnId id) {
    BO_TRY_ASSIGN(std::optional<CustomerReturn> found, queries::select_return(txn, company, id));
    if (!found) {
        return Error(ErrorCode::not_found, "no such return");
    }
    return std::move(*found);
}

core::Result<void> check_authorised(const CustomerReturn& customer_return) {
    if (customer_return.status != ReturnStatus::authorised) {
        return Error(ErrorCode::conflict,
                     "return " + customer_return.number + " is "
                         + std::string(to_string(customer_return.status)));
    }
    return core::ok();
}

boost::json::object return_record(const CustomerReturn& customer_return) {
    boost::json::array lines;
    for (const ReturnLine& line : customer_return.lines) {
        lines.push_back(boost::json::object{
            {"shipment_line", line.shipment_line_number},
            {"quantity", inventory::format_quantity({line.quantity_milli})},
            {"disposition",
             line.disposition ? boost::json::value(to_string(*line.disposition)) : nullptr},
            {"cost", line.cost.format()},
            {"net", line.net.format()}});
    }
    return {{"number", customer_return.number},
            {"shipment_id", customer_return.shipment.value()},
            {"status", to_string(customer_return.status)},
            {"reason", customer_return.reason},
            {"lines", std::move(lines)}};
}

const ShipmentLine* shipment_line(const Shipment& shipment, std::int64_t number) {
    for (const ShipmentLine& line : shipment.lines) {
        if (line.line_number == number) {
            return &line;
        }
    }
    return nullptr;
}

// Gives back (sign -1) or takes (sign +1) the returned quantities on the shipment's lines.
core::Result<void> count_returned(store::Txn& txn,
                                  CompanyId company,
                                  const Shipment& shipment,
                                  const CustomerReturn& customer_return,
                                  std::int64_t sign) {
    for (const ReturnLine& returned : customer_return.lines) {
        const ShipmentLine* found = shipment_line(shipment, returned.shipment_line_number);
        BO_ASSERT(found != nullptr);
        ShipmentLine line = *found;
        line.returned_milli += sign * returned.quantity_milli;
        BO_ASSERT(line.returned_milli >= 0);
        BO_ASSERT(line.returned_milli <= line.quantity_milli);
        BO_TRY(queries::update_returned(txn, company, shipment.id, line));
    }
    return core::ok();
}

// Restocks the lines to restock: one receipt at the cost they left with, against COGS.
core::Result<void> restock(store::Txn& txn,
                           const core::Clock& clock,
                           const Actor& actor,
                           inventory::WarehouseId warehouse,
                           CustomerReturn& customer_return,
                           const inventory::ArrivalListener& on_arrival) {
    BO_TRY_ASSIGN(const inventory::InventorySettings accounts,
                  inventory::inventory_settings(txn, actor.company));
    inventory::Receipt receipt{.warehouse = warehouse,
                               .date = *customer_return.received_date,
                               .reference = "return " + customer_return.number,
                               .lines = {},
                               .offset_account = accounts.cogs_account};
    for (const ReturnLine& line : customer_return.lines) {
        if (line.disposition == Disposition::restock) {
            // The receipt values a line at quantity x unit cost (per whole unit), so the unit
            // cost is the line's cost per unit, rounded half-even to the minor unit.
            const core::Int128 unit = core::round_quotient(
                core::Int128{line.cost.minor} * 1000, line.quantity_milli,
                core::RoundingMode::half_even);
            receipt.lines.push_back({.item = line.item,
                                     .quantity = {line.quantity_milli},
                                     .unit_cost_minor = static_cast<std::int64_t>(unit),
                                     .bin = std::nullopt,
                                     .expected = std::nullopt});
        }
    }
    if (receipt.lines.empty()) {
        return core::ok();
    }
    BO_TRY_ASSIGN(const inventory::StockDocument document,
                  inventory::receive(txn, clock, actor, receipt, on_arrival));
    if (document.entry) {
        customer_return.entry = document.entry->value();
    }
    return core::ok();
}

// Writes the scrapped lines' cost off: Dr adjustments / Cr COGS (the cost left inventory when
// the goods shipped; scrapping them moves it from cost of sales to the write-offs).
core::Result<void> scrap(store::Txn& txn,
                         const core::Clock& clock,
                         const Actor& actor,
                         CustomerReturn& customer_return) {
    std::int64_t total = 0;
    std::optional<core::Currency> currency;
    for (const ReturnLine& line : customer_return.lines) {
        if (line.disposition == Disposition::scrap) {
            total += line.cost.minor;
            currency = line.cost.currency;
        }
    }
    if (total == 0 || !currency) {
        return core::ok();
    }
    BO_TRY_ASSIGN(const inventory::InventorySettings accounts,
                  inventory::inventory_settings(txn, actor.company));
    BO_TRY_ASSIGN(const auto debit,
                  ledger::find_account_by_number(txn, actor.company, accounts.adjustments_account));
    BO_TRY_ASSIGN(const auto credit,
                  ledger::find_account_by_number(txn, actor.company, accounts.cogs_account));
    if (!debit || !credit) {
        return Error(ErrorCode::internal, "the inventory settings name an unknown account");
    }
    const core::Money amount{total, *currency};
    BO_TRY_ASSIGN(const ledger::PostedEntry entry,
                  ledger::post(txn,
                               clock,
                               actor,
                               {.date = *customer_return.received_date,
                                .memo = "Returned goods scrapped: return " + customer_return.number,
                                .source = {.type = "customer_return",
                                           .id = customer_return.id.to_string(),
                                           .subledger = ledger::Subledger::none},
                                .lines = {{.account = debit->id,
                                           .department = std::nullopt,
                                           .party = std::nullopt,
                                           .side = ledger::Side::debit,
                                           .amount = amount,
                                           .memo = {}},
                                          {.account = credit->id,
                                           .department = std::nullopt,
                                           .party = std::nullopt,
                                           .side = ledger::Side::credit,
                                           .amount = amount,
                                           .memo = {}}}}));
    customer_return.scrap_entry = entry.id.value();
    return core::ok();
}

}  // namespace

core::Result<void> check_return(store::Txn& txn, const Actor& actor, const NewReturn& input) {
    BO_TRY_ASSIGN(const Shipment shipment, shipment_of(txn, actor.company, input.shipment));
    FieldChecks checks;
    checks.optional_text("reason", input.reason, return_reason_chars_max);
    if (input.lines.empty()) {
        checks.add("lines", "must name at least one line");
    }
    if (input.lines.size() > document_lines_max) {
        checks.add("lines", "must have at most " + std::to_string(document_lines_max) + " items");
    }
    std::set<std::int64_t> seen;
    for (std::size_t index = 0; index < input.lines.size() && index < document_lines_max;
         ++index) {
        const std::string prefix = "lines/" + std::to_string(index) + "/";
        const NewReturnLine& wanted = input.lines[index];
        const ShipmentLine* line = shipment_line(shipment, wanted.shipment_line_number);
        if (line == nullptr) {
            checks.add(prefix + "shipment_line", "is not a line of " + shipment.number);
            continue;
        }
        if (!seen.insert(line->line_number).second) {
            checks.add(prefix + "shipment_line", "is named twice");
            continue;
        }
        const std::int64_t left = line->quantity_milli - line->returned_milli;
        if (wanted.quantity_milli <= 0 || wanted.quantity_milli > left) {
            checks.add(prefix + "quantity",
                       "line " + std::to_string(line->line_number) + " of " + shipment.number
                           + " can return at most " + inventory::format_quantity({left})
                           + " (shipped " + inventory::format_quantity({line->quantity_milli})
                           + ", returned "
                           + inventory::format_quantity({line->returned_milli}) + ")");
        } else if (!inventory::quantity_fits_unit({wanted.quantity_milli}, line->unit)) {
            checks.add(prefix + "quantity",
                       "has more decimals than the unit " + line->unit + " allows");
        }
    }
    return std::move(checks).finish("return");
}

core::Result<CustomerReturn> authorise_return(store::Txn& txn,
                                              const core::Clock& clock,
                                              const Actor& actor,
                                              const NewReturn& input) {
    BO_TRY(check_return(txn, actor, input));
    BO_TRY_ASSIGN(const Shipment shipment, shipment_of(txn, actor.company, input.shipment));
    BO_TRY_ASSIGN(const std::int64_t number,
                  queries::next_number(txn, actor.company, "return"));
    CustomerReturn customer_return{.id = {},
                                   .number = internal::document_number("RMA-", number),
                                   .shipment = shipment.id,
                                   .shipment_number = shipment.number,
                                   .order = shipment.order,
                                   .status = ReturnStatus::authorised,
                                   .reason = input.reason,
                                   .received_date = std::nullopt,
                                   .entry = std::nullopt,
                                   .scrap_entry = std::nullopt,
                                   .currency = shipment.currency,
                                   .created_by = actor.user,
                                   .created_at = clock.now(),
                                   .updated_at = clock.now(),
                                   .lines = {}};
    for (const NewReturnLine& wanted : input.lines) {
        const ShipmentLine* line = shipment_line(shipment, wanted.shipment_line_number);
        BO_ASSERT(line != nullptr);
        const std::int64_t before = line->returned_milli;
        const std::int64_t whole = line->quantity_milli;
        BO_TRY_ASSIGN(const core::Money cost,
                      internal::share(line->cost, before, wanted.quantity_milli, whole));
        BO_TRY_ASSIGN(const core::Money net,
                      internal::share(line->net, before, wanted.quantity_milli, whole));
        BO_TRY_ASSIGN(const core::Money tax,
                      internal::share(line->tax, before, wanted.quantity_milli, whole));
        customer_return.lines.push_back(
            ReturnLine{.line_number = static_cast<std::int64_t>(customer_return.lines.size()) + 1,
                       .shipment_line_number = line->line_number,
                       .item = line->item,
                       .sku = line->sku,
                       .quantity_milli = wanted.quantity_milli,
                       .disposition = std::nullopt,
                       .cost = cost,
                       .net = net,
                       .tax = tax,
                       .credit_note_id = std::nullopt});
    }
    BO_TRY(count_returned(txn, actor.company, shipment, customer_return, 1));
    BO_TRY_ASSIGN(customer_return.id, queries::insert_return(txn, actor.company, customer_return));
    BO_TRY(audit(txn,
                 clock,
                 actor,
                 {.action = "fulfilment.return.authorise",
                  .entity_type = "customer_return",
                  .entity_id = customer_return.id.to_string(),
                  .before = {},
                  .after = return_record(customer_return)}));
    return existing_return(txn, actor.company, customer_return.id);
}

core::Result<CustomerReturn> receive_return(store::Txn& txn,
                                            const core::Clock& clock,
                                            const Actor& actor,
                                            ReturnId id,
                                            const ReceiveReturn& input,
                                            const inventory::ArrivalListener& on_arrival) {
    BO_TRY_ASSIGN(CustomerReturn customer_return, existing_return(txn, actor.company, id));
    BO_TRY(check_authorised(customer_return));
    FieldChecks checks;
    std::set<std::int64_t> seen;
    for (ReturnLine& line : customer_return.lines) {
        line.disposition = Disposition::restock;
    }
    for (std::size_t index = 0; index < input.lines.size(); ++index) {
        const std::string field = "lines/" + std::to_string(index) + "/line_number";
        const ReceiveLine& wanted = input.lines[index];
        bool found = false;
        for (ReturnLine& line : customer_return.lines) {
            if (line.line_number == wanted.line_number) {
                line.disposition = wanted.disposition;
                found = true;
            }
        }
        if (!found) {
            checks.add(field, "is not a line of " + customer_return.number);
        } else if (!seen.insert(wanted.line_number).second) {
            checks.add(field, "is named twice");
        }
    }
    BO_TRY(std::move(checks).finish("return receipt"));
    const boost::json::object before = return_record(customer_return);
    BO_TRY_ASSIGN(const Shipment shipment, shipment_of(txn, actor.company, customer_return.shipment));
    customer_return.received_date = input.date.value_or(internal::today(clock));
    BO_TRY(restock(txn, clock, actor, shipment.warehouse, customer_return, on_arrival));
    BO_TRY(scrap(txn, clock, actor, customer_return));
    customer_return.status = ReturnStatus::received;
    customer_return.updated_at = clock.now();
    BO_TRY(queries::update_return(txn, actor.company, customer_return));
    BO_TRY(audit(txn,
                 clock,
                 actor,
                 {.action = "fulfilment.return.receive",
                  .entity_type = "customer_return",
                  .entity_id = customer_return.id.to_string(),
                  .before = before,
                  .after = return_record(customer_return)}));
    return existing_return(txn, actor.company, id);
}

core::Result<CustomerReturn> cancel_return(store::Txn& txn,
                                           const core::Clock& clock,
                                           const Actor& actor,
                                           ReturnId id) {
    BO_TRY_ASSIGN(CustomerReturn customer_return, existing_return(txn, actor.company, id));
    BO_TRY(check_authorised(customer_return));
    const boost::json::object before = return_record(customer_return);
    BO_TRY_ASSIGN(const Shipment shipment,
                  shipment_of(txn, actor.company, customer_return.shipment));
    BO_TRY(count_returned(txn, actor.company, shipment, customer_return, -1));
    customer_return.status = ReturnStatus::cancelled;
    customer_return.updated_at = clock.now();
    BO_TRY(queries::update_return(txn, actor.company, customer_return));
    BO_TRY(audit(txn,
                 clock,
                 actor,
                 {.action = "fulfilment.return.cancel",
                  .entity_type = "customer_return",
                  .entity_id = customer_return.id.to_string(),
                  .before = before,
                  .after = return_record(customer_return)}));
    return customer_return;
}

core::Result<std::optional<CustomerReturn>> find_return(store::Txn& txn,
                                                        CompanyId company,
                                                        ReturnId id) {
    return queries::select_return(txn, company, id);
}

core::Result<std::vector<CustomerReturn>> list_returns(store::Txn& txn,
                                                       CompanyId company,
                                                       std::optional<ReturnStatus> status,
                                                       ReturnId after,
                                                       std::int64_t limit,
                                                       std::optional<ShipmentId> shipment) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_returns(txn, company, status, after, limit, shipment);
}

}  // namespace bo::modules::fulfilment
