// Goal: an idempotency key is claimed once, replays its first outcome to a retry with the same
// fingerprint, refuses another fingerprint, is reusable once expired, is purged after expiry,
// is claimed by exactly one of several concurrent requests, replays the headers it stored,
// and is purged by the background purger that `serve` runs.
// Method: each test runs once per backend on a fresh migrated database (StorageTest), calling
// claim/complete as the API pipeline does: in the request's own transaction.
#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <utility>

#include <gtest/gtest.h>

#include "core/limits.hpp"
#include "platform/idempotency/idempotency.hpp"
#include "platform/idempotency/purger.hpp"
#include "platform/storage_fixture.hpp"

namespace bo::platform {
namespace {

using idempotency::ClaimOutcome;
using idempotency::Scope;
using idempotency::StoredResponse;

constexpr std::int64_t ttl_us = 3'600'000'000;  // one hour

class IdempotencyKeys : public testing::StorageTest {
protected:
    static Scope scope(std::string key, std::string fingerprint = "f1", std::int64_t user = 7) {
        return Scope{.company_id = 1,
                     .user_id = user,
                     .key = std::move(key),
                     .fingerprint = std::move(fingerprint)};
    }

    static core::Instant at(std::int64_t offset_us) {
        return core::Instant(testing::fixed_clock_us + offset_us);
    }

    // Claims at `now`; on `claimed` completes with `response` in the same transaction.
    core::Result<idempotency::Claim> request(const Scope& key,
                                             std::int64_t now_us,
                                             const StoredResponse& response) {
        return in_txn([&](store::Txn& txn) -> core::Result<idempotency::Claim> {
            BO_TRY_ASSIGN(auto claim,
                          idempotency::claim(txn, key, at(now_us), at(now_us + ttl_us)));
            if (claim.outcome == ClaimOutcome::claimed) {
                BO_TRY(idempotency::complete(txn, key, response, at(now_us), at(now_us + ttl_us)));
            }
            return claim;
        });
    }

    const StoredResponse created_{201,
                                  "application/json",
                                  R"({"id":1})",
                                  {{"Location", "/api/v1/things/1"}, {"X-Note", "a \"b\""}}};
};

TEST_P(IdempotencyKeys, ClaimThenReplayThenMismatch) {
    auto first = request(scope("k1"), 0, created_);
    ASSERT_TRUE(first.ok()) << first.error().message();
    EXPECT_EQ(first->outcome, ClaimOutcome::claimed);
    EXPECT_FALSE(first->response.has_value());

    auto retry = request(scope("k1"), 1000, {500, "x", "must not be stored", {}});
    ASSERT_TRUE(retry.ok()) << retry.error().message();
    EXPECT_EQ(retry->outcome, ClaimOutcome::replay);
    ASSERT_TRUE(retry->response.has_value());
    EXPECT_EQ(retry->response->status, 201U);
    EXPECT_EQ(retry->response->content_type, "application/json");
    EXPECT_EQ(retry->response->body, R"({"id":1})");
    EXPECT_EQ(retry->response->headers, created_.headers);

    auto other = request(scope("k1", "f2"), 2000, created_);
    ASSERT_TRUE(other.ok()) << other.error().message();
    EXPECT_EQ(other->outcome, ClaimOutcome::mismatch);
    EXPECT_FALSE(other->response.has_value());
}

TEST_P(IdempotencyKeys, KeysAreScopedByCompanyAndUser) {
    ASSERT_EQ(request(scope("k", "f1", 7), 0, created_)->outcome, ClaimOutcome::claimed);
    ASSERT_EQ(request(scope("k", "f2", 8), 0, created_)->outcome, ClaimOutcome::claimed);
    Scope other_company = scope("k", "f3", 7);
    other_company.company_id = 2;
    EXPECT_EQ(request(other_company, 0, created_)->outcome, ClaimOutcome::claimed);
    Scope anonymous = scope("k", "f4", 0);
    anonymous.company_id = 0;
    EXPECT_EQ(request(anonymous, 0, created_)->outcome, ClaimOutcome::claimed);
    EXPECT_EQ(request(scope("k", "f1", 7), 0, created_)->outcome, ClaimOutcome::replay);
}

TEST_P(IdempotencyKeys, ARolledBackClaimLeavesTheKeyUnused) {
    auto failed = in_txn([&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(auto claim, idempotency::claim(txn, scope("k"), at(0), at(ttl_us)));
        EXPECT_EQ(claim.outcome, ClaimOutcome::claimed);
        return core::Error(core::ErrorCode::conflict, "the handler failed");
    });
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(request(scope("k", "f2"), 0, created_)->outcome, ClaimOutcome::claimed);
}

TEST_P(IdempotencyKeys, AClaimInFlightIsAConflictNotAReplay) {
    auto twice = in_txn([&](store::Txn& txn) -> core::Result<idempotency::Claim> {
        BO_TRY(idempotency::claim(txn, scope("k"), at(0), at(ttl_us)));
        return idempotency::claim(txn, scope("k"), at(0), at(ttl_us));
    });
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code(), core::ErrorCode::conflict);
}

TEST_P(IdempotencyKeys, CompleteWithoutAClaimIsABug) {
    auto done = in_txn([&](store::Txn& txn) {
        return idempotency::complete(txn, scope("never"), created_, at(0), at(ttl_us));
    });
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().code(), core::ErrorCode::internal);
}

