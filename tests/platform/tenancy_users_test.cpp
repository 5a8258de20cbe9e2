// Goal: companies and users can be created, found and listed on both backends; duplicates are
// conflicts naming the field; bad input is invalid_argument and writes nothing.
// Method: each test runs once per backend on a fresh migrated database (StorageTest).
#include <gtest/gtest.h>

#include "core/limits.hpp"
#include "platform/auth/service.hpp"
#include "platform/storage_fixture.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::platform {
namespace {

using testing::only_field;

tenancy::NewCompany acme() {
    return {.code = "ACME",
            .name = "Acme Ünïcode Ltd",
            .functional_currency = "EUR",
            .time_zone = "Europe/Berlin"};
}

class Tenancy : public testing::StorageTest {};

TEST_P(Tenancy, CreateFindList) {
    const auto created =
        in_txn([&](store::Txn& txn) { return tenancy::create_company(txn, clock(), acme()); });
    ASSERT_TRUE(created.ok()) << created.error().message();
    EXPECT_GT(created->id.value(), 0);
    EXPECT_EQ(created->created_at.unix_micros(), testing::fixed_clock_us);

    const auto found = in_txn([&](store::Txn& txn) { return tenancy::find_company(txn, "ACME"); });
    ASSERT_TRUE(found.ok()) << found.error().message();
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->id, created->id);
    EXPECT_EQ((*found)->name, "Acme Ünïcode Ltd");
    EXPECT_EQ((*found)->functional_currency.code(), "EUR");
    EXPECT_EQ((*found)->time_zone, "Europe/Berlin");
    EXPECT_EQ((*found)->created_at.unix_micros(), testing::fixed_clock_us);

    const auto missing =
        in_txn([&](store::Txn& txn) { return tenancy::find_company(txn, "NOPE"); });
    ASSERT_TRUE(missing.ok());
    EXPECT_FALSE(missing->has_value());

    const auto second = in_txn([&](store::Txn& txn) {
        return tenancy::create_company(
            txn,
            clock(),
            {.code = "BETA", .name = "Beta", .functional_currency = "USD", .time_zone = "UTC"});
    });
    ASSERT_TRUE(second.ok()) << second.error().message();
    const auto page = in_txn([&](store::Txn& txn) { return tenancy::list_companies(txn, {}, 10); });
    ASSERT_TRUE(page.ok()) << page.error().message();
    ASSERT_EQ(page->size(), 2U);
    EXPECT_EQ((*page)[0].code, "ACME");
    EXPECT_EQ((*page)[1].code, "BETA");
    const auto rest =
        in_txn([&](store::Txn& txn) { return tenancy::list_companies(txn, (*page)[0].id, 10); });
    ASSERT_TRUE(rest.ok());
    ASSERT_EQ(rest->size(), 1U);
    EXPECT_EQ((*rest)[0].code, "BETA");
}

TEST_P(Tenancy, DuplicateCodeIsConflictOnCode) {
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return tenancy::create_company(txn, clock(), acme());
                }).ok());
    const auto again =
        in_txn([&](store::Txn& txn) { return tenancy::create_company(txn, clock(), acme()); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code(), core::ErrorCode::conflict);
    EXPECT_EQ(only_field(again.error()), "code");
}

TEST_P(Tenancy, InvalidInputWritesNothing) {
    tenancy::NewCompany bad = acme();
    bad.name = "  ";
    bad.functional_currency = "EURO";
    bad.time_zone = "Not a zone!";
    const auto refused =
        in_txn([&](store::Txn& txn) { return tenancy::create_company(txn, clock(), bad); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::invalid_argument);
    ASSERT_EQ(refused.error().fields().size(), 3U);
    EXPECT_EQ(refused.error().fields()[0].field, "name");
    EXPECT_EQ(refused.error().fields()[1].field, "functional_currency");
    EXPECT_EQ(refused.error().fields()[2].field, "time_zone");

    tenancy::NewCompany lower = acme();
    lower.code = "acme";
    const auto refused_code =
        in_txn([&](store::Txn& txn) { return tenancy::create_company(txn, clock(), lower); });
    ASSERT_FALSE(refused_code.ok());
    EXPECT_EQ(only_field(refused_code.error()), "code");

    const auto page = in_txn([&](store::Txn& txn) { return tenancy::list_companies(txn, {}, 10); });
    ASSERT_TRUE(page.ok());
    EXPECT_TRUE(page->empty());
}

TEST_P(Tenancy, PageLimitIsBounded) {
    const auto zero = in_txn([&](store::Txn& txn) { return tenancy::list_companies(txn, {}, 0); });
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().code(), core::ErrorCode::invalid_argument);
    const auto at_max = in_txn([&](store::Txn& txn) {
        return tenancy::list_companies(txn, {}, static_cast<std::int64_t>(core::page_size_max));
    });
    EXPECT_TRUE(at_max.ok());
    const auto over = in_txn([&](store::Txn& txn) {
        return tenancy::list_companies(txn, {}, static_cast<std::int64_t>(core::page_size_max) + 1);
    });
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code(), core::ErrorCode::limit_exceeded);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Tenancy);

