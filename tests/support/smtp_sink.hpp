// A mail sink for tests: a small SMTP server on 127.0.0.1 (a random free port) that keeps
// every message it is given, so that tests check what the program really sent over SMTP.
//
// It speaks what a relay must (RFC 5321): greeting, EHLO/HELO, MAIL FROM, RCPT TO, DATA
// (dot-unstuffed), RSET, NOOP, QUIT; no TLS, no AUTH. A recipient whose local part is
// "refuse" is answered 550 (permanent) and one whose local part is "busy" 451 (transient), so
// tests can drive both failure paths. One connection at a time, on its own thread.
// Thread safety: the accessors may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace bo::testing {

struct ReceivedMail {
    std::string mail_from;            // the envelope sender
    std::vector<std::string> rcpt_to;  // the envelope recipients
    std::string data;                  // the message text, CRLF line ends, dot-unstuffed
};

class SmtpSink {
public:
    SmtpSink();  // listening when constructed
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    std::uint16_t port() const noexcept { return port_; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

    // Waits until at least `count` messages arrived (or `timeout`); answers all of them.
    std::vector<ReceivedMail> wait_for(std::size_t count,
                                       std::chrono::milliseconds timeout = std::chrono::seconds(10));

    std::vector<ReceivedMail> received();

private:
    void serve();
    void session(int client);

    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::vector<ReceivedMail> mails_;
    bool stopping_ = false;
    std::thread thread_;
};

// The text between "<" and ">" of an SMTP path argument ("FROM:<a@b>" -> "a@b").
std::string smtp_path(const std::string& argument);

}  // namespace bo::testing
