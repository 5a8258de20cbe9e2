// Goal: post() accepts exactly the entries the ledger's rules allow, refuses every other with
// the listed error and writes nothing then; reversal restores balances; numbering is gap-free;
// posted rows cannot be changed even with raw SQL.
// Method: each case runs on SQLite and PostgreSQL (LedgerTest), against a fresh company with
// the standard chart and fiscal year 2024; after every case that posts, the maintained
// balances are recomputed from the lines (check_balances) and must agree.
#include <optional>
#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "core/limits.hpp"
#include "ledger/ledger_fixture.hpp"

namespace bo::ledger::testing {
namespace {

using bo::testing::only_field;
using core::ErrorCode;

class Journal : public CleanBooksTest {
protected:
    // Asserts that `input` is refused with `code` and that nothing was written.
    void expect_refused(const EntryInput& input, ErrorCode code, std::string_view field = {}) {
        const auto before = check();
        ASSERT_TRUE(before.ok());
        const auto posted = post_entry(input);
        ASSERT_FALSE(posted.ok()) << "posted an invalid entry";
        EXPECT_EQ(posted.error().code(), code) << posted.error().message();
        if (!field.empty()) {
            EXPECT_EQ(only_field(posted.error()), field) << posted.error().message();
        }
        const auto after = check();
        ASSERT_TRUE(after.ok());
        EXPECT_EQ(after->entries, before->entries);
        EXPECT_EQ(after->balance_rows, before->balance_rows);
    }
};

TEST_P(Journal, PostsABalancedEntryAndUpdatesBalances) {
    const auto posted = transfer("2024-01-15", "1120", "3100", 100'000);
    ASSERT_TRUE(posted.ok()) << posted.error().message();
    EXPECT_EQ(posted->number, 1);
    EXPECT_EQ(posted->fiscal_year_name, "FY2024");
    EXPECT_EQ(posted->status, EntryStatus::posted);
    EXPECT_EQ(posted->debit_total_minor, 100'000);
    EXPECT_EQ(posted->credit_total_minor, 100'000);
    ASSERT_EQ(posted->lines.size(), 2U);
    EXPECT_EQ(posted->lines[0].functional_minor, 100'000);

    const auto found =
        in_txn([&](store::Txn& txn) { return find_entry(txn, actor().company, posted->id); });
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->lines.size(), 2U);
    EXPECT_EQ((*found)->lines[1].side, Side::credit);
    EXPECT_EQ((*found)->memo, "test entry");

    const auto balances =
        in_txn([&](store::Txn& txn) { return maintained_balances(txn, actor().company); });
    ASSERT_TRUE(balances.ok());
    ASSERT_EQ(balances->size(), 2U);
    std::int64_t debits = 0;
    std::int64_t credits = 0;
    for (const BalanceRow& row : *balances) {
        debits += row.debit_minor;
        credits += row.credit_minor;
    }
    EXPECT_EQ(debits, 100'000);
    EXPECT_EQ(credits, 100'000);
}

TEST_P(Journal, RefusesAnUnbalancedEntry) {
    expect_refused(
        entry("2024-01-15", {debit(account("1120"), usd(100)), credit(account("3100"), usd(99))}),
        ErrorCode::invalid_argument,
        "lines");
}

TEST_P(Journal, RefusesOneLine) {
    expect_refused(entry("2024-01-15", {debit(account("1120"), usd(100))}),
                   ErrorCode::invalid_argument,
                   "lines");
    expect_refused(entry("2024-01-15", {}), ErrorCode::invalid_argument, "lines");
}

TEST_P(Journal, RefusesZeroAndNegativeAmounts) {
    expect_refused(
        entry("2024-01-15", {debit(account("1120"), usd(0)), credit(account("3100"), usd(0))}),
        ErrorCode::invalid_argument);
    expect_refused(entry("2024-01-15",
                         {debit(account("1120"), usd(-5)),
                          credit(account("3100"), usd(-5)),
                          debit(account("1130"), usd(10)),
                          credit(account("3100"), usd(10))}),
                   ErrorCode::invalid_argument);
    const auto refused = post_entry(
        entry("2024-01-15", {debit(account("1120"), usd(0)), credit(account("3100"), usd(1))}));
    ASSERT_FALSE(refused.ok());
    ASSERT_FALSE(refused.error().fields().empty());
    EXPECT_EQ(refused.error().fields()[0].field, "lines/0/amount");
}

TEST_P(Journal, RefusesAClosedOrLockedPeriodAndADateWithoutPeriod) {
    const auto periods =
        in_txn([&](store::Txn& txn) { return list_periods(txn, actor().company, year().id); });
    ASSERT_TRUE(periods.ok());
    ASSERT_EQ(periods->size(), 12U);
    const auto closed = in_txn(
        [&](store::Txn& txn) { return close_period(txn, clock(), actor(), (*periods)[1].id); });
    ASSERT_TRUE(closed.ok()) << closed.error().message();
    EXPECT_EQ(closed->status, PeriodStatus::closed);
    const EntryInput february =
        entry("2024-02-29", {debit(account("1120"), usd(100)), credit(account("3100"), usd(100))});
    expect_refused(february, ErrorCode::period_closed);
    // Reopened, it accepts the entry again; locked, it never does.
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return reopen_period(txn, clock(), actor(), (*periods)[1].id);
                }).ok());
    EXPECT_TRUE(post_entry(february).ok());
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return lock_period(txn, clock(), actor(), (*periods)[1].id);
                }).ok());
    expect_refused(february, ErrorCode::period_closed);
    const auto reopen = in_txn(
        [&](store::Txn& txn) { return reopen_period(txn, clock(), actor(), (*periods)[1].id); });
    ASSERT_FALSE(reopen.ok());
    EXPECT_EQ(reopen.error().code(), ErrorCode::conflict);
    expect_refused(
        entry("2025-01-02", {debit(account("1120"), usd(100)), credit(account("3100"), usd(100))}),
        ErrorCode::period_closed);
}

TEST_P(Journal, RefusesAnInactiveAccount) {
    const AccountId savings = account("1130");  // outside the transaction: no nesting
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_account_activity(txn, clock(), actor(), savings, Activity::inactive);
                }).ok());
    expect_refused(
        entry("2024-01-15", {debit(account("1130"), usd(100)), credit(account("3100"), usd(100))}),
        ErrorCode::invalid_argument,
        "lines/0/account");
}

