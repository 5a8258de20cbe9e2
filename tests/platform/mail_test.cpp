// Goal: e-mail is rendered as standard MIME, refuses header injection and bad addresses, goes
// over real SMTP to a relay, and the outbox queues in the change's transaction, delivers after
// the commit, retries what a relay defers and records what it refuses.
// Method: render_mime's text taken apart and decoded; a real SMTP sink on loopback
// (tests/support/smtp_sink) receives through libcurl; the outbox on both backends with a clock
// the test moves.
#include <sodium.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "platform/audit/audit.hpp"
#include "platform/auth/service.hpp"
#include "platform/mail/message.hpp"
#include "platform/mail/outbox.hpp"
#include "platform/mail/smtp.hpp"
#include "platform/tenancy/service.hpp"

#include "platform/storage_fixture.hpp"
#include "support/smtp_sink.hpp"

namespace bo::testing {
namespace {

using platform::mail::Attachment;
using platform::mail::Mailbox;
using platform::mail::MailStatus;
using platform::mail::Message;

// Every byte value, so that an attachment proves binary-safe transfer.
std::string binary_bytes() {
    std::string bytes;
    for (int repeat = 0; repeat < 40; ++repeat) {
        for (int value = 0; value < 256; ++value) {
            bytes.push_back(static_cast<char>(value));
        }
    }
    return bytes;
}

Message invoice_message() {
    return Message{.from = {"Acme Billing", "billing@acme.test"},
                   .to = {{"Zoë Müller", "zoe@customer.test"}},
                   .cc = {{"", "ap@customer.test"}},
                   .subject = "Invoice INV-2024-0001 — 1,234.50 EUR",
                   .text = "Dear Zoë,\n\nplease find attached our invoice.\n.\nAcme\n",
                   .attachments = {{"INV-2024-0001.pdf", "application/pdf", binary_bytes()}}};
}

platform::mail::SmtpSettings relay(const SmtpSink& sink) {
    platform::mail::SmtpSettings settings;
    settings.url = sink.url();
    return settings;
}

std::string decode_base64(const std::string& text) {
    std::string clean;
    for (const char c : text) {
        if (c != '\r' && c != '\n') {
            clean.push_back(c);
        }
    }
    std::string bytes(clean.size(), '\0');
    std::size_t length = 0;
    EXPECT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()),  // NOLINT
                                bytes.size(),
                                clean.data(),
                                clean.size(),
                                nullptr,
                                &length,
                                nullptr,
                                sodium_base64_VARIANT_ORIGINAL),
              0);
    bytes.resize(length);
    return bytes;
}

// The body of the MIME part whose headers contain `marker` (up to the next boundary line).
std::string part_body(const std::string& mime, const std::string& marker) {
    const std::size_t headers = mime.find(marker);
    if (headers == std::string::npos) {
        return {};
    }
    const std::size_t body = mime.find("\r\n\r\n", headers) + 4;
    const std::size_t end = mime.find("\r\n--", body);
    return mime.substr(body, end - body);
}

std::string header(const std::string& mime, const std::string& name) {
    const std::size_t at = mime.find("\r\n" + name + ": ");
    const std::size_t start = at == std::string::npos ? std::string::npos : at + name.size() + 4;
    if (start == std::string::npos) {
        return {};
    }
    return mime.substr(start, mime.find("\r\n", start) - start);
}

