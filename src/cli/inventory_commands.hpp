// The inventory's operator command: `backoffice inventory check`.
// Returns the process exit code (cli/commands.hpp) and prints failures as one line on stderr.
// Wiring into the CLI11 tree lives in app.cpp.
#pragma once

#include <optional>
#include <string>

#include "core/config.hpp"

namespace bo::cli {

// `backoffice inventory check [--company CODE]`: for one company (or every company) compares
// the valued stock with the balance of the inventory control account and re-checks that no
// figure is negative, that reserved <= on hand and that nothing on hand has no value. Prints
// one summary line per company; exit 1 naming the first difference, 0 when clean.
int command_inventory_check(const core::Config& config, const std::optional<std::string>& company);

}  // namespace bo::cli
