// The mail outbox: e-mail queued in the transaction of the change that sends it, delivered
// after the commit (docs/mail.md).
//
// enqueue() renders the message, stores it as `queued` and records the audit event
// `mail.queue`, all in the caller's transaction: if the change rolls back, no mail exists.
// deliver_due() — called by the Sender thread of `serve` every few seconds and by
// `backoffice mail send-queued` — claims due messages (several servers may run it at once:
// a claim is a conditional UPDATE, so each message is claimed by one), sends each outside any
// transaction, and records the outcome: `sent`, or back to `queued` with the next attempt
// later (relay unreachable or a transient 4xx answer: after 1 min, 5 min, 30 min, 2 h, 6 h),
// or `failed` (a permanent 5xx refusal, or the attempts used up), with the relay's answer.
// Delivery is at least once: a server that dies between the relay's 250 and recording it
// sends that message again when the claim expires (10 minutes).
// Thread safety: stateless functions; a Txn belongs to one thread.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "platform/mail/message.hpp"
#include "platform/mail/smtp.hpp"
#include "store/database.hpp"

namespace bo::platform::mail {

// The waits before the 2nd, 3rd, ... attempt; after the last, a message that still cannot be
// sent is `failed`.
inline constexpr std::array<std::chrono::minutes, 5> retry_delays{
    std::chrono::minutes(1), std::chrono::minutes(5), std::chrono::minutes(30),
    std::chrono::minutes(120), std::chrono::minutes(360)};
// How long a claimed message stays with the server that claimed it.
inline constexpr std::chrono::minutes claim_duration{10};
// Messages claimed per round.
inline constexpr std::size_t delivery_batch_max = 50;

enum class MailStatus { queued, sending, sent, failed };

std::string_view to_string(MailStatus status) noexcept;
std::optional<MailStatus> parse_mail_status(std::string_view text) noexcept;

// The document a message belongs to, whose send log it is part of ("sales_invoice", "17").
struct DocumentRef {
    std::string type;
    std::string id;
};

struct OutboxMail {
    std::int64_t id = 0;
    tenancy::CompanyId company{};
    DocumentRef document;
    std::string sender;
    std::vector<std::string> recipients;
    std::string subject;
    MailStatus status = MailStatus::queued;
    std::int64_t attempts = 0;
    std::string last_error;
    auth::UserId queued_by{};
    core::Instant queued_at{0};
    core::Instant next_attempt_at{0};
    std::optional<core::Instant> sent_at;
};

// Queues `message` for `document`. Errors: those of render_mime (invalid_argument with field
// errors, limit_exceeded); invalid_argument (field "document") for a type or id that is too
// long; those of the store.
[[nodiscard]] core::Result<OutboxMail> enqueue(store::Txn& txn,
                                               const core::Clock& clock,
                                               const Actor& actor,
                                               const DocumentRef& document,
                                               const Message& message);

// The send log of one document, oldest first (at most 1,000 messages).
[[nodiscard]] core::Result<std::vector<OutboxMail>> list_for_document(
    store::Txn& txn, tenancy::CompanyId company, const DocumentRef& document);

// One message with its stored text (for tests and for showing what was sent).
[[nodiscard]] core::Result<std::optional<std::string>> message_text(store::Txn& txn,
                                                                    tenancy::CompanyId company,
                                                                    std::int64_t id);

struct DeliveryReport {
    std::size_t sent = 0;
    std::size_t retried = 0;  // back in the queue for a later attempt
    std::size_t failed = 0;
};

// One round: claims up to `limit` due messages and tries each once. Errors: those of the
// store (a relay's refusal is not an error of the round: it is recorded on the message).
[[nodiscard]] core::Result<DeliveryReport> deliver_due(store::Database& database,
                                                       const core::Clock& clock,
                                                       const SmtpSettings& settings,
                                                       std::size_t limit = delivery_batch_max);

}  // namespace bo::platform::mail
