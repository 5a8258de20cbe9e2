#include "modules/sales/totals.hpp"

#include "core/assert.hpp"

namespace bo::modules::sales {
namespace {

constexpr std::int64_t milli_per_unit = 1000;
constexpr std::int64_t percent_whole = 100;

core::Error too_large(const std::string& field) {
    return core::Error::invalid(field, "the amount is too large to compute");
}

}  // namespace

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

}  // namespace bo::modules::sales
