// The two halves of posting, shared by post(), reverse() and the year-end close (not part of
// the ledger's interface: every other caller goes through post()).
// Thread safety: functions of a Txn.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
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

// Adds a field error for `text` over `bytes_max` bytes or not UTF-8 without control characters.
[[nodiscard]] core::Result<void> check_text(std::string_view field,
                                            std::string_view text,
                                            std::size_t bytes_max,
                                            std::vector<core::FieldError>& errors);

// "lines/<index>/<field>", the name of a line's field in field errors.
std::string line_field(std::size_t index, std::string_view field);

// Adds field errors for line `index`'s own shape: a positive amount, its memo's text, a
// positive party id (the checks a draft and a posting share; references are checked apart).
[[nodiscard]] core::Result<void> check_line_shape(std::size_t index,
                                                  const LineInput& line,
                                                  std::vector<core::FieldError>& errors);

// The checks of prepare_entry that do not depend on the date's period or exchange rates:
// shape, accounts, departments, balance per currency. Writes nothing.
[[nodiscard]] core::Result<void> check_entry(store::Txn& txn,
                                             const platform::Actor& actor,
                                             const EntryInput& input,
                                             ReferenceCache& cache);

// Validates `input` for the actor's company and answers the entry to write (functional
// amounts computed, period and fiscal year resolved, no number yet). Writes nothing.
[[nodiscard]] core::Result<PostedEntry> prepare_entry(store::Txn& txn,
                                                      const platform::Actor& actor,
                                                      const EntryInput& input,
                                                      ReferenceCache& cache);

// The audit action of a posting (also the one action a batch of several entries may have).
inline constexpr std::string_view post_action = "ledger.entry.post";

// Writes prepared entries of the actor's company: takes their gap-free numbers (in order),
// inserts them and their lines, updates the maintained balances (aggregated per key) and
// appends one audit event: `action` for a single entry, or one "ledger.entry.post_batch"
// event listing every entry (then `action` must be post_action). Sets each entry's id,
// number, posted_by and posted_at. Asserts every entry balances.
[[nodiscard]] core::Result<void> write_entries(store::Txn& txn,
                                               const core::Clock& clock,
                                               const platform::Actor& actor,
                                               std::span<PostedEntry> entries,
                                               std::string_view action);

// write_entries() of one entry.
[[nodiscard]] core::Result<PostedEntry> write_entry(store::Txn& txn,
                                                    const core::Clock& clock,
                                                    const platform::Actor& actor,
                                                    PostedEntry entry,
                                                    std::string_view action);

}  // namespace bo::ledger::internal