TEST_P(IdempotencyKeys, AnExpiredKeyIsUnused) {
    ASSERT_EQ(request(scope("k"), 0, created_)->outcome, ClaimOutcome::claimed);
    // One microsecond before expiry it still replays; at expiry it is free again, even for
    // another request.
    EXPECT_EQ(request(scope("k", "f2"), ttl_us - 1, created_)->outcome, ClaimOutcome::mismatch);
    auto reused = request(scope("k", "f2"), ttl_us, {202, "application/json", "{}", {}});
    ASSERT_TRUE(reused.ok()) << reused.error().message();
    EXPECT_EQ(reused->outcome, ClaimOutcome::claimed);
    auto replay = request(scope("k", "f2"), ttl_us + 1, created_);
    ASSERT_EQ(replay->outcome, ClaimOutcome::replay);
    EXPECT_EQ(replay->response->status, 202U);
    EXPECT_EQ(request(scope("k", "f1"), ttl_us + 1, created_)->outcome, ClaimOutcome::mismatch);
}

TEST_P(IdempotencyKeys, PurgeDeletesOnlyExpiredKeys) {
    ASSERT_EQ(request(scope("a"), 0, created_)->outcome, ClaimOutcome::claimed);
    ASSERT_EQ(request(scope("b"), 10, created_)->outcome, ClaimOutcome::claimed);
    ASSERT_EQ(request(scope("c"), 20, created_)->outcome, ClaimOutcome::claimed);
    auto none =
        in_txn([&](store::Txn& txn) { return idempotency::purge_expired(txn, at(ttl_us - 1)); });
    ASSERT_TRUE(none.ok()) << none.error().message();
    EXPECT_EQ(*none, 0);
    auto two =
        in_txn([&](store::Txn& txn) { return idempotency::purge_expired(txn, at(ttl_us + 10)); });
    ASSERT_TRUE(two.ok());
    EXPECT_EQ(*two, 2);
    // "c" still replays; "a" is gone, so another request may claim it.
    EXPECT_EQ(request(scope("c"), ttl_us + 10, created_)->outcome, ClaimOutcome::replay);
    EXPECT_EQ(request(scope("a", "f9"), ttl_us + 10, created_)->outcome, ClaimOutcome::claimed);
}

