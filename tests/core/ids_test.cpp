// Goal: prove that Id<Tag> is a distinct, explicit, comparable, hashable type.
// Method: compile-time checks for what must not compile, runtime checks for values.
#include "core/ids.hpp"

#include <type_traits>
#include <unordered_set>

#include <gtest/gtest.h>

namespace bo::core {
namespace {

struct WidgetTag;
struct GadgetTag;
using WidgetId = Id<WidgetTag>;
using GadgetId = Id<GadgetTag>;

static_assert(!std::is_convertible_v<std::int64_t, WidgetId>, "construction is explicit");
static_assert(!std::is_convertible_v<WidgetId, GadgetId>, "ids of different tags never mix");
static_assert(!std::is_convertible_v<WidgetId, std::int64_t>, "no implicit way back either");
static_assert(sizeof(WidgetId) == sizeof(std::int64_t), "an id costs what an int64 costs");
static_assert(std::is_trivially_copyable_v<WidgetId>);

TEST(Id, ComparesAndHashesByValue) {
    EXPECT_EQ(WidgetId(7), WidgetId(7));
    EXPECT_NE(WidgetId(7), WidgetId(8));
    EXPECT_LT(WidgetId(7), WidgetId(8));
    EXPECT_EQ(WidgetId(7).value(), 7);
    EXPECT_EQ(WidgetId().value(), 0);
    EXPECT_EQ(WidgetId(42).to_string(), "42");
    std::unordered_set<WidgetId> set = {WidgetId(1), WidgetId(2), WidgetId(1)};
    EXPECT_EQ(set.size(), 2U);
}

TEST(Id, ParsesPositiveDecimals) {
    EXPECT_EQ(WidgetId::parse("42").value(), WidgetId(42));
    EXPECT_EQ(WidgetId::parse("9223372036854775807").value().value(), INT64_MAX);
    for (const char* text :
         {"", "0", "-1", "+1", "042", "4 2", "42 ", "x", "9223372036854775808", "1e3"}) {
        auto result = WidgetId::parse(text);
        ASSERT_FALSE(result.ok()) << text;
        EXPECT_EQ(result.error().fields().at(0).field, "id");
    }
}

}  // namespace
}  // namespace bo::core
