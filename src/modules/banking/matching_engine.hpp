// Cash application's matching engine: proposes, for each incoming bank statement line, which
// open invoices it pays, with a score 0-100 and a reason a clerk can read (docs/banking.md,
// "Matching"). Pure computation: no SQL, no clock, no I/O; the matching service loads the
// inputs, stores the proposals and posts the confident ones.
//
// Strategies, tried in this order for every credit line (money in):
//   1. references: invoice numbers in the remittance text, end-to-end id and creditor
//      reference (an ISO 11649 RF reference is checked and its body read), tolerating the
//      ways payers mangle them (matching_text.hpp);
//   2. payer, then amount: the counterparty's IBAN or normalised name names a customer
//      (learned from earlier manual matches, or the customer's own name); then one open
//      invoice of that amount, a combination of its open invoices adding up to the amount
//      (bounded search), or its invoices oldest first;
//   3. amount only: the one open invoice of the company with exactly this amount.
// Each strategy's score is a sum of named points (the `points` namespace below), documented
// in docs/banking.md; nothing else changes a score.
//
// Invariants of every proposal: its allocations are to invoices of one customer in the
// line's currency; each allocation's amount + discount + write_off <= the invoice's open
// balance at that point of the run; the allocations' amounts plus `unapplied_minor` equal the
// line's amount; the discount only when the line's date is within the invoice's discount
// window; a write-off at most the rules' tolerance. Lines are matched in order; a proposal at
// or above the auto-post score uses up the open balances it allocates, so the next line that
// names the same invoice sees what is left (several payments for one invoice).
// Thread safety: a MatchBook is not shared; build one per run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "modules/banking/matching_text.hpp"

namespace bo::modules::banking::matching {

// Bounds of the engine (each with its reason).
// At most 3 proposals per line: a clerk compares a handful, not a list.
inline constexpr std::size_t proposals_per_line_max = 3;
// Invoice numbers read per line: a remittance text is at most 1000 bytes; 50 numbers cover a
// payment advice of one line each, and bound the work per line.
inline constexpr std::size_t references_per_line_max = 50;
// The combination search looks at a customer's 24 oldest open invoices, at most 6 in one
// combination, and gives up after 20,000 steps: bounded whatever the customer's ledger.
inline constexpr std::size_t combination_invoices_max = 24;
inline constexpr std::size_t combination_size_max = 6;
inline constexpr std::size_t combination_steps_max = 20'000;
// Scores run from 0 to 100; an auto-post score of 101 never posts.
inline constexpr std::int64_t score_max = 100;

// What a company configures (GET/PUT /api/v1/matching-rules).
struct MatchingRules {
    std::int64_t auto_post_score_min = 90;  // proposals scoring at least this post themselves
    std::int64_t tolerance_minor = 500;     // short payments up to this are written off
    bool name_matching = true;              // counterparty name -> customer
    bool amount_only = true;                // strategy 3
    std::int64_t date_window_days = 120;    // amount-only: invoices due at most this long ago

    friend bool operator==(const MatchingRules&, const MatchingRules&) = default;
};

// An open (issued, not fully paid) invoice as the engine sees it.
struct OpenInvoice {
    std::int64_t id = 0;
    std::string number;  // "INV-2026-000123"
    std::int64_t customer = 0;
    std::string customer_name;
    core::Currency currency;
    std::int64_t open_minor = 0;  // > 0
    core::Date document_date;
    core::Date due_date;
    std::int64_t discount_minor = 0;             // early-payment discount on what is open
    std::optional<core::Date> discount_until{};  // the last day the discount may be taken
};

// How a counterparty came to be known.
enum class CounterpartyKind { iban, name };

// A counterparty learned from a manual match: its IBAN or normalised name -> a customer.
struct KnownCounterparty {
    CounterpartyKind kind = CounterpartyKind::iban;
    std::string key;  // normalised (normalise_iban / normalise_name)
    std::int64_t customer = 0;
};

// A statement line to match; amounts signed as stored (credits > 0).
struct LineToMatch {
    std::int64_t id = 0;
    core::Date booking_date;
    core::Money amount;
    std::string_view remittance{};
    std::string_view end_to_end_id{};
    std::string_view creditor_reference{};
    std::string_view counterparty_name{};
    std::string_view counterparty_account{};
};

// Which strategy made a proposal. Enumerators equal their wire names.
enum class Strategy { reference, payer_amount, amount_only };

std::string_view to_string(Strategy strategy) noexcept;

struct Allocation {
    std::int64_t invoice = 0;
    std::string number;
    std::int64_t amount_minor = 0;     // cash applied
    std::int64_t discount_minor = 0;   // early-payment discount taken
    std::int64_t write_off_minor = 0;  // short payment written off (within the tolerance)

