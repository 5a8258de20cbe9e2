// Calendar dates, business-day calendars, instants, time zones and clocks.
//
// Purpose: accounting works on civil dates (`Date`, "YYYY-MM-DD"); records are stamped with
// UTC instants (`Instant`, microseconds since 1970-01-01T00:00:00Z, RFC 3339 on the wire).
// Exactly one function, `business_date`, turns an instant into a date, using the company's
// time zone. Domain code receives a `Clock&` and never reads the system time itself.
//
// Invariants:
// - A Date lies in 0001-01-01..9999-12-31 (four-digit ISO 8601 years); only the factories
//   build one, so every Date is a real calendar day. Arithmetic leaving the range is an error.
// - An Instant lies in 0001-01-01T00:00:00Z..9999-12-31T23:59:59.999999Z.
// - A HolidayCalendar has at least one working weekday, so every business-day search ends.
// - Ranges are half-open: [from, to).
//
// Thread safety: Date, Instant, TimeZone and HolidayCalendar are immutable values, safe to
// share. SystemClock is stateless. FixedClock may be set from one thread while others read.
#pragma once

#include <atomic>
#include <compare>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace bo::core {

// ISO 8601 weekday numbers: monday = 1 .. sunday = 7.
enum class Weekday { monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday };

// The wire name of a weekday ("monday", ...).
std::string_view to_string(Weekday weekday) noexcept;

class Date {
public:
    // Days since 1970-01-01 of the first and last representable dates.
    static constexpr std::int32_t days_min = -719'162;   // 0001-01-01
    static constexpr std::int32_t days_max = 2'932'896;  // 9999-12-31

    // The date year-month-day. Errors: invalid_argument (field "date") unless it is a real
    // calendar day in years 1..9999 (so 2025-02-29 and 2025-13-01 are refused).
    [[nodiscard]] static Result<Date> create(int year, int month, int day);

    // Strict ISO 8601 calendar date "YYYY-MM-DD": exactly 10 characters, zero-padded, no
    // time, no spaces. Errors: invalid_argument (field "date") for anything else.
    [[nodiscard]] static Result<Date> parse(std::string_view text);

    // The date `days` after 1970-01-01. Errors: invalid_argument outside days_min..days_max.
    [[nodiscard]] static Result<Date> from_days_since_epoch(std::int64_t days);

    std::int32_t days_since_epoch() const noexcept { return days_; }

    int year() const noexcept;

    int month() const noexcept;  // 1..12

    int day() const noexcept;  // 1..31

    Weekday weekday() const noexcept;

    // "YYYY-MM-DD"; parse(to_string()) gives back the same date.
    std::string to_string() const;

    // The date `days` later (earlier if negative). Errors: invalid_argument if out of range.
    [[nodiscard]] Result<Date> add_days(std::int64_t days) const;

    // The same day `months` later (earlier if negative), clamped to the end of the target
    // month: 2024-01-31 + 1 = 2024-02-29. Errors: invalid_argument if out of range.
    [[nodiscard]] Result<Date> add_months(std::int64_t months) const;

    Date start_of_month() const noexcept;

    Date end_of_month() const noexcept;

    friend auto operator<=>(const Date&, const Date&) = default;

private:
    explicit Date(std::int32_t days) : days_(days) {}

    std::int32_t days_;  // days since 1970-01-01, in [days_min, days_max]
};

// `to - from` in days: positive when `to` is later.
inline std::int64_t days_between(Date from, Date to) noexcept {
    return std::int64_t{to.days_since_epoch()} - from.days_since_epoch();
}

// Which days are worked: every day except the weekend days and the listed holidays.
class HolidayCalendar {
public:
    // Errors: invalid_argument if every weekday is a weekend day; limit_exceeded if there are
    // more than calendar_holidays_max holidays. Duplicate holidays are harmless.
    [[nodiscard]] static Result<HolidayCalendar> create(std::vector<Date> holidays,
                                                        const std::vector<Weekday>& weekend = {
                                                            Weekday::saturday, Weekday::sunday});

    // True iff `date` is neither a weekend day nor a holiday.
    bool is_business_day(Date date) const noexcept;

    // The date `n` business days after `date` (before it if n < 0), skipping weekends and
    // holidays; n == 0 returns `date` unchanged. For n != 0 the result is a business day.
    // Errors: limit_exceeded if |n| > business_day_offset_max; invalid_argument if the walk
    // leaves the representable date range.
    [[nodiscard]] Result<Date> add_business_days(Date date, int n) const;

    // The first business day strictly after `date`. Errors: as add_business_days.
    [[nodiscard]] Result<Date> next_business_day(Date date) const;

    // `date` if it is a business day, else the next one ("following" convention).
    [[nodiscard]] Result<Date> roll_forward(Date date) const;

