// libFuzzer target: every text parser of core, with round-trip checks. Input: one selector
// byte, then the text. A parser must never crash; what it accepts must print back to text
// that parses to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/config.hpp"
#include "core/date.hpp"
#include "core/money.hpp"

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);  // NOLINT
    switch (data[0] % 4) {
        case 0: money(text); break;
        case 1: dates(text); break;
        case 2: (void)bo::core::parse_listen_address(text); break;
        default: (void)bo::core::parse_config_text(text, "fuzz"); break;
    }
    return 0;
}
