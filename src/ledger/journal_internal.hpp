// The two halves of posting, shared by post(), reverse() and the year-end close (not part of
// the ledger's interface: every other caller goes through post()).
// Thread safety: functions of a Txn.
#pragma once

#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ledger/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::ledger::internal {

// The reference data posting reads (periods, fiscal years, accounts, departments, the
// functional currency), each read at most once while the cache lives. A cache lives for one
// posting, or for a Poster's batch within one transaction.
struct ReferenceCache {
    std::optional<core::Currency> functional;
    std::optional<std::vector<Period>> periods;  // every period of the company, by start date
    std::map<FiscalYearId, FiscalYear> years;
    std::map<AccountId, std::optional<Account>> accounts;
    std::map<DepartmentId, bool> departments;  // id -> an active department of the company
};

// Validates `input` for the actor's company and answers the entry to write (functional
// amounts computed, period and fiscal year resolved, no number yet). Writes nothing.
[[nodiscard]] core::Result<PostedEntry> prepare_entry(store::Txn& txn,
                                                      const platform::Actor& actor,
                                                      const EntryInput& input,
                                                      ReferenceCache& cache);

// Writes a prepared entry: takes its gap-free number, inserts it and its lines, updates the
// maintained balances and appends the audit event `action`. Asserts the entry balances.
[[nodiscard]] core::Result<PostedEntry> write_entry(store::Txn& txn,
                                                    const core::Clock& clock,
                                                    const platform::Actor& actor,
                                                    PostedEntry entry,
                                                    std::string_view action);

}  // namespace bo::ledger::internal
