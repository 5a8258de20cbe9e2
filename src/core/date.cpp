#include "core/date.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdio>

#include "core/limits.hpp"

namespace bo::core {
namespace {

namespace chrono = std::chrono;

constexpr std::int64_t micros_per_second = 1'000'000;
constexpr std::int64_t seconds_per_day = 86'400;
constexpr std::int64_t micros_per_day = micros_per_second * seconds_per_day;
constexpr int minutes_per_hour = 60;
constexpr int time_zone_offset_minutes_max = 18 * minutes_per_hour;

chrono::year_month_day to_civil(std::int32_t days) noexcept {
    return chrono::year_month_day{chrono::sys_days{chrono::days{days}}};
}

bool in_date_range(std::int64_t days) noexcept {
    return days >= Date::days_min && days <= Date::days_max;
}

// floor(a / b) for b > 0, also for negative a.
std::int64_t floor_divide(std::int64_t a, std::int64_t b) noexcept {
    BO_ASSERT(b > 0);
    const std::int64_t quotient = a / b;
    return (a % b != 0 && a < 0) ? quotient - 1 : quotient;
}

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

// The unsigned number in text[start, start + count), all digits; -1 if any is not a digit.
int parse_digits(std::string_view text, std::size_t start, std::size_t count) noexcept {
    int value = 0;
    for (std::size_t index = start; index < start + count; ++index) {
        if (index >= text.size() || !is_digit(text[index])) {
            return -1;
        }
        value = value * 10 + (text[index] - '0');
    }
    return value;
}

Error invalid_date(std::string reason) {
    return Error::invalid("date", std::move(reason));
}

Error invalid_instant(std::string reason) {
    return Error::invalid("instant", std::move(reason));
}

// "+HH:MM" / "-HH:MM" at text[start..start+6) as minutes east of UTC; nullopt-like -1 flag.
bool parse_offset(std::string_view text, int* offset_minutes) noexcept {
    if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') {
        return false;
    }
    const int hours = parse_digits(text, 1, 2);
    const int minutes = parse_digits(text, 4, 2);
    if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) {
        return false;
    }
    const int magnitude = hours * minutes_per_hour + minutes;
    *offset_minutes = text[0] == '-' ? -magnitude : magnitude;
    return true;
}

}  // namespace

std::string_view to_string(Weekday weekday) noexcept {
    switch (weekday) {
        case Weekday::monday:
            return "monday";
        case Weekday::tuesday:
            return "tuesday";
        case Weekday::wednesday:
            return "wednesday";
        case Weekday::thursday:
            return "thursday";
        case Weekday::friday:
            return "friday";
        case Weekday::saturday:
            return "saturday";
        case Weekday::sunday:
            return "sunday";
    }
    BO_ASSERT(false);
    return "monday";
}

// --- Date ---------------------------------------------------------------------------------------

Result<Date> Date::create(int year, int month, int day) {
    if (year < 1 || year > 9999) {
        return invalid_date("year must be 0001..9999");
    }
    if (month < 1 || month > 12) {
        return invalid_date("month must be 01..12");
    }
    const chrono::year_month_day civil{chrono::year{year},
                                       chrono::month{static_cast<unsigned>(month)},
                                       chrono::day{static_cast<unsigned>(std::max(day, 0))}};
    if (day < 1 || !civil.ok()) {
        return invalid_date("day does not exist in that month");
    }
    const auto days = chrono::sys_days{civil}.time_since_epoch().count();
    BO_ASSERT(in_date_range(days));
    return Date(static_cast<std::int32_t>(days));
}

Result<Date> Date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return invalid_date("must be YYYY-MM-DD");
    }
    const int year = parse_digits(text, 0, 4);
    const int month = parse_digits(text, 5, 2);
    const int day = parse_digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0) {
        return invalid_date("must be YYYY-MM-DD");
    }
    return create(year, month, day);
}

