#include "platform/mail/sender.hpp"

#include "core/log.hpp"
#include "platform/mail/outbox.hpp"

namespace bo::platform::mail {

Sender::Sender(store::Database& database,
               const core::Clock& clock,
               SmtpSettings settings,
               std::chrono::milliseconds interval)
    : database_(database),
      clock_(clock),
      settings_(std::move(settings)),
      thread_(interval, [this] { deliver(); }) {}

void Sender::deliver() {
    const core::Result<DeliveryReport> round = deliver_due(database_, clock_, settings_);
    if (!round.ok()) {
        core::log_event(core::LogLevel::warn,
                        "mail delivery round failed",
                        {{"error", round.error().message()}});
    } else if (round->sent + round->retried + round->failed > 0) {
        core::log_event(core::LogLevel::info,
                        "mail delivered",
                        {{"sent", static_cast<std::int64_t>(round->sent)},
                         {"retried", static_cast<std::int64_t>(round->retried)},
                         {"failed", static_cast<std::int64_t>(round->failed)}});
    }
}

}  // namespace bo::platform::mail
