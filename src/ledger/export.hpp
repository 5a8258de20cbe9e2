// The plain-text journal export, in the format hledger and ledger-cli read.
//
// Each posted entry becomes one transaction: date, status `*`, code `(FY2024/17)`, the memo as
// description, a comment naming its source, and one posting per line with the functional
// amount and commodity (`1234.56 USD`); a line in another currency is written as its amount
// with the functional total cost (`3.33 EUR @@ 3.61 USD`), so `hledger balance -B` gives the
// functional balances. Account names are hierarchical:
// `Assets:Current Assets:1120 Checking Account` (ancestors' names, then number and name).
// Invariants: every exported transaction balances (at cost) exactly as the entry does;
// the export reads pages of export_page_entries entries, so memory is bounded at any size.
// Thread safety: functions of a Txn; read-only.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>

#include "core/result.hpp"
#include "ledger/model.hpp"
#include "ledger/reports.hpp"
#include "store/database.hpp"

namespace bo::ledger {

// 1,000 entries per page read by the export: a few hundred KiB of rows at a time.
inline constexpr std::int64_t export_page_entries = 1000;

struct ExportSummary {
    std::int64_t entries = 0;
    std::int64_t lines = 0;
};

// Writes the entries of `company` dated in `range` (every entry when nullopt), by date and
// entry, to `out`. Errors: those of the store; unavailable when writing to `out` fails.
[[nodiscard]] core::Result<ExportSummary> export_journal(store::Txn& txn,
                                                         CompanyId company,
                                                         std::optional<DateRange> range,
                                                         std::ostream& out);

// The journal account name of every account of `company`.
[[nodiscard]] core::Result<std::map<AccountId, std::string>> journal_account_names(
    store::Txn& txn, CompanyId company);

// `minor` units formatted with `currency`'s decimals and its code: "-1234.56 USD".
std::string journal_amount(std::int64_t minor, core::Currency currency);

}  // namespace bo::ledger
