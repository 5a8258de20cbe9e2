#include "modules/sales/pricing.hpp"

#include <utility>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "ledger/service.hpp"
#include "modules/inventory/service.hpp"
#include "modules/sales/pricing_queries.hpp"
#include "modules/sales/totals.hpp"
#include "platform/audit/audit.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::sales {
namespace {

using platform::tenancy::FieldChecks;

core::Result<void> audit(store::Txn& txn,
                         const core::Clock& clock,
                         const platform::Actor& actor,
                         std::string action,
                         std::string entity_type,
                         std::int64_t id,
                         const boost::json::object& after) {
    return platform::audit::record(txn,
                                   clock,
                                   actor,
                                   {.action = std::move(action),
                                    .entity_type = std::move(entity_type),
                                    .entity_id = std::to_string(id),
                                    .changes = platform::audit::diff({}, after)});
}

// The item with this SKU, or an invalid_argument naming `field`.
core::Result<inventory::Item> item_by_sku(store::Txn& txn,
                                          platform::tenancy::CompanyId company,
                                          const std::string& sku,
                                          const std::string& field) {
    BO_TRY_ASSIGN(std::optional<inventory::Item> item, inventory::find_item(txn, company, sku));
    if (!item) {
        return core::Error::invalid(field, "is not an item of this company");
    }
    return std::move(*item);
}

}  // namespace

core::Result<PriceList> create_price_list(store::Txn& txn,
                                          const core::Clock& clock,
                                          const platform::Actor& actor,
                                          const NewPriceList& input) {
    FieldChecks checks;
    checks.code("code", input.code, pricing_code_chars_max, FieldChecks::Case::any);
    checks.required_text("name", input.name, pricing_name_chars_max);
    checks.currency("currency", input.currency);
    BO_TRY(std::move(checks).finish("price list"));
    BO_TRY_ASSIGN(const auto existing,
                  queries::select_price_list_by_code(txn, actor.company, input.code));
    if (existing) {
        return platform::tenancy::duplicate("code", "price list", input.code);
    }
    PriceList list{
        .id = {},
        .code = input.code,
        .name = input.name,
        .currency = core::Currency::create(input.currency).value(),
        .prices = input.prices_include_tax ? TaxInclusion::inclusive : TaxInclusion::exclusive,
        .created_at = clock.now()};
    BO_TRY_ASSIGN(list.id, queries::insert_price_list(txn, actor.company, list));
    BO_TRY(audit(txn,
                 clock,
                 actor,
                 "sales.price_list.create",
                 "price_list",
                 list.id.value(),
                 {{"code", list.code},
                  {"name", list.name},
                  {"currency", list.currency.code()},
                  {"prices_include_tax", input.prices_include_tax}}));
    return list;
}

core::Result<std::vector<PriceListItem>> set_prices(store::Txn& txn,
                                                    const core::Clock& clock,
                                                    const platform::Actor& actor,
                                                    std::string_view code,
                                                    std::span<const NewPrice> prices) {
    if (prices.size() > price_list_items_per_request_max) {
        return core::Error(
            core::ErrorCode::limit_exceeded,
            "at most " + std::to_string(price_list_items_per_request_max) + " prices per request");
    }
    BO_TRY_ASSIGN(const auto list, queries::select_price_list_by_code(txn, actor.company, code));
    if (!list) {
        return core::Error(core::ErrorCode::not_found, "no such price list");
    }
    FieldChecks checks;
    std::vector<PriceListItem> items;
    for (std::size_t index = 0; index < prices.size(); ++index) {
        const std::string prefix = "prices/" + std::to_string(index) + "/";
        core::Result<inventory::Item> item =
            item_by_sku(txn, actor.company, prices[index].sku, prefix + "sku");
        core::Result<core::Money> price = core::Money::parse(prices[index].price, list->currency);
        if (!item) {
            if (item.error().fields().empty()) {
                return std::move(item).error();
            }
            checks.add(prefix + "sku", "is not an item of this company");
        }
        if (!price || price->minor < 0) {
            checks.add(prefix + "price",
                       "must be an amount of at least 0 in " + std::string(list->currency.code()));
        }
        if (item && price && price->minor >= 0) {
            items.push_back(
                PriceListItem{.item_id = item->id.value(), .sku = item->sku, .price = *price});
        }
    }
    BO_TRY(std::move(checks).finish("prices"));
    BO_TRY(queries::upsert_prices(txn, actor.company, list->id, items));
    boost::json::object changes;
    for (const PriceListItem& item : items) {
        changes[item.sku] = item.price.format();
    }
    BO_TRY(audit(
        txn, clock, actor, "sales.price_list.set_prices", "price_list", list->id.value(), changes));
    return items;
}

core::Result<std::vector<PriceList>> list_price_lists(store::Txn& txn,
                                                      platform::tenancy::CompanyId company) {
    return queries::select_price_lists(txn, company);
}

core::Result<std::optional<PriceList>> find_price_list(store::Txn& txn,
                                                       platform::tenancy::CompanyId company,
                                                       std::string_view code) {
    return queries::select_price_list_by_code(txn, company, code);
}