class Users : public testing::StorageTest {
protected:
    void SetUp() override {
        StorageTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const auto company =
            in_txn([&](store::Txn& txn) { return tenancy::create_company(txn, clock(), acme()); });
        ASSERT_TRUE(company.ok()) << company.error().message();
        company_ = company->id;
    }

    auth::NewUser alice() const {
        return {.username = "alice",
                .display_name = "Alice Ångström",
                .email = "alice@acme.example",
                .password = "s3cret-Passphrase",
                .roles = {"ar_clerk", "admin", "ar_clerk"}};
    }

    tenancy::CompanyId company_;
};

TEST_P(Users, CreateFindListAndCheckPassword) {
    const auto created =
        in_txn([&](store::Txn& txn) { return auth::create_user(txn, clock(), company_, alice()); });
    ASSERT_TRUE(created.ok()) << created.error().message();
    EXPECT_EQ(created->status, auth::UserStatus::active);
    EXPECT_EQ(created->roles, (std::vector<std::string>{"admin", "ar_clerk"}));

    const auto found =
        in_txn([&](store::Txn& txn) { return auth::find_user(txn, company_, "alice"); });
    ASSERT_TRUE(found.ok()) << found.error().message();
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->id, created->id);
    EXPECT_EQ((*found)->display_name, "Alice Ångström");
    EXPECT_EQ((*found)->roles, (std::vector<std::string>{"admin", "ar_clerk"}));

    const auto right = in_txn([&](store::Txn& txn) {
        return auth::check_password(txn, company_, "alice", "s3cret-Passphrase");
    });
    ASSERT_TRUE(right.ok());
    EXPECT_TRUE(*right);
    const auto wrong = in_txn([&](store::Txn& txn) {
        return auth::check_password(txn, company_, "alice", "s3cret-passphrase");
    });
    ASSERT_TRUE(wrong.ok());
    EXPECT_FALSE(*wrong);
    const auto nobody = in_txn([&](store::Txn& txn) {
        return auth::check_password(txn, company_, "bob", "s3cret-Passphrase");
    });
    ASSERT_TRUE(nobody.ok());
    EXPECT_FALSE(*nobody);

    auth::NewUser bob = alice();
    bob.username = "bob";
    bob.roles = {};
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return auth::create_user(txn, clock(), company_, bob);
                }).ok());
    const auto page =
        in_txn([&](store::Txn& txn) { return auth::list_users(txn, company_, {}, 10); });
    ASSERT_TRUE(page.ok()) << page.error().message();
    ASSERT_EQ(page->size(), 2U);
    EXPECT_EQ((*page)[0].username, "alice");
    EXPECT_EQ((*page)[0].roles.size(), 2U);
    EXPECT_EQ((*page)[1].username, "bob");
    EXPECT_TRUE((*page)[1].roles.empty());
}

TEST_P(Users, DuplicateUsernameIsConflictOnUsername) {
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return auth::create_user(txn, clock(), company_, alice());
                }).ok());
    const auto again =
        in_txn([&](store::Txn& txn) { return auth::create_user(txn, clock(), company_, alice()); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code(), core::ErrorCode::conflict);
    EXPECT_EQ(only_field(again.error()), "username");
}

TEST_P(Users, InvalidInputWritesNothing) {
    auth::NewUser bad = alice();
    bad.username = "Alice Smith";
    bad.display_name = "";
    bad.email = "not-an-email";
    bad.password = "";
    bad.roles = {"admin", "Bad Role"};
    const auto refused =
        in_txn([&](store::Txn& txn) { return auth::create_user(txn, clock(), company_, bad); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::invalid_argument);
    std::vector<std::string> fields;
    for (const core::FieldError& field : refused.error().fields()) {
        fields.push_back(field.field);
    }
    EXPECT_EQ(
        fields,
        (std::vector<std::string>{"username", "display_name", "email", "password", "roles/1"}));
    const auto page =
        in_txn([&](store::Txn& txn) { return auth::list_users(txn, company_, {}, 10); });
    ASSERT_TRUE(page.ok());
    EXPECT_TRUE(page->empty());
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Users);

}  // namespace
}  // namespace bo::platform
