// Verifying the audit trail: recompute every company's hash chain, page by page.
//
// Per company, one snapshot statement reads the chain head and the highest stored seq; then the
// events 1..bound (bound = the head's seq, or the highest seq when the head is missing) are read
// in seq order, `page_events` at a time, and each is checked in this order:
//   1. its seq is the next one (else an event was deleted: missing_event at the missing seq);
//   2. it is readable and its stored hash is the hash of its content (else hash_mismatch);
//   3. its prev_hash is the previous event's hash (else the previous event was rewritten with a
//      recomputed hash: broken_link at the previous seq).
// Then the tail: fewer events than the head says (missing_tail), events past the head, a last
// hash unlike the head's, or no head at all (head_mismatch). The first failure ends the company.
// Events at or below the head never change once committed, so pages may be read in separate
// transactions; events appended meanwhile lie past the head read at the start and are skipped.
#include "platform/audit/audit.hpp"
#include "platform/audit/queries.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::platform::audit {
namespace {

// The state of one company's verification between pages.
class ChainVerifier {
public:
    ChainVerifier(tenancy::CompanyId company, std::string company_code)
        : company_(company), company_code_(std::move(company_code)) {}

    // Reads the head. Answers false when the company has neither events nor a head.
    [[nodiscard]] core::Result<bool> start(store::Txn& txn) {
        BO_TRY_ASSIGN(state_, queries::select_chain_state(txn, company_));
        if (!state_.head_seq && !state_.max_event_seq) {
            return false;
        }
        bound_seq_ = state_.head_seq.value_or(state_.max_event_seq.value_or(0));
        return true;
    }

    // Checks the next page. Answers true when the company is done (checked or broken).
    [[nodiscard]] core::Result<bool> next_page(store::Txn& txn, std::size_t page_events) {
        if (done_) {
            return true;
        }
        BO_TRY_ASSIGN(
            auto events,
            queries::select_event_page(
                txn, company_, last_seq_, bound_seq_, static_cast<std::int64_t>(page_events)));
        for (const queries::StoredEvent& stored : events) {
            if (!check(stored)) {
                done_ = true;
                return true;
            }
        }
        if (events.size() < page_events) {
            finish();
            done_ = true;
        }
        return done_;
    }

    [[nodiscard]] const std::optional<ChainBreak>& broken() const noexcept { return break_; }

    [[nodiscard]] std::int64_t events_checked() const noexcept { return events_checked_; }

    // Where the chain ended when it was read.
    [[nodiscard]] ChainHead head() const {
        return ChainHead{company_,
                         company_code_,
                         state_.head_seq.value_or(0),
                         state_.head_hash.value_or(std::string())};
    }

    // Pages needed at most: a loop bound for the caller.
    [[nodiscard]] std::int64_t pages_max(std::size_t page_events) const {
        return bound_seq_ / static_cast<std::int64_t>(page_events) + 2;
    }

private:
    bool check(const queries::StoredEvent& stored) {
        const Event& event = stored.event;
        const std::int64_t expected = last_seq_ + 1;
        if (event.seq != expected) {
            return fail(expected,
                        BreakKind::missing_event,
                        "missing (deleted); the next stored event is " + std::to_string(event.seq));
        }
        if (!stored.well_formed) {
            return fail(event.seq,
                        BreakKind::hash_mismatch,
                        "a column holds NULL or a value of the wrong kind (edited after it was "
                        "written)");
        }
        ++events_checked_;
        if (compute_hash(event) != event.hash) {
            return fail(event.seq,
                        BreakKind::hash_mismatch,
                        "stored hash does not match its content (edited after it was written)");
        }
        if (event.prev_hash != last_hash_ && last_seq_ == 0) {
            return fail(event.seq,
                        BreakKind::broken_link,
                        "the first event does not chain to the genesis hash (rewritten after it "
                        "was written)");
        }
        if (event.prev_hash != last_hash_) {
            return fail(last_seq_,
                        BreakKind::broken_link,
                        "its hash no longer matches the link stored in event "
                            + std::to_string(event.seq)
                            + " (rewritten with a recomputed hash after it was written)");
        }
        last_seq_ = event.seq;
        last_hash_ = event.hash;
        return true;
    }

    void finish() {
        if (!state_.head_seq) {
            fail(last_seq_,
                 BreakKind::head_mismatch,
                 "the chain head is missing (deleted) although events exist");
            return;
        }
        if (last_seq_ < *state_.head_seq) {
            const std::int64_t first_missing = last_seq_ + 1;
            fail(first_missing,
                 BreakKind::missing_tail,
                 first_missing == *state_.head_seq
                     ? "missing (deleted from the end of the chain, whose head names it)"
                     : "missing, as is every later event up to the chain head's "
                           + std::to_string(*state_.head_seq)
                           + " (deleted from the end of the chain)");
            return;
        }
        if (state_.max_event_seq && *state_.max_event_seq > *state_.head_seq) {
            fail(*state_.head_seq + 1,
                 BreakKind::head_mismatch,
                 "lies past the chain head (written outside the program)");
            return;
        }
        if (state_.head_hash != last_hash_) {
            fail(last_seq_,
                 BreakKind::head_mismatch,
                 "the chain head's hash is not this last event's hash (the head was edited)");
        }
    }

    // Records the break; answers false so that `check` can return it.
    bool fail(std::int64_t seq, BreakKind kind, std::string detail) {
        break_ = ChainBreak{company_, company_code_, seq, kind, std::move(detail)};
        return false;
    }