Result<Date> Date::from_days_since_epoch(std::int64_t days) {
    if (!in_date_range(days)) {
        return invalid_date("is outside 0001-01-01..9999-12-31");
    }
    return Date(static_cast<std::int32_t>(days));
}

int Date::year() const noexcept {
    return static_cast<int>(to_civil(days_).year());
}

int Date::month() const noexcept {
    return static_cast<int>(static_cast<unsigned>(to_civil(days_).month()));
}

int Date::day() const noexcept {
    return static_cast<int>(static_cast<unsigned>(to_civil(days_).day()));
}

Weekday Date::weekday() const noexcept {
    const chrono::weekday weekday{chrono::sys_days{chrono::days{days_}}};
    return static_cast<Weekday>(weekday.iso_encoding());
}

std::string Date::to_string() const {
    char buffer[16];
    const int length =
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year(), month(), day());
    BO_ASSERT(length == 10);
    return std::string(buffer, static_cast<std::size_t>(length));
}

Result<Date> Date::add_days(std::int64_t days) const {
    std::int64_t result = 0;
    if (__builtin_add_overflow(std::int64_t{days_}, days, &result) || !in_date_range(result)) {
        return invalid_date("is outside 0001-01-01..9999-12-31");
    }
    return Date(static_cast<std::int32_t>(result));
}

Result<Date> Date::add_months(std::int64_t months) const {
    const std::int64_t month_index = std::int64_t{year()} * 12 + (month() - 1);
    std::int64_t target = 0;
    if (__builtin_add_overflow(month_index, months, &target) || target < 12
        || target > std::int64_t{9999} * 12 + 11) {
        return invalid_date("is outside 0001-01-01..9999-12-31");
    }
    const auto target_year = static_cast<int>(target / 12);
    const auto target_month = static_cast<int>(target % 12) + 1;
    const chrono::year_month_day_last last{
        chrono::year{target_year},
        chrono::month_day_last{chrono::month{static_cast<unsigned>(target_month)}}};
    const int last_day = static_cast<int>(static_cast<unsigned>(last.day()));
    return create(target_year, target_month, std::min(day(), last_day));
}

Date Date::start_of_month() const noexcept {
    const chrono::year_month_day civil = to_civil(days_);
    const chrono::sys_days first{civil.year() / civil.month() / chrono::day{1}};
    return Date(static_cast<std::int32_t>(first.time_since_epoch().count()));
}

Date Date::end_of_month() const noexcept {
    const chrono::year_month_day civil = to_civil(days_);
    const chrono::sys_days last{civil.year() / civil.month() / chrono::last};
    return Date(static_cast<std::int32_t>(last.time_since_epoch().count()));
}

// --- HolidayCalendar ----------------------------------------------------------------------------

Result<HolidayCalendar> HolidayCalendar::create(std::vector<Date> holidays,
                                                std::vector<Weekday> weekend) {
    if (holidays.size() > calendar_holidays_max) {
        return Error(ErrorCode::limit_exceeded,
                     "holidays: more than " + std::to_string(calendar_holidays_max));
    }
    std::uint8_t mask = 0;
    for (Weekday weekday : weekend) {
        mask = static_cast<std::uint8_t>(mask | (1U << (static_cast<unsigned>(weekday) - 1U)));
    }
    if (mask == 0x7F) {
        return Error::invalid("weekend", "must leave at least one working weekday");
    }
    return HolidayCalendar(std::set<Date>(holidays.begin(), holidays.end()), mask);
}

bool HolidayCalendar::is_weekend(Weekday weekday) const noexcept {
    return ((weekend_mask_ >> (static_cast<unsigned>(weekday) - 1U)) & 1U) != 0;
}

bool HolidayCalendar::is_business_day(Date date) const noexcept {
    return !is_weekend(date.weekday()) && !holidays_.contains(date);
}

