// Goal: prove Money's contracts: ISO 4217 exponents, strict parsing, exact formatting, checked
// arithmetic, the rounding table, largest-remainder allocation and FX conversion.
// Method: hand-computed tables for the exact cases, rapidcheck properties for the laws
// (round trips, exact sums, overflow detected iff the exact result leaves int64).
#include "core/money.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/limits.hpp"
#include "core/printers.hpp"

namespace bo::core {
namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

Currency currency(std::string_view code) {
    return Currency::create(code).value();
}

Money money(std::int64_t minor, std::string_view code) {
    return Money{minor, currency(code)};
}

// A currency drawn from a few with different exponents.
rc::Gen<Currency> gen_currency() {
    return rc::gen::map(rc::gen::element<std::string>("JPY", "EUR", "KWD", "CLF", "USD"),
                        [](const std::string& code) { return currency(code); });
}

TEST(Currency, KnowsExponents) {
    EXPECT_EQ(currency("JPY").exponent(), 0);
    EXPECT_EQ(currency("KRW").exponent(), 0);
    EXPECT_EQ(currency("EUR").exponent(), 2);
    EXPECT_EQ(currency("USD").exponent(), 2);
    for (const char* code : {"BHD", "KWD", "JOD", "OMR", "TND", "IQD", "LYD"}) {
        EXPECT_EQ(currency(code).exponent(), 3) << code;
    }
    EXPECT_EQ(currency("CLF").exponent(), 4);
    EXPECT_EQ(currency("UYW").exponent(), 4);
    EXPECT_EQ(currency("AED").code(), "AED");
    EXPECT_EQ(currency("ZWL").code(), "ZWL");
}

TEST(Currency, RejectsMalformedAndUnknownCodes) {
    for (const char* code : {"", "EU", "EURO", "eur", "Eur", "E1R", " EUR", "ABC", "XAU", "XXX"}) {
        auto result = Currency::create(code);
        ASSERT_FALSE(result.ok()) << code;
        EXPECT_EQ(result.error().code(), ErrorCode::invalid_argument);
        ASSERT_EQ(result.error().fields().size(), 1U);
        EXPECT_EQ(result.error().fields()[0].field, "currency");
    }
}

TEST(Currency, EqualityIsByCode) {
    EXPECT_EQ(currency("EUR"), currency("EUR"));
    EXPECT_NE(currency("EUR"), currency("USD"));
}

TEST(MoneyParse, AcceptsPlainDecimals) {
    const Currency eur = currency("EUR");
    EXPECT_EQ(Money::parse("1234.56", eur).value().minor, 123456);
    EXPECT_EQ(Money::parse("-0.05", eur).value().minor, -5);
    EXPECT_EQ(Money::parse("0", eur).value().minor, 0);
    EXPECT_EQ(Money::parse("-0", eur).value().minor, 0);
    EXPECT_EQ(Money::parse("12", eur).value().minor, 1200);
    EXPECT_EQ(Money::parse("12.5", eur).value().minor, 1250);
    EXPECT_EQ(Money::parse("007.10", eur).value().minor, 710);
    EXPECT_EQ(Money::parse("1500", currency("JPY")).value().minor, 1500);
    EXPECT_EQ(Money::parse("1.234", currency("KWD")).value().minor, 1234);
    EXPECT_EQ(Money::parse("0.0001", currency("CLF")).value().minor, 1);
    EXPECT_EQ(Money::parse("1.5", eur).value().currency, eur);
}

TEST(MoneyParse, AcceptsTheInt64Extremes) {
    const Currency eur = currency("EUR");
    EXPECT_EQ(Money::parse("92233720368547758.07", eur).value().minor, int64_max);
    EXPECT_EQ(Money::parse("-92233720368547758.08", eur).value().minor, int64_min);
    EXPECT_EQ(Money::parse("9223372036854775807", currency("JPY")).value().minor, int64_max);
}

TEST(MoneyParse, RejectsMalformedText) {
    const Currency eur = currency("EUR");
    for (const char* text : {"",    "-",    ".",   "1.",  ".5",   "1.234", "+1",   "1,000", "1 000",
                             "1e3", "1E3",  " 1",  "1 ",  "--1",  "1.2.3", "0x10", "1.-2",  "abc",
                             "١٢",  "1.2a", "NaN", "-.5", "1..2", "∞",     "1\n"}) {
        auto result = Money::parse(text, eur);
        ASSERT_FALSE(result.ok()) << text;
        EXPECT_EQ(result.error().code(), ErrorCode::invalid_argument) << text;
        EXPECT_EQ(result.error().fields().at(0).field, "amount");
    }
    EXPECT_FALSE(Money::parse("1.5", currency("JPY")).ok());
    EXPECT_FALSE(Money::parse("1.0", currency("JPY")).ok());
}

TEST(MoneyParse, RejectsOutOfRange) {
    const Currency eur = currency("EUR");
    EXPECT_FALSE(Money::parse("92233720368547758.08", eur).ok());
    EXPECT_FALSE(Money::parse("-92233720368547758.09", eur).ok());
    EXPECT_FALSE(Money::parse("99999999999999999999", currency("JPY")).ok());
    EXPECT_FALSE(Money::parse("184467440737095516160", currency("JPY")).ok());
    EXPECT_FALSE(Money::parse(std::string(money_text_bytes_max + 1, '0'), eur).ok());
    EXPECT_TRUE(Money::parse(std::string(money_text_bytes_max, '0'), eur).ok());
}

TEST(MoneyFormat, UsesExactlyTheExponentDecimals) {
    EXPECT_EQ(money(123456, "EUR").format(), "1234.56");
    EXPECT_EQ(money(-5, "EUR").format(), "-0.05");
    EXPECT_EQ(money(0, "EUR").format(), "0.00");
    EXPECT_EQ(money(1200, "EUR").format(), "12.00");
    EXPECT_EQ(money(1500, "JPY").format(), "1500");
    EXPECT_EQ(money(-1, "KWD").format(), "-0.001");
    EXPECT_EQ(money(12345, "CLF").format(), "1.2345");
    EXPECT_EQ(money(int64_max, "EUR").format(), "92233720368547758.07");
    EXPECT_EQ(money(int64_min, "EUR").format(), "-92233720368547758.08");
    EXPECT_EQ(money(int64_min, "JPY").format(), "-9223372036854775808");
}

RC_GTEST_PROP(MoneyProperty, ParseInvertsFormat, (std::int64_t minor)) {
    const Currency unit = *rc::gen::arbitrary<bool>() ? currency("EUR") : currency("JPY");
    const Currency chosen = *rc::gen::element(unit, currency("KWD"), currency("CLF"));
    const Money original{minor, chosen};
    auto parsed = Money::parse(original.format(), chosen);
    RC_ASSERT(parsed.ok());
    RC_ASSERT(parsed.value() == original);
}

TEST(MoneyArithmetic, AddsAndSubtractsWithinACurrency) {
    EXPECT_EQ(add(money(150, "EUR"), money(-200, "EUR")).value(), money(-50, "EUR"));
    EXPECT_EQ(subtract(money(150, "EUR"), money(200, "EUR")).value(), money(-50, "EUR"));
    EXPECT_EQ(negate(money(150, "EUR")).value(), money(-150, "EUR"));
    EXPECT_EQ(negate(money(int64_max, "EUR")).value(), money(-int64_max, "EUR"));
}

TEST(MoneyArithmetic, RefusesMixedCurrencies) {
    for (const auto& result :
         {add(money(1, "EUR"), money(1, "USD")), subtract(money(1, "EUR"), money(1, "USD"))}) {
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().code(), ErrorCode::invalid_argument);
        EXPECT_NE(result.error().message().find("EUR"), std::string::npos);
    }
}

