// Receivables services on both backends: manual invoices (pricing, gap-free numbers, posting,
// immutability), credit notes with segregation of duties, write-offs, the billing run over
// shipped lines (never billing twice), and the aging, whose total a rapidcheck property checks
// against the receivable control account over random invoices, credits and dates.
// Method: the sales fixture's company (USD, standard chart, 2024 open, tax 8.875 %), services
// called in their own transactions as the API would, the ledger read back through its service.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "ledger/check_cases.hpp"
#include "ledger/reports.hpp"
#include "modules/fulfilment/service.hpp"
#include "modules/receivables/aging.hpp"
#include "modules/receivables/billing_run.hpp"
#include "modules/receivables/credit_notes.hpp"
#include "modules/receivables/invoice_pdf.hpp"
#include "modules/receivables/invoices.hpp"
#include "modules/sales_order_fixture.hpp"
#include "platform/mail/outbox.hpp"

namespace bo::modules::receivables::testing {
namespace {

using core::ErrorCode;
using ledger::testing::date;
using sales::testing::SalesTest;

class Receivables : public SalesTest {
protected:
    NewInvoice services_invoice(const std::string& date = "2024-03-05") const {
        NewInvoice input;
        input.customer = customer_;
        input.invoice_date = date;
        input.early_discount_percent = "2";
        input.early_discount_days = 10;
        input.lines = {NewInvoiceLine{.sku = "INSTALL", .quantity = "2"},
                       NewInvoiceLine{.description = "Set-up fee",
                                      .quantity = "1",
                                      .unit_price = "50.00",
                                      .discount_percent = "10"}};
        return input;
    }

    // An invoice of one free line of `amount` on `date`, issued.
    Document issued(const std::string& amount, const std::string& date) {
        NewInvoice input;
        input.customer = customer_;
        input.invoice_date = date;
        input.lines = {NewInvoiceLine{.description = "Fee", .quantity = "1", .unit_price = amount}};
        const auto created = in_txn([&](store::Txn& txn) -> core::Result<Document> {
            BO_TRY_ASSIGN(const Document draft, create_invoice(txn, clock(), actor(), input));
            return issue_invoice(txn, clock(), actor(), draft.id);
        });
        EXPECT_TRUE(created.ok()) << created.error().message();
        return *created;
    }

    Document load(DocumentId id) {
        const auto found = in_txn([&](store::Txn& txn) {
            return find_document(txn, actor().company, id);
        });
        EXPECT_TRUE(found.ok() && found->has_value());
        return **found;
    }

    static fulfilment::Package package() {
        return {.package_number = 1,
                .weight_grams = std::nullopt,
                .length_mm = std::nullopt,
                .width_mm = std::nullopt,
                .height_mm = std::nullopt};
    }

    platform::Caller biller() const {
        return caller(21, {"receivables.read", "receivables.bill", "receivables.credit"});
    }

    platform::Caller approver() const {
        return caller(22, {"receivables.read", "receivables.approve"});
    }