TEST(MailMessage, RendersStandardMimeWithEncodedHeadersAndABinarySafeAttachment) {
    const Message message = invoice_message();
    const auto mime = platform::mail::render_mime(
        message, core::Instant(fixed_clock_us), "bo.1.1709294400000000.7");
    ASSERT_TRUE(mime.ok()) << mime.error().message();
    const std::string& text = *mime;
    EXPECT_TRUE(text.starts_with("Date: Fri, 1 Mar 2024 12:00:00 +0000\r\n")) << text.substr(0, 60);
    EXPECT_EQ(header(text, "From"), "Acme Billing <billing@acme.test>");
    // Non-ASCII display names and subjects are RFC 2047 encoded words, never raw UTF-8.
    EXPECT_TRUE(header(text, "To").starts_with("=?UTF-8?B?")) << header(text, "To");
    EXPECT_TRUE(header(text, "Subject").starts_with("=?UTF-8?B?"));
    EXPECT_EQ(header(text, "Message-ID"), "<bo.1.1709294400000000.7@acme.test>");
    EXPECT_EQ(header(text, "MIME-Version"), "1.0");
    EXPECT_NE(text.find("Cc: ap@customer.test\r\n"), std::string::npos);
    // Every line ends in CRLF and none is longer than SMTP's 998 characters.
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        ASSERT_NE(end, std::string::npos);
        ASSERT_GT(end, start);
        EXPECT_EQ(text[end - 1], '\r');
        EXPECT_LE(end - start, 999U);
        start = end + 1;
    }
    EXPECT_EQ(decode_base64(part_body(text, "Content-Type: text/plain")),
              "Dear Zoë,\r\n\r\nplease find attached our invoice.\r\n.\r\nAcme\r\n");
    EXPECT_NE(text.find("Content-Disposition: attachment; filename=\"INV-2024-0001.pdf\""),
              std::string::npos);
    EXPECT_EQ(decode_base64(part_body(text, "Content-Type: application/pdf")), binary_bytes());
}

TEST(MailMessage, RefusesHeaderInjectionBadAddressesAndUnsafeNames) {
    Message message = invoice_message();
    message.subject = "Invoice\r\nBcc: everyone@evil.test";
    message.to.push_back({"", "not an address"});
    message.cc.push_back({"Eve <x>", "eve@evil.test"});
    message.attachments[0].filename = "../../etc/passwd";
    const auto mime = platform::mail::render_mime(message, core::Instant(fixed_clock_us), "x");
    ASSERT_FALSE(mime.ok());
    std::vector<std::string> fields;
    for (const core::FieldError& error : mime.error().fields()) {
        fields.push_back(error.field);
    }
    EXPECT_EQ(fields,
              (std::vector<std::string>{"to/1", "cc/1", "subject", "attachments/0/filename"}));

    EXPECT_FALSE(Mailbox::parse("billing@acme.test\r\nBcc: x@y.test", "from").ok());
    EXPECT_FALSE(Mailbox::parse("a@b@c.test", "from").ok());
    EXPECT_FALSE(Mailbox::parse("a@.test", "from").ok());
    const auto parsed = Mailbox::parse("Acme Billing <billing@acme.test>", "from");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->display_name, "Acme Billing");
    EXPECT_EQ(parsed->address, "billing@acme.test");

    Message none = invoice_message();
    none.to.clear();
    none.cc.clear();
    EXPECT_EQ(only_field(platform::mail::render_mime(none, core::Instant(fixed_clock_us), "x").error()),
              "to");
}

TEST(MailSmtp, ARelayReceivesExactlyTheRenderedMessage) {
    SmtpSink sink;
    const Message message = invoice_message();
    const auto mime = platform::mail::render_mime(message, core::Instant(fixed_clock_us), "bo.x");
    ASSERT_TRUE(mime.ok());
    const platform::mail::SmtpSettings settings = relay(sink);
    const auto sent =
        platform::mail::send(settings, "billing@acme.test", message.recipients(), *mime);
    ASSERT_TRUE(sent.ok()) << sent.error().message();
    const auto mails = sink.wait_for(1);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(mails[0].mail_from, "billing@acme.test");
    EXPECT_EQ(mails[0].rcpt_to,
              (std::vector<std::string>{"zoe@customer.test", "ap@customer.test"}));
    // The line "." in the body was dot-stuffed on the wire and unstuffed by the relay.
    EXPECT_EQ(mails[0].data, *mime);
}