TEST(MoneyArithmetic, DetectsOverflowAtTheEdges) {
    EXPECT_TRUE(add(money(int64_max - 1, "EUR"), money(1, "EUR")).ok());
    EXPECT_EQ(add(money(int64_max, "EUR"), money(1, "EUR")).error().code(),
              ErrorCode::limit_exceeded);
    EXPECT_EQ(add(money(int64_min, "EUR"), money(-1, "EUR")).error().code(),
              ErrorCode::limit_exceeded);
    EXPECT_EQ(subtract(money(int64_min, "EUR"), money(1, "EUR")).error().code(),
              ErrorCode::limit_exceeded);
    EXPECT_EQ(subtract(money(0, "EUR"), money(int64_min, "EUR")).error().code(),
              ErrorCode::limit_exceeded);
    EXPECT_EQ(negate(money(int64_min, "EUR")).error().code(), ErrorCode::limit_exceeded);
}

TEST(MoneyCompare, OrdersWithinACurrency) {
    EXPECT_LT(money(1, "EUR"), money(2, "EUR"));
    EXPECT_GT(money(-1, "EUR"), money(-2, "EUR"));
    EXPECT_NE(money(1, "EUR"), money(1, "USD"));
    EXPECT_TRUE(money(0, "EUR").is_zero());
    EXPECT_TRUE(money(-1, "EUR").is_negative());
}

