// A fixture for ledger tests: each test gets a fresh migrated database of the backend in
// GetParam(), a company ACME (functional currency USD) with the standard chart, fiscal year
// 2024 (twelve open monthly periods), two departments, and helpers to build and post entries.
// Thread safety: one test, one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/money.hpp"
#include "ledger/departments/service.hpp"
#include "ledger/service.hpp"
#include "platform/storage_fixture.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::ledger::testing {

inline core::Date date(std::string_view text) {
    return core::Date::parse(text).value();
}

inline core::Currency currency(std::string_view code) {
    return core::Currency::create(code).value();
}

inline core::Money usd(std::int64_t minor) {
    return core::Money{minor, currency("USD")};
}

class LedgerTest : public bo::testing::StorageTest {
protected:
    void SetUp() override {
        bo::testing::StorageTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const auto company = in_txn([&](store::Txn& txn) {
            return platform::tenancy::create_company(
                txn,
                clock(),
                {.code = "ACME", .name = "Acme", .functional_currency = "USD", .time_zone = "UTC"});
        });
        ASSERT_TRUE(company.ok()) << company.error().message();
        actor_.company = company->id;
        actor_.username = "tester";
        actor_.request_id = "test";
        const auto chart =
            in_txn([&](store::Txn& txn) { return load_standard_chart(txn, clock(), actor_); });
        ASSERT_TRUE(chart.ok()) << chart.error().message();
        const auto year = in_txn([&](store::Txn& txn) {
            return create_fiscal_year(txn, clock(), actor_, date("2024-01-01"), std::nullopt);
        });
        ASSERT_TRUE(year.ok()) << year.error().message();
        year_.emplace(*year);
        for (const char* code : {"SALES", "OPS"}) {
            const auto department = in_txn([&](store::Txn& txn) {
                return departments::create_department(
                    txn, clock(), actor_.company, {.code = code, .name = code, .parent_id = {}});
            });
            ASSERT_TRUE(department.ok()) << department.error().message();
            departments_.push_back(department->id);
        }
    }

    const Actor& actor() const { return actor_; }

    const FiscalYear& year() const { return *year_; }

    DepartmentId department(std::size_t index) const { return departments_.at(index); }

    // The id of the account with this number (asserts that it exists).
    AccountId account(std::string_view number) {
        const auto found = in_txn(
            [&](store::Txn& txn) { return find_account_by_number(txn, actor_.company, number); });
        EXPECT_TRUE(found.ok() && found->has_value()) << number;
        return found.ok() && found->has_value() ? (**found).id : AccountId(0);
    }

    static LineInput debit(AccountId account, core::Money amount) {
        return LineInput{.account = account,
                         .department = std::nullopt,
                         .party = std::nullopt,
                         .side = Side::debit,
                         .amount = amount,
                         .memo = ""};
    }

    static LineInput credit(AccountId account, core::Money amount) {
        LineInput line = debit(account, amount);
        line.side = Side::credit;
        return line;
    }

    static EntryInput entry(std::string_view day, std::vector<LineInput> lines) {
        return EntryInput{.date = date(day),
                          .memo = "test entry",
                          .source = Source::manual(),
                          .lines = std::move(lines)};
    }

    core::Result<PostedEntry> post_entry(const EntryInput& input) {
        return in_txn([&](store::Txn& txn) { return post(txn, clock(), actor_, input); });
    }

    // A simple balanced manual entry: debit `to`, credit `from`.
    core::Result<PostedEntry> transfer(std::string_view day,
                                       std::string_view to,
                                       std::string_view from,
                                       std::int64_t minor) {
        return post_entry(
            entry(day, {debit(account(to), usd(minor)), credit(account(from), usd(minor))}));
    }

    core::Result<BalanceCheck> check() {
        return in_txn([&](store::Txn& txn) { return check_balances(txn, actor_.company); });
    }

private:
    Actor actor_;
    std::optional<FiscalYear> year_;
    std::vector<DepartmentId> departments_;
};

// A LedgerTest whose books must still check clean (maintained balances equal the lines) after
// every test that ran to the end.
class CleanBooksTest : public LedgerTest {
protected:
    void TearDown() override {
        if (!IsSkipped() && !HasFatalFailure()) {
            const auto checked = check();
            ASSERT_TRUE(checked.ok()) << checked.error().message();
            EXPECT_TRUE(checked->clean()) << checked->differences.size() << " differences";
        }
    }
};

}  // namespace bo::ledger::testing
