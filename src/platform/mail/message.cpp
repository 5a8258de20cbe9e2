#include "platform/mail/message.hpp"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <string>

#include "core/assert.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::platform::mail {
namespace {

using core::Error;
using core::ErrorCode;
using core::FieldError;

constexpr std::string_view crlf = "\r\n";

bool is_ascii_printable(std::string_view text) {
    for (const char c : text) {
        if (c < ' ' || c > '~') {
            return false;
        }
    }
    return true;
}

// local@domain: printable ASCII without space, quotes, brackets, commas or semicolons (no
// quoted local parts: no bill goes to one), one '@', a dotted domain without empty labels.
bool is_address(std::string_view text) {
    if (text.empty() || text.size() > address_bytes_max || !is_ascii_printable(text)) {
        return false;
    }
    const std::size_t at = text.find('@');
    if (at == 0 || at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    for (const char c : text) {
        if (std::string_view(" \"(),:;<>[\\]").find(c) != std::string_view::npos) {
            return false;
        }
    }
    const std::string_view domain = text.substr(at + 1);
    return !domain.empty() && domain.front() != '.' && domain.back() != '.'
           && domain.find("..") == std::string_view::npos;
}

void check_mailbox(const Mailbox& mailbox, const std::string& field, std::vector<FieldError>& errors) {
    if (!is_address(mailbox.address)) {
        errors.push_back({field, "is not an e-mail address (name@example.com)"});
    }
    if (mailbox.display_name.size() > display_name_bytes_max) {
        errors.push_back({field, "the name is longer than "
                                     + std::to_string(display_name_bytes_max) + " bytes"});
    } else if (!platform::tenancy::utf8_chars(mailbox.display_name)
               || mailbox.display_name.find_first_of("\t<>\"") != std::string::npos) {
        errors.push_back({field, "the name must be one line of UTF-8 text without <, > or \""});
    }
}

bool is_safe_filename(std::string_view name) {
    if (name.empty() || name.size() > attachment_name_bytes_max || name.front() == '.') {
        return false;
    }
    for (const char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && std::string_view(" ._-()").find(c) == std::string_view::npos) {
            return false;
        }
    }
    return true;
}

// "type/subtype" of token characters.
bool is_content_type(std::string_view text) {
    const std::size_t slash = text.find('/');
    if (slash == 0 || slash == std::string_view::npos || slash + 1 == text.size()
        || text.size() > 100) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && std::string_view("!#$&^_.+-").find(c) == std::string_view::npos
            && !(c == '/' && i == slash)) {
            return false;
        }
    }
    return true;
}

// RFC 2047 encoded words ("=?UTF-8?B?...?=") for a UTF-8 text, split at character boundaries
// so that no word is longer than 75 characters; words are joined by CRLF SP (folded lines).
std::string encoded_words(std::string_view text) {
    constexpr std::size_t chunk_bytes_max = 45;  // base64: 60 characters + 12 of framing
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.size(), start + chunk_bytes_max);
        // Never split a UTF-8 sequence: back off over continuation bytes (10xxxxxx).
        while (end < text.size() && end > start
               && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
            --end;
        }
        if (!out.empty()) {
            out += "\r\n ";
        }
        out += "=?UTF-8?B?" + base64(text.substr(start, end - start), 0) + "?=";
        start = end;
    }
    return out;
}

// A header value: as is when it is printable ASCII, else encoded words.
std::string header_text(std::string_view text) {
    return is_ascii_printable(text) ? std::string(text) : encoded_words(text);
}

std::string mailbox_header(const Mailbox& mailbox) {
    if (mailbox.display_name.empty()) {
        return mailbox.address;
    }
    const bool plain = is_ascii_printable(mailbox.display_name)
                       && mailbox.display_name.find_first_of("()<>@,;:\\\".[]")
                              == std::string::npos;
    const std::string name =
        plain ? mailbox.display_name : encoded_words(mailbox.display_name);
    return name + " <" + mailbox.address + ">";
}

std::string mailbox_list(const std::vector<Mailbox>& mailboxes) {
    std::string out;
    for (const Mailbox& mailbox : mailboxes) {
        out += out.empty() ? "" : ",\r\n ";
        out += mailbox_header(mailbox);
    }
    return out;
}

