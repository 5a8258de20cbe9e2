// `backoffice audit verify [--company CODE]`: recompute the audit trail's hash chains.
#pragma once

#include <optional>
#include <string>

#include "core/config.hpp"

namespace bo::cli {

// Exit code of `audit verify` when a chain is broken, distinct from exit_failure (1: the check
// could not run, e.g. no database or an unknown company) and exit_usage (2), so that scripts
// and monitoring can tell "tampered" from "could not look".
constexpr int exit_audit_broken = 3;

// Verifies every company's chain, or only that of `company` (a company code). Prints one line
// on stdout when intact ("audit trail verified: N events in M companies, chain intact") and
// answers exit_ok; prints one line on stderr naming the first broken event ("audit trail BROKEN
// at company DEMO event 17: ...") and answers exit_audit_broken; other failures are one line on
// stderr and exit_failure.
int command_audit_verify(const core::Config& config, const std::optional<std::string>& company);

}  // namespace bo::cli
