// The tamper-evident audit trail.
//
// Every change made through any service appends one event, in the same transaction as the
// change: company, user, time, action ("user.create"), entity type and id, the field-level
// before/after, request id and client address. Events of a company form a hash chain: each
// event's hash is BLAKE2b-256 over the previous event's hash and a canonical encoding of the
// event, so editing or deleting any stored event breaks the chain at that point, which
// `verify` finds and names.
// Invariants: events are only ever appended; corrections are new events. The chain is per
// company, so appends of one company are serialized (by its chain-head row) and companies
// never wait for each other.
// Thread safety: functions of a Txn; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::platform::audit {

// One changed field: values are JSON texts ("\"Acme\"", "42", "null"); nullopt before means
// the entity was created, nullopt after that it was removed.
struct FieldChange {
    std::string field;
    std::optional<std::string> before;
    std::optional<std::string> after;
};

struct NewEvent {
    std::string action;       // "module.verb", e.g. "user.create", "session.sign_in_failed"
    std::string entity_type;  // "user"
    std::string entity_id;    // "42"; may be empty for events about no single entity
    std::vector<FieldChange> changes;
};

// Appends an event for `actor` stamped with clock.now(). Errors: invalid_argument for an
// empty action; those of the store.
[[nodiscard]] core::Result<void> record(store::Txn& txn,
                                        const core::Clock& clock,
                                        const Actor& actor,
                                        const NewEvent& event);

}  // namespace bo::platform::audit
