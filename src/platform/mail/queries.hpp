// The mail outbox's SQL (the only place it lives). Every function runs in the caller's
// transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/mail/outbox.hpp"
#include "store/database.hpp"

namespace bo::platform::mail::queries {

// Inserts a queued message; answers its id.
[[nodiscard]] core::Result<std::int64_t> insert_mail(store::Txn& txn,
                                                     const OutboxMail& mail,
                                                     const std::string& text);

[[nodiscard]] core::Result<std::vector<OutboxMail>> select_for_document(
    store::Txn& txn, tenancy::CompanyId company, const DocumentRef& document, std::size_t limit);

[[nodiscard]] core::Result<std::optional<std::string>> select_text(store::Txn& txn,
                                                                   tenancy::CompanyId company,
                                                                   std::int64_t id);

// Due messages of every company: queued and due, or sending with an expired claim; oldest
// attempt first.
[[nodiscard]] core::Result<std::vector<OutboxMail>> select_due(store::Txn& txn,
                                                               core::Instant now,
                                                               std::size_t limit);

// Claims `mail` if it is still as it was read (status and next attempt): status `sending`,
// one more attempt, claimed until `claim_until`. Answers whether this call claimed it.
[[nodiscard]] core::Result<bool> claim(store::Txn& txn,
                                       const OutboxMail& mail,
                                       core::Instant claim_until);

// Records the outcome of an attempt on a message this server claimed.
[[nodiscard]] core::Result<void> record_outcome(store::Txn& txn, const OutboxMail& mail);

// The message's text (for delivery).
[[nodiscard]] core::Result<std::string> select_text_for_delivery(store::Txn& txn,
                                                                 const OutboxMail& mail);

}  // namespace bo::platform::mail::queries