TEST(MoneyCompareDeathTest, OrderingAcrossCurrenciesAsserts) {
    EXPECT_DEATH((void)(money(1, "EUR") < money(2, "USD")), "assertion failed");
}

RC_GTEST_PROP(MoneyProperty,
              AddOverflowIsDetectedIffExactSumLeavesInt64,
              (std::int64_t left, std::int64_t right)) {
    // Bias toward the edges, where overflow happens, half of the time.
    const std::int64_t a =
        *rc::gen::element(left, int64_max - (left & 0xff), int64_min + (left & 0xff));
    const std::int64_t b = *rc::gen::arbitrary<bool>() ? right : int64_min + (right & 0xff);
    const std::int64_t c = *rc::gen::element(b, b == int64_min ? b : -b, right);
    const Int128 exact = static_cast<Int128>(a) + c;
    const bool exact_fits = exact >= int64_min && exact <= int64_max;
    auto sum = add(money(a, "EUR"), money(c, "EUR"));
    RC_ASSERT(sum.ok() == exact_fits);
    if (sum.ok()) {
        RC_ASSERT(static_cast<Int128>(sum.value().minor) == exact);
    } else {
        RC_ASSERT(sum.error().code() == ErrorCode::limit_exceeded);
    }
}

struct RoundingCase {
    std::int64_t num;
    std::int64_t den;
    RoundingMode mode;
    std::int64_t expected;
};

TEST(RoundQuotient, MatchesTheHandComputedTable) {
    using enum RoundingMode;
    const std::vector<RoundingCase> cases = {
        // half_even: ties to even.
        {25, 10, half_even, 2},
        {35, 10, half_even, 4},
        {-25, 10, half_even, -2},
        {-35, 10, half_even, -4},
        {15, 10, half_even, 2},
        {5, 10, half_even, 0},
        {-5, 10, half_even, 0},
        {26, 10, half_even, 3},
        {24, 10, half_even, 2},
        {-26, 10, half_even, -3},
        {25, -10, half_even, -2},
        {-25, -10, half_even, 2},
        // half_up: ties away from zero.
        {25, 10, half_up, 3},
        {-25, 10, half_up, -3},
        {24, 10, half_up, 2},
        {5, 10, half_up, 1},
        {-24, 10, half_up, -2},
        // down: toward zero.
        {29, 10, down, 2},
        {-29, 10, down, -2},
        {20, 10, down, 2},
        // up: away from zero.
        {21, 10, up, 3},
        {-21, 10, up, -3},
        {20, 10, up, 2},
        // floor and ceiling.
        {21, 10, floor, 2},
        {-21, 10, floor, -3},
        {-20, 10, floor, -2},
        {21, 10, ceiling, 3},
        {-21, 10, ceiling, -2},
        {-20, 10, ceiling, -2},
        // odd denominators: thirds never tie.
        {1, 3, half_even, 0},
        {2, 3, half_even, 1},
        {-2, 3, half_up, -1},
        {0, 7, up, 0},
    };
    for (const RoundingCase& c : cases) {
        EXPECT_EQ(static_cast<std::int64_t>(round_quotient(c.num, c.den, c.mode)), c.expected)
            << c.num << "/" << c.den << " " << to_string(c.mode);
    }
}

