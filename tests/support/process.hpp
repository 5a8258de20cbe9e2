// Running the real `backoffice` binary from tests: one-shot commands with captured output, and
// a server process started on 127.0.0.1:0 whose chosen port is read from its first line.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <sys/types.h>

namespace bo::testing {

struct CommandResult {
    int exit_code = -1;  // -1 when killed by a signal
    std::string out;
    std::string err;
};

// The path of the binary under test: env BO_BINARY, else the one this build made.
std::string backoffice_binary();

// Runs `arguments` (argv[0] is the program) with extra environment entries "NAME=value" and
// waits, at most `timeout`, for it to finish.
CommandResult run_command(const std::vector<std::string>& arguments,
                          const std::vector<std::string>& environment = {},
                          std::chrono::seconds timeout = std::chrono::seconds(60));

// `text` single-quoted for /bin/sh.
std::string shell_quoted(const std::string& text);

// As run_command, with `input` on the program's standard input (through /bin/sh).
CommandResult run_command_with_input(const std::vector<std::string>& arguments,
                                     const std::string& input);

// A `backoffice serve` child process, stopped with SIGTERM on destruction.
class ServerProcess {
public:
    // Starts `backoffice serve --listen 127.0.0.1:0 --db URL` and waits for its "listening"
    // line; fails the current test (and answers port 0) if it does not come.
    // `environment`: extra "NAME=value" entries (e.g. BACKOFFICE_SMTP_URL=...).
    explicit ServerProcess(const std::string& database_url,
                           const std::vector<std::string>& environment = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::uint16_t port() const { return port_; }

    // Sends SIGTERM and waits for exit; answers the exit code (-1 on a signal or timeout).
    int stop();

private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::uint16_t port_ = 0;
};

struct HttpReply {
    int status = 0;
    std::string headers;
    std::string body;
};

// Sends one raw HTTP/1.1 request (the caller writes the whole request text) to 127.0.0.1:port
// and reads the reply until the server closes or Content-Length bytes arrived.
HttpReply http_exchange(std::uint16_t port, const std::string& raw_request);

// GET `path` with Connection: close.
HttpReply http_get(std::uint16_t port, const std::string& path);

}  // namespace bo::testing
