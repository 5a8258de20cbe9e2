// The HTTP layer against hostile and clumsy clients: real sockets on 127.0.0.1:0 for limits
// and timeouts, and the socket-free codec for malformed requests.
//
// Method: a Server with short, explicit limits runs in a thread; raw requests are written to
// it with tests/support/process.hpp's http_exchange, or fed to handle_raw_request. Every
// answer must be a clean 4xx problem+json, and the server must keep serving afterwards.
#include "http/server.hpp"

#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "http/codec.hpp"
#include "platform/api/json.hpp"

#include "support/process.hpp"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bo::testing {
namespace {

http::Response echo_body(const http::RouteContext& context) {
    auto body = platform::api::parse_json_body(context.request);
    if (!body.ok()) {
        return http::Response::json(400, "{}");
    }
    platform::api::BodyReader reader(*body);
    std::string name = reader.required_string("name", 200);
    auto finished = reader.finish();
    if (!finished.ok()) {
        return http::Response::json(400, "{}");
    }
    return http::Response::json(200, boost::json::serialize(boost::json::object{{"name", name}}));
}

http::Router test_router() {
    http::Router router;
    router.add({http::Method::post, "/echo", http::Access::public_route, "", echo_body});
    router.add({http::Method::get,
                "/items/{id}",
                http::Access::public_route,
                "",
                [](const http::RouteContext& context) {
                    return http::Response::json(200,
                                                "{\"id\":\"" + context.params.at("id") + "\"}");
                }});
    return router;
}

class ServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        options_.host = "127.0.0.1";
        options_.port = 0;
        options_.threads = 2;
        options_.header_bytes_max = 4096;
        options_.body_bytes_max = 64 * 1024;
        options_.idle_timeout = std::chrono::milliseconds(300);
        options_.body_timeout = std::chrono::milliseconds(300);
        options_.handle_signals = false;
        auto created = http::Server::create(options_, router_);
        ASSERT_TRUE(created.ok()) << created.error().message();
        server_ = std::move(created).value();
        thread_ = std::thread([this] { server_->run(); });
    }

    void TearDown() override {
        if (server_) {
            server_->stop();
        }
        if (thread_.joinable()) {
            thread_.join();
        }
    }

    std::uint16_t port() const { return server_->port(); }

    http::ServerOptions options_;
    http::Router router_ = test_router();
    std::unique_ptr<http::Server> server_;
    std::thread thread_;
};

std::string post(const std::string& body, const std::string& type = "application/json") {
    return "POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + type
           + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    std::string two =
        "GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /items/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);  // NOLINT
    ASSERT_EQ(send(fd, two.data(), two.size(), 0), static_cast<ssize_t>(two.size()));
    std::string received;
    std::array<char, 4096> buffer{};
    ssize_t n = 0;
    while ((n = recv(fd, buffer.data(), buffer.size(), 0)) > 0) {
        received.append(buffer.data(), static_cast<std::size_t>(n));
    }
    close(fd);
    EXPECT_NE(received.find("{\"id\":\"1\"}"), std::string::npos) << received;
    EXPECT_NE(received.find("{\"id\":\"2\"}"), std::string::npos) << received;
}

TEST_F(ServerTest, OversizedBodyIs413AndServerCarriesOn) {
    std::string ten_megabytes(10 * 1024 * 1024, 'x');
    auto reply = http_exchange(port(), post("{\"name\":\"" + ten_megabytes + "\"}"));
    EXPECT_EQ(reply.status, 413);
    EXPECT_NE(reply.headers.find("application/problem+json"), std::string::npos);
    EXPECT_EQ(http_exchange(port(), post("{\"name\":\"ok\"}")).status, 200);
}

TEST_F(ServerTest, OversizedHeaderIs431) {
    std::string request = "GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8000, 'a')
                          + "\r\nConnection: close\r\n\r\n";
    EXPECT_EQ(http_exchange(port(), request).status, 431);
}

