// Money: an integer count of minor units with an ISO 4217 currency.
//
// Purpose: the one representation of amounts in Backoffice. An amount is `Money{minor,
// currency}` where `minor` counts the currency's minor unit (cents for EUR, yen for JPY, fils
// for KWD); the scale is the currency's ISO 4217 exponent, never a property of the amount.
//
// Invariants:
// - A `Currency` always names a code from the built-in ISO 4217 table (see money.cpp); it can
//   only be obtained through `Currency::create`, so its exponent is always known (0..4).
// - Arithmetic never wraps: every operation that can overflow int64 returns `limit_exceeded`.
// - Mixing currencies is refused with `invalid_argument` (conversion is explicit: `convert`).
// - Rounding happens in exactly one place, `round_quotient`, with an explicit `RoundingMode`.
// - No floating point anywhere: rates and factors are `Rational`s of int64.
//
// Thread safety: all types are plain values; all functions are pure and safe from any thread.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace bo::core {

// 128-bit integers for exact intermediates (a product of two int64s always fits). The
// `__extension__` keeps -Wpedantic quiet about this GCC/Clang builtin type.
__extension__ typedef __int128 Int128;            // NOLINT(modernize-use-using): needs typedef
__extension__ typedef unsigned __int128 UInt128;  // NOLINT(modernize-use-using): needs typedef

// An ISO 4217 currency: a three-letter code plus the exponent of its minor unit.
class Currency {
public:
    // Looks `code` up in the built-in ISO 4217 table (exact, uppercase, e.g. "EUR").
    // Errors: invalid_argument (field "currency") for a malformed or unknown code. Codes without
    // a minor unit (XAU, XDR, XXX, ...) are not money and are refused too.
    [[nodiscard]] static Result<Currency> create(std::string_view code);

    // The three-letter code, e.g. "EUR". The view stays valid as long as this Currency.
    std::string_view code() const noexcept { return {code_.data(), code_.size()}; }

    // Decimal digits of the minor unit: JPY 0, EUR 2, KWD 3, CLF 4.
    int exponent() const noexcept { return exponent_; }

    friend bool operator==(const Currency& a, const Currency& b) noexcept {
        return a.code_ == b.code_;
    }

private:
    Currency(std::array<char, 3> code, int exponent) : code_(code), exponent_(exponent) {}

    std::array<char, 3> code_;
    int exponent_;
};

// How a quotient that is not an integer becomes one. Enumerators equal their wire names.
enum class RoundingMode {
    half_even,  // to nearest; ties to the even neighbour (banker's rounding; our default)
    half_up,    // to nearest; ties away from zero (commercial rounding)
    down,       // toward zero (truncate)
    up,         // away from zero
    floor,      // toward negative infinity
    ceiling,    // toward positive infinity
};

// The wire name of a rounding mode ("half_even", ...).
std::string_view to_string(RoundingMode mode) noexcept;

// Parses a wire name back. Errors: invalid_argument (field "rounding") for anything else.
[[nodiscard]] Result<RoundingMode> parse_rounding_mode(std::string_view text);

// THE rounding function: `num / den` rounded to an integer by `mode`. Every rounding of money
// in Backoffice goes through here. Preconditions (asserted): den != 0, and neither argument is
// the most negative Int128 (callers pass products of int64s, which never are).
Int128 round_quotient(Int128 num, Int128 den, RoundingMode mode) noexcept;

// An exact fraction num/den of int64s: a factor (tax rate, quantity ratio) or an FX rate.
// A zero denominator is invalid input, rejected by the functions that take a Rational.
struct Rational {
    std::int64_t num = 0;
    std::int64_t den = 1;

    // Parses a plain decimal such as "1.0825", "-0.5" or "3" into num/10^k (k <= 18).
    // Same grammar as Money::parse (no exponent, no separators, no '+').
    // Errors: invalid_argument (field "rate") for malformed or out-of-range text.
    [[nodiscard]] static Result<Rational> parse(std::string_view text);

    friend bool operator==(const Rational&, const Rational&) = default;
};

struct Money {
    std::int64_t minor = 0;
    Currency currency;

    // Zero in `currency`.
    static Money zero(Currency currency) noexcept { return Money{0, currency}; }

    // Parses a locale-free decimal: an optional '-', one or more digits, then optionally '.'
    // and 1..exponent digits ("1234.56", "-0.05", "12", "0"). Fewer decimals than the exponent
    // are allowed; more are an error. No '+', no thousands separators, no exponent notation,
    // no surrounding spaces. Errors: invalid_argument (field "amount"), also when the value
    // does not fit in int64 minor units.
    [[nodiscard]] static Result<Money> parse(std::string_view text, Currency currency);

    // Formats with exactly `currency.exponent()` decimals: "1234.56", "-0.05", "1500" (JPY).
    // No currency code, no grouping. `parse(format())` gives back the same Money.
    std::string format() const;

    bool is_zero() const noexcept { return minor == 0; }

    bool is_negative() const noexcept { return minor < 0; }

    // Equal iff same currency and same amount; amounts of different currencies are never equal.
    friend bool operator==(const Money&, const Money&) = default;

    // Ordering is defined within one currency only; comparing two currencies is a programmer
    // error and asserts. Use `same_currency` first when the inputs come from outside.
    friend std::strong_ordering operator<=>(const Money& a, const Money& b) noexcept {
        BO_ASSERT(a.currency == b.currency);
        return a.minor <=> b.minor;
    }
};

// True iff both amounts are in the same currency.
inline bool same_currency(const Money& a, const Money& b) noexcept {
    return a.currency == b.currency;
}

// a + b. Errors: invalid_argument if the currencies differ; limit_exceeded on int64 overflow.
[[nodiscard]] Result<Money> add(Money a, Money b);

// a - b. Errors: invalid_argument if the currencies differ; limit_exceeded on int64 overflow.
[[nodiscard]] Result<Money> subtract(Money a, Money b);

// -a. Errors: limit_exceeded for the most negative int64 amount, which has no negation.
[[nodiscard]] Result<Money> negate(Money a);

// amount * factor, rounded once by `mode` (intermediate in Int128, so no precision is lost).
// Errors: invalid_argument if factor.den == 0; limit_exceeded if the result overflows int64.
[[nodiscard]] Result<Money> multiply(Money amount, Rational factor, RoundingMode mode);

// Splits `total` into parts proportional to `weights` by largest remainder: the parts add up
// exactly to `total`, and each differs from its exact share by less than one minor unit (ties
// in the remainder go to the earlier weight). Parts carry the sign of `total`.
// Errors: invalid_argument if weights is empty, any weight is negative, or all are zero;
// limit_exceeded if there are more than allocation_parts_max weights.
[[nodiscard]] Result<std::vector<Money>> allocate(Money total,
                                                  std::span<const std::int64_t> weights);

// Converts `amount` into currency `to` at `rate` (units of `to` per one unit of the source
// currency, as a major-unit ratio, e.g. EUR->JPY 1632/10), adjusting for the exponents and
// rounding once by `mode`. Errors: invalid_argument if rate is not > 0 (num > 0 and den > 0 after
// sign normalisation); limit_exceeded if the result overflows int64.
[[nodiscard]] Result<Money> convert(Money amount, Currency to, Rational rate, RoundingMode mode);

}  // namespace bo::core
