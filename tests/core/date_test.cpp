// Goal: prove the contracts of Date, HolidayCalendar, Instant, TimeZone, business_date and the
// clocks, with invalid inputs as carefully as valid ones.
// Method: hand-checked tables (leap years, month ends, weekdays known from a calendar) and
// rapidcheck properties for round trips and the business-day laws.
#include "core/date.hpp"

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/limits.hpp"
#include "core/printers.hpp"

namespace bo::core {
namespace {

Date date(std::string_view text) {
    return Date::parse(text).value();
}

rc::Gen<Date> gen_date() {
    return rc::gen::map(
        rc::gen::inRange<std::int64_t>(Date::days_min, Date::days_max + 1),
        [](std::int64_t days) { return Date::from_days_since_epoch(days).value(); });
}

// Dates away from the ends of the range, so that business-day walks stay inside it.
rc::Gen<Date> gen_modern_date() {
    return rc::gen::map(rc::gen::inRange<std::int64_t>(-36'500, 36'500), [](std::int64_t days) {
        return Date::from_days_since_epoch(days).value();
    });
}

TEST(Date, ParsesAndFormatsStrictIso8601) {
    const Date d = date("2025-03-07");
    EXPECT_EQ(d.year(), 2025);
    EXPECT_EQ(d.month(), 3);
    EXPECT_EQ(d.day(), 7);
    EXPECT_EQ(d.to_string(), "2025-03-07");
    EXPECT_EQ(date("1970-01-01").days_since_epoch(), 0);
    EXPECT_EQ(date("0001-01-01").days_since_epoch(), Date::days_min);
    EXPECT_EQ(date("9999-12-31").days_since_epoch(), Date::days_max);
    EXPECT_EQ(date("2024-02-29").to_string(), "2024-02-29");
    EXPECT_EQ(date("2000-02-29").to_string(), "2000-02-29");
}

TEST(Date, RejectsInvalidText) {
    for (const char* text :
         {"",           "2025-02-30",  "2025-02-29",  "1900-02-29",  "2025-2-3",      "2025-02-3",
          "25-02-03",   "2025-13-01",  "2025-00-10",  "2025-01-00",  "2025-01-32",    "0000-01-01",
          "2025/01/01", "2025-01-01T", "2025-01-01 ", " 2025-01-01", "+2025-01-01",   "2025-01-0a",
          "20250101",   "2025-1-011",  "-001-01-01",  "2025-04-31",  "２０２５-01-01"}) {
        auto result = Date::parse(text);
        ASSERT_FALSE(result.ok()) << text;
        EXPECT_EQ(result.error().code(), ErrorCode::invalid_argument) << text;
        EXPECT_EQ(result.error().fields().at(0).field, "date") << text;
    }
}

TEST(Date, CreateValidatesEachComponent) {
    EXPECT_TRUE(Date::create(2024, 2, 29).ok());
    EXPECT_FALSE(Date::create(2023, 2, 29).ok());
    EXPECT_FALSE(Date::create(0, 1, 1).ok());
    EXPECT_FALSE(Date::create(10000, 1, 1).ok());
    EXPECT_FALSE(Date::create(2024, 0, 1).ok());
    EXPECT_FALSE(Date::create(2024, 13, 1).ok());
    EXPECT_FALSE(Date::create(2024, 1, 0).ok());
    EXPECT_FALSE(Date::create(2024, 1, -5).ok());
    EXPECT_FALSE(Date::create(2024, 1, 300).ok());
    EXPECT_FALSE(Date::from_days_since_epoch(Date::days_max + 1).ok());
    EXPECT_FALSE(Date::from_days_since_epoch(Date::days_min - 1).ok());
}

TEST(Date, KnowsWeekdays) {
    EXPECT_EQ(date("1970-01-01").weekday(), Weekday::thursday);
    EXPECT_EQ(date("2000-01-01").weekday(), Weekday::saturday);
    EXPECT_EQ(date("2025-03-03").weekday(), Weekday::monday);
    EXPECT_EQ(date("2025-03-09").weekday(), Weekday::sunday);
    EXPECT_EQ(date("0001-01-01").weekday(), Weekday::monday);
    EXPECT_EQ(to_string(Weekday::wednesday), "wednesday");
}

TEST(Date, AddsDaysWithinRange) {
    EXPECT_EQ(date("2024-12-31").add_days(1).value(), date("2025-01-01"));
    EXPECT_EQ(date("2024-03-01").add_days(-1).value(), date("2024-02-29"));
    EXPECT_EQ(date("2024-03-01").add_days(0).value(), date("2024-03-01"));
    EXPECT_FALSE(date("9999-12-31").add_days(1).ok());
    EXPECT_FALSE(date("0001-01-01").add_days(-1).ok());
    EXPECT_FALSE(date("2000-01-01").add_days(INT64_MAX).ok());
    EXPECT_FALSE(date("2000-01-01").add_days(INT64_MIN).ok());
    EXPECT_EQ(days_between(date("2024-01-01"), date("2025-01-01")), 366);
    EXPECT_EQ(days_between(date("2025-01-01"), date("2024-01-01")), -366);
}

TEST(Date, AddsMonthsClampedToMonthEnd) {
    EXPECT_EQ(date("2025-01-31").add_months(1).value(), date("2025-02-28"));
    EXPECT_EQ(date("2024-01-31").add_months(1).value(), date("2024-02-29"));
    EXPECT_EQ(date("2024-03-31").add_months(-1).value(), date("2024-02-29"));
    EXPECT_EQ(date("2024-05-31").add_months(1).value(), date("2024-06-30"));
    EXPECT_EQ(date("2024-11-15").add_months(2).value(), date("2025-01-15"));
    EXPECT_EQ(date("2024-01-15").add_months(-13).value(), date("2022-12-15"));
    EXPECT_EQ(date("2024-02-29").add_months(12).value(), date("2025-02-28"));
    EXPECT_EQ(date("9999-11-30").add_months(1).value(), date("9999-12-30"));
    EXPECT_FALSE(date("9999-12-01").add_months(1).ok());
    EXPECT_FALSE(date("0001-01-31").add_months(-1).ok());
    EXPECT_FALSE(date("2000-01-01").add_months(INT64_MAX).ok());
}

TEST(Date, FindsMonthBounds) {
    EXPECT_EQ(date("2024-02-10").start_of_month(), date("2024-02-01"));
    EXPECT_EQ(date("2024-02-10").end_of_month(), date("2024-02-29"));
    EXPECT_EQ(date("2023-02-10").end_of_month(), date("2023-02-28"));
    EXPECT_EQ(date("2023-12-31").end_of_month(), date("2023-12-31"));
    EXPECT_EQ(date("9999-12-05").end_of_month(), date("9999-12-31"));
    EXPECT_EQ(date("0001-01-05").start_of_month(), date("0001-01-01"));
}

TEST(Date, OrdersChronologically) {
    EXPECT_LT(date("2024-12-31"), date("2025-01-01"));
    EXPECT_EQ(date("2025-01-01"), date("2025-01-01"));
    EXPECT_EQ(std::hash<Date>{}(date("2025-01-01")), std::hash<Date>{}(date("2025-01-01")));
}

RC_GTEST_PROP(DateProperty, ParseInvertsToString, ()) {
    const Date d = *gen_date();
    RC_ASSERT(Date::parse(d.to_string()).value() == d);
    RC_ASSERT(Date::create(d.year(), d.month(), d.day()).value() == d);
}

RC_GTEST_PROP(DateProperty, AddMonthsStaysInTargetMonthAndNeverPassesItsEnd, ()) {
    const Date d = *gen_modern_date();
    const auto months = *rc::gen::inRange<std::int64_t>(-1200, 1200);
    const Date moved = d.add_months(months).value();
    const std::int64_t month_delta =
        (moved.year() - d.year()) * std::int64_t{12} + (moved.month() - d.month());
    RC_ASSERT(month_delta == months);
    RC_ASSERT(moved.day() == d.day() || moved == moved.end_of_month());
}

// --- HolidayCalendar ------------------------------------------------------------------------

HolidayCalendar calendar_2025() {
    // New Year, Good Friday, Easter Monday, Christmas, Boxing Day; one holiday on a Saturday.
    return HolidayCalendar::create({date("2025-01-01"),
                                    date("2025-04-18"),
                                    date("2025-04-21"),
                                    date("2025-12-25"),
                                    date("2025-12-26"),
                                    date("2025-11-01")})
        .value();
}

TEST(HolidayCalendar, KnowsBusinessDays) {
    const HolidayCalendar calendar = calendar_2025();
    EXPECT_TRUE(calendar.is_business_day(date("2025-01-02")));
    EXPECT_FALSE(calendar.is_business_day(date("2025-01-01")));
    EXPECT_FALSE(calendar.is_business_day(date("2025-01-04")));  // Saturday
    EXPECT_FALSE(calendar.is_business_day(date("2025-01-05")));  // Sunday
}

TEST(HolidayCalendar, AddsBusinessDaysBothWays) {
    const HolidayCalendar calendar = calendar_2025();
    // Thursday before Easter + 1 skips Good Friday, the weekend and Easter Monday.
    EXPECT_EQ(calendar.add_business_days(date("2025-04-17"), 1).value(), date("2025-04-22"));
    EXPECT_EQ(calendar.add_business_days(date("2025-04-22"), -1).value(), date("2025-04-17"));
    EXPECT_EQ(calendar.add_business_days(date("2025-12-24"), 1).value(), date("2025-12-29"));
    EXPECT_EQ(calendar.add_business_days(date("2025-01-06"), 5).value(), date("2025-01-13"));
    EXPECT_EQ(calendar.add_business_days(date("2025-01-06"), -5).value(), date("2024-12-27"));
    // From a Saturday: +1 is Monday, -1 is Friday; 0 leaves the date alone.
    EXPECT_EQ(calendar.add_business_days(date("2025-01-04"), 1).value(), date("2025-01-06"));
    EXPECT_EQ(calendar.add_business_days(date("2025-01-04"), -1).value(), date("2025-01-03"));
    EXPECT_EQ(calendar.add_business_days(date("2025-01-04"), 0).value(), date("2025-01-04"));
}

TEST(HolidayCalendar, NextAndRollForward) {
    const HolidayCalendar calendar = calendar_2025();
    EXPECT_EQ(calendar.next_business_day(date("2025-01-02")).value(), date("2025-01-03"));
    EXPECT_EQ(calendar.next_business_day(date("2025-01-03")).value(), date("2025-01-06"));
    EXPECT_EQ(calendar.roll_forward(date("2025-01-03")).value(), date("2025-01-03"));
    EXPECT_EQ(calendar.roll_forward(date("2025-01-04")).value(), date("2025-01-06"));
    EXPECT_EQ(calendar.roll_forward(date("2024-12-31")).value(), date("2024-12-31"));
}

TEST(HolidayCalendar, CountsBusinessDaysHalfOpen) {
    const HolidayCalendar calendar = calendar_2025();
    EXPECT_EQ(calendar.business_days_between(date("2025-01-06"), date("2025-01-13")), 5);
    EXPECT_EQ(calendar.business_days_between(date("2025-01-06"), date("2025-01-06")), 0);
    EXPECT_EQ(calendar.business_days_between(date("2025-01-13"), date("2025-01-06")), -5);
    // April 2025: 22 weekdays minus Good Friday and Easter Monday.
    EXPECT_EQ(calendar.business_days_between(date("2025-04-01"), date("2025-05-01")), 20);
    // 2025: 261 weekdays minus the 5 weekday holidays (Nov 1 is a Saturday).
    EXPECT_EQ(calendar.business_days_between(date("2025-01-01"), date("2026-01-01")), 256);
}

TEST(HolidayCalendar, SupportsOtherWeekends) {
    // Friday-Saturday weekend (e.g. Gulf states).
    auto calendar = HolidayCalendar::create({}, {Weekday::friday, Weekday::saturday}).value();
    EXPECT_TRUE(calendar.is_business_day(date("2025-01-05")));   // Sunday
    EXPECT_FALSE(calendar.is_business_day(date("2025-01-03")));  // Friday
    EXPECT_EQ(calendar.add_business_days(date("2025-01-02"), 1).value(), date("2025-01-05"));
    auto seven_days = HolidayCalendar::create({}, {}).value();
    EXPECT_EQ(seven_days.business_days_between(date("2025-01-01"), date("2025-02-01")), 31);
}

TEST(HolidayCalendar, ValidatesItsInputs) {
    auto all_weekend = HolidayCalendar::create({},
                                               {Weekday::monday,
                                                Weekday::tuesday,
                                                Weekday::wednesday,
                                                Weekday::thursday,
                                                Weekday::friday,
                                                Weekday::saturday,
                                                Weekday::sunday});
    EXPECT_EQ(all_weekend.error().code(), ErrorCode::invalid_argument);
    std::vector<Date> at_limit(calendar_holidays_max, date("2025-01-01"));
    EXPECT_TRUE(HolidayCalendar::create(at_limit).ok());
    at_limit.push_back(date("2025-01-02"));
    EXPECT_EQ(HolidayCalendar::create(at_limit).error().code(), ErrorCode::limit_exceeded);
}

TEST(HolidayCalendar, BoundsTheOffsetAndTheRange) {
    const HolidayCalendar calendar = calendar_2025();
    const auto at_limit = static_cast<int>(business_day_offset_max);
    EXPECT_TRUE(calendar.add_business_days(date("2025-01-01"), at_limit).ok());
    EXPECT_TRUE(calendar.add_business_days(date("2025-01-01"), -at_limit).ok());
    EXPECT_EQ(calendar.add_business_days(date("2025-01-01"), at_limit + 1).error().code(),
              ErrorCode::limit_exceeded);
    EXPECT_EQ(calendar.add_business_days(date("2025-01-01"), -at_limit - 1).error().code(),
              ErrorCode::limit_exceeded);
    EXPECT_EQ(calendar.add_business_days(date("9999-12-31"), 1).error().code(),
              ErrorCode::invalid_argument);
    EXPECT_EQ(calendar.add_business_days(date("0001-01-01"), -1).error().code(),
              ErrorCode::invalid_argument);
}

// A calendar with random weekend days and holidays clustered within 500 days of `center`, so
// that walks and counts from `center` actually meet them.
HolidayCalendar random_calendar(Date center) {
    const auto holiday_offsets =
        *rc::gen::container<std::vector<std::int64_t>>(rc::gen::inRange<std::int64_t>(-500, 500));
    std::vector<Date> holidays;
    holidays.reserve(holiday_offsets.size());
    for (std::int64_t offset : holiday_offsets) {
        holidays.push_back(center.add_days(offset).value());
    }
    auto weekend = *rc::gen::container<std::vector<Weekday>>(
        rc::gen::map(rc::gen::inRange(1, 8), [](int n) { return static_cast<Weekday>(n); }));
    if (weekend.size() >= 7) {
        weekend.resize(2);
    }
    auto calendar = HolidayCalendar::create(holidays, weekend);
    RC_PRE(calendar.ok());
    return std::move(calendar).value();
}

RC_GTEST_PROP(DateProperty, AddBusinessDaysLandsOnABusinessDay, ()) {
    const Date start = *gen_modern_date();
    const HolidayCalendar calendar = random_calendar(start);
    const int n = *rc::gen::inRange(-400, 401);
    const Date end = calendar.add_business_days(start, n).value();
    if (n != 0) {
        RC_ASSERT(calendar.is_business_day(end));
    }
    const bool moved_the_right_way = n >= 0 ? start <= end : end < start;
    RC_ASSERT(moved_the_right_way);
    // Counting back over the half-open range gives n again when we start on a business day.
    if (calendar.is_business_day(start)) {
        const std::int64_t counted = n >= 0 ? calendar.business_days_between(start, end)
                                            : -calendar.business_days_between(end, start);
        RC_ASSERT(counted == n);
    }
}

RC_GTEST_PROP(DateProperty, BusinessDaysBetweenMatchesADayByDayCount, ()) {
    const Date from = *gen_modern_date();
    const HolidayCalendar calendar = random_calendar(from);
    const Date to = from.add_days(*rc::gen::inRange<std::int64_t>(0, 800)).value();
    std::int64_t count = 0;
    for (Date d = from; d < to; d = d.add_days(1).value()) {
        count += calendar.is_business_day(d) ? 1 : 0;
    }
    RC_ASSERT(calendar.business_days_between(from, to) == count);
    RC_ASSERT(calendar.business_days_between(to, from) == -count);
}

// --- Instant and TimeZone -------------------------------------------------------------------

Instant instant(std::string_view text) {
    return Instant::parse_rfc3339(text).value();
}

TEST(Instant, ParsesRfc3339) {
    EXPECT_EQ(instant("1970-01-01T00:00:00Z").unix_micros(), 0);
    EXPECT_EQ(instant("1970-01-01T00:00:01.5Z").unix_micros(), 1'500'000);
    EXPECT_EQ(instant("1970-01-01T00:00:00.000001Z").unix_micros(), 1);
    EXPECT_EQ(instant("1970-01-01T00:00:00.123456789Z").unix_micros(), 123'456);
    EXPECT_EQ(instant("1970-01-01t01:00:00+01:00").unix_micros(), 0);
    EXPECT_EQ(instant("1969-12-31T19:00:00-05:00").unix_micros(), 0);
    EXPECT_EQ(instant("1970-01-01T00:00:00-00:00").unix_micros(), 0);
    EXPECT_EQ(instant("1970-01-01T00:00:00z").unix_micros(), 0);
    EXPECT_EQ(instant("2025-03-01T09:30:00Z").to_rfc3339(), "2025-03-01T09:30:00.000000Z");
    EXPECT_EQ(instant("1969-12-31T23:59:59.999999Z").unix_micros(), -1);
    EXPECT_EQ(instant("0001-01-01T00:00:00Z").unix_micros(), Instant::unix_micros_min);
    EXPECT_EQ(instant("9999-12-31T23:59:59.999999Z").unix_micros(), Instant::unix_micros_max);
}

TEST(Instant, RejectsInvalidText) {
    for (const char* text : {"",
                             "2025-03-01",
                             "2025-03-01T09:30:00",
                             "2025-03-01 09:30:00Z",
                             "2025-03-01T09:30Z",
                             "2025-03-01T24:00:00Z",
                             "2025-03-01T09:60:00Z",
                             "2025-03-01T09:30:60Z",
                             "2025-02-30T09:30:00Z",
                             "2025-03-01T09:30:00.Z",
                             "2025-03-01T09:30:00.1234567890Z",
                             "2025-03-01T09:30:00+0100",
                             "2025-03-01T09:30:00+24:00",
                             "2025-03-01T09:30:00+01:60",
                             "2025-03-01T09:30:00ZZ",
                             "2025-03-01T09:30:00Z ",
                             "2025-03-01T9:30:00Z",
                             "0001-01-01T00:00:00+00:01",
                             "9999-12-31T23:59:59-00:01"}) {
        auto result = Instant::parse_rfc3339(text);
        ASSERT_FALSE(result.ok()) << text;
        EXPECT_EQ(result.error().fields().at(0).field, "instant") << text;
    }
    EXPECT_FALSE(Instant::from_unix_micros(Instant::unix_micros_max + 1).ok());
    EXPECT_FALSE(Instant::from_unix_micros(Instant::unix_micros_min - 1).ok());
}

TEST(Instant, FormatsNegativeInstants) {
    EXPECT_EQ(Instant(-1).to_rfc3339(), "1969-12-31T23:59:59.999999Z");
    EXPECT_EQ(Instant(Instant::unix_micros_min).to_rfc3339(), "0001-01-01T00:00:00.000000Z");
    EXPECT_EQ(Instant(Instant::unix_micros_max).to_rfc3339(), "9999-12-31T23:59:59.999999Z");
}

RC_GTEST_PROP(InstantProperty, ParseInvertsToRfc3339, ()) {
    const auto micros =
        *rc::gen::inRange<std::int64_t>(Instant::unix_micros_min, Instant::unix_micros_max);
    const Instant original(micros);
    RC_ASSERT(Instant::parse_rfc3339(original.to_rfc3339()).value() == original);
}

TEST(TimeZone, ParsesOffsetsAndUtc) {
    EXPECT_EQ(TimeZone::parse("UTC").value(), TimeZone::utc());
    EXPECT_EQ(TimeZone::parse("Z").value().offset_minutes(), 0);
    EXPECT_EQ(TimeZone::parse("+02:00").value().offset_minutes(), 120);
    EXPECT_EQ(TimeZone::parse("-05:30").value().offset_minutes(), -330);
    EXPECT_EQ(TimeZone::parse("-05:30").value().name(), "-05:30");
    EXPECT_EQ(TimeZone::parse("+00:00").value().name(), "UTC");
    EXPECT_EQ(TimeZone::fixed(14 * 60).value().name(), "+14:00");
    for (const char* text : {"", "utc", "Europe/Paris", "+2", "+02", "+0200", "+19:00", "02:00"}) {
        auto result = TimeZone::parse(text);
        ASSERT_FALSE(result.ok()) << text;
        EXPECT_EQ(result.error().fields().at(0).field, "time_zone");
    }
    EXPECT_TRUE(TimeZone::fixed(18 * 60).ok());
    EXPECT_FALSE(TimeZone::fixed(18 * 60 + 1).ok());
    EXPECT_FALSE(TimeZone::fixed(-18 * 60 - 1).ok());
}

TEST(BusinessDate, UsesTheCompanyOffset) {
    const Instant late_evening_utc = instant("2025-03-31T23:30:00Z");
    EXPECT_EQ(business_date(late_evening_utc, TimeZone::utc()), date("2025-03-31"));
    EXPECT_EQ(business_date(late_evening_utc, TimeZone::parse("+01:00").value()),
              date("2025-04-01"));
    EXPECT_EQ(business_date(instant("2025-04-01T03:00:00Z"), TimeZone::parse("-05:00").value()),
              date("2025-03-31"));
    EXPECT_EQ(business_date(Instant(-1), TimeZone::utc()), date("1969-12-31"));
    // Clamped at the ends of the range.
    EXPECT_EQ(business_date(Instant(Instant::unix_micros_min), TimeZone::parse("-01:00").value()),
              date("0001-01-01"));
    EXPECT_EQ(business_date(Instant(Instant::unix_micros_max), TimeZone::parse("+01:00").value()),
              date("9999-12-31"));
}

TEST(Clock, FixedClockIsSettable) {
    FixedClock clock(instant("2025-01-01T00:00:00Z"));
    const Clock& as_interface = clock;
    EXPECT_EQ(as_interface.now(), instant("2025-01-01T00:00:00Z"));
    clock.advance(1'000'000);
    EXPECT_EQ(as_interface.now(), instant("2025-01-01T00:00:01Z"));
    clock.advance(-2'000'000);
    EXPECT_EQ(as_interface.now(), instant("2024-12-31T23:59:59Z"));
    clock.set(instant("2030-06-01T12:00:00Z"));
    EXPECT_EQ(as_interface.now().to_rfc3339(), "2030-06-01T12:00:00.000000Z");
}

TEST(Clock, FixedClockCanBeReadFromOtherThreads) {
    FixedClock clock(Instant(0));
    std::thread reader([&clock] {
        for (int round = 0; round < 1000; ++round) {
            EXPECT_GE(clock.now().unix_micros(), 0);
        }
    });
    for (int round = 0; round < 1000; ++round) {
        clock.advance(1);
    }
    reader.join();
    EXPECT_EQ(clock.now().unix_micros(), 1000);
}

TEST(Clock, SystemClockIsAfter2024) {
    const SystemClock clock;
    EXPECT_GT(clock.now(), instant("2024-01-01T00:00:00Z"));
    EXPECT_LT(clock.now(), instant("2200-01-01T00:00:00Z"));
}

TEST(ClockDeathTest, FixedClockRefusesToLeaveTheRange) {
    FixedClock clock{Instant{Instant::unix_micros_max}};
    EXPECT_DEATH(clock.advance(1), "assertion failed");
}

}  // namespace
}  // namespace bo::core