    tenancy::CompanyId company_;
    std::string company_code_;
    queries::ChainState state_;
    std::int64_t bound_seq_ = 0;
    std::int64_t last_seq_ = 0;
    std::string last_hash_{queries::genesis_hash};
    std::int64_t events_checked_ = 0;
    bool done_ = false;
    std::optional<ChainBreak> break_;
};

void add_to_report(VerifyReport& report, const ChainVerifier& verifier) {
    ++report.companies_checked;
    report.events_checked += verifier.events_checked();
    report.heads.push_back(verifier.head());
    if (verifier.broken()) {
        report.breaks.push_back(*verifier.broken());
    }
}

// Companies are listed a page at a time too, so that their number is not bounded by memory.
constexpr std::int64_t company_page_size = 100;

// Checks the next page of `verifier` in a read-only transaction of its own; answers whether
// the company is done.
core::Result<bool> next_page(store::Database& database,
                             ChainVerifier& verifier,
                             std::size_t page_events) {
    bool done = false;
    BO_TRY(database.transact(store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(done, verifier.next_page(txn, page_events));
        return core::ok();
    }));
    return done;
}

// Verifies one company, each page in its own read-only transaction.
core::Result<void> verify_company(store::Database& database,
                                  const tenancy::Company& company,
                                  std::size_t page_events,
                                  VerifyReport& report) {
    ChainVerifier verifier(company.id, company.code);
    bool has_chain = false;
    BO_TRY(database.transact(store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(has_chain, verifier.start(txn));
        return core::ok();
    }));
    if (!has_chain) {
        return core::ok();
    }
    const std::int64_t pages_max = verifier.pages_max(page_events);
    bool done = false;
    for (std::int64_t page = 0; !done; ++page) {
        BO_ASSERT(page < pages_max);
        BO_TRY_ASSIGN(done, next_page(database, verifier, page_events));
    }
    add_to_report(report, verifier);
    return core::ok();
}

core::Result<std::vector<tenancy::Company>> company_page(store::Database& database,
                                                         tenancy::CompanyId after) {
    std::vector<tenancy::Company> companies;
    BO_TRY(database.transact(store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(companies, tenancy::list_companies(txn, after, company_page_size));
        return core::ok();
    }));
    return companies;
}

// The company with this id (tenancy lists by id; there is no lookup by id yet).
core::Result<tenancy::Company> company_by_id(store::Txn& txn, tenancy::CompanyId id) {
    BO_TRY_ASSIGN(auto companies,
                  tenancy::list_companies(txn, tenancy::CompanyId(id.value() - 1), 1));
    if (companies.empty() || companies.front().id != id) {
        return core::Error(core::ErrorCode::not_found,
                           "company " + std::to_string(id.value()) + " does not exist");
    }
    return std::move(companies.front());
}

// The same in a read-only transaction of its own.
core::Result<tenancy::Company> company_by_id(store::Database& database, tenancy::CompanyId id) {
    std::optional<tenancy::Company> found;
    BO_TRY(database.transact(store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(found, company_by_id(txn, id));
        return core::ok();
    }));
    return std::move(*found);
}

core::Result<void> verify_companies(store::Database& database,
                                    const std::vector<tenancy::Company>& companies,
                                    std::size_t page_events,
                                    VerifyReport& report) {
    for (const tenancy::Company& each : companies) {
        BO_TRY(verify_company(database, each, page_events, report));
    }
    return core::ok();
}

// Verifies every company, a page of companies at a time.
core::Result<void> verify_all(store::Database& database,
                              std::size_t page_events,
                              VerifyReport& report) {
    tenancy::CompanyId after{};
    // Bounded by the number of companies: each round moves `after` past a full page.
    for (;;) {
        BO_TRY_ASSIGN(auto companies, company_page(database, after));
        BO_TRY(verify_companies(database, companies, page_events, report));
        if (static_cast<std::int64_t>(companies.size()) < company_page_size) {
            return core::ok();
        }
        after = companies.back().id;
    }
}

}  // namespace

core::Result<VerifyReport> verify(store::Txn& txn,
                                  tenancy::CompanyId company,
                                  std::size_t page_events) {
    BO_ASSERT(page_events >= 1);
    BO_ASSERT(page_events <= verify_page_events_max);
    BO_TRY_ASSIGN(tenancy::Company found, company_by_id(txn, company));
    VerifyReport report;
    ChainVerifier verifier(found.id, found.code);
    BO_TRY_ASSIGN(bool has_chain, verifier.start(txn));
    if (!has_chain) {
        return report;
    }
    const std::int64_t pages_max = verifier.pages_max(page_events);
    bool done = false;
    for (std::int64_t page = 0; !done; ++page) {
        BO_ASSERT(page < pages_max);
        BO_TRY_ASSIGN(done, verifier.next_page(txn, page_events));
    }
    add_to_report(report, verifier);
    return report;
}

core::Result<VerifyReport> verify(store::Database& database,
                                  std::optional<tenancy::CompanyId> company,
                                  std::size_t page_events) {
    BO_ASSERT(page_events >= 1);
    BO_ASSERT(page_events <= verify_page_events_max);
    VerifyReport report;
    if (company) {
        BO_TRY_ASSIGN(const tenancy::Company found, company_by_id(database, *company));
        BO_TRY(verify_company(database, found, page_events, report));
        return report;
    }
    BO_TRY(verify_all(database, page_events, report));
    return report;
}

}  // namespace bo::platform::audit