TEST(MailSmtp, PermanentAndTransientRefusalsAreTold) {
    SmtpSink sink;
    const platform::mail::SmtpSettings settings = relay(sink);
    const std::string text = "Subject: x\r\n\r\nx\r\n";
    const auto refused = platform::mail::send(settings, "a@acme.test", {"refuse@x.test"}, text);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_NE(refused.error().message().find("550"), std::string::npos) << refused.error().message();
    const auto deferred = platform::mail::send(settings, "a@acme.test", {"busy@x.test"}, text);
    ASSERT_FALSE(deferred.ok());
    EXPECT_EQ(deferred.error().code(), core::ErrorCode::unavailable);
    // Nobody listens on the sink's port once it is gone.
    std::string gone_url;
    {
        const SmtpSink gone;
        gone_url = gone.url();
    }
    const auto unreachable = platform::mail::send(
        platform::mail::SmtpSettings{.url = gone_url,
                                     .username = "",
                                     .password = "",
                                     .tls = platform::mail::TlsPolicy::when_offered,
                                     .timeout = std::chrono::seconds(5)},
        "a@acme.test", {"b@x.test"}, text);
    ASSERT_FALSE(unreachable.ok());
    EXPECT_EQ(unreachable.error().code(), core::ErrorCode::unavailable);
    EXPECT_TRUE(sink.received().empty());
}

class MailOutbox : public StorageTest {
protected:
    void SetUp() override {
        StorageTest::SetUp();
        if (IsSkipped() || HasFailure()) {
            return;
        }
        auto company = in_txn([&](store::Txn& txn) {
            return platform::tenancy::create_company(
                txn, clock(), platform::tenancy::NewCompany{"ACME", "Acme Ltd", "USD", "UTC"});
        });
        ASSERT_TRUE(company.ok()) << company.error().message();
        auto user = in_txn([&](store::Txn& txn) {
            return platform::auth::create_user(
                txn,
                clock(),
                company->id,
                platform::auth::NewUser{"billing", "Bill", "", "correct horse battery", {"employee"}});
        });
        ASSERT_TRUE(user.ok()) << user.error().message();
        actor_ = platform::Actor{company->id, user->id, "billing", "req-1", "127.0.0.1"};
    }

    core::Result<platform::mail::OutboxMail> enqueue(const Message& message) {
        return in_txn([&](store::Txn& txn) {
            return platform::mail::enqueue(txn, clock(), actor_, invoice_, message);
        });
    }

    std::vector<platform::mail::OutboxMail> log() {
        auto mails = in_txn([&](store::Txn& txn) {
            return platform::mail::list_for_document(txn, actor_.company, invoice_);
        });
        EXPECT_TRUE(mails.ok());
        return mails.ok() ? *mails : std::vector<platform::mail::OutboxMail>{};
    }

    std::vector<std::string> audit_actions() {
        auto found = in_txn([&](store::Txn& txn) {
            return platform::audit::search(txn, actor_.company, {.entity_type = "mail"}, 0, 100);
        });
        std::vector<std::string> actions;
        if (found.ok()) {
            for (const auto& event : found->events) {
                actions.push_back(event.action);
            }
        }
        return actions;
    }

    platform::Actor actor_;
    platform::mail::DocumentRef invoice_{"sales_invoice", "17"};
};

