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

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "platform/tenancy/model.hpp"
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
    std::string action{};       // "module.verb", e.g. "user.create", "session.sign_in_failed"
    std::string entity_type{};  // "user"
    std::string entity_id{};    // "42"; may be empty for events about no single entity
    std::vector<FieldChange> changes{};
};

// --- Limits (each with its reason) ---------------------------------------------------------

// 64 bytes for an action or an entity type: "module.verb" names are a few words.
inline constexpr std::size_t action_bytes_max = 64;
inline constexpr std::size_t entity_type_bytes_max = 64;

// 256 bytes for an entity id: numeric ids, codes, or a composite "CODE/2024-03".
inline constexpr std::size_t entity_id_bytes_max = 256;

// 1000 changed fields per event: a wide record has a few dozen fields; a journal entry's lines
// are one field holding an array.
inline constexpr std::size_t changes_count_max = 1000;

// 2 MiB of change text per event: before and after of the largest request body
// (http_body_bytes_max) both fit.
inline constexpr std::size_t changes_bytes_max = std::size_t{2} << 20U;

// 1000 events per page while verifying: a page is ~1 MB of rows at most in memory whatever the
// trail's length, and one query per 1000 events costs little next to hashing them.
inline constexpr std::size_t verify_page_events_max = 1000;

// --- Writing ------------------------------------------------------------------------------

// Appends an event for `actor` stamped with clock.now(), as the next link of the actor's
// company's chain. Errors: invalid_argument for an empty action, a before/after that is not
// JSON, a field named twice, or an actor without a company; limit_exceeded past the limits
// above; those of the store.
[[nodiscard]] core::Result<void> record(store::Txn& txn,
                                        const core::Clock& clock,
                                        const Actor& actor,
                                        const NewEvent& event);

// The changed fields between two flat records (field name -> value), in field order: a field
// only in `after` has no before (created), one only in `before` has no after (removed), and
// equal values are left out. Values are written as compact JSON texts.
std::vector<FieldChange> diff(const boost::json::object& before, const boost::json::object& after);

// The same over records whose values are already JSON texts.
using FieldTexts = std::map<std::string, std::string, std::less<>>;
std::vector<FieldChange> diff(const FieldTexts& before, const FieldTexts& after);

// --- Reading --------------------------------------------------------------------------------

// An event as stored. `changes` is the canonical JSON text written by `record`: an array of
// {"field", "before"?, "after"?} objects sorted by field.
struct Event {
    tenancy::CompanyId company{};
    std::int64_t seq = 0;  // 1, 2, ... per company, without gaps
    core::Instant at{0};
    auth::UserId user{};  // 0 when no user was signed in
    std::string username;
    std::string action;
    std::string entity_type;
    std::string entity_id;
    std::string changes;
    std::string request_id;
    std::string client_address;
    std::string prev_hash;  // 64 hex digits; all zeros for seq 1
    std::string hash;       // 64 hex digits
};

// What an auditor searches by; an absent field does not filter. Time is half-open [from, to).
struct EventFilter {
    std::optional<std::string> entity_type{};
    std::optional<std::string> entity_id{};
    std::optional<std::string> username{};
    std::optional<std::string> action{};
    std::optional<core::Instant> from{};
    std::optional<core::Instant> to{};
};

struct EventPage {
    std::vector<Event> events;  // newest first (descending seq)
    // Pass as `before_seq` for the next page; nullopt when this page is the last.
    std::optional<std::int64_t> next_before_seq;
};

// Events of `company` matching `filter` with seq < before_seq (0: from the newest), at most
// `limit`. Errors: invalid_argument / limit_exceeded (field "limit") outside
// 1..core::page_size_max; invalid_argument (field "before") for a negative cursor.
[[nodiscard]] core::Result<EventPage> search(store::Txn& txn,
                                             tenancy::CompanyId company,
                                             const EventFilter& filter,
                                             std::int64_t before_seq,
                                             std::int64_t limit);

// The hash `record` stores for an event with this content and prev_hash: 64 lower-case hex
// digits of BLAKE2b-256 over the canonical encoding given in docs/audit.md. Exposed so that
// tools outside the program can check the documented encoding against ours.
std::string compute_hash(const Event& event);

// --- Verifying ----------------------------------------------------------------------------

// How a chain can be broken. Enumerators equal their wire names.
enum class BreakKind {
    hash_mismatch,  // the stored hash is not the hash of the event's content: edited
    broken_link,    // prev_hash is not the previous event's hash: an event was rewritten
    missing_event,  // a sequence number is missing: an event was deleted
    missing_tail,   // the chain head is past the last stored event: events deleted at the end
    head_mismatch,  // the chain head disagrees with the last event, or is missing
};

std::string_view to_string(BreakKind kind) noexcept;

// The first event of a company's chain that does not hold, and why (one sentence).
struct ChainBreak {
    tenancy::CompanyId company{};
    std::string company_code;
    std::int64_t seq = 0;
    BreakKind kind = BreakKind::hash_mismatch;
    std::string detail;
};

// Where a company's chain ended when it was verified. Recording the hash somewhere outside
// the database (a ticket, a printed report) lets a later verify prove that nobody rewrote the
// whole chain since, which the chain alone cannot show (see docs/audit.md).
struct ChainHead {
    tenancy::CompanyId company{};
    std::string company_code;
    std::int64_t seq = 0;
    std::string hash;
};

struct VerifyReport {
    std::int64_t companies_checked = 0;  // companies with at least one event or a chain head
    std::int64_t events_checked = 0;     // events whose hash was recomputed
    std::vector<ChainHead> heads;        // per company checked, in company id order
    // The first break of each broken company, in company id order; empty when intact.
    std::vector<ChainBreak> breaks;

    bool intact() const noexcept { return breaks.empty(); }
};

// Recomputes the chain of `company`, or of every company, streaming the events in pages of
// `page_events` (each page in its own read-only transaction, so memory and transaction length
// stay bounded however long the trail). Events appended while it runs are not checked.
// Errors: not_found for an unknown company; those of the store. A broken chain is not an
// error: it is the report's answer.
[[nodiscard]] core::Result<VerifyReport> verify(store::Database& database,
                                                std::optional<tenancy::CompanyId> company,
                                                std::size_t page_events = verify_page_events_max);

// The same for one company inside the caller's transaction (the API's POST /audit/verify).
[[nodiscard]] core::Result<VerifyReport> verify(store::Txn& txn,
                                                tenancy::CompanyId company,
                                                std::size_t page_events = verify_page_events_max);

}  // namespace bo::platform::audit
