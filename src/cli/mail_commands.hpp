// `backoffice mail test --to ADDRESS` and `backoffice mail send-queued`: check the relay
// settings, and deliver the outbox once (for set-ups where no server runs the Sender).
#pragma once

#include <string>

#include "core/config.hpp"
#include "core/result.hpp"
#include "platform/mail/smtp.hpp"

namespace bo::cli {

// The relay settings of `config`. Errors: invalid_argument when smtp_url is empty or bad.
[[nodiscard]] core::Result<platform::mail::SmtpSettings> smtp_settings(const core::Config& config);

// Sends one short message from smtp_from to `to` straight through the relay (not the
// outbox) and says whether the relay took it.
int command_mail_test(const core::Config& config, const std::string& to);

// Delivers every due message of the outbox (rounds until nothing is due) and prints the
// counts. Exit 1 when the relay settings are missing or the database fails.
int command_mail_send_queued(const core::Config& config);

}  // namespace bo::cli