    friend bool operator==(const Allocation&, const Allocation&) = default;
};

struct Proposal {
    Strategy strategy = Strategy::reference;
    std::int64_t customer = 0;
    std::vector<Allocation> allocations;  // at least one
    std::int64_t unapplied_minor = 0;     // paid beyond what the invoices take
    std::int64_t score = 0;               // 0..100
    std::string reason;                   // one or two sentences for the clerk
};

struct LineMatch {
    std::int64_t line = 0;
    std::vector<Proposal> proposals;  // best first; empty: nothing found
    // The best proposal reaches the auto-post score and no other ties with it: post it.
    bool auto_post = false;
    std::string note;  // what the clerk should know beyond the proposals ("money out: ...")
};

// The points a proposal's score is the sum of (capped at score_max). docs/banking.md
// explains each; tests/modules/matching_engine_test.cpp pins them.
namespace points {
// Reference strength (the weakest reference of a proposal counts).
inline constexpr std::int64_t reference_full = 60;  // INV-2026-000123, inv 2026 123, INV2026000123
inline constexpr std::int64_t reference_year = 55;  // 2026-123, 2026/000123, 2026000123
inline constexpr std::int64_t reference_padded = 45;  // 000123, INV 123 (no year)
inline constexpr std::int64_t reference_bare = 35;    // 123, only when corroborated
// How the amount fits what the proposal allocates.
inline constexpr std::int64_t amount_exact = 35;      // the open balance(s), or discounted
inline constexpr std::int64_t amount_write_off = 30;  // short by at most the tolerance
inline constexpr std::int64_t amount_partial = 25;    // less: a partial payment
inline constexpr std::int64_t amount_over = 20;       // more: the rest is unapplied cash
// Who paid, for a reference proposal.
inline constexpr std::int64_t payer_confirms = 5;       // the payer is known as the customer
inline constexpr std::int64_t payer_contradicts = -30;  // known as another customer
// Payer identification, for payer-amount proposals.
inline constexpr std::int64_t payer_iban = 45;           // learned IBAN
inline constexpr std::int64_t payer_learned_name = 40;   // learned name
inline constexpr std::int64_t payer_customer_name = 30;  // the customer's own name
// What the amount matched, for payer-amount proposals.
inline constexpr std::int64_t single_invoice = 45;    // the one open invoice of the amount
inline constexpr std::int64_t single_write_off = 35;  // the one short by at most the tolerance
inline constexpr std::int64_t same_amount_tie = 25;   // several: the oldest is proposed
inline constexpr std::int64_t combination = 35;       // invoices adding up to the amount
inline constexpr std::int64_t oldest_first = 15;      // none fits: oldest first
// Amount only.
inline constexpr std::int64_t amount_only_single = 50;  // the one open invoice of the amount
inline constexpr std::int64_t amount_only_tie = 30;     // one of two or three
}  // namespace points

// The open invoices, payers and rules of one company, indexed for matching, and the state of
// a run (open balances used up by confident proposals).
class MatchBook {
public:
    MatchBook(std::vector<OpenInvoice> invoices,
              std::span<const KnownCounterparty> counterparties,
              MatchingRules rules);

    // Proposals for one line, best first. A debit line (money out) gets none ("left for
    // payables"). When the best proposal scores at least the auto-post score, its
    // allocations are taken off the open balances for the lines that follow.
    LineMatch match(const LineToMatch& line);

    // Takes a posted allocation off the book (a manual match in the same run).
    void apply(const Allocation& allocation);

    const MatchingRules& rules() const noexcept { return rules_; }

    std::size_t invoice_count() const noexcept { return invoices_.size(); }

    // The open balance of an invoice in this run (0 when unknown or paid).
    std::int64_t open_minor(std::int64_t invoice) const noexcept;

private:
    struct Payer;
    struct Reference;

    struct Fit;

    std::optional<Payer> identify_payer(const LineToMatch& line) const;
    void read_references(const LineToMatch& line,
                         std::string_view text,
                         std::string_view field,
                         const std::optional<Payer>& payer,
                         std::vector<Reference>& found,
                         std::string& note) const;
    std::vector<std::size_t> readings_of(const ReferenceCandidate& candidate,
                                         const core::Currency& currency) const;
    std::vector<Reference> find_references(const LineToMatch& line,
                                           const std::optional<Payer>& payer,
                                           std::string& note) const;
    std::vector<Proposal> by_reference(const LineToMatch& line,
                                       const std::optional<Payer>& payer,
                                       std::string& note) const;
    std::optional<Proposal> reference_proposal(const LineToMatch& line,
                                               const std::optional<Payer>& payer,
                                               std::int64_t customer,
                                               const std::vector<Reference>& references) const;
    std::optional<Proposal> by_payer_amount(const LineToMatch& line, const Payer& payer) const;
    std::vector<Proposal> by_amount_only(const LineToMatch& line, std::string& note) const;
    std::vector<std::size_t> find_combination(const std::vector<std::size_t>& invoices,
                                              std::int64_t amount_minor,
                                              bool& unique) const;
    Fit allocate(const LineToMatch& line, const std::vector<std::size_t>& invoices) const;
    bool discount_applies(std::size_t index, core::Date paid_on) const noexcept;
    std::int64_t due_now(std::size_t index, core::Date paid_on) const noexcept;
    std::vector<std::size_t> customer_open(std::int64_t customer,
                                           const core::Currency& currency) const;
    bool usable(std::size_t index, const core::Currency& currency) const noexcept;

    std::vector<OpenInvoice> invoices_;
    std::vector<std::int64_t> open_;  // by index into invoices_
    MatchingRules rules_;
    std::unordered_map<std::int64_t, std::size_t> by_id_;
    std::unordered_map<std::int64_t, std::size_t> by_year_sequence_;  // year * 1e9 + sequence
    std::unordered_map<std::int64_t, std::vector<std::size_t>> by_sequence_;
    std::unordered_map<std::string, std::size_t> by_number_;  // other numbering: alnum, upper
    std::unordered_map<std::int64_t, std::vector<std::size_t>> by_customer_;  // by due date
    std::unordered_map<std::int64_t, std::vector<std::size_t>> by_amount_;    // open at start
    std::unordered_map<std::string, std::int64_t> iban_customer_;
    std::unordered_map<std::string, std::int64_t> learned_name_customer_;
    std::unordered_map<std::string, std::int64_t> name_customer_;  // -1: two customers
    std::vector<int> years_;  // years of the invoice numbers, for reading "2026-123"
};

// Matches `lines` in order against one book (see MatchBook::match).
std::vector<LineMatch> match_lines(MatchBook& book, std::span<const LineToMatch> lines);

}  // namespace bo::modules::banking::matching
