// The ledger's operator commands: `backoffice ledger check`, `backoffice ledger run-recurring`
// and `backoffice export ledger`.
// Each returns the process exit code (cli/commands.hpp) and prints failures as one line on
// stderr. Wiring into the CLI11 tree lives in app.cpp.
#pragma once

#include <optional>
#include <string>

#include "core/config.hpp"

namespace bo::cli {

// `backoffice ledger check [--company CODE]`: recomputes every maintained balance of one
// company (or of every company) from the journal lines and re-checks that every entry
// balances. Prints one summary line per company and each difference; exit 1 when anything
// differs (or the company is unknown), 0 when clean.
int command_ledger_check(const core::Config& config, const std::optional<std::string>& company);

// `backoffice ledger run-recurring [--company CODE] [--as-of DATE]`: creates the recurring
// entries due on or before DATE (default: today, UTC) of one company or of every company, one
// transaction per company. Prints what was created and each refused occurrence; exit 1 when
// an occurrence was refused (the others are created), 0 otherwise. Running it twice for the
// same date creates nothing the second time.
int command_ledger_run_recurring(const core::Config& config,
                                 const std::optional<std::string>& company,
                                 const std::optional<std::string>& as_of);

struct LedgerExportOptions {
    std::optional<std::string> company;  // required when the database holds several companies
    std::optional<std::string> from;     // YYYY-MM-DD, inclusive; both or neither
    std::optional<std::string> to;       // YYYY-MM-DD, exclusive
    std::optional<std::string> output;   // a file (written atomically); stdout when absent
};

// `backoffice export ledger [--company CODE] [--from D --to D] [--output FILE]`: writes the
// company's journal as a plain-text hledger/ledger journal. A file is written to a temporary
// name beside it and renamed when complete, so a failure leaves no partial file.
int command_export_ledger(const core::Config& config, const LedgerExportOptions& options);

}  // namespace bo::cli
