// Goal: recurring templates run on their schedule (month ends clamp to shorter months and come
// back), create each occurrence once whatever the sequence of runs (a property), post entries
// or save drafts as the template says, skip inactive templates, and report a refused occurrence
// without writing it while the other templates still run.
// Method: the schedule is a pure function (plain tests); the rest runs on both backends
// (LedgerTest). The property replays random sequences of as-of dates (repeated, out of order)
// against a fresh template and compares what exists with the schedule's occurrences up to the
// latest date; a failure prints the rapidcheck seed.
#include "ledger/recurring.hpp"

#include <algorithm>
#include <iostream>
#include <set>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "ledger/check_cases.hpp"
#include "ledger/ledger_fixture.hpp"

namespace bo::ledger::testing {
namespace {

using bo::testing::only_field;
using core::ErrorCode;

TEST(RecurringSchedule, AMonthEndStartRunsOnTheLastDayOfShorterMonths) {
    const core::Date start = date("2024-01-31");
    const std::vector<std::string> expected = {
        "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2025-02-28"};
    const std::vector<std::int64_t> indexes = {0, 1, 2, 3, 4, 13};
    for (std::size_t index = 0; index < indexes.size(); ++index) {
        const auto day = occurrence_date(start, 1, indexes[index]);
        ASSERT_TRUE(day.ok());
        EXPECT_EQ(day->to_string(), expected[index]) << indexes[index];
    }
    EXPECT_EQ(occurrence_date(date("2024-08-31"), 3, 2)->to_string(), "2025-02-28");
    EXPECT_EQ(occurrence_date(date("2024-02-29"), 12, 4)->to_string(), "2028-02-29");
    EXPECT_FALSE(occurrence_date(date("9999-01-31"), 12, 1).ok());
}

class Recurring : public CleanBooksTest {
protected:
    NewRecurring rent(std::string name, std::string_view start) {
        return NewRecurring{
            .name = std::move(name),
            .memo = "Office rent",
            .frequency = "monthly",
            .interval_months = std::nullopt,
            .start_date = date(start),
            .end_date = std::nullopt,
            .occurrences_max = std::nullopt,
            .mode = "post",
            .lines = {debit(account("6210"), usd(120'000)), credit(account("1120"), usd(120'000))}};
    }

    // The templates' creator: a signed-in user (a draft it saves records them as preparer).
    Actor creator() const {
        Actor who = actor();
        who.user = platform::auth::UserId(7);
        who.username = "creator";
        return who;
    }

    core::Result<RecurringTemplate> create(const NewRecurring& input) {
        return in_txn(
            [&](store::Txn& txn) { return create_recurring(txn, clock(), creator(), input); });
    }

    core::Result<RecurringRun> run(std::string_view as_of, CompanyId company = {}) {
        const CompanyId which = company.value() == 0 ? actor().company : company;
        return in_txn(
            [&](store::Txn& txn) { return run_recurring(txn, clock(), which, date(as_of), "t"); });
    }

    std::int64_t entries(CompanyId company = {}) {
        const auto checked = in_txn([&](store::Txn& txn) {
            return check_balances(txn, company.value() == 0 ? actor().company : company);
        });
        EXPECT_TRUE(checked.ok());
        return checked.ok() ? checked->entries : -1;
    }
};

TEST_P(Recurring, RunsWhatIsDueOnceAndStopsAtTheCount) {
    NewRecurring input = rent("Rent", "2024-01-31");
    input.occurrences_max = 3;
    const auto created = create(input);
    ASSERT_TRUE(created.ok()) << created.error().message();
    EXPECT_EQ(created->next_run_date, date("2024-01-31"));
    EXPECT_EQ(created->interval_months, 1);

    const auto first = run("2024-03-15");
    ASSERT_TRUE(first.ok()) << first.error().message();
    ASSERT_EQ(first->created.size(), 2U);
    EXPECT_EQ(first->created[0].date, date("2024-01-31"));
    EXPECT_EQ(first->created[1].date, date("2024-02-29"));
    EXPECT_TRUE(first->failures.empty());
    const auto entry = in_txn([&](store::Txn& txn) {
        return find_entry(txn, actor().company, *first->created[1].entry);
    });
    ASSERT_TRUE(entry.ok() && entry->has_value());
    EXPECT_EQ((*entry)->source.type, "recurring_entry");
    EXPECT_EQ((*entry)->source.id, created->id.to_string() + "/2024-02-29");
    EXPECT_EQ((*entry)->date, date("2024-02-29"));

    const auto again = run("2024-03-15");
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->created.empty());
    EXPECT_EQ(entries(), 2);

