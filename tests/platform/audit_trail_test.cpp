// Goal: the audit trail appends gap-free hash-chained events per company, searches them, and
// `verify` finds any edit or deletion made behind the program's back, naming the first broken
// event: an edited field, an edited hash, a deleted middle event, deleted events at the end, a
// rewritten event with a recomputed hash, a deleted head, an event written past the head.
// Method: each storage test runs once per backend on a fresh migrated database (StorageTest);
// tampering is raw SQL through a Txn, as an attacker with database access would do it.
// Concurrent appends from 8 threads must leave a gap-free, verifiable chain.
#include <atomic>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/limits.hpp"
#include "platform/audit/audit.hpp"
#include "platform/storage_fixture.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::platform {
namespace {

using audit::BreakKind;
using audit::FieldChange;
using audit::NewEvent;
using store::Value;

class AuditTrail : public testing::StorageTest {
protected:
    tenancy::CompanyId company(const std::string& code) {
        auto created = in_txn([&](store::Txn& txn) {
            return tenancy::create_company(txn,
                                           clock(),
                                           {.code = code,
                                            .name = code + " Ltd",
                                            .functional_currency = "EUR",
                                            .time_zone = "UTC"});
        });
        EXPECT_TRUE(created.ok()) << created.error().message();
        return created->id;
    }

    static Actor actor(tenancy::CompanyId company, std::int64_t user = 42) {
        return Actor{.company = company,
                     .user = auth::UserId(user),
                     .username = "user" + std::to_string(user),
                     .request_id = "req-" + std::to_string(user),
                     .client_address = "192.0.2.1"};
    }

    static NewEvent event(int n) {
        return NewEvent{.action = n % 2 == 0 ? "vendor.create" : "vendor.update",
                        .entity_type = "vendor",
                        .entity_id = std::to_string(n % 5),
                        .changes = {{"name", "\"old\"", "\"name " + std::to_string(n) + "\""}}};
    }

    // Appends `count` events for `company`, in one transaction.
    void append(tenancy::CompanyId company, int count) {
        auto done = in_txn([&](store::Txn& txn) -> core::Result<void> {
            for (int n = 0; n < count; ++n) {
                BO_TRY(audit::record(txn, clock(), actor(company, 40 + n % 3), event(n)));
            }
            return core::ok();
        });
        ASSERT_TRUE(done.ok()) << done.error().message();
    }

    // Runs one raw statement behind the program's back.
    void raw(const std::string& sql, const std::vector<Value>& params) {
        auto done = in_txn([&](store::Txn& txn) -> core::Result<void> {
            BO_TRY(txn.execute(sql, params));
            return core::ok();
        });
        ASSERT_TRUE(done.ok()) << done.error().message() << " in " << sql;
    }

    audit::VerifyReport verified(std::optional<tenancy::CompanyId> only = std::nullopt,
                                 std::size_t page_events = audit::verify_page_events_max) {
        auto report = audit::verify(db(), only, page_events);
        EXPECT_TRUE(report.ok()) << report.error().message();
        return report.ok() ? *report : audit::VerifyReport{};
    }

    // Verifies everything and expects exactly one broken company, ACME, at `seq`.
    void expect_break(std::int64_t seq, BreakKind kind) {
        for (std::size_t page : {std::size_t{1}, std::size_t{7}, audit::verify_page_events_max}) {
            audit::VerifyReport report = verified(std::nullopt, page);
            ASSERT_EQ(report.breaks.size(), 1U) << "page " << page;
            EXPECT_EQ(report.breaks[0].company_code, "ACME");
            EXPECT_EQ(report.breaks[0].seq, seq) << report.breaks[0].detail;
            EXPECT_EQ(report.breaks[0].kind, kind) << report.breaks[0].detail;
            EXPECT_FALSE(report.breaks[0].detail.empty());
        }
    }

