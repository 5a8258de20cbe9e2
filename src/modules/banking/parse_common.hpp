// Helpers the statement parsers share (internal to the banking module): exact decimal amounts,
// located errors, text clean-up, legacy character sets.
//
// Invariants: no floating point; every function is a pure function of its arguments and
// bounded by the length of its input (no recursion).
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/money.hpp"
#include "core/result.hpp"

namespace bo::modules::banking::detail {

// What a decimal amount may look like.
struct AmountSyntax {
    char decimal_separator = '.';
    bool sign_allowed = true;       // a leading '-' or '+' (camt amounts are unsigned)
    bool grouping_allowed = false;  // spaces, '\'' and the other of '.'/',' group thousands
};

// `text` (surrounding blanks ignored) as exact minor units of `currency`. More decimals than
// the currency has are accepted only when the extra digits are zeros ("8.850" EUR = 885
// cents); "8.855" EUR is refused rather than rounded: a bank amount is never rounded.
// Errors: invalid_argument whose message is the reason alone ("not a decimal amount", ...),
// for the caller to locate with `located`.
[[nodiscard]] core::Result<core::Money> parse_amount(std::string_view text,
                                                     core::Currency currency,
                                                     const AmountSyntax& syntax);

// Error::invalid(where, reason): where is "line/37" or a camt element path.
core::Error located(std::string_view where, std::string_view reason);

// The same error, its field and message prefixed with `where` (an error from parse_amount).
core::Error located(std::string_view where, const core::Error& error);

// `text` with surrounding whitespace removed and inner runs of whitespace (line breaks in a
// pretty-printed XML text, tabs) collapsed to one space, cut to `chars_max` bytes on a UTF-8
// character boundary.
std::string clean_text(std::string_view text, std::size_t chars_max);

// `text` without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view text) noexcept;

// True iff `text` is well-formed UTF-8 without control characters other than tab, CR, LF.
bool is_utf8(std::string_view text) noexcept;

// Windows-1252 (a superset of ISO 8859-1's printable range) to UTF-8. Bytes 0x81, 0x8D, 0x8F,
// 0x90 and 0x9D, undefined in 1252, become U+FFFD.
std::string windows_1252_to_utf8(std::string_view text);

// The 1-based line of byte `offset` in `text`.
std::size_t line_of(std::string_view text, std::size_t offset) noexcept;

}  // namespace bo::modules::banking::detail
