#include "platform/files/table.hpp"

#include <cstdlib>

#include "core/assert.hpp"

namespace bo::platform::files {
namespace {

constexpr int exponent_max = 4;  // ISO 4217 has no currency with more than 4 decimals

// UTF-8 continuation bytes are 10xxxxxx.
constexpr unsigned continuation_mask = 0xC0U;
constexpr unsigned continuation_bits = 0x80U;

bool is_continuation(char byte) {
    return (static_cast<unsigned char>(byte) & continuation_mask) == continuation_bits;
}

// The digits of |minor| (no sign); |INT64_MIN| is taken via unsigned arithmetic.
std::string magnitude_digits(std::int64_t minor) {
    std::uint64_t magnitude = minor < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(minor)
                                        : static_cast<std::uint64_t>(minor);
    return std::to_string(magnitude);
}

// Splits |minor| into whole and fraction digits ("123456", 2 → "1234", "56").
std::pair<std::string, std::string> split(std::int64_t minor, int exponent) {
    BO_ASSERT(exponent >= 0);
    BO_ASSERT(exponent <= exponent_max);
    std::string digits = magnitude_digits(minor);
    const auto fraction_digits = static_cast<std::size_t>(exponent);
    if (digits.size() <= fraction_digits) {
        digits.insert(0, fraction_digits + 1 - digits.size(), '0');
    }
    const std::size_t whole_digits = digits.size() - fraction_digits;
    return {digits.substr(0, whole_digits), digits.substr(whole_digits)};
}

std::string join(bool negative, const std::string& whole, const std::string& fraction) {
    std::string text = negative ? "-" : "";
    text += whole;
    if (!fraction.empty()) {
        text += '.';
        text += fraction;
    }
    return text;
}

}  // namespace

void check_table(const Table& table) {
    BO_ASSERT(table.indent_column < table.columns.size() || table.columns.empty());
    for (const Row& row : table.rows) {
        BO_ASSERT(row.cells.size() == table.columns.size());
    }
}

std::string decimal_text(std::int64_t minor, int exponent) {
    const auto [whole, fraction] = split(minor, exponent);
    return join(minor < 0, whole, fraction);
}

std::string grouped_decimal_text(std::int64_t minor, int exponent) {
    const auto [whole, fraction] = split(minor, exponent);
    std::string grouped;
    grouped.reserve(whole.size() + whole.size() / 3);
    for (std::size_t index = 0; index < whole.size(); ++index) {
        if (index != 0 && (whole.size() - index) % 3 == 0) {
            grouped += ',';
        }
        grouped += whole[index];
    }
    return join(minor < 0, grouped, fraction);
}

std::string utf8_prefix(std::string_view text, std::size_t bytes_max) {
    if (text.size() <= bytes_max) {
        return std::string(text);
    }
    std::size_t end = bytes_max;
    while (end > 0 && is_continuation(text[end])) {
        --end;
    }
    return std::string(text.substr(0, end));
}

void pop_utf8_character(std::string& text) {
    while (!text.empty() && is_continuation(text.back())) {
        text.pop_back();
    }
    if (!text.empty()) {
        text.pop_back();
    }
}

}  // namespace bo::platform::files
