// Order arithmetic: percentages and the amounts of a line (quantities are inventory's:
// inventory::parse_quantity and format_quantity, in the item's unit).
//
// Rounding (docs/sales.md, "Totals"): per line, half-even, through core::multiply (the one
// rounding function). gross = unit price x quantity, rounded once; net = gross x (1 -
// discount/100), rounded once; tax on exclusive prices = net x rate/100, rounded once; on
// inclusive prices the tax is the part of net above net / (1 + rate/100), rounded once, and
// net becomes the amount without tax. The order's totals are the exact sums of its lines.
// Invariants of a result: 0 <= net <= gross, tax >= 0, all in the price's currency.
// Overflow never wraps: it is an error naming the field.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/money.hpp"
#include "core/result.hpp"
#include "modules/sales/model.hpp"

namespace bo::modules::sales {

// Parses a percentage 0..100 with at most percent_decimals_max decimals ("8.875").
// Errors: invalid_argument naming `field`.
[[nodiscard]] core::Result<core::Rational> parse_percent(std::string_view text,
                                                         const std::string& field);

struct LineAmounts {
    core::Money gross;  // price x quantity
    core::Money net;    // after discount; without tax
    core::Money tax;
};

// The amounts of one line (see the rounding rule above). `discount` and `tax` are percentages.
// Errors: invalid_argument naming `field` when an amount does not fit in int64 minor units.
[[nodiscard]] core::Result<LineAmounts> line_amounts(core::Money unit_price,
                                                     std::int64_t quantity_milli,
                                                     core::Rational discount,
                                                     core::Rational tax,
                                                     TaxInclusion prices,
                                                     const std::string& field);

}  // namespace bo::modules::sales
