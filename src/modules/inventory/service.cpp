#include "modules/inventory/service.hpp"

#include <array>
#include <charconv>
#include <limits>
#include <utility>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/inventory/queries.hpp"
#include "platform/audit/audit.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::inventory {
namespace {

using platform::tenancy::FieldChecks;

constexpr std::array<std::string_view, 2> item_kind_names{"stocked", "service"};

constexpr std::array<Unit, 6> unit_list{Unit{"ea", "each", 0},
                                        Unit{"box", "box", 0},
                                        Unit{"h", "hour", 2},
                                        Unit{"kg", "kilogram", 3},
                                        Unit{"l", "litre", 3},
                                        Unit{"m", "metre", 3}};

constexpr std::int64_t milli_per_unit = 1000;
constexpr std::int64_t decimal_base = 10;

// Whether `milli` has no more decimals than `unit` allows (1000 / 10^decimals divides it).
bool fits_unit(std::int64_t milli, std::string_view unit) {
    const std::optional<Unit> found = find_unit(unit);
    std::int64_t step = milli_per_unit;
    for (int decimal = 0; found && decimal < found->decimals; ++decimal) {
        step /= decimal_base;
    }
    return milli % step == 0;
}

void check_unit(FieldChecks& checks, std::string_view field, std::string_view unit) {
    if (!find_unit(unit)) {
        checks.add(field, "must be one of ea, box, h, kg, l, m");
    }
}

void check_quantity(FieldChecks& checks,
                    std::string_view field,
                    std::int64_t milli,
                    std::string_view unit) {
    if (milli < 0 || milli > quantity_milli_max) {
        checks.add(field, "must be between 0 and 10^12");
    } else if (find_unit(unit) && !fits_unit(milli, unit)) {
        checks.add(field, "has more decimals than the unit " + std::string(unit) + " allows");
    }
}

void check_barcode(FieldChecks& checks, const std::optional<std::string>& barcode) {
    if (!barcode) {
        return;
    }
    bool printable = !barcode->empty() && barcode->size() <= barcode_chars_max;
    for (const char c : *barcode) {
        printable = printable && c > ' ' && c < '\x7f';
    }
    if (!printable) {
        checks.add("barcode", "must be 1 to 64 printable ASCII characters without spaces");
    }
}

void check_details(FieldChecks& checks, const ItemDetails& details, std::string_view unit) {
    checks.in_range("weight_g", details.weight_g, 0, weight_g_max);
    check_quantity(checks, "reorder_point", details.reorder_point_milli, unit);
    check_quantity(checks, "reorder_quantity", details.reorder_quantity_milli, unit);
    check_barcode(checks, details.barcode);
}

// Checks every field; answers the currency.
core::Result<core::Currency> validate(const NewItem& input, const ItemDetails& details) {
    constexpr std::int64_t amount_max = std::numeric_limits<std::int64_t>::max();
    FieldChecks checks;
    checks.code("sku", input.sku, sku_chars_max, FieldChecks::Case::any);
    checks.required_text("description", input.description, item_description_chars_max);
    check_unit(checks, "unit", input.unit);
    checks.currency("currency", input.currency);
    checks.in_range("price_minor", input.price_minor, 0, amount_max);
    checks.in_range("standard_cost_minor", input.standard_cost_minor, 0, amount_max);
    check_details(checks, details, input.unit);
    BO_TRY(std::move(checks).finish("item"));
    return core::Currency::create(input.currency);
}

core::Result<void> check_barcode_free(store::Txn& txn,
                                      platform::tenancy::CompanyId company,
                                      const std::optional<std::string>& barcode,
                                      ItemId self) {
    if (!barcode) {
        return core::ok();
    }
    BO_TRY_ASSIGN(const std::optional<ItemId> holder,
                  queries::select_item_by_barcode(txn, company, *barcode));
    if (holder && *holder != self) {
        return platform::tenancy::duplicate("barcode", "item", *barcode);
    }
    return core::ok();
}

}  // namespace

boost::json::object item_fields(const Item& item) {
    return {{"sku", item.sku},
            {"description", item.description},
            {"unit", item.unit},
            {"kind", to_string(item.kind)},
            {"price", item.price.format()},
            {"standard_cost", item.standard_cost.format()},
            {"currency", item.price.currency.code()},
            {"weight_g", item.weight_g},
            {"reorder_point", format_quantity({item.reorder_point_milli})},
            {"reorder_quantity", format_quantity({item.reorder_quantity_milli})},
            {"barcode", item.barcode ? boost::json::value(*item.barcode) : nullptr},
            {"active", item.active}};
}

