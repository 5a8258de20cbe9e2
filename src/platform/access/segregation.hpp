// Segregation of duties: pairs of actions one person may not both perform on one document.
//
// Services call `perform_duty` when a user performs a guarded action on a document (enter a
// vendor bill, approve its payment, ...). It refuses with `forbidden`, naming the rule, when
// the same user already performed the rule's other action on that document, unless the
// caller holds `access.sod_override` and gives a reason; an override is recorded in the audit
// trail. Every performed duty is recorded, so the check holds across sessions and over time.
// Thread safety: functions of a Txn; the rule table is immutable.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::platform::access {

struct SodRule {
    std::string_view id;  // "ap.enter_and_approve"
    std::string_view first_action;
    std::string_view second_action;
    std::string_view description;  // shown in the 403 problem
};

// The rule table.
std::span<const SodRule> sod_rules();

struct Document {
    std::string_view type;  // "vendor_bill"
    std::string_view id;
};

// Checks and records that `caller` performs `action` on `document`. Errors: forbidden naming
// the rule (and how to override) when the caller performed the conflicting action; forbidden
// when an override reason is given without the override permission.
[[nodiscard]] core::Result<void> perform_duty(store::Txn& txn,
                                              const core::Clock& clock,
                                              const Caller& caller,
                                              std::string_view action,
                                              Document document,
                                              const std::optional<std::string>& override_reason);

}  // namespace bo::platform::access
