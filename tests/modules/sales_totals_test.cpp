// Goal: the arithmetic of order lines (modules/sales/totals.hpp) is exact and safe: per-line
// rounding, discounts never make a line negative, tax is never negative, inclusive and
// exclusive prices agree on net + tax, and an overflow is a clear field error that never wraps.
// Method: examples for the documented rounding, then rapidcheck properties over random prices,
// quantities, discounts and rates (a failure prints its seed for replay).
#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "modules/sales/totals.hpp"

namespace bo::modules::sales {
namespace {

core::Currency usd() {
    return core::Currency::create("USD").value();
}

core::Rational percent(const std::string& text) {
    return parse_percent(text, "p").value();
}

TEST(SalesTotals, RoundsOncePerStepHalfEven) {
    // 3 x 19.99 = 59.97; 10 % off = 53.973 -> 53.97; 8.875 % tax = 4.7898... -> 4.79.
    const auto amounts = line_amounts(core::Money{1999, usd()},
                                      3000,
                                      percent("10"),
                                      percent("8.875"),
                                      TaxInclusion::exclusive,
                                      "lines/0/unit_price");
    ASSERT_TRUE(amounts.ok()) << amounts.error().message();
    EXPECT_EQ(amounts->gross.minor, 5997);
    EXPECT_EQ(amounts->net.minor, 5397);
    EXPECT_EQ(amounts->tax.minor, 479);
    // 2.5 kg at 0.99: 2.475 -> 2.48 (half-even: 247.5 -> 248).
    const auto weighed = line_amounts(
        core::Money{99, usd()}, 2500, percent("0"), percent("0"), TaxInclusion::exclusive, "f");
    ASSERT_TRUE(weighed.ok());
    EXPECT_EQ(weighed->gross.minor, 248);
}

TEST(SalesTotals, InclusivePricesSplitOutTheTax) {
    // 119.00 including 19 % is 100.00 net and 19.00 tax.
    const auto amounts = line_amounts(
        core::Money{11900, usd()}, 1000, percent("0"), percent("19"), TaxInclusion::inclusive, "f");
    ASSERT_TRUE(amounts.ok());
    EXPECT_EQ(amounts->net.minor, 10000);
    EXPECT_EQ(amounts->tax.minor, 1900);
}

TEST(SalesTotals, OverflowIsAFieldErrorNotAWrap) {
    const auto amounts = line_amounts(core::Money{std::numeric_limits<std::int64_t>::max(), usd()},
                                      1'000'000,
                                      percent("0"),
                                      percent("10"),
                                      TaxInclusion::exclusive,
                                      "lines/3/unit_price");
    ASSERT_FALSE(amounts.ok());
    EXPECT_EQ(amounts.error().code(), core::ErrorCode::invalid_argument);
    ASSERT_EQ(amounts.error().fields().size(), 1U);
    EXPECT_EQ(amounts.error().fields().front().field, "lines/3/unit_price");
}

TEST(SalesTotals, PercentagesAreExactAndBounded) {
    EXPECT_EQ(percent("8.875"), (core::Rational{8875, 1000}));
    for (const char* bad : {"-1", "100.01", "1.23456", "abc", ""}) {
        EXPECT_FALSE(parse_percent(bad, "discount_percent").ok()) << bad;
    }
    EXPECT_TRUE(parse_percent("100", "d").ok());
}

RC_GTEST_PROP(SalesTotalsProperty, LinesAreNeverNegativeAndAddUp, ()) {
    const std::int64_t price = *rc::gen::inRange<std::int64_t>(0, 100'000'000);
    const std::int64_t quantity = *rc::gen::inRange<std::int64_t>(1, 1'000'000'000);
    const std::int64_t discount_bp = *rc::gen::inRange<std::int64_t>(0, 1'000'001);
    const std::int64_t tax_bp = *rc::gen::inRange<std::int64_t>(0, 1'000'001);
    const core::Rational discount{discount_bp, 10'000};
    const core::Rational tax{tax_bp, 10'000};
    for (const TaxInclusion prices : {TaxInclusion::exclusive, TaxInclusion::inclusive}) {
        const auto amounts =
            line_amounts(core::Money{price, usd()}, quantity, discount, tax, prices, "f");
        RC_ASSERT(amounts.ok());
        RC_ASSERT(amounts->net.minor >= 0);
        RC_ASSERT(amounts->tax.minor >= 0);
        RC_ASSERT(amounts->net.minor <= amounts->gross.minor);
        if (prices == TaxInclusion::inclusive) {
            // The customer pays the discounted price: net + tax is exactly that amount.
            const auto exclusive = line_amounts(core::Money{price, usd()},
                                                quantity,
                                                discount,
                                                {0, 1},
                                                TaxInclusion::exclusive,
                                                "f");
            RC_ASSERT(amounts->net.minor + amounts->tax.minor == exclusive->net.minor);
        }
    }
}

RC_GTEST_PROP(SalesTotalsProperty, HugeLinesFailCleanly, ()) {
    const std::int64_t price =
        *rc::gen::inRange<std::int64_t>(1, std::numeric_limits<std::int64_t>::max());
    const std::int64_t quantity = *rc::gen::inRange<std::int64_t>(1, 1'000'000'000'000);
    const auto amounts = line_amounts(
        core::Money{price, usd()}, quantity, {0, 1}, {25, 1}, TaxInclusion::exclusive, "f");
    if (!amounts.ok()) {
        RC_ASSERT(amounts.error().code() == core::ErrorCode::invalid_argument);
        RC_ASSERT(amounts.error().fields().front().field == std::string("f"));
    } else {
        RC_ASSERT(amounts->net.minor >= 0);
        RC_ASSERT(amounts->tax.minor >= 0);
    }
}

}  // namespace
}  // namespace bo::modules::sales