    // ACME with 40 events and BETA with 10, intact.
    void two_companies() {
        acme_ = company("ACME");
        beta_ = company("BETA");
        append(acme_, 20);
        append(beta_, 10);
        append(acme_, 20);
        ASSERT_TRUE(verified().intact());
    }

    tenancy::CompanyId acme_;
    tenancy::CompanyId beta_;
};

TEST_P(AuditTrail, AppendsGapFreeChainsPerCompany) {
    two_companies();
    audit::VerifyReport report = verified();
    EXPECT_EQ(report.companies_checked, 2);
    EXPECT_EQ(report.events_checked, 50);
    ASSERT_EQ(report.heads.size(), 2U);
    EXPECT_EQ(report.heads[0].company_code, "ACME");
    EXPECT_EQ(report.heads[0].seq, 40);
    EXPECT_EQ(report.heads[0].hash.size(), 64U);
    EXPECT_EQ(report.heads[1].seq, 10);

    auto page = in_txn([&](store::Txn& txn) { return audit::search(txn, acme_, {}, 0, 500); });
    ASSERT_TRUE(page.ok()) << page.error().message();
    ASSERT_EQ(page->events.size(), 40U);
    EXPECT_FALSE(page->next_before_seq.has_value());
    for (std::size_t i = 0; i < 40; ++i) {
        const audit::Event& e = page->events[i];
        EXPECT_EQ(e.seq, 40 - static_cast<std::int64_t>(i));  // newest first
        EXPECT_EQ(e.company, acme_);
        EXPECT_EQ(e.at.unix_micros(), testing::fixed_clock_us);
        EXPECT_EQ(e.hash, audit::compute_hash(e));
        if (i + 1 < 40) {
            EXPECT_EQ(e.prev_hash, page->events[i + 1].hash);
        }
    }
    EXPECT_EQ(page->events.back().prev_hash, std::string(64, '0'));
    EXPECT_EQ(page->events.back().request_id, "req-40");
    EXPECT_EQ(page->events.back().client_address, "192.0.2.1");
    EXPECT_EQ(page->events.back().changes, R"([{"field":"name","before":"old","after":"name 0"}])");
}

TEST_P(AuditTrail, SearchFiltersAndPages) {
    acme_ = company("ACME");
    beta_ = company("BETA");
    append(acme_, 10);
    append(beta_, 3);
    auto search = [&](const audit::EventFilter& filter, std::int64_t before, std::int64_t limit) {
        auto page = in_txn(
            [&](store::Txn& txn) { return audit::search(txn, acme_, filter, before, limit); });
        EXPECT_TRUE(page.ok()) << page.error().message();
        return page.ok() ? *page : audit::EventPage{};
    };
    // Entity 2 is touched by events 3 and 8 (n = 2 and 7).
    audit::EventPage entity = search({.entity_type = "vendor", .entity_id = "2"}, 0, 50);
    ASSERT_EQ(entity.events.size(), 2U);
    EXPECT_EQ(entity.events[0].seq, 8);
    EXPECT_EQ(entity.events[1].seq, 3);
    EXPECT_EQ(search({.username = "user41"}, 0, 50).events.size(), 3U);
    EXPECT_EQ(search({.action = "vendor.create"}, 0, 50).events.size(), 5U);
    EXPECT_EQ(search({.username = "user40", .action = "vendor.create"}, 0, 50).events.size(), 2U);
    EXPECT_EQ(search({.username = "nobody"}, 0, 50).events.size(), 0U);
    // Time is half-open: [t, t+1) holds everything, [t+1, ...) nothing.
    const core::Instant at(testing::fixed_clock_us);
    EXPECT_EQ(search({.from = at, .to = core::Instant(at.unix_micros() + 1)}, 0, 50).events.size(),
              10U);
    EXPECT_EQ(search({.from = core::Instant(at.unix_micros() + 1)}, 0, 50).events.size(), 0U);
    EXPECT_EQ(search({.to = at}, 0, 50).events.size(), 0U);

    // Pages of 4: 10..7, 6..3, 2..1.
    audit::EventPage first = search({}, 0, 4);
    ASSERT_EQ(first.events.size(), 4U);
    ASSERT_TRUE(first.next_before_seq.has_value());
    audit::EventPage second = search({}, *first.next_before_seq, 4);
    ASSERT_EQ(second.events.size(), 4U);
    EXPECT_EQ(second.events.front().seq, 6);
    audit::EventPage third = search({}, *second.next_before_seq, 4);
    ASSERT_EQ(third.events.size(), 2U);
    EXPECT_EQ(third.events.back().seq, 1);
    EXPECT_FALSE(third.next_before_seq.has_value());

    auto too_many = in_txn([&](store::Txn& txn) {
        return audit::search(txn, acme_, {}, 0, static_cast<std::int64_t>(core::page_size_max) + 1);
    });
    ASSERT_FALSE(too_many.ok());
    EXPECT_EQ(too_many.error().code(), core::ErrorCode::limit_exceeded);
    auto at_max = in_txn([&](store::Txn& txn) {
        return audit::search(txn, acme_, {}, 0, static_cast<std::int64_t>(core::page_size_max));
    });
    EXPECT_TRUE(at_max.ok());
}

TEST_P(AuditTrail, RefusesBadEventsAndWritesNothing) {
    acme_ = company("ACME");
    auto refused = [&](NewEvent bad, Actor who) {
        auto result =
            in_txn([&](store::Txn& txn) { return audit::record(txn, clock(), who, bad); });
        EXPECT_FALSE(result.ok());
        return result.ok() ? core::ErrorCode::internal : result.error().code();
    };
    const Actor who = actor(acme_);
    EXPECT_EQ(refused({.action = ""}, who), core::ErrorCode::invalid_argument);
    EXPECT_EQ(refused({.action = "x.y"}, actor(tenancy::CompanyId{})),
              core::ErrorCode::invalid_argument);
    EXPECT_EQ(refused({.action = "x.y", .changes = {{"a", "{not json", std::nullopt}}}, who),
              core::ErrorCode::invalid_argument);
    EXPECT_EQ(refused({.action = "x.y", .changes = {{"a", "1.5", std::nullopt}}}, who),
              core::ErrorCode::invalid_argument);
    EXPECT_EQ(refused({.action = "x.y",
                       .changes = {{"a", "123456789012345678901234567890", std::nullopt}}},
                      who),
              core::ErrorCode::invalid_argument);
    EXPECT_EQ(refused({.action = "x.y", .changes = {{"a", "1", "2"}, {"a", "2", "3"}}}, who),
              core::ErrorCode::invalid_argument);
    EXPECT_EQ(refused({.action = std::string(audit::action_bytes_max + 1, 'a')}, who),
              core::ErrorCode::limit_exceeded);
    std::vector<FieldChange> wide(audit::changes_count_max + 1);
    for (std::size_t i = 0; i < wide.size(); ++i) {
        wide[i] = {"f" + std::to_string(i), std::nullopt, "1"};
    }
    EXPECT_EQ(refused({.action = "x.y", .changes = wide}, who), core::ErrorCode::limit_exceeded);
    wide.pop_back();
    auto at_limit = in_txn([&](store::Txn& txn) {
        return audit::record(txn, clock(), who, {.action = "x.y", .changes = wide});
    });
    EXPECT_TRUE(at_limit.ok()) << at_limit.error().message();
    audit::VerifyReport report = verified();
    EXPECT_TRUE(report.intact());
    EXPECT_EQ(report.events_checked, 1);
}

TEST_P(AuditTrail, ChangesAreStoredCanonically) {
    acme_ = company("ACME");
    auto done = in_txn([&](store::Txn& txn) {
        return audit::record(txn,
                             clock(),
                             actor(acme_),
                             {.action = "customer.update",
                              .entity_type = "customer",
                              .entity_id = "7",
                              .changes = {{"zip", "\"1000\"", std::nullopt},
                                          {"name", "  \"A\"  ", "{ \"b\" : [1, 2] , \"a\":null }"},
                                          {"email", std::nullopt, "null"}}});
    });
    ASSERT_TRUE(done.ok()) << done.error().message();
    auto page = in_txn([&](store::Txn& txn) { return audit::search(txn, acme_, {}, 0, 1); });
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->events.size(), 1U);
    EXPECT_EQ(page->events[0].changes,
              R"([{"field":"email","after":null},{"field":"name","before":"A",)"
              R"("after":{"b":[1,2],"a":null}},{"field":"zip","before":"1000"}])");
}

