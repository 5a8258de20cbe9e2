#include "core/date.hpp"

#include <algorithm>
#include <bit>
#include <chrono>

#include <fmt/format.h>

#include "core/limits.hpp"

namespace bo::core {
namespace {

namespace chrono = std::chrono;

constexpr std::int64_t micros_per_second = 1'000'000;
constexpr std::int64_t seconds_per_minute = 60;
constexpr std::int64_t seconds_per_hour = 3'600;
constexpr std::int64_t seconds_per_day = 86'400;
constexpr std::int64_t micros_per_day = micros_per_second * seconds_per_day;
constexpr int minutes_per_hour = 60;
constexpr int time_zone_offset_minutes_max = 18 * minutes_per_hour;
constexpr int year_max = 9999;
constexpr int months_per_year = 12;
constexpr std::int64_t days_per_week = 7;
constexpr int hour_max = 23;
constexpr int minute_max = 59;
constexpr int second_max = 59;  // leap seconds are refused
constexpr int decimal_base = 10;
constexpr std::uint8_t all_days_mask = 0x7F;  // one bit per weekday

// Byte positions in the fixed layouts "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SS" (RFC 3339).
constexpr std::size_t date_bytes = 10;
constexpr std::size_t month_at = 5;
constexpr std::size_t day_at = 8;
constexpr std::size_t time_separator_at = 10;
constexpr std::size_t hour_at = 11;
constexpr std::size_t minute_at = 14;
constexpr std::size_t second_at = 17;
constexpr std::size_t date_time_bytes = 19;
constexpr std::size_t fraction_digits_max = 9;
constexpr std::size_t offset_bytes = 6;  // "+HH:MM"

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
        value = value * decimal_base + (text[index] - '0');
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
    if (text.size() != offset_bytes || (text[0] != '+' && text[0] != '-') || text[3] != ':') {
        return false;
    }
    const int hours = parse_digits(text, 1, 2);
    const int minutes = parse_digits(text, 4, 2);
    if (hours < 0 || minutes < 0 || hours > hour_max || minutes > minute_max) {
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
    if (year < 1 || year > year_max) {
        return invalid_date("year must be 0001..9999");
    }
    if (month < 1 || month > months_per_year) {
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
    if (text.size() != date_bytes || text[month_at - 1] != '-' || text[day_at - 1] != '-') {
        return invalid_date("must be YYYY-MM-DD");
    }
    const int year = parse_digits(text, 0, 4);
    const int month = parse_digits(text, month_at, 2);
    const int day = parse_digits(text, day_at, 2);
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
    // Written digit by digit: ledger writes format a date per row, and fmt's general
    // machinery cost twenty times more (docs/performance.md "Ledger").
    const chrono::year_month_day civil = to_civil(days_);
    const int year = static_cast<int>(civil.year());
    BO_ASSERT(year >= 1 && year <= year_max);
    std::string text(date_bytes, '-');
    const auto put = [&text](std::size_t at, unsigned value, std::size_t digits) {
        constexpr auto base = static_cast<unsigned>(decimal_base);
        for (std::size_t digit = digits; digit > 0; --digit) {
            text[at + digit - 1] = static_cast<char>('0' + value % base);
            value /= base;
        }
    };
    put(0, static_cast<unsigned>(year), 4);
    put(month_at, static_cast<unsigned>(civil.month()), 2);
    put(day_at, static_cast<unsigned>(civil.day()), 2);
    return text;
}

Result<Date> Date::add_days(std::int64_t days) const {
    std::int64_t result = 0;
    if (__builtin_add_overflow(std::int64_t{days_}, days, &result) || !in_date_range(result)) {
        return invalid_date("is outside 0001-01-01..9999-12-31");
    }
    return Date(static_cast<std::int32_t>(result));
}

Result<Date> Date::add_months(std::int64_t months) const {
    const std::int64_t month_index = std::int64_t{year()} * months_per_year + (month() - 1);
    std::int64_t target = 0;
    const std::int64_t month_index_max = std::int64_t{year_max} * months_per_year + 11;
    if (__builtin_add_overflow(month_index, months, &target) || target < months_per_year
        || target > month_index_max) {
        return invalid_date("is outside 0001-01-01..9999-12-31");
    }
    const auto target_year = static_cast<int>(target / months_per_year);
    const auto target_month = static_cast<int>(target % months_per_year) + 1;
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
                                                const std::vector<Weekday>& weekend) {
    if (holidays.size() > calendar_holidays_max) {
        return Error(ErrorCode::limit_exceeded,
                     "holidays: more than " + std::to_string(calendar_holidays_max));
    }
    std::uint8_t mask = 0;
    for (Weekday weekday : weekend) {
        mask = static_cast<std::uint8_t>(mask | (1U << (static_cast<unsigned>(weekday) - 1U)));
    }
    if (mask == all_days_mask) {
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
    const std::int64_t workdays_per_week = days_per_week - std::popcount(weekend_mask_);
    std::int64_t count = (total_days / days_per_week) * workdays_per_week;
    // The last partial week: fewer than 7 days starting at from + 7 * full_weeks, whose
    // weekdays are those of from, from + 1, ...
    const auto first_weekday = static_cast<unsigned>(from.weekday()) - 1U;
    for (std::int64_t offset = 0; offset < total_days % days_per_week; ++offset) {
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
    constexpr std::size_t text_bytes_max = date_time_bytes + 1 + fraction_digits_max + offset_bytes;
    constexpr std::string_view expected = "must be an RFC 3339 date-time";
    if (text.size() <= date_time_bytes || text.size() > text_bytes_max) {
        return invalid_instant(std::string(expected));
    }
    auto date = Date::parse(text.substr(0, date_bytes));
    if (!date.ok() || (text[time_separator_at] != 'T' && text[time_separator_at] != 't')
        || text[minute_at - 1] != ':' || text[second_at - 1] != ':') {
        return invalid_instant(std::string(expected));
    }
    const int hour = parse_digits(text, hour_at, 2);
    const int minute = parse_digits(text, minute_at, 2);
    const int second = parse_digits(text, second_at, 2);
    if (hour < 0 || minute < 0 || second < 0 || hour > hour_max || minute > minute_max
        || second > second_max) {
        return invalid_instant("has an invalid time of day (leap seconds are not accepted)");
    }
    std::size_t index = date_time_bytes;
    std::int64_t fraction_micros = 0;
    if (text[index] == '.') {
        ++index;
        const std::size_t fraction_start = index;
        std::int64_t scale = micros_per_second / decimal_base;
        while (index < text.size() && is_digit(text[index])) {
            fraction_micros += (text[index] - '0') * scale;
            scale /= decimal_base;
            ++index;
        }
        if (index == fraction_start || index - fraction_start > fraction_digits_max) {
            return invalid_instant("must have 1 to 9 fraction digits");
        }
    }
    const std::string_view zone = text.substr(index);
    int offset_minutes = 0;
    if (zone != "Z" && zone != "z" && !parse_offset(zone, &offset_minutes)) {
        return invalid_instant("must end with Z or an offset +HH:MM");
    }
    const std::int64_t local_seconds = std::int64_t{date->days_since_epoch()} * seconds_per_day
                                       + hour * seconds_per_hour + minute * seconds_per_minute
                                       + second;
    const std::int64_t utc_seconds =
        local_seconds - std::int64_t{offset_minutes} * seconds_per_minute;
    return from_unix_micros(utc_seconds * micros_per_second + fraction_micros);
}

std::string Instant::to_rfc3339() const {
    const std::int64_t days = floor_divide(micros_, micros_per_day);
    const std::int64_t micros_of_day = micros_ - days * micros_per_day;
    const std::int64_t seconds_of_day = micros_of_day / micros_per_second;
    const Date date = Date::from_days_since_epoch(days).value();
    std::string text = fmt::format("{}T{:02}:{:02}:{:02}.{:06}Z",
                                   date.to_string(),
                                   seconds_of_day / seconds_per_hour,
                                   seconds_of_day / seconds_per_minute % seconds_per_minute,
                                   seconds_of_day % seconds_per_minute,
                                   micros_of_day % micros_per_second);
    BO_ASSERT(text.size() == date_time_bytes + 1 + 6 + 1);
    return text;
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
    std::string text = fmt::format("{}{:02}:{:02}",
                                   offset_minutes_ < 0 ? '-' : '+',
                                   magnitude / minutes_per_hour,
                                   magnitude % minutes_per_hour);
    BO_ASSERT(text.size() == offset_bytes);
    return text;
}

Date business_date(Instant instant, const TimeZone& zone) noexcept {
    const std::int64_t local_micros =
        instant.unix_micros()
        + std::int64_t{zone.offset_minutes()} * seconds_per_minute * micros_per_second;
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
