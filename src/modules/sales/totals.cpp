#include "modules/sales/totals.hpp"

#include <algorithm>
#include <array>

#include "core/assert.hpp"

namespace bo::modules::sales {
namespace {

constexpr std::int64_t milli_per_unit = 1000;
constexpr std::int64_t quantity_decimals_max = 3;
constexpr std::int64_t percent_whole = 100;

constexpr std::array<std::string_view, 10> counted_units = {
    "ea", "box", "pc", "pcs", "set", "pair", "pack", "roll", "case", "unit"};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

core::Error too_large(const std::string& field) {
    return core::Error::invalid(field, "the amount is too large to compute");
}

}  // namespace

core::Result<std::int64_t> parse_quantity(std::string_view text,
                                          std::int64_t decimals,
                                          const std::string& field) {
    BO_ASSERT(decimals >= 0 && decimals <= quantity_decimals_max);
    const std::size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
    const bool digits_only = std::all_of(whole.begin(), whole.end(), is_digit)
                             && std::all_of(fraction.begin(), fraction.end(), is_digit);
    if (whole.empty() || !digits_only || (point != std::string_view::npos && fraction.empty())) {
        return core::Error::invalid(field, "must be a positive decimal number such as 2 or 2.5");
    }
    if (static_cast<std::int64_t>(fraction.size()) > decimals) {
        return core::Error::invalid(
            field,
            decimals == 0 ? "must be a whole number for this unit"
                          : "has more than " + std::to_string(decimals) + " decimals");
    }
    constexpr std::size_t whole_digits_max = 9;  // line_quantity_milli_max / 1000 = 10^9
    std::size_t first = 0;
    while (first + 1 < whole.size() && whole[first] == '0') {
        ++first;
    }
    if (whole.size() - first > whole_digits_max + 1) {
        return core::Error::invalid(field, "is too large");
    }
    std::int64_t milli = 0;
    for (const char c : whole.substr(first)) {
        milli = milli * 10 + (c - '0');
    }
    milli *= milli_per_unit;
    std::int64_t scale = milli_per_unit / 10;
    for (const char c : fraction) {
        milli += (c - '0') * scale;
        scale /= 10;
    }
    if (milli <= 0) {
        return core::Error::invalid(field, "must be more than zero");
    }
    if (milli > line_quantity_milli_max) {
        return core::Error::invalid(field, "is too large");
    }
    return milli;
}

std::string format_quantity(std::int64_t milli, std::int64_t decimals) {
    BO_ASSERT(decimals >= 0 && decimals <= quantity_decimals_max);
    const bool negative = milli < 0;
    const std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(milli) : static_cast<std::uint64_t>(milli);
    std::string text = std::to_string(magnitude / milli_per_unit);
    std::string fraction = std::to_string(magnitude % milli_per_unit + milli_per_unit).substr(1);
    // The shortest exact decimal; a unit without decimals may still hold a fraction (a quantity
    // converted elsewhere), which is shown rather than hidden.
    while (!fraction.empty() && fraction.back() == '0') {
        fraction.pop_back();
    }
    if (!fraction.empty()) {
        text += "." + fraction;
    }
    return negative ? "-" + text : text;
}

core::Result<core::Rational> parse_percent(std::string_view text, const std::string& field) {
    const std::size_t point = text.find('.');
    const bool too_precise =
        point != std::string_view::npos && text.size() - point - 1 > percent_decimals_max;
    core::Result<core::Rational> percent = core::Rational::parse(text);
    if (!percent || text.starts_with('-') || too_precise) {
        return core::Error::invalid(field,
                                    "must be a percentage 0 to 100 with at most "
                                        + std::to_string(percent_decimals_max) + " decimals");
    }
    BO_ASSERT(percent->den > 0);
    if (percent->num > percent_whole * percent->den) {
        return core::Error::invalid(field, "must be at most 100");
    }
    return percent;
}

core::Result<LineAmounts> line_amounts(core::Money unit_price,
                                       std::int64_t quantity_milli,
                                       core::Rational discount,
                                       core::Rational tax,
                                       TaxInclusion prices,
                                       const std::string& field) {
    BO_ASSERT(unit_price.minor >= 0);
    BO_ASSERT(quantity_milli > 0);
    BO_ASSERT(discount.num >= 0 && discount.den > 0
              && discount.num <= percent_whole * discount.den);
    BO_ASSERT(tax.num >= 0 && tax.den > 0);
    constexpr auto mode = core::RoundingMode::half_even;
    const core::Result<core::Money> gross =
        core::multiply(unit_price, core::Rational{quantity_milli, milli_per_unit}, mode);
    if (!gross) {
        return too_large(field);
    }
    // (1 - d/100) = (100 den - num) / (100 den); den <= 10^4, so no overflow.
    const core::Rational keep{percent_whole * discount.den - discount.num,
                              percent_whole * discount.den};
    const core::Result<core::Money> discounted = core::multiply(*gross, keep, mode);
    if (!discounted) {
        return too_large(field);
    }
    core::Money net = *discounted;
    core::Money tax_amount = core::Money::zero(unit_price.currency);
    if (prices == TaxInclusion::exclusive) {
        const core::Result<core::Money> computed =
            core::multiply(net, core::Rational{tax.num, percent_whole * tax.den}, mode);
        if (!computed) {
            return too_large(field);
        }
        tax_amount = *computed;
    } else {
        // net / (1 + t/100) = net x 100 den / (100 den + num)
        const core::Result<core::Money> without = core::multiply(
            net, core::Rational{percent_whole * tax.den, percent_whole * tax.den + tax.num}, mode);
        if (!without) {
            return too_large(field);
        }
        tax_amount = core::Money{net.minor - without->minor, net.currency};
        net = *without;
    }
    BO_ASSERT(net.minor >= 0);
    BO_ASSERT(tax_amount.minor >= 0);
    BO_ASSERT(net.minor <= gross->minor);
    return LineAmounts{.gross = *gross, .net = net, .tax = tax_amount};
}

std::int64_t unit_decimals(std::string_view unit) noexcept {
    return std::find(counted_units.begin(), counted_units.end(), unit) != counted_units.end()
               ? 0
               : quantity_decimals_max;
}

}  // namespace bo::modules::sales
