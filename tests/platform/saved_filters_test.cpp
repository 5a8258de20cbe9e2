// Goal: saved filters belong to their user, validate their fields, and audit every change.
// Method: a fresh migrated database per backend; two users of one company; service calls in
// transactions; the audit trail is read back with SQL.
#include <gtest/gtest.h>

#include "platform/auth/service.hpp"
#include "platform/saved_filters/service.hpp"
#include "platform/storage_fixture.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::testing {
namespace {

using platform::saved_filters::NewSavedFilter;
using platform::saved_filters::SavedFilterId;

class SavedFilters : public StorageTest {
protected:
    void SetUp() override {
        StorageTest::SetUp();
        if (IsSkipped() || HasFailure()) {
            return;
        }
        auto company = in_txn([&](store::Txn& txn) {
            return platform::tenancy::create_company(
                txn, clock(), platform::tenancy::NewCompany{"ACME", "Acme Ltd", "USD", "UTC"});
        });
        ASSERT_TRUE(company.ok()) << company.error().message();
        for (auto* actor : {&alice_, &bob_}) {
            std::string name = actor == &alice_ ? "alice" : "bob";
            auto user = in_txn([&](store::Txn& txn) {
                return platform::auth::create_user(
                    txn, clock(), company->id,
                    platform::auth::NewUser{name, name, "", "correct horse battery", {"employee"}});
            });
            ASSERT_TRUE(user.ok()) << user.error().message();
            *actor = platform::Actor{company->id, user->id, name, "req-1", "127.0.0.1"};
        }
    }

    platform::Actor alice_;
    platform::Actor bob_;
};

TEST_P(SavedFilters, CreateListDeleteIsPerUserAndAudited) {
    const std::string hostile = "name'); DROP TABLE saved_filters;-- <script>x</script>";
    auto created = in_txn([&](store::Txn& txn) {
        return platform::saved_filters::create_saved_filter(
            txn, clock(), alice_, NewSavedFilter{"customers", hostile, "status=on_hold"});
    });
    ASSERT_TRUE(created.ok()) << created.error().message();
    EXPECT_EQ(created->name, hostile);

    auto mine = in_txn([&](store::Txn& txn) {
        return platform::saved_filters::list_saved_filters(txn, alice_, "customers",
                                                           SavedFilterId(0), 50);
    });
    ASSERT_TRUE(mine.ok());
    ASSERT_EQ(mine->size(), 1U);
    EXPECT_EQ(mine->front().name, hostile);
    auto theirs = in_txn([&](store::Txn& txn) {
        return platform::saved_filters::list_saved_filters(txn, bob_, "customers",
                                                           SavedFilterId(0), 50);
    });
    ASSERT_TRUE(theirs.ok());
    EXPECT_TRUE(theirs->empty());

    auto bob_deletes = in_txn([&](store::Txn& txn) -> core::Result<int> {
        BO_TRY(platform::saved_filters::delete_saved_filter(txn, clock(), bob_, created->id));
        return 0;
    });
    ASSERT_FALSE(bob_deletes.ok());
    EXPECT_EQ(bob_deletes.error().code(), core::ErrorCode::not_found);
    auto alice_deletes = in_txn([&](store::Txn& txn) -> core::Result<int> {
        BO_TRY(platform::saved_filters::delete_saved_filter(txn, clock(), alice_, created->id));
        return 0;
    });
    ASSERT_TRUE(alice_deletes.ok()) << alice_deletes.error().message();

    auto actions = in_txn([&](store::Txn& txn) -> core::Result<std::vector<std::string>> {
        BO_TRY_ASSIGN(auto rows, txn.query("SELECT action FROM audit_events WHERE entity_type = "
                                           "'saved_filter' ORDER BY seq",
                                           {}));
        std::vector<std::string> out;
        for (const auto& row : rows) {
            out.push_back(row.text(0));
        }
        return out;
    });
    ASSERT_TRUE(actions.ok()) << actions.error().message();
    EXPECT_EQ(*actions, (std::vector<std::string>{"saved_filter.create", "saved_filter.delete"}));
}

TEST_P(SavedFilters, InvalidInputWritesNothing) {
    auto bad = in_txn([&](store::Txn& txn) {
        return platform::saved_filters::create_saved_filter(
            txn, clock(), alice_, NewSavedFilter{"Not A Resource!", "", std::string(3000, 'q')});
    });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(bad.error().fields().size(), 3U);
    auto count = in_txn([&](store::Txn& txn) -> core::Result<std::int64_t> {
        BO_TRY_ASSIGN(auto row, txn.query_one("SELECT count(*) FROM saved_filters", {}));
        return row.i64(0);
    });
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, 0);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(SavedFilters);

}  // namespace
}  // namespace bo::testing
