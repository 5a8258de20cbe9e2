// A fixture for sales tests: the ledger fixture's company ACME (USD, standard chart, 2024 open)
// plus three items (a counted widget, flour by the kg, a service), a default tax rate of
// 8.875 %, a customer with a credit limit, and callers with the permissions of an order clerk,
// a salesperson and a credit manager.
// Thread safety: one test, one thread.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ledger/ledger_fixture.hpp"
#include "modules/inventory/service.hpp"
#include "modules/sales/pricing.hpp"
#include "modules/sales/service.hpp"

namespace bo::modules::sales::testing {

using ledger::testing::date;

// The fields an error names, in order.
inline std::vector<std::string> fields(const core::Error& error) {
    std::vector<std::string> names;
    for (const core::FieldError& field : error.fields()) {
        names.push_back(field.field);
    }
    return names;
}

class CustomerTest : public ledger::testing::LedgerTest {
protected:
    void SetUp() override {
        LedgerTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        widget_ = item("WID-1", "ea", inventory::ItemKind::stocked, 1999);
        flour_ = item("FLOUR", "kg", inventory::ItemKind::stocked, 99);
        service_ = item("INSTALL", "h", inventory::ItemKind::service, 8000);
        const auto rate = in_txn([&](store::Txn& txn) {
            return create_tax_rate(txn,
                                   clock(),
                                   actor(),
                                   {.code = "NY",
                                    .name = "New York",
                                    .rate_percent = "8.875",
                                    .account_number = "2300",
                                    .is_default = true});
        });
        ASSERT_TRUE(rate.ok()) << rate.error().message();
        customer_ = customer("C-1", 100'000'00);
    }

    inventory::ItemId item(const std::string& sku,
                           const std::string& unit,
                           inventory::ItemKind kind,
                           std::int64_t price_minor) {
        const auto created = in_txn([&](store::Txn& txn) {
            return inventory::create_item(txn,
                                          clock(),
                                          actor().company,
                                          {.sku = sku,
                                           .description = sku,
                                           .unit = unit,
                                           .kind = kind,
                                           .currency = "USD",
                                           .price_minor = price_minor,
                                           .standard_cost_minor = price_minor / 2});
        });
        EXPECT_TRUE(created.ok()) << created.error().message();
        return created.ok() ? created->id : inventory::ItemId(0);
    }

    std::string customer(const std::string& number,
                         std::int64_t credit_limit_minor,
                         CustomerDetails details = {}) {
        const auto created = in_txn([&](store::Txn& txn) {
            return create_customer(txn,
                                   clock(),
                                   actor(),
                                   {.number = number,
                                    .name = "Customer " + number,
                                    .email = "",
                                    .phone = "",
                                    .city = "",
                                    .country = "US",
                                    .currency = "USD",
                                    .credit_limit_minor = credit_limit_minor,
                                    .payment_terms_days = 30,
                                    .status = CustomerStatus::active},
                                   details);
        });
        EXPECT_TRUE(created.ok()) << created.error().message();
        return number;
    }

    // A caller with `permissions` (user ids are arbitrary; nothing checks them against users).
    platform::Caller caller(std::int64_t user, std::vector<std::string> permissions) const {
        platform::Caller who;
        who.actor = actor();
        who.actor.user = platform::auth::UserId(user);
        who.actor.username = "user" + std::to_string(user);
        who.method = platform::AuthMethod::session;
        for (const std::string& permission : permissions) {
            who.permissions.add(permission);
        }
        return who;
    }

    platform::Caller clerk() const {
        return caller(11, {"sales.read", "sales.order", "sales.manage"});
    }

    platform::Caller salesperson() const { return caller(12, {"sales.read", "sales.order"}); }

    platform::Caller credit_manager() const { return caller(13, {"sales.read", "sales.release"}); }

    inventory::ItemId widget_{};
    inventory::ItemId flour_{};
    inventory::ItemId service_{};
    std::string customer_;
};

}  // namespace bo::modules::sales::testing