Result<Date> HolidayCalendar::add_business_days(Date date, int n) const {
    const std::int64_t count_abs = n < 0 ? -std::int64_t{n} : std::int64_t{n};
    if (count_abs > business_day_offset_max) {
        return Error(ErrorCode::limit_exceeded,
                     "business days: offset beyond " + std::to_string(business_day_offset_max));
    }
    const std::int64_t step = n < 0 ? -1 : 1;
    // Each business day is at most 6 weekend days plus every holiday away from the previous
    // one, which bounds the walk.
    const std::int64_t steps_max = count_abs * 7 + static_cast<std::int64_t>(holidays_.size()) + 7;
    std::int64_t remaining = count_abs;
    Date current = date;
    for (std::int64_t steps = 0; remaining > 0; ++steps) {
        BO_ASSERT(steps < steps_max);
        BO_TRY_ASSIGN(current, current.add_days(step));
        if (is_business_day(current)) {
            --remaining;
        }
    }
    BO_ASSERT(n == 0 || is_business_day(current));
    return current;
}

Result<Date> HolidayCalendar::next_business_day(Date date) const {
    return add_business_days(date, 1);
}

Result<Date> HolidayCalendar::roll_forward(Date date) const {
    if (is_business_day(date)) {
        return date;
    }
    return add_business_days(date, 1);
}

std::int64_t HolidayCalendar::business_days_between(Date from, Date to) const {
    if (to < from) {
        return -business_days_between(to, from);
    }
    const std::int64_t total_days = days_between(from, to);
    const std::int64_t workdays_per_week = 7 - std::popcount(weekend_mask_);
    std::int64_t count = (total_days / 7) * workdays_per_week;
    // The last partial week: fewer than 7 days starting at from + 7 * full_weeks, whose
    // weekdays are those of from, from + 1, ...
    const auto first_weekday = static_cast<unsigned>(from.weekday()) - 1U;
    for (std::int64_t offset = 0; offset < total_days % 7; ++offset) {
        const auto weekday =
            static_cast<Weekday>((first_weekday + static_cast<unsigned>(offset)) % 7U + 1U);
        if (!is_weekend(weekday)) {
            ++count;
        }
    }
    for (auto it = holidays_.lower_bound(from); it != holidays_.end() && *it < to; ++it) {
        if (!is_weekend(it->weekday())) {
            --count;
        }
    }
    BO_ASSERT(count >= 0);
    return count;
}

// --- Instant ------------------------------------------------------------------------------------

Result<Instant> Instant::from_unix_micros(std::int64_t micros) {
    if (micros < unix_micros_min || micros > unix_micros_max) {
        return invalid_instant("is outside 0001-01-01..9999-12-31");
    }
    return Instant(micros);
}

Result<Instant> Instant::parse_rfc3339(std::string_view text) {
    constexpr std::size_t text_bytes_max = 40;  // 19 + '.' + 9 digits + 6 offset = 35
    constexpr std::string_view expected = "must be an RFC 3339 date-time";
    if (text.size() < 20 || text.size() > text_bytes_max) {
        return invalid_instant(std::string(expected));
    }
    auto date = Date::parse(text.substr(0, 10));
    if (!date.ok() || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
        return invalid_instant(std::string(expected));
    }
    const int hour = parse_digits(text, 11, 2);
    const int minute = parse_digits(text, 14, 2);
    const int second = parse_digits(text, 17, 2);
    if (hour < 0 || minute < 0 || second < 0 || hour > 23 || minute > 59 || second > 59) {
        return invalid_instant("has an invalid time of day (leap seconds are not accepted)");
    }
    std::size_t index = 19;
    std::int64_t fraction_micros = 0;
    if (text[index] == '.') {
        ++index;
        const std::size_t fraction_start = index;
        std::int64_t scale = 100'000;
        while (index < text.size() && is_digit(text[index])) {
            fraction_micros += (text[index] - '0') * scale;
            scale /= 10;
            ++index;
        }
        if (index == fraction_start || index - fraction_start > 9) {
            return invalid_instant("must have 1 to 9 fraction digits");
        }
    }
    const std::string_view zone = text.substr(index);
    int offset_minutes = 0;
    if (zone != "Z" && zone != "z" && !parse_offset(zone, &offset_minutes)) {
        return invalid_instant("must end with Z or an offset +HH:MM");
    }
    const std::int64_t local_seconds = std::int64_t{date->days_since_epoch()} * seconds_per_day
                                       + hour * 3600 + minute * 60 + second;
    const std::int64_t utc_seconds = local_seconds - std::int64_t{offset_minutes} * 60;
    return from_unix_micros(utc_seconds * micros_per_second + fraction_micros);
}

