#include "cli/mail_commands.hpp"

#include <iostream>

#include "cli/commands.hpp"
#include "cli/database.hpp"
#include "core/date.hpp"
#include "platform/mail/message.hpp"
#include "platform/mail/outbox.hpp"

namespace bo::cli {

core::Result<platform::mail::SmtpSettings> smtp_settings(const core::Config& config) {
    if (config.smtp_url.empty()) {
        return core::Error::invalid(
            "smtp_url", "no relay is configured (smtp_url, or BACKOFFICE_SMTP_URL; docs/mail.md)");
    }
    BO_TRY(platform::mail::check_smtp_url(config.smtp_url));
    BO_TRY_ASSIGN(const platform::mail::TlsPolicy tls,
                  platform::mail::parse_tls_policy(config.smtp_tls));
    return platform::mail::SmtpSettings{.url = config.smtp_url,
                                        .username = config.smtp_username,
                                        .password = config.smtp_password,
                                        .tls = tls};
}

int command_mail_test(const core::Config& config, const std::string& to) {
    auto settings = smtp_settings(config);
    if (!settings.ok()) {
        return report_error(settings.error());
    }
    auto from = platform::mail::Mailbox::parse(config.smtp_from, "smtp_from");
    if (!from.ok()) {
        return report_error(from.error());
    }
    auto recipient = platform::mail::Mailbox::parse(to, "to");
    if (!recipient.ok()) {
        return report_error(recipient.error());
    }
    const core::SystemClock clock;
    const platform::mail::Message message{
        .from = *from,
        .to = {*recipient},
        .cc = {},
        .subject = "Backoffice mail test",
        .text = "This message was sent by `backoffice mail test` to check the relay settings.\n",
        .attachments = {}};
    auto text = platform::mail::render_mime(
        message, clock.now(), "bo.test." + std::to_string(clock.now().unix_micros()));
    if (!text.ok()) {
        return report_error(text.error());
    }
    const auto sent =
        platform::mail::send(*settings, from->address, message.recipients(), *text);
    if (!sent.ok()) {
        return report_error(sent.error());
    }
    std::cout << "sent a test message to " << recipient->address << " through "
              << settings->url << std::endl;
    return exit_ok;
}

int command_mail_send_queued(const core::Config& config) {
    auto settings = smtp_settings(config);
    if (!settings.ok()) {
        return report_error(settings.error());
    }
    auto database = open_and_migrate(config.database_url);
    if (!database.ok()) {
        return report_error(database.error());
    }
    const core::SystemClock clock;
    platform::mail::DeliveryReport total;
    while (true) {
        auto round = platform::mail::deliver_due(**database, clock, *settings);
        if (!round.ok()) {
            return report_error(round.error());
        }
        total.sent += round->sent;
        total.retried += round->retried;
        total.failed += round->failed;
        if (round->sent + round->retried + round->failed == 0) {
            break;  // nothing more is due (retried messages are due later)
        }
    }
    std::cout << total.sent << " sent, " << total.retried << " to retry later, " << total.failed
              << " failed" << std::endl;
    return exit_ok;
}

}  // namespace bo::cli
