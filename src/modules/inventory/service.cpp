#include "modules/inventory/service.hpp"

#include <array>
#include <limits>
#include <utility>

#include "modules/inventory/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::inventory {
namespace {

using platform::tenancy::FieldChecks;

constexpr std::array<std::string_view, 2> item_kind_names{"stocked", "service"};

// Checks every field; answers the currency.
core::Result<core::Currency> validate(const NewItem& input) {
    constexpr std::int64_t amount_max = std::numeric_limits<std::int64_t>::max();
    FieldChecks checks;
    checks.code("sku", input.sku, sku_chars_max, FieldChecks::Case::any);
    checks.required_text("description", input.description, item_description_chars_max);
    checks.code("unit", input.unit, unit_chars_max, FieldChecks::Case::lower);
    checks.currency("currency", input.currency);
    checks.in_range("price_minor", input.price_minor, 0, amount_max);
    checks.in_range("standard_cost_minor", input.standard_cost_minor, 0, amount_max);
    BO_TRY(std::move(checks).finish("item"));
    return core::Currency::create(input.currency);
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

core::Result<Item> create_item(store::Txn& txn,
                               const core::Clock& clock,
                               platform::tenancy::CompanyId company,
                               const NewItem& input) {
    BO_TRY_ASSIGN(const core::Currency currency, validate(input));
    BO_TRY_ASSIGN(const std::optional<Item> existing,
                  queries::select_item_by_sku(txn, company, input.sku));
    if (existing) {
        return platform::tenancy::duplicate("sku", "item", input.sku);
    }
    Item item{.id = {},
              .company_id = company,
              .sku = input.sku,
              .description = input.description,
              .unit = input.unit,
              .kind = input.kind,
              .price = core::Money{input.price_minor, currency},
              .standard_cost = core::Money{input.standard_cost_minor, currency},
              .active = true,
              .created_at = clock.now()};
    BO_TRY_ASSIGN(item.id, queries::insert_item(txn, item));
    return item;
}

core::Result<std::optional<Item>> find_item(store::Txn& txn,
                                            platform::tenancy::CompanyId company,
                                            std::string_view sku) {
    return queries::select_item_by_sku(txn, company, sku);
}

core::Result<std::vector<Item>> list_items(store::Txn& txn,
                                           platform::tenancy::CompanyId company,
                                           ItemId after_id,
                                           std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_items(txn, company, after_id, limit);
}

}  // namespace bo::modules::inventory