    const auto rest = run("2024-12-31");
    ASSERT_TRUE(rest.ok());
    ASSERT_EQ(rest->created.size(), 1U);
    EXPECT_EQ(rest->created[0].date, date("2024-03-31"));
    const auto finished =
        in_txn([&](store::Txn& txn) { return find_recurring(txn, actor().company, created->id); });
    ASSERT_TRUE(finished.ok() && finished->has_value());
    EXPECT_EQ((*finished)->occurrences_done, 3);
    EXPECT_FALSE((*finished)->next_run_date.has_value());
    EXPECT_EQ(entries(), 3);
}

TEST_P(Recurring, EndDateIsInclusiveAndInactiveTemplatesWait) {
    NewRecurring input = rent("Quarterly", "2024-01-15");
    input.frequency = "quarterly";
    input.end_date = date("2024-07-15");
    const auto created = create(input);
    ASSERT_TRUE(created.ok()) << created.error().message();
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_recurring_activity(txn, clock(), actor(), created->id, false);
                }).ok());
    const auto skipped = run("2024-12-31");
    ASSERT_TRUE(skipped.ok());
    EXPECT_TRUE(skipped->created.empty());
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_recurring_activity(txn, clock(), actor(), created->id, true);
                }).ok());
    const auto ran = run("2024-12-31");
    ASSERT_TRUE(ran.ok());
    ASSERT_EQ(ran->created.size(), 3U);  // 15 Jan, 15 Apr, 15 Jul (the end date itself)
    EXPECT_EQ(ran->created[2].date, date("2024-07-15"));
}

TEST_P(Recurring, DraftModeSavesDraftsThatItsCreatorMayNotPost) {
    NewRecurring input = rent("Accrual", "2024-02-29");
    input.mode = "draft";
    ASSERT_TRUE(create(input).ok());
    const auto ran = run("2024-04-30");
    ASSERT_TRUE(ran.ok());
    ASSERT_EQ(ran->created.size(), 3U);
    ASSERT_TRUE(ran->created[0].draft.has_value());
    EXPECT_FALSE(ran->created[0].entry.has_value());
    EXPECT_EQ(entries(), 0);  // drafts never touch balances
    platform::Caller preparer;
    preparer.actor = creator();
    preparer.method = platform::AuthMethod::session;
    const auto own = in_txn([&](store::Txn& txn) {
        return post_draft(txn, clock(), preparer, *ran->created[0].draft, std::nullopt);
    });
    ASSERT_FALSE(own.ok());
    EXPECT_EQ(own.error().code(), ErrorCode::forbidden);
    platform::Caller other = preparer;
    other.actor.user = platform::auth::UserId(8);
    const auto posted = in_txn([&](store::Txn& txn) {
        return post_draft(txn, clock(), other, *ran->created[1].draft, std::nullopt);
    });
    ASSERT_TRUE(posted.ok()) << posted.error().message();
    EXPECT_EQ(posted->date, date("2024-03-29"));  // the start day, 29
}

TEST_P(Recurring, ARefusedOccurrenceIsReportedWrittenLaterAndOthersStillRun) {
    ASSERT_TRUE(create(rent("A", "2024-01-10")).ok());
    ASSERT_TRUE(create(rent("B", "2024-01-20")).ok());
    const auto periods =
        in_txn([&](store::Txn& txn) { return list_periods(txn, actor().company, year().id); });
    ASSERT_TRUE(periods.ok());
    const auto closed = in_txn(
        [&](store::Txn& txn) { return close_period(txn, clock(), actor(), (*periods)[1].id); });
    ASSERT_TRUE(closed.ok());
    const auto ran = run("2024-03-31");
    ASSERT_TRUE(ran.ok()) << ran.error().message();
    // A: January, then February is refused (stops A). B: the same.
    ASSERT_EQ(ran->failures.size(), 2U);
    EXPECT_EQ(ran->failures[0].date, date("2024-02-10"));
    EXPECT_EQ(ran->failures[0].error.code(), ErrorCode::period_closed);
    EXPECT_EQ(ran->created.size(), 2U);
    EXPECT_EQ(entries(), 2);
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return reopen_period(txn, clock(), actor(), (*periods)[1].id);
                }).ok());
    const auto later = run("2024-03-31");
    ASSERT_TRUE(later.ok());
    EXPECT_TRUE(later->failures.empty());
    EXPECT_EQ(later->created.size(), 4U);  // February and March of each
    EXPECT_EQ(entries(), 6);
}