std::string Instant::to_rfc3339() const {
    const std::int64_t days = floor_divide(micros_, micros_per_day);
    const std::int64_t micros_of_day = micros_ - days * micros_per_day;
    const std::int64_t seconds_of_day = micros_of_day / micros_per_second;
    const Date date = Date::from_days_since_epoch(days).value();
    char buffer[40];
    const int length = std::snprintf(buffer,
                                     sizeof buffer,
                                     "%sT%02d:%02d:%02d.%06dZ",
                                     date.to_string().c_str(),
                                     static_cast<int>(seconds_of_day / 3600),
                                     static_cast<int>(seconds_of_day / 60 % 60),
                                     static_cast<int>(seconds_of_day % 60),
                                     static_cast<int>(micros_of_day % micros_per_second));
    BO_ASSERT(length == 27);
    return std::string(buffer, static_cast<std::size_t>(length));
}

// --- TimeZone -----------------------------------------------------------------------------------

Result<TimeZone> TimeZone::fixed(int offset_minutes) {
    if (offset_minutes < -time_zone_offset_minutes_max
        || offset_minutes > time_zone_offset_minutes_max) {
        return Error::invalid("time_zone", "offset must be within -18:00..+18:00");
    }
    return TimeZone(offset_minutes);
}

Result<TimeZone> TimeZone::parse(std::string_view text) {
    if (text == "UTC" || text == "Z") {
        return utc();
    }
    int offset_minutes = 0;
    if (!parse_offset(text, &offset_minutes)) {
        return Error::invalid("time_zone",
                              "must be UTC or an offset +HH:MM (IANA names are not supported yet)");
    }
    return fixed(offset_minutes);
}

std::string TimeZone::name() const {
    if (offset_minutes_ == 0) {
        return "UTC";
    }
    const int magnitude = offset_minutes_ < 0 ? -offset_minutes_ : offset_minutes_;
    char buffer[8];
    const int length = std::snprintf(buffer,
                                     sizeof buffer,
                                     "%c%02d:%02d",
                                     offset_minutes_ < 0 ? '-' : '+',
                                     magnitude / minutes_per_hour,
                                     magnitude % minutes_per_hour);
    BO_ASSERT(length == 6);
    return std::string(buffer, static_cast<std::size_t>(length));
}

Date business_date(Instant instant, const TimeZone& zone) noexcept {
    const std::int64_t local_micros =
        instant.unix_micros() + std::int64_t{zone.offset_minutes()} * 60 * micros_per_second;
    const std::int64_t days = std::clamp(floor_divide(local_micros, micros_per_day),
                                         std::int64_t{Date::days_min},
                                         std::int64_t{Date::days_max});
    return Date::from_days_since_epoch(days).value();
}

// --- Clocks -------------------------------------------------------------------------------------

Instant SystemClock::now() const {
    const auto since_epoch =
        chrono::duration_cast<chrono::microseconds>(chrono::system_clock::now().time_since_epoch());
    return Instant(since_epoch.count());
}

void FixedClock::advance(std::int64_t micros) noexcept {
    const std::int64_t current = micros_.load();
    std::int64_t next = 0;
    const bool overflowed = __builtin_add_overflow(current, micros, &next);
    BO_ASSERT(!overflowed);
    micros_.store(Instant(next).unix_micros());
}

}  // namespace bo::core