TEST_F(ServerTest, SlowClientIsDisconnectedAfterTheIdleTimeout) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);  // NOLINT
    std::string partial = "GET /items/1 HTTP/1.1\r\nHo";
    ASSERT_GT(send(fd, partial.data(), partial.size(), 0), 0);
    // The server must close the connection by itself, well before this poll gives up.
    pollfd p{fd, POLLIN, 0};
    ASSERT_EQ(poll(&p, 1, 5000), 1);
    std::array<char, 64> buffer{};
    EXPECT_EQ(recv(fd, buffer.data(), buffer.size(), 0), 0) << "expected the server to hang up";
    close(fd);
    EXPECT_EQ(http_get(port(), "/items/7").status, 200);
}

TEST_F(ServerTest, TruncatedBodyGetsNoHandlerCall) {
    // Content-Length promises more than arrives; the client then goes quiet.
    auto reply = http_exchange(port(),
                               "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: "
                               "application/json\r\nContent-Length: 100\r\n\r\n{\"name\":");
    EXPECT_NE(reply.status, 200);
}

TEST_F(ServerTest, GarbageIsABadRequest) {
    EXPECT_EQ(http_exchange(port(), "\x16\x03\x01 this is not HTTP\r\n\r\n").status, 400);
    EXPECT_EQ(http_get(port(), "/items/1").status, 200);
}

// Socket-free cases through the same codec the server uses.
class CodecTest : public ::testing::Test {
protected:
    http::Response raw(const std::string& bytes) {
        return http::handle_raw_request(router_, bytes, http::RequestLimits{4096, 64 * 1024});
    }

    http::Router router_ = test_router();
};

TEST_F(CodecTest, MalformedJsonWrongTypesAndUnknownFieldsAre400) {
    const std::vector<std::string> bodies{"{\"name\":",
                                          "[1,2]",
                                          "{\"name\":42}",
                                          "{\"name\":\"a\",\"x\":1}",
                                          "{\"name\":\"\"}",
                                          "nul",
                                          std::string(40, '[')};
    for (const auto& body : bodies) {
        EXPECT_EQ(raw(post(body)).status, 400U) << body;
    }
    EXPECT_EQ(raw(post("{\"name\":\"a\"}", "text/plain")).status, 400U);
    EXPECT_EQ(raw(post("{\"name\":\"Zoë\"}")).status, 200U);
}

TEST_F(CodecTest, InjectionStringsComeBackVerbatimAndEscaped) {
    std::string hostile = "Robert'); DROP TABLE users;-- <script>alert(1)</script> \\\" \\u00e9";
    auto response = raw(post("{\"name\":\"" + hostile + "\"}"));
    ASSERT_EQ(response.status, 200U) << response.body;
    auto echoed = boost::json::parse(response.body).at("name").as_string();
    EXPECT_EQ(std::string(echoed),
              "Robert'); DROP TABLE users;-- <script>alert(1)</script> \" \u00e9");
}

TEST_F(CodecTest, ControlCharactersInTextAreRefused) {
    // NUL cannot be stored in PostgreSQL text and no field of ours holds C0 controls.
    EXPECT_EQ(raw(post("{\"name\":\"a\\u0000b\"}")).status, 400U);
    EXPECT_EQ(raw(post("{\"name\":\"a\\u001bb\"}")).status, 400U);
}

TEST_F(CodecTest, PathsThatSmuggleSeparatorsAreRefused) {
    EXPECT_EQ(raw("GET /items/a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n").status, 400U);
    EXPECT_EQ(raw("GET /items/a%00 HTTP/1.1\r\nHost: x\r\n\r\n").status, 400U);
    EXPECT_EQ(raw("GET /items/%zz HTTP/1.1\r\nHost: x\r\n\r\n").status, 400U);
    EXPECT_EQ(raw("GET /items/caf%C3%A9 HTTP/1.1\r\nHost: x\r\n\r\n").status, 200U);
    EXPECT_EQ(raw("DELETE /items/1 HTTP/1.1\r\nHost: x\r\n\r\n").status, 405U);
    EXPECT_EQ(raw("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n").status, 404U);
}

TEST_F(CodecTest, TruncatedRequestIsIncomplete) {
    EXPECT_EQ(raw("GET /items/1 HTTP/1.1\r\nHost").status, 400U);
    EXPECT_EQ(raw(post("{\"name\":\"a\"}").substr(0, 80)).status, 400U);
}

}  // namespace
}  // namespace bo::testing
