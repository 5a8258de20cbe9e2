#include "platform/idempotency/purger.hpp"

#include "core/log.hpp"
#include "platform/idempotency/idempotency.hpp"

namespace bo::platform::idempotency {

Purger::Purger(store::Database& database,
               const core::Clock& clock,
               std::chrono::milliseconds interval,
               Observer observer)
    : database_(database),
      clock_(clock),
      observer_(std::move(observer)),
      thread_(interval, [this] { purge(); }) {}

void Purger::purge() {
    std::int64_t purged = -1;
    const core::Result<void> done = database_.transact(
        store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(purged, purge_expired(txn, clock_.now()));
            return core::ok();
        });
    if (done.ok()) {
        if (purged > 0) {
            core::log_event(
                core::LogLevel::info, "purged expired idempotency keys", {{"keys", purged}});
        }
    } else {
        purged = -1;
        core::log_event(core::LogLevel::warn,
                        "purging expired idempotency keys failed",
                        {{"error", done.error().message()}});
    }
    if (observer_) {
        observer_(purged);
    }
}

}  // namespace bo::platform::idempotency
