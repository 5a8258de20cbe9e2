#include "platform/mail/outbox.hpp"

#include <boost/json.hpp>

#include <array>
#include <utility>

#include "core/log.hpp"
#include "platform/audit/audit.hpp"
#include "platform/mail/queries.hpp"

namespace bo::platform::mail {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::array<std::string_view, 4> status_names{"queued", "sending", "sent", "failed"};
constexpr std::size_t document_part_bytes_max = 64;
constexpr std::size_t document_log_max = 1000;
constexpr std::size_t last_error_bytes_max = 1000;

std::string json_text(std::string_view text) {
    return boost::json::serialize(boost::json::value(boost::json::string_view(text)));
}

core::Instant later(core::Instant now, std::chrono::microseconds delay) {
    return core::Instant(now.unix_micros() + delay.count());
}

// The actor of what the sender does on its own: no user (id 0), named "system".
Actor system_actor(tenancy::CompanyId company) {
    return Actor{.company = company,
                 .user = auth::UserId(0),
                 .username = "system",
                 .request_id = "",
                 .client_address = ""};
}

// The outcome of one attempt, applied to the claimed message.
void apply_outcome(OutboxMail& mail, const core::Result<void>& sent, core::Instant now) {
    if (sent.ok()) {
        mail.status = MailStatus::sent;
        mail.last_error.clear();
        mail.sent_at = now;
        return;
    }
    mail.last_error = sent.error().message().substr(0, last_error_bytes_max);
    const auto attempt = static_cast<std::size_t>(mail.attempts);  // this attempt, from 1
    if (sent.error().code() == ErrorCode::unavailable && attempt <= retry_delays.size()) {
        mail.status = MailStatus::queued;
        mail.next_attempt_at = later(now, retry_delays.at(attempt - 1));
    } else {
        mail.status = MailStatus::failed;
    }
}

// Records the outcome and its audit event in one transaction.
core::Result<void> record(store::Database& database,
                          const core::Clock& clock,
                          const OutboxMail& mail) {
    return database.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
        BO_TRY(queries::record_outcome(txn, mail));
        const std::string action = mail.status == MailStatus::sent     ? "mail.sent"
                                   : mail.status == MailStatus::queued ? "mail.retry"
                                                                       : "mail.failed";
        std::vector<audit::FieldChange> changes{
            {"status", json_text("sending"), json_text(to_string(mail.status))},
            {"attempts", std::nullopt, std::to_string(mail.attempts)}};
        if (!mail.last_error.empty()) {
            changes.push_back({"last_error", std::nullopt, json_text(mail.last_error)});
        }
        return audit::record(txn,
                             clock,
                             system_actor(mail.company),
                             {.action = action,
                              .entity_type = "mail",
                              .entity_id = std::to_string(mail.id),
                              .changes = std::move(changes)});
    });
}

}  // namespace

std::string_view to_string(MailStatus status) noexcept {
    return status_names.at(static_cast<std::size_t>(status));
}

std::optional<MailStatus> parse_mail_status(std::string_view text) noexcept {
    for (std::size_t index = 0; index < status_names.size(); ++index) {
        if (status_names[index] == text) {
            return static_cast<MailStatus>(index);
        }
    }
    return std::nullopt;
}

core::Result<OutboxMail> enqueue(store::Txn& txn,
                                 const core::Clock& clock,
                                 const Actor& actor,
                                 const DocumentRef& document,
                                 const Message& message) {
    if (document.type.size() > document_part_bytes_max
        || document.id.size() > document_part_bytes_max) {
        return Error::invalid("document", "type and id are at most 64 bytes each");
    }
    const core::Instant now = clock.now();
    OutboxMail mail{.id = 0,
                    .company = actor.company,
                    .document = document,
                    .sender = message.from.address,
                    .recipients = message.recipients(),
                    .subject = message.subject,
                    .status = MailStatus::queued,
                    .attempts = 0,
                    .last_error = "",
                    .queued_by = actor.user,
                    .queued_at = now,
                    .next_attempt_at = now,
                    .sent_at = std::nullopt};
    // The Message-ID is unique without the row's id (not known before the insert).
    BO_TRY_ASSIGN(const std::string text,
                  render_mime(message,
                              now,
                              "bo." + std::to_string(actor.company.value()) + "."
                                  + std::to_string(now.unix_micros()) + "."
                                  + std::to_string(actor.user.value())));
    BO_TRY_ASSIGN(mail.id, queries::insert_mail(txn, mail, text));
    std::string recipients;
    for (const std::string& address : mail.recipients) {
        recipients += recipients.empty() ? address : ", " + address;
    }
    BO_TRY(audit::record(
        txn,
        clock,
        actor,
        {.action = "mail.queue",
         .entity_type = "mail",
         .entity_id = std::to_string(mail.id),
         .changes = {{"document", std::nullopt, json_text(document.type + ":" + document.id)},
                     {"recipients", std::nullopt, json_text(recipients)},
                     {"subject", std::nullopt, json_text(mail.subject)},
                     {"attachments",
                      std::nullopt,
                      std::to_string(message.attachments.size())}}}));
    return mail;
}

core::Result<std::vector<OutboxMail>> list_for_document(store::Txn& txn,
                                                        tenancy::CompanyId company,
                                                        const DocumentRef& document) {
    return queries::select_for_document(txn, company, document, document_log_max);
}

core::Result<std::optional<std::string>> message_text(store::Txn& txn,
                                                      tenancy::CompanyId company,
                                                      std::int64_t id) {
    return queries::select_text(txn, company, id);
}

core::Result<DeliveryReport> deliver_due(store::Database& database,
                                         const core::Clock& clock,
                                         const SmtpSettings& settings,
                                         std::size_t limit) {
    // 1. Claim what is due (one short transaction).
    std::vector<std::pair<OutboxMail, std::string>> claimed;
    BO_TRY(database.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
        claimed.clear();  // a retried transaction starts over
        const core::Instant now = clock.now();
        BO_TRY_ASSIGN(std::vector<OutboxMail> due, queries::select_due(txn, now, limit));
        for (OutboxMail& mail : due) {
            BO_TRY_ASSIGN(const bool mine, queries::claim(txn, mail, later(now, claim_duration)));
            if (!mine) {
                continue;  // another server claimed it between the read and the update
            }
            mail.status = MailStatus::sending;
            mail.attempts += 1;
            BO_TRY_ASSIGN(std::string text, queries::select_text_for_delivery(txn, mail));
            claimed.emplace_back(std::move(mail), std::move(text));
        }
        return core::ok();
    }));
    // 2. Send each outside any transaction, and record its outcome.
    DeliveryReport report;
    for (auto& [mail, text] : claimed) {
        const core::Result<void> sent = send(settings, mail.sender, mail.recipients, text);
        apply_outcome(mail, sent, clock.now());
        BO_TRY(record(database, clock, mail));
        switch (mail.status) {
            case MailStatus::sent:
                ++report.sent;
                break;
            case MailStatus::queued:
                ++report.retried;
                break;
            default:
                ++report.failed;
                break;
        }
        if (!sent.ok()) {
            core::log_event(core::LogLevel::warn,
                            "mail not delivered",
                            {{"mail", mail.id},
                             {"status", std::string(to_string(mail.status))},
                             {"error", sent.error().message()}});
        }
    }
    return report;
}

}  // namespace bo::platform::mail
