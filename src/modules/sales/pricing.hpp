// Price lists and tax rates: what an item costs a customer, and the tax on it.
//
// A price list has a code, a name, a currency and whether its prices include tax; it holds a
// price per item (an item without a price on the customer's list sells at its own price). A
// tax rate is a percentage kept exactly as the decimal text it was given in (core::Rational,
// never a float), payable to a liability account (2300 Sales Tax Payable by default); one rate
// may be the company's default, used for items without a tax code of their own. Billing (#7)
// reuses both. Every change writes an audit event.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/inventory/model.hpp"
#include "modules/sales/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::sales {

// Creates a price list. Errors: invalid_argument ("code", "name", "currency"); conflict
// (field "code") when the code is taken.
[[nodiscard]] core::Result<PriceList> create_price_list(store::Txn& txn,
                                                        const core::Clock& clock,
                                                        const platform::Actor& actor,
                                                        const NewPriceList& input);

// Sets the prices of items on the list `code` (others keep theirs). Errors: not_found (no such
// list); invalid_argument ("prices/N/sku" unknown, "prices/N/price" malformed or negative);
// limit_exceeded past price_list_items_per_request_max.
[[nodiscard]] core::Result<std::vector<PriceListItem>> set_prices(store::Txn& txn,
                                                                  const core::Clock& clock,
                                                                  const platform::Actor& actor,
                                                                  std::string_view code,
                                                                  std::span<const NewPrice> prices);

[[nodiscard]] core::Result<std::vector<PriceList>> list_price_lists(
    store::Txn& txn, platform::tenancy::CompanyId company);
[[nodiscard]] core::Result<std::optional<PriceList>> find_price_list(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view code);
[[nodiscard]] core::Result<std::vector<PriceListItem>> price_list_items(
    store::Txn& txn, platform::tenancy::CompanyId company, const PriceList& list);

// Creates a tax rate (made the only default when is_default). Errors: invalid_argument
// ("code", "name", "rate_percent", "account_number" not an account of the company); conflict
// (field "code").
[[nodiscard]] core::Result<TaxRate> create_tax_rate(store::Txn& txn,
                                                    const core::Clock& clock,
                                                    const platform::Actor& actor,
                                                    const NewTaxRate& input);

// Gives items (by SKU) the tax code `code`. Errors: not_found (no such rate);
// invalid_argument ("items/N" unknown SKU).
[[nodiscard]] core::Result<void> set_item_tax_code(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const platform::Actor& actor,
                                                   std::string_view code,
                                                   std::span<const std::string> skus);

[[nodiscard]] core::Result<std::vector<TaxRate>> list_tax_rates(
    store::Txn& txn, platform::tenancy::CompanyId company);
[[nodiscard]] core::Result<std::optional<TaxRate>> find_tax_rate(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view code);

// The tax rate of an item for a customer: none for an exempt customer; else `code` when given
// (invalid_argument naming `field` when unknown), else the item's tax code, else the default.
[[nodiscard]] core::Result<std::optional<TaxRate>> tax_rate_for(
    store::Txn& txn,
    platform::tenancy::CompanyId company,
    TaxCategory category,
    inventory::ItemId item,
    const std::optional<std::string>& code,
    const std::string& field);

}  // namespace bo::modules::sales