TEST(RoundQuotient, HandlesHugeOperandsWithoutOverflow) {
    const Int128 big = static_cast<Int128>(int64_max) * int64_max;
    EXPECT_TRUE(round_quotient(big, big, RoundingMode::half_even) == 1);
    EXPECT_TRUE(round_quotient(big - 1, 2 * big, RoundingMode::half_up) == 0);
    EXPECT_TRUE(round_quotient(big, 2 * big, RoundingMode::half_up) == 1);
    EXPECT_TRUE(round_quotient(-big, 2 * big, RoundingMode::half_even) == 0);
}

TEST(RoundingMode, WireNamesRoundTrip) {
    for (RoundingMode mode : {RoundingMode::half_even,
                              RoundingMode::half_up,
                              RoundingMode::down,
                              RoundingMode::up,
                              RoundingMode::floor,
                              RoundingMode::ceiling}) {
        EXPECT_EQ(parse_rounding_mode(to_string(mode)).value(), mode);
    }
    EXPECT_FALSE(parse_rounding_mode("HALF_EVEN").ok());
    EXPECT_FALSE(parse_rounding_mode("").ok());
}

TEST(Multiply, RoundsOnceWithTheGivenMode) {
    // 19.99 EUR * 7.7% VAT = 1.53923 -> 1.54
    EXPECT_EQ(multiply(money(1999, "EUR"), {77, 1000}, RoundingMode::half_even).value(),
              money(154, "EUR"));
    // 0.25 * 1/2 = 0.125: half_even -> 0.12, half_up -> 0.13, floor of the negative -> -0.13
    EXPECT_EQ(multiply(money(25, "EUR"), {1, 2}, RoundingMode::half_even).value().minor, 12);
    EXPECT_EQ(multiply(money(25, "EUR"), {1, 2}, RoundingMode::half_up).value().minor, 13);
    EXPECT_EQ(multiply(money(-25, "EUR"), {1, 2}, RoundingMode::floor).value().minor, -13);
    EXPECT_EQ(multiply(money(-25, "EUR"), {1, 2}, RoundingMode::ceiling).value().minor, -12);
    EXPECT_EQ(multiply(money(100, "EUR"), {-3, 2}, RoundingMode::down).value().minor, -150);
    EXPECT_EQ(multiply(money(100, "EUR"), {3, -2}, RoundingMode::down).value().minor, -150);
}

TEST(Multiply, RejectsZeroDenominatorAndOverflow) {
    EXPECT_EQ(multiply(money(1, "EUR"), {1, 0}, RoundingMode::half_even).error().code(),
              ErrorCode::invalid_argument);
    EXPECT_EQ(multiply(money(int64_max, "EUR"), {2, 1}, RoundingMode::half_even).error().code(),
              ErrorCode::limit_exceeded);
    EXPECT_EQ(multiply(money(int64_min, "EUR"), {-1, 1}, RoundingMode::half_even).error().code(),
              ErrorCode::limit_exceeded);
    // The intermediate may exceed int64 as long as the result fits.
    EXPECT_EQ(
        multiply(money(int64_max, "EUR"), {int64_max, int64_max}, RoundingMode::down).value().minor,
        int64_max);
}

RC_GTEST_PROP(MoneyProperty, MultiplyByOneIsIdentity, (std::int64_t minor, std::int64_t one)) {
    const Money amount{minor, *gen_currency()};
    const std::int64_t den = one == 0 || one == int64_min ? 1 : one;
    const auto mode = *rc::gen::element(RoundingMode::half_even,
                                        RoundingMode::half_up,
                                        RoundingMode::down,
                                        RoundingMode::up,
                                        RoundingMode::floor,
                                        RoundingMode::ceiling);
    RC_ASSERT(multiply(amount, {1, 1}, mode).value() == amount);
    RC_ASSERT(multiply(amount, {den, den}, mode).value() == amount);
}

