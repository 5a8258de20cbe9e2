// The statement of account with cash application, on both backends: a receipt is a credit on
// its date and unapplied cash lowers the balance as the customer sees it (closing = the open
// invoices at the foot less the unapplied cash); an early-payment discount taken by an
// allocation is a credit of its own; the opening balance of a later range carries them.
// Method: PaymentsTest (customer C-1, 30 days' terms, tax 8.875 %, a USD bank account).
#include <string>

#include <gtest/gtest.h>

#include "modules/receivables/statement.hpp"
#include "modules/receivables_payments_fixture.hpp"

namespace bo::modules::receivables::testing {
namespace {

class StatementOfAccountPayments : public PaymentsTest {
protected:
    Statement statement(const std::string& from, const std::string& to) {
        const sales::CustomerId customer = customer_id();
        const auto made = in_txn([&](store::Txn& txn) {
            return statement_of_account(txn, clock(), actor().company, customer, date(from),
                                        date(to));
        });
        EXPECT_TRUE(made.ok()) << made.error().message();
        return *made;
    }
};

TEST_P(StatementOfAccountPayments, ReceiptsDiscountsAndUnappliedCashAreOnTheStatement) {
    const Document first = issued("1000.00", "2024-01-05");  // 1088.75
    issued("200.00", "2024-02-10");                          // 217.75, due 2024-03-11
    // 100.00 with 2 % within 10 days: 108.88, discount 2.18 on 2024-02-12.
    const Document third = issued("100.00", "2024-02-05", "C-1", "2", 10);
    const auto paid = record(paying("1500.00", "2024-02-20",
                                    {allocation(first.id, "1088.75")}, ReceiptMethod::transfer,
                                    "REMIT 4711"));
    ASSERT_TRUE(paid.ok()) << paid.error().message();
    const auto early = record(paying("106.70", "2024-02-12", {allocation(third.id, "106.70")}));
    ASSERT_TRUE(early.ok()) << early.error().message();

    const Statement made = statement("2024-02-01", "2024-03-01");
    EXPECT_EQ(made.opening.minor, 1088'75);
    std::vector<StatementEntry> kinds;
    for (const StatementLine& line : made.lines) {
        kinds.push_back(line.kind);
    }
    EXPECT_EQ(kinds, (std::vector<StatementEntry>{StatementEntry::invoice,
                                                  StatementEntry::invoice,
                                                  StatementEntry::receipt,
                                                  StatementEntry::allowance,
                                                  StatementEntry::receipt}));
    const StatementLine& cash = made.lines.back();
    EXPECT_EQ(cash.credit.minor, 1500'00);
    EXPECT_NE(cash.detail.find("REMIT 4711"), std::string::npos) << cash.detail;
    EXPECT_EQ(made.lines[3].credit.minor, 2'18);
    // 1088.75 + 217.75 + 108.88 - 106.70 - 2.18 - 1500.00
    EXPECT_EQ(made.closing.minor, -193'50);
    std::int64_t open = 0;
    for (const core::Money& bucket : made.aging) {
        open += bucket.minor;
    }
    EXPECT_EQ(open, 217'75);
    EXPECT_EQ(open - made.closing.minor, 411'25) << "the unapplied cash";

    const Statement later = statement("2024-03-01", "2024-04-01");
    EXPECT_EQ(later.opening.minor, -193'50);
    EXPECT_TRUE(later.lines.empty());
    const auto pdf = in_txn([&](store::Txn& txn) {
        return statement_pdf(txn, actor().company, made);
    });
    ASSERT_TRUE(pdf.ok()) << pdf.error().message();
}

BO_INSTANTIATE_ON_ALL_BACKENDS(StatementOfAccountPayments);

}  // namespace
}  // namespace bo::modules::receivables::testing