namespace {

core::Result<void> audit_item(store::Txn& txn,
                              const core::Clock& clock,
                              const platform::Actor& actor,
                              std::string_view action,
                              const boost::json::object& before,
                              const Item& after) {
    return platform::audit::record(txn,
                                   clock,
                                   actor,
                                   {.action = std::string(action),
                                    .entity_type = "item",
                                    .entity_id = after.id.to_string(),
                                    .changes = platform::audit::diff(before, item_fields(after))});
}

// Applies a PATCH to `item` and checks the result; the unit's decimals govern the reorder
// figures whether the unit or the figures changed.
core::Result<void> apply_changes(Item& item, const ItemChanges& changes) {
    constexpr std::int64_t amount_max = std::numeric_limits<std::int64_t>::max();
    FieldChecks checks;
    if (changes.description) {
        checks.required_text("description", *changes.description, item_description_chars_max);
        item.description = *changes.description;
    }
    if (changes.unit) {
        check_unit(checks, "unit", *changes.unit);
        item.unit = *changes.unit;
    }
    if (changes.price_minor) {
        checks.in_range("price", *changes.price_minor, 0, amount_max);
        item.price.minor = *changes.price_minor;
    }
    if (changes.standard_cost_minor) {
        checks.in_range("standard_cost", *changes.standard_cost_minor, 0, amount_max);
        item.standard_cost.minor = *changes.standard_cost_minor;
    }
    item.weight_g = changes.weight_g.value_or(item.weight_g);
    item.reorder_point_milli = changes.reorder_point_milli.value_or(item.reorder_point_milli);
    item.reorder_quantity_milli =
        changes.reorder_quantity_milli.value_or(item.reorder_quantity_milli);
    if (changes.barcode) {
        item.barcode = *changes.barcode;
    }
    item.active = changes.active.value_or(item.active);
    check_details(checks,
                  ItemDetails{.weight_g = item.weight_g,
                              .reorder_point_milli = item.reorder_point_milli,
                              .reorder_quantity_milli = item.reorder_quantity_milli,
                              .barcode = item.barcode},
                  item.unit);
    return std::move(checks).finish("item");
}

}  // namespace

std::string_view to_string(ItemKind kind) noexcept {
    return item_kind_names.at(static_cast<std::size_t>(kind));
}

core::Result<ItemKind> parse_item_kind(std::string_view text) {
    for (std::size_t index = 0; index < item_kind_names.size(); ++index) {
        if (item_kind_names[index] == text) {
            return static_cast<ItemKind>(index);
        }
    }
    return core::Error::invalid("kind", "must be one of stocked, service");
}

std::span<const Unit> units() noexcept {
    return unit_list;
}

std::optional<Unit> find_unit(std::string_view code) noexcept {
    for (const Unit& unit : unit_list) {
        if (unit.code == code) {
            return unit;
        }
    }
    return std::nullopt;
}

core::Result<Quantity> parse_quantity(std::string_view text,
                                      std::string_view unit,
                                      std::string_view field,
                                      Sign sign) {
    const std::string name(field);
    const bool negative = !text.empty() && text.front() == '-';
    if (negative) {
        text.remove_prefix(1);
    }
    const std::size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
    constexpr std::size_t whole_digits_max = 12;  // quantity_milli_max is 10^12 units
    const auto digits = [](std::string_view part) {
        return part.find_first_not_of("0123456789") == std::string_view::npos;
    };
    if (whole.empty() || whole.size() > whole_digits_max || !digits(whole)
        || (point != std::string_view::npos && (fraction.empty() || !digits(fraction)))) {
        return core::Error::invalid(name, "must be a decimal string such as \"2\" or \"2.5\"");
    }
    const std::optional<Unit> found = find_unit(unit);
    const int decimals = found ? found->decimals : 0;
    if (fraction.size() > static_cast<std::size_t>(decimals)) {
        return core::Error::invalid(name,
                                    "has more decimals than the unit " + std::string(unit)
                                        + " allows (" + std::to_string(decimals) + ")");
    }
    std::int64_t milli = 0;
    std::from_chars(whole.data(), whole.data() + whole.size(), milli);
    milli *= milli_per_unit;
    std::int64_t scale = milli_per_unit;
    for (const char c : fraction) {
        scale /= decimal_base;
        milli += (c - '0') * scale;
    }
    if (milli > quantity_milli_max) {
        return core::Error::invalid(name, "must be at most 10^12");
    }
    if (negative && milli != 0 && sign != Sign::any_nonzero) {
        return core::Error::invalid(name, "must not be negative");
    }
    if (milli == 0 && sign != Sign::non_negative) {
        return core::Error::invalid(name, "must not be zero");
    }
    return Quantity{negative ? -milli : milli};
}

