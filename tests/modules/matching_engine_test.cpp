// Goal: the matching engine (modules/banking/matching_engine.hpp) proposes the invoices a bank
// line pays, scores them by the documented points, and never proposes on an ambiguous number.
// Method: a small book of open invoices (two customers, numbers of 2025 and 2026) and one line
// per case: each way payers mangle invoice numbers, one payment for several invoices, several
// payments for one invoice, payer then amount, amount only, ties, write-off and discount; then
// the text helpers (names, RF references) and a rapidcheck property: whatever the line, every
// proposal's allocations add up to the line and never exceed an invoice's open balance.
#include "modules/banking/matching_engine.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "modules/banking/matching_text.hpp"

namespace bo::modules::banking::matching {
namespace {

constexpr std::int64_t acme = 1;
constexpr std::int64_t globex = 2;

core::Currency eur() {
    return core::Currency::create("EUR").value();
}

core::Date day(const char* text) {
    return core::Date::parse(text).value();
}

OpenInvoice invoice(std::int64_t id,
                    std::string number,
                    std::int64_t customer,
                    std::int64_t open_minor,
                    const char* due = "2026-02-15") {
    return OpenInvoice{.id = id,
                       .number = std::move(number),
                       .customer = customer,
                       .customer_name = customer == acme ? "ACME Trading GmbH" : "Globex Inc.",
                       .currency = eur(),
                       .open_minor = open_minor,
                       .document_date = day("2026-01-10"),
                       .due_date = day(due)};
}

// ACME: 123 (1000.00), 124 (250.00), 125 (80.00); Globex: 2025-123 (777.00), 130 (250.00),
// 131 (99.90).
std::vector<OpenInvoice> standard_invoices() {
    return {invoice(1, "INV-2026-000123", acme, 100000, "2026-02-10"),
            invoice(2, "INV-2026-000124", acme, 25000, "2026-02-11"),
            invoice(3, "INV-2026-000125", acme, 8000, "2026-02-12"),
            invoice(4, "INV-2025-000123", globex, 77700, "2025-12-31"),
            invoice(5, "INV-2026-000130", globex, 25000, "2026-02-13"),
            invoice(6, "INV-2026-000131", globex, 9990, "2026-02-14")};
}

struct Line {
    std::int64_t amount_minor = 0;
    std::string remittance{};
    std::string name{};
    std::string iban{};
    std::string end_to_end{};
    std::string creditor_reference{};
    const char* date = "2026-02-01";
};

LineToMatch to_match(const Line& line) {
    return LineToMatch{.id = 1,
                       .booking_date = day(line.date),
                       .amount = core::Money{line.amount_minor, eur()},
                       .remittance = line.remittance,
                       .end_to_end_id = line.end_to_end,
                       .creditor_reference = line.creditor_reference,
                       .counterparty_name = line.name,
                       .counterparty_account = line.iban};
}

LineMatch match_one(const Line& line,
                    std::vector<OpenInvoice> invoices = standard_invoices(),
                    std::vector<KnownCounterparty> known = {},
                    MatchingRules rules = {}) {
    MatchBook book(std::move(invoices), known, rules);
    return book.match(to_match(line));
}

std::vector<std::int64_t> invoices_of(const Proposal& proposal) {
    std::vector<std::int64_t> ids;
    for (const Allocation& allocation : proposal.allocations) {
        ids.push_back(allocation.invoice);
    }
    return ids;
}

// The best proposal pays exactly `ids` in full.
void expect_pays(const LineMatch& match, const std::vector<std::int64_t>& ids) {
    ASSERT_FALSE(match.proposals.empty()) << match.note;
    EXPECT_EQ(invoices_of(match.proposals[0]), ids) << match.proposals[0].reason;
}

TEST(MatchingEngine, ExactReferenceAndAmountPostsWithAReadableReason) {
    const LineMatch match = match_one({100000, "Payment INV-2026-000123 thank you"});
    expect_pays(match, {1});
    const Proposal& best = match.proposals[0];
    EXPECT_EQ(best.strategy, Strategy::reference);
    EXPECT_EQ(best.score, points::reference_full + points::amount_exact);
    EXPECT_TRUE(match.auto_post);
    EXPECT_EQ(best.reason,
              "Reference INV-2026-000123 found in the remittance text; the amount equals the "
              "open balance");
    EXPECT_EQ(best.allocations[0].amount_minor, 100000);
    EXPECT_EQ(best.unapplied_minor, 0);
}

TEST(MatchingEngine, ReadsEachManglingOfTheNumber) {
    struct Case {
        const char* text;
        std::int64_t points;
    };

    const Case cases[] = {
        {"inv 2026 123", points::reference_full},
        {"INV2026000123", points::reference_full},
        {"Inv.2026.000123", points::reference_full},
        {"inv-2026-123", points::reference_full},
        {"RE 2026-123", points::reference_year},
        {"2026/000123", points::reference_year},
        {"2026000123", points::reference_year},
        {"Rechnung Nr. 000123", points::reference_padded},  // 2025-123 is Globex's, 1000.00 ≠ 777
        {"INV 123", points::reference_padded},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.text);
        const LineMatch match = match_one({100000, c.text});
        expect_pays(match, {1});
        EXPECT_EQ(match.proposals[0].score, c.points + points::amount_exact);
    }
}

TEST(MatchingEngine, ReadsTheEndToEndIdAndAnRfCreditorReference) {
    const LineMatch by_e2e = match_one({100000, "", "", "", "INV-2026-000123"});
    expect_pays(by_e2e, {1});
    EXPECT_NE(by_e2e.proposals[0].reason.find("end-to-end id"), std::string::npos);

    const std::string rf = make_rf_reference("INV2026000124");
    ASSERT_TRUE(is_rf_reference(rf));
    const LineMatch by_rf = match_one({25000, "", "", "", "", rf});
    expect_pays(by_rf, {2});
    EXPECT_NE(by_rf.proposals[0].reason.find("RF creditor reference"), std::string::npos);
}

TEST(MatchingEngine, OnePaymentForSeveralInvoices) {
    const LineMatch match = match_one({133000, "INV-2026-000123, INV-2026-000124 + 2026-125"});
    expect_pays(match, {1, 2, 3});
    EXPECT_TRUE(match.auto_post);
    EXPECT_EQ(match.proposals[0].score, points::reference_full + points::amount_exact);
    // Bare numbers after the first count when they add up to the amount.
    const LineMatch listed = match_one({133000, "Invoices INV-2026-000123, 124 and 125"});
    expect_pays(listed, {1, 2, 3});
    // The sum confirms them all: the strongest reference counts.
    EXPECT_EQ(listed.proposals[0].score, points::reference_full + points::amount_exact);
    // Not the sum (a partial payment of three): the weakest counts.
    const LineMatch partly = match_one({100000, "Invoices INV-2026-000123, 000124"});
    expect_pays(partly, {1});
    EXPECT_EQ(partly.proposals[0].score, points::reference_padded + points::amount_partial);
}

TEST(MatchingEngine, SeveralPaymentsForOneInvoice) {
    MatchBook book(standard_invoices(), {}, {});
    const LineMatch first = book.match(to_match({60000, "INV-2026-000123 first part"}));
    expect_pays(first, {1});
    EXPECT_EQ(first.proposals[0].allocations[0].amount_minor, 60000);
    EXPECT_EQ(first.proposals[0].score, points::reference_full + points::amount_partial);
    EXPECT_FALSE(first.auto_post);  // 85 < 90: a clerk looks at partial payments
    book.apply(first.proposals[0].allocations[0]);
    EXPECT_EQ(book.open_minor(1), 40000);
    const LineMatch second = book.match(to_match({40000, "INV-2026-000123 rest"}));
    expect_pays(second, {1});
    EXPECT_EQ(second.proposals[0].score, points::reference_full + points::amount_exact);
    EXPECT_TRUE(second.auto_post);
    EXPECT_EQ(book.open_minor(1), 0);
    // A third payment naming the paid invoice finds nothing open under that number.
    const LineMatch third = book.match(to_match({40000, "INV-2026-000123"}));
    EXPECT_TRUE(third.proposals.empty()
                || invoices_of(third.proposals[0]) != std::vector<std::int64_t>{1});
}

TEST(MatchingEngine, AmbiguousNumbersProposeNothing) {
    // "123" is 2026-123 (ACME, 1000.00) and 2025-123 (Globex, 777.00): an unknown payer paying
    // 500.00 gives nothing to choose by.
    const LineMatch match = match_one({50000, "invoice 123"});
    EXPECT_TRUE(match.proposals.empty());
    EXPECT_NE(match.note.find("fits 2 open invoices"), std::string::npos) << match.note;
    // "000123" too.
    EXPECT_TRUE(match_one({50000, "000123"}).proposals.empty());
    // The amount tells them apart.
    expect_pays(match_one({77700, "invoice 123"}), {4});
}

TEST(MatchingEngine, NoFalsePositivesOnDatesAmountsAndStrayNumbers) {
    // A date, an amount and a bare number nothing confirms propose no invoice.
    for (const char* text : {"payment of 2026-01-24",
                             "15.01.2026",
                             "ref 124,00 EUR",
                             "order 125 delivered",
                             "2026-12"}) {
        SCOPED_TRACE(text);
        const LineMatch match = match_one({12345, text});
        EXPECT_TRUE(match.proposals.empty()) << match.proposals[0].reason;
    }
}

TEST(MatchingEngine, BareNumberNeedsConfirmation) {
    // "125" alone: the amount confirms it.
    expect_pays(match_one({8000, "125"}), {3});
    // Not the amount, unknown payer: no.
    EXPECT_TRUE(match_one({7000, "125"}).proposals.empty());
    // The payer is ACME (its own name) and a keyword precedes: a partial payment of it.
    const LineMatch known = match_one({7000, "Rechnung 125", "ACME Trading"});
    expect_pays(known, {3});
    EXPECT_EQ(known.proposals[0].score,
              points::reference_bare + points::amount_partial + points::payer_confirms);
}

TEST(MatchingEngine, WriteOffWithinToleranceAndDiscountInWindow) {
    const LineMatch short_paid = match_one({99700, "INV-2026-000123"});
    expect_pays(short_paid, {1});
    EXPECT_EQ(short_paid.proposals[0].allocations[0].amount_minor, 99700);
    EXPECT_EQ(short_paid.proposals[0].allocations[0].write_off_minor, 300);
    EXPECT_EQ(short_paid.proposals[0].score, points::reference_full + points::amount_write_off);

    std::vector<OpenInvoice> invoices = standard_invoices();
    invoices[0].discount_minor = 2000;  // 2 % of 1000.00
    invoices[0].discount_until = day("2026-01-20");
    const LineMatch in_window =
        match_one({98000, "INV-2026-000123", "", "", "", "", "2026-01-19"}, invoices);
    expect_pays(in_window, {1});
    EXPECT_EQ(in_window.proposals[0].allocations[0].amount_minor, 98000);
    EXPECT_EQ(in_window.proposals[0].allocations[0].discount_minor, 2000);
    EXPECT_EQ(in_window.proposals[0].score, points::reference_full + points::amount_exact);
    // After the window the same amount is a partial payment.
    const LineMatch late =
        match_one({98000, "INV-2026-000123", "", "", "", "", "2026-01-25"}, invoices);
    EXPECT_EQ(late.proposals[0].allocations[0].discount_minor, 0);
    EXPECT_EQ(late.proposals[0].score, points::reference_full + points::amount_partial);
}

TEST(MatchingEngine, OverpaymentKeepsTheRestUnapplied) {
    const LineMatch match = match_one({8500, "INV-2026-000125"});
    expect_pays(match, {3});
    EXPECT_EQ(match.proposals[0].allocations[0].amount_minor, 8000);
    EXPECT_EQ(match.proposals[0].unapplied_minor, 500);
    EXPECT_EQ(match.proposals[0].score, points::reference_full + points::amount_over);
}

TEST(MatchingEngine, PayerByLearnedIbanThenAmount) {
    const std::vector<KnownCounterparty> known{
        {CounterpartyKind::iban, "DE89370400440532013000", acme}};
    const LineMatch match = match_one(
        {25000, "thanks", "Someone", "DE89 3704 0044 0532 0130 00"}, standard_invoices(), known);
    expect_pays(match, {2});
    EXPECT_EQ(match.proposals[0].strategy, Strategy::payer_amount);
    EXPECT_EQ(match.proposals[0].score, points::payer_iban + points::single_invoice);
    EXPECT_TRUE(match.auto_post);
    // A combination: 1000.00 + 80.00.
    const LineMatch combined =
        match_one({108000, "", "", "DE89370400440532013000"}, standard_invoices(), known);
    expect_pays(combined, {1, 3});
    EXPECT_EQ(combined.proposals[0].score, points::payer_iban + points::combination);
    // Nothing fits: oldest first, partial.
    const LineMatch partial =
        match_one({110000, "", "", "DE89370400440532013000"}, standard_invoices(), known);
    expect_pays(partial, {1, 2});
    EXPECT_EQ(partial.proposals[0].allocations[1].amount_minor, 10000);
    EXPECT_EQ(partial.proposals[0].score, points::payer_iban + points::oldest_first);
}

TEST(MatchingEngine, PayerByNameIgnoresCaseAndLegalForm) {
    const LineMatch match = match_one({9990, "", "GLOBEX, INC"});
    expect_pays(match, {6});
    EXPECT_EQ(match.proposals[0].score, points::payer_customer_name + points::single_invoice);
    EXPECT_FALSE(match.auto_post);
    MatchingRules no_names;
    no_names.name_matching = false;
    const LineMatch off = match_one({9990, "", "GLOBEX, INC"}, standard_invoices(), {}, no_names);
    // Without name matching only the amount speaks: 99.90 is one invoice (amount only).
    expect_pays(off, {6});
    EXPECT_EQ(off.proposals[0].strategy, Strategy::amount_only);
}

TEST(MatchingEngine, ReferenceOfAnotherCustomerThanThePayerScoresLower) {
    const std::vector<KnownCounterparty> known{{CounterpartyKind::name, "GLOBEX", globex}};
    const LineMatch match =
        match_one({25000, "INV-2026-000124", "Globex"}, standard_invoices(), known);
    ASSERT_FALSE(match.proposals.empty());
    EXPECT_FALSE(match.auto_post);
    // The learned payer's own invoice of 250.00 outranks the contradicted reference.
    EXPECT_EQ(invoices_of(match.proposals[0]), std::vector<std::int64_t>{5});
    EXPECT_EQ(match.proposals[0].score, points::payer_learned_name + points::single_invoice);
}

TEST(MatchingEngine, AmountOnlyProposesButNeverPostsAndTiesAreListed) {
    const LineMatch single = match_one({9990, ""});
    expect_pays(single, {6});
    EXPECT_EQ(single.proposals[0].score, points::amount_only_single);
    EXPECT_FALSE(single.auto_post);
    const LineMatch tie = match_one({25000, ""});  // 124 (ACME) and 130 (Globex)
    ASSERT_EQ(tie.proposals.size(), 2U);
    EXPECT_EQ(tie.proposals[0].score, points::amount_only_tie);
    EXPECT_FALSE(tie.auto_post);
    MatchingRules off;
    off.amount_only = false;
    EXPECT_TRUE(match_one({9990, ""}, standard_invoices(), {}, off).proposals.empty());
    // Outside the date window (due more than 120 days before the booking date): nothing.
    EXPECT_TRUE(match_one({9990, "", "", "", "", "", "2026-07-01"}).proposals.empty());
}

TEST(MatchingEngine, DebitLinesAreLeftForPayables) {
    const LineMatch match = match_one({-100000, "INV-2026-000123"});
    EXPECT_TRUE(match.proposals.empty());
    EXPECT_NE(match.note.find("payables"), std::string::npos);
}

TEST(MatchingEngine, EqualBestScoresDoNotAutoPost) {
    // Two invoices of the learned payer with the same amount and two references of equal
    // strength that each pay one of them cannot both be right.
    std::vector<OpenInvoice> invoices = standard_invoices();
    invoices.push_back(invoice(7, "INV-2026-000140", globex, 100000));
    const LineMatch match = match_one({100000, "INV-2026-000123 / INV-2026-000140"}, invoices);
    ASSERT_GE(match.proposals.size(), 2U);
    EXPECT_EQ(match.proposals[0].score, match.proposals[1].score);
    EXPECT_FALSE(match.auto_post);
}

TEST(MatchingText, NormalisesNames) {
    EXPECT_EQ(normalise_name("Müller & Söhne GmbH & Co. KG"), "MUELLER SOEHNE");
    EXPECT_EQ(normalise_name("MUELLER + SOEHNE GMBH U. CO KG"), "MUELLER SOEHNE");
    EXPECT_EQ(normalise_name("Globex, Inc."), "GLOBEX");
    EXPECT_EQ(normalise_name("Société Générale S.A."), "SOCIETE GENERALE");
    EXPECT_EQ(normalise_name("The Widget Company Ltd"), "WIDGET");
    EXPECT_EQ(normalise_name("GmbH"), "");
    EXPECT_EQ(normalise_iban("de89 3704 0044 0532 0130 00"), "DE89370400440532013000");
}

TEST(MatchingText, RfReferences) {
    EXPECT_TRUE(is_rf_reference("RF18 5390 0754 7034"));  // the ISO 11649 example
    EXPECT_FALSE(is_rf_reference("RF19 5390 0754 7034"));
    EXPECT_EQ(rf_body("rf18539007547034"), "539007547034");
    EXPECT_EQ(make_rf_reference("539007547034"), "RF18539007547034");
    EXPECT_EQ(make_rf_reference("not valid!"), "");
}

TEST(MatchingText, FindsCandidatesInOrder) {
    const std::vector<int> years{2025, 2026};
    const auto found = find_reference_candidates(
        "INV-2026-000123,2025/77 and #0042; 15.01.2026 1.234,56", years, "INV", 50);
    // 2025/77: too short for a year form, so two bare numbers; the date and the amount are not
    // candidates.
    ASSERT_EQ(found.size(), 4U);
    EXPECT_EQ(found[0].form, ReferenceForm::full);
    EXPECT_EQ(found[0].sequence, 123);
    EXPECT_EQ(found[1].form, ReferenceForm::bare);
    EXPECT_EQ(found[1].sequence, 2025);
    EXPECT_EQ(found[2].sequence, 77);
    EXPECT_EQ(found[3].form, ReferenceForm::padded);
    EXPECT_TRUE(found[3].after_keyword);
    EXPECT_EQ(found[3].sequence, 42);
}

// Whatever the line, a proposal allocates at most the line and each invoice's open balance,
// and its allocations plus what stays unapplied are the line's amount.
RC_GTEST_PROP(MatchingEngineProperties, AllocationsAddUpAndStayWithinOpen, ()) {
    const auto amount = *rc::gen::inRange<std::int64_t>(1, 300000);
    const auto numbers = *rc::gen::container<std::vector<int>>(rc::gen::inRange(120, 135));
    std::string text;
    for (const int n : numbers) {
        text += std::to_string(n) + " ";
    }
    const bool known = *rc::gen::arbitrary<bool>();
    MatchBook book(standard_invoices(), {}, {});
    const LineMatch match =
        book.match(to_match({amount, text, known ? "ACME Trading GmbH" : "Unknown"}));
    MatchBook fresh(standard_invoices(), {}, {});
    for (const Proposal& proposal : match.proposals) {
        std::int64_t sum = proposal.unapplied_minor;
        for (const Allocation& allocation : proposal.allocations) {
            RC_ASSERT(allocation.amount_minor >= 0);
            RC_ASSERT(allocation.amount_minor + allocation.discount_minor
                          + allocation.write_off_minor
                      <= fresh.open_minor(allocation.invoice));
            RC_ASSERT(allocation.write_off_minor <= book.rules().tolerance_minor);
            sum += allocation.amount_minor;
        }
        RC_ASSERT(sum == amount);
        RC_ASSERT(proposal.score >= 0 && proposal.score <= score_max);
    }
}

}  // namespace
}  // namespace bo::modules::banking::matching
