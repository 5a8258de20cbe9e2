// A fixture for collections tests (dunning, cases, statements): the sales order fixture's
// company (USD, standard chart, 2024 open, tax 8.875 %, customer C-1 with 30 days' terms, the
// clock on 2024-03-01) plus issued invoices, credit notes and the ledger's checks.
// Thread safety: one test, one thread.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "ledger/check_cases.hpp"
#include "modules/receivables/aging.hpp"
#include "modules/receivables/credit_notes.hpp"
#include "modules/receivables/invoices.hpp"
#include "modules/sales_order_fixture.hpp"

namespace bo::modules::receivables::testing {

using ledger::testing::date;

class CollectionsTest : public sales::testing::SalesTest {
protected:
    // An issued invoice of one free line of `net` (taxed at 8.875 %) for `customer` on `day`.
    Document invoice(const std::string& net, const std::string& day) {
        return invoice_for(customer_, net, day);
    }

    Document invoice_for(const std::string& customer, const std::string& net,
                         const std::string& day) {
        NewInvoice input;
        input.customer = customer;
        input.invoice_date = day;
        input.lines = {NewInvoiceLine{.description = "Goods", .quantity = "1", .unit_price = net}};
        const auto created = in_txn([&](store::Txn& txn) -> core::Result<Document> {
            BO_TRY_ASSIGN(const Document draft, create_invoice(txn, clock(), actor(), input));
            return issue_invoice(txn, clock(), actor(), draft.id);
        });
        EXPECT_TRUE(created.ok()) << created.error().message();
        return *created;
    }

    // An approved credit note of `net` (taxed like the line) on the invoice's first line.
    Document credit(const Document& invoice, const std::string& net, const std::string& day) {
        const platform::Caller enterer = caller(21, {"receivables.credit"});
        const platform::Caller approver = caller(22, {"receivables.approve"});
        const auto issued = in_txn([&](store::Txn& txn) -> core::Result<Document> {
            BO_TRY_ASSIGN(const Document note,
                          create_credit_note(txn, clock(), enterer,
                                             {.invoice = invoice.id,
                                              .reason = "damaged",
                                              .credit_date = day,
                                              .lines = {{.invoice_line = 1,
                                                         .quantity = {},
                                                         .amount = net}}}));
            return approve_credit_note(txn, clock(), approver, note.id, std::nullopt);
        });
        EXPECT_TRUE(issued.ok()) << issued.error().message();
        return *issued;
    }

    // The aging total and the receivable control account agree, and the ledger checks clean.
    void expect_books_agree(const std::string& day) {
        const auto aged = in_txn([&](store::Txn& txn) {
            return aging(txn, actor().company, date(day));
        });
        ASSERT_TRUE(aged.ok()) << aged.error().message();
        EXPECT_EQ(aged->difference_minor, 0);
        const auto checked = check();
        ASSERT_TRUE(checked.ok());
        EXPECT_TRUE(checked->clean());
    }
};

}  // namespace bo::modules::receivables::testing