    // The number of business days in [from, to); negative (the count in [to, from)) when
    // to < from.
    std::int64_t business_days_between(Date from, Date to) const;

private:
    HolidayCalendar(std::set<Date> holidays, std::uint8_t weekend_mask)
        : holidays_(std::move(holidays)), weekend_mask_(weekend_mask) {}

    bool is_weekend(Weekday weekday) const noexcept;

    std::set<Date> holidays_;
    std::uint8_t weekend_mask_;  // bit (weekday - 1) set for each weekend day; never all 7
};

// A point in time: UTC microseconds since 1970-01-01T00:00:00Z.
class Instant {
public:
    static constexpr std::int64_t unix_micros_min = -62'135'596'800'000'000;  // 0001-01-01
    static constexpr std::int64_t unix_micros_max = 253'402'300'799'999'999;  // 9999-12-31

    // Precondition (asserted): unix_micros_min <= micros <= unix_micros_max. Use
    // from_unix_micros for untrusted integers.
    constexpr explicit Instant(std::int64_t micros) : micros_(micros) {
        BO_ASSERT(micros >= unix_micros_min);
        BO_ASSERT(micros <= unix_micros_max);
    }

    // Errors: invalid_argument (field "instant") outside the representable range.
    [[nodiscard]] static Result<Instant> from_unix_micros(std::int64_t micros);

    // RFC 3339 date-time: "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)"; 'T' and 'Z' may
    // be lowercase; up to 9 fraction digits, truncated to microseconds. Leap seconds (":60")
    // are refused. Errors: invalid_argument (field "instant").
    [[nodiscard]] static Result<Instant> parse_rfc3339(std::string_view text);

    std::int64_t unix_micros() const noexcept { return micros_; }

    // Always UTC with six fraction digits: "2025-03-01T09:30:00.000000Z" (fixed width, so
    // strings sort like instants). parse_rfc3339(to_rfc3339()) gives back the same instant.
    std::string to_rfc3339() const;

    friend auto operator<=>(const Instant&, const Instant&) = default;

private:
    std::int64_t micros_;
};

// A company's time zone. GCC 12's libstdc++ has no std::chrono::tzdb (locate_zone arrives in
// GCC 13), so for now a zone is a fixed offset from UTC, without daylight saving.
// TODO(#tz): back TimeZone with the IANA database (/usr/share/zoneinfo) for DST-aware zones.
class TimeZone {
public:
    static TimeZone utc() noexcept { return TimeZone(0); }

    // A fixed offset east of UTC in minutes. Errors: invalid_argument (field "time_zone")
    // beyond +-18:00.
    [[nodiscard]] static Result<TimeZone> fixed(int offset_minutes);

    // "UTC", "Z", or an offset "+HH:MM" / "-HH:MM". Errors: invalid_argument (field
    // "time_zone"), including for IANA names such as "Europe/Paris" (not supported yet).
    [[nodiscard]] static Result<TimeZone> parse(std::string_view text);

    int offset_minutes() const noexcept { return offset_minutes_; }

    // "UTC" for a zero offset, otherwise "+HH:MM" / "-HH:MM"; parse(name()) round-trips.
    std::string name() const;

    friend bool operator==(const TimeZone&, const TimeZone&) = default;

private:
    explicit TimeZone(int offset_minutes) : offset_minutes_(offset_minutes) {}

    int offset_minutes_;
};

// THE conversion from an instant to the calendar date it falls on in `zone` (the business
// date of a record). Never fails: at the two ends of the Instant range, a local date that
// would fall outside 0001-01-01..9999-12-31 is clamped to that range.
Date business_date(Instant instant, const TimeZone& zone) noexcept;

// The source of "now". Domain code takes a `const Clock&` and never reads the system time.
class Clock {
public:
    virtual ~Clock() = default;

    // The current instant.
    virtual Instant now() const = 0;

protected:
    Clock() = default;
    Clock(const Clock&) = default;
    Clock& operator=(const Clock&) = default;
};

// The real time from std::chrono::system_clock, truncated to microseconds.
class SystemClock final : public Clock {
public:
    Instant now() const override;
};

// A clock that stands still until told otherwise; for tests and replays.
class FixedClock final : public Clock {
public:
    explicit FixedClock(Instant start) : micros_(start.unix_micros()) {}

    FixedClock(const FixedClock&) = delete;
    FixedClock& operator=(const FixedClock&) = delete;

    Instant now() const override { return Instant(micros_.load()); }

    void set(Instant instant) noexcept { micros_.store(instant.unix_micros()); }

    // Moves the clock by `micros` (may be negative). Precondition (asserted): the result stays
    // in the Instant range.
    void advance(std::int64_t micros) noexcept;

private:
    std::atomic<std::int64_t> micros_;
};

}  // namespace bo::core

template <>
struct std::hash<bo::core::Date> {
    std::size_t operator()(const bo::core::Date& date) const noexcept {
        return std::hash<std::int32_t>{}(date.days_since_epoch());
    }
};
