// The two halves of posting, shared by post(), reverse() and the year-end close (not part of
// the ledger's interface: every other caller goes through post()).
// Thread safety: functions of a Txn.
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "ledger/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::ledger::internal {

// Validates `input` for the actor's company and answers the entry to write (functional
// amounts computed, period and fiscal year resolved, no number yet). Writes nothing.
[[nodiscard]] core::Result<PostedEntry> prepare_entry(store::Txn& txn,
                                                      const platform::Actor& actor,
                                                      const EntryInput& input);

// Writes a prepared entry: takes its gap-free number, inserts it and its lines, updates the
// maintained balances and appends the audit event `action`. Asserts the entry balances.
[[nodiscard]] core::Result<PostedEntry> write_entry(store::Txn& txn,
                                                    const core::Clock& clock,
                                                    const platform::Actor& actor,
                                                    PostedEntry entry,
                                                    std::string_view action);

}  // namespace bo::ledger::internal
