// Goal: customers, price lists and tax rates on both backends: search over name, number,
// e-mail and phone with status filter, sort and keyset pages; addresses with one default per
// kind and contacts; changes, holds and releases audited; price lists in the customer's
// currency; tax rates kept exactly with one default; bad input names every field and writes
// nothing.
// Method: the CustomerTest fixture (fresh migrated database per backend, company ACME with the
// standard chart, three items, a default tax rate); services called directly.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "modules/sales_fixture.hpp"
#include "platform/audit/audit.hpp"

namespace bo::modules::sales::testing {
namespace {

using bo::testing::only_field;
using core::ErrorCode;

class SalesCustomers : public CustomerTest {
protected:
    Customer find(const std::string& number) {
        const auto found = in_txn([&](store::Txn& txn) -> core::Result<std::optional<Customer>> {
            BO_TRY_ASSIGN(const auto plain, find_customer(txn, actor().company, number));
            return get_customer(txn, actor().company, plain->id);
        });
        EXPECT_TRUE(found.ok() && found->has_value());
        return **found;
    }

    std::vector<std::string> audit_actions() {
        const auto page = in_txn([&](store::Txn& txn) {
            return platform::audit::search(txn, actor().company, {}, 0, 100);
        });
        EXPECT_TRUE(page.ok());
        std::vector<std::string> actions;
        for (const platform::audit::Event& event : page->events) {
            if (event.action.starts_with("sales.")) {
                actions.insert(actions.begin(), event.action);
            }
        }
        return actions;
    }
};

TEST_P(SalesCustomers, CustomersAreSearchedSortedAndPaged) {
    for (const char* number : {"C-B", "C-A", "C-C"}) {
        customer(number, 0);
    }
    CustomerQuery query;
    query.text = "customer c-";
    query.sort = CustomerSort::number;
    query.limit = 2;
    const auto first =
        in_txn([&](store::Txn& txn) { return search_customers(txn, actor().company, query); });
    ASSERT_TRUE(first.ok()) << first.error().message();
    ASSERT_EQ(first->size(), 2U);
    EXPECT_EQ((*first)[0].number, "C-1");
    EXPECT_EQ((*first)[1].number, "C-A");
    query.after_id = first->back().id;
    const auto second =
        in_txn([&](store::Txn& txn) { return search_customers(txn, actor().company, query); });
    ASSERT_TRUE(second.ok());
    ASSERT_EQ(second->size(), 2U);
    EXPECT_EQ((*second)[0].number, "C-B");
    EXPECT_EQ((*second)[1].number, "C-C");
    query.text = "nobody";
    query.after_id = CustomerId(0);
    const auto none =
        in_txn([&](store::Txn& txn) { return search_customers(txn, actor().company, query); });
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

TEST_P(SalesCustomers, CustomersKeepAddressesContactsAndDefaults) {
    CustomerDetails details;
    details.addresses = {{.kind = AddressKind::billing,
                          .is_default = false,
                          .name = "HQ",
                          .line1 = "1 Main St",
                          .line2 = "",
                          .city = "Albany",
                          .region = "NY",
                          .postal_code = "12207",
                          .country = "US"},
                         {.kind = AddressKind::shipping,
                          .is_default = false,
                          .name = "Dock",
                          .line1 = "9 Pier",
                          .line2 = "",
                          .city = "Albany",
                          .region = "NY",
                          .postal_code = "12202",
                          .country = "US"},
                         {.kind = AddressKind::shipping,
                          .is_default = true,
                          .name = "Store",
                          .line1 = "5 Elm",
                          .line2 = "",
                          .city = "Troy",
                          .region = "NY",
                          .postal_code = "12180",
                          .country = "US"}};
    details.contacts = {{.name = "Pat", .email = "pat@x.example", .phone = "+1 555", .role = "AP"}};
    customer("C-ADDR", 0, details);
    const auto found = in_txn([&](store::Txn& txn) -> core::Result<std::optional<Customer>> {
        BO_TRY_ASSIGN(const auto plain, find_customer(txn, actor().company, "C-ADDR"));
        return get_customer(txn, actor().company, plain->id);
    });
    ASSERT_TRUE(found.ok() && found->has_value());
    const Customer& stored = **found;
    ASSERT_EQ(stored.addresses.size(), 3U);
    EXPECT_TRUE(stored.addresses[0].is_default);   // the only billing address
    EXPECT_FALSE(stored.addresses[1].is_default);  // the third is the chosen shipping default
    EXPECT_TRUE(stored.addresses[2].is_default);
    ASSERT_EQ(stored.contacts.size(), 1U);
    EXPECT_EQ(stored.contacts[0].role, "AP");

    details.addresses[1].is_default = true;  // now two shipping defaults
    details.contacts[0].email = "not an email";
    const auto refused = in_txn([&](store::Txn& txn) {
        return create_customer(txn,
                               clock(),
                               actor(),
                               {.number = "C-BAD",
                                .name = "Bad",
                                .email = "",
                                .phone = "",
                                .city = "",
                                .country = "",
                                .currency = "USD",
                                .credit_limit_minor = 0,
                                .payment_terms_days = 30,
                                .status = CustomerStatus::active},
                               details);
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(fields(refused.error()),
              (std::vector<std::string>{"addresses/2/default", "contacts/0/email"}));
}

TEST_P(SalesCustomers, ChangesHoldsAndReleasesAreAudited) {
    const Customer before = find(customer_);
    CustomerPatch patch;
    patch.name = "Renamed Ltd";
    patch.credit_limit_minor = 5'000'00;
    patch.contacts = std::vector<Contact>{{.name = "Sam", .email = "", .phone = "", .role = ""}};
    const auto changed = in_txn(
        [&](store::Txn& txn) { return update_customer(txn, clock(), actor(), before.id, patch); });
    ASSERT_TRUE(changed.ok()) << changed.error().message();
    EXPECT_EQ(changed->name, "Renamed Ltd");
    EXPECT_EQ(changed->email, before.email);
    EXPECT_EQ(find(customer_).contacts.size(), 1U);
    EXPECT_EQ(find(customer_).credit_limit.minor, 5'000'00);

    const auto blank = in_txn(
        [&](store::Txn& txn) { return hold_customer(txn, clock(), actor(), before.id, "  "); });
    ASSERT_FALSE(blank.ok());
    EXPECT_EQ(only_field(blank.error()), "reason");
    const auto held = in_txn([&](store::Txn& txn) {
        return hold_customer(txn, clock(), actor(), before.id, "cheque bounced");
    });
    ASSERT_TRUE(held.ok());
    EXPECT_EQ(held->status, CustomerStatus::on_hold);
    EXPECT_EQ(find(customer_).hold_reason, "cheque bounced");
    const auto twice = in_txn(
        [&](store::Txn& txn) { return hold_customer(txn, clock(), actor(), before.id, "again"); });
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code(), ErrorCode::conflict);
    const auto released =
        in_txn([&](store::Txn& txn) { return release_customer(txn, clock(), actor(), before.id); });
    ASSERT_TRUE(released.ok());
    EXPECT_EQ(released->status, CustomerStatus::active);
    EXPECT_TRUE(released->hold_reason.empty());

    CustomerPatch bad;
    bad.payment_terms_days = 400;
    bad.price_list = "NOPE";
    const auto refused = in_txn(
        [&](store::Txn& txn) { return update_customer(txn, clock(), actor(), before.id, bad); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(fields(refused.error()), (std::vector<std::string>{"payment_terms_days"}));
    EXPECT_EQ(audit_actions(),
              (std::vector<std::string>{"sales.tax_rate.create",
                                        "sales.customer.create",
                                        "sales.customer.update",
                                        "sales.customer.hold",
                                        "sales.customer.release"}));
}

TEST_P(SalesCustomers, PriceListsAreInTheCustomersCurrency) {
    const auto euro = in_txn([&](store::Txn& txn) {
        return create_price_list(
            txn,
            clock(),
            actor(),
            {.code = "EU", .name = "Euro", .currency = "EUR", .prices_include_tax = true});
    });
    ASSERT_TRUE(euro.ok()) << euro.error().message();
    const auto taken = in_txn([&](store::Txn& txn) {
        return create_price_list(
            txn,
            clock(),
            actor(),
            {.code = "EU", .name = "Again", .currency = "EUR", .prices_include_tax = false});
    });
    ASSERT_FALSE(taken.ok());
    EXPECT_EQ(taken.error().code(), ErrorCode::conflict);
    // A USD customer cannot use a EUR list.
    CustomerPatch patch;
    patch.price_list = "EU";
    const Customer usd_customer = find(customer_);
    const auto refused = in_txn([&](store::Txn& txn) {
        return update_customer(txn, clock(), actor(), usd_customer.id, patch);
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(only_field(refused.error()), "price_list");

    const std::vector<NewPrice> prices{{.sku = "WID-1", .price = "17.50"},
                                       {.sku = "NOPE", .price = "1"},
                                       {.sku = "FLOUR", .price = "-1"},
                                       {.sku = "FLOUR", .price = "1.234"}};
    const auto bad =
        in_txn([&](store::Txn& txn) { return set_prices(txn, clock(), actor(), "EU", prices); });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(fields(bad.error()),
              (std::vector<std::string>{"prices/1/sku", "prices/2/price", "prices/3/price"}));
    const std::vector<NewPrice> good{{.sku = "WID-1", .price = "17.50"},
                                     {.sku = "FLOUR", .price = "0.80"}};
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_prices(txn, clock(), actor(), "EU", good);
                }).ok());
    const std::vector<NewPrice> again{{.sku = "WID-1", .price = "18.00"}};
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_prices(txn, clock(), actor(), "EU", again);
                }).ok());
    const auto listed =
        in_txn([&](store::Txn& txn) { return price_list_items(txn, actor().company, *euro); });
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 2U);
    EXPECT_EQ((*listed)[0].sku, "FLOUR");
    EXPECT_EQ((*listed)[1].price.format(), "18.00");
    EXPECT_EQ((*listed)[1].price.currency.code(), "EUR");
}

TEST_P(SalesCustomers, TaxRatesAreExactWithOneDefault) {
    const auto reduced = in_txn([&](store::Txn& txn) {
        return create_tax_rate(txn,
                               clock(),
                               actor(),
                               {.code = "RED",
                                .name = "Reduced",
                                .rate_percent = "4.0001",
                                .account_number = "2300",
                                .is_default = true});
    });
    ASSERT_TRUE(reduced.ok()) << reduced.error().message();
    EXPECT_EQ(reduced->percent, (core::Rational{40001, 10000}));
    const auto rates =
        in_txn([&](store::Txn& txn) { return list_tax_rates(txn, actor().company); });
    ASSERT_TRUE(rates.ok());
    ASSERT_EQ(rates->size(), 2U);
    EXPECT_FALSE((*rates)[0].is_default);  // NY lost the default to RED
    EXPECT_EQ((*rates)[0].code, "NY");
    EXPECT_TRUE((*rates)[1].is_default);
    EXPECT_EQ((*rates)[1].rate_percent, "4.0001");

    const auto bad = in_txn([&](store::Txn& txn) {
        return create_tax_rate(txn,
                               clock(),
                               actor(),
                               {.code = "",
                                .name = "X",
                                .rate_percent = "1.23456",
                                .account_number = "9999",
                                .is_default = false});
    });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(fields(bad.error()),
              (std::vector<std::string>{"code", "rate_percent", "account_number"}));

    // An item's own tax code wins over the default; an exempt customer pays none.
    const std::vector<std::string> skus{"FLOUR"};
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_item_tax_code(txn, clock(), actor(), "NY", skus);
                }).ok());
    const auto flour_rate = in_txn([&](store::Txn& txn) {
        return tax_rate_for(txn, actor().company, TaxCategory::taxable, flour_, std::nullopt, "t");
    });
    ASSERT_TRUE(flour_rate.ok() && flour_rate->has_value());
    EXPECT_EQ((**flour_rate).code, "NY");
    const auto widget_rate = in_txn([&](store::Txn& txn) {
        return tax_rate_for(txn, actor().company, TaxCategory::taxable, widget_, std::nullopt, "t");
    });
    ASSERT_TRUE(widget_rate.ok() && widget_rate->has_value());
    EXPECT_EQ((**widget_rate).code, "RED");
    const auto exempt = in_txn([&](store::Txn& txn) {
        return tax_rate_for(txn, actor().company, TaxCategory::exempt, widget_, std::nullopt, "t");
    });
    ASSERT_TRUE(exempt.ok());
    EXPECT_FALSE(exempt->has_value());
}

BO_INSTANTIATE_ON_ALL_BACKENDS(SalesCustomers);

}  // namespace
}  // namespace bo::modules::sales::testing
