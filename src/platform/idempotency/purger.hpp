// The background purge of expired idempotency keys, for `serve`.
//
// A thread of its own runs purge_expired in a transaction at start and then every
// `interval`, until the purger is destroyed (serve destroys it when the server has drained
// after SIGTERM or SIGINT). Stopping wakes the thread at once; a purge in progress finishes
// first. A failed purge is logged and retried at the next interval: keys merely stay a while
// longer, and an expired key is treated as unused by `claim` anyway.
// Thread safety: construct and destroy from one thread; the database and clock must outlive it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "core/date.hpp"
#include "core/periodic.hpp"
#include "store/database.hpp"

namespace bo::platform::idempotency {

// Every 10 minutes: expired keys are dead weight, not a risk (claim ignores them), so a
// purge a few times an hour keeps the table at about one TTL's worth of keys at low cost.
inline constexpr std::chrono::seconds purge_interval{600};

class Purger {
public:
    // Called after each purge with the number of keys deleted (-1 when the purge failed).
    using Observer = std::function<void(std::int64_t purged)>;

    Purger(store::Database& database,
           const core::Clock& clock,
           std::chrono::milliseconds interval = purge_interval,
           Observer observer = {});

    Purger(const Purger&) = delete;
    Purger& operator=(const Purger&) = delete;

    // Stops the thread and waits for it (at most one purge's time).
    ~Purger() = default;

private:
    void purge();

    store::Database& database_;
    const core::Clock& clock_;
    const Observer observer_;
    core::PeriodicThread thread_;  // last: started once everything above exists
};

}  // namespace bo::platform::idempotency
