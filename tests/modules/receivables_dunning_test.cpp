// Dunning on both backends: the default levels and their validation; a run per level as an
// invoice ages (reminder without charges, second notice with a fee, final notice with a fee and
// exact interest, each charge posted Dr 1200 / Cr 4800 or 4810), never dunning an invoice
// twice at a level, a dry run that records nothing, the final notice opening a collection case
// with a follow-up task, and the customer's standing putting its next order on credit hold.
// Method: CollectionsTest (customer C-1, 30 days' terms, clock on 2024-03-01); runs at
// explicit as_of dates; the ledger read back through its service.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ledger/reports.hpp"
#include "ledger/service.hpp"
#include "modules/collections_fixture.hpp"
#include "modules/receivables/collections.hpp"
#include "modules/receivables/dunning.hpp"
#include "modules/sales/orders.hpp"
#include "modules/sales/service.hpp"

namespace bo::modules::receivables::testing {
namespace {

using core::ErrorCode;

class Dunning : public CollectionsTest {
protected:
    core::Result<DunningRun> run(const std::string& as_of, RunMode mode = RunMode::real) {
        return in_txn([&](store::Txn& txn) {
            return run_dunning(txn, clock(), actor(), date(as_of), mode, "AR <ar@acme.example>");
        });
    }

    void SetUp() override {
        CollectionsTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const auto found = in_txn([&](store::Txn& txn) {
            return sales::find_customer(txn, actor().company, customer_);
        });
        ASSERT_TRUE(found.ok() && found->has_value());
        customer_id_ = (*found)->id;
    }

    sales::CustomerId customer_id() const { return customer_id_; }

    // The journal lines of the charge invoice `id`: account number -> signed amount.
    std::vector<std::pair<std::string, std::int64_t>> charge_lines(DocumentId id) {
        std::vector<std::pair<std::string, std::int64_t>> lines;
        const auto document = in_txn([&](store::Txn& txn) {
            return find_document(txn, actor().company, id);
        });
        EXPECT_TRUE(document.ok() && document->has_value());
        for (const DocumentLine& line : (*document)->lines) {
            lines.emplace_back(line.revenue_account, line.net.minor);
            EXPECT_EQ(line.tax.minor, 0) << "fees and interest are not taxed";
        }
        return lines;
    }

