// The web app's file server: the right file with the right headers, the SPA fallback, the API's
// paths left alone, and no way out of the web root.
//
// Method: a web root is written to a fresh temporary directory, with a secret file beside it
// and a symlink inside it pointing at the secret. A router holds an API route, /healthz and then
// the static routes, as `backoffice serve` builds it; raw HTTP requests go through
// handle_raw_request (the server's own parser and percent-decoding, no socket).
#include "http/static_files.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "http/codec.hpp"

#include "support/databases.hpp"

namespace bo::testing {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view secret = "TOP-SECRET-OUTSIDE-THE-ROOT";
constexpr std::string_view index_html = "<!doctype html><title>app</title>";

void write(const fs::path& path, std::string_view text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

std::string_view header(const http::Response& response, std::string_view name) {
    for (const auto& h : response.headers) {
        if (http::iequals(h.name, name)) {
            return h.value;
        }
    }
    return {};
}

class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        base_ = make_temp_directory();
        root_ = base_ / "web";
        write(root_ / "index.html", index_html);
        write(root_ / "assets" / "index-abc123.js", "console.log(1)");
        write(root_ / "assets" / "index-abc123.css", "body{}");
        write(root_ / "favicon.svg", "<svg/>");
        write(base_ / "secret.txt", secret);
        fs::create_symlink(base_ / "secret.txt", root_ / "link.txt");
        fs::create_directory_symlink(base_, root_ / "up");
        auto files = http::StaticFiles::load(root_);
        ASSERT_TRUE(files.ok()) << files.error().message();
        files_ = *files;
        router_.add({http::Method::get,
                     "/api/v1/thing",
                     http::Access::public_route,
                     "",
                     [](const http::RouteContext&) {
                         return http::Response::json(200, "{\"api\":1}");
                     }});
        router_.add({http::Method::get,
                     "/healthz",
                     http::Access::public_route,
                     "",
                     [](const http::RouteContext&) {
                         return http::Response::json(200, "{}");
                     }});
        http::add_static_routes(router_, files_);
    }

    void TearDown() override { fs::remove_all(base_); }

    http::Response get(std::string_view target, std::string_view extra_headers = "") {
        const std::string request = "GET " + std::string(target) + " HTTP/1.1\r\nHost: x\r\n"
                                    + std::string(extra_headers) + "\r\n";
        return http::handle_raw_request(router_, request, http::RequestLimits{4096, 64 * 1024});
    }

    fs::path base_;
    fs::path root_;
    std::shared_ptr<const http::StaticFiles> files_;
    http::Router router_;
};

