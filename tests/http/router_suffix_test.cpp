// The route table's parameters with a literal suffix ("/letters/{customer}.pdf"): the value
// binds without the suffix, a segment without it (or with nothing before it) does not match,
// and plain parameters are unchanged.
#include <gtest/gtest.h>

#include "http/router.hpp"

namespace bo::testing {
namespace {

http::Response answer(const http::RouteContext& /*context*/) {
    return http::Response::json(200, "{}");
}

TEST(RouterSuffix, BindsTheValueBeforeTheSuffixOnly) {
    http::Router router;
    router.add({http::Method::get, "/runs/{id}/letters/{customer}.pdf",
                http::Access::public_route, "", answer});
    router.add({http::Method::get, "/runs/{id}", http::Access::public_route, "", answer});

    const http::Router::Match letter = router.match(http::Method::get, "/runs/7/letters/42.pdf");
    ASSERT_NE(letter.route, nullptr);
    EXPECT_EQ(letter.params.at("id"), "7");
    EXPECT_EQ(letter.params.at("customer"), "42");

    EXPECT_EQ(router.match(http::Method::get, "/runs/7/letters/42").route, nullptr);
    EXPECT_EQ(router.match(http::Method::get, "/runs/7/letters/.pdf").route, nullptr);
    EXPECT_EQ(router.match(http::Method::get, "/runs/7/letters/42.pdfx").route, nullptr);
    EXPECT_TRUE(router.match(http::Method::post, "/runs/7/letters/42.pdf").path_exists);

    const http::Router::Match run = router.match(http::Method::get, "/runs/7.pdf");
    ASSERT_NE(run.route, nullptr);
    EXPECT_EQ(run.params.at("id"), "7.pdf");  // no suffix declared: the whole segment
}

}  // namespace
}  // namespace bo::testing
