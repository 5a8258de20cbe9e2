// Issue #7 (billing and receivables) end to end, over real HTTP on both backends: a manual
// invoice refused with field errors, then drafted, issued (gap-free number, posted), printed
// (PDF) and e-mailed to the customer's billing contact through a real SMTP sink on loopback
// with the PDF attached; a credit note refused to the person who entered it (403 naming the
// rule) and approved by another; a write-off; the customer account and aging reconciled; a
// shipped order invoiced by a billing run whose Idempotency-Key replays and whose re-run bills
// nothing; and the whole cycle, ship → billing run → PDF → e-mail → camt.053 import →
// automatic match → paid in the aging. Afterwards `backoffice ledger check` is clean.
//
// Method: SalesApiTest (a fresh demo database per backend, `backoffice serve` on 127.0.0.1:0,
// the demo admin); the queued mail is delivered by platform::mail::deliver_due against the
// same database, as the server's sender thread does.
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "e2e/sales_api_fixture.hpp"
#include "platform/mail/outbox.hpp"
#include "store/database.hpp"
#include "support/smtp_sink.hpp"

namespace bo::testing {
namespace {

class ReceivablesApi : public SalesApiTest {
protected:
    void SetUp() override {
        SalesApiTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const ApiReply created = admin().post(
            "/api/v1/customers",
            object{{"number", "C-BIL"},
                   {"name", "Billing Test Ltd"},
                   {"currency", "USD"},
                   {"credit_limit", "100000.00"},
                   {"payment_terms_days", 30},
                   {"addresses",
                    array{object{{"kind", "billing"},
                                 {"line1", "9 Ledger Lane"},
                                 {"city", "Albany"},
                                 {"postal_code", "12207"},
                                 {"country", "US"}}}},
                   {"contacts",
                    array{object{{"name", "Pat Buyer"}, {"email", "pat@customer.test"}},
                          object{{"name", "Accounts"},
                                 {"email", "ap@customer.test"},
                                 {"role", "Billing"}}}}});
        ASSERT_EQ(created.status, 201) << created.text;
        const ApiReply rate = admin().post("/api/v1/tax-rates",
                                           object{{"code", "E2ETAX"},
                                                  {"name", "E2E 8.875 %"},
                                                  {"rate_percent", "8.875"},
                                                  {"account_number", "2300"}});
        ASSERT_EQ(rate.status, 201) << rate.text;
    }

    // POST with an Idempotency-Key over a raw request of a fresh admin session.
    HttpReply post_once(const std::string& path, const object& body, const std::string& key) {
        ApiClient session(port());
        const ApiReply signed_in = session.sign_in("DEMO", "admin", admin_password_);
        EXPECT_EQ(signed_in.status, 200);
        const std::string text = boost::json::serialize(body);
        return http_exchange(port(),
                             "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                                 + session.cookie() + "\r\nX-CSRF-Token: "
                                 + signed_in.string("csrf_token") + "\r\nIdempotency-Key: " + key
                                 + "\r\nContent-Type: application/json\r\nContent-Length: "
                                 + std::to_string(text.size()) + "\r\nConnection: close\r\n\r\n"
                                 + text);
    }

    // Delivers the outbox to `sink` as the server's sender thread would; `expected` were sent.
    void deliver_queued_mail(SmtpSink& sink, std::size_t expected) {
        auto database = store::Database::open(database_->url());
        ASSERT_TRUE(database.ok());
        platform::mail::SmtpSettings relay;
        relay.url = sink.url();
        relay.tls = platform::mail::TlsPolicy::none;
        const auto delivered = platform::mail::deliver_due(**database, core::SystemClock(), relay);
        ASSERT_TRUE(delivered.ok()) << delivered.error().message();
        EXPECT_EQ(delivered->sent, expected);
    }