core::Result<std::vector<PriceListItem>> price_list_items(store::Txn& txn,
                                                          platform::tenancy::CompanyId company,
                                                          const PriceList& list) {
    return queries::select_prices(txn, company, list);
}

core::Result<TaxRate> create_tax_rate(store::Txn& txn,
                                      const core::Clock& clock,
                                      const platform::Actor& actor,
                                      const NewTaxRate& input) {
    FieldChecks checks;
    checks.code("code", input.code, pricing_code_chars_max, FieldChecks::Case::any);
    checks.required_text("name", input.name, pricing_name_chars_max);
    core::Result<core::Rational> percent = parse_percent(input.rate_percent, "rate_percent");
    if (!percent) {
        checks.add("rate_percent", percent.error().fields().front().reason);
    }
    BO_TRY_ASSIGN(const auto account,
                  ledger::find_account_by_number(txn, actor.company, input.account_number));
    if (!account) {
        checks.add("account_number", "is not an account of this company");
    }
    BO_TRY(std::move(checks).finish("tax rate"));
    BO_TRY_ASSIGN(const auto existing,
                  queries::select_tax_rate_by_code(txn, actor.company, input.code));
    if (existing) {
        return platform::tenancy::duplicate("code", "tax rate", input.code);
    }
    TaxRate rate{.id = {},
                 .code = input.code,
                 .name = input.name,
                 .rate_percent = input.rate_percent,
                 .percent = *percent,
                 .account_number = input.account_number,
                 .is_default = input.is_default,
                 .active = true,
                 .created_at = clock.now()};
    BO_TRY_ASSIGN(rate.id, queries::insert_tax_rate(txn, actor.company, rate));
    if (rate.is_default) {
        BO_TRY(queries::make_default_tax_rate(txn, actor.company, rate.id));
    }
    BO_TRY(audit(txn,
                 clock,
                 actor,
                 "sales.tax_rate.create",
                 "tax_rate",
                 rate.id.value(),
                 {{"code", rate.code},
                  {"name", rate.name},
                  {"rate_percent", rate.rate_percent},
                  {"account_number", rate.account_number},
                  {"is_default", rate.is_default}}));
    return rate;
}

core::Result<void> set_item_tax_code(store::Txn& txn,
                                     const core::Clock& clock,
                                     const platform::Actor& actor,
                                     std::string_view code,
                                     std::span<const std::string> skus) {
    if (skus.size() > price_list_items_per_request_max) {
        return core::Error(
            core::ErrorCode::limit_exceeded,
            "at most " + std::to_string(price_list_items_per_request_max) + " items per request");
    }
    BO_TRY_ASSIGN(const auto rate, queries::select_tax_rate_by_code(txn, actor.company, code));
    if (!rate) {
        return core::Error(core::ErrorCode::not_found, "no such tax rate");
    }
    FieldChecks checks;
    std::vector<inventory::ItemId> items;
    for (std::size_t index = 0; index < skus.size(); ++index) {
        BO_TRY_ASSIGN(const auto item, inventory::find_item(txn, actor.company, skus[index]));
        if (!item) {
            checks.add("items/" + std::to_string(index), "is not an item of this company");
        } else {
            items.push_back(item->id);
        }
    }
    BO_TRY(std::move(checks).finish("items"));
    boost::json::array changed;
    for (std::size_t index = 0; index < items.size(); ++index) {
        BO_TRY(queries::upsert_item_tax_rate(txn, actor.company, items[index], rate->id));
        changed.push_back(boost::json::value(boost::json::string(skus[index])));
    }
    return audit(txn,
                 clock,
                 actor,
                 "sales.tax_rate.assign_items",
                 "tax_rate",
                 rate->id.value(),
                 {{"items", std::move(changed)}});
}

core::Result<std::vector<TaxRate>> list_tax_rates(store::Txn& txn,
                                                  platform::tenancy::CompanyId company) {
    return queries::select_tax_rates(txn, company);
}

core::Result<std::optional<TaxRate>> find_tax_rate(store::Txn& txn,
                                                   platform::tenancy::CompanyId company,
                                                   std::string_view code) {
    return queries::select_tax_rate_by_code(txn, company, code);
}

core::Result<std::optional<TaxRate>> tax_rate_for(store::Txn& txn,
                                                  platform::tenancy::CompanyId company,
                                                  TaxCategory category,
                                                  inventory::ItemId item,
                                                  const std::optional<std::string>& code,
                                                  const std::string& field) {
    if (code) {
        BO_TRY_ASSIGN(std::optional<TaxRate> rate,
                      queries::select_tax_rate_by_code(txn, company, *code));
        if (!rate) {
            return core::Error::invalid(field, "is not a tax code of this company");
        }
        if (category == TaxCategory::exempt) {
            return std::optional<TaxRate>();
        }
        return rate;
    }
    if (category == TaxCategory::exempt) {
        return std::optional<TaxRate>();
    }
    BO_TRY_ASSIGN(const std::optional<TaxRateId> own,
                  queries::select_item_tax_rate(txn, company, item));
    if (own) {
        return queries::select_tax_rate(txn, company, *own);
    }
    return queries::select_default_tax_rate(txn, company);
}

}  // namespace bo::modules::sales