// "Mon, 23 Nov 2026 15:32:50 +0000" (RFC 5322 section 3.3), in UTC.
std::string rfc5322_date(core::Instant instant) {
    namespace chrono = std::chrono;
    constexpr std::array<std::string_view, 7> weekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    constexpr std::array<std::string_view, 12> months{
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const chrono::sys_time<chrono::microseconds> time{chrono::microseconds(instant.unix_micros())};
    const chrono::sys_days day = chrono::floor<chrono::days>(time);
    const chrono::year_month_day civil{day};
    const chrono::hh_mm_ss clock{chrono::floor<chrono::seconds>(time - day)};
    const auto two = [](long value) {
        return std::string(value < 10 ? "0" : "") + std::to_string(value);
    };
    return std::string(weekdays.at(chrono::weekday(day).c_encoding())) + ", "
           + std::to_string(static_cast<unsigned>(civil.day())) + " "
           + std::string(months.at(static_cast<unsigned>(civil.month()) - 1)) + " "
           + std::to_string(static_cast<int>(civil.year())) + " " + two(clock.hours().count())
           + ":" + two(clock.minutes().count()) + ":" + two(clock.seconds().count()) + " +0000";
}

// The body with every line end as CRLF.
std::string crlf_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;  // the '\n' that follows writes the CRLF
        }
        if (text[i] == '\n' || text[i] == '\r') {
            out += crlf;
        } else {
            out += text[i];
        }
    }
    return out;
}

Error invalid_fields(std::string_view what, std::vector<FieldError> errors) {
    std::string message =
        std::string(what) + ": " + errors.front().field + " " + errors.front().reason;
    return Error(ErrorCode::invalid_argument, std::move(message), std::move(errors));
}

std::string random_hex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(),
                   hex.size(),
                   reinterpret_cast<const unsigned char*>(raw.data()),  // NOLINT: bytes
                   raw.size());
    hex.pop_back();
    return hex;
}

}  // namespace

core::Result<Mailbox> Mailbox::parse(std::string_view text, std::string_view field) {
    Mailbox mailbox;
    const std::size_t open = text.rfind('<');
    if (open == std::string_view::npos) {
        mailbox.address = std::string(text);
    } else {
        if (text.empty() || text.back() != '>') {
            return Error::invalid(std::string(field), "must be name@example.com or Name <name@example.com>");
        }
        mailbox.address = std::string(text.substr(open + 1, text.size() - open - 2));
        std::string_view name = text.substr(0, open);
        while (!name.empty() && name.back() == ' ') {
            name.remove_suffix(1);
        }
        mailbox.display_name = std::string(name);
    }
    std::vector<FieldError> errors;
    check_mailbox(mailbox, std::string(field), errors);
    if (!errors.empty()) {
        return invalid_fields("e-mail address", std::move(errors));
    }
    return mailbox;
}

std::string Mailbox::to_string() const {
    return display_name.empty() ? address : display_name + " <" + address + ">";
}

std::vector<std::string> Message::recipients() const {
    std::vector<std::string> all;
    for (const Mailbox& mailbox : to) {
        all.push_back(mailbox.address);
    }
    for (const Mailbox& mailbox : cc) {
        all.push_back(mailbox.address);
    }
    return all;
}

core::Result<void> validate(const Message& message) {
    if (message.to.size() + message.cc.size() > recipients_max) {
        return Error(ErrorCode::limit_exceeded,
                     "a message goes to at most " + std::to_string(recipients_max) + " recipients");
    }
    if (message.attachments.size() > attachments_max) {
        return Error(ErrorCode::limit_exceeded,
                     "a message has at most " + std::to_string(attachments_max) + " attachments");
    }
    std::vector<FieldError> errors;
    check_mailbox(message.from, "from", errors);
    if (message.to.empty()) {
        errors.push_back({"to", "names no recipient"});
    }
    for (std::size_t i = 0; i < message.to.size(); ++i) {
        check_mailbox(message.to[i], "to/" + std::to_string(i), errors);
    }
    for (std::size_t i = 0; i < message.cc.size(); ++i) {
        check_mailbox(message.cc[i], "cc/" + std::to_string(i), errors);
    }
    if (message.subject.empty()) {
        errors.push_back({"subject", "must not be empty"});
    } else if (message.subject.size() > subject_bytes_max) {
        errors.push_back({"subject", "must be at most " + std::to_string(subject_bytes_max) + " bytes"});
    } else if (!platform::tenancy::utf8_chars(message.subject)
               || message.subject.find('\t') != std::string::npos) {
        errors.push_back({"subject", "must be one line of UTF-8 text"});
    }
    // The body may hold line ends and tabs; any other control character or bad UTF-8 is refused.
    std::string body_check = message.text;
    for (char& c : body_check) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    if (!platform::tenancy::utf8_chars(body_check)) {
        errors.push_back({"text", "must be UTF-8 text without control characters"});
    }
    for (std::size_t i = 0; i < message.attachments.size(); ++i) {
        const Attachment& attachment = message.attachments[i];
        const std::string at = "attachments/" + std::to_string(i);
        if (!is_safe_filename(attachment.filename)) {
            errors.push_back({at + "/filename",
                              "must be 1 to " + std::to_string(attachment_name_bytes_max)
                                  + " letters, digits, spaces and . _ - ( ), not starting with '.'"});
        }
        if (!is_content_type(attachment.content_type)) {
            errors.push_back({at + "/content_type", "must be a MIME type such as application/pdf"});
        }
    }
    if (!errors.empty()) {
        return invalid_fields("e-mail", std::move(errors));
    }
    return core::ok();
}

