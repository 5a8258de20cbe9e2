// The statement of account on both backends: the opening balance before the range, each
// invoice, credit note and write-off in it with a running balance, the closing balance, the
// aging buckets at the foot (which add up to the closing balance while only documents move
// the account), the PDF, bad ranges refused, and sending it queues the mail with the PDF.
// Method: CollectionsTest (customer C-1, 30 days' terms, tax 8.875 %).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "modules/collections_fixture.hpp"
#include "modules/receivables/statement.hpp"
#include "modules/sales/service.hpp"
#include "platform/mail/outbox.hpp"

namespace bo::modules::receivables::testing {
namespace {

class StatementOfAccount : public CollectionsTest {
protected:
    core::Result<Statement> statement(const std::optional<std::string>& from,
                                      const std::optional<std::string>& to) {
        return in_txn([&](store::Txn& txn) -> core::Result<Statement> {
            BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                          sales::find_customer(txn, actor().company, customer_));
            return statement_of_account(
                txn, clock(), actor().company, customer->id,
                from ? std::optional(date(*from)) : std::nullopt,
                to ? std::optional(date(*to)) : std::nullopt);
        });
    }
};

TEST_P(StatementOfAccount, OpeningLinesRunningBalanceClosingAndAging) {
    const Document first = invoice("100.00", "2024-01-05");   // 108.88, due 2024-02-04
    const Document second = invoice("200.00", "2024-02-10");  // 217.75, due 2024-03-11
    credit(second, "50.00", "2024-02-15");                    // 54.44
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return write_off(txn, clock(), actor(), first.id,
                                     {.amount = "0.35", .reason = "bank charges",
                                      .date = "2024-02-20", .account = {}});
                }).ok());
    invoice("999.00", "2024-03-01");  // after the range

    const auto made = statement("2024-02-01", "2024-03-01");
    ASSERT_TRUE(made.ok()) << made.error().message();
    EXPECT_EQ(made->opening.minor, 108'88);
    ASSERT_EQ(made->lines.size(), 3U);
    EXPECT_EQ(made->lines[0].number, second.number);
    EXPECT_EQ(made->lines[0].debit.minor, 217'75);
    EXPECT_EQ(made->lines[0].balance.minor, 326'63);
    EXPECT_EQ(made->lines[1].kind, StatementEntry::credit_note);
    EXPECT_EQ(made->lines[1].credit.minor, 54'44);
    EXPECT_EQ(made->lines[1].balance.minor, 272'19);
    EXPECT_EQ(made->lines[2].kind, StatementEntry::write_off);
    EXPECT_EQ(made->lines[2].balance.minor, 271'84);
    EXPECT_EQ(made->closing.minor, 271'84);
    // On 2024-02-29: the first invoice 25 days past due, the second not yet due.
    ASSERT_EQ(made->aging.size(), aging_buckets);
    EXPECT_EQ(made->aging[0].minor, 163'31);
    EXPECT_EQ(made->aging[1].minor, 108'53);
    std::int64_t aged = 0;
    for (const core::Money& bucket : made->aging) {
        aged += bucket.minor;
    }
    EXPECT_EQ(aged, made->closing.minor);

    const auto pdf = in_txn([&](store::Txn& txn) {
        return statement_pdf(txn, actor().company, *made);
    });
    ASSERT_TRUE(pdf.ok()) << pdf.error().message();
    EXPECT_TRUE(pdf->starts_with("%PDF-"));

    const auto mail = in_txn([&](store::Txn& txn) {
        return send_statement(txn, clock(), actor(), *made,
                              {.to = {"ap@customer.example"}, .from = "AR <ar@acme.example>",
                               .message = ""});
    });
    ASSERT_TRUE(mail.ok()) << mail.error().message();
    const auto log = in_txn([&](store::Txn& txn) {
        return platform::mail::list_for_document(txn, actor().company,
                                                 statement_mail_document(made->customer));
    });
    ASSERT_TRUE(log.ok());
    ASSERT_EQ(log->size(), 1U);
    const auto text = in_txn([&](store::Txn& txn) {
        return platform::mail::message_text(txn, actor().company, log->front().id);
    });
    ASSERT_TRUE(text.ok() && text->has_value());
    EXPECT_NE((*text)->find("filename=\"statement-C-1-2024-02-29.pdf\""), std::string::npos);
    EXPECT_EQ(log->front().subject, "Statement of account from Acme");
    expect_books_agree("2024-03-31");
}

TEST_P(StatementOfAccount, BadRangesAndUnknownCustomersAreRefused) {
    const auto reversed = statement("2024-03-01", "2024-02-01");
    ASSERT_FALSE(reversed.ok());
    EXPECT_EQ(bo::testing::only_field(reversed.error()), "from");
    const auto too_long = statement("2010-01-01", "2024-02-01");
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(bo::testing::only_field(too_long.error()), "to");
    const auto defaults = statement(std::nullopt, std::nullopt);  // 90 days up to today
    ASSERT_TRUE(defaults.ok()) << defaults.error().message();
    EXPECT_EQ(defaults->to, date("2024-03-02"));
    EXPECT_EQ(defaults->from, date("2023-12-03"));
    const auto nobody = in_txn([&](store::Txn& txn) {
        return statement_of_account(txn, clock(), actor().company, sales::CustomerId(9999),
                                    std::nullopt, std::nullopt);
    });
    ASSERT_FALSE(nobody.ok());
    EXPECT_EQ(nobody.error().code(), core::ErrorCode::not_found);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(StatementOfAccount);

}  // namespace
}  // namespace bo::modules::receivables::testing
