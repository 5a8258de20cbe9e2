// Goal: the Poster's batched write path keeps every promise of post(): gap-free numbers in the
// order entries were added, balances equal to their recomputation, a refused entry leaves the
// queue and the database unchanged, post() after add() keeps call order, the queue flushes
// itself at its bound, and one audit event per batch names every entry of the batch.
// Method: service calls on both backends (LedgerTest); the balances are recomputed from the
// lines after every case; the batch event is read back from the audit trail.
#include <algorithm>

#include <gtest/gtest.h>

#include "ledger/ledger_fixture.hpp"
#include "platform/audit/audit.hpp"

namespace bo::ledger::testing {
namespace {

using core::ErrorCode;

class PosterBatch : public CleanBooksTest {
protected:
    void SetUp() override {
        LedgerTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) {
            return;
        }
        bank_ = account("1120");
        other_bank_ = account("1130");
        rent_ = account("6210");
    }

    // Entry `index`: a transfer of index + 1 cents, alternating accounts and departments.
    EntryInput numbered(std::size_t index) {
        // Account ids read in SetUp: a test's own transaction must not open another.
        LineInput from =
            credit(index % 2 == 0 ? bank_ : other_bank_, usd(static_cast<std::int64_t>(index) + 1));
        LineInput to = debit(rent_, usd(static_cast<std::int64_t>(index) + 1));
        to.department = department(index % 2);
        EntryInput input = entry(index % 3 == 0 ? "2024-01-15" : "2024-02-15", {to, from});
        input.memo = "batch " + std::to_string(index);
        return input;
    }

    std::vector<PostedEntry> all_entries() {
        const auto listed = in_txn(
            [&](store::Txn& txn) { return list_entries(txn, actor().company, EntryId(0), 500); });
        EXPECT_TRUE(listed.ok());
        std::vector<PostedEntry> entries = listed.ok() ? *listed : std::vector<PostedEntry>{};
        std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
            return a.number < b.number;
        });
        return entries;
    }

    AccountId bank_{};
    AccountId other_bank_{};
    AccountId rent_{};
};

TEST_P(PosterBatch, NumbersFollowTheOrderAddedAndOneEventListsTheBatch) {
    constexpr std::size_t count = 25;
    const auto flushed = in_txn([&](store::Txn& txn) -> core::Result<std::size_t> {
        Poster poster(txn, clock(), actor());
        for (std::size_t index = 0; index < count; ++index) {
            BO_TRY(poster.add(numbered(index)));
        }
        return poster.flush();
    });
    ASSERT_TRUE(flushed.ok()) << flushed.error().message();
    EXPECT_EQ(*flushed, count);
    const std::vector<PostedEntry> entries = all_entries();
    ASSERT_EQ(entries.size(), count);
    for (const PostedEntry& posted : entries) {
        // The memo says which input it was; numbers are 1..n in that order, without gaps.
        EXPECT_EQ(posted.memo, "batch " + std::to_string(posted.number - 1));
        EXPECT_EQ(posted.debit_total_minor, posted.number);
    }
    const auto events = in_txn([&](store::Txn& txn) {
        return platform::audit::search(
            txn, actor().company, {.action = "ledger.entry.post_batch"}, 0, 10);
    });
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->events.size(), 1U);
    const std::string& changes = events->events[0].changes;
    for (const PostedEntry& posted : entries) {
        EXPECT_NE(changes.find("\"id\":" + posted.id.to_string() + ","), std::string::npos)
            << posted.id.to_string();
        EXPECT_NE(changes.find("FY2024/" + std::to_string(posted.number) + "\""),
                  std::string::npos);
    }
    // A following single post() continues the numbering.
    const auto single = post_entry(numbered(count));
    ASSERT_TRUE(single.ok());
    EXPECT_EQ(single->number, static_cast<std::int64_t>(count) + 1);
}

TEST_P(PosterBatch, ARefusedEntryLeavesTheQueueAndPostKeepsCallOrder) {
    const auto posted = in_txn([&](store::Txn& txn) -> core::Result<PostedEntry> {
        Poster poster(txn, clock(), actor());
        BO_TRY(poster.add(numbered(0)));
        EntryInput unbalanced = numbered(1);
        unbalanced.lines[0].amount = usd(999);
        const core::Result<void> refused = poster.add(unbalanced);
        if (refused.ok() || refused.error().code() != ErrorCode::invalid_argument) {
            return core::Error(ErrorCode::internal, "the unbalanced entry was not refused");
        }
        BO_TRY(poster.add(numbered(1)));
        // post() writes the two queued entries first, then this one.
        return poster.post(numbered(2));
    });
    ASSERT_TRUE(posted.ok()) << posted.error().message();
    EXPECT_EQ(posted->number, 3);
    EXPECT_EQ(posted->memo, "batch 2");
    const std::vector<PostedEntry> entries = all_entries();
    ASSERT_EQ(entries.size(), 3U);
    EXPECT_EQ(entries[0].memo, "batch 0");
    EXPECT_EQ(entries[1].memo, "batch 1");
}

TEST_P(PosterBatch, TheQueueFlushesItselfAtItsBoundAndNothingPendingIsWritten) {
    const auto pending = in_txn([&](store::Txn& txn) -> core::Result<std::size_t> {
        Poster poster(txn, clock(), actor());
        for (std::size_t index = 0; index <= poster_pending_entries_max; ++index) {
            BO_TRY(poster.add(numbered(index)));
        }
        // One entry stays queued; the Poster is dropped without flush().
        return std::size_t{0};
    });
    ASSERT_TRUE(pending.ok()) << pending.error().message();
    const auto checked = check();
    ASSERT_TRUE(checked.ok());
    EXPECT_EQ(checked->entries, static_cast<std::int64_t>(poster_pending_entries_max));
    // The dropped entry took no number: the next one is max + 1.
    const auto next = post_entry(numbered(0));
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->number, static_cast<std::int64_t>(poster_pending_entries_max) + 1);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(PosterBatch);

}  // namespace
}  // namespace bo::ledger::testing
