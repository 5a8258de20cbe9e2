// Goal: one user may not perform both actions of a segregation-of-duties rule on one document;
// the refusal names the rule; another user may; an override needs access.sod_override and a
// reason, and is written to the audit trail.
// Method: each storage test runs once per backend on a fresh migrated database (StorageTest),
// calling perform_duty as a service would, in the service's transaction.
#include <set>

#include <gtest/gtest.h>

#include "core/limits.hpp"
#include "platform/access/segregation.hpp"
#include "platform/audit/audit.hpp"
#include "platform/storage_fixture.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::platform {
namespace {

using access::Document;

constexpr std::string_view enter_bill = "payables.bill_enter";
constexpr std::string_view approve_payment = "payables.payment_approve";
constexpr std::string_view bill_rule = "ap.bill_enter_and_payment_approve";

class Segregation : public testing::StorageTest {
protected:
    void SetUp() override {
        StorageTest::SetUp();
        if (IsSkipped() || HasFailure()) {
            return;
        }
        auto created = in_txn([&](store::Txn& txn) {
            return tenancy::create_company(
                txn,
                clock(),
                {.code = "ACME", .name = "Acme", .functional_currency = "EUR", .time_zone = "UTC"});
        });
        ASSERT_TRUE(created.ok()) << created.error().message();
        company_ = created->id;
    }

    Caller caller(std::int64_t user, bool may_override = false) const {
        Caller who;
        who.actor = Actor{.company = company_,
                          .user = auth::UserId(user),
                          .username = "user" + std::to_string(user),
                          .request_id = "req",
                          .client_address = "192.0.2.1"};
        who.method = AuthMethod::session;
        who.permissions.add("payables.read");
        if (may_override) {
            who.permissions.add(access::sod_override_permission);
        }
        return who;
    }

    core::Result<void> perform(const Caller& who,
                               std::string_view action,
                               Document document,
                               std::optional<std::string> reason = std::nullopt) {
        return in_txn([&](store::Txn& txn) {
            return access::perform_duty(txn, clock(), who, action, document, reason);
        });
    }

    std::vector<audit::Event> overrides() {
        auto page = in_txn([&](store::Txn& txn) {
            return audit::search(
                txn, company_, {.action = std::string(access::sod_override_action)}, 0, 50);
        });
        EXPECT_TRUE(page.ok());
        return page.ok() ? page->events : std::vector<audit::Event>{};
    }

    tenancy::CompanyId company_;
    const Document bill_{"vendor_bill", "42"};
};

TEST_P(Segregation, TheSameUserIsRefusedNamingTheRule) {
    ASSERT_TRUE(perform(caller(1), enter_bill, bill_).ok());
    auto refused = perform(caller(1), approve_payment, bill_);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::forbidden);
    EXPECT_NE(refused.error().message().find(bill_rule), std::string::npos)
        << refused.error().message();
    EXPECT_NE(refused.error().message().find("may not approve its payment"), std::string::npos);
    EXPECT_NE(refused.error().message().find("access.sod_override"), std::string::npos);
    // Another user may; the first user may approve another bill.
    EXPECT_TRUE(perform(caller(2), approve_payment, bill_).ok());
    EXPECT_TRUE(perform(caller(1), approve_payment, {"vendor_bill", "43"}).ok());
    EXPECT_TRUE(overrides().empty());
}

TEST_P(Segregation, TheRuleHoldsInEitherOrder) {
    ASSERT_TRUE(perform(caller(1), approve_payment, bill_).ok());
    auto refused = perform(caller(1), enter_bill, bill_);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::forbidden);
}

TEST_P(Segregation, RepeatingOneActionIsAllowed) {
    ASSERT_TRUE(perform(caller(1), enter_bill, bill_).ok());
    EXPECT_TRUE(perform(caller(1), enter_bill, bill_).ok());
}

TEST_P(Segregation, ARuleAppliesOnlyToItsDocumentType) {
    ASSERT_TRUE(perform(caller(1), enter_bill, {"payment", "42"}).ok());
    EXPECT_TRUE(perform(caller(1), approve_payment, {"payment", "42"}).ok());
}

