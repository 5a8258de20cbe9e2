// The demo company's bank: one operating account on ledger account 1120 and one month of its
// statement, written as an ISO 20022 camt.053 file and imported the way a user would
// (modules/banking/service.hpp), so the banking screens and cash application have lines.
// Thread safety: functions of a Txn.
#pragma once

#include <cstddef>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::demo {

struct DemoBankReport {
    std::size_t bank_accounts = 0;
    std::size_t statement_lines = 0;
};

// Creates the bank account and imports the statement of the month before `clock`'s date, in
// the caller's transaction, for `actor`'s company (its chart must hold 1120).
// Errors: those of the banking service (a refusal here is a bug in the demo) and of the store.
[[nodiscard]] core::Result<DemoBankReport> seed_bank(store::Txn& txn,
                                                     const core::Clock& clock,
                                                     const platform::Actor& actor);

// The demo statement: a camt.053.001.08 document for the demo account, `days` daily entries
// ending the day before `to`. Exposed for tests.
std::string demo_camt053(core::Date to, int days);

}  // namespace bo::modules::demo
