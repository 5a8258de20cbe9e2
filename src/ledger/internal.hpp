// Helpers shared by the ledger's service files (not part of the ledger's interface).
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "platform/audit/audit.hpp"
#include "store/database.hpp"

namespace bo::ledger::internal {

// `text` as a JSON string literal (for audit before/after values).
std::string json_string(std::string_view text);

// One audit event about a ledger entity.
struct Event {
    std::string_view action;       // "ledger.entry.post"
    std::string_view entity_type;  // "journal_entry"
    std::int64_t entity_id = 0;
    std::vector<platform::audit::FieldChange> changes;
};

// Appends `event` for `actor` to the audit trail.
[[nodiscard]] core::Result<void> audit(store::Txn& txn,
                                       const core::Clock& clock,
                                       const platform::Actor& actor,
                                       Event event);

// The functional currency of `company` (the currency its ledger is kept in).
[[nodiscard]] core::Result<core::Currency> functional_currency(
    store::Txn& txn, platform::tenancy::CompanyId company);

}  // namespace bo::ledger::internal
