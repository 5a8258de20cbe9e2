// Goal: the company's letterhead over HTTP on both backends: the demo's profile is readable,
// PUT replaces it (a field left out becomes empty), a bad field is a 400 naming it with
// nothing changed, and a clerk without `company.manage` is refused.
// Method: the seeded demo server of the fulfilment tests; requests through ApiClient.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "fulfilment_fixture.hpp"

namespace bo::testing {
namespace {

using boost::json::object;

class CompanyApi : public FulfilmentServer {
protected:
    void SetUp() override { start(); }
};

TEST_P(CompanyApi, TheLetterheadIsReadReplacedAndValidated) {
    if (admin_ == nullptr) {
        return;
    }
    const ApiReply demo = admin_->get("/api/v1/company");
    ASSERT_EQ(demo.status, 200) << demo.text;
    EXPECT_EQ(demo.string("code"), "DEMO");
    EXPECT_EQ(demo.string("city"), "New York");
    EXPECT_EQ(demo.string("tax_id"), "EIN 12-3456789");

    const ApiReply bad = admin_->put(
        "/api/v1/company", object{{"country", "USA"}, {"email", "nope"}, {"city", "Boston"}});
    ASSERT_EQ(bad.status, 400) << bad.text;
    const auto& errors = bad.body.at("errors").as_array();
    ASSERT_EQ(errors.size(), 2U) << bad.text;
    EXPECT_EQ(errors.at(0).at("field").as_string(), "country");
    EXPECT_EQ(errors.at(1).at("field").as_string(), "email");
    EXPECT_EQ(admin_->get("/api/v1/company").string("city"), "New York");

    const ApiReply moved = admin_->put(
        "/api/v1/company",
        object{{"legal_name", "Demo Trading Ltd"}, {"city", "Boston"}, {"country", "US"}});
    ASSERT_EQ(moved.status, 200) << moved.text;
    EXPECT_EQ(moved.string("city"), "Boston");
    EXPECT_EQ(moved.string("tax_id"), "");  // left out: replaced by empty
    EXPECT_EQ(admin_->get("/api/v1/company").string("city"), "Boston");

    const ApiReply clerk_made = admin_->post(
        "/api/v1/users",
        object{{"username", "clerk"}, {"display_name", "Clerk"}, {"password", "correct horse battery"},
               {"roles", boost::json::array{"order_clerk"}}});
    ASSERT_EQ(clerk_made.status, 201) << clerk_made.text;
    ApiClient clerk(server_->port());
    ASSERT_EQ(clerk.sign_in("DEMO", "clerk", "correct horse battery").status, 200);
    EXPECT_EQ(clerk.put("/api/v1/company", object{{"city", "Nowhere"}}).status, 403);
    EXPECT_EQ(admin_->get("/api/v1/company").string("city"), "Boston");
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         CompanyApi,
                         ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace bo::testing