TEST(Allocate, SplitsByLargestRemainder) {
    const std::vector<std::int64_t> thirds = {1, 1, 1};
    auto parts = allocate(money(100, "EUR"), thirds).value();
    EXPECT_EQ(parts, (std::vector<Money>{money(34, "EUR"), money(33, "EUR"), money(33, "EUR")}));
    parts = allocate(money(-100, "EUR"), thirds).value();
    EXPECT_EQ(parts, (std::vector<Money>{money(-34, "EUR"), money(-33, "EUR"), money(-33, "EUR")}));
    // 5 into 3:7 -> exact 1.875 and 3.125 (remainders .875 and .125): 2 and 3.
    const std::vector<std::int64_t> skew = {3, 5};
    EXPECT_EQ(allocate(money(5, "EUR"), skew).value(),
              (std::vector<Money>{money(2, "EUR"), money(3, "EUR")}));
    // Largest remainder wins regardless of position: 10 into 1:1:8 -> 1,1,8.
    const std::vector<std::int64_t> ones = {1, 1, 8};
    EXPECT_EQ(allocate(money(10, "EUR"), ones).value(),
              (std::vector<Money>{money(1, "EUR"), money(1, "EUR"), money(8, "EUR")}));
    // 2 into 1:1:1 -> the tie goes to the earlier parts.
    EXPECT_EQ(allocate(money(2, "EUR"), thirds).value(),
              (std::vector<Money>{money(1, "EUR"), money(1, "EUR"), money(0, "EUR")}));
}

TEST(Allocate, HandlesZeroWeightsZeroTotalAndExtremes) {
    const std::vector<std::int64_t> with_zero = {0, 1, 0, 1};
    EXPECT_EQ(
        allocate(money(3, "EUR"), with_zero).value(),
        (std::vector<Money>{money(0, "EUR"), money(2, "EUR"), money(0, "EUR"), money(1, "EUR")}));
    const std::vector<std::int64_t> one = {7};
    EXPECT_EQ(allocate(money(int64_min, "EUR"), one).value()[0].minor, int64_min);
    const std::vector<std::int64_t> huge = {int64_max, int64_max, 1};
    auto parts = allocate(money(int64_max, "EUR"), huge).value();
    EXPECT_EQ(parts[0].minor + parts[2].minor + (parts[1].minor - int64_max), 0);
    EXPECT_EQ(allocate(money(0, "EUR"), with_zero).value()[1].minor, 0);
}

TEST(Allocate, RejectsBadWeights) {
    const std::vector<std::int64_t> empty;
    const std::vector<std::int64_t> zeros = {0, 0};
    const std::vector<std::int64_t> negative = {1, -1, 2};
    for (const auto& weights : {empty, zeros, negative}) {
        auto result = allocate(money(100, "EUR"), weights);
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().code(), ErrorCode::invalid_argument);
    }
}

TEST(Allocate, EnforcesThePartsLimit) {
    const std::vector<std::int64_t> at_limit(allocation_parts_max, 1);
    EXPECT_TRUE(allocate(money(100, "EUR"), at_limit).ok());
    const std::vector<std::int64_t> over_limit(allocation_parts_max + 1, 1);
    EXPECT_EQ(allocate(money(100, "EUR"), over_limit).error().code(), ErrorCode::limit_exceeded);
}

