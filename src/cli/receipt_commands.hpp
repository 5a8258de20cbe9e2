// The receipts' operator command: `backoffice receipts list`.
// Returns the process exit code (cli/commands.hpp) and prints failures as one line on stderr.
// Wiring into the CLI11 tree lives in app.cpp.
#pragma once

#include <string>

#include "core/config.hpp"

namespace bo::cli {

// Whether `receipts list` shows every receipt or only those with unapplied cash left.
enum class ReceiptFilter { all, unapplied };

// `backoffice receipts list --company CODE [--unapplied]`: one line per receipt of the company
// (id, date, customer, method, amount, applied, refunded, unapplied, status, reference), by id,
// then a total of the unapplied cash. Exit 1 for an unknown company.
int command_receipts_list(const core::Config& config,
                          const std::string& company,
                          ReceiptFilter filter);

}  // namespace bo::cli
