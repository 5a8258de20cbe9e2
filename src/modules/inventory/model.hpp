// Items: the plain types of the inventory module (what we sell and stock).
//
// An item's SKU is unique within the company. Prices and standard costs are Money in the
// item's currency (the company's functional currency for the demo), in minor units.
// Invariants: price and standard_cost are in `currency` and are not negative.
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
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
inline constexpr std::size_t unit_chars_max = 8;      // "ea", "box", "kg", "h"
inline constexpr std::size_t barcode_chars_max = 64;  // GTIN-14 and Code 128 labels fit
// A quantity of 10^15 thousandths (a trillion units): far past any stock, and its product
// with any int64 unit cost still fits the Int128 the valuation computes in.
inline constexpr std::int64_t quantity_milli_max = 1'000'000'000'000'000;
// 10^12 g (a million tonnes) for one item's weight.
inline constexpr std::int64_t weight_g_max = 1'000'000'000'000;

// A unit of measure and how many decimals its quantities may have ("2.5" kg, not "2.5" ea).
struct Unit {
    std::string_view code;
    std::string_view name;
    int decimals = 0;
};

// The fixed list of units (ea 0, box 0, h 2, kg 3, l 3, m 3).
std::span<const Unit> units() noexcept;

// The unit with this code, or nullopt.
std::optional<Unit> find_unit(std::string_view code) noexcept;

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
    std::int64_t weight_g = 0;
    std::int64_t reorder_point_milli = 0;     // in thousandths of `unit`
    std::int64_t reorder_quantity_milli = 0;  // in thousandths of `unit`
    std::optional<std::string> barcode;
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

// The stock-keeping fields of a new item (beside NewItem, so that callers that build a NewItem
// with designated initializers need not name them).
struct ItemDetails {
    std::int64_t weight_g = 0;                // 0..weight_g_max
    std::int64_t reorder_point_milli = 0;     // >= 0, whole units for a unit without decimals
    std::int64_t reorder_quantity_milli = 0;  // as reorder_point_milli
    std::optional<std::string> barcode;       // 1..64 printable ASCII characters
};

// A PATCH of an item: each field present is changed (SKU, kind and currency never change).
struct ItemChanges {
    std::optional<std::string> description;
    std::optional<std::string> unit;
    std::optional<std::int64_t> price_minor;
    std::optional<std::int64_t> standard_cost_minor;
    std::optional<std::int64_t> weight_g;
    std::optional<std::int64_t> reorder_point_milli;
    std::optional<std::int64_t> reorder_quantity_milli;
    std::optional<std::optional<std::string>> barcode;  // engaged nullopt: remove the barcode
    std::optional<bool> active;
};

// Filters and order of an item listing.
enum class ItemSort { id, sku, description, created_at };
enum class SortDirection { ascending, descending };

struct ItemQuery {
    std::string text;  // "" or a case-insensitive substring of the SKU, description or barcode
    std::optional<ItemKind> kind;
    std::optional<bool> active;
    ItemSort sort = ItemSort::id;
    SortDirection direction = SortDirection::ascending;
    ItemId after{};  // the last item of the previous page (0 = from the first)
    std::int64_t limit = 0;
};

}  // namespace bo::modules::inventory