    std::string money(const ApiReply& reply, std::string_view field) const {
        return std::string(reply.body.at(field).as_string());
    }
};

TEST_P(ReceivablesApi, InvoiceCreditAgingAndBillingRunOverHttp) {
    // Refused with every bad field named, nothing written.
    const ApiReply bad = admin().post(
        "/api/v1/invoices",
        object{{"customer", "C-BIL"},
               {"lines", array{object{{"description", "Consulting"}, {"quantity", "x"}},
                               object{{"item", "NO-SUCH"}, {"quantity", "1"}}}}});
    ASSERT_EQ(bad.status, 400) << bad.text;
    EXPECT_EQ(bad.body.at("errors").as_array().size(), 3U) << bad.text;

    const object invoice{{"customer", "C-BIL"},
               {"early_discount_percent", "2"},
               {"early_discount_days", 10},
               {"customer_reference", "PO 4711"},
               {"lines",
                array{object{{"description", "Consulting"},
                             {"unit", "h"},
                             {"quantity", "3.5"},
                             {"unit_price", "150.00"},
                             {"tax_code", "E2ETAX"}},
                      object{{"item", "E2E-WID"}, {"quantity", "2"}, {"tax_code", "E2ETAX"}}}}};
    const ApiReply draft = admin().post("/api/v1/invoices", invoice);
    ASSERT_EQ(draft.status, 201) << draft.text;
    EXPECT_TRUE(draft.body.at("number").is_null());
    const std::string path = "/api/v1/invoices/" + std::to_string(draft.body.at("id").as_int64());
    const ApiReply issued = admin().post(path + "/issue", object{});
    ASSERT_EQ(issued.status, 200) << issued.text;
    const std::string number(issued.body.at("number").as_string());
    EXPECT_TRUE(number.starts_with("INV-" + std::to_string(today_.year()) + "-")) << number;
    EXPECT_EQ(admin().put(path, invoice).status, 409);  // issued invoices never change

    const ApiReply pdf = admin().get(path + "/pdf");
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
    EXPECT_TRUE(pdf.text.starts_with("%PDF-"));

    // Sent to the billing contact through the outbox, then delivered to a real SMTP sink.
    const ApiReply queued = admin().post(path + "/send", object{});
    ASSERT_EQ(queued.status, 202) << queued.text;
    SmtpSink sink;
    deliver_queued_mail(sink, 1);
    const auto mails = sink.wait_for(1);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].rcpt_to, std::vector<std::string>{"ap@customer.test"});
    EXPECT_NE(mails[0].data.find("filename=\"" + number + ".pdf\""), std::string::npos);
    EXPECT_NE(mails[0].data.find("JVBERi0"), std::string::npos);  // base64 of "%PDF-"
    const ApiReply shown = admin().get(path);
    ASSERT_EQ(shown.body.at("sends").as_array().size(), 1U);
    EXPECT_EQ(shown.body.at("sends").at(0).at("status").as_string(), "sent");

    // A credit note: not approved by who entered it, then by another person.
    const ApiReply note = admin().post(
        "/api/v1/credit-notes",
        object{{"invoice_id", draft.body.at("id")},
               {"reason", "Half an hour too much"},
               {"lines", array{object{{"invoice_line", 1}, {"quantity", "0.5"}}}}});
    ASSERT_EQ(note.status, 201) << note.text;
    const std::string note_path =
        "/api/v1/credit-notes/" + std::to_string(note.body.at("id").as_int64());
    const ApiReply own = admin().post(note_path + "/approve", object{});
    ASSERT_EQ(own.status, 403) << own.text;
    EXPECT_NE(own.text.find("ar.credit_note_create_and_approve"), std::string::npos);
    ApiClient executive = user("exec1", "executive");
    const ApiReply approved = executive.post(note_path + "/approve", object{});
    ASSERT_EQ(approved.status, 200) << approved.text;
    EXPECT_TRUE(std::string(approved.body.at("number").as_string()).starts_with("CN-"));

    const ApiReply written_off =
        admin().post(path + "/write-off", object{{"amount", "0.50"}, {"reason", "Rounding"}});
    ASSERT_EQ(written_off.status, 201) << written_off.text;

    // 3.5 h x 150 = 525.00 + 2 x 10.00 = 545.00; tax 8.875 %: 46.59 + 1.78 = 48.37;
    // less 75.00 + 6.66 credited and 0.50 written off.
    const ApiReply account = admin().get("/api/v1/customers/"
                                         + std::to_string(issued.body.at("customer_id").as_int64())
                                         + "/account");
    ASSERT_EQ(account.status, 200) << account.text;
    EXPECT_EQ(money(account, "balance"), "511.21");
    const ApiReply aged = admin().get("/api/v1/receivables/aging");
    ASSERT_EQ(aged.status, 200) << aged.text;
    bool found = false;
    for (const auto& customer : aged.body.at("customers").as_array()) {
        if (customer.at("customer").as_string() == "C-BIL") {
            found = true;
            EXPECT_EQ(customer.at("buckets").at("current").as_string(), "511.21");
        }
    }
    EXPECT_TRUE(found) << aged.text;

