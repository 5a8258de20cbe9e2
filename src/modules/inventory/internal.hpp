// What the inventory module's service files share: the valuation rule, taking stock out and
// putting it in (the only writers of on_hand and value), lookups that answer field errors, and
// posting one entry per document. Not for other modules (they use stock.hpp and
// operations.hpp).
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ledger/service.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/inventory/stock.hpp"
#include "store/database.hpp"

namespace bo::modules::inventory::internal {

using platform::tenancy::CompanyId;

// The moving-average value of `taken` out of `on_hand` worth `value`: all of it for the last
// unit, else round_half_even(value x taken / on_hand). Preconditions (asserted):
// 0 < taken <= on_hand, value >= 0.
std::int64_t share_of_value(std::int64_t value,
                            std::int64_t taken_milli,
                            std::int64_t on_hand_milli);

// round_half_even(unit_cost x milli / 1000), or nullopt when it does not fit int64.
std::optional<std::int64_t> line_value(std::int64_t unit_cost_minor, std::int64_t milli);

// The average cost of one unit (0 with nothing on hand).
core::Money average_cost(std::int64_t value_minor,
                         std::int64_t on_hand_milli,
                         core::Currency currency);

// The item, which must be the company's (not_found naming `field`) and, when `stocked` is
// asked, a stocked item (invalid_argument naming `field`).
enum class ItemUse { any, stocked };
[[nodiscard]] core::Result<Item> item_for(
    store::Txn& txn, CompanyId company, ItemId id, std::string_view field, ItemUse use);

// Checks that the warehouse is the company's (not_found naming `field`) and, when
// `require_active`, active (invalid_argument).
enum class WarehouseUse { any, active };
[[nodiscard]] core::Result<void> check_warehouse(
    store::Txn& txn, CompanyId company, WarehouseId id, std::string_view field, WarehouseUse use);

// Checks that `bin` is a bin of `warehouse` (invalid_argument naming `field`).
[[nodiscard]] core::Result<void> check_bin(
    store::Txn& txn, CompanyId company, WarehouseId warehouse, BinId bin, std::string_view field);

// One item in one warehouse.
struct Place {
    ItemId item{};
    WarehouseId warehouse{};
};

// Which part of on hand a withdrawal may take.
enum class Withdrawal {
    unreserved,  // adjustments, transfers: at most on_hand - reserved
    reserved,    // issues: at most reserved; the reservation goes down with on_hand
};

// Takes `milli` out of the place at moving-average value; answers the value taken.
// Errors: invalid_argument naming `field` when there is not enough (nothing is changed).
[[nodiscard]] core::Result<std::int64_t> take_out(store::Txn& txn,
                                                  CompanyId company,
                                                  Place place,
                                                  std::int64_t milli,
                                                  Withdrawal kind,
                                                  std::string_view field);

// What goes into a place: a quantity worth a value, in a bin when given.
struct Deposit {
    std::int64_t milli = 0;        // > 0
    std::int64_t value_minor = 0;  // >= 0
    std::optional<BinId> bin;
};

// Puts `deposit` into the place. Errors: invalid_argument naming `field` when on hand would
// pass 10^12 or the stock's value would overflow.
[[nodiscard]] core::Result<void> put_in(store::Txn& txn,
                                        CompanyId company,
                                        Place place,
                                        const Deposit& deposit,
                                        std::string_view field);

// The company's inventory accounts (defaults without a settings row).
[[nodiscard]] core::Result<InventorySettings> settings_of(store::Txn& txn, CompanyId company);

// One entry to post on the inventory sub-ledger: the net debit per account number (credits
// negative); accounts that net to zero are left out.
struct Posting {
    core::Date date;
    ledger::Source source;
    std::string memo;
    std::map<std::string, std::int64_t> net_debit_by_account;
};

// Posts `posting`, or nothing when every account nets to zero; answers the entry's id, or
// nullopt when nothing was posted. Errors: those of ledger::post().
[[nodiscard]] core::Result<std::optional<ledger::EntryId>> post_net(store::Txn& txn,
                                                                    const core::Clock& clock,
                                                                    const ledger::Actor& actor,
                                                                    const Posting& posting);

// Runs the listener (when there is one) for the items that arrived, each pair once.
[[nodiscard]] core::Result<void> announce(store::Txn& txn,
                                          const core::Clock& clock,
                                          const ledger::Actor& actor,
                                          const ArrivalListener& listener,
                                          std::vector<StockArrival> arrivals);

}  // namespace bo::modules::inventory::internal
