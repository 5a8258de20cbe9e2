// Items: the plain types of the inventory module (what we sell and stock).
//
// An item's SKU is unique within the company. Prices and standard costs are Money in the
// item's currency (the company's functional currency for the demo), in minor units.
// Invariants: price and standard_cost are in `currency` and are not negative.
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::modules::inventory {

struct ItemTag;
using ItemId = core::Id<ItemTag>;

inline constexpr std::size_t sku_chars_max = 64;
inline constexpr std::size_t item_description_chars_max = 200;
inline constexpr std::size_t unit_chars_max = 8;  // "ea", "box", "kg", "h"

// Enumerators equal the stored and wire names.
enum class ItemKind {
    stocked,  // a physical good kept on hand and counted
    service,  // labour or a fee; never stocked
};

std::string_view to_string(ItemKind kind) noexcept;

// Parses a stored or wire name. Errors: invalid_argument (field "kind").
[[nodiscard]] core::Result<ItemKind> parse_item_kind(std::string_view text);

struct Item {
    ItemId id{};
    platform::tenancy::CompanyId company_id{};
    std::string sku;
    std::string description;
    std::string unit;
    ItemKind kind = ItemKind::stocked;
    core::Money price;
    core::Money standard_cost;
    bool active = true;
    core::Instant created_at{0};
};

// The input of create_item, as it comes from outside (not yet validated).
struct NewItem {
    std::string sku;  // letters, digits, '-', '_', '.'; 1..64
    std::string description;
    std::string unit;  // lower-case unit code: "ea", "box", "kg", "h"
    ItemKind kind = ItemKind::stocked;
    std::string currency;                  // ISO 4217
    std::int64_t price_minor = 0;          // >= 0
    std::int64_t standard_cost_minor = 0;  // >= 0
};

}  // namespace bo::modules::inventory
