// Goal: the demo's generated camt.053 is a statement our own parser reads, whose lines carry the
// balances from opening to closing, and seeding the demo stores it on the operating account.
// Method: parse the generated file directly; seed the demo once per backend and read back.
#include <gtest/gtest.h>

#include "modules/banking/parsers.hpp"
#include "modules/banking/service.hpp"
#include "modules/demo/bank.hpp"
#include "modules/demo/seed.hpp"
#include "platform/storage_fixture.hpp"

namespace bo::modules::demo {
namespace {

TEST(DemoBank, GeneratedStatementChainsItsBalances) {
    const core::Date to = core::Date::parse("2026-03-25").value();
    const auto parsed = banking::parse_camt(demo_camt053(to, 24));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message();
    const banking::ParsedStatement& statement = parsed->statements.at(0);
    ASSERT_EQ(statement.lines.size(), 24U);
    std::int64_t balance = statement.balance("opening")->amount.minor;
    for (const banking::ParsedLine& line : statement.lines) {
        balance += line.amount.minor;
        EXPECT_LT(line.booking_date, to);
        EXPECT_FALSE(line.counterparty_name.empty());
    }
    EXPECT_EQ(balance, statement.balance("closing")->amount.minor);
    EXPECT_EQ(statement.account_number, "4400123456");
}

class DemoBankSeedTest : public bo::testing::StorageTest {};

TEST_P(DemoBankSeedTest, SeedImportsTheStatementOnTheOperatingAccount) {
    const auto seeded = seed_demo(db(), clock());
    ASSERT_TRUE(seeded.ok()) << seeded.error().message();
    EXPECT_EQ(seeded->bank.bank_accounts, 1U);
    EXPECT_EQ(seeded->bank.statement_lines, 24U);
    const auto accounts = in_txn([&](store::Txn& txn) {
        return banking::list_bank_accounts(txn, seeded->company_id, {}, 10);
    });
    ASSERT_TRUE(accounts.ok());
    ASSERT_EQ(accounts->size(), 1U);
    EXPECT_EQ(accounts->at(0).ledger_account, "1120");
}

BO_INSTANTIATE_ON_ALL_BACKENDS(DemoBankSeedTest);

}  // namespace
}  // namespace bo::modules::demo
