// `backoffice import journal-entries FILE` and `backoffice import opening-balances FILE`: the
// ledger's CSV imports (ledger/import.hpp) from the command line. `backoffice import statement
// FILE`: a bank statement (camt.053/054, OFX, CSV) through modules/banking/service.hpp.
// All or nothing: a file with bad rows prints every one of them ("line 17, debit: ...") on
// stderr, writes nothing and exits 1. On a terminal, posting a large file shows its progress
// on stderr.
// Each returns the process exit code (cli/commands.hpp). Wiring into CLI11 lives in app.cpp.
#pragma once

#include <optional>
#include <string>

#include "core/config.hpp"

namespace bo::cli {

struct ImportOptions {
    std::string file;
    std::optional<std::string> company;  // required when the database holds several companies
    bool dry_run = false;                // check every row, write nothing
    // Opening balances only.
    std::optional<std::string> date;            // YYYY-MM-DD (required)
    std::optional<std::string> offset_account;  // default 3900
    // Bank statements only.
    std::optional<std::string> bank_account;  // the bank account id, for a file naming none
    std::optional<std::string> format;        // camt053 | camt054 | ofx | csv; else detected
};

int command_import_journal_entries(const core::Config& config, const ImportOptions& options);
int command_import_opening_balances(const core::Config& config, const ImportOptions& options);

// Prints what was imported (per statement: lines, skipped, duplicate) and any warning; a refused
// file prints its line / element and exits 1 with nothing written.
int command_import_statement(const core::Config& config, const ImportOptions& options);

// `backoffice match --company CODE STATEMENT`: runs cash application on the statement's lines
// that are not matched (options.file holds the statement id) and prints what it did.
int command_match_statement(const core::Config& config, const ImportOptions& options);

}  // namespace bo::cli