TEST_P(Journal, RefusesAnotherCompanysAccountAndDepartment) {
    Actor other = actor();
    const auto company = in_txn([&](store::Txn& txn) {
        return platform::tenancy::create_company(
            txn,
            clock(),
            {.code = "OTHER", .name = "Other", .functional_currency = "USD", .time_zone = "UTC"});
    });
    ASSERT_TRUE(company.ok());
    other.company = company->id;
    const auto foreign = in_txn([&](store::Txn& txn) {
        return create_account(
            txn,
            clock(),
            other,
            {.number = "1120", .name = "Bank", .type = "asset", .parent = {}, .currency = {}});
    });
    ASSERT_TRUE(foreign.ok()) << foreign.error().message();
    const auto foreign_department = in_txn([&](store::Txn& txn) {
        return departments::create_department(
            txn, clock(), other.company, {.code = "X", .name = "X", .parent_id = {}});
    });
    ASSERT_TRUE(foreign_department.ok());
    expect_refused(
        entry("2024-01-15", {debit(foreign->id, usd(100)), credit(account("3100"), usd(100))}),
        ErrorCode::invalid_argument,
        "lines/0/account");
    LineInput line = credit(account("3100"), usd(100));
    line.department = foreign_department->id;
    expect_refused(entry("2024-01-15", {debit(account("1120"), usd(100)), line}),
                   ErrorCode::invalid_argument,
                   "lines/1/department");
}

