// CSV import into the general ledger: opening balances and journal entries (docs/ledger.md,
// "Import").
//
// Both imports are all-or-nothing. The whole file is read and every row checked first: the
// columns, the amounts (exact decimal text in the line's currency), the accounts, departments,
// parties, and then each entry as post() would check it (period open, control accounts,
// balance). When anything is wrong the answer is invalid_argument listing EVERY bad row as a
// field error "rows/<line>/<column>" (line = the physical line where the CSV record starts;
// the header is line 1) and nothing is written. Otherwise every entry posts through one
// `Poster` in the caller's transaction, followed by one audit event for the import.
// Invariants: an import posts either all of its entries or none; amounts never pass through
// floating point; bounded by the CSV reader's limits and journal_entry_lines_max per entry.
// Thread safety: functions of a Txn.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "ledger/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::ledger {

// `check_only` validates the file exactly as `post` does and writes nothing (a dry run).
enum class ImportMode { post, check_only };

// The source type of imported journal entries (the source id is the file's entry key) and of
// an opening-balance entry (the source id is its date).
inline constexpr std::string_view import_source_type = "csv_import";
inline constexpr std::string_view opening_source_type = "opening_balances";

struct ImportedEntry {
    std::string key;        // the `entry` column's value; the date for opening balances
    EntryId id{};           // 0 in a dry run
    std::string reference;  // "FY2026/17"; empty in a dry run
    std::size_t lines = 0;
};

struct ImportReport {
    ImportMode mode = ImportMode::post;
    std::size_t rows = 0;          // data rows read (after the header)
    std::size_t rows_skipped = 0;  // opening balances: rows whose amount is zero
    std::size_t lines = 0;         // journal lines posted (or that would be)
    std::vector<ImportedEntry> entries;
};

// Called after each entry posts with (entries done, entries in the file); for progress bars.
using ImportProgress = std::function<void(std::size_t done, std::size_t total)>;

// Imports journal entries from CSV with the header
//   entry,date,account,debit,credit[,description][,department][,party][,currency][,memo]
// (any order; names lowercase). Rows with the same `entry` key form one entry (in the order
// the keys first appear); `date` and `description` belong to the entry and must not differ
// between its rows. Exactly one of debit/credit per row, > 0. `party` is `customer:ID`,
// `vendor:ID` or `employee:ID`; `currency` defaults to the functional currency.
// Errors: invalid_argument listing every bad row (or the header / the CSV syntax "line/N");
// limit_exceeded past the reader's limits; those of the store.
[[nodiscard]] core::Result<ImportReport> import_journal_entries(store::Txn& txn,
                                                                const core::Clock& clock,
                                                                const platform::Actor& actor,
                                                                std::string_view csv,
                                                                ImportMode mode,
                                                                const ImportProgress& progress);

struct OpeningBalancesOptions {
    core::Date date;
    // The account that takes the difference when the rows do not balance (per currency);
    // the standard chart's retained earnings (3900) when absent.
    std::optional<std::string> offset_account;
};

// Imports opening balances from CSV with the header
//   account,debit,credit[,department][,currency][,memo]
// as ONE entry dated `options.date`; a row whose amount is zero is skipped. Control accounts
// (AR, AP, inventory, payroll) are refused: their opening balance is the sum of the sub-ledger's
// open items, which that sub-ledger posts. Errors: as import_journal_entries, plus
// "offset_account" when it is unknown or not postable; limit_exceeded past
// journal_entry_lines_max - 1 rows.
[[nodiscard]] core::Result<ImportReport> import_opening_balances(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Actor& actor,
    std::string_view csv,
    const OpeningBalancesOptions& options,
    ImportMode mode);

}  // namespace bo::ledger
