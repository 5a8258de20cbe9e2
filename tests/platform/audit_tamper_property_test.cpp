// Goal: for any interleaving of appends across 2-3 companies and any single tampering of one
// stored event (an edited column, a deleted event, deleted events at the end), verify names
// exactly that company and position; without tampering every chain is intact.
// Method: a rapidcheck property run inside a test parameterized over both backends. Each case
// creates fresh companies in the one database of the test, so cases do not see each other's
// damage; each verifies with a random page size so page boundaries fall everywhere. A failure
// prints rapidcheck's seed (replay with RC_PARAMS="seed=N").
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "platform/audit/audit.hpp"
#include "platform/storage_fixture.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::platform {
namespace {

using audit::BreakKind;
using store::Value;

// Edits that change one column of one event, as raw SQL (the column name is part of the fixed
// statement text, never input).
const std::vector<std::string>& column_edits() {
    static const std::vector<std::string> edits = {
        "at_us = at_us + 1",
        "user_id = user_id + 1",
        "username = username || 'x'",
        "action = action || 'x'",
        "entity_type = entity_type || 'x'",
        "entity_id = entity_id || 'x'",
        "changes = changes || ' '",
        "request_id = request_id || 'x'",
        "client_address = client_address || 'x'",
        // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one statement, split for width
        "prev_hash = CASE WHEN substr(prev_hash, 1, 1) = '0' THEN '1' ELSE '0' END "
        "|| substr(prev_hash, 2)",
        "hash = CASE WHEN substr(hash, 1, 1) = '0' THEN '1' ELSE '0' END || substr(hash, 2)",
    };
    return edits;
}

enum class Tampering { none, edit, delete_one, delete_tail };

class AuditTamperProperty : public testing::StorageTest {
protected:
    // One property case; RC_ASSERTs fail the case.
    void run_case() {
        const int company_count = *rc::gen::inRange(2, 4);
        std::vector<tenancy::CompanyId> companies;
        companies.reserve(static_cast<std::size_t>(company_count));
        for (int i = 0; i < company_count; ++i) {
            companies.push_back(create_company());
        }
        const auto length = *rc::gen::inRange<std::size_t>(1, 61);
        const auto order =
            *rc::gen::container<std::vector<int>>(length, rc::gen::inRange(0, company_count));
        std::vector<std::int64_t> counts(companies.size(), 0);
        append_all(companies, order, counts);

        const auto tampering = *rc::gen::element(
            Tampering::none, Tampering::edit, Tampering::delete_one, Tampering::delete_tail);
        std::size_t target = 0;
        std::int64_t seq = 0;
        BreakKind expected = BreakKind::hash_mismatch;
        if (tampering != Tampering::none) {
            // A company that has events, and one of them.
            target = static_cast<std::size_t>(order[*rc::gen::inRange<std::size_t>(0, length)]);
            seq = *rc::gen::inRange<std::int64_t>(1, counts[target] + 1);
            expected = tamper(tampering, companies[target], seq, counts[target]);
        }
        const auto page = *rc::gen::inRange<std::size_t>(1, 11);
        for (std::size_t i = 0; i < companies.size(); ++i) {
            auto report = audit::verify(db(), companies[i], page);
            RC_ASSERT(report.ok());
            if (tampering == Tampering::none || i != target) {
                RC_ASSERT(report->intact());
                RC_ASSERT(report->events_checked == counts[i]);
                continue;
            }
            RC_ASSERT(report->breaks.size() == 1U);
            RC_ASSERT(report->breaks[0].company == companies[i]);
            RC_ASSERT(report->breaks[0].seq == seq);
            RC_ASSERT(report->breaks[0].kind == expected);
        }
    }

private:
    tenancy::CompanyId create_company() {
        const std::string code = "P" + std::to_string(++companies_created_);
        auto created = in_txn([&](store::Txn& txn) {
            return tenancy::create_company(
                txn,
                clock(),
                {.code = code, .name = code, .functional_currency = "EUR", .time_zone = "UTC"});
        });
        RC_ASSERT(created.ok());
        return created->id;
    }

    void append_all(const std::vector<tenancy::CompanyId>& companies,
                    const std::vector<int>& order,
                    std::vector<std::int64_t>& counts) {
        auto done = in_txn([&](store::Txn& txn) -> core::Result<void> {
            for (std::size_t n = 0; n < order.size(); ++n) {
                const auto index = static_cast<std::size_t>(order[n]);
                Actor actor{.company = companies[index],
                            .user = auth::UserId(static_cast<std::int64_t>(n % 4)),
                            .username = "u" + std::to_string(n % 4),
                            .request_id = "r" + std::to_string(n),
                            .client_address = "198.51.100.7"};
                BO_TRY(audit::record(txn,
                                     clock(),
                                     actor,
                                     {.action = "item.update",
                                      .entity_type = "item",
                                      .entity_id = std::to_string(n),
                                      .changes = {{"qty", std::to_string(n), std::nullopt}}}));
                ++counts[index];
            }
            return core::ok();
        });
        RC_ASSERT(done.ok());
    }

    // Applies the tampering to event `seq` of `company`; answers the break verify must report
    // at `seq`.
    BreakKind tamper(Tampering tampering,
                     tenancy::CompanyId company,
                     std::int64_t seq,
                     std::int64_t count) {
        const std::vector<Value> params{company.value(), seq};
        std::string sql;
        BreakKind expected = BreakKind::hash_mismatch;
        switch (tampering) {
            case Tampering::edit:
                sql = "UPDATE audit_events SET " + *rc::gen::elementOf(column_edits())
                      + " WHERE company_id = $1 AND seq = $2";
                break;
            case Tampering::delete_one:
                sql = "DELETE FROM audit_events WHERE company_id = $1 AND seq = $2";
                expected = seq == count ? BreakKind::missing_tail : BreakKind::missing_event;
                break;
            case Tampering::delete_tail:
                sql = "DELETE FROM audit_events WHERE company_id = $1 AND seq >= $2";
                expected = BreakKind::missing_tail;
                break;
            case Tampering::none:
                RC_FAIL("no tampering to apply");
        }
        // RC_ASSERT throws, so it stays outside the transaction's callback.
        auto changed = in_txn([&](store::Txn& txn) { return txn.execute(sql, params); });
        RC_ASSERT(changed.ok());
        RC_ASSERT(*changed >= 1);
        return expected;
    }

    int companies_created_ = 0;
};

TEST_P(AuditTamperProperty, VerifyNamesExactlyTheTamperedEvent) {
    const bool held = rc::check("verify names exactly the tampered event", [this] { run_case(); });
    EXPECT_TRUE(held);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(AuditTamperProperty);

}  // namespace
}  // namespace bo::platform