TEST_P(Segregation, EveryRequiredRuleIsEnforced) {
    struct Pair {
        std::string_view first;
        std::string_view second;
        std::string_view document_type;
    };

    const std::vector<Pair> pairs = {
        {"payables.bill_enter", "payables.payment_approve", "vendor_bill"},
        {"hr.employee_create", "payroll.pay_run_approve", "employee"},
        {"receivables.credit_note_create", "receivables.credit_note_approve", "credit_note"},
        {"ledger.entry_create", "ledger.entry_post", "journal_entry"},
        {"sales.order_enter", "sales.credit_hold_release", "sales_order"},
    };
    for (const Pair& pair : pairs) {
        Document document{pair.document_type, "7"};
        ASSERT_TRUE(perform(caller(3), pair.first, document).ok()) << pair.first;
        auto refused = perform(caller(3), pair.second, document);
        ASSERT_FALSE(refused.ok()) << pair.second;
        EXPECT_EQ(refused.error().code(), core::ErrorCode::forbidden);
        EXPECT_TRUE(perform(caller(4), pair.second, document).ok()) << pair.second;
    }
}

TEST_P(Segregation, AnOverrideNeedsThePermission) {
    ASSERT_TRUE(perform(caller(1), enter_bill, bill_).ok());
    auto refused = perform(caller(1), approve_payment, bill_, "urgent supplier payment");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::forbidden);
    EXPECT_NE(refused.error().message().find("access.sod_override"), std::string::npos);
    EXPECT_TRUE(overrides().empty());
}

TEST_P(Segregation, AnOverrideNeedsAReason) {
    ASSERT_TRUE(perform(caller(1, true), enter_bill, bill_).ok());
    auto blank = perform(caller(1, true), approve_payment, bill_, " \t");
    ASSERT_FALSE(blank.ok());
    EXPECT_EQ(blank.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(testing::only_field(blank.error()), "override_reason");
    auto too_long = perform(
        caller(1, true), approve_payment, bill_, std::string(core::text_field_bytes_max + 1, 'r'));
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(too_long.error().code(), core::ErrorCode::limit_exceeded);
    EXPECT_TRUE(overrides().empty());
}

TEST_P(Segregation, AnOverrideWithPermissionAndReasonIsAudited) {
    ASSERT_TRUE(perform(caller(1, true), enter_bill, bill_).ok());
    auto overridden = perform(caller(1, true), approve_payment, bill_, "sole clerk on duty");
    ASSERT_TRUE(overridden.ok()) << overridden.error().message();
    std::vector<audit::Event> events = overrides();
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].entity_type, "vendor_bill");
    EXPECT_EQ(events[0].entity_id, "42");
    EXPECT_EQ(events[0].username, "user1");
    EXPECT_EQ(events[0].changes,
              R"([{"field":"action","after":"payables.payment_approve"},)"
              R"({"field":"conflicting_action","after":"payables.bill_enter"},)"
              R"({"field":"reason","after":"sole clerk on duty"},)"
              R"({"field":"rule","after":"ap.bill_enter_and_payment_approve"}])");
    auto report = audit::verify(db(), company_);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->intact());
    // Without a conflict an override reason overrides nothing and writes no event.
    ASSERT_TRUE(perform(caller(5, true), enter_bill, {"vendor_bill", "99"}, "not needed").ok());
    EXPECT_EQ(overrides().size(), 1U);
}

TEST_P(Segregation, RefusesBadDocuments) {
    auto no_type = perform(caller(1), enter_bill, {"", "1"});
    ASSERT_FALSE(no_type.ok());
    EXPECT_EQ(testing::only_field(no_type.error()), "document_type");
    auto no_id = perform(caller(1), enter_bill, {"vendor_bill", ""});
    ASSERT_FALSE(no_id.ok());
    EXPECT_EQ(testing::only_field(no_id.error()), "document_id");
    const std::string longest(access::document_id_bytes_max, '9');
    EXPECT_TRUE(perform(caller(1), enter_bill, {"vendor_bill", longest}).ok());
    const std::string too_long(access::document_id_bytes_max + 1, '9');
    EXPECT_FALSE(perform(caller(1), enter_bill, {"vendor_bill", too_long}).ok());
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Segregation);

TEST(SegregationRules, AreWellFormed) {
    std::set<std::string_view> ids;
    for (const access::SodRule& rule : access::sod_rules()) {
        EXPECT_TRUE(ids.insert(rule.id).second) << "duplicate rule " << rule.id;
        EXPECT_NE(rule.first_action, rule.second_action) << rule.id;
        EXPECT_FALSE(rule.description.empty()) << rule.id;
        EXPECT_FALSE(rule.document_type.empty()) << rule.id;
        EXPECT_EQ(std::count(rule.first_action.begin(), rule.first_action.end(), '.'), 1);
        EXPECT_EQ(std::count(rule.second_action.begin(), rule.second_action.end(), '.'), 1);
    }
    EXPECT_GE(ids.size(), 5U);
}

}  // namespace
}  // namespace bo::platform
