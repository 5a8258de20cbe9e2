// Sending one message to an SMTP relay (libcurl): the company's mail server or a provider's.
//
// The relay is named by a URL: `smtp://host:port` (STARTTLS when the relay offers it, or
// always with tls=required) or `smtps://host:port` (TLS from the first byte). Credentials are
// optional (many internal relays trust the sender's address). Nothing is retried here: the
// outbox (outbox.hpp) decides, from the error code, whether to try again later.
// Thread safety: send() may be called from several threads at once (each call has its own
// libcurl handle; libcurl's global state is set up once).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace bo::platform::mail {

enum class TlsPolicy {
    none,           // plain text (a relay on the same host or a private network)
    when_offered,   // STARTTLS if the relay offers it (smtp://); smtps:// is always TLS
    required,       // refuse to send without TLS
};

// Parses "none", "when_offered", "required". Errors: invalid_argument (field "smtp_tls").
[[nodiscard]] core::Result<TlsPolicy> parse_tls_policy(std::string_view text);

struct SmtpSettings {
    std::string url;  // smtp://host:port or smtps://host:port
    std::string username;
    std::string password;
    TlsPolicy tls = TlsPolicy::when_offered;
    std::chrono::milliseconds timeout{30'000};  // per connection and per transfer
};

// Checks the URL's scheme and shape. Errors: invalid_argument (field "smtp_url").
[[nodiscard]] core::Result<void> check_smtp_url(std::string_view url);

// Sends `mime` (render_mime's text) from `sender` to `recipients` (envelope addresses).
// Errors: unavailable when the relay cannot be reached or answers a transient (4xx) refusal —
// try again later; invalid_argument when it refuses permanently (5xx: unknown recipient,
// message refused, authentication failed), with the relay's answer in the message.
[[nodiscard]] core::Result<void> send(const SmtpSettings& settings,
                                      std::string_view sender,
                                      const std::vector<std::string>& recipients,
                                      std::string_view mime);

}  // namespace bo::platform::mail
