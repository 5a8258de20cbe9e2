// Goal: drafts are saved, edited and deleted without touching balances; posting one runs every
// check of post(); segregation of duties stops the person who prepared (saved or edited) a
// draft from posting it, unless they hold access.sod_override and give a reason, which the
// audit trail records; a posted draft can no longer change.
// Method: service calls on both backends (LedgerTest) with callers built in the test (the SoD
// record needs only a company, a user id and permissions); balances are compared before and
// after, and recomputed from the lines at the end of every case.
#include "ledger/drafts.hpp"

#include <gtest/gtest.h>

#include "ledger/ledger_fixture.hpp"
#include "platform/audit/audit.hpp"

namespace bo::ledger::testing {
namespace {

using bo::testing::only_field;
using core::ErrorCode;

class Drafts : public CleanBooksTest {
protected:
    platform::Caller caller(std::int64_t user, std::vector<std::string> permissions = {}) {
        platform::Caller who;
        who.actor = actor();
        who.actor.user = platform::auth::UserId(user);
        who.actor.username = "user" + std::to_string(user);
        who.method = platform::AuthMethod::session;
        for (const std::string& permission : permissions) {
            who.permissions.add(permission);
        }
        return who;
    }

    core::Result<Draft> save(const platform::Caller& who, const EntryInput& input) {
        return in_txn([&](store::Txn& txn) { return create_draft(txn, clock(), who, input); });
    }

    core::Result<PostedEntry> post_it(const platform::Caller& who,
                                      DraftId id,
                                      std::optional<std::string> reason = std::nullopt) {
        return in_txn([&](store::Txn& txn) { return post_draft(txn, clock(), who, id, reason); });
    }

    std::optional<Draft> load(DraftId id) {
        const auto found =
            in_txn([&](store::Txn& txn) { return find_draft(txn, actor().company, id); });
        EXPECT_TRUE(found.ok());
        return found.ok() ? *found : std::nullopt;
    }

    EntryInput rent(std::int64_t minor) {
        return entry("2024-03-01",
                     {debit(account("6210"), usd(minor)), credit(account("1120"), usd(minor))});
    }

