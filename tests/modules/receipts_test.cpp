// Receipts and cash application on both backends: recording a receipt with allocations posts
// one balanced entry (bank / discounts / write-offs against 1200 per invoice and 2400 for the
// unapplied rest) and reduces the invoices' open balances; every rule violation is a field
// error that writes nothing; unapplied cash is applied later, un-applied, refunded; a void
// reverses everything.
// Method: the sales fixture's company (USD, standard chart, 2024 open, tax 8.875 %) with a
// bank account on 1120; services called in their own transactions as the API would; balances
// read back through the ledger's trial balance and the aging.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ledger/reports.hpp"
#include "modules/banking/service.hpp"
#include "modules/receivables/aging.hpp"
#include "modules/receivables/invoices.hpp"
#include "modules/receivables/payments.hpp"
#include "modules/receivables_payments_fixture.hpp"

namespace bo::modules::receivables::testing {
namespace {

using core::ErrorCode;

class Receipts : public PaymentsTest {};

TEST_P(Receipts, ReceiptPostsOneEntryAndReducesTheInvoicesItPays) {
    const Document first = issued("1000.00", "2024-03-01");  // 1088.75 with tax
    const Document second = issued("100.00", "2024-03-02");  // 108.88
    const auto receipt =
        record(paying("1150.00",
                      "2024-03-20",
                      {allocation(first.id, "1088.75"), allocation(second.id, "50.00")},
                      ReceiptMethod::cheque,
                      "Cheque 1001"));
    ASSERT_TRUE(receipt.ok()) << receipt.error().message();
    EXPECT_EQ(receipt->applied.minor, 1138'75);
    EXPECT_EQ(receipt->unapplied.minor, 11'25);
    ASSERT_EQ(receipt->allocations.size(), 2U);
    EXPECT_EQ(receipt->allocations[0].invoice_number, first.number);
    EXPECT_EQ(load(first.id).open.minor, 0);
    EXPECT_EQ(load(first.id).paid.minor, 1088'75);
    EXPECT_EQ(load(second.id).open.minor, 108'88 - 50'00);

    const auto entry = in_txn([&](store::Txn& txn) {
        return ledger::find_entry(txn, actor().company, ledger::EntryId(receipt->entry_id));
    });
    ASSERT_TRUE(entry.ok() && entry->has_value());
    const ledger::PostedEntry& posted = **entry;
    EXPECT_EQ(posted.source.type, "customer_receipt");
    EXPECT_EQ(posted.source.subledger, ledger::Subledger::ar);
    ASSERT_EQ(posted.lines.size(), 4U);  // bank, two invoices, unapplied
    EXPECT_EQ(posted.lines[0].side, ledger::Side::debit);
    EXPECT_EQ(posted.lines[0].amount.minor, 1150'00);
    EXPECT_EQ(posted.lines[3].side, ledger::Side::credit);
    EXPECT_EQ(posted.lines[3].amount.minor, 11'25);
    ASSERT_TRUE(posted.lines[3].party.has_value());

    EXPECT_EQ(balance("1120", "2024-03-31"), 1150'00);
    EXPECT_EQ(balance("2400", "2024-03-31"), -11'25);
    const Aging report = aged("2024-03-31");
    EXPECT_EQ(report.total_minor, 108'88 - 50'00);
    EXPECT_EQ(report.difference_minor, 0);
    // Before the receipt's date the aging still sees both invoices whole.
    const Aging before = aged("2024-03-19");
    EXPECT_EQ(before.total_minor, 1088'75 + 108'88);
    EXPECT_EQ(before.difference_minor, 0);
    const auto checked = check();
    ASSERT_TRUE(checked.ok());
    EXPECT_TRUE(checked->clean());
}

TEST_P(Receipts, EveryBrokenRuleIsAFieldErrorAndNothingIsWritten) {
    const Document invoice = issued("100.00", "2024-03-01");  // 108.88
    const std::string other = customer("C-2", 0);
    const Document theirs = issued("10.00", "2024-03-01", other);
    const auto draft = in_txn([&](store::Txn& txn) {
        NewInvoice input;
        input.customer = customer_;
        input.invoice_date = "2024-03-01";
        input.lines = {NewInvoiceLine{.description = "Fee", .quantity = "1", .unit_price = "5"}};
        return create_invoice(txn, clock(), actor(), input);
    });
    ASSERT_TRUE(draft.ok());
    NewReceipt input = paying("100.00",
                              "2024-03-20",
                              {allocation(invoice.id, "108.89"),
                               allocation(theirs.id, "1.00"),
                               allocation(draft->id, "1.00"),
                               allocation(invoice.id, "1.00"),
                               allocation(DocumentId(9999), "1.00")});
    const auto refused = record(input);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), ErrorCode::invalid_argument);
    EXPECT_EQ(sales::testing::fields(refused.error()),
              (std::vector<std::string>{"allocations/0/amount",
                                        "allocations/1/invoice",
                                        "allocations/2/invoice",
                                        "allocations/3/invoice",
                                        "allocations/4/invoice"}));

    // A discount outside the window, a write-off over the tolerance.
    input.allocations = {{.invoice = invoice.id,
                          .amount = usd("50.00"),
                          .discount = usd("1.00"),
                          .write_off = usd("5.01")}};
    const auto rules = record(input);
    ASSERT_FALSE(rules.ok());
    EXPECT_EQ(sales::testing::fields(rules.error()),
              std::vector<std::string>{"allocations/0/write_off"});
    input.allocations[0].write_off = usd("5.00");
    const auto discount = record(input);
    ASSERT_FALSE(discount.ok());
    EXPECT_EQ(sales::testing::fields(discount.error()),
              std::vector<std::string>{"allocations/0/discount"});

    // More allocated than received; a bank account of another currency; a foreign amount.
    input.allocations = {allocation(invoice.id, "100.01")};
    const auto over = record(input);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(sales::testing::fields(over.error()), std::vector<std::string>{"allocations"});
    input.allocations = {};
    input.bank_account = banking::BankAccountId(9999);
    input.amount = core::Money{100, core::Currency::create("EUR").value()};
    const auto header = record(input);
    ASSERT_FALSE(header.ok());
    EXPECT_EQ(sales::testing::fields(header.error()),
              (std::vector<std::string>{"amount", "bank_account"}));

    const auto listed =
        in_txn([&](store::Txn& txn) { return list_receipts(txn, actor().company, {}); });
    ASSERT_TRUE(listed.ok());
    EXPECT_TRUE(listed->empty());
    EXPECT_EQ(load(invoice.id).open.minor, 108'88);
    EXPECT_EQ(balance("1120", "2024-12-31"), 0);
}

TEST_P(Receipts, EarlyPaymentDiscountSettlesTheInvoiceInFullWithinItsWindow) {
    // 2 % within 10 days on 108.88: 2.18 (half-even), so 106.70 settles it until 2024-03-11.
    const Document invoice = issued("100.00", "2024-03-01", customer_, "2", 10);
    const auto paid = record(paying("106.70",
                                    "2024-03-11",
                                    {allocation(invoice.id, "106.70")},
                                    ReceiptMethod::transfer,
                                    invoice.number));
    ASSERT_TRUE(paid.ok()) << paid.error().message();
    ASSERT_EQ(paid->allocations.size(), 1U);
    EXPECT_EQ(paid->allocations[0].discount.minor, 2'18);
    EXPECT_EQ(load(invoice.id).open.minor, 0);
    EXPECT_EQ(balance("4300", "2024-03-31"), 2'18);  // a debit to the contra-revenue account
    EXPECT_EQ(aged("2024-03-31").difference_minor, 0);

    // A day late, the same amount leaves the discount open; asking for it is refused.
    const Document late = issued("100.00", "2024-03-01", customer_, "2", 10);
    const auto short_paid = record(paying("106.70", "2024-03-12", {allocation(late.id, "106.70")}));
    ASSERT_TRUE(short_paid.ok());
    EXPECT_EQ(load(late.id).open.minor, 2'18);
    const auto refused = record(paying("1.00",
                                       "2024-03-12",
                                       {{.invoice = late.id,
                                         .amount = usd("1.00"),
                                         .discount = usd("1.18"),
                                         .write_off = std::nullopt}}));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(sales::testing::fields(refused.error()),
              std::vector<std::string>{"allocations/0/discount"});
}

TEST_P(Receipts, SmallDifferencesAreWrittenOffWithinAConfigurableTolerance) {
    const Document invoice = issued("100.00", "2024-03-01");  // 108.88
    const auto paid = record(paying("103.00",
                                    "2024-03-15",
                                    {{.invoice = invoice.id,
                                      .amount = usd("103.00"),
                                      .discount = std::nullopt,
                                      .write_off = usd("5.88")}},
                                    ReceiptMethod::card,
                                    ""));
    ASSERT_FALSE(paid.ok());  // over the default 5.00
    const auto set = in_txn([&](store::Txn& txn) {
        return set_payment_settings(txn,
                                    clock(),
                                    actor(),
                                    {.write_off_tolerance_minor = 10'00,
                                     .write_off_account = "6900",
                                     .discount_account = "4300"});
    });
    ASSERT_TRUE(set.ok()) << set.error().message();
    const auto again = record(paying("103.00",
                                     "2024-03-15",
                                     {{.invoice = invoice.id,
                                       .amount = usd("103.00"),
                                       .discount = std::nullopt,
                                       .write_off = usd("5.88")}},
                                     ReceiptMethod::card,
                                     ""));
    ASSERT_TRUE(again.ok()) << again.error().message();
    EXPECT_EQ(load(invoice.id).open.minor, 0);
    EXPECT_EQ(balance("6900", "2024-03-31"), 5'88);
    const auto bad = in_txn([&](store::Txn& txn) {
        return set_payment_settings(txn,
                                    clock(),
                                    actor(),
                                    {.write_off_tolerance_minor = -1,
                                     .write_off_account = "1200",
                                     .discount_account = "4300"});
    });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(sales::testing::fields(bad.error()),
              (std::vector<std::string>{"write_off_tolerance", "write_off_account"}));
}

TEST_P(Receipts, UnappliedCashIsAppliedUnappliedRefundedAndVoided) {
    const Document first = issued("100.00", "2024-03-01");   // 108.88
    const Document second = issued("200.00", "2024-03-02");  // 217.75
    const auto receipt = record(paying("300.00", "2024-03-10", {allocation(first.id, "108.88")}));
    ASSERT_TRUE(receipt.ok()) << receipt.error().message();
    EXPECT_EQ(receipt->unapplied.minor, 191'12);
    EXPECT_EQ(balance("2400", "2024-03-31"), -191'12);

    const auto applied = apply(receipt->id, {allocation(second.id, "150.00")}, "2024-03-12");
    ASSERT_TRUE(applied.ok()) << applied.error().message();
    EXPECT_EQ(applied->unapplied.minor, 41'12);
    EXPECT_EQ(load(second.id).open.minor, 67'75);
    EXPECT_EQ(balance("2400", "2024-03-31"), -41'12);
    EXPECT_EQ(aged("2024-03-31").difference_minor, 0);
    // Applying more than is unapplied is refused.
    const auto too_much = apply(receipt->id, {allocation(second.id, "41.13")}, "2024-03-12");
    ASSERT_FALSE(too_much.ok());
    EXPECT_EQ(sales::testing::fields(too_much.error()), std::vector<std::string>{"allocations"});

    // Un-applying restores the invoice and every balance.
    const AllocationId later = applied->allocations.back().id;
    const auto unapplied = unapply(receipt->id, later, "2024-03-13");
    ASSERT_TRUE(unapplied.ok()) << unapplied.error().message();
    EXPECT_EQ(unapplied->unapplied.minor, 191'12);
    EXPECT_EQ(load(second.id).open.minor, 217'75);
    EXPECT_EQ(balance("2400", "2024-03-31"), -191'12);
    EXPECT_EQ(balance("1200", "2024-03-31"), 217'75);
    const auto twice = unapply(receipt->id, later, "2024-03-13");
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code(), ErrorCode::conflict);
    // The aging on the day it was applied still saw the allocation.
    EXPECT_EQ(aged("2024-03-12").total_minor, 67'75);
    EXPECT_EQ(aged("2024-03-12").difference_minor, 0);

    const auto refunded = in_txn([&](store::Txn& txn) {
        return refund_receipt(
            txn,
            clock(),
            actor(),
            receipt->id,
            {.amount = usd("91.12"), .date = date("2024-03-14"), .reference = "Refund"});
    });
    ASSERT_TRUE(refunded.ok()) << refunded.error().message();
    EXPECT_EQ(refunded->unapplied.minor, 100'00);
    EXPECT_EQ(balance("1120", "2024-03-31"), 300'00 - 91'12);
    const auto voided = in_txn([&](store::Txn& txn) {
        return void_receipt(txn, clock(), actor(), receipt->id, "bounced", date("2024-03-20"));
    });
    ASSERT_FALSE(voided.ok());
    EXPECT_EQ(voided.error().code(), ErrorCode::conflict);
    const auto checked = check();
    ASSERT_TRUE(checked.ok());
    EXPECT_TRUE(checked->clean());
}

TEST_P(Receipts, VoidReversesEveryEntryOfTheReceipt) {
    const Document first = issued("100.00", "2024-03-01");
    const Document second = issued("200.00", "2024-03-02");
    NewReceipt input = paying("300.00",
                              "2024-03-10",
                              {allocation(first.id, "108.88")},
                              ReceiptMethod::cheque,
                              "Cheque 7");
    input.statement_line = banking::StatementLineId(42);
    const auto receipt = record(input);
    ASSERT_TRUE(receipt.ok()) << receipt.error().message();
    const auto applied = apply(receipt->id, {allocation(second.id, "100.00")}, "2024-03-11");
    ASSERT_TRUE(applied.ok());
    ASSERT_TRUE(unapply(receipt->id, applied->allocations.back().id, "2024-03-12").ok());
    const auto early = in_txn([&](store::Txn& txn) {
        return void_receipt(txn, clock(), actor(), receipt->id, "bounced", date("2024-03-11"));
    });
    ASSERT_FALSE(early.ok());
    EXPECT_EQ(sales::testing::fields(early.error()), std::vector<std::string>{"date"});
    const auto voided = in_txn([&](store::Txn& txn) {
        return void_receipt(
            txn, clock(), actor(), receipt->id, "Cheque bounced", date("2024-03-15"));
    });
    ASSERT_TRUE(voided.ok()) << voided.error().message();
    EXPECT_EQ(voided->status, ReceiptStatus::voided);
    EXPECT_EQ(voided->unapplied.minor, 0);
    EXPECT_EQ(load(first.id).open.minor, 108'88);
    EXPECT_EQ(load(second.id).open.minor, 217'75);
    for (const char* account : {"1120", "2400"}) {
        EXPECT_EQ(balance(account, "2024-03-31"), 0) << account;
    }
    EXPECT_EQ(balance("1200", "2024-03-31"), 108'88 + 217'75);
    EXPECT_EQ(aged("2024-03-31").difference_minor, 0);
    EXPECT_EQ(aged("2024-03-12").total_minor, 217'75);
    EXPECT_EQ(aged("2024-03-11").total_minor, 217'75 - 100'00);
    EXPECT_EQ(aged("2024-03-11").difference_minor, 0);
    const auto again = in_txn([&](store::Txn& txn) {
        return void_receipt(txn, clock(), actor(), receipt->id, "again", date("2024-03-15"));
    });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code(), ErrorCode::conflict);
    const auto by_line = in_txn([&](store::Txn& txn) {
        return list_receipts(
            txn, actor().company, {.statement_line = banking::StatementLineId(42)});
    });
    ASSERT_TRUE(by_line.ok());
    ASSERT_EQ(by_line->size(), 1U);
    const auto checked = check();
    ASSERT_TRUE(checked.ok());
    EXPECT_TRUE(checked->clean());
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Receipts);

}  // namespace
}  // namespace bo::modules::receivables::testing
