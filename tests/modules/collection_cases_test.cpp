// Collection cases on both backends: one open case per customer; a pending promise to pay and
// a dispute each keep the customer out of a dunning run (the run says why); a promise breaks
// when its date passes unpaid and is kept once the open balance fell by its amount; the AR
// clerk's worklist by assignee and due date; every change audited.
// Method: CollectionsTest (customer C-1, clock on 2024-03-01); promise statuses read as of
// explicit dates.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "modules/collections_fixture.hpp"
#include "modules/receivables/collections.hpp"
#include "modules/receivables/dunning.hpp"
#include "modules/sales/service.hpp"
#include "platform/audit/audit.hpp"

namespace bo::modules::receivables::testing {
namespace {

using core::ErrorCode;
using platform::auth::UserId;

class CollectionCases : public CollectionsTest {
protected:
    void SetUp() override {
        CollectionsTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        const auto found = in_txn([&](store::Txn& txn) {
            return sales::find_customer(txn, actor().company, customer_);
        });
        ASSERT_TRUE(found.ok() && found->has_value());
        customer_id_ = (*found)->id;
    }

    core::Result<DunningRun> run(const std::string& as_of) {
        return in_txn([&](store::Txn& txn) {
            return run_dunning(txn, clock(), actor(), date(as_of), RunMode::dry,
                               "AR <ar@acme.example>");
        });
    }

    CollectionCase read(CollectionCaseId id, const std::string& today) {
        const auto found = in_txn([&](store::Txn& txn) {
            return find_case(txn, actor().company, id, date(today));
        });
        EXPECT_TRUE(found.ok() && found->has_value());
        return **found;
    }

    sales::CustomerId customer_id_{};
};

TEST_P(CollectionCases, PromisesAndDisputesKeepTheCustomerOutOfDunning) {
    const Document overdue = invoice("1000.00", "2024-01-05");  // 1088.75, due 2024-02-04
    const auto opened = in_txn([&](store::Txn& txn) {
        return open_case(txn, clock(), actor(), customer_id_, UserId(31));
    });
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    EXPECT_EQ(opened->origin, CaseOrigin::manual);
    const auto twice = in_txn([&](store::Txn& txn) {
        return open_case(txn, clock(), actor(), customer_id_, std::nullopt);
    });
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code(), ErrorCode::conflict);

    // A promise to pay 500.00 by 2024-03-10 (the open balance was 1088.75).
    const auto bad = in_txn([&](store::Txn& txn) {
        return add_promise(txn, clock(), actor(), opened->id, "-1", date("2024-02-01"));
    });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(sales::testing::fields(bad.error()), (std::vector<std::string>{"amount", "date"}));
    const auto promised = in_txn([&](store::Txn& txn) {
        return add_promise(txn, clock(), actor(), opened->id, "500.00", date("2024-03-10"));
    });
    ASSERT_TRUE(promised.ok()) << promised.error().message();
    EXPECT_EQ(promised->open_at_promise.minor, 1088'75);

    const auto skipped = run("2024-03-05");
    ASSERT_TRUE(skipped.ok()) << skipped.error().message();
    EXPECT_TRUE(skipped->letters.empty());
    ASSERT_EQ(skipped->skipped.size(), 1U);
    EXPECT_EQ(skipped->skipped[0].reason, "promised to pay 500.00 USD by 2024-03-10");

    // The date passes unpaid: broken, and dunning resumes.
    EXPECT_EQ(read(opened->id, "2024-03-10").promises.at(0).status, PromiseStatus::pending);
    EXPECT_EQ(read(opened->id, "2024-03-11").promises.at(0).status, PromiseStatus::broken);
    const auto resumed = run("2024-03-11");
    ASSERT_TRUE(resumed.ok());
    EXPECT_EQ(resumed->letters.size(), 1U);

    // 500.00 net + tax credited: the open balance fell by more than the promise: kept.
    credit(overdue, "500.00", "2024-03-08");
    EXPECT_EQ(read(opened->id, "2024-03-11").promises.at(0).status, PromiseStatus::kept);

    // A dispute needs a reason and keeps the customer out.
    const auto no_reason = in_txn([&](store::Txn& txn) {
        return change_case(txn, clock(), actor(), opened->id,
                           {.disputed = true, .dispute_reason = std::nullopt,
                            .assignee = std::nullopt, .status = std::nullopt});
    });
    ASSERT_FALSE(no_reason.ok());
    EXPECT_EQ(bo::testing::only_field(no_reason.error()), "dispute_reason");
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return change_case(txn, clock(), actor(), opened->id,
                                       {.disputed = true,
                                        .dispute_reason = "goods arrived damaged",
                                        .assignee = std::nullopt,
                                        .status = std::nullopt});
                }).ok());
    const auto disputed = run("2024-03-11");
    ASSERT_TRUE(disputed.ok());
    ASSERT_EQ(disputed->skipped.size(), 1U);
    EXPECT_EQ(disputed->skipped[0].reason, "in dispute: goods arrived damaged");

    // Closed: dunned again; a closed case takes no more promises.
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return change_case(txn, clock(), actor(), opened->id,
                                       {.disputed = std::nullopt,
                                        .dispute_reason = std::nullopt,
                                        .assignee = std::nullopt,
                                        .status = CaseStatus::closed});
                }).ok());
    EXPECT_EQ(run("2024-03-11")->letters.size(), 1U);
    const auto late = in_txn([&](store::Txn& txn) {
        return add_promise(txn, clock(), actor(), opened->id, "1.00", date("2024-03-20"));
    });
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code(), ErrorCode::conflict);

    const auto trail = in_txn([&](store::Txn& txn) {
        return platform::audit::search(txn, actor().company,
                                       {.entity_type = "collection_case",
                                        .entity_id = opened->id.to_string()},
                                       0, 50);
    });
    ASSERT_TRUE(trail.ok()) << trail.error().message();
    std::vector<std::string> actions;
    for (const platform::audit::Event& event : trail->events) {
        actions.push_back(event.action);
    }
    EXPECT_EQ(actions, (std::vector<std::string>{"receivables.collection_case.close",
                                                 "receivables.collection_case.update",
                                                 "receivables.collection_promise.create",
                                                 "receivables.collection_case.open"}));
}

