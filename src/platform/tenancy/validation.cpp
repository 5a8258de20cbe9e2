#include "platform/tenancy/validation.hpp"

#include "core/limits.hpp"
#include "core/money.hpp"

namespace bo::platform::tenancy {
namespace {

constexpr std::size_t email_bytes_max = 254;  // RFC 5321 path limit

// Length of the UTF-8 sequence that starts with `lead`, or 0 for a byte that cannot start one.
std::size_t sequence_bytes(unsigned char lead) {
    if (lead < 0x80U) {
        return 1;
    }
    if (lead >= 0xC2U && lead <= 0xDFU) {
        return 2;
    }
    if (lead >= 0xE0U && lead <= 0xEFU) {
        return 3;
    }
    if (lead >= 0xF0U && lead <= 0xF4U) {
        return 4;
    }
    return 0;
}

// True iff the continuation bytes of the sequence at `text[at]` are valid and the code point is
// neither overlong, a surrogate, nor past U+10FFFF.
bool valid_sequence(std::string_view text, std::size_t at, std::size_t bytes) {
    const auto lead = static_cast<unsigned char>(text[at]);
    for (std::size_t offset = 1; offset < bytes; ++offset) {
        const auto next = static_cast<unsigned char>(text[at + offset]);
        if ((next & 0xC0U) != 0x80U) {
            return false;
        }
    }
    if (bytes < 3) {
        return true;
    }
    const auto second = static_cast<unsigned char>(text[at + 1]);
    if (lead == 0xE0U && second < 0xA0U) {
        return false;  // overlong 3-byte form
    }
    if (lead == 0xEDU && second >= 0xA0U) {
        return false;  // UTF-16 surrogate
    }
    if (lead == 0xF0U && second < 0x90U) {
        return false;  // overlong 4-byte form
    }
    if (lead == 0xF4U && second >= 0x90U) {
        return false;  // past U+10FFFF
    }
    return true;
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t") == std::string_view::npos;
}

bool is_code_char(char c, FieldChecks::Case letters) {
    const bool upper = c >= 'A' && c <= 'Z';
    const bool lower = c >= 'a' && c <= 'z';
    const bool other = (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    switch (letters) {
        case FieldChecks::Case::upper:
            return upper || other;
        case FieldChecks::Case::lower:
            return lower || other;
        case FieldChecks::Case::any:
            return upper || lower || other;
    }
    return false;
}

}  // namespace

std::optional<std::size_t> utf8_chars(std::string_view text) {
    std::size_t chars = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto lead = static_cast<unsigned char>(text[at]);
        const std::size_t bytes = sequence_bytes(lead);
        if (bytes == 0 || at + bytes > text.size() || !valid_sequence(text, at, bytes)) {
            return std::nullopt;
        }
        if (bytes == 1 && ((lead < 0x20U && lead != '\t') || lead == 0x7FU)) {
            return std::nullopt;
        }
        at += bytes;
        ++chars;
    }
    return chars;
}

bool is_plausible_email(std::string_view text) {
    if (text.size() > email_bytes_max || text.find_first_of(" \t\r\n") != std::string_view::npos) {
        return false;
    }
    const std::size_t at = text.find('@');
    if (at == std::string_view::npos || at == 0
        || text.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const std::string_view domain = text.substr(at + 1);
    const std::size_t dot = domain.find('.');
    return dot != std::string_view::npos && dot > 0 && domain.back() != '.'
           && utf8_chars(text).has_value();
}

void FieldChecks::required_text(std::string_view field,
                                std::string_view value,
                                std::size_t chars_max) {
    if (is_blank(value)) {
        add(field, "is required");
        return;
    }
    optional_text(field, value, chars_max);
}

void FieldChecks::optional_text(std::string_view field,
                                std::string_view value,
                                std::size_t chars_max) {
    if (value.size() > core::text_field_bytes_max) {
        add(field, "must be at most " + std::to_string(core::text_field_bytes_max) + " bytes");
        return;
    }
    const std::optional<std::size_t> chars = utf8_chars(value);
    if (!chars) {
        add(field, "must be valid UTF-8 text without control characters");
        return;
    }
    if (*chars > chars_max) {
        add(field, "must be at most " + std::to_string(chars_max) + " characters");
    }
}

void FieldChecks::code(std::string_view field,
                       std::string_view value,
                       std::size_t chars_max,
                       Case letters) {
    if (value.empty()) {
        add(field, "is required");
        return;
    }
    if (value.size() > chars_max) {
        add(field, "must be at most " + std::to_string(chars_max) + " characters");
        return;
    }
    for (const char c : value) {
        if (!is_code_char(c, letters)) {
            const char* which = letters == Case::upper   ? "upper-case letters"
                                : letters == Case::lower ? "lower-case letters"
                                                         : "letters";
            add(field, std::string("may hold only ") + which + ", digits, '-', '_' and '.'");
            return;
        }
    }
}

void FieldChecks::optional_email(std::string_view field, std::string_view value) {
    if (!value.empty() && !is_plausible_email(value)) {
        add(field, "is not an e-mail address");
    }
}

void FieldChecks::optional_country(std::string_view field, std::string_view value) {
    if (value.empty()) {
        return;
    }
    const bool shape = value.size() == 2 && value[0] >= 'A' && value[0] <= 'Z' && value[1] >= 'A'
                       && value[1] <= 'Z';
    if (!shape) {
        add(field, "must be an ISO 3166 two-letter country code such as \"US\"");
    }
}

void FieldChecks::in_range(std::string_view field,
                           std::int64_t value,
                           std::int64_t min,
                           std::int64_t max) {
    if (value < min || value > max) {
        add(field, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }
}

void FieldChecks::currency(std::string_view field, std::string_view value) {
    const core::Result<core::Currency> parsed = core::Currency::create(value);
    if (!parsed) {
        add(field, "is not an ISO 4217 currency code");
    }
}

void FieldChecks::add(std::string_view field, std::string reason) {
    fields_.push_back(core::FieldError{std::string(field), std::move(reason)});
}

core::Result<void> FieldChecks::finish(std::string_view what) && {
    if (fields_.empty()) {
        return core::ok();
    }
    std::string message =
        std::string(what) + ": " + fields_.front().field + " " + fields_.front().reason;
    return core::Error(core::ErrorCode::invalid_argument, std::move(message), std::move(fields_));
}

core::Error duplicate(std::string_view field, std::string_view what, std::string_view value) {
    std::string reason = "already exists";
    std::string message = std::string(what) + " " + std::string(value) + " already exists";
    return core::Error(core::ErrorCode::conflict,
                       std::move(message),
                       {core::FieldError{std::string(field), std::move(reason)}});
}

core::Error corrupt_row(std::string_view table, std::string_view detail) {
    return core::Error(core::ErrorCode::internal,
                       "unexpected row in " + std::string(table) + ": " + std::string(detail));
}

core::Result<void> check_page_limit(std::int64_t limit) {
    if (limit < 1) {
        return core::Error::invalid("limit", "must be at least 1");
    }
    if (static_cast<std::size_t>(limit) > core::page_size_max) {
        return core::Error(
            core::ErrorCode::limit_exceeded,
            "limit: at most " + std::to_string(core::page_size_max) + " rows a page",
            {core::FieldError{"limit", "must be at most " + std::to_string(core::page_size_max)}});
    }
    return core::ok();
}

}  // namespace bo::platform::tenancy