    sales::CustomerId customer_id_{};
};

TEST_P(Dunning, DefaultLevelsUntilTheCompanySetsItsOwnAndBadLevelsAreRefused) {
    const auto defaults = in_txn([&](store::Txn& txn) {
        return dunning_policy(txn, actor().company);
    });
    ASSERT_TRUE(defaults.ok()) << defaults.error().message();
    EXPECT_TRUE(defaults->defaults);
    ASSERT_EQ(defaults->levels.size(), 3U);
    EXPECT_EQ(defaults->levels[0].days_overdue, 7);
    EXPECT_EQ(defaults->levels[1].days_overdue, 21);
    EXPECT_EQ(defaults->levels[2].days_overdue, 35);
    EXPECT_EQ(defaults->levels[2].fee.minor, 10'00);
    EXPECT_EQ(defaults->hold_level, 3);

    NewDunningPolicy bad{.levels = {{.name = "Reminder", .days_overdue = 10, .fee = "x",
                                     .interest_percent = "0", .letter_text = "Please pay."},
                                    {.name = "", .days_overdue = 5, .fee = std::nullopt,
                                     .interest_percent = "101", .letter_text = ""}},
                         .hold_days_overdue = 0,
                         .hold_level = 3};
    const auto refused = in_txn([&](store::Txn& txn) {
        return set_dunning_policy(txn, clock(), actor(), bad);
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(sales::testing::fields(refused.error()),
              (std::vector<std::string>{"levels/0/fee", "levels/1/name", "levels/1/interest_percent",
                                        "levels/1/letter_text", "levels/1/days_overdue",
                                        "hold_days_overdue", "hold_level"}));

    NewDunningPolicy good{.levels = {{.name = "Friendly reminder", .days_overdue = 3,
                                      .fee = std::nullopt, .interest_percent = "0",
                                      .letter_text = "Please pay."},
                                     {.name = "Last call", .days_overdue = 30, .fee = "2.50",
                                      .interest_percent = "5.25", .letter_text = "Pay now."}},
                          .hold_days_overdue = std::nullopt,
                          .hold_level = 2};
    const auto stored = in_txn([&](store::Txn& txn) -> core::Result<DunningPolicy> {
        BO_TRY(set_dunning_policy(txn, clock(), actor(), good));
        return dunning_policy(txn, actor().company);
    });
    ASSERT_TRUE(stored.ok()) << stored.error().message();
    EXPECT_FALSE(stored->defaults);
    ASSERT_EQ(stored->levels.size(), 2U);
    EXPECT_EQ(stored->levels[1].fee.minor, 2'50);
    EXPECT_EQ(stored->levels[1].interest_percent, "5.25");
    EXPECT_FALSE(stored->hold_days_overdue.has_value());
    EXPECT_EQ(stored->hold_level, 2);
}

TEST_P(Dunning, EachLevelOnceWithItsChargesPostedAndTheFinalNoticeOpensACase) {
    // 1000.00 + 8.875 % = 1088.75, due 2024-02-04.
    const Document overdue = invoice("1000.00", "2024-01-05");
    const Document current = invoice("10.00", "2024-02-20");  // due 2024-03-21

    const auto dry = run("2024-02-14", RunMode::dry);
    ASSERT_TRUE(dry.ok()) << dry.error().message();
    ASSERT_EQ(dry->letters.size(), 1U);
    EXPECT_TRUE(dry->dry_run);

    const auto reminder = run("2024-02-14");  // 10 days overdue; the dry run recorded nothing
    ASSERT_TRUE(reminder.ok()) << reminder.error().message();
    ASSERT_EQ(reminder->letters.size(), 1U);
    const DunningLetter& first = reminder->letters.front();
    EXPECT_EQ(first.level, 1);
    EXPECT_EQ(first.level_name, "Reminder");
    ASSERT_EQ(first.items.size(), 1U);  // the current invoice is not due yet
    EXPECT_EQ(first.items[0].invoice, overdue.id);
    EXPECT_EQ(first.items[0].days_overdue, 10);
    EXPECT_EQ(first.open.minor, 1088'75);
    EXPECT_TRUE(first.fee.is_zero());
    EXPECT_FALSE(first.charge_invoice.has_value());
    EXPECT_FALSE(first.mail_id.has_value());  // C-1 has no address: the letter is printed

    const auto again = run("2024-02-14");
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->letters.empty()) << "nothing is dunned twice at a level";
    const auto still_level_one = run("2024-02-20");
    ASSERT_TRUE(still_level_one.ok());
    EXPECT_TRUE(still_level_one->letters.empty());

    const auto second = run("2024-02-29");  // 25 days: second notice, fee 5.00
    ASSERT_TRUE(second.ok()) << second.error().message();
    ASSERT_EQ(second->letters.size(), 1U);
    EXPECT_EQ(second->letters[0].level, 2);
    EXPECT_EQ(second->letters[0].fee.minor, 5'00);
    ASSERT_TRUE(second->letters[0].charge_invoice.has_value());
    EXPECT_EQ(charge_lines(*second->letters[0].charge_invoice),
              (std::vector<std::pair<std::string, std::int64_t>>{{"4800", 5'00}}));

    const auto final_notice = run("2024-03-15");  // 40 days: fee 10.00 and 8 % for 40 days
    ASSERT_TRUE(final_notice.ok()) << final_notice.error().message();
    ASSERT_EQ(final_notice->letters.size(), 1U);
    const DunningLetter& last = final_notice->letters[0];
    EXPECT_EQ(last.level, 3);
    ASSERT_EQ(last.items.size(), 1U) << "the 5.00 fee invoice is not due yet";
    // 1088.75 x 8 / 100 x 40 / 365 = 9.5452... -> 9.55
    EXPECT_EQ(last.items[0].interest.minor, 9'55);
    EXPECT_EQ(last.items[0].interest_days, 40);
    ASSERT_TRUE(last.charge_invoice.has_value());
    EXPECT_EQ(charge_lines(*last.charge_invoice),
              (std::vector<std::pair<std::string, std::int64_t>>{{"4800", 10'00},
                                                                  {"4810", 9'55}}));

    // The final notice opened a case with a follow-up task a week later.
    const auto cases = in_txn([&](store::Txn& txn) {
        return list_cases(txn, actor().company,
                          {.status = CaseStatus::open, .customer = customer_id(),
                           .after = CollectionCaseId(0), .limit = 10},
                          date("2024-03-15"));
    });
    ASSERT_TRUE(cases.ok()) << cases.error().message();
    ASSERT_EQ(cases->size(), 1U);
    EXPECT_EQ(cases->front().origin, CaseOrigin::final_notice);
    const auto tasks = in_txn([&](store::Txn& txn) {
        return list_tasks(txn, actor().company,
                          {.assignee = std::nullopt, .due_before = std::nullopt,
                           .include_done = false, .limit = 10});
    });
    ASSERT_TRUE(tasks.ok());
    ASSERT_EQ(tasks->size(), 1U);
    EXPECT_EQ(tasks->front().due_date, date("2024-03-22"));

    // The letter prints; the run is found again with its letter.
    const auto pdf = in_txn([&](store::Txn& txn) {
        return dunning_letter_pdf(txn, actor().company, final_notice->id, customer_id());
    });
    ASSERT_TRUE(pdf.ok()) << pdf.error().message();
    EXPECT_TRUE(pdf->starts_with("%PDF-"));
    const auto found = in_txn([&](store::Txn& txn) {
        return find_dunning_run(txn, actor().company, final_notice->id);
    });
    ASSERT_TRUE(found.ok() && found->has_value());
    ASSERT_EQ((*found)->letters.size(), 1U);
    EXPECT_EQ((*found)->letters[0].interest.minor, 9'55);
    EXPECT_EQ((*found)->letters[0].letter_text, last.letter_text);
    EXPECT_NE(current.id, overdue.id);
    expect_books_agree("2024-03-31");
}

TEST_P(Dunning, TheFinalNoticePutsTheCustomersNextOrderOnCreditHold) {
    receive(widget_, 10'000);
    invoice("1000.00", "2024-01-05");  // due 2024-02-04: 26 days overdue on 2024-03-01
    const auto before = in_txn([&](store::Txn& txn) {
        return customer_standing(txn, actor().company, customer_id(), date("2024-03-01"));
    });
    ASSERT_TRUE(before.ok()) << before.error().message();
    EXPECT_FALSE(before->credit_hold) << "26 days is within the default policy (60)";
    EXPECT_EQ(before->oldest_days_overdue, 26);
    EXPECT_EQ(before->overdue.minor, 1088'75);

    ASSERT_TRUE(run("2024-03-15").ok());  // the final notice
    const auto after = in_txn([&](store::Txn& txn) {
        return customer_standing(txn, actor().company, customer_id(), date("2024-03-01"));
    });
    ASSERT_TRUE(after.ok());
    EXPECT_TRUE(after->credit_hold);
    EXPECT_EQ(after->dunning_level, 3);
    EXPECT_TRUE(after->open_case.has_value());

    const auto entered = enter(clerk(), order(customer_, {line("WID-1", "1")}));
    ASSERT_TRUE(entered.ok()) << entered.error().message();
    const auto held = confirm(clerk(), entered->order.id);
    ASSERT_TRUE(held.ok()) << held.error().message();
    EXPECT_EQ(held->status, sales::OrderStatus::on_hold);
    EXPECT_NE(held->hold_reason.find("credit hold"), std::string::npos) << held->hold_reason;
    EXPECT_NE(held->hold_reason.find("level 3"), std::string::npos) << held->hold_reason;
}

TEST_P(Dunning, PolicyByDaysOverdueHoldsWithoutAnyRun) {
    receive(widget_, 10'000);
    invoice("100.00", "2024-01-05");  // due 2024-02-04: 26 days overdue on 2024-03-01
    NewDunningPolicy policy{.levels = {{.name = "Reminder", .days_overdue = 7,
                                        .fee = std::nullopt, .interest_percent = "0",
                                        .letter_text = "Please pay."}},
                            .hold_days_overdue = 20,
                            .hold_level = std::nullopt};
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_dunning_policy(txn, clock(), actor(), policy);
                }).ok());
    const auto entered = enter(clerk(), order(customer_, {line("WID-1", "1")}));
    ASSERT_TRUE(entered.ok());
    const auto held = confirm(clerk(), entered->order.id);
    ASSERT_TRUE(held.ok()) << held.error().message();
    EXPECT_EQ(held->status, sales::OrderStatus::on_hold);
    EXPECT_NE(held->hold_reason.find("26 days overdue"), std::string::npos) << held->hold_reason;
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Dunning);

}  // namespace
}  // namespace bo::modules::receivables::testing