    // The billing run: a shipped order is invoiced once; the key replays; a re-run bills nothing.
    receive("E2E-WID", "5");
    const ApiReply entered =
        admin().post("/api/v1/sales-orders", order("C-BIL", array{line("E2E-WID", "4")}));
    ASSERT_EQ(entered.status, 201) << entered.text;
    ASSERT_EQ(admin().post(order_path(entered) + "/confirm", object{}).status, 200);
    const ApiReply shipped = admin().post(
        "/api/v1/shipments",
        object{{"order", entered.body.at("id")},
               {"carrier", "UPS"},
               {"packages", array{object{{"weight_grams", 1200}}}}});
    ASSERT_EQ(shipped.status, 201) << shipped.text;
    const object run_body{{"as_of", today_.to_string()}};
    // The preview says what the run will bill and writes nothing; before the ship date, nothing.
    const ApiReply preview =
        admin().get("/api/v1/receivables/billing-preview?as_of=" + today_.to_string());
    ASSERT_EQ(preview.status, 200) << preview.text;
    EXPECT_EQ(preview.body.at("invoices").as_int64(), 1) << preview.text;
    EXPECT_EQ(preview.body.at("lines").as_int64(), 1) << preview.text;
    ASSERT_EQ(preview.body.at("customers").as_array().size(), 1U) << preview.text;
    const auto& previewed = preview.body.at("customers").at(0);
    EXPECT_EQ(previewed.at("customer").as_string(), "C-BIL");
    EXPECT_EQ(previewed.at("net"), admin().get(order_path(entered)).body.at("net"));
    EXPECT_EQ(admin().get("/api/v1/receivables/billing-preview?as_of=2001-01-01")
                  .body.at("invoices")
                  .as_int64(),
              0);
    EXPECT_EQ(admin().get("/api/v1/receivables/billing-preview?as_of=soon").status, 400);
    const HttpReply run = post_once("/api/v1/billing-runs", run_body, "bill-run-1");
    ASSERT_EQ(run.status, 201) << run.body;
    const HttpReply replay = post_once("/api/v1/billing-runs", run_body, "bill-run-1");
    ASSERT_EQ(replay.status, 201) << replay.body;
    const boost::json::value first = boost::json::parse(run.body);
    EXPECT_EQ(boost::json::parse(replay.body).at("id"), first.at("id"));
    EXPECT_EQ(first.at("invoices").as_int64(), 1);
    const ApiReply again = admin().post("/api/v1/billing-runs", run_body);
    ASSERT_EQ(again.status, 201) << again.text;
    EXPECT_EQ(again.body.at("invoices").as_int64(), 0);
    EXPECT_EQ(admin().get("/api/v1/receivables/billing-preview").body.at("invoices").as_int64(), 0);
    const ApiReply billed = admin().get("/api/v1/invoices/"
                                        + std::to_string(first.at("invoice_ids").at(0).as_int64()));
    ASSERT_EQ(billed.status, 200) << billed.text;
    EXPECT_EQ(billed.body.at("status").as_string(), "issued");
    // The invoice bills what the order priced (net and tax as fulfilment shared them out).
    EXPECT_EQ(billed.body.at("total"), admin().get(order_path(entered)).body.at("total"));

    const ApiReply overdue = admin().get("/api/v1/invoices?customer=C-BIL&overdue=true");
    ASSERT_EQ(overdue.status, 200) << overdue.text;
    EXPECT_TRUE(overdue.body.at("items").as_array().empty());
    const ApiReply listed = admin().get("/api/v1/invoices?customer=C-BIL&status=issued");
    EXPECT_EQ(listed.body.at("items").as_array().size(), 2U) << listed.text;

