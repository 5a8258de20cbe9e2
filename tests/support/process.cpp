#include "support/process.hpp"

#include <array>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT: POSIX

namespace bo::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<char*> to_argv(const std::vector<std::string>& strings) {
    std::vector<char*> argv;
    for (const auto& s : strings) {
        argv.push_back(const_cast<char*>(s.c_str()));  // NOLINT: posix_spawn's signature
    }
    argv.push_back(nullptr);
    return argv;
}

std::vector<std::string> merged_environment(const std::vector<std::string>& extra) {
    std::vector<std::string> result;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        std::string text(*entry);
        bool overridden = false;
        for (const auto& e : extra) {
            if (text.substr(0, text.find('=') + 1) == e.substr(0, e.find('=') + 1)) {
                overridden = true;
            }
        }
        if (!overridden) {
            result.push_back(std::move(text));
        }
    }
    result.insert(result.end(), extra.begin(), extra.end());
    return result;
}

pid_t spawn(const std::vector<std::string>& arguments,
            const std::vector<std::string>& environment,
            int out_fd,
            int err_fd) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
    posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    auto env_strings = merged_environment(environment);
    auto argv = to_argv(arguments);
    auto envp = to_argv(env_strings);
    pid_t pid = -1;
    int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        throw std::runtime_error("cannot start " + arguments[0]);
    }
    return pid;
}

int exit_code_of(int status) {
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Waits for pid until the deadline; kills it past the deadline.
int wait_until(pid_t pid, Clock::time_point deadline) {
    int status = 0;
    while (true) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            return exit_code_of(status);
        }
        if (Clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        usleep(2000);
    }
}

void drain(int fd, std::string& into) {
    std::array<char, 4096> buffer{};
    while (true) {
        ssize_t n = read(fd, buffer.data(), buffer.size());
        if (n <= 0) {
            return;
        }
        into.append(buffer.data(), static_cast<std::size_t>(n));
    }
}

}  // namespace

std::string backoffice_binary() {
    const char* path = std::getenv("BO_BINARY");  // NOLINT(concurrency-mt-unsafe)
    return path != nullptr ? path : BO_BINARY_PATH;
}

std::string shell_quoted(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

CommandResult run_command_with_input(const std::vector<std::string>& arguments,
                                     const std::string& input) {
    std::string command = "printf '%s' " + shell_quoted(input) + " |";
    for (const std::string& argument : arguments) {
        command += " " + shell_quoted(argument);
    }
    return run_command({"/bin/sh", "-c", command});
}

CommandResult run_command(const std::vector<std::string>& arguments,
                          const std::vector<std::string>& environment,
                          std::chrono::seconds timeout) {
    std::array<int, 2> out{};
    std::array<int, 2> err{};
    if (pipe(out.data()) != 0 || pipe(err.data()) != 0) {
        throw std::runtime_error("pipe failed");
    }
    pid_t pid = spawn(arguments, environment, out[1], err[1]);
    close(out[1]);
    close(err[1]);
    CommandResult result;
    // Read both pipes until they close, so a chatty child never blocks on a full pipe.
    std::array<pollfd, 2> fds{pollfd{out[0], POLLIN, 0}, pollfd{err[0], POLLIN, 0}};
    auto deadline = Clock::now() + timeout;
    int open_count = 2;
    while (open_count > 0 && Clock::now() < deadline) {
        if (poll(fds.data(), fds.size(), 100) <= 0) {
            continue;
        }
        for (auto& p : fds) {
            if (p.fd >= 0 && (p.revents & (POLLIN | POLLHUP)) != 0) {
                std::array<char, 4096> buffer{};
                ssize_t n = read(p.fd, buffer.data(), buffer.size());
                if (n <= 0) {
                    close(p.fd);
                    p.fd = -1;
                    --open_count;
                } else {
                    (p.fd == fds[0].fd ? result.out : result.err)
                        .append(buffer.data(), static_cast<std::size_t>(n));
                }
            }
        }
    }
    result.exit_code = wait_until(pid, deadline);
    for (auto& p : fds) {
        if (p.fd >= 0) {
            close(p.fd);
        }
    }
    return result;
}

ServerProcess::ServerProcess(const std::string& database_url,
                             const std::vector<std::string>& environment) {
    std::array<int, 2> out{};
    if (pipe(out.data()) != 0) {
        throw std::runtime_error("pipe failed");
    }
    int null_fd = open("/dev/null", O_WRONLY);
    pid_ = spawn({backoffice_binary(), "serve", "--listen", "127.0.0.1:0", "--db", database_url},
                 environment,
                 out[1],
                 null_fd);
    close(out[1]);
    close(null_fd);
    stdout_fd_ = out[0];
    // serve prints the migrations it applied, then "… listening on http://127.0.0.1:PORT …".
    constexpr std::string_view marker = "http://127.0.0.1:";
    std::string text;
    auto deadline = Clock::now() + std::chrono::seconds(30);
    auto has_port_line = [&] {
        auto at = text.find(marker);
        return at != std::string::npos && text.find('\n', at) != std::string::npos;
    };
    while (!has_port_line() && Clock::now() < deadline) {
        pollfd p{stdout_fd_, POLLIN, 0};
        if (poll(&p, 1, 100) > 0) {
            std::array<char, 512> buffer{};
            ssize_t n = read(stdout_fd_, buffer.data(), buffer.size());
            if (n <= 0) {
                break;
            }
            text.append(buffer.data(), static_cast<std::size_t>(n));
        }
    }
    auto at = text.find(marker);
    if (at == std::string::npos) {
        ADD_FAILURE() << "server did not start; it printed: " << text;
        return;
    }
    port_ = static_cast<std::uint16_t>(std::stoi(text.substr(at + marker.size())));
}

int ServerProcess::stop() {
    if (pid_ < 0) {
        return -1;
    }
    kill(pid_, SIGTERM);
    int code = wait_until(pid_, Clock::now() + std::chrono::seconds(20));
    pid_ = -1;
    std::string rest;
    drain(stdout_fd_, rest);
    close(stdout_fd_);
    return code;
}

ServerProcess::~ServerProcess() {
    stop();
}

HttpReply http_exchange(std::uint16_t port, const std::string& raw_request) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    HttpReply reply;
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {  // NOLINT
        close(fd);
        return reply;
    }
    std::size_t sent = 0;
    while (sent < raw_request.size()) {
        ssize_t n = send(fd, raw_request.data() + sent, raw_request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            break;
        }
        sent += static_cast<std::size_t>(n);
    }
    std::string text;
    std::array<char, 8192> buffer{};
    while (true) {
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 15000) <= 0) {
            break;
        }
        ssize_t n = recv(fd, buffer.data(), buffer.size(), 0);
        if (n <= 0) {
            break;
        }
        text.append(buffer.data(), static_cast<std::size_t>(n));
        auto header_end = text.find("\r\n\r\n");
        if (header_end != std::string::npos) {
            auto length_at = text.find("Content-Length: ");
            if (length_at != std::string::npos && length_at < header_end) {
                std::size_t length = std::stoul(text.substr(length_at + 16));
                if (text.size() >= header_end + 4 + length) {
                    break;
                }
            }
        }
    }
    close(fd);
    auto header_end = text.find("\r\n\r\n");
    if (text.size() < 12 || header_end == std::string::npos) {
        return reply;
    }
    reply.status = std::stoi(text.substr(9, 3));
    reply.headers = text.substr(0, header_end);
    reply.body = text.substr(header_end + 4);
    return reply;
}

HttpReply http_get(std::uint16_t port, const std::string& path) {
    return http_exchange(
        port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

}  // namespace bo::testing
