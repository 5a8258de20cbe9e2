// The demo company's warehouses and opening stock (issue #6): warehouses MAIN and EAST with
// bins, the stocked demo items received into MAIN as ONE opening receipt worth exactly the
// 140,000.00 the demo's books carried as opening inventory (against retained earnings, as the
// ledger-only opening entry did), and part of it transferred to EAST. So the inventory
// account 1300 equals the valued stock and `backoffice inventory check` is clean.
// Thread safety: a function of a Txn.
#pragma once

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::demo {

// The opening inventory's value in minor units (USD).
inline constexpr std::int64_t demo_opening_stock_minor = 14'000'000;

// Creates the warehouses and receives the opening stock on `first_day` (its period must be
// open), for `actor`'s company whose demo items exist. Errors: those of inventory (a refusal
// is a bug in the demo data) and of the store.
[[nodiscard]] core::Result<void> seed_stock(store::Txn& txn,
                                            const core::Clock& clock,
                                            const platform::Actor& actor,
                                            core::Date first_day);

}  // namespace bo::modules::demo