TEST_P(CollectionCases, TheClerksWorklistByAssigneeAndDueDate) {
    const auto opened = in_txn([&](store::Txn& txn) {
        return open_case(txn, clock(), actor(), customer_id_, std::nullopt);
    });
    ASSERT_TRUE(opened.ok());
    for (const auto& [title, due, user] :
         std::vector<std::tuple<std::string, std::string, std::int64_t>>{
             {"Call the buyer", "2024-03-05", 31},
             {"Send statement", "2024-03-03", 31},
             {"Check the dispute", "2024-03-04", 32}}) {
        ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                        return add_task(txn, clock(), actor(), opened->id,
                                        {.title = title, .due_date = date(due),
                                         .assignee = UserId(user)});
                    }).ok());
    }
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return add_note(txn, clock(), actor(), opened->id, "Left a voicemail.");
                }).ok());
    const auto worklist = [&](std::int64_t user, const std::string& before) {
        const auto tasks = in_txn([&](store::Txn& txn) {
            return list_tasks(txn, actor().company,
                              {.assignee = UserId(user), .due_before = date(before),
                               .include_done = false, .limit = 50});
        });
        EXPECT_TRUE(tasks.ok());
        std::vector<std::string> titles;
        for (const CollectionTask& task : *tasks) {
            titles.push_back(task.title);
        }
        return titles;
    };
    EXPECT_EQ(worklist(31, "2024-03-06"),
              (std::vector<std::string>{"Send statement", "Call the buyer"}));
    EXPECT_EQ(worklist(31, "2024-03-05"), (std::vector<std::string>{"Send statement"}));
    const CollectionCase record = read(opened->id, "2024-03-01");
    ASSERT_EQ(record.tasks.size(), 3U);
    ASSERT_EQ(record.notes.size(), 1U);
    EXPECT_EQ(record.notes[0].text, "Left a voicemail.");
    const CollectionTaskId first = record.tasks[0].id;  // "Send statement", due first
    const auto done = in_txn([&](store::Txn& txn) {
        return set_task_done(txn, clock(), actor(), first, true);
    });
    ASSERT_TRUE(done.ok());
    EXPECT_TRUE(done->done);
    EXPECT_EQ(worklist(31, "2024-03-06"), (std::vector<std::string>{"Call the buyer"}));
    const auto missing = in_txn([&](store::Txn& txn) {
        return set_task_done(txn, clock(), actor(), CollectionTaskId(9999), true);
    });
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::not_found);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(CollectionCases);

}  // namespace
}  // namespace bo::modules::receivables::testing
