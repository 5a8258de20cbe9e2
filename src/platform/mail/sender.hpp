// The background delivery of the mail outbox, for `serve`.
//
// A thread of its own runs deliver_due() every `interval` (5 s) while the server runs, until
// the Sender is destroyed (after the server has drained on SIGTERM). Without a relay
// configured (`smtp_url` empty) serve starts no Sender: mail stays queued, visible in each
// document's send log, until a server with a relay (or `backoffice mail send-queued`) sends
// it. A failed round is logged and tried again at the next interval.
// Thread safety: construct and destroy from one thread; the database and clock must outlive it.
#pragma once

#include <chrono>

#include "core/date.hpp"
#include "core/periodic.hpp"
#include "platform/mail/smtp.hpp"
#include "store/database.hpp"

namespace bo::platform::mail {

inline constexpr std::chrono::seconds delivery_interval{5};

class Sender {
public:
    Sender(store::Database& database,
           const core::Clock& clock,
           SmtpSettings settings,
           std::chrono::milliseconds interval = delivery_interval);

    Sender(const Sender&) = delete;
    Sender& operator=(const Sender&) = delete;

    // Stops the thread and waits for it (at most one round: one relay timeout per message).
    ~Sender() = default;

private:
    void deliver();

    store::Database& database_;
    const core::Clock& clock_;
    const SmtpSettings settings_;
    core::PeriodicThread thread_;  // last: started once everything above exists
};

}  // namespace bo::platform::mail
