// The SQL of price lists, their prices, tax rates and items' tax codes (bodies in
// pricing_queries.cpp). Callers have validated every argument.
// Thread safety: stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/inventory/model.hpp"
#include "modules/sales/model.hpp"
#include "store/database.hpp"

namespace bo::modules::sales::queries {

using platform::tenancy::CompanyId;

[[nodiscard]] core::Result<PriceListId> insert_price_list(store::Txn& txn,
                                                          CompanyId company,
                                                          const PriceList& list);
[[nodiscard]] core::Result<std::optional<PriceList>> select_price_list_by_code(
    store::Txn& txn, CompanyId company, std::string_view code);
[[nodiscard]] core::Result<std::optional<PriceList>> select_price_list(store::Txn& txn,
                                                                       CompanyId company,
                                                                       PriceListId id);
[[nodiscard]] core::Result<std::vector<PriceList>> select_price_lists(store::Txn& txn,
                                                                      CompanyId company);

// Sets (inserts or replaces) the prices of items on a list.
[[nodiscard]] core::Result<void> upsert_prices(store::Txn& txn,
                                               CompanyId company,
                                               PriceListId list,
                                               std::span<const PriceListItem> prices);
[[nodiscard]] core::Result<std::vector<PriceListItem>> select_prices(store::Txn& txn,
                                                                     CompanyId company,
                                                                     const PriceList& list);
// The price of one item on a list, in minor units, or nullopt.
[[nodiscard]] core::Result<std::optional<std::int64_t>> select_price(store::Txn& txn,
                                                                     CompanyId company,
                                                                     PriceListId list,
                                                                     inventory::ItemId item);

[[nodiscard]] core::Result<TaxRateId> insert_tax_rate(store::Txn& txn,
                                                      CompanyId company,
                                                      const TaxRate& rate);
// Makes `rate` the only default rate of the company.
[[nodiscard]] core::Result<void> make_default_tax_rate(store::Txn& txn,
                                                       CompanyId company,
                                                       TaxRateId rate);
[[nodiscard]] core::Result<std::optional<TaxRate>> select_tax_rate_by_code(store::Txn& txn,
                                                                           CompanyId company,
                                                                           std::string_view code);
[[nodiscard]] core::Result<std::optional<TaxRate>> select_tax_rate(store::Txn& txn,
                                                                   CompanyId company,
                                                                   TaxRateId id);
[[nodiscard]] core::Result<std::optional<TaxRate>> select_default_tax_rate(store::Txn& txn,
                                                                           CompanyId company);
[[nodiscard]] core::Result<std::vector<TaxRate>> select_tax_rates(store::Txn& txn,
                                                                  CompanyId company);

// The tax code of an item (its tax rate), or nullopt when it has none.
[[nodiscard]] core::Result<std::optional<TaxRateId>> select_item_tax_rate(store::Txn& txn,
                                                                          CompanyId company,
                                                                          inventory::ItemId item);
[[nodiscard]] core::Result<void> upsert_item_tax_rate(store::Txn& txn,
                                                      CompanyId company,
                                                      inventory::ItemId item,
                                                      TaxRateId rate);

}  // namespace bo::modules::sales::queries
