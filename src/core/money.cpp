#include "core/money.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "core/limits.hpp"

namespace bo::core {
namespace {

struct CurrencyEntry {
    std::string_view code;
    int exponent;
};

// ISO 4217 codes with a minor unit, sorted by code. Source: the ISO 4217 "List One" maintained
// by SIX (amendments through 2024: ZWG added, HRK/SLL/ZWL withdrawn). Withdrawn codes are kept
// because old documents still carry them; codes without a minor unit ("N.A.": precious
// metals, XDR, XSU, XUA, XTS, XXX, bond units) are omitted because they are not money.
constexpr auto currency_table = std::to_array<CurrencyEntry>({
    {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2}, {"ARS", 2}, {"AUD", 2},
    {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2}, {"BDT", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0},
    {"BMD", 2}, {"BND", 2}, {"BOB", 2}, {"BOV", 2}, {"BRL", 2}, {"BSD", 2}, {"BTN", 2}, {"BWP", 2},
    {"BYN", 2}, {"BZD", 2}, {"CAD", 2}, {"CDF", 2}, {"CHE", 2}, {"CHF", 2}, {"CHW", 2}, {"CLF", 4},
    {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"COU", 2}, {"CRC", 2}, {"CUC", 2}, {"CUP", 2}, {"CVE", 2},
    {"CZK", 2}, {"DJF", 0}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2}, {"EGP", 2}, {"ERN", 2}, {"ETB", 2},
    {"EUR", 2}, {"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2}, {"GHS", 2}, {"GIP", 2}, {"GMD", 2},
    {"GNF", 0}, {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2}, {"HRK", 2}, {"HTG", 2}, {"HUF", 2},
    {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"IQD", 3}, {"IRR", 2}, {"ISK", 0}, {"JMD", 2}, {"JOD", 3},
    {"JPY", 0}, {"KES", 2}, {"KGS", 2}, {"KHR", 2}, {"KMF", 0}, {"KPW", 2}, {"KRW", 0}, {"KWD", 3},
    {"KYD", 2}, {"KZT", 2}, {"LAK", 2}, {"LBP", 2}, {"LKR", 2}, {"LRD", 2}, {"LSL", 2}, {"LYD", 3},
    {"MAD", 2}, {"MDL", 2}, {"MGA", 2}, {"MKD", 2}, {"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MRU", 2},
    {"MUR", 2}, {"MVR", 2}, {"MWK", 2}, {"MXN", 2}, {"MXV", 2}, {"MYR", 2}, {"MZN", 2}, {"NAD", 2},
    {"NGN", 2}, {"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2}, {"OMR", 3}, {"PAB", 2}, {"PEN", 2},
    {"PGK", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2}, {"RON", 2}, {"RSD", 2},
    {"RUB", 2}, {"RWF", 0}, {"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2}, {"SEK", 2}, {"SGD", 2},
    {"SHP", 2}, {"SLE", 2}, {"SLL", 2}, {"SOS", 2}, {"SRD", 2}, {"SSP", 2}, {"STN", 2}, {"SVC", 2},
    {"SYP", 2}, {"SZL", 2}, {"THB", 2}, {"TJS", 2}, {"TMT", 2}, {"TND", 3}, {"TOP", 2}, {"TRY", 2},
    {"TTD", 2}, {"TWD", 2}, {"TZS", 2}, {"UAH", 2}, {"UGX", 0}, {"USD", 2}, {"USN", 2}, {"UYI", 0},
    {"UYU", 2}, {"UYW", 4}, {"UZS", 2}, {"VED", 2}, {"VES", 2}, {"VND", 0}, {"VUV", 0}, {"WST", 2},
    {"XAF", 0}, {"XCD", 2}, {"XCG", 2}, {"XOF", 0}, {"XPF", 0}, {"YER", 2}, {"ZAR", 2}, {"ZMW", 2},
    {"ZWG", 2}, {"ZWL", 2},
});

constexpr bool table_is_valid() {
    for (std::size_t index = 0; index < currency_table.size(); ++index) {
        const CurrencyEntry& entry = currency_table[index];
        if (entry.code.size() != 3 || entry.exponent < 0 || entry.exponent > 4) {
            return false;
        }
        if (index > 0 && !(currency_table[index - 1].code < entry.code)) {
            return false;
        }
    }
    return true;
}

static_assert(table_is_valid(), "currency_table must be sorted, unique, with exponents 0..4");

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr int decimal_base = 10;
constexpr int int64_decimal_digits_full = 18;  // 10^18 < 2^63 - 1 < 10^19

// 10^exponent for exponent 0..18 (fits int64).
std::int64_t power_of_ten(int exponent) noexcept {
    BO_ASSERT(exponent >= 0);
    BO_ASSERT(exponent <= int64_decimal_digits_full);
    std::int64_t result = 1;
    for (int step = 0; step < exponent; ++step) {
        result *= decimal_base;
    }
    return result;
}

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// A decimal number split as `negative, magnitude, fraction_digits`: value = ±magnitude /
// 10^fraction_digits. Magnitude is unsigned so that the most negative int64 parses.
struct Decimal {
    bool negative = false;
    std::uint64_t magnitude = 0;
    int fraction_digits = 0;
};

// The grammar shared by Money::parse and Rational::parse: -?[0-9]+(\.[0-9]+)?
Result<Decimal> parse_decimal(std::string_view text, std::string_view field, int fraction_max) {
    if (text.empty()) {
        return Error::invalid(std::string(field), "is empty");
    }
    if (text.size() > money_text_bytes_max) {
        return Error::invalid(std::string(field), "is too long");
    }
    Decimal decimal;
    std::size_t index = 0;
    if (text[0] == '-') {
        decimal.negative = true;
        index = 1;
    }
    const std::size_t integer_start = index;
    int significant_digits = 0;
    bool in_fraction = false;
    for (; index < text.size(); ++index) {
        const char c = text[index];
        if (c == '.' && !in_fraction && index > integer_start) {
            in_fraction = true;
            continue;
        }
        if (!is_digit(c)) {
            return Error::invalid(std::string(field), "is not a plain decimal number");
        }
        if (in_fraction) {
            ++decimal.fraction_digits;
        }
        if (decimal.magnitude != 0 || c != '0') {
            ++significant_digits;
        }
        if (significant_digits > static_cast<int>(money_minor_digits_max)) {
            return Error::invalid(std::string(field), "is out of range");
        }
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (__builtin_mul_overflow(
                decimal.magnitude, std::uint64_t{decimal_base}, &decimal.magnitude)
            || __builtin_add_overflow(decimal.magnitude, digit, &decimal.magnitude)) {
            return Error::invalid(std::string(field), "is out of range");
        }
    }
    if (index == integer_start || text.back() == '.') {
        return Error::invalid(std::string(field), "is not a plain decimal number");
    }
    if (decimal.fraction_digits > fraction_max) {
        return Error::invalid(std::string(field),
                              "has more than " + std::to_string(fraction_max) + " decimals");
    }
    return decimal;
}

// ±magnitude as int64, or nullopt-like failure when it does not fit.
bool signed_from_magnitude(bool negative, std::uint64_t magnitude, std::int64_t* out) noexcept {
    constexpr auto positive_max = static_cast<std::uint64_t>(int64_max);
    if (negative) {
        if (magnitude > positive_max + 1U) {
            return false;
        }
        *out = magnitude == positive_max + 1U ? int64_min : -static_cast<std::int64_t>(magnitude);
        return true;
    }
    if (magnitude > positive_max) {
        return false;
    }
    *out = static_cast<std::int64_t>(magnitude);
    return true;
}

Error currency_mismatch(const Money& a, const Money& b) {
    return Error(ErrorCode::invalid_argument,
                 "currency mismatch: " + std::string(a.currency.code()) + " and "
                     + std::string(b.currency.code()));
}

Error overflow(std::string_view operation) {
    return Error(ErrorCode::limit_exceeded,
                 std::string(operation) + ": amount does not fit in 64-bit minor units");
}

bool fits_int64(Int128 value) noexcept {
    return value >= int64_min && value <= int64_max;
}

Int128 absolute(Int128 value) noexcept {
    return value < 0 ? -value : value;
}

}  // namespace

Result<Currency> Currency::create(std::string_view code) {
    if (code.size() != 3
        || !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        return Error::invalid("currency", "must be three uppercase letters (ISO 4217)");
    }
    const auto* found = std::lower_bound(
        currency_table.begin(),
        currency_table.end(),
        code,
        [](const CurrencyEntry& entry, std::string_view key) { return entry.code < key; });
    if (found == currency_table.end() || found->code != code) {
        return Error::invalid("currency", "unknown ISO 4217 code " + std::string(code));
    }
    return Currency({code[0], code[1], code[2]}, found->exponent);
}

std::string_view to_string(RoundingMode mode) noexcept {
    switch (mode) {
        case RoundingMode::half_even:
            return "half_even";
        case RoundingMode::half_up:
            return "half_up";
        case RoundingMode::down:
            return "down";
        case RoundingMode::up:
            return "up";
        case RoundingMode::floor:
            return "floor";
        case RoundingMode::ceiling:
            return "ceiling";
    }
    BO_ASSERT(false);
    return "half_even";
}

Result<RoundingMode> parse_rounding_mode(std::string_view text) {
    for (RoundingMode mode : {RoundingMode::half_even,
                              RoundingMode::half_up,
                              RoundingMode::down,
                              RoundingMode::up,
                              RoundingMode::floor,
                              RoundingMode::ceiling}) {
        if (to_string(mode) == text) {
            return mode;
        }
    }
    return Error::invalid("rounding", "unknown rounding mode");
}

Int128 round_quotient(Int128 num, Int128 den, RoundingMode mode) noexcept {
    constexpr Int128 int128_min = static_cast<Int128>(static_cast<UInt128>(1) << 127U);
    BO_ASSERT(den != 0);
    BO_ASSERT(num != int128_min);
    BO_ASSERT(den != int128_min);
    const Int128 quotient = num / den;  // truncated toward zero
    const Int128 remainder = num % den;
    if (remainder == 0) {
        return quotient;
    }
    const bool negative = (num < 0) != (den < 0);
    const Int128 away = negative ? quotient - 1 : quotient + 1;
    // Compare |remainder| with |den| / 2 without doubling, which could overflow.
    const Int128 remainder_abs = absolute(remainder);
    const Int128 rest_abs = absolute(den) - remainder_abs;
    switch (mode) {
        case RoundingMode::down:
            return quotient;
        case RoundingMode::up:
            return away;
        case RoundingMode::floor:
            return negative ? away : quotient;
        case RoundingMode::ceiling:
            return negative ? quotient : away;
        case RoundingMode::half_up:
            return remainder_abs >= rest_abs ? away : quotient;
        case RoundingMode::half_even:
            if (remainder_abs != rest_abs) {
                return remainder_abs > rest_abs ? away : quotient;
            }
            return quotient % 2 == 0 ? quotient : away;
    }
    BO_ASSERT(false);
    return quotient;
}

Result<Rational> Rational::parse(std::string_view text) {
    constexpr int fraction_max = int64_decimal_digits_full;
    BO_TRY_ASSIGN(const Decimal decimal, parse_decimal(text, "rate", fraction_max));
    Rational rational;
    if (!signed_from_magnitude(decimal.negative, decimal.magnitude, &rational.num)) {
        return Error::invalid("rate", "is out of range");
    }
    rational.den = power_of_ten(decimal.fraction_digits);
    return rational;
}

Result<Money> Money::parse(std::string_view text, Currency currency) {
    BO_TRY_ASSIGN(const Decimal decimal, parse_decimal(text, "amount", currency.exponent()));
    std::uint64_t magnitude = decimal.magnitude;
    const auto scale =
        static_cast<std::uint64_t>(power_of_ten(currency.exponent() - decimal.fraction_digits));
    Money money{0, currency};
    if (__builtin_mul_overflow(magnitude, scale, &magnitude)
        || !signed_from_magnitude(decimal.negative, magnitude, &money.minor)) {
        return Error::invalid("amount", "is out of range");
    }
    return money;
}

std::string Money::format() const {
    const bool negative = minor < 0;
    // Unsigned magnitude so that the most negative int64 formats too.
    const std::uint64_t magnitude =
        negative ? ~static_cast<std::uint64_t>(minor) + 1U : static_cast<std::uint64_t>(minor);
    const auto scale = static_cast<std::uint64_t>(power_of_ten(currency.exponent()));
    std::string text = negative ? "-" : "";
    text += std::to_string(magnitude / scale);
    if (currency.exponent() > 0) {
        std::string fraction = std::to_string(magnitude % scale);
        text += '.';
        text.append(static_cast<std::size_t>(currency.exponent()) - fraction.size(), '0');
        text += fraction;
    }
    return text;
}

Result<Money> add(Money a, Money b) {
    if (!same_currency(a, b)) {
        return currency_mismatch(a, b);
    }
    Money sum{0, a.currency};
    if (__builtin_add_overflow(a.minor, b.minor, &sum.minor)) {
        return overflow("add");
    }
    return sum;
}

Result<Money> subtract(Money a, Money b) {
    if (!same_currency(a, b)) {
        return currency_mismatch(a, b);
    }
    Money difference{0, a.currency};
    if (__builtin_sub_overflow(a.minor, b.minor, &difference.minor)) {
        return overflow("subtract");
    }
    return difference;
}

Result<Money> negate(Money a) {
    Money negated{0, a.currency};
    if (__builtin_sub_overflow(std::int64_t{0}, a.minor, &negated.minor)) {
        return overflow("negate");
    }
    return negated;
}

Result<Money> multiply(Money amount, Rational factor, RoundingMode mode) {
    if (factor.den == 0) {
        return Error::invalid("factor", "denominator is zero");
    }
    const Int128 product = static_cast<Int128>(amount.minor) * factor.num;
    const Int128 rounded = round_quotient(product, factor.den, mode);
    if (!fits_int64(rounded)) {
        return overflow("multiply");
    }
    return Money{static_cast<std::int64_t>(rounded), amount.currency};
}

Result<std::vector<Money>> allocate(Money total, std::span<const std::int64_t> weights) {
    if (weights.empty()) {
        return Error::invalid("weights", "must not be empty");
    }
    if (weights.size() > allocation_parts_max) {
        return Error(ErrorCode::limit_exceeded,
                     "weights: more than " + std::to_string(allocation_parts_max) + " parts");
    }
    Int128 weight_sum = 0;  // at most allocation_parts_max * 2^63, far below 2^127
    for (std::int64_t weight : weights) {
        if (weight < 0) {
            return Error::invalid("weights", "must not be negative");
        }
        weight_sum += weight;
    }
    if (weight_sum == 0) {
        return Error::invalid("weights", "must not all be zero");
    }
    // Work on |total| so that floor and "largest remainder" mean the same for both signs.
    const Int128 total_abs = absolute(total.minor);
    std::vector<Int128> parts(weights.size());
    std::vector<Int128> remainders(weights.size());
    Int128 assigned = 0;
    for (std::size_t index = 0; index < weights.size(); ++index) {
        const Int128 exact = total_abs * weights[index];  // < 2^126
        parts[index] = exact / weight_sum;
        remainders[index] = exact % weight_sum;
        assigned += parts[index];
    }
    const Int128 leftover = total_abs - assigned;
    BO_ASSERT(leftover >= 0);
    BO_ASSERT(leftover < static_cast<Int128>(weights.size()));
    std::vector<std::size_t> order(weights.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t left, std::size_t right) {
        return remainders[left] > remainders[right];
    });
    for (std::size_t rank = 0; rank < static_cast<std::size_t>(leftover); ++rank) {
        BO_ASSERT(remainders[order[rank]] > 0);
        parts[order[rank]] += 1;
    }
    std::vector<Money> result;
    result.reserve(weights.size());
    Int128 check_sum = 0;
    for (Int128 part : parts) {
        const Int128 signed_part = total.minor < 0 ? -part : part;
        BO_ASSERT(fits_int64(signed_part));
        check_sum += signed_part;
        result.push_back(Money{static_cast<std::int64_t>(signed_part), total.currency});
    }
    BO_ASSERT(check_sum == total.minor);
    return result;
}

Result<Money> convert(Money amount, Currency to, Rational rate, RoundingMode mode) {
    if (rate.den == 0 || rate.num == 0 || (rate.num < 0) != (rate.den < 0)) {
        return Error::invalid("rate", "must be greater than zero");
    }
    // minor_to = minor_from * rate * 10^(exponent_to - exponent_from), rounded once.
    Int128 num = static_cast<Int128>(amount.minor) * rate.num;  // < 2^126
    Int128 den = rate.den;
    const int shift = to.exponent() - amount.currency.exponent();
    if (shift >= 0) {
        if (__builtin_mul_overflow(num, static_cast<Int128>(power_of_ten(shift)), &num)) {
            return overflow("convert");
        }
    } else {
        den *= power_of_ten(-shift);  // |den| < 2^63 * 10^4, far below 2^127
    }
    const Int128 rounded = round_quotient(num, den, mode);
    if (!fits_int64(rounded)) {
        return overflow("convert");
    }
    return Money{static_cast<std::int64_t>(rounded), to};
}

}  // namespace bo::core
