// What billing gets per shipment: each shipment of an order line carries its share of the
// line's net and tax (internal::share, cumulative half-even rounding). The shares of any
// partition of the line's quantity must add up to the line's amount exactly, each share lies
// between the floor and the ceiling of its exact value, and an equal split rounds half-even.
//
// Method: rapidcheck over random amounts and random partitions of a quantity, plus fixed cases.
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "modules/fulfilment/internal.hpp"

namespace bo::modules::fulfilment {
namespace {

const core::Currency usd = core::Currency::create("USD").value();

core::Money money(std::int64_t minor) {
    return core::Money{minor, usd};
}

RC_GTEST_PROP(ShipmentShare, PartsOfAPartitionAddUpToTheWhole, ()) {
    const std::int64_t total = *rc::gen::inRange<std::int64_t>(0, 1'000'000'000'000);
    const std::vector<std::int64_t> parts = *rc::gen::nonEmpty(
        rc::gen::container<std::vector<std::int64_t>>(rc::gen::inRange<std::int64_t>(1, 100'000)));
    std::int64_t whole = 0;
    for (const std::int64_t part : parts) {
        whole += part;
    }
    std::int64_t before = 0;
    std::int64_t sum = 0;
    for (const std::int64_t part : parts) {
        const core::Result<core::Money> share = internal::share(money(total), before, part, whole);
        RC_ASSERT(share.ok());
        // Within one minor unit of the exact share total * part / whole.
        const core::Int128 exact_times_whole = static_cast<core::Int128>(total) * part;
        const core::Int128 got_times_whole = static_cast<core::Int128>(share->minor) * whole;
        const core::Int128 difference = got_times_whole - exact_times_whole;
        RC_ASSERT(difference < static_cast<core::Int128>(whole));
        RC_ASSERT(difference > -static_cast<core::Int128>(whole));
        RC_ASSERT(share->minor >= 0);
        sum += share->minor;
        before += part;
    }
    RC_ASSERT(sum == total);
}

TEST(ShipmentShare, ThreeEqualShipmentsOfOneCentEach) {
    // 0.10 over three shipments of one unit: 0.03, 0.04 (the cumulative 6.67 rounds to 7), 0.03.
    EXPECT_EQ(internal::share(money(10), 0, 1000, 3000)->minor, 3);
    EXPECT_EQ(internal::share(money(10), 1000, 1000, 3000)->minor, 4);
    EXPECT_EQ(internal::share(money(10), 2000, 1000, 3000)->minor, 3);
}

TEST(ShipmentShare, TheWholeLineInOneShipmentIsItsAmount) {
    EXPECT_EQ(internal::share(money(123'456), 0, 2500, 2500)->minor, 123'456);
    EXPECT_EQ(internal::share(money(0), 0, 1, 7)->minor, 0);
}

}  // namespace
}  // namespace bo::modules::fulfilment
