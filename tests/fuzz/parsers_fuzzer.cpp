// libFuzzer target: every text parser of core and the CSV reader, with round-trip checks.
// Input: one selector byte, then the text. A parser must never crash; what it accepts must
// print back to text that parses to the same value.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/money.hpp"
#include "platform/files/csv_reader.hpp"

namespace {

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

void money(std::string_view text) {
    auto usd = bo::core::Currency::create("USD").value();
    auto jpy = bo::core::Currency::create("JPY").value();
    auto kwd = bo::core::Currency::create("KWD").value();
    for (auto currency : {usd, jpy, kwd}) {
        auto parsed = bo::core::Money::parse(text, currency);
        if (parsed.ok()) {
            auto again = bo::core::Money::parse(parsed->format(), currency);
            require(again.ok() && again->minor == parsed->minor);
        }
    }
    (void)bo::core::Currency::create(text);
    (void)bo::core::Rational::parse(text);
}

void dates(std::string_view text) {
    auto date = bo::core::Date::parse(text);
    if (date.ok()) {
        require(bo::core::Date::parse(date->to_string()).ok());
        require(bo::core::Date::parse(date->to_string())->to_string() == date->to_string());
    }
    auto instant = bo::core::Instant::parse_rfc3339(text);
    if (instant.ok()) {
        auto again = bo::core::Instant::parse_rfc3339(instant->to_rfc3339());
        require(again.ok() && again->unix_micros() == instant->unix_micros());
    }
    (void)bo::core::TimeZone::parse(text);
}

// The CSV reader: records' lines strictly increase, stay within the text's line count, and
// every record keeps within the limits it was given.
void csv(std::string_view text) {
    bo::platform::files::CsvLimits limits;
    limits.columns_max = 8;
    limits.field_bytes_max = 64;
    limits.records_max = 64;
    auto table = bo::platform::files::read_csv(text, limits);
    if (!table.ok()) {
        return;
    }
    const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    std::size_t previous = table->header_line;
    require(table->header.size() <= limits.columns_max);
    require(table->records.size() <= limits.records_max);
    for (const auto& record : table->records) {
        require(record.line > previous && record.line <= lines);
        require(record.fields.size() <= limits.columns_max);
        for (const auto& field : record.fields) {
            require(field.size() <= limits.field_bytes_max);
        }
        previous = record.line;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);  // NOLINT
    switch (data[0] % 5) {
        case 0: money(text); break;
        case 1: dates(text); break;
        case 2: (void)bo::core::parse_listen_address(text); break;
        case 3: (void)bo::core::parse_config_text(text, "fuzz"); break;
        default: csv(text); break;
    }
    return 0;
}
