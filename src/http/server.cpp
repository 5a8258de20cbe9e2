#include "http/server.hpp"

#include <atomic>
#include <exception>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <sodium.h>

#include "core/log.hpp"
#include "http/codec.hpp"
#include "http/problem.hpp"

namespace bo::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

struct Server::State {
    ServerOptions options;
    const Router* router = nullptr;
    asio::io_context io;
    std::unique_ptr<asio::thread_pool> handlers;  // created by run(), joined before it returns
    tcp::acceptor acceptor{io};
    asio::signal_set signals{io};
    std::atomic<bool> stopping{false};
    std::atomic<int> requests_in_flight{0};
    std::atomic<std::uint64_t> request_counter{0};
    std::string request_id_prefix;
};

namespace {

bool is_safe_request_id(std::string_view id) {
    constexpr std::size_t request_id_bytes_max = 64;
    if (id.empty() || id.size() > request_id_bytes_max) {
        return false;
    }
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                  || c == '-' || c == '_' || c == '.';
        if (!ok) {
            return false;
        }
    }
    return true;
}

bhttp::response<bhttp::string_body> to_message(Response response,
                                               unsigned version,
                                               bool keep_alive,
                                               const std::string& request_id) {
    bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(response.status),
                                                version};
    message.set(bhttp::field::server, "backoffice");
    message.set(bhttp::field::content_type, response.content_type);
    message.set("X-Request-Id", request_id);
    message.set("X-Content-Type-Options", "nosniff");
    for (auto& header : response.headers) {
        message.insert(header.name, header.value);
    }
    message.body() = std::move(response.body);
    message.keep_alive(keep_alive);
    message.prepare_payload();
    return message;
}

std::string new_request_id(Server::State& state) {
    return state.request_id_prefix + "-" + std::to_string(++state.request_counter);
}

asio::awaitable<void> serve_connection(Server::State& state, beast::tcp_stream stream) {
    beast::flat_buffer buffer;
    std::string remote;
    beast::error_code ignored;
    auto endpoint = stream.socket().remote_endpoint(ignored);
    remote = endpoint.address().to_string(ignored);
    const auto& options = state.options;
    while (!state.stopping.load()) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(options.header_bytes_max));
        parser.body_limit(options.body_bytes_max);
        beast::error_code error;
        stream.expires_after(options.idle_timeout);
        co_await bhttp::async_read_header(
            stream, buffer, parser, asio::redirect_error(asio::use_awaitable, error));
        if (!error) {
            stream.expires_after(options.body_timeout);
            co_await bhttp::async_read(
                stream, buffer, parser, asio::redirect_error(asio::use_awaitable, error));
        }
        if (error == bhttp::error::end_of_stream || error == beast::error::timeout
            || error == asio::error::operation_aborted || error == asio::error::eof
            || error == asio::error::connection_reset) {
            break;
        }
        std::string request_id = new_request_id(state);
        bool keep_alive = false;
        unsigned version = 11;
        Response response;
        auto started = std::chrono::steady_clock::now();
        Request request;
        if (error) {
            response = problem(status_for_read_error(error), error.message());
        } else {
            ++state.requests_in_flight;
            const auto& message = parser.get();
            keep_alive = message.keep_alive() && !state.stopping.load();
            version = message.version();
            request = to_request(message, remote);
            if (is_safe_request_id(request.header("X-Request-Id"))) {
                request_id = std::string(request.header("X-Request-Id"));
            }
            request.request_id = request_id;
            // Hop to the handler pool for the blocking work, then back to this connection's
            // strand for the socket.
            co_await asio::post(state.handlers->get_executor(), asio::use_awaitable);
            response = dispatch(*state.router, request);
            co_await asio::post(stream.get_executor(), asio::use_awaitable);
            --state.requests_in_flight;
        }
        unsigned status = response.status;
        auto message = to_message(std::move(response), version, keep_alive, request_id);
        if (request.method == Method::head) {
            message.body().clear();
        }
        stream.expires_after(options.body_timeout);
        co_await bhttp::async_write(
            stream, message, asio::redirect_error(asio::use_awaitable, error));
        auto elapsed_us = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::steady_clock::now() - started)
                              .count();
        core::log_event(core::LogLevel::info,
                        "access",
                        {{"request_id", request_id},
                         {"remote", remote},
                         {"method", to_string(request.method)},
                         {"path", request.path},
                         {"status", std::int64_t{status}},
                         {"duration_us", std::int64_t{elapsed_us}}});
        if (error || !keep_alive) {
            break;
        }
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> accept_loop(Server::State& state) {
    while (!state.stopping.load()) {
        beast::error_code error;
        tcp::socket socket = co_await state.acceptor.async_accept(
            asio::make_strand(state.io), asio::redirect_error(asio::use_awaitable, error));
        if (error) {
            if (state.stopping.load() || error == asio::error::operation_aborted) {
                co_return;
            }
            core::log_event(core::LogLevel::warn, "accept failed", {{"error", error.message()}});
            continue;
        }
        auto executor = socket.get_executor();
        asio::co_spawn(executor,
                       serve_connection(state, beast::tcp_stream(std::move(socket))),
                       [](const std::exception_ptr& failure) {
                           if (failure) {
                               try {
                                   std::rethrow_exception(failure);
                               } catch (const std::exception& e) {
                                   core::log_event(core::LogLevel::error,
                                                   "connection failed",
                                                   {{"what", e.what()}});
                               }
                           }
                       });
    }
}

}  // namespace

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() = default;