TEST_P(MailOutbox, QueuedInTheChangesTransactionAndSentAfterTheCommit) {
    // A change that rolls back leaves no mail.
    const auto rolled_back = in_txn([&](store::Txn& txn) -> core::Result<void> {
        BO_TRY(platform::mail::enqueue(txn, clock(), actor_, invoice_, invoice_message()));
        return core::Error(core::ErrorCode::conflict, "the invoice could not be posted");
    });
    EXPECT_FALSE(rolled_back.ok());
    EXPECT_TRUE(log().empty());

    const auto queued = enqueue(invoice_message());
    ASSERT_TRUE(queued.ok()) << queued.error().message();
    EXPECT_EQ(queued->status, MailStatus::queued);

    SmtpSink sink;
    core::FixedClock later{core::Instant(fixed_clock_us + 1'000'000)};
    const auto round = platform::mail::deliver_due(db(), later, relay(sink));
    ASSERT_TRUE(round.ok()) << round.error().message();
    EXPECT_EQ(round->sent, 1U);
    const auto mails = sink.wait_for(1);
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_NE(mails[0].data.find("filename=\"INV-2024-0001.pdf\""), std::string::npos);

    const auto sent = log();
    ASSERT_EQ(sent.size(), 1U);
    EXPECT_EQ(sent[0].status, MailStatus::sent);
    EXPECT_EQ(sent[0].attempts, 1);
    ASSERT_TRUE(sent[0].sent_at.has_value());
    EXPECT_EQ(*sent[0].sent_at, later.now());
    EXPECT_EQ(sent[0].recipients,
              (std::vector<std::string>{"zoe@customer.test", "ap@customer.test"}));
    const auto stored = in_txn([&](store::Txn& txn) {
        return platform::mail::message_text(txn, actor_.company, sent[0].id);
    });
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ(mails[0].data, **stored);
    EXPECT_EQ(audit_actions(), (std::vector<std::string>{"mail.sent", "mail.queue"}));

    // Nothing is due any more: a second round sends nothing twice.
    const auto again = platform::mail::deliver_due(db(), later, relay(sink));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->sent + again->retried + again->failed, 0U);
    EXPECT_EQ(sink.received().size(), 1U);
}

TEST_P(MailOutbox, ADeferredMessageIsRetriedLaterAndARefusedOneFails) {
    Message deferred = invoice_message();
    deferred.to = {{"", "busy@customer.test"}};
    deferred.cc.clear();
    Message refused = invoice_message();
    refused.to = {{"", "refuse@customer.test"}};
    refused.cc.clear();
    ASSERT_TRUE(enqueue(deferred).ok());
    ASSERT_TRUE(enqueue(refused).ok());

    SmtpSink sink;
    core::FixedClock now{core::Instant(fixed_clock_us)};
    const auto first = platform::mail::deliver_due(db(), now, relay(sink));
    ASSERT_TRUE(first.ok()) << first.error().message();
    EXPECT_EQ(first->retried, 1U);
    EXPECT_EQ(first->failed, 1U);
    auto mails = log();
    ASSERT_EQ(mails.size(), 2U);
    EXPECT_EQ(mails[0].status, MailStatus::queued);
    EXPECT_EQ(mails[0].attempts, 1);
    EXPECT_EQ(mails[0].next_attempt_at.unix_micros(), fixed_clock_us + 60'000'000);
    EXPECT_NE(mails[0].last_error.find("451"), std::string::npos) << mails[0].last_error;
    EXPECT_EQ(mails[1].status, MailStatus::failed);
    EXPECT_NE(mails[1].last_error.find("550"), std::string::npos) << mails[1].last_error;

    // Not due before its minute is up.
    now.advance(59'000'000);
    const auto early = platform::mail::deliver_due(db(), now, relay(sink));
    ASSERT_TRUE(early.ok());
    EXPECT_EQ(early->retried + early->sent + early->failed, 0U);

    // The relay keeps deferring: after the last retry the message fails.
    std::int64_t waited_us = 0;
    for (const auto delay : platform::mail::retry_delays) {
        waited_us = std::chrono::duration_cast<std::chrono::microseconds>(delay).count();
        now.advance(waited_us);
        ASSERT_TRUE(platform::mail::deliver_due(db(), now, relay(sink)).ok());
    }
    mails = log();
    EXPECT_EQ(mails[0].status, MailStatus::failed);
    EXPECT_EQ(mails[0].attempts, static_cast<std::int64_t>(platform::mail::retry_delays.size()) + 1);
    EXPECT_TRUE(sink.received().empty());
}

TEST_P(MailOutbox, BadMessagesAreRefusedWithTheirFieldAndNothingIsQueued) {
    Message bad = invoice_message();
    bad.to = {{"", "nobody"}};
    const auto refused = enqueue(bad);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(only_field(refused.error()), "to/0");
    EXPECT_TRUE(log().empty());
    EXPECT_TRUE(audit_actions().empty());
}

BO_INSTANTIATE_ON_ALL_BACKENDS(MailOutbox);

}  // namespace
}  // namespace bo::testing