TEST_P(AuditTrail, ManyEventsOverManyPagesVerify) {
    acme_ = company("ACME");
    beta_ = company("BETA");
    append(acme_, 600);
    append(beta_, 1001);
    for (std::size_t page : {std::size_t{1}, std::size_t{7}, std::size_t{600}, std::size_t{1000}}) {
        audit::VerifyReport report = verified(std::nullopt, page);
        EXPECT_TRUE(report.intact()) << "page " << page;
        EXPECT_EQ(report.events_checked, 1601);
        EXPECT_EQ(report.companies_checked, 2);
    }
    EXPECT_EQ(verified(beta_).events_checked, 1001);
    auto in_one_txn = in_txn([&](store::Txn& txn) { return audit::verify(txn, acme_, 50); });
    ASSERT_TRUE(in_one_txn.ok()) << in_one_txn.error().message();
    EXPECT_TRUE(in_one_txn->intact());
    EXPECT_EQ(in_one_txn->events_checked, 600);
}

TEST_P(AuditTrail, CompaniesWithoutEventsAreNotCounted) {
    acme_ = company("ACME");
    company("IDLE");
    append(acme_, 3);
    audit::VerifyReport report = verified();
    EXPECT_TRUE(report.intact());
    EXPECT_EQ(report.companies_checked, 1);
    auto unknown = audit::verify(db(), tenancy::CompanyId(999));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code(), core::ErrorCode::not_found);
}