core::Result<std::unique_ptr<Server>> Server::create(ServerOptions options, const Router& router) {
    auto state = std::make_unique<State>();
    state->options = std::move(options);
    state->router = &router;
    std::array<unsigned char, 4> random_bytes{};
    randombytes_buf(random_bytes.data(), random_bytes.size());
    for (unsigned char byte : random_bytes) {
        constexpr std::string_view digits = "0123456789abcdef";
        state->request_id_prefix.push_back(digits[byte >> 4U]);
        state->request_id_prefix.push_back(digits[byte & 0x0FU]);
    }
    beast::error_code error;
    tcp::resolver resolver(state->io);
    auto endpoints = resolver.resolve(
        state->options.host, std::to_string(state->options.port), tcp::resolver::passive, error);
    if (error || endpoints.empty()) {
        return core::Error(core::ErrorCode::invalid_argument,
                           "cannot resolve listen host '" + state->options.host + "'");
    }
    tcp::endpoint endpoint = endpoints.begin()->endpoint();
    auto& acceptor = state->acceptor;
    if (acceptor.open(endpoint.protocol(), error); !error) {
        acceptor.set_option(asio::socket_base::reuse_address(true), error);
        acceptor.bind(endpoint, error);
    }
    if (!error) {
        acceptor.listen(asio::socket_base::max_listen_connections, error);
    }
    if (error) {
        return core::Error(core::ErrorCode::unavailable,
                           "cannot listen on " + state->options.host + ":"
                               + std::to_string(state->options.port) + ": " + error.message());
    }
    return std::unique_ptr<Server>(new Server(std::move(state)));
}

std::uint16_t Server::port() const noexcept {
    beast::error_code error;
    return state_->acceptor.local_endpoint(error).port();
}

void Server::stop() {
    if (state_->stopping.exchange(true)) {
        return;
    }
    asio::post(state_->io, [state = state_.get()] {
        beast::error_code ignored;
        state->acceptor.close(ignored);
        state->signals.cancel(ignored);
        // Let in-flight requests finish, bounded by the drain timeout, then stop the loop.
        auto deadline = std::chrono::steady_clock::now() + state->options.drain_timeout;
        auto timer = std::make_shared<asio::steady_timer>(state->io);
        auto poll = std::make_shared<std::function<void()>>();
        *poll = [state, timer, deadline, poll] {
            if (state->requests_in_flight.load() == 0
                || std::chrono::steady_clock::now() >= deadline) {
                state->io.stop();
                *poll = nullptr;  // break the self-reference
                return;
            }
            constexpr std::chrono::milliseconds drain_poll_interval{10};
            timer->expires_after(drain_poll_interval);
            timer->async_wait([poll](const beast::error_code&) {
                if (*poll) {
                    (*poll)();
                }
            });
        };
        (*poll)();
    });
}

void Server::run() {
    auto& state = *state_;
    if (state.options.handle_signals) {
        state.signals.add(SIGINT);
        state.signals.add(SIGTERM);
        state.signals.async_wait([this](const beast::error_code& error, int signal_number) {
            if (!error) {
                core::log_event(core::LogLevel::info,
                                "received signal; draining",
                                {{"signal", std::int64_t{signal_number}}});
                stop();
            }
        });
    }
    state.handlers =
        std::make_unique<asio::thread_pool>(std::max(1U, state.options.handler_threads));
    asio::co_spawn(state.io, accept_loop(state), asio::detached);
    unsigned threads = state.options.threads;
    if (threads == 0) {
        threads = std::max(1U, std::thread::hardware_concurrency());
    }
    std::vector<std::jthread> workers;
    for (unsigned i = 1; i < threads; ++i) {
        workers.emplace_back([&state] { state.io.run(); });
    }
    state.io.run();
    workers.clear();         // joins the io threads
    state.handlers->join();  // handlers still running finish before the state goes away
}

}  // namespace bo::http