TEST_P(Journal, ControlAccountsTakeOnlyTheirSubledger) {
    const EntryInput manual =
        entry("2024-01-15", {debit(account("1200"), usd(500)), credit(account("4110"), usd(500))});
    expect_refused(manual, ErrorCode::invalid_argument, "lines/0/account");
    EntryInput from_ap = manual;
    from_ap.source = Source{"vendor_bill", "7", Subledger::ap};
    expect_refused(from_ap, ErrorCode::invalid_argument, "lines/0/account");
    EntryInput invoice = manual;
    invoice.source = Source{"sales_invoice", "42", Subledger::ar};
    invoice.lines[0].party = Party{PartyType::customer, 42};
    const auto posted = post_entry(invoice);
    ASSERT_TRUE(posted.ok()) << posted.error().message();
    EXPECT_EQ(posted->source.type, "sales_invoice");
    const auto found =
        in_txn([&](store::Txn& txn) { return find_entry(txn, actor().company, posted->id); });
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->source.subledger, Subledger::ar);
    ASSERT_TRUE((*found)->lines[0].party.has_value());
    EXPECT_EQ((*found)->lines[0].party->id, 42);
}

TEST_P(Journal, RefusesOverflowingTotals) {
    const std::int64_t half = std::numeric_limits<std::int64_t>::max() / 2 + 1;
    expect_refused(entry("2024-01-15",
                         {debit(account("1120"), usd(half)),
                          debit(account("1130"), usd(half)),
                          credit(account("3100"), usd(half)),
                          credit(account("3100"), usd(half))}),
                   ErrorCode::limit_exceeded);
}

TEST_P(Journal, LineCountLimit) {
    std::vector<LineInput> lines;
    for (std::size_t index = 0; index + 1 < core::journal_entry_lines_max; ++index) {
        lines.push_back(debit(account("6310"), usd(1)));
    }
    lines.push_back(credit(account("1120"), usd(static_cast<std::int64_t>(lines.size()))));
    ASSERT_EQ(lines.size(), core::journal_entry_lines_max);
    EntryInput at_limit = entry("2024-03-01", lines);
    const auto posted = post_entry(at_limit);
    ASSERT_TRUE(posted.ok()) << posted.error().message();
    EXPECT_EQ(posted->lines.size(), core::journal_entry_lines_max);
    at_limit.lines.push_back(debit(account("6310"), usd(1)));
    at_limit.lines.push_back(credit(account("1120"), usd(1)));
    expect_refused(at_limit, ErrorCode::limit_exceeded);
}

TEST_P(Journal, NumbersAreGapFreeEvenAfterRefusals) {
    ASSERT_TRUE(transfer("2024-01-02", "1120", "3100", 1).ok());
    ASSERT_FALSE(
        post_entry(
            entry("2024-01-03", {debit(account("1120"), usd(1)), credit(account("3100"), usd(2))}))
            .ok());
    const auto second = transfer("2024-01-04", "1120", "3100", 1);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->number, 2);
    const auto next_year = in_txn([&](store::Txn& txn) {
        return create_fiscal_year(txn, clock(), actor(), date("2025-01-01"), std::nullopt);
    });
    ASSERT_TRUE(next_year.ok()) << next_year.error().message();
    const auto first_of_2025 = transfer("2025-01-04", "1120", "3100", 1);
    ASSERT_TRUE(first_of_2025.ok());
    EXPECT_EQ(first_of_2025->number, 1);
    EXPECT_EQ(first_of_2025->fiscal_year_name, "FY2025");
}