    const CommandResult check =
        run_command({backoffice_binary(), "ledger", "check", "--db", database_->url()});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

// The order-to-cash cycle in one line of requests: ship → billing run → the invoice's PDF →
// e-mailed with the PDF → the bank's camt.053 names the invoice → the import matches and posts
// it → the invoice is paid, the customer's aging is empty, and the books check out.
TEST_P(ReceivablesApi, ShipBillSendImportMatchAndTheAgingShowsItPaid) {
    receive("E2E-WID", "3");
    const ApiReply entered =
        admin().post("/api/v1/sales-orders", order("C-BIL", array{line("E2E-WID", "3")}));
    ASSERT_EQ(entered.status, 201) << entered.text;
    ASSERT_EQ(admin().post(order_path(entered) + "/confirm", object{}).status, 200);
    const ApiReply shipped = admin().post(
        "/api/v1/shipments",
        object{{"order", entered.body.at("id")}, {"carrier", "UPS"}, {"packages", array{object{}}}});
    ASSERT_EQ(shipped.status, 201) << shipped.text;

    const ApiReply run =
        admin().post("/api/v1/billing-runs", object{{"as_of", today_.to_string()}});
    ASSERT_EQ(run.status, 201) << run.text;
    ASSERT_EQ(run.body.at("invoices").as_int64(), 1) << run.text;
    const std::string path =
        "/api/v1/invoices/" + std::to_string(run.body.at("invoice_ids").at(0).as_int64());
    const ApiReply billed = admin().get(path);
    ASSERT_EQ(billed.status, 200) << billed.text;
    const std::string number(billed.body.at("number").as_string());
    const std::string total(billed.body.at("total").as_string());
    EXPECT_EQ(billed.body.at("total"), admin().get(order_path(entered)).body.at("total"));

    const ApiReply pdf = admin().get(path + "/pdf");
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
    ASSERT_EQ(admin().post(path + "/send", object{}).status, 202);
    SmtpSink sink;
    deliver_queued_mail(sink, 1);
    const auto mails = sink.wait_for(1);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_NE(mails[0].data.find("filename=\"" + number + ".pdf\""), std::string::npos);

    // The customer pays; the bank's statement quotes the number without its prefix.
    constexpr const char* iban = "DE89370400440532013000";
    const ApiReply account = admin().post("/api/v1/bank-accounts",
                                          object{{"name", "Cycle account"},
                                                 {"iban", iban},
                                                 {"currency", "USD"},
                                                 {"ledger_account", "1120"}});
    ASSERT_EQ(account.status, 201) << account.text;
    const std::string camt =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document "
        "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr><MsgId>"
        "CYCLE-1</MsgId></GrpHdr><Stmt><Id>CYCLE-1</Id><Acct><Id><IBAN>"
        + std::string(iban) + "</IBAN></Id><Ccy>USD</Ccy></Acct><Ntry><Amt Ccy=\"USD\">" + total
        + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>" + today_.to_string()
        + "</Dt></BookgDt><AcctSvcrRef>CYCLE-1-1</AcctSvcrRef><NtryDtls><TxDtls><RltdPties>"
          "<Dbtr><Nm>Billing Test Ltd</Nm></Dbtr></RltdPties><RmtInf><Ustrd>Payment "
        + number.substr(4) + " thank you</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt>"
          "</BkToCstmrStmt></Document>";
    const ApiReply imported = admin().post("/api/v1/bank-statements", object{{"content", camt}});
    ASSERT_EQ(imported.status, 201) << imported.text;
    EXPECT_EQ(imported.body.at("matching").at("matched").as_int64(), 1) << imported.text;

    const ApiReply paid = admin().get(path);
    EXPECT_EQ(paid.body.at("open").as_string(), "0.00") << paid.text;
    EXPECT_EQ(paid.body.at("payment_status").as_string(), "paid") << paid.text;
    const ApiReply aged = admin().get("/api/v1/receivables/aging");
    ASSERT_EQ(aged.status, 200) << aged.text;
    for (const auto& customer : aged.body.at("customers").as_array()) {
        EXPECT_NE(customer.at("customer").as_string(), "C-BIL") << aged.text;
    }
    const CommandResult check =
        run_command({backoffice_binary(), "ledger", "check", "--db", database_->url()});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ReceivablesApi,
                         ::testing::Values(store::Backend::sqlite, store::Backend::postgres));

}  // namespace
}  // namespace bo::testing