TEST_P(AuditTrail, FindsAnEditedField) {
    two_companies();
    raw("UPDATE audit_events SET username = 'mallory' WHERE company_id = $1 AND seq = 17",
        {acme_.value()});
    expect_break(17, BreakKind::hash_mismatch);
}

TEST_P(AuditTrail, FindsEveryEditedColumn) {
    two_companies();
    const std::vector<std::string> edits = {
        "at_us = at_us + 1",
        "user_id = user_id + 1",
        "action = 'vendor.delete'",
        "entity_type = 'customer'",
        "entity_id = entity_id || '0'",
        "changes = '[]'",
        "request_id = 'forged'",
        "client_address = '203.0.113.9'",
        "prev_hash = 'ff' || substr(prev_hash, 3)",
    };
    for (const std::string& edit : edits) {
        auto done = in_txn([&](store::Txn& txn) -> core::Result<void> {
            const std::vector<Value> params{acme_.value()};
            BO_TRY(txn.execute("UPDATE audit_events SET " + edit
                                   + " WHERE company_id = $1 AND "
                                     "seq = 23",
                               params));
            auto report = audit::verify(txn, acme_, 5);
            EXPECT_TRUE(report.ok());
            EXPECT_EQ(report->breaks.size(), 1U) << edit;
            if (report->breaks.size() == 1) {
                EXPECT_EQ(report->breaks[0].seq, 23) << edit;
                EXPECT_EQ(report->breaks[0].kind, BreakKind::hash_mismatch) << edit;
            }
            // Roll the edit back so that the next one starts from an intact chain.
            return core::Error(core::ErrorCode::conflict, "undo");
        });
        EXPECT_FALSE(done.ok());
        ASSERT_TRUE(verified().intact()) << edit;
    }
}

