// Goal: an operator checks the relay settings with `backoffice mail test`, and a wrong setting
// or a refusing relay is a clear one-line error with exit 1.
// Method: the real binary, settings from the environment, a real SMTP sink on loopback.
#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/smtp_sink.hpp"

namespace bo::testing {
namespace {

TEST(MailCli, MailTestSendsThroughTheConfiguredRelay) {
    SmtpSink sink;
    const auto sent = run_command(
        {backoffice_binary(), "mail", "test", "--to", "ops@acme.test"},
        {"BACKOFFICE_SMTP_URL=" + sink.url(), "BACKOFFICE_SMTP_FROM=Acme Ops <backoffice@acme.test>"});
    EXPECT_EQ(sent.exit_code, 0) << sent.err;
    EXPECT_NE(sent.out.find("sent a test message to ops@acme.test"), std::string::npos) << sent.out;
    const auto mails = sink.wait_for(1);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].mail_from, "backoffice@acme.test");
    EXPECT_EQ(mails[0].rcpt_to, std::vector<std::string>{"ops@acme.test"});
    EXPECT_NE(mails[0].data.find("Subject: Backoffice mail test\r\n"), std::string::npos);
}

TEST(MailCli, MailTestReportsARefusalAndBadSettings) {
    SmtpSink sink;
    const std::vector<std::string> settings{"BACKOFFICE_SMTP_URL=" + sink.url(),
                                            "BACKOFFICE_SMTP_FROM=backoffice@acme.test"};
    const auto refused =
        run_command({backoffice_binary(), "mail", "test", "--to", "refuse@acme.test"}, settings);
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("550"), std::string::npos) << refused.err;

    const auto no_relay = run_command({backoffice_binary(), "mail", "test", "--to", "a@acme.test"});
    EXPECT_EQ(no_relay.exit_code, 1);
    EXPECT_NE(no_relay.err.find("smtp_url"), std::string::npos) << no_relay.err;

    const auto bad_url = run_command({backoffice_binary(), "mail", "test", "--to", "a@acme.test"},
                                     {"BACKOFFICE_SMTP_URL=http://relay.acme.test"});
    EXPECT_EQ(bad_url.exit_code, 1);
    EXPECT_NE(bad_url.err.find("smtp_url"), std::string::npos) << bad_url.err;

    const auto bad_from = run_command({backoffice_binary(), "mail", "test", "--to", "a@acme.test"},
                                      {"BACKOFFICE_SMTP_URL=" + sink.url(),
                                       "BACKOFFICE_SMTP_FROM=not an address"});
    EXPECT_EQ(bad_from.exit_code, 1);
    EXPECT_NE(bad_from.err.find("smtp_from"), std::string::npos) << bad_from.err;
    EXPECT_TRUE(sink.received().empty());
}

}  // namespace
}  // namespace bo::testing