TEST_P(Journal, ReversalRestoresEveryBalance) {
    ASSERT_TRUE(transfer("2024-01-10", "1120", "3100", 50'000).ok());
    const auto before =
        in_txn([&](store::Txn& txn) { return maintained_balances(txn, actor().company); });
    ASSERT_TRUE(before.ok());
    LineInput rent = debit(account("6210"), usd(12'345));
    rent.department = department(1);
    const auto posted =
        post_entry(entry("2024-01-20", {rent, credit(account("1120"), usd(12'345))}));
    ASSERT_TRUE(posted.ok());
    const auto reversal = in_txn([&](store::Txn& txn) {
        return reverse(txn, clock(), actor(), posted->id, date("2024-01-25"), "wrong month");
    });
    ASSERT_TRUE(reversal.ok()) << reversal.error().message();
    EXPECT_EQ(reversal->reverses, posted->id);
    EXPECT_EQ(reversal->memo, "Reversal of FY2024/2: wrong month");
    EXPECT_EQ(reversal->lines[0].side, Side::credit);
    const auto after =
        in_txn([&](store::Txn& txn) { return maintained_balances(txn, actor().company); });
    ASSERT_TRUE(after.ok());
    // Same period: every key's net is back where it was (the rent key nets to zero).
    std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> net_before;
    std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> net_after;
    for (const auto& row : *before) {
        net_before[{row.account.value(), row.department ? row.department->value() : 0}] +=
            row.debit_minor - row.credit_minor;
    }
    for (const auto& row : *after) {
        const std::int64_t net = row.debit_minor - row.credit_minor;
        if (net != 0) {
            net_after[{row.account.value(), row.department ? row.department->value() : 0}] += net;
        }
    }
    EXPECT_EQ(net_after, net_before);
    const auto original =
        in_txn([&](store::Txn& txn) { return find_entry(txn, actor().company, posted->id); });
    ASSERT_TRUE(original.ok() && original->has_value());
    EXPECT_EQ((*original)->reversed_by, reversal->id);
    const auto again = in_txn([&](store::Txn& txn) {
        return reverse(txn, clock(), actor(), posted->id, date("2024-01-26"), "again");
    });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code(), ErrorCode::conflict);
    const auto missing = in_txn([&](store::Txn& txn) {
        return reverse(txn, clock(), actor(), EntryId(999'999), date("2024-01-26"), "x");
    });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::not_found);
}

TEST_P(Journal, ForeignCurrencyLinesConvertAtTheRateAndBalance) {
    const auto refused =
        post_entry(entry("2024-01-15",
                         {debit(account("1120"), core::Money{1000, currency("EUR")}),
                          credit(account("3100"), core::Money{1000, currency("EUR")})}));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(only_field(refused.error()), "date");
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_exchange_rate(txn,
                                             clock(),
                                             actor(),
                                             "EUR",
                                             date("2024-01-01"),
                                             core::Rational::parse("1.0825").value());
                }).ok());
    // 3 x 3.33 EUR = 9.99 EUR = 10.814175 USD -> 10.81, spread 3.61/3.60/3.60.
    const core::Money part{333, currency("EUR")};
    const auto posted =
        post_entry(entry("2024-01-15",
                         {debit(account("6310"), part),
                          debit(account("6320"), part),
                          debit(account("6330"), part),
                          credit(account("1120"), core::Money{999, currency("EUR")})}));
    ASSERT_TRUE(posted.ok()) << posted.error().message();
    EXPECT_EQ(posted->debit_total_minor, 1081);
    EXPECT_EQ(posted->credit_total_minor, 1081);
    EXPECT_EQ(posted->lines[0].functional_minor + posted->lines[1].functional_minor
                  + posted->lines[2].functional_minor,
              1081);
    EXPECT_EQ(posted->lines[3].functional_minor, 1081);
    EXPECT_EQ(posted->lines[3].amount.currency.code(), "EUR");
}

TEST_P(Journal, PostedRowsAreImmutableInTheDatabase) {
    const auto posted = transfer("2024-01-15", "1120", "3100", 100);
    ASSERT_TRUE(posted.ok());
    const auto update = in_txn([&](store::Txn& txn) {
        const std::vector<store::Value> params{posted->id.value()};
        return txn.execute("UPDATE ledger_entries SET memo = 'changed' WHERE id = $1", params);
    });
    EXPECT_FALSE(update.ok());
    const auto remove = in_txn([&](store::Txn& txn) {
        const std::vector<store::Value> params{posted->id.value()};
        return txn.execute("DELETE FROM ledger_entry_lines WHERE entry_id = $1", params);
    });
    EXPECT_FALSE(remove.ok());
}

TEST_P(Journal, CheckFindsATamperedBalance) {
    ASSERT_TRUE(transfer("2024-01-15", "1120", "3100", 100).ok());
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return txn.execute(
                        "UPDATE ledger_balances SET debit_minor = debit_minor + 1 "
                        "WHERE debit_minor > 0",
                        {});
                }).ok());
    const auto checked = check();
    ASSERT_TRUE(checked.ok());
    EXPECT_EQ(checked->differences.size(), 1U);
    EXPECT_EQ(checked->differences[0].maintained_debit_minor, 101);
    EXPECT_EQ(checked->differences[0].recomputed_debit_minor, 100);
    // Undo, so that TearDown's check passes.
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return txn.execute(
                        "UPDATE ledger_balances SET debit_minor = debit_minor - 1 "
                        "WHERE debit_minor > 0",
                        {});
                }).ok());
}

