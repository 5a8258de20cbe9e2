// E-mail messages: what a module asks to send (invoices, statements, dunning letters), and
// their Internet Message Format text (RFC 5322 with MIME, RFC 2045–2047).
//
// A message is plain UTF-8 text with optional attachments (a PDF, a CSV). render_mime()
// checks every field first — addresses, no line breaks in header values (header injection),
// safe attachment names, sizes — so that nothing a user typed can add a header or a
// recipient, then writes the message with CRLF line ends: the text and each attachment in
// base64 (lines of 76), a non-ASCII subject or display name as RFC 2047 encoded words.
// Thread safety: plain values and pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"

namespace bo::platform::mail {

inline constexpr std::size_t recipients_max = 50;
inline constexpr std::size_t address_bytes_max = 254;  // RFC 5321's path limit
inline constexpr std::size_t display_name_bytes_max = 200;
inline constexpr std::size_t subject_bytes_max = 500;
inline constexpr std::size_t attachments_max = 10;
inline constexpr std::size_t attachment_name_bytes_max = 120;
// The whole rendered message: well under the 10–25 MB most relays accept.
inline constexpr std::size_t message_bytes_max = std::size_t{10} << 20U;

// "name@example.com", optionally with a display name: "Acme Billing <billing@acme.test>".
struct Mailbox {
    std::string display_name;  // may be empty; UTF-8
    std::string address;       // local@domain, ASCII

    // Parses "addr" or "Name <addr>" (the form a config file or a form field holds).
    // Errors: invalid_argument naming `field`.
    [[nodiscard]] static core::Result<Mailbox> parse(std::string_view text,
                                                     std::string_view field);

    // "addr" or "Name <addr>", as parse() reads it.
    [[nodiscard]] std::string to_string() const;
};

struct Attachment {
    std::string filename;      // "INV-2026-0001.pdf": letters, digits, space, . _ - ( )
    std::string content_type;  // "application/pdf"
    std::string data;          // the bytes
};

struct Message {
    Mailbox from;
    std::vector<Mailbox> to;
    std::vector<Mailbox> cc;
    std::string subject;  // UTF-8, one line
    std::string text;     // UTF-8 body; "\n" line ends are sent as CRLF
    std::vector<Attachment> attachments;

    // Every address, To then Cc: the SMTP envelope's recipients.
    [[nodiscard]] std::vector<std::string> recipients() const;
};

// Checks every field. Errors: invalid_argument with one field error per problem ("to/2",
// "subject", "attachments/0/filename", ...); limit_exceeded when there are too many
// recipients or attachments.
[[nodiscard]] core::Result<void> validate(const Message& message);

// The message's text, ready for SMTP DATA (without the dot-stuffing, which the transport
// does). `message_id` is the Message-ID's left part (e.g. "outbox-42.7f3a"), `domain` its
// right part. Errors: those of validate(); limit_exceeded over message_bytes_max.
[[nodiscard]] core::Result<std::string> render_mime(const Message& message,
                                                    core::Instant date,
                                                    std::string_view message_id);

// Base64 (RFC 4648, with padding) of `bytes` in lines of `line_length` characters joined by
// CRLF (0: one line). Shared with tests that decode what a relay received.
[[nodiscard]] std::string base64(std::string_view bytes, std::size_t line_length = 76);

}  // namespace bo::platform::mail