TEST_P(AuditTrail, FindsAnEditedHash) {
    two_companies();
    raw("UPDATE audit_events SET hash = $2 WHERE company_id = $1 AND seq = 17",
        {acme_.value(), std::string(64, 'a')});
    expect_break(17, BreakKind::hash_mismatch);
}

TEST_P(AuditTrail, FindsADeletedMiddleEvent) {
    two_companies();
    raw("DELETE FROM audit_events WHERE company_id = $1 AND seq = 17", {acme_.value()});
    expect_break(17, BreakKind::missing_event);
}

TEST_P(AuditTrail, FindsADeletedFirstEvent) {
    two_companies();
    raw("DELETE FROM audit_events WHERE company_id = $1 AND seq = 1", {acme_.value()});
    expect_break(1, BreakKind::missing_event);
}

TEST_P(AuditTrail, FindsEventsDeletedAtTheEnd) {
    two_companies();
    raw("DELETE FROM audit_events WHERE company_id = $1 AND seq >= 38", {acme_.value()});
    expect_break(38, BreakKind::missing_tail);
}

TEST_P(AuditTrail, FindsTheWholeChainDeleted) {
    two_companies();
    raw("DELETE FROM audit_events WHERE company_id = $1", {acme_.value()});
    expect_break(1, BreakKind::missing_tail);
}

TEST_P(AuditTrail, FindsAnEventRewrittenWithARecomputedHash) {
    two_companies();
    // The attacker knows the algorithm: edits event 17 and stores its correct new hash.
    auto page = in_txn([&](store::Txn& txn) { return audit::search(txn, acme_, {}, 17, 1); });
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->events.size(), 1U);
    audit::Event forged = page->events[0];
    ASSERT_EQ(forged.seq, 16);
    forged.username = "mallory";
    forged.hash = audit::compute_hash(forged);
    raw("UPDATE audit_events SET username = $3, hash = $4 WHERE company_id = $1 AND seq = $2",
        {acme_.value(), forged.seq, forged.username, forged.hash});
    expect_break(16, BreakKind::broken_link);
}

TEST_P(AuditTrail, FindsADeletedHead) {
    two_companies();
    raw("DELETE FROM audit_chain_heads WHERE company_id = $1", {acme_.value()});
    expect_break(40, BreakKind::head_mismatch);
}

TEST_P(AuditTrail, FindsAnEventWrittenPastTheHead) {
    two_companies();
    raw("INSERT INTO audit_events (company_id, seq, at_us, user_id, username, action, "
        "entity_type, entity_id, changes, request_id, client_address, prev_hash, hash) "
        "SELECT company_id, 41, at_us, user_id, username, action, entity_type, entity_id, "
        "changes, request_id, client_address, hash, hash FROM audit_events "
        "WHERE company_id = $1 AND seq = 40",
        {acme_.value()});
    expect_break(41, BreakKind::head_mismatch);
}

TEST_P(AuditTrail, FindsAnEditedHead) {
    two_companies();
    raw("UPDATE audit_chain_heads SET hash = $2 WHERE company_id = $1",
        {acme_.value(), std::string(64, 'b')});
    expect_break(40, BreakKind::head_mismatch);
}

TEST_P(AuditTrail, ReportsEveryBrokenCompanyOnce) {
    two_companies();
    raw("DELETE FROM audit_events WHERE company_id = $1 AND seq = 3", {beta_.value()});
    raw("UPDATE audit_events SET changes = '[]' WHERE company_id = $1 AND seq = 2",
        {acme_.value()});
    raw("UPDATE audit_events SET changes = '[]' WHERE company_id = $1 AND seq = 9",
        {acme_.value()});
    audit::VerifyReport report = verified();
    ASSERT_EQ(report.breaks.size(), 2U);
    EXPECT_EQ(report.breaks[0].company_code, "ACME");
    EXPECT_EQ(report.breaks[0].seq, 2);
    EXPECT_EQ(report.breaks[1].company_code, "BETA");
    EXPECT_EQ(report.breaks[1].seq, 3);
    EXPECT_EQ(report.breaks[1].kind, BreakKind::missing_event);
    EXPECT_TRUE(verified(beta_).breaks.size() == 1);
}