// Copies lines of a posted transfer behind post()'s back with `copy_sql` ($1 = the entry id),
// runs `ledger check` inside the same transaction and rolls everything back. PostgreSQL's
// foreign keys refuse such lines; SQLite has none on lines (migrations 0112 and 0114), so there
// the check must count them. Answers the check, or nullopt when the insert was refused.
class TamperedLines : public Journal {
protected:
    std::optional<BalanceCheck> check_with(const std::string& copy_sql) {
        const auto posted = transfer("2024-01-15", "1120", "3100", 100);
        EXPECT_TRUE(posted.ok());
        std::optional<BalanceCheck> seen;
        const auto rolled_back = in_txn([&](store::Txn& txn) -> core::Result<void> {
            const std::vector<store::Value> params{posted->id.value()};
            BO_TRY(txn.execute(
                "INSERT INTO ledger_entry_lines (company_id, entry_id, line_number, account_id, "
                "department_id, party_type, party_id, side, currency, amount_minor, "
                "functional_minor, memo, entry_date, period_id) "
                    + copy_sql + " FROM ledger_entry_lines WHERE entry_id = $1",
                params));
            BO_TRY_ASSIGN(seen, check_balances(txn, actor().company));
            EXPECT_FALSE(seen->clean());
            return core::Error(core::ErrorCode::conflict, "roll back the tampering");
        });
        EXPECT_FALSE(rolled_back.ok());
        EXPECT_EQ(seen.has_value(), GetParam() == store::Backend::sqlite);
        const auto after = check();  // the tampering is gone with the rollback
        EXPECT_TRUE(after.ok() && after->clean());
        return seen;
    }
};

TEST_P(TamperedLines, CheckFindsALineWithAnotherCompanysAccount) {
    const auto seen = check_with(
        "SELECT company_id, entry_id, line_number + 2, 999999, NULL, NULL, NULL, side, currency, "
        "amount_minor, functional_minor, '', entry_date, period_id");
    if (seen) {
        EXPECT_EQ(seen->foreign_lines, 2);
    }
}

TEST_P(TamperedLines, CheckFindsALineWithoutItsEntry) {
    const auto seen = check_with(
        "SELECT company_id, entry_id + 1000, line_number, account_id, department_id, party_type, "
        "party_id, side, currency, amount_minor, functional_minor, memo, entry_date, period_id");
    if (seen) {
        EXPECT_EQ(seen->orphan_lines, 2);
    }
}

BO_INSTANTIATE_ON_ALL_BACKENDS(TamperedLines);
BO_INSTANTIATE_ON_ALL_BACKENDS(Journal);

}  // namespace
}  // namespace bo::ledger::testing