bool quantity_fits_unit(Quantity quantity, std::string_view unit) noexcept {
    return fits_unit(quantity.milli, unit);
}

std::string format_quantity(Quantity quantity) {
    const std::int64_t milli = quantity.milli;
    const std::uint64_t magnitude =
        milli < 0 ? 0 - static_cast<std::uint64_t>(milli) : static_cast<std::uint64_t>(milli);
    std::string text = (milli < 0 ? "-" : "") + std::to_string(magnitude / milli_per_unit);
    std::uint64_t fraction = magnitude % milli_per_unit;
    if (fraction != 0) {
        std::string digits = std::to_string(fraction + milli_per_unit).substr(1);
        while (digits.back() == '0') {
            digits.pop_back();
        }
        text += "." + digits;
    }
    return text;
}

core::Result<Item> create_item(store::Txn& txn,
                               const core::Clock& clock,
                               platform::tenancy::CompanyId company,
                               const NewItem& input,
                               const ItemDetails& details) {
    BO_TRY_ASSIGN(const core::Currency currency, validate(input, details));
    BO_TRY_ASSIGN(const std::optional<Item> existing,
                  queries::select_item_by_sku(txn, company, input.sku));
    if (existing) {
        return platform::tenancy::duplicate("sku", "item", input.sku);
    }
    BO_TRY(check_barcode_free(txn, company, details.barcode, ItemId()));
    Item item{.id = {},
              .company_id = company,
              .sku = input.sku,
              .description = input.description,
              .unit = input.unit,
              .kind = input.kind,
              .price = core::Money{input.price_minor, currency},
              .standard_cost = core::Money{input.standard_cost_minor, currency},
              .active = true,
              .created_at = clock.now(),
              .weight_g = details.weight_g,
              .reorder_point_milli = details.reorder_point_milli,
              .reorder_quantity_milli = details.reorder_quantity_milli,
              .barcode = details.barcode};
    BO_TRY_ASSIGN(item.id, queries::insert_item(txn, item));
    return item;
}

core::Result<Item> create_item_audited(store::Txn& txn,
                                       const core::Clock& clock,
                                       const platform::Actor& actor,
                                       const NewItem& input,
                                       const ItemDetails& details) {
    BO_TRY_ASSIGN(Item item, create_item(txn, clock, actor.company, input, details));
    BO_TRY(audit_item(txn, clock, actor, "item.create", {}, item));
    return item;
}

core::Result<Item> update_item(store::Txn& txn,
                               const core::Clock& clock,
                               const platform::Actor& actor,
                               ItemId id,
                               const ItemChanges& changes) {
    BO_TRY_ASSIGN(std::optional<Item> found, queries::select_item_by_id(txn, actor.company, id));
    if (!found) {
        return core::Error(core::ErrorCode::not_found, "no such item");
    }
    Item item = *found;
    const boost::json::object before = item_fields(item);
    BO_TRY(apply_changes(item, changes));
    BO_TRY(check_barcode_free(txn, actor.company, item.barcode, item.id));
    BO_TRY(queries::update_item(txn, item));
    BO_TRY(audit_item(txn, clock, actor, "item.update", before, item));
    return item;
}

core::Result<std::optional<Item>> find_item(store::Txn& txn,
                                            platform::tenancy::CompanyId company,
                                            std::string_view sku) {
    return queries::select_item_by_sku(txn, company, sku);
}

core::Result<std::optional<Item>> find_item_by_id(store::Txn& txn,
                                                  platform::tenancy::CompanyId company,
                                                  ItemId id) {
    return queries::select_item_by_id(txn, company, id);
}

core::Result<std::vector<Item>> list_items(store::Txn& txn,
                                           platform::tenancy::CompanyId company,
                                           ItemId after_id,
                                           std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_items(txn, company, after_id, limit);
}

core::Result<std::vector<Item>> search_items(store::Txn& txn,
                                             platform::tenancy::CompanyId company,
                                             const ItemQuery& query) {
    BO_TRY(platform::tenancy::check_page_limit(query.limit));
    constexpr std::size_t search_chars_max = 100;
    if (query.text.size() > search_chars_max) {
        return core::Error::invalid("q", "must be at most 100 characters");
    }
    ItemQuery pattern = query;
    if (!query.text.empty()) {
        // Lower-cased (ASCII) with % _ and the escape '!' escaped, inside % ... %.
        pattern.text = "%";
        for (const char c : query.text) {
            if (c == '%' || c == '_' || c == '!') {
                pattern.text += '!';
            }
            pattern.text += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        pattern.text += '%';
    }
    return queries::search_items(txn, company, pattern);
}

}  // namespace bo::modules::inventory
