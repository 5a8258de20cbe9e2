// The audit trail's SQL, behind plain functions (bodies in queries.cpp, the only place the
// module's SQL lives). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "platform/audit/audit.hpp"
#include "store/database.hpp"

namespace bo::platform::audit::queries {

// The 64-digit hex "hash before the first event" of every chain.
inline constexpr std::string_view genesis_hash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The next link of a company's chain: its sequence number and the hash it chains to.
struct Link {
    std::int64_t seq = 0;
    std::string prev_hash;
};

// Takes the next sequence number of `company`'s chain (creating the head on first use). On
// PostgreSQL the head row stays locked until the transaction ends, which serializes appends.
[[nodiscard]] core::Result<Link> advance_head(store::Txn& txn, tenancy::CompanyId company);

// Inserts the event and makes its hash the chain head's.
[[nodiscard]] core::Result<void> append_event(store::Txn& txn, const Event& event);

// Events matching `filter` with seq < before_seq (0: no bound), newest first, at most `limit`.
[[nodiscard]] core::Result<std::vector<Event>> select_events(store::Txn& txn,
                                                             tenancy::CompanyId company,
                                                             const EventFilter& filter,
                                                             std::int64_t before_seq,
                                                             std::int64_t limit);

// A company's chain as one snapshot sees it: the head (absent when never written) and the
// highest stored sequence number (absent when there are no events).
struct ChainState {
    std::optional<std::int64_t> head_seq;
    std::optional<std::string> head_hash;
    std::optional<std::int64_t> max_event_seq;
};

[[nodiscard]] core::Result<ChainState> select_chain_state(store::Txn& txn,
                                                          tenancy::CompanyId company);

// A stored event read for verification. Rows edited behind the program's back may hold NULLs
// or values of the wrong kind (SQLite stores whatever it is given); such a row is not
// `well_formed`, and only its seq is meaningful (the range condition on seq selects integer
// seqs only, on both engines).
struct StoredEvent {
    Event event;
    bool well_formed = true;
};

// Events with after_seq < seq <= last_seq in seq order, at most `limit`.
[[nodiscard]] core::Result<std::vector<StoredEvent>> select_event_page(store::Txn& txn,
                                                                       tenancy::CompanyId company,
                                                                       std::int64_t after_seq,
                                                                       std::int64_t last_seq,
                                                                       std::int64_t limit);

}  // namespace bo::platform::audit::queries