TEST_F(StaticFilesTest, IndexIsHtmlWithSecurityHeadersAndRevalidated) {
    const auto response = get("/");
    EXPECT_EQ(response.status, 200U);
    EXPECT_EQ(response.body, index_html);
    EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(header(response, "Cache-Control"), "no-cache");
    EXPECT_NE(header(response, "Content-Security-Policy").find("default-src 'self'"),
              std::string_view::npos);
    EXPECT_NE(header(response, "Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string_view::npos);
    EXPECT_EQ(header(response, "Referrer-Policy"), "same-origin");
    EXPECT_EQ(header(response, "ETag").front(), '"');
    EXPECT_EQ(get("/index.html").body, index_html);
}

TEST_F(StaticFilesTest, HashedAssetsAreCachedForAYearWithTheirType) {
    const auto script = get("/assets/index-abc123.js");
    EXPECT_EQ(script.status, 200U);
    EXPECT_EQ(script.body, "console.log(1)");
    EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(header(script, "Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_TRUE(header(script, "Content-Security-Policy").empty());
    EXPECT_EQ(get("/assets/index-abc123.css").content_type, "text/css; charset=utf-8");
    EXPECT_EQ(get("/favicon.svg").content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, AppPathsFallBackToIndexButMissingFilesDoNot) {
    for (std::string_view path : {"/ledger/accounts", "/ledger/journal/17", "/a/b/c/d/e/f/g/h"}) {
        const auto response = get(path);
        EXPECT_EQ(response.status, 200U) << path;
        EXPECT_EQ(response.body, index_html) << path;
    }
    EXPECT_EQ(get("/assets/index-gone.js").status, 404U);
    EXPECT_EQ(get("/assets/chunk").status, 404U);
    EXPECT_EQ(get("/robots.txt").status, 404U);
    EXPECT_EQ(get("/a/b/c/d/e/f/g/h/i").status, 404U);  // deeper than any screen
}

TEST_F(StaticFilesTest, TheApiKeepsItsPathsAndUnknownApiPathsAreProblems) {
    EXPECT_EQ(get("/api/v1/thing").body, "{\"api\":1}");
    EXPECT_EQ(get("/healthz").body, "{}");
    for (std::string_view path : {"/api", "/api/v1/nothing", "/api/v1/ledger/nothing/here"}) {
        const auto response = get(path);
        EXPECT_EQ(response.status, 404U) << path;
        EXPECT_EQ(response.content_type, "application/problem+json") << path;
    }
}

TEST_F(StaticFilesTest, NoPathLeavesTheWebRoot) {
    for (std::string_view target : {"/../secret.txt",
                                    "/assets/../../secret.txt",
                                    "/%2e%2e/secret.txt",
                                    "/%2E%2E/%2e%2e/secret.txt",
                                    "/assets/%2e%2e/%2e%2e/secret.txt",
                                    "/./index.html",
                                    "/%2e%2e%2fsecret.txt",
                                    "/..%5csecret.txt",
                                    "/index.html%00.js",
                                    "/%00",
                                    "//secret.txt",
                                    "/link.txt",
                                    "/up/secret.txt",
                                    "/up/web/index.html",
                                    "http://x/../secret.txt"}) {
        const auto response = get(target);
        EXPECT_GE(response.status, 400U) << target;
        EXPECT_LT(response.status, 500U) << target;
        EXPECT_EQ(response.body.find(secret), std::string::npos) << target;
    }
    // An absolute file-system path is just an app path: it answers the app, never the file.
    const auto absolute = get("/etc/passwd");
    EXPECT_EQ(absolute.body, index_html);
    EXPECT_EQ(files_->find("link.txt"), nullptr);
    EXPECT_EQ(files_->file_count(), 4U);
}

TEST_F(StaticFilesTest, IfNoneMatchAnswersNotModified) {
    const std::string etag(header(get("/assets/index-abc123.js"), "ETag"));
    const auto same = get("/assets/index-abc123.js", "If-None-Match: " + etag + "\r\n");
    EXPECT_EQ(same.status, 304U);
    EXPECT_TRUE(same.body.empty());
    EXPECT_EQ(header(same, "ETag"), etag);
    EXPECT_EQ(get("/assets/index-abc123.js", "If-None-Match: \"x\", W/" + etag + "\r\n").status,
              304U);
    EXPECT_EQ(get("/assets/index-abc123.js", "If-None-Match: \"other\"\r\n").status, 200U);
    EXPECT_EQ(get("/", "If-None-Match: " + etag + "\r\n").status, 200U);  // another file's tag
}

TEST(StaticFilesLoad, RefusesAMissingRootAndARootWithoutIndex) {
    const fs::path base = make_temp_directory();
    auto missing = http::StaticFiles::load(base / "nope");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), core::ErrorCode::not_found);
    write(base / "web" / "app.js", "x");
    auto no_index = http::StaticFiles::load(base / "web");
    ASSERT_FALSE(no_index.ok());
    EXPECT_EQ(no_index.error().code(), core::ErrorCode::not_found);
    fs::remove_all(base);
}

TEST(StaticFilesLoad, FileCountLimitHoldsAtTheLimitAndRefusesOneMore) {
    const fs::path base = make_temp_directory();
    write(base / "index.html", index_html);
    for (std::size_t i = 1; i < http::static_files_max; ++i) {
        write(base / "assets" / ("f" + std::to_string(i) + ".js"), "1");
    }
    auto at_limit = http::StaticFiles::load(base);
    ASSERT_TRUE(at_limit.ok()) << at_limit.error().message();
    EXPECT_EQ((*at_limit)->file_count(), http::static_files_max);
    write(base / "one-more.js", "1");
    auto over = http::StaticFiles::load(base);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code(), core::ErrorCode::limit_exceeded);
    fs::remove_all(base);
}

}  // namespace
}  // namespace bo::testing
