// A fixture for receipts and cash application: the sales fixture's company ACME (USD, standard
// chart, 2024 open, tax 8.875 %, customer C-1 on 30 days) plus a USD bank account on 1120, and
// helpers to issue invoices, record and apply receipts, and read balances back from the ledger
// and the aging.
// Thread safety: one test, one thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "ledger/reports.hpp"
#include "modules/banking/service.hpp"
#include "modules/receivables/aging.hpp"
#include "modules/receivables/invoices.hpp"
#include "modules/receivables/payments.hpp"
#include "modules/sales_fixture.hpp"

namespace bo::modules::receivables::testing {

using ledger::testing::date;

class PaymentsTest : public sales::testing::CustomerTest {
protected:
    void SetUp() override {
        CustomerTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const auto bank = in_txn([&](store::Txn& txn) {
            return banking::create_bank_account(txn,
                                                clock(),
                                                actor(),
                                                {.name = "Operating",
                                                 .iban = "DE89370400440532013000",
                                                 .account_number = "",
                                                 .bank_code = "",
                                                 .currency = "USD",
                                                 .ledger_account = "1120",
                                                 .csv_mapping = std::nullopt});
        });
        ASSERT_TRUE(bank.ok()) << bank.error().message();
        bank_ = bank->id;
    }

    static core::Money usd(const std::string& text) {
        return core::Money::parse(text, core::Currency::create("USD").value()).value();
    }

    static NewAllocation allocation(DocumentId invoice, const std::string& amount) {
        return {.invoice = invoice,
                .amount = usd(amount),
                .discount = std::nullopt,
                .write_off = std::nullopt};
    }

    sales::CustomerId customer_id(const std::string& number = "C-1",
                                  std::optional<CompanyId> company = std::nullopt) {
        const auto found = in_txn([&](store::Txn& txn) {
            return sales::find_customer(txn, company.value_or(actor().company), number);
        });
        EXPECT_TRUE(found.ok() && found->has_value());
        return (*found)->id;
    }

    // An issued invoice of one untaxed-price line of `amount` (taxed at the default rate).
    Document issued(const std::string& amount,
                    const std::string& day,
                    const std::string& customer_number = "C-1",
                    const std::string& discount_percent = "0",
                    std::int64_t discount_days = 0) {
        NewInvoice input;
        input.customer = customer_number;
        input.invoice_date = day;
        input.early_discount_percent = discount_percent;
        input.early_discount_days = discount_days;
        input.lines = {NewInvoiceLine{.description = "Fee", .quantity = "1", .unit_price = amount}};
        const auto created = in_txn([&](store::Txn& txn) -> core::Result<Document> {
            BO_TRY_ASSIGN(const Document draft, create_invoice(txn, clock(), actor(), input));
            return issue_invoice(txn, clock(), actor(), draft.id);
        });
        EXPECT_TRUE(created.ok()) << created.error().message();
        return *created;
    }

    Document load(DocumentId id) {
        const auto found =
            in_txn([&](store::Txn& txn) { return find_document(txn, actor().company, id); });
        EXPECT_TRUE(found.ok() && found->has_value());
        return **found;
    }

    // A receipt from C-1 into the bank account.
    NewReceipt paying(const std::string& amount,
                      const std::string& day,
                      std::vector<NewAllocation> allocations,
                      ReceiptMethod method = ReceiptMethod::transfer,
                      const std::string& reference = "") {
        return {.customer = customer_id(),
                .receipt_date = date(day),
                .amount = usd(amount),
                .method = method,
                .reference = reference,
                .bank_account = bank_,
                .statement_line = std::nullopt,
                .allocations = std::move(allocations)};
    }

    core::Result<Receipt> record(const NewReceipt& input) {
        return in_txn(
            [&](store::Txn& txn) { return record_receipt(txn, clock(), actor(), input); });
    }

    core::Result<Receipt> apply(ReceiptId id,
                                const std::vector<NewAllocation>& allocations,
                                const std::string& day) {
        return in_txn([&](store::Txn& txn) {
            return apply_receipt(txn, clock(), actor(), id, allocations, date(day));
        });
    }

    core::Result<Receipt> unapply(ReceiptId id, AllocationId allocation, const std::string& day) {
        return in_txn([&](store::Txn& txn) {
            return unapply_allocation(txn, clock(), actor(), id, allocation, date(day));
        });
    }

    // The balance (debit-positive) of account `number` at the end of `day`.
    std::int64_t balance(const std::string& number, const std::string& day) {
        const core::Date next = date(day).add_days(1).value();
        const auto trial = in_txn([&](store::Txn& txn) {
            return ledger::trial_balance(
                txn, actor().company, {next, next}, ledger::DepartmentScope::all());
        });
        EXPECT_TRUE(trial.ok());
        for (const ledger::TrialBalanceRow& row : trial->rows) {
            if (row.number == number) {
                return row.closing_minor;
            }
        }
        return 0;
    }

    Aging aged(const std::string& day) {
        const auto report =
            in_txn([&](store::Txn& txn) { return aging(txn, actor().company, date(day)); });
        EXPECT_TRUE(report.ok());
        return *report;
    }

    banking::BankAccountId bank_{};
};

}  // namespace bo::modules::receivables::testing
