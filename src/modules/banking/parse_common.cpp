#include "modules/banking/parse_common.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

#include "core/assert.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::banking::detail {
namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// A grouping character under `syntax`: spaces, apostrophes and the separator not used for
// decimals.
bool is_grouping(char c, const AmountSyntax& syntax) {
    const char other = syntax.decimal_separator == '.' ? ',' : '.';
    return syntax.grouping_allowed && (c == ' ' || c == '\'' || c == other);
}

// 18 significant digits always fit in int64 (10^18 < 2^63).
constexpr std::size_t amount_digits_max = 18;

core::Error reason(std::string text) {
    return core::Error(core::ErrorCode::invalid_argument, std::move(text));
}

constexpr unsigned continuation_mask = 0xC0U;
constexpr unsigned continuation_bits = 0x80U;

bool is_continuation(unsigned char byte) {
    return (byte & continuation_mask) == continuation_bits;
}

}  // namespace

core::Result<core::Money> parse_amount(std::string_view text,
                                       core::Currency currency,
                                       const AmountSyntax& syntax) {
    text = trim(text);
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        if (!syntax.sign_allowed) {
            return reason("not a decimal amount (a sign is not allowed here)");
        }
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    std::int64_t minor = 0;
    std::size_t significant = 0;
    std::size_t whole_digits = 0;
    int decimals = -1;  // -1 before the separator
    for (const char c : text) {
        if (c == syntax.decimal_separator && decimals < 0 && whole_digits > 0) {
            decimals = 0;
            continue;
        }
        if (decimals < 0 && whole_digits > 0 && is_grouping(c, syntax)) {
            continue;
        }
        if (!is_digit(c)) {
            return reason("not a decimal amount");
        }
        if (decimals < 0) {
            ++whole_digits;
        } else if (++decimals > currency.exponent()) {
            if (c != '0') {
                return reason("has more decimals than " + std::string(currency.code()) + " has ("
                              + std::to_string(currency.exponent()) + "); not rounded");
            }
            continue;
        }
        if (significant > 0 || c != '0') {
            ++significant;
        }
        if (significant > amount_digits_max) {
            return reason("is too large");
        }
        minor = minor * 10 + (c - '0');
    }
    if (whole_digits == 0 || decimals == 0) {
        return reason("not a decimal amount");
    }
    for (int scale = std::max(decimals, 0); scale < currency.exponent(); ++scale) {
        if (minor > std::numeric_limits<std::int64_t>::max() / 10) {
            return reason("is too large");
        }
        minor *= 10;
    }
    return core::Money{negative ? -minor : minor, currency};
}

core::Error located(std::string_view where, std::string_view why) {
    return core::Error::invalid(std::string(where), std::string(why));
}

core::Error located(std::string_view where, const core::Error& error) {
    return located(where, error.message());
}

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && is_blank(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_blank(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string clean_text(std::string_view text, std::size_t chars_max) {
    std::string out;
    bool pending_space = false;
    for (const char c : trim(text)) {
        if (is_blank(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space) {
            out.push_back(' ');
            pending_space = false;
        }
        out.push_back(c);
    }
    if (out.size() > chars_max) {
        std::size_t end = chars_max;
        while (end > 0 && is_continuation(static_cast<unsigned char>(out[end]))) {
            --end;
        }
        out.resize(end);
    }
    return out;
}

bool is_utf8(std::string_view text) noexcept {
    // tenancy::utf8_chars checks one field (and refuses control characters): feed it lines.
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!platform::tenancy::utf8_chars(line)) {
            return false;
        }
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return true;
}

std::string windows_1252_to_utf8(std::string_view text) {
    // Code points of 0x80..0x9F in Windows-1252; 0xFFFD where 1252 defines nothing.
    static constexpr std::array<std::uint16_t, 32> high{
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        std::uint32_t code = byte;
        if (byte >= 0x80U && byte < 0xA0U) {
            code = high.at(byte - 0x80U);
        }
        if (code < 0x80U) {
            out.push_back(c);
        } else if (code < 0x800U) {
            out.push_back(static_cast<char>(0xC0U | (code >> 6U)));
            out.push_back(static_cast<char>(0x80U | (code & 0x3FU)));
        } else {
            out.push_back(static_cast<char>(0xE0U | (code >> 12U)));
            out.push_back(static_cast<char>(0x80U | ((code >> 6U) & 0x3FU)));
            out.push_back(static_cast<char>(0x80U | (code & 0x3FU)));
        }
    }
    return out;
}

std::size_t line_of(std::string_view text, std::size_t offset) noexcept {
    std::size_t line = 1;
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
        }
    }
    return line;
}

}  // namespace bo::modules::banking::detail