    // The receivable control account's balance at the end of `day`.
    std::int64_t ledger_receivable(const std::string& day) {
        const auto aged = in_txn([&](store::Txn& txn) {
            return aging(txn, actor().company, date(day));
        });
        EXPECT_TRUE(aged.ok());
        return aged->ledger_balance_minor;
    }
};

TEST_P(Receivables, ManualInvoicesArePricedPerLineNumberedAtIssueAndPosted) {
    const auto draft = in_txn([&](store::Txn& txn) {
        return create_invoice(txn, clock(), actor(), services_invoice());
    });
    ASSERT_TRUE(draft.ok()) << draft.error().message();
    EXPECT_EQ(draft->status, DocumentStatus::draft);
    EXPECT_EQ(draft->number, "");
    // INSTALL 2 h x 80.00 = 160.00, tax 14.20; fee 50.00 - 10 % = 45.00, tax 3.99375 -> 3.99.
    EXPECT_EQ(draft->net.minor, 205'00);
    EXPECT_EQ(draft->tax.minor, 18'19);
    EXPECT_EQ(draft->total.minor, 223'19);
    EXPECT_EQ(draft->due_date, date("2024-04-04"));
    EXPECT_EQ(draft->lines[0].revenue_account, "4120");

    // A deleted draft takes no number: numbers are given at issue.
    const auto other = in_txn([&](store::Txn& txn) {
        return create_invoice(txn, clock(), actor(), services_invoice());
    });
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return delete_invoice(txn, clock(), actor(), other->id);
                }).ok());

    const auto first = in_txn([&](store::Txn& txn) {
        return issue_invoice(txn, clock(), actor(), draft->id);
    });
    ASSERT_TRUE(first.ok()) << first.error().message();
    EXPECT_EQ(first->number, "INV-2024-000001");
    ASSERT_TRUE(first->entry_id.has_value());
    EXPECT_EQ(first->functional_total_minor, 223'19);
    const Document second = issued("10.00", "2024-03-06");
    EXPECT_EQ(second.number, "INV-2024-000002");

    const auto entry = in_txn([&](store::Txn& txn) {
        return ledger::find_entry(txn, actor().company, ledger::EntryId(*first->entry_id));
    });
    ASSERT_TRUE(entry.ok() && entry->has_value());
    const ledger::PostedEntry& posted = **entry;
    EXPECT_EQ(posted.source.type, "sales_invoice");
    EXPECT_EQ(posted.source.subledger, ledger::Subledger::ar);
    ASSERT_EQ(posted.lines.size(), 4U);  // receivable, two revenue lines, one tax rate
    EXPECT_EQ(posted.lines[0].side, ledger::Side::debit);
    EXPECT_EQ(posted.lines[0].amount.minor, 223'19);
    ASSERT_TRUE(posted.lines[0].party.has_value());
    EXPECT_EQ(posted.debit_total_minor, posted.credit_total_minor);
    EXPECT_EQ(ledger_receivable("2024-03-31"), 223'19 + 10'89);  // 10.00 + 8.875 % tax

    // Issued invoices never change.
    const auto changed = in_txn([&](store::Txn& txn) {
        return update_invoice(txn, clock(), actor(), first->id, services_invoice());
    });
    ASSERT_FALSE(changed.ok());
    EXPECT_EQ(changed.error().code(), ErrorCode::conflict);
    const auto again = in_txn([&](store::Txn& txn) {
        return issue_invoice(txn, clock(), actor(), first->id);
    });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code(), ErrorCode::conflict);
    const auto checked = check();
    ASSERT_TRUE(checked.ok());
    EXPECT_TRUE(checked->clean());
}

TEST_P(Receivables, BadInvoicesNameEveryFieldAndWriteNothing) {
    NewInvoice input = services_invoice();
    input.lines[0].sku = "NO-SUCH";
    input.lines[1].quantity = "1.5";  // "ea" has no decimals
    input.lines[1].tax_code = "XX";
    input.early_discount_days = 45;  // beyond the terms
    const auto refused = in_txn([&](store::Txn& txn) {
        return create_invoice(txn, clock(), actor(), input);
    });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), ErrorCode::invalid_argument);
    std::vector<std::string> fields;
    for (const core::FieldError& error : refused.error().fields()) {
        fields.push_back(error.field);
    }
    EXPECT_EQ(fields,
              (std::vector<std::string>{"early_discount_days", "lines/0/sku", "lines/1/quantity",
                                        "lines/1/tax_code"}));
    input = services_invoice();
    input.customer = "NOBODY";
    const auto unknown = in_txn([&](store::Txn& txn) {
        return create_invoice(txn, clock(), actor(), input);
    });
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(bo::testing::only_field(unknown.error()), "customer");
    const auto listed = in_txn([&](store::Txn& txn) {
        return list_documents(txn, actor().company,
                              {.today = date("2024-03-05"), .after = DocumentId(0), .limit = 10});
    });
    ASSERT_TRUE(listed.ok());
    EXPECT_TRUE(listed->empty());
}

TEST_P(Receivables, CreditNotesNeedAnotherApproverAndReverseWhatTheyCredit) {
    const auto invoice = in_txn([&](store::Txn& txn) -> core::Result<Document> {
        BO_TRY_ASSIGN(const Document draft, create_invoice(txn, clock(), actor(),
                                                           services_invoice()));
        return issue_invoice(txn, clock(), actor(), draft.id);
    });
    ASSERT_TRUE(invoice.ok());
    // One of the two hours: net 80.00, tax 7.10.
    NewCreditNote input{.invoice = invoice->id,
                        .reason = "One hour not worked",
                        .credit_date = "2024-03-10",
                        .lines = {{.invoice_line = 1, .quantity = "1", .amount = {}}}};
    const auto draft = in_txn([&](store::Txn& txn) {
        return create_credit_note(txn, clock(), biller(), input);
    });
    ASSERT_TRUE(draft.ok()) << draft.error().message();
    EXPECT_EQ(draft->total.minor, 87'10);
    EXPECT_EQ(load(invoice->id).open.minor, 223'19);  // a draft credits nothing yet

    platform::Caller both = biller();
    both.permissions.add("receivables.approve");
    const auto own = in_txn([&](store::Txn& txn) {
        return approve_credit_note(txn, clock(), both, draft->id, std::nullopt);
    });
    ASSERT_FALSE(own.ok());
    EXPECT_EQ(own.error().code(), ErrorCode::forbidden);
    EXPECT_NE(own.error().message().find("ar.credit_note_create_and_approve"), std::string::npos);

    const auto approved = in_txn([&](store::Txn& txn) {
        return approve_credit_note(txn, clock(), approver(), draft->id, std::nullopt);
    });
    ASSERT_TRUE(approved.ok()) << approved.error().message();
    EXPECT_EQ(approved->number, "CN-2024-000001");
    EXPECT_EQ(load(invoice->id).open.minor, 223'19 - 87'10);
    EXPECT_EQ(ledger_receivable("2024-03-31"), 223'19 - 87'10);

    // More than is left on a line is refused; crediting everything left cancels exactly.
    input.lines = {{.invoice_line = 1, .quantity = "2", .amount = {}}};
    const auto too_much = in_txn([&](store::Txn& txn) {
        return create_credit_note(txn, clock(), biller(), input);
    });
    ASSERT_FALSE(too_much.ok());
    EXPECT_EQ(bo::testing::only_field(too_much.error()), "lines/0/quantity");
    input.lines = {};
    const auto rest = in_txn([&](store::Txn& txn) -> core::Result<Document> {
        BO_TRY_ASSIGN(const Document note, create_credit_note(txn, clock(), biller(), input));
        return approve_credit_note(txn, clock(), approver(), note.id, std::nullopt);
    });
    ASSERT_TRUE(rest.ok()) << rest.error().message();
    EXPECT_EQ(rest->total.minor, 223'19 - 87'10);
    EXPECT_EQ(load(invoice->id).open.minor, 0);
    EXPECT_EQ(ledger_receivable("2024-03-31"), 0);
    const auto checked = check();
    ASSERT_TRUE(checked.ok());
    EXPECT_TRUE(checked->clean());
}

TEST_P(Receivables, WriteOffsClearSmallBalancesOnly) {
    const Document invoice = issued("1000.00", "2024-03-01");
    const auto too_big = in_txn([&](store::Txn& txn) {
        return write_off(txn, clock(), actor(), invoice.id,
                         {.amount = {}, .reason = "short", .date = "2024-03-20", .account = {}});
    });
    ASSERT_FALSE(too_big.ok());
    EXPECT_EQ(bo::testing::only_field(too_big.error()), "amount");
    const auto done = in_txn([&](store::Txn& txn) {
        return write_off(txn, clock(), actor(), invoice.id,
                         {.amount = "0.35", .reason = "bank charges", .date = "2024-03-20",
                          .account = {}});
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
    EXPECT_EQ(done->number, "WO-2024-000001");
    EXPECT_EQ(load(invoice.id).open.minor, 1088'75 - 35);  // 1000.00 + 88.75 tax
    EXPECT_EQ(ledger_receivable("2024-03-31"), 1088'75 - 35);
}

TEST_P(Receivables, InvoicePdfAndSendQueueTheMailWithTheAttachment) {
    const Document invoice = issued("120.00", "2024-03-01");
    const auto pdf = in_txn([&](store::Txn& txn) {
        return document_pdf(txn, actor().company, invoice.id);
    });
    ASSERT_TRUE(pdf.ok()) << pdf.error().message();
    EXPECT_TRUE(pdf->starts_with("%PDF-"));
    const auto mail = in_txn([&](store::Txn& txn) {
        return send_document(txn, clock(), actor(), invoice.id,
                             {.to = {"ap@customer.example"}, .from = "Billing <b@acme.example>",
                              .message = ""});
    });
    ASSERT_TRUE(mail.ok()) << mail.error().message();
    const auto log = in_txn([&](store::Txn& txn) {
        return platform::mail::list_for_document(txn, actor().company, {"sales_invoice",
                                                 std::to_string(invoice.id.value())});
    });
    ASSERT_TRUE(log.ok());
    ASSERT_EQ(log->size(), 1U);
    EXPECT_EQ(log->front().recipients, std::vector<std::string>{"ap@customer.example"});
    const auto text = in_txn([&](store::Txn& txn) {
        return platform::mail::message_text(txn, actor().company, log->front().id);
    });
    ASSERT_TRUE(text.ok() && text->has_value());
    EXPECT_NE((*text)->find("filename=\"" + invoice.number + ".pdf\""), std::string::npos);
}

TEST_P(Receivables, BillingRunsInvoiceShippedLinesOnce) {
    receive(widget_, 10'000);
    const sales::SalesOrderId first = confirmed(order(customer_, {line("WID-1", "3")}));
    const sales::SalesOrderId second = confirmed(order(customer_, {line("WID-1", "2")}));
    for (const sales::SalesOrderId id : {first, second}) {
        const auto shipped = in_txn([&](store::Txn& txn) {
            return fulfilment::ship(txn, clock(), actor(),
                                    {.order = id,
                                     .pick_list = std::nullopt,
                                     .lines = {},
                                     .packages = {package()},
                                     .ship_date = date("2024-03-02"),
                                     .carrier = "UPS",
                                     .service = "",
                                     .tracking_number = ""});
        });
        ASSERT_TRUE(shipped.ok()) << shipped.error().message();
    }
    const auto early = in_txn([&](store::Txn& txn) {
        return run_billing(txn, clock(), actor(), date("2024-03-01"));
    });
    ASSERT_TRUE(early.ok()) << early.error().message();
    EXPECT_EQ(early->invoices, 0);  // shipped after the run's date

    const auto run = in_txn([&](store::Txn& txn) {
        return run_billing(txn, clock(), actor(), date("2024-03-31"));
    });
    ASSERT_TRUE(run.ok()) << run.error().message();
    EXPECT_EQ(run->invoices, 2);  // per shipment by default
    EXPECT_EQ(run->lines, 2);
    // 5 x 19.99 = 99.95 net, tax 8.87 (3 -> 5.32, 2 -> 3.55).
    std::int64_t billed = 0;
    for (const DocumentId id : run->documents) {
        const Document invoice = load(id);
        EXPECT_EQ(invoice.status, DocumentStatus::issued);
        billed += invoice.total.minor;
    }
    EXPECT_EQ(billed, 99'95 + 5'32 + 3'55);
    EXPECT_EQ(ledger_receivable("2024-03-31"), billed);

    const auto rerun = in_txn([&](store::Txn& txn) {
        return run_billing(txn, clock(), actor(), date("2024-03-31"));
    });
    ASSERT_TRUE(rerun.ok());
    EXPECT_EQ(rerun->invoices, 0);
    EXPECT_EQ(ledger_receivable("2024-03-31"), billed);
    const auto checked = check();
    ASSERT_TRUE(checked.ok());
    EXPECT_TRUE(checked->clean());
}

TEST_P(Receivables, ConsolidatedCustomersGetOneInvoicePerRun) {
    receive(widget_, 10'000);
    const auto found = in_txn([&](store::Txn& txn) {
        return sales::find_customer(txn, actor().company, customer_);
    });
    ASSERT_TRUE(found.ok() && found->has_value());
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_billing_mode(txn, clock(), actor(), (**found).id,
                                            BillingMode::consolidated);
                }).ok());
    for (const char* quantity : {"1", "4"}) {
        const sales::SalesOrderId id = confirmed(order(customer_, {line("WID-1", quantity)}));
        ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                        return fulfilment::ship(txn, clock(), actor(),
                                                {.order = id,
                                                 .pick_list = std::nullopt,
                                                 .lines = {},
                                                 .packages = {package()},
                                                 .ship_date = date("2024-03-02"),
                                                 .carrier = "UPS",
                                     .service = "",
                                     .tracking_number = ""});
                    }).ok());
    }
    const auto run = in_txn([&](store::Txn& txn) {
        return run_billing(txn, clock(), actor(), date("2024-03-31"));
    });
    ASSERT_TRUE(run.ok()) << run.error().message();
    EXPECT_EQ(run->invoices, 1);
    EXPECT_EQ(run->lines, 2);
    EXPECT_EQ(load(run->documents.at(0)).lines.size(), 2U);
}

// 25 cases: each makes a fresh company, up to 12 invoices with random credit notes and
// write-offs on random dates (all within the open year 2024), and checks the aging on random dates against the ledger.
constexpr int aging_cases = 25;

TEST_P(Receivables, AgingTotalEqualsTheReceivableControlAccount) {
    int company_index = 0;
    const bool held = ledger::testing::check_cases("aging = AR control", aging_cases, [&]() {
        platform::Actor who = actor();
        const std::string code = "AG" + std::to_string(++company_index);
        const auto company = in_txn([&](store::Txn& txn) {
            return platform::tenancy::create_company(
                txn, clock(),
                {.code = code, .name = code, .functional_currency = "USD", .time_zone = "UTC"});
        });
        RC_ASSERT(company.ok());
        who.company = company->id;
        RC_ASSERT(in_txn([&](store::Txn& txn) -> core::Result<void> {
                      BO_TRY(ledger::load_standard_chart(txn, clock(), who));
                      BO_TRY(ledger::create_fiscal_year(txn, clock(), who, date("2024-01-01"),
                                                        std::nullopt));
                      BO_TRY(sales::create_tax_rate(txn, clock(), who,
                                                    {.code = "T", .name = "T",
                                                     .rate_percent = "7.25",
                                                     .account_number = "2300",
                                                     .is_default = true}));
                      for (const char* number : {"A", "B", "C"}) {
                          BO_TRY(sales::create_customer(
                              txn, clock(), who.company,
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
                      return core::ok();
                  }).ok());
        const int invoices = *rc::gen::inRange(1, 13);
        for (int index = 0; index < invoices; ++index) {
            const core::Date day = date("2024-01-01").add_days(*rc::gen::inRange(0, 270)).value();
            NewInvoice input;
            input.customer = *rc::gen::element<std::string>("A", "B", "C");
            input.invoice_date = day.to_string();
            input.payment_terms_days = *rc::gen::element<std::int64_t>(0, 14, 30, 60);
            input.lines = {NewInvoiceLine{
                .description = "Work",
                .quantity = std::to_string(*rc::gen::inRange(1, 5)),
                .unit_price = std::to_string(*rc::gen::inRange(1, 100'000)) + ".99"}};
            const auto invoice = in_txn([&](store::Txn& txn) -> core::Result<Document> {
                BO_TRY_ASSIGN(const Document draft, create_invoice(txn, clock(), who, input));
                return issue_invoice(txn, clock(), who, draft.id);
            });
            RC_ASSERT(invoice.ok());
            const int kind = *rc::gen::inRange(0, 3);  // 0 none, 1 credit note, 2 write-off
            const std::string later =
                day.add_days(*rc::gen::inRange(0, 90)).value().to_string();
            if (kind == 1) {
                platform::Caller enter = biller();
                enter.actor.company = who.company;
                platform::Caller approve = approver();
                approve.actor.company = who.company;
                const NewCreditNote note{
                    .invoice = invoice->id,
                    .reason = "r",
                    .credit_date = later,
                    .lines = {{.invoice_line = 1,
                               .quantity = {},
                               .amount = *rc::gen::element<std::optional<std::string>>(
                                   std::nullopt, std::string("0.50"), std::string("1.00"))}}};
                RC_ASSERT(in_txn([&](store::Txn& txn) -> core::Result<Document> {
                              BO_TRY_ASSIGN(const Document draft,
                                            create_credit_note(txn, clock(), enter, note));
                              return approve_credit_note(txn, clock(), approve, draft.id,
                                                         std::nullopt);
                          }).ok());
            } else if (kind == 2) {
                RC_ASSERT(in_txn([&](store::Txn& txn) {
                              return write_off(txn, clock(), who, invoice->id,
                                               {.amount = "0.99", .reason = "r", .date = later,
                                                .account = {}});
                          }).ok());
            }
        }
        for (int check = 0; check < 3; ++check) {
            const core::Date as_of =
                date("2024-01-01").add_days(*rc::gen::inRange(0, 365)).value();
            const auto report = in_txn([&](store::Txn& txn) {
                return aging(txn, who.company, as_of);
            });
            RC_ASSERT(report.ok());
            RC_ASSERT(report->total_minor == report->ledger_balance_minor);
            std::int64_t by_customer = 0;
            std::int64_t by_bucket = 0;
            for (const CustomerAging& customer : report->customers) {
                by_customer += customer.total_minor;
            }
            for (const std::int64_t amount : report->buckets) {
                by_bucket += amount;
            }
            RC_ASSERT(by_customer == report->total_minor);
            RC_ASSERT(by_bucket == report->total_minor);
        }
    });
    EXPECT_TRUE(held);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Receivables);

}  // namespace
}  // namespace bo::modules::receivables::testing
