// Segregation of duties: pairs of actions one person may not both perform on one document.
//
// Services call `perform_duty` when a user performs a guarded action on a document (enter a
// vendor bill, approve its payment, ...). It refuses with `forbidden`, naming the rule, when
// the same user already performed the rule's other action on that document, unless the
// caller holds `access.sod_override` and gives a reason; an override is recorded in the audit
// trail. Every performed duty is recorded, so the check holds across sessions and over time.
// A rule applies only to its document type: the services of both actions must name the same
// document (for "approve a pay run that pays them", the employee paid, once per employee).
// Concurrency: two transactions of one user performing both actions at once could each miss
// the other's duty; the services serialize them already, because both actions change the
// document's own row (its status) in the same transaction.
// Thread safety: functions of a Txn; the rule table is immutable.
#pragma once

#include <cstddef>
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
    std::string_view description;    // shown in the 403 problem
    std::string_view document_type;  // the document both actions are performed on
};

// The permission that allows overriding a rule (with a reason).
inline constexpr std::string_view sod_override_permission = "access.sod_override";

// The audit action of an override.
inline constexpr std::string_view sod_override_action = "access.sod_override";

// 64 bytes for a document type or an action ("module.verb" names); 256 for a document id
// (numeric ids or codes), the same bounds as the audit trail's entity columns.
inline constexpr std::size_t duty_action_bytes_max = 64;
inline constexpr std::size_t document_type_bytes_max = 64;
inline constexpr std::size_t document_id_bytes_max = 256;

// The rule table.
std::span<const SodRule> sod_rules();

struct Document {
    std::string_view type;  // "vendor_bill"
    std::string_view id;
};

// Checks and records that `caller` performs `action` on `document`. Errors: forbidden naming
// the rule (and how to override) when the caller performed the conflicting action; forbidden
// when an override reason is given without the override permission; invalid_argument (field
// "override_reason") for a blank reason, (fields "document_type", "document_id") for an empty
// or oversized document; limit_exceeded for a reason over text_field_bytes_max.
// An override writes one audit event "access.sod_override" per rule it overrides.
[[nodiscard]] core::Result<void> perform_duty(store::Txn& txn,
                                              const core::Clock& clock,
                                              const Caller& caller,
                                              std::string_view action,
                                              Document document,
                                              const std::optional<std::string>& override_reason);

}  // namespace bo::platform::access