    std::int64_t balance_rows() {
        const auto balances =
            in_txn([&](store::Txn& txn) { return maintained_balances(txn, actor().company); });
        EXPECT_TRUE(balances.ok());
        return balances.ok() ? static_cast<std::int64_t>(balances->size()) : -1;
    }
};

TEST_P(Drafts, SavedEditedAndDeletedWithoutTouchingBalances) {
    const platform::Caller clerk = caller(11);
    // Unbalanced and one-line drafts are fine while they are drafts.
    const auto saved = save(clerk, entry("2024-03-01", {debit(account("6210"), usd(500))}));
    ASSERT_TRUE(saved.ok()) << saved.error().message();
    EXPECT_EQ(saved->status, EntryStatus::draft);
    EXPECT_EQ(saved->created_by, clerk.actor.user);
    const EntryInput changed = rent(700);
    const auto updated = in_txn(
        [&](store::Txn& txn) { return update_draft(txn, clock(), clerk, saved->id, changed); });
    ASSERT_TRUE(updated.ok()) << updated.error().message();
    const std::optional<Draft> loaded = load(saved->id);
    ASSERT_TRUE(loaded.has_value());
    ASSERT_EQ(loaded->lines.size(), 2U);
    EXPECT_EQ(loaded->lines[1].amount, usd(700));
    EXPECT_EQ(loaded->lines[1].side, Side::credit);
    EXPECT_EQ(balance_rows(), 0);
    const auto checked = check();
    ASSERT_TRUE(checked.ok());
    EXPECT_EQ(checked->entries, 0);

    ASSERT_TRUE(
        in_txn([&](store::Txn& txn) { return delete_draft(txn, clock(), clerk, saved->id); }).ok());
    EXPECT_FALSE(load(saved->id).has_value());
    const auto again =
        in_txn([&](store::Txn& txn) { return delete_draft(txn, clock(), clerk, saved->id); });
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code(), ErrorCode::not_found);
}

TEST_P(Drafts, LooseChecksStillRefuseBadLines) {
    const platform::Caller clerk = caller(11);
    const auto zero = save(clerk, entry("2024-03-01", {debit(account("6210"), usd(0))}));
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().code(), ErrorCode::invalid_argument);
    EXPECT_EQ(only_field(zero.error()), "lines/0/amount");
    const auto unknown = save(clerk, entry("2024-03-01", {debit(AccountId(999'999), usd(5))}));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(only_field(unknown.error()), "lines/0/account");
    const auto listed = in_txn([&](store::Txn& txn) {
        return list_drafts(txn, actor().company, std::nullopt, DraftId(0), 50);
    });
    ASSERT_TRUE(listed.ok());
    EXPECT_TRUE(listed->empty());
}

TEST_P(Drafts, PostingRunsEveryCheckOfPost) {
    const auto saved = save(
        caller(11),
        entry("2024-03-01", {debit(account("6210"), usd(500)), credit(account("1120"), usd(400))}));
    ASSERT_TRUE(saved.ok());
    const auto posted = post_it(caller(12), saved->id);
    ASSERT_FALSE(posted.ok());
    EXPECT_EQ(posted.error().code(), ErrorCode::invalid_argument);
    EXPECT_EQ(load(saved->id)->status, EntryStatus::draft);
    EXPECT_EQ(balance_rows(), 0);
}

TEST_P(Drafts, WhoPreparedADraftMayNotPostIt) {
    const platform::Caller clerk = caller(11);
    const platform::Caller editor = caller(12);
    const platform::Caller accountant = caller(13);
    const auto saved = save(clerk, rent(900));
    ASSERT_TRUE(saved.ok());
    const auto own = post_it(clerk, saved->id);
    ASSERT_FALSE(own.ok());
    EXPECT_EQ(own.error().code(), ErrorCode::forbidden);
    EXPECT_NE(own.error().message().find("gl.entry_create_and_post"), std::string::npos)
        << own.error().message();
    // Editing makes the editor a preparer too.
    const EntryInput changed = rent(950);
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return update_draft(txn, clock(), editor, saved->id, changed);
                }).ok());
    const auto edited = post_it(editor, saved->id);
    ASSERT_FALSE(edited.ok());
    EXPECT_EQ(edited.error().code(), ErrorCode::forbidden);
    EXPECT_EQ(balance_rows(), 0);

    const auto posted = post_it(accountant, saved->id);
    ASSERT_TRUE(posted.ok()) << posted.error().message();
    EXPECT_EQ(posted->number, 1);
    EXPECT_EQ(posted->debit_total_minor, 950);
    EXPECT_EQ(posted->posted_by, accountant.actor.user);
    const std::optional<Draft> after = load(saved->id);
    ASSERT_TRUE(after.has_value());
    EXPECT_EQ(after->status, EntryStatus::posted);
    EXPECT_EQ(after->posted_entry, posted->id);
    EXPECT_EQ(balance_rows(), 2);

    // A posted draft is final.
    const auto twice = post_it(accountant, saved->id);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code(), ErrorCode::conflict);
    const EntryInput late = rent(1);
    const auto change =
        in_txn([&](store::Txn& txn) { return update_draft(txn, clock(), clerk, saved->id, late); });
    ASSERT_FALSE(change.ok());
    EXPECT_EQ(change.error().code(), ErrorCode::conflict);
    const auto removal =
        in_txn([&](store::Txn& txn) { return delete_draft(txn, clock(), clerk, saved->id); });
    ASSERT_FALSE(removal.ok());
    EXPECT_EQ(removal.error().code(), ErrorCode::conflict);
}

TEST_P(Drafts, AnOverrideNeedsThePermissionAndARecordedReason) {
    const platform::Caller clerk = caller(11);
    const auto saved = save(clerk, rent(300));
    ASSERT_TRUE(saved.ok());
    const auto without_permission = post_it(clerk, saved->id, "month-end, alone in the office");
    ASSERT_FALSE(without_permission.ok());
    EXPECT_EQ(without_permission.error().code(), ErrorCode::forbidden);

    const platform::Caller admin = caller(11, {"access.sod_override"});
    const auto blank = post_it(admin, saved->id, "  ");
    ASSERT_FALSE(blank.ok());
    EXPECT_EQ(only_field(blank.error()), "override_reason");
    const auto overridden = post_it(admin, saved->id, "month-end, alone in the office");
    ASSERT_TRUE(overridden.ok()) << overridden.error().message();

    const auto events = in_txn([&](store::Txn& txn) {
        return platform::audit::search(
            txn, actor().company, {.action = "access.sod_override"}, 0, 10);
    });
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->events.size(), 1U);
    EXPECT_EQ(events->events[0].entity_id, "draft/" + saved->id.to_string());
    EXPECT_NE(events->events[0].changes.find("month-end, alone in the office"), std::string::npos);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Drafts);

}  // namespace
}  // namespace bo::ledger::testing