RC_GTEST_PROP(MoneyProperty, AllocationSumsExactlyAndStaysWithinOneUnit, (std::int64_t minor)) {
    const auto weights = *rc::gen::suchThat(
        rc::gen::container<std::vector<std::int64_t>>(
            rc::gen::oneOf(rc::gen::inRange<std::int64_t>(0, 1000),
                           rc::gen::inRange<std::int64_t>(0, std::int64_t{1} << 56U))),
        [](const std::vector<std::int64_t>& w) {
            return !w.empty() && w.size() <= 50
                   && std::any_of(w.begin(), w.end(), [](std::int64_t x) { return x > 0; });
        });
    const Money total{minor, currency("EUR")};
    auto parts = allocate(total, weights);
    RC_ASSERT(parts.ok());
    RC_ASSERT(parts.value().size() == weights.size());
    Int128 sum = 0;
    Int128 weight_sum = 0;
    for (std::int64_t w : weights) {
        weight_sum += w;
    }
    for (std::size_t index = 0; index < weights.size(); ++index) {
        const Money& part = parts.value()[index];
        RC_ASSERT(part.currency == total.currency);
        sum += part.minor;
        // |part * W - total * w| < W  <=>  the part is within one unit of its exact share.
        // Weights stay below 2^56, so W < 2^62 and both products stay below 2^126.
        const Int128 error = static_cast<Int128>(part.minor) * weight_sum
                             - static_cast<Int128>(total.minor) * weights[index];
        RC_ASSERT(error < weight_sum);
        RC_ASSERT(-error < weight_sum);
        RC_ASSERT(part.minor == 0 || (part.minor < 0) == (total.minor < 0));
    }
    RC_ASSERT(sum == total.minor);
}

TEST(Convert, AdjustsForExponentsAndRoundsOnce) {
    // 10.00 EUR at 163.2 JPY/EUR = 1632 JPY.
    EXPECT_EQ(
        convert(money(1000, "EUR"), currency("JPY"), {1632, 10}, RoundingMode::half_even).value(),
        money(1632, "JPY"));
    // 1000 JPY at 0.006127 EUR/JPY = 6.127 EUR -> 6.13
    EXPECT_EQ(convert(money(1000, "JPY"), currency("EUR"), {6127, 1000000}, RoundingMode::half_even)
                  .value(),
              money(613, "EUR"));
    // 1.00 USD at 0.307 KWD/USD = 0.307 KWD.
    EXPECT_EQ(
        convert(money(100, "USD"), currency("KWD"), {307, 1000}, RoundingMode::half_even).value(),
        money(307, "KWD"));
    // 0.005 KWD at 1/1 into USD: 0.5 cent ties to even 0, half_up gives 1.
    EXPECT_EQ(
        convert(money(5, "KWD"), currency("USD"), {1, 1}, RoundingMode::half_even).value().minor,
        0);
    EXPECT_EQ(
        convert(money(-5, "KWD"), currency("USD"), {1, 1}, RoundingMode::half_up).value().minor,
        -1);
    EXPECT_EQ(
        convert(money(100, "USD"), currency("EUR"), {-9, -10}, RoundingMode::down).value().minor,
        90);
}

TEST(Convert, RejectsBadRatesAndOverflow) {
    for (Rational rate : {Rational{0, 1}, Rational{1, 0}, Rational{-1, 2}, Rational{1, -2}}) {
        EXPECT_EQ(convert(money(100, "USD"), currency("EUR"), rate, RoundingMode::half_even)
                      .error()
                      .code(),
                  ErrorCode::invalid_argument);
    }
    EXPECT_EQ(convert(money(int64_max, "JPY"), currency("CLF"), {1, 1}, RoundingMode::half_even)
                  .error()
                  .code(),
              ErrorCode::limit_exceeded);
    EXPECT_EQ(convert(money(int64_max, "EUR"), currency("USD"), {int64_max, 1}, RoundingMode::down)
                  .error()
                  .code(),
              ErrorCode::limit_exceeded);
}

TEST(Rational, ParsesDecimals) {
    EXPECT_EQ(Rational::parse("1.0825").value(), (Rational{10825, 10000}));
    EXPECT_EQ(Rational::parse("-0.5").value(), (Rational{-5, 10}));
    EXPECT_EQ(Rational::parse("3").value(), (Rational{3, 1}));
    EXPECT_EQ(Rational::parse("0.000000000000000001").value(), (Rational{1, 1000000000000000000}));
    EXPECT_FALSE(Rational::parse("0.0000000000000000001").ok());
    EXPECT_FALSE(Rational::parse("1e3").ok());
    EXPECT_FALSE(Rational::parse("").ok());
    EXPECT_EQ(Rational::parse("x").error().fields().at(0).field, "rate");
}

}  // namespace
}  // namespace bo::core
