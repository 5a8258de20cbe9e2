// The HTTP/1.1 server: Boost.Beast on Asio with C++20 coroutines, one io thread per core.
//
// Each connection is one coroutine: read a header (bounded size, idle timeout), read the body
// (bounded size, body timeout), dispatch through the Router, write, and keep the connection
// alive when the client asks. Oversized headers answer 431, oversized bodies 413, a path with
// no route 404, a wrong method 405 — all as problem+json. Every response carries
// `X-Request-Id`; every request is written to the access log.
//
// Invariants: limits are always finite (no "0 = unlimited"); a handler that throws is a bug,
// answered with 500 and logged with the request id, and the connection carries on.
// Thread safety: `stop()` may be called from any thread (and from a signal via `run`'s signal
// handling); everything else is called by the owning thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/router.hpp"

namespace bo::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
    unsigned threads = 0;       // io threads; 0 means one per core (a count, not a limit)
    // Handlers block on the database, so they run on a pool of their own: while one waits for
    // a commit, the io threads keep reading and writing sockets, and enough transactions are
    // in flight at once for the database to share one durable commit among them (SQLite group
    // commit, PostgreSQL's WAL flush). 64 matches the concurrency the benchmarks aim at.
    unsigned handler_threads = 64;
    std::size_t header_bytes_max = 16 * 1024;
    std::size_t body_bytes_max = 1024 * 1024;
    std::chrono::milliseconds idle_timeout{10'000};   // waiting for (the rest of) a header
    std::chrono::milliseconds body_timeout{30'000};   // reading a body
    std::chrono::milliseconds drain_timeout{10'000};  // in-flight requests at shutdown
    bool handle_signals = true;                       // stop gracefully on SIGINT and SIGTERM
};

// Parses `bytes` as one HTTP/1.1 request under the same limits as the server, and answers what
// the server would (a 4xx problem for a malformed or oversized request, else the route's
// response). No socket: this is the seam the fuzzer and the protocol tests drive.
Response handle_raw_request(const Router& router,
                            std::string_view bytes,
                            const ServerOptions& options);

class Server {
public:
    // Binds and listens. Errors: invalid_argument for a host that does not resolve,
    // unavailable when the address is in use or not permitted. The router must outlive the
    // server.
    static core::Result<std::unique_ptr<Server>> create(ServerOptions options,
                                                        const Router& router);

    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // The port actually bound (useful with port 0).
    std::uint16_t port() const noexcept;

    // Serves until stop() or a signal, then drains in-flight requests (bounded by
    // drain_timeout) and returns.
    void run();

    // Stops accepting and begins the drain. Safe from any thread, idempotent.
    void stop();

    struct State;  // defined in server.cpp; named here only so its helpers can take it

private:
    explicit Server(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace bo::http
