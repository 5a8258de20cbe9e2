// GoogleTest printers for core value types, so failures show "2025-01-06" instead of bytes.
#pragma once

#include <ostream>

#include "core/date.hpp"
#include "core/money.hpp"

namespace bo::core {

inline void PrintTo(const Date& date, std::ostream* out) {
    *out << date.to_string();
}

inline void PrintTo(const Instant& instant, std::ostream* out) {
    *out << instant.to_rfc3339();
}

inline void PrintTo(const Money& money, std::ostream* out) {
    *out << money.format() << ' ' << money.currency.code();
}

inline void PrintTo(const Currency& currency, std::ostream* out) {
    *out << currency.code();
}

}  // namespace bo::core
