// Goal: `backoffice serve` with a relay configured delivers the outbox by itself, from the
// configured sender; a malformed sender or relay stops serve at start.
// Method: a message queued through the library into the server's database, a real serve with
// BACKOFFICE_SMTP_* in its environment, a real SMTP sink on loopback; both backends.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "platform/auth/service.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/tenancy/service.hpp"

#include "support/databases.hpp"
#include "support/process.hpp"
#include "support/smtp_sink.hpp"

namespace bo::testing {
namespace {

class MailServe : public ::testing::TestWithParam<store::Backend> {};

TEST_P(MailServe, ServeDeliversQueuedMailThroughTheConfiguredRelay) {
    auto database = TestDatabase::create(GetParam());
    BO_REQUIRE_DATABASE(database);
    store::Database& db = database->migrated();
    const core::SystemClock clock;
    platform::mail::DocumentRef document{"sales_invoice", "42"};
    const auto queued = db.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(const platform::tenancy::Company company,
                      platform::tenancy::create_company(
                          txn, clock, platform::tenancy::NewCompany{"ACME", "Acme Ltd", "USD", "UTC"}));
        const platform::Actor actor{company.id, platform::auth::UserId(0), "system", "", ""};
        const platform::mail::Message message{.from = {"Acme Billing", "billing@acme.test"},
                                              .to = {{"", "ap@customer.test"}},
                                              .cc = {},
                                              .subject = "Invoice 42",
                                              .text = "Please find our invoice.\n",
                                              .attachments = {}};
        BO_TRY(platform::mail::enqueue(txn, clock, actor, document, message));
        return core::ok();
    });
    ASSERT_TRUE(queued.ok()) << queued.error().message();

    SmtpSink sink;
    ServerProcess server(database->url(),
                         {"BACKOFFICE_SMTP_URL=" + sink.url(),
                          "BACKOFFICE_SMTP_FROM=Acme Billing <billing@acme.test>",
                          "BACKOFFICE_SMTP_TLS=none"});
    ASSERT_NE(server.port(), 0);
    const auto mails = sink.wait_for(1, std::chrono::seconds(20));
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].rcpt_to, std::vector<std::string>{"ap@customer.test"});
    EXPECT_NE(mails[0].data.find("Subject: Invoice 42\r\n"), std::string::npos);

    // The outcome is recorded (give the sender a moment after the relay's answer).
    platform::mail::MailStatus status = platform::mail::MailStatus::queued;
    for (int attempt = 0; attempt < 50 && status != platform::mail::MailStatus::sent; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto read = db.transact(store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
            BO_TRY_ASSIGN(const auto company, platform::tenancy::find_company(txn, "ACME"));
            BO_TRY_ASSIGN(const auto log, platform::mail::list_for_document(txn, company->id, document));
            if (!log.empty()) {
                status = log.front().status;
            }
            return core::ok();
        });
        ASSERT_TRUE(read.ok()) << read.error().message();
    }
    EXPECT_EQ(status, platform::mail::MailStatus::sent);
    EXPECT_EQ(server.stop(), 0);
}

TEST_P(MailServe, AMalformedSenderOrRelayStopsServeAtStart) {
    auto database = TestDatabase::create(GetParam());
    BO_REQUIRE_DATABASE(database);
    const auto bad_from = run_command(
        {backoffice_binary(), "serve", "--listen", "127.0.0.1:0", "--db", database->url()},
        {"BACKOFFICE_SMTP_URL=smtp://127.0.0.1:25", "BACKOFFICE_SMTP_FROM=billing at acme"},
        std::chrono::seconds(30));
    EXPECT_EQ(bad_from.exit_code, 1);
    EXPECT_NE(bad_from.err.find("smtp_from"), std::string::npos) << bad_from.err;
    const auto bad_url = run_command(
        {backoffice_binary(), "serve", "--listen", "127.0.0.1:0", "--db", database->url()},
        {"BACKOFFICE_SMTP_URL=mail.acme.test:25"},
        std::chrono::seconds(30));
    EXPECT_EQ(bad_url.exit_code, 1);
    EXPECT_NE(bad_url.err.find("smtp_url"), std::string::npos) << bad_url.err;
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         MailServe,
                         ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace bo::testing
