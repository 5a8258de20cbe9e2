// Receipts and cash application on both backends: recording a receipt with allocations posts
// one balanced entry (bank / discounts / write-offs against 1200 per invoice and 2400 for the
// unapplied rest) and reduces the invoices' open balances; every rule violation is a field
// error that writes nothing; unapplied cash is applied later, un-applied, refunded; a void
// reverses everything.
// Method: the sales fixture's company (USD, standard chart, 2024 open, tax 8.875 %) with a
// bank account on 1120; services called in their own transactions as the API would; balances
// read back through the ledger's trial balance and the aging.
#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "ledger/check_cases.hpp"
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
                                        "allocations/1/invoice_id",
                                        "allocations/2/invoice_id",
                                        "allocations/3/invoice_id",
                                        "allocations/4/invoice_id"}));

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
              (std::vector<std::string>{"amount", "bank_account_id"}));

    const auto listed =
        in_txn([&](store::Txn& txn) { return list_receipts(txn, actor().company, {}); });
    ASSERT_TRUE(listed.ok());
    EXPECT_TRUE(listed->empty());
    EXPECT_EQ(load(invoice.id).open.minor, 108'88);
    EXPECT_EQ(balance("1120", "2024-12-31"), 0);
}

// A refusal by the ledger (here: the bank's account 1120 made inactive) comes after the header
// was inserted; a caller who carries on in the same transaction (the matcher) still finds
// nothing written.
TEST_P(Receipts, ARefusedPostingLeavesNothingEvenWhenTheCallerCarriesOn) {
    const Document invoice = issued("100.00", "2024-03-01");
    const NewReceipt input = paying("50.00", "2024-03-20", {allocation(invoice.id, "50.00")});
    const auto left = in_txn([&](store::Txn& txn) -> core::Result<std::size_t> {
        BO_TRY_ASSIGN(const std::optional<ledger::Account> bank,
                      ledger::find_account_by_number(txn, actor().company, "1120"));
        BO_TRY(ledger::set_account_activity(
            txn, clock(), actor(), bank->id, ledger::Activity::inactive));
        const auto refused = record_receipt(txn, clock(), actor(), input);
        EXPECT_FALSE(refused.ok());
        EXPECT_EQ(refused.error().code(), ErrorCode::invalid_argument);
        BO_TRY_ASSIGN(const std::vector<Receipt> receipts, list_receipts(txn, actor().company, {}));
        BO_TRY_ASSIGN(const std::optional<Document> again,
                      find_document(txn, actor().company, invoice.id));
        EXPECT_EQ(again->open.minor, 108'88);
        return receipts.size();
    });
    ASSERT_TRUE(left.ok()) << left.error().message();
    EXPECT_EQ(*left, 0U);
}

// receipt_allocations_max allocations are checked one by one (here: the same invoice again and
// again, refused as such); one more is refused as a whole with limit_exceeded.
TEST_P(Receipts, AllocationsAreBoundedAtTheLimit) {
    const Document invoice = issued("100.00", "2024-03-01");
    NewReceipt input = paying("100.00", "2024-03-20", {});
    input.allocations.assign(receipt_allocations_max, allocation(invoice.id, "0.01"));
    const auto at_limit = record(input);
    ASSERT_FALSE(at_limit.ok());
    EXPECT_EQ(at_limit.error().code(), ErrorCode::invalid_argument);
    EXPECT_EQ(at_limit.error().fields().size(), receipt_allocations_max - 1);  // all but one
    input.allocations.push_back(allocation(invoice.id, "0.01"));
    const auto over = record(input);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code(), ErrorCode::limit_exceeded);
    EXPECT_EQ(sales::testing::fields(over.error()), std::vector<std::string>{"allocations"});
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

// Eight threads, each on its own connection of the pool, record a receipt of 300.00 against
// the same invoice of 1088.75 at once: the invoice's row lock serialises them, three are
// recorded and the others refused with the field named (nothing of them written).
TEST_P(Receipts, ConcurrentReceiptsNeverOverAllocateAnInvoice) {
    const Document invoice = issued("1000.00", "2024-03-01");
    const NewReceipt input = paying("300.00", "2024-03-10", {allocation(invoice.id, "300.00")});
    constexpr int threads_count = 8;
    std::atomic<int> recorded{0};
    std::atomic<int> over{0};
    std::vector<std::thread> threads;
    for (int index = 0; index < threads_count; ++index) {
        threads.emplace_back([&] {
            const auto done = record(input);
            if (done.ok()) {
                ++recorded;
            } else if (done.error().fields().size() == 1
                       && done.error().fields().front().field == "allocations/0/amount") {
                ++over;
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(recorded.load(), 3);
    EXPECT_EQ(over.load(), threads_count - 3);
    EXPECT_EQ(load(invoice.id).open.minor, 1088'75 - 900'00);
    EXPECT_EQ(balance("1120", "2024-03-31"), 900'00);
    EXPECT_EQ(aged("2024-03-31").difference_minor, 0);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Receipts);

// --- Properties ---------------------------------------------------------------------------------

// A company of its own per case: random sequences of invoices (some with 2 % early-payment
// discounts), receipts with partial allocations (some taking the discount, some writing off
// the rest), later applications, un-applications, refunds and voids, on days that move
// forward through 2024. After every step no invoice's open balance is negative; applying then
// un-applying restores every invoice's open balance and every ledger balance; at the end the
// aging equals 1200 on random dates and 2400 holds exactly the receipts' unapplied cash.
constexpr int property_cases = 40;

class ReceiptProperty : public PaymentsTest {
protected:
    struct State {
        std::map<DocumentId, std::int64_t> opens;   // every invoice's open balance
        std::map<std::string, std::int64_t> books;  // every account's closing balance but zero
        friend bool operator==(const State&, const State&) = default;
    };

    // A fresh company with the standard chart, 2024, customers A and B and a bank account.
    platform::Actor company(const std::string& code) {
        platform::Actor who = actor();
        const auto created = in_txn([&](store::Txn& txn) {
            return platform::tenancy::create_company(
                txn,
                clock(),
                {.code = code, .name = code, .functional_currency = "USD", .time_zone = "UTC"});
        });
        RC_ASSERT(created.ok());
        who.company = created->id;
        RC_ASSERT(in_txn([&](store::Txn& txn) -> core::Result<void> {
                      BO_TRY(ledger::load_standard_chart(txn, clock(), who));
                      BO_TRY(ledger::create_fiscal_year(
                          txn, clock(), who, date("2024-01-01"), std::nullopt));
                      for (const char* number : {"A", "B"}) {
                          BO_TRY(sales::create_customer(txn,
                                                        clock(),
                                                        who.company,
                                                        {.number = number,
                                                         .name = number,
                                                         .email = "",
                                                         .phone = "",
                                                         .city = "",
                                                         .country = "US",
                                                         .currency = "USD",
                                                         .credit_limit_minor = 0,
                                                         .payment_terms_days = 30,
                                                         .status = sales::CustomerStatus::active}));
                      }
                      BO_TRY_ASSIGN(const banking::BankAccount bank,
                                    banking::create_bank_account(txn,
                                                                 clock(),
                                                                 who,
                                                                 {.name = "Bank",
                                                                  .iban = "",
                                                                  .account_number = "1",
                                                                  .bank_code = "",
                                                                  .currency = "USD",
                                                                  .ledger_account = "1120",
                                                                  .csv_mapping = std::nullopt}));
                      bank_ = bank.id;
                      return core::ok();
                  }).ok());
        return who;
    }

    State state(const platform::Actor& who) {
        State now;
        const auto invoices = in_txn([&](store::Txn& txn) {
            return list_documents(txn,
                                  who.company,
                                  {.kind = DocumentKind::invoice,
                                   .today = date("2024-12-31"),
                                   .after = DocumentId(0),
                                   .limit = 100});
        });
        RC_ASSERT(invoices.ok());
        for (const Document& invoice : *invoices) {
            now.opens[invoice.id] = invoice.open.minor;
        }
        const auto trial = in_txn([&](store::Txn& txn) {
            return ledger::trial_balance(txn,
                                         who.company,
                                         {date("2025-01-01"), date("2025-01-01")},
                                         ledger::DepartmentScope::all());
        });
        RC_ASSERT(trial.ok());
        for (const ledger::TrialBalanceRow& row : trial->rows) {
            if (row.closing_minor != 0) {  // an account with movements that cancel is listed too
                now.books[row.number] = row.closing_minor;
            }
        }
        return now;
    }

    std::vector<Receipt> receipts(const platform::Actor& who) {
        const auto listed = in_txn(
            [&](store::Txn& txn) { return list_receipts(txn, who.company, {.limit = 100}); });
        RC_ASSERT(listed.ok());
        return *listed;
    }

    Receipt full(const platform::Actor& who, ReceiptId id) {
        const auto found =
            in_txn([&](store::Txn& txn) { return find_receipt(txn, who.company, id); });
        RC_ASSERT(found.ok());
        RC_ASSERT(found->has_value());
        return **found;
    }

    // One of `all` (by index: shrinking keeps it one of this case's receipts).
    static const Receipt& pick(const std::vector<Receipt>& all) {
        return all[*rc::gen::inRange<std::size_t>(0, all.size())];
    }

    // Random allocations of up to `cash` to `customer`'s open invoices (each a part of its open).
    std::vector<NewAllocation> allocations(const State& now,
                                           const std::map<DocumentId, std::string>& owners,
                                           const std::string& customer,
                                           std::int64_t cash) {
        std::vector<NewAllocation> chosen;
        for (const auto& [invoice, open] : now.opens) {
            if (owners.at(invoice) != customer || open <= 0 || cash <= 0
                || !*rc::gen::element(false, true, true, true)) {
                continue;
            }
            const std::int64_t most = std::min(open, cash);
            // All of it, all but a few cents (a discount or a write-off may settle the rest),
            // or any part.
            const std::int64_t amount = *rc::gen::oneOf(
                rc::gen::just(most),
                rc::gen::just(std::max<std::int64_t>(1, most - *rc::gen::inRange(1, 500))),
                rc::gen::inRange<std::int64_t>(1, most + 1));
            const core::Currency currency = usd("0").currency;
            // Without a discount given, one is taken when the amount pays the discounted
            // balance; with none, the rest is sometimes written off (within 5.00).
            const std::int64_t rest = open - amount;
            const bool discount = *rc::gen::element(false, true);
            const bool clear = !discount && rest > 0
                               && rest <= payment_write_off_tolerance_default_minor
                               && *rc::gen::element(false, true);
            chosen.push_back(
                {.invoice = invoice,
                 .amount = core::Money{amount, currency},
                 .discount = discount ? std::optional<core::Money>() : core::Money{0, currency},
                 .write_off = clear ? std::optional(core::Money{rest, currency}) : std::nullopt});
            cash -= amount;
        }
        return chosen;
    }
};

TEST_P(ReceiptProperty, AgingEqualsControlAndUnapplyRestoresEveryBalance) {
    int index = 0;
    const bool held = ledger::testing::check_cases("cash application", property_cases, [&]() {
        const platform::Actor who = company("RP" + std::to_string(++index));
        std::map<DocumentId, std::string> owners;
        core::Date day = date("2024-01-01");
        const int steps = *rc::gen::inRange(3, 25);
        for (int step = 0; step < steps; ++step) {
            day = day.add_days(*rc::gen::inRange(0, 4)).value();
            const std::string customer = *rc::gen::element<std::string>("A", "B");
            // Invoices and receipts twice as often as the other steps.
            constexpr std::array<int, 10> kinds{0, 0, 1, 1, 1, 2, 3, 4, 5, 6};
            const int kind = kinds[*rc::gen::inRange<std::size_t>(0, kinds.size())];
            const State before = state(who);
            const std::vector<Receipt> all = receipts(who);
            if (kind == 0 || owners.empty()) {
                NewInvoice input;
                input.customer = customer;
                input.invoice_date = day.to_string();
                if (*rc::gen::element(false, true, true, true)) {
                    input.early_discount_percent = "2";
                    input.early_discount_days = 10;
                }
                input.lines = {NewInvoiceLine{
                    .description = "Work",
                    .quantity = "1",
                    .unit_price = std::to_string(*rc::gen::inRange(1, 5000)) + ".25"}};
                const auto invoice = in_txn([&](store::Txn& txn) -> core::Result<Document> {
                    BO_TRY_ASSIGN(const Document draft, create_invoice(txn, clock(), who, input));
                    return issue_invoice(txn, clock(), who, draft.id);
                });
                RC_ASSERT(invoice.ok());
                owners[invoice->id] = customer;
            } else if (kind == 1) {
                // Any amount, or what the customer owes and a little more.
                std::int64_t owed = 0;
                for (const auto& [invoice, open] : before.opens) {
                    owed += owners.at(invoice) == customer ? open : 0;
                }
                const std::int64_t amount = *rc::gen::element(false, true)
                                                ? *rc::gen::inRange<std::int64_t>(1, 600'000)
                                                : owed + *rc::gen::inRange<std::int64_t>(1, 10'000);
                NewReceipt input = paying("0.01", day.to_string(), {});
                input.customer = customer_id(customer, who.company);
                input.amount.minor = amount;
                input.allocations = allocations(before, owners, customer, amount);
                const auto recorded = in_txn(
                    [&](store::Txn& txn) { return record_receipt(txn, clock(), who, input); });
                RC_ASSERT(recorded.ok());
            } else if ((kind == 2 || kind == 6) && !all.empty()) {
                // Apply some unapplied cash; for kind 2 take it all back: everything as before.
                const Receipt receipt = full(who, pick(all).id);
                const std::vector<NewAllocation> chosen =
                    allocations(before, owners, receipt.customer_number, receipt.unapplied.minor);
                if (receipt.status == ReceiptStatus::posted && !chosen.empty()) {
                    std::set<AllocationId> old;
                    for (const Allocation& allocation : receipt.allocations) {
                        old.insert(allocation.id);
                    }
                    const auto applied = in_txn([&](store::Txn& txn) {
                        return apply_receipt(txn, clock(), who, receipt.id, chosen, day);
                    });
                    RC_ASSERT(applied.ok());
                    RC_ASSERT(applied->unapplied.minor >= 0);
                    for (const Allocation& allocation : applied->allocations) {
                        if (kind == 2 && !old.contains(allocation.id)) {
                            RC_ASSERT(in_txn([&](store::Txn& txn) {
                                          return unapply_allocation(
                                              txn, clock(), who, receipt.id, allocation.id, day);
                                      }).ok());
                        }
                    }
                    if (kind == 2) {
                        RC_ASSERT(state(who) == before);
                    }
                }
            } else if (kind == 3 && !all.empty()) {
                // Un-apply one allocation in force.
                const Receipt receipt = full(who, pick(all).id);
                for (const Allocation& allocation : receipt.allocations) {
                    if (receipt.status == ReceiptStatus::posted
                        && allocation.status == AllocationStatus::applied) {
                        RC_ASSERT(in_txn([&](store::Txn& txn) {
                                      return unapply_allocation(
                                          txn, clock(), who, receipt.id, allocation.id, day);
                                  }).ok());
                        break;
                    }
                }
            } else if (kind == 4 && !all.empty()) {
                const Receipt& receipt = pick(all);
                if (receipt.status == ReceiptStatus::posted && receipt.unapplied.minor > 0) {
                    const std::int64_t amount =
                        *rc::gen::inRange<std::int64_t>(1, receipt.unapplied.minor + 1);
                    RC_ASSERT(in_txn([&](store::Txn& txn) {
                                  return refund_receipt(
                                      txn,
                                      clock(),
                                      who,
                                      receipt.id,
                                      {.amount = core::Money{amount, receipt.amount.currency},
                                       .date = day,
                                       .reference = ""});
                              }).ok());
                }
            } else if (kind == 5 && !all.empty()) {
                const Receipt& receipt = pick(all);
                if (receipt.status == ReceiptStatus::posted && receipt.refunded.is_zero()) {
                    RC_ASSERT(in_txn([&](store::Txn& txn) {
                                  return void_receipt(txn, clock(), who, receipt.id, "test", day);
                              }).ok());
                }
            }
            for (const auto& [invoice, open] : state(who).opens) {
                RC_ASSERT(open >= 0);
            }
        }
        for (int check = 0; check < 3; ++check) {
            const core::Date as_of = date("2024-01-01").add_days(*rc::gen::inRange(0, 120)).value();
            const auto report =
                in_txn([&](store::Txn& txn) { return aging(txn, who.company, as_of); });
            RC_ASSERT(report.ok());
            RC_ASSERT(report->total_minor == report->ledger_balance_minor);
        }
        std::int64_t unapplied = 0;
        for (const Receipt& receipt : receipts(who)) {
            unapplied += receipt.unapplied.minor;
        }
        State books = state(who);
        RC_ASSERT(books.books["2400"] == -unapplied);
        RC_CLASSIFY(books.books["4300"] != 0, "discount taken");
        RC_CLASSIFY(books.books["6900"] != 0, "difference written off");
        RC_CLASSIFY(books.books["2400"] != 0, "unapplied cash left");
    });
    EXPECT_TRUE(held);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(ReceiptProperty);

}  // namespace
}  // namespace bo::modules::receivables::testing