TEST_P(AuditTrail, ConcurrentAppendsLeaveAGapFreeChain) {
    acme_ = company("ACME");
    constexpr int threads = 8;
    constexpr int per_thread = 25;
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    workers.reserve(threads);
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int n = 0; n < per_thread; ++n) {
                auto done = db().transact(store::TxnMode::read_write, [&](store::Txn& txn) {
                    return audit::record(txn, clock(), actor(acme_, 100 + t), event(n));
                });
                if (!done.ok()) {
                    ++failures;
                }
            }
        });
    }
    for (std::thread& worker : workers) {
        worker.join();
    }
    EXPECT_EQ(failures.load(), 0);
    audit::VerifyReport report = verified();
    EXPECT_TRUE(report.intact()) << (report.intact() ? "" : report.breaks.front().detail);
    EXPECT_EQ(report.events_checked, threads * per_thread);
    ASSERT_EQ(report.heads.size(), 1U);
    EXPECT_EQ(report.heads[0].seq, threads * per_thread);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(AuditTrail);

// The hash of a fixed event, computed independently (Python's hashlib.blake2b, digest_size=32,
// over the encoding in docs/audit.md), so the documented encoding is the one the code uses.
TEST(AuditEncoding, MatchesTheDocumentedEncoding) {
    audit::Event event{.company = tenancy::CompanyId(7),
                       .seq = 1,
                       .at = core::Instant(1'709'294'400'000'000),
                       .user = auth::UserId(42),
                       .username = "alice",
                       .action = "vendor.create",
                       .entity_type = "vendor",
                       .entity_id = "17",
                       .changes = R"([{"after":"Acme","field":"name"}])",
                       .request_id = "req-1",
                       .client_address = "192.0.2.1",
                       .prev_hash = std::string(64, '0'),
                       .hash = {}};
    EXPECT_EQ(audit::compute_hash(event),
              "0a6248b3c6319133efdf530db88ed5df9639107ca1585795d3365f423ad69b94");
    // Moving bytes from one text field to the next changes the hash (length prefixes).
    audit::Event shifted = event;
    shifted.entity_type = "vendor1";
    shifted.entity_id = "7";
    EXPECT_NE(audit::compute_hash(shifted), audit::compute_hash(event));
}

TEST(AuditDiff, ListsOnlyChangedFields) {
    boost::json::object before{{"name", "Acme"}, {"city", "Paris"}, {"vat", nullptr}, {"n", 1}};
    boost::json::object after{{"name", "Acme SA"}, {"city", "Paris"}, {"email", "a@b.c"}, {"n", 1}};
    std::vector<FieldChange> changes = audit::diff(before, after);
    ASSERT_EQ(changes.size(), 3U);
    EXPECT_EQ(changes[0].field, "email");
    EXPECT_FALSE(changes[0].before.has_value());
    EXPECT_EQ(changes[0].after, "\"a@b.c\"");
    EXPECT_EQ(changes[1].field, "name");
    EXPECT_EQ(changes[1].before, "\"Acme\"");
    EXPECT_EQ(changes[1].after, "\"Acme SA\"");
    EXPECT_EQ(changes[2].field, "vat");
    EXPECT_EQ(changes[2].before, "null");
    EXPECT_FALSE(changes[2].after.has_value());
    EXPECT_TRUE(audit::diff(before, before).empty());
    EXPECT_EQ(audit::diff(boost::json::object{}, after).size(), 4U);
}

}  // namespace
}  // namespace bo::platform