TEST_P(Recurring, RefusesABrokenTemplate) {
    NewRecurring unbalanced = rent("X", "2024-01-01");
    unbalanced.lines[1].amount = usd(1);
    const auto refused = create(unbalanced);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), ErrorCode::invalid_argument);
    NewRecurring every = rent("Y", "2024-01-01");
    every.frequency = "every_n_months";
    const auto no_interval = create(every);
    ASSERT_FALSE(no_interval.ok());
    EXPECT_EQ(only_field(no_interval.error()), "interval_months");
    every.interval_months = 121;
    EXPECT_EQ(only_field(create(every).error()), "interval_months");
    every.interval_months = 2;
    ASSERT_TRUE(create(every).ok());
    const auto duplicate = create(every);
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code(), ErrorCode::conflict);
    NewRecurring backwards = rent("Z", "2024-05-01");
    backwards.end_date = date("2024-04-30");
    EXPECT_EQ(only_field(create(backwards).error()), "end_date");
}

TEST_P(Recurring, RunningInAnyOrderNeverCreatesAnOccurrenceTwice) {
    int case_index = 0;
    std::int64_t posted_total = 0;  // entries of every template of the company so far
    const bool held = check_cases("recurring runs are idempotent", 20, [&]() {
        const auto start_day = *rc::gen::inRange(1, 32);
        const auto interval = *rc::gen::element<std::int64_t>(1, 2, 3, 12);
        const auto mode = *rc::gen::element<std::string>("post", "draft");
        // As-of dates within FY2024 (day of year), in any order and with repeats.
        const auto days = *rc::gen::container<std::vector<int>>(
            *rc::gen::inRange<std::size_t>(1, 6), rc::gen::inRange(0, 366));
        NewRecurring input = rent("P" + std::to_string(++case_index), "2024-01-01");
        input.start_date =
            date("2024-01-" + std::string(start_day < 10 ? "0" : "") + std::to_string(start_day));
        input.frequency = "every_n_months";
        input.interval_months = interval;
        input.mode = mode;
        const auto created = create(input);
        RC_ASSERT(created.ok());
        std::set<std::string> seen;
        core::Date latest = date("2023-12-31");
        for (const int day : days) {
            const core::Date as_of = date("2024-01-01").add_days(day).value();
            latest = std::max(latest, as_of);
            const auto ran = in_txn([&](store::Txn& txn) {
                return run_recurring(txn, clock(), actor().company, as_of, "p");
            });
            RC_ASSERT(ran.ok());
            RC_ASSERT(ran->failures.empty());
            for (const RecurringOccurrence& occurrence : ran->created) {
                RC_ASSERT(occurrence.entry.has_value() != occurrence.draft.has_value());
                posted_total += occurrence.entry ? 1 : 0;
                if (occurrence.template_id != created->id) {
                    continue;
                }
                RC_ASSERT(!(as_of < occurrence.date));
                RC_ASSERT(occurrence.draft.has_value() == (mode == "draft"));
                RC_ASSERT(seen.insert(occurrence.date.to_string()).second);  // never twice
            }
        }
        // Exactly the schedule's occurrences up to the latest as-of date exist.
        std::set<std::string> expected;
        for (std::int64_t index = 0;; ++index) {
            const core::Date next = occurrence_date(input.start_date, interval, index).value();
            if (latest < next) {
                break;
            }
            expected.insert(next.to_string());
        }
        RC_ASSERT(seen == expected);
        // Drafts never post: the company's entries are exactly the post-mode occurrences.
        RC_ASSERT(entries() == posted_total);
    });
    EXPECT_TRUE(held);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Recurring);

}  // namespace
}  // namespace bo::ledger::testing