TEST_P(IdempotencyKeys, RefusesBadKeys) {
    auto claim_key = [&](std::string key) {
        return in_txn([&](store::Txn& txn) {
            return idempotency::claim(txn, scope(std::move(key)), at(0), at(ttl_us));
        });
    };
    auto empty = claim_key("");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_EQ(testing::only_field(empty.error()), "Idempotency-Key");
    auto longest = claim_key(std::string(core::idempotency_key_bytes_max, 'k'));
    ASSERT_TRUE(longest.ok()) << longest.error().message();
    EXPECT_EQ(longest->outcome, ClaimOutcome::claimed);
    auto too_long = claim_key(std::string(core::idempotency_key_bytes_max + 1, 'k'));
    ASSERT_FALSE(too_long.ok());
    EXPECT_EQ(too_long.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_FALSE(claim_key("a\nb").ok());
    EXPECT_FALSE(claim_key(std::string("a\0b", 3)).ok());
    // Injection text is only ever a bound parameter.
    auto hostile = claim_key("'; DROP TABLE idempotency_keys; --");
    ASSERT_TRUE(hostile.ok()) << hostile.error().message();
    EXPECT_EQ(hostile->outcome, ClaimOutcome::claimed);
}

TEST_P(IdempotencyKeys, ConcurrentClaimsOfOneKeyClaimItOnce) {
    constexpr int threads = 8;
    constexpr int keys = 10;
    for (int round = 0; round < keys; ++round) {
        const std::string key = "concurrent-" + std::to_string(round);
        std::atomic<int> claimed{0};
        std::atomic<int> replayed{0};
        std::atomic<int> failed{0};
        std::vector<std::thread> workers;
        workers.reserve(threads);
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&] {
                // The outcome of the attempt that committed: a transaction re-run after a
                // conflict overwrites it, so only committed outcomes are counted.
                std::optional<ClaimOutcome> outcome;
                auto done = db().transact(store::TxnMode::read_write, [&](store::Txn& txn) {
                    auto claim = idempotency::claim(txn, scope(key), at(0), at(ttl_us));
                    if (!claim.ok()) {
                        return core::Result<void>(claim.error());
                    }
                    outcome = claim->outcome;
                    if (claim->outcome == ClaimOutcome::replay) {
                        EXPECT_EQ(claim->response->body, R"({"id":1})");
                        return core::ok();
                    }
                    // Hold the claim a moment, as a handler would, so the others must wait.
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                    return idempotency::complete(txn, scope(key), created_, at(0), at(ttl_us));
                });
                if (!done.ok()) {
                    ++failed;
                    ADD_FAILURE() << done.error().message();
                } else if (outcome == ClaimOutcome::claimed) {
                    ++claimed;
                } else if (outcome == ClaimOutcome::replay) {
                    ++replayed;
                }
            });
        }
        for (std::thread& worker : workers) {
            worker.join();
        }
        // Every thread committed; exactly one claimed the key and the others replayed it.
        EXPECT_EQ(failed.load(), 0);
        EXPECT_EQ(claimed.load(), 1) << key;
        EXPECT_EQ(replayed.load(), threads - 1) << key;
    }
}

TEST_P(IdempotencyKeys, ThePurgerPurgesAtStartAndStopsWithoutWaitingItsInterval) {
    ASSERT_TRUE(request(scope("old"), 0, created_).ok());
    ASSERT_TRUE(request(scope("new"), ttl_us, created_).ok());
    const core::FixedClock later(at(ttl_us + 1));  // "old" has expired, "new" has not
    std::promise<std::int64_t> first_purge;
    bool reported = false;
    {
        const idempotency::Purger purger(db(), later, std::chrono::hours(1), [&](std::int64_t n) {
            if (!std::exchange(reported, true)) {
                first_purge.set_value(n);
            }
        });
        EXPECT_EQ(first_purge.get_future().get(), 1);
    }  // destroyed here, an hour before its next purge: stopping does not wait for it
    auto kept = request(scope("new"), ttl_us + 2, created_);
    ASSERT_TRUE(kept.ok()) << kept.error().message();
    EXPECT_EQ(kept->outcome, ClaimOutcome::replay);
    auto gone = request(scope("old", "f9"), ttl_us + 2, created_);
    ASSERT_TRUE(gone.ok()) << gone.error().message();
    EXPECT_EQ(gone->outcome, ClaimOutcome::claimed);  // a mismatch, had the row survived
}

BO_INSTANTIATE_ON_ALL_BACKENDS(IdempotencyKeys);

}  // namespace
}  // namespace bo::platform