core::Result<std::string> render_mime(const Message& message,
                                      core::Instant date,
                                      std::string_view message_id) {
    BO_TRY(validate(message));
    BO_ASSERT(is_ascii_printable(message_id) && message_id.find_first_of("<>@ ") == std::string_view::npos);
    std::string out;
    out += "Date: " + rfc5322_date(date) + std::string(crlf);
    out += "From: " + mailbox_header(message.from) + std::string(crlf);
    out += "To: " + mailbox_list(message.to) + std::string(crlf);
    if (!message.cc.empty()) {
        out += "Cc: " + mailbox_list(message.cc) + std::string(crlf);
    }
    out += "Subject: " + header_text(message.subject) + std::string(crlf);
    const std::string_view domain =
        std::string_view(message.from.address).substr(message.from.address.find('@') + 1);
    out += "Message-ID: <" + std::string(message_id) + "@" + std::string(domain) + ">" + std::string(crlf);
    out += "MIME-Version: 1.0" + std::string(crlf);
    const std::string text_part = "Content-Type: text/plain; charset=UTF-8\r\n"
                                  "Content-Transfer-Encoding: base64\r\n\r\n"
                                  + base64(crlf_text(message.text)) + std::string(crlf);
    if (message.attachments.empty()) {
        out += text_part;
    } else {
        // A boundary that cannot occur in base64 text ('=' and '_' followed by hex).
        const std::string boundary = "=_bo_" + random_hex(16);
        out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
        out += "This is a message in MIME format.\r\n";
        out += "--" + boundary + std::string(crlf) + text_part;
        for (const Attachment& attachment : message.attachments) {
            out += "--" + boundary + std::string(crlf);
            out += "Content-Type: " + attachment.content_type + "; name=\"" + attachment.filename
                   + "\"\r\n";
            out += "Content-Disposition: attachment; filename=\"" + attachment.filename + "\"\r\n";
            out += "Content-Transfer-Encoding: base64\r\n\r\n";
            out += base64(attachment.data) + std::string(crlf);
            if (out.size() > message_bytes_max) {
                break;
            }
        }
        out += "--" + boundary + "--" + std::string(crlf);
    }
    if (out.size() > message_bytes_max) {
        return Error(ErrorCode::limit_exceeded,
                     "the message with its attachments is larger than "
                         + std::to_string(message_bytes_max >> 20U) + " MB");
    }
    return out;
}

std::string base64(std::string_view bytes, std::size_t line_length) {
    const std::size_t encoded_size =
        sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    std::string encoded(encoded_size, '\0');
    sodium_bin2base64(encoded.data(),
                      encoded.size(),
                      reinterpret_cast<const unsigned char*>(bytes.data()),  // NOLINT: bytes
                      bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    encoded.pop_back();  // the terminating NUL
    if (line_length == 0 || encoded.size() <= line_length) {
        return encoded;
    }
    std::string lines;
    lines.reserve(encoded.size() + encoded.size() / line_length * 2);
    for (std::size_t at = 0; at < encoded.size(); at += line_length) {
        if (at > 0) {
            lines += crlf;
        }
        lines += encoded.substr(at, line_length);
    }
    return lines;
}

}  // namespace bo::platform::mail
