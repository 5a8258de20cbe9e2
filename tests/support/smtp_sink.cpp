#include "support/smtp_sink.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace bo::testing {
namespace {

constexpr int poll_ms = 50;

bool write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t wrote = ::send(fd, text.data() + done, text.size() - done, MSG_NOSIGNAL);
        if (wrote <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(wrote);
    }
    return true;
}

// Reads one CRLF-terminated line (without the CRLF) through `buffer`; false at end of input.
bool read_line(int fd, std::string& buffer, std::string& line) {
    while (true) {
        const std::size_t end = buffer.find("\r\n");
        if (end != std::string::npos) {
            line = buffer.substr(0, end);
            buffer.erase(0, end + 2);
            return true;
        }
        char chunk[4096];
        const ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
        if (got <= 0) {
            return false;
        }
        buffer.append(chunk, static_cast<std::size_t>(got));
    }
}

std::string upper(std::string text) {
    for (char& c : text) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return text;
}

}  // namespace

std::string smtp_path(const std::string& argument) {
    const std::size_t open = argument.find('<');
    const std::size_t close = argument.find('>', open == std::string::npos ? 0 : open);
    if (open == std::string::npos || close == std::string::npos) {
        return argument;
    }
    return argument.substr(open + 1, close - open - 1);
}

SmtpSink::SmtpSink() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listener_ < 0) {
        throw std::runtime_error("smtp sink: socket failed");
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0  // NOLINT
        || ::listen(listener_, 8) != 0) {
        ::close(listener_);
        throw std::runtime_error("smtp sink: bind/listen failed");
    }
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);  // NOLINT
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
}

SmtpSink::~SmtpSink() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    thread_.join();
    ::close(listener_);
}

std::vector<ReceivedMail> SmtpSink::wait_for(std::size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, timeout, [&] { return mails_.size() >= count; });
    return mails_;
}

std::vector<ReceivedMail> SmtpSink::received() {
    const std::lock_guard lock(mutex_);
    return mails_;
}

void SmtpSink::serve() {
    while (true) {
        {
            const std::lock_guard lock(mutex_);
            if (stopping_) {
                return;
            }
        }
        pollfd waiting{listener_, POLLIN, 0};
        if (::poll(&waiting, 1, poll_ms) <= 0) {
            continue;
        }
        const int client = ::accept(listener_, nullptr, nullptr);
        if (client >= 0) {
            session(client);
            ::close(client);
        }
    }
}

void SmtpSink::session(int client) {
    std::string buffer;
    std::string line;
    ReceivedMail mail;
    if (!write_all(client, "220 sink.test ESMTP test sink\r\n")) {
        return;
    }
    while (read_line(client, buffer, line)) {
        const std::string verb = upper(line.substr(0, line.find(' ')));
        std::string answer;
        if (verb == "EHLO") {
            answer = "250-sink.test\r\n250-8BITMIME\r\n250 SIZE 20000000\r\n";
        } else if (verb == "HELO") {
            answer = "250 sink.test\r\n";
        } else if (verb == "MAIL") {
            mail = ReceivedMail{};
            mail.mail_from = smtp_path(line.substr(5));
            answer = "250 OK\r\n";
        } else if (verb == "RCPT") {
            const std::string to = smtp_path(line.substr(5));
            const std::string local = to.substr(0, to.find('@'));
            if (local == "refuse") {
                answer = "550 5.1.1 no such mailbox\r\n";
            } else if (local == "busy") {
                answer = "451 4.3.0 try again later\r\n";
            } else {
                mail.rcpt_to.push_back(to);
                answer = "250 OK\r\n";
            }
        } else if (verb == "DATA") {
            if (mail.rcpt_to.empty()) {
                answer = "554 no valid recipients\r\n";
            } else {
                if (!write_all(client, "354 end with <CRLF>.<CRLF>\r\n")) {
                    return;
                }
                while (read_line(client, buffer, line) && line != ".") {
                    mail.data += (line.starts_with(".") ? line.substr(1) : line) + "\r\n";
                }
                {
                    const std::lock_guard lock(mutex_);
                    mails_.push_back(mail);
                }
                arrived_.notify_all();
                answer = "250 OK queued\r\n";
            }
        } else if (verb == "RSET") {
            mail = ReceivedMail{};
            answer = "250 OK\r\n";
        } else if (verb == "NOOP") {
            answer = "250 OK\r\n";
        } else if (verb == "QUIT") {
            write_all(client, "221 bye\r\n");
            return;
        } else {
            answer = "502 not implemented\r\n";
        }
        if (!write_all(client, answer)) {
            return;
        }
    }
}

}  // namespace bo::testing
