// Goal: cash application end to end in the service layer, on both backends: an import matches
// its lines (confident ones post receipts, the rest wait with proposals or stay unmatched, money
// out is left alone), a clerk accepts, splits, posts fees to the ledger and unmatches, the
// matcher learns a payer from one manual match, the rules are validated and obeyed, and after
// all of it the aging still equals the receivable account and the ledger is clean.
// Method: the payments fixture (ACME, USD, customer C-1, bank account on 1120), invoices issued
// in March 2024, camt.053 statements built from readable lines (matching_camt.hpp).
#include "modules/banking/matching_service.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "modules/matching_camt.hpp"
#include "modules/receivables_payments_fixture.hpp"

namespace bo::modules::banking {
namespace {

using core::ErrorCode;
using receivables::Document;
using testing::CamtEntry;

constexpr const char* account_iban = "DE89370400440532013000";
constexpr const char* payer_iban = "GB33BUKB20201555555555";

class Matching : public receivables::testing::PaymentsTest {
protected:
    core::Result<ImportReport> import(const std::string& id, const std::vector<CamtEntry>& lines) {
        const std::string file = testing::camt_statement(id, account_iban, "USD", lines);
        return in_txn([&](store::Txn& txn) {
            return import_statements(txn, clock(), actor(), {.bytes = file});
        });
    }

    std::vector<QueueLine> queue(QueueQuery query = {}) {
        const auto lines =
            in_txn([&](store::Txn& txn) { return list_queue(txn, actor().company, query); });
        EXPECT_TRUE(lines.ok()) << lines.error().message();
        return lines.ok() ? *lines : std::vector<QueueLine>{};
    }

    // The lines in file order (ids ascend), all statements.
    QueueLine line(std::size_t index) {
        const std::vector<QueueLine> all = queue();
        EXPECT_LT(index, all.size());
        return all.at(index);
    }

    core::Result<LineSettlement> by_hand(StatementLineId id, const ManualMatch& input) {
        return in_txn(
            [&](store::Txn& txn) { return match_by_hand(txn, clock(), actor(), id, input); });
    }

    core::Result<MatchRunReport> rerun(StatementId id) {
        const StatementId ids[] = {id};
        return in_txn(
            [&](store::Txn& txn) { return match_statements(txn, clock(), actor(), ids); });
    }

    void expect_books_agree(const std::string& day) {
        const receivables::Aging report = aged(day);
        EXPECT_EQ(report.difference_minor, 0);
        const auto checked = check();
        ASSERT_TRUE(checked.ok());
        EXPECT_TRUE(checked->clean());
    }
};

TEST_P(Matching, ImportPostsTheConfidentQueuesTheRestAndLeavesMoneyOut) {
    const Document a = issued("1000.00", "2024-03-01");  // 1088.75 with tax
    const Document b = issued("100.00", "2024-03-02");   // 108.88
    const auto report = import("S1",
                               {{"1088.75", "2024-03-20", "Payment " + a.number},
                                {"108.88", "2024-03-20", "Rechnung 000002", "Somebody", payer_iban},
                                {"77.77", "2024-03-21", "gift", "Stranger"},
                                {"-2.50", "2024-03-21", "Account fee", "The Bank"}});
    ASSERT_TRUE(report.ok()) << report.error().message();
    EXPECT_EQ(report->lines_matched, 1);
    EXPECT_EQ(report->lines_proposed, 1);
    EXPECT_EQ(report->lines_unmatched, 2);

    EXPECT_EQ(load(a.id).open.minor, 0);
    EXPECT_EQ(load(b.id).open.minor, 108'88);
    const QueueLine paid = line(0);
    EXPECT_EQ(paid.line.match_status, MatchStatus::matched);
    ASSERT_TRUE(paid.settlement.has_value());
    EXPECT_EQ(paid.settlement->how, MatchHow::automatic);
    EXPECT_EQ(paid.settlement->score, 95);
    const auto receipt = in_txn([&](store::Txn& txn) {
        return receivables::find_receipt(
            txn, actor().company, receivables::ReceiptId(*paid.settlement->receipt_id));
    });
    ASSERT_TRUE(receipt.ok() && receipt->has_value());
    EXPECT_EQ((*receipt)->statement_line, paid.line.id);

    const QueueLine proposed = line(1);
    EXPECT_EQ(proposed.line.match_status, MatchStatus::proposed);
    ASSERT_TRUE(proposed.best.has_value());
    EXPECT_EQ(proposed.best->proposal.allocations.at(0).invoice, b.id.value());
    EXPECT_EQ(proposed.best->proposal.score, 80);
    EXPECT_NE(proposed.best->proposal.reason.find("written \"000002\""), std::string::npos)
        << proposed.best->proposal.reason;
    EXPECT_EQ(line(2).line.match_status, MatchStatus::unmatched);
    EXPECT_EQ(line(3).line.match_status, MatchStatus::unmatched);
    EXPECT_EQ(balance("1120", "2024-03-31"), 1088'75);
    expect_books_agree("2024-03-31");
}

TEST_P(Matching, AcceptingAProposalPostsIt) {
    const Document b = issued("100.00", "2024-03-02");
    ASSERT_TRUE(import("S1", {{"108.88", "2024-03-20", "000001"}}).ok());
    const StatementLineId id = line(0).line.id;
    const auto proposals =
        in_txn([&](store::Txn& txn) { return line_proposals(txn, actor().company, id); });
    ASSERT_TRUE(proposals.ok());
    ASSERT_EQ(proposals->size(), 1U);
    const auto missing =
        in_txn([&](store::Txn& txn) { return accept_proposal(txn, clock(), actor(), id, 2); });
    EXPECT_EQ(missing.error().code(), ErrorCode::not_found);
    const auto accepted =
        in_txn([&](store::Txn& txn) { return accept_proposal(txn, clock(), actor(), id, 1); });
    ASSERT_TRUE(accepted.ok()) << accepted.error().message();
    EXPECT_EQ(accepted->how, MatchHow::accepted);
    EXPECT_EQ(load(b.id).open.minor, 0);
    EXPECT_EQ(line(0).line.match_status, MatchStatus::matched);
    const auto again =
        in_txn([&](store::Txn& txn) { return accept_proposal(txn, clock(), actor(), id, 1); });
    EXPECT_EQ(again.error().code(), ErrorCode::conflict);
    expect_books_agree("2024-03-31");
}

TEST_P(Matching, OneManualMatchTeachesThePayerToTheNextRun) {
    const Document a = issued("1000.00", "2024-03-01");
    const Document b = issued("100.00", "2024-03-02");
    matching::MatchingRules rules;
    rules.amount_only = false;  // so that nothing but the payer can explain the second line
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_matching_rules(txn, clock(), actor(), rules);
                }).ok());
    const auto report = import("S1",
                               {{"500.00", "2024-03-20", "on account", "ACME Holdings", payer_iban},
                                {"108.88", "2024-03-21", "thanks", "ACME Holdings", payer_iban}});
    ASSERT_TRUE(report.ok()) << report.error().message();
    EXPECT_EQ(report->lines_unmatched, 2);
    const StatementLineId first = line(0).line.id;
    const auto manual = by_hand(first,
                                {.customer = customer_id(),
                                 .allocations = {{.invoice = a.id, .amount = usd("500.00")}},
                                 .memo = "ACME Holdings pays for C-1"});
    ASSERT_TRUE(manual.ok()) << manual.error().message();
    EXPECT_EQ(load(a.id).open.minor, 1088'75 - 500'00);

    const auto rerun_report = rerun(line(1).line.statement_id);
    ASSERT_TRUE(rerun_report.ok()) << rerun_report.error().message();
    EXPECT_EQ(rerun_report->matched, 1);
    const QueueLine second = line(1);
    EXPECT_EQ(second.line.match_status, MatchStatus::matched);
    ASSERT_TRUE(second.settlement.has_value());
    EXPECT_NE(second.settlement->reason.find("matched to this customer before"), std::string::npos)
        << second.settlement->reason;
    EXPECT_EQ(load(b.id).open.minor, 0);
    expect_books_agree("2024-03-31");
}

TEST_P(Matching, ByHandSplitsLeavesUnappliedCashAndPostsFeesToTheLedger) {
    const Document a = issued("100.00", "2024-03-01");  // 108.88
    const Document b = issued("50.00", "2024-03-02");   // 54.44
    ASSERT_TRUE(
        import("S1", {{"200.00", "2024-03-20", "several"}, {"-2.50", "2024-03-21", "Account fee"}})
            .ok());
    const auto split = by_hand(line(0).line.id,
                               {.customer = customer_id(),
                                .allocations = {{.invoice = a.id, .amount = usd("108.88")},
                                                {.invoice = b.id, .amount = usd("20.00")}}});
    ASSERT_TRUE(split.ok()) << split.error().message();
    EXPECT_EQ(load(a.id).open.minor, 0);
    EXPECT_EQ(load(b.id).open.minor, 34'44);
    EXPECT_EQ(balance("2400", "2024-03-31"), -(200'00 - 128'88));  // unapplied cash

    const StatementLineId fee = line(1).line.id;
    const auto as_customer = by_hand(fee, {.customer = customer_id()});
    ASSERT_FALSE(as_customer.ok());
    EXPECT_EQ(sales::testing::fields(as_customer.error()), std::vector<std::string>{"customer"});
    const auto unknown = by_hand(fee, {.ledger_account = "9999"});
    EXPECT_EQ(sales::testing::fields(unknown.error()), std::vector<std::string>{"ledger_account"});
    const auto booked = by_hand(fee, {.ledger_account = "6900", .memo = "March account fee"});
    ASSERT_TRUE(booked.ok()) << booked.error().message();
    EXPECT_EQ(booked->target, MatchTarget::ledger);
    EXPECT_EQ(balance("6900", "2024-03-31"), 2'50);
    EXPECT_EQ(balance("1120", "2024-03-31"), 200'00 - 2'50);
    expect_books_agree("2024-03-31");
}

TEST_P(Matching, UnmatchVoidsTheReceiptOrReversesTheEntry) {
    const Document a = issued("1000.00", "2024-03-01");
    ASSERT_TRUE(
        import("S1", {{"1088.75", "2024-03-20", a.number}, {"-2.50", "2024-03-21", "fee"}}).ok());
    const StatementLineId paid = line(0).line.id;
    const StatementLineId fee = line(1).line.id;
    ASSERT_TRUE(by_hand(fee, {.ledger_account = "6900"}).ok());
    const auto unmatch = [&](StatementLineId id, const std::string& reason) {
        return in_txn(
            [&](store::Txn& txn) { return unmatch_line(txn, clock(), actor(), id, reason); });
    };
    EXPECT_EQ(unmatch(paid, "").error().code(), ErrorCode::invalid_argument);
    ASSERT_TRUE(unmatch(paid, "wrong customer").ok());
    ASSERT_TRUE(unmatch(fee, "not a fee").ok());
    EXPECT_EQ(unmatch(fee, "twice").error().code(), ErrorCode::conflict);
    EXPECT_EQ(line(0).line.match_status, MatchStatus::unmatched);
    EXPECT_EQ(load(a.id).open.minor, 1088'75);
    EXPECT_EQ(balance("1120", "2024-03-31"), 0);
    EXPECT_EQ(balance("6900", "2024-03-31"), 0);
    // Matching again finds it again.
    const auto again = rerun(line(0).line.statement_id);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->matched, 1);
    EXPECT_EQ(load(a.id).open.minor, 0);
    expect_books_agree("2024-03-31");
}

TEST_P(Matching, RulesAreValidatedAndObeyed) {
    matching::MatchingRules bad;
    bad.auto_post_score_min = 0;
    bad.tolerance_minor = -1;
    bad.date_window_days = 4000;
    const auto refused =
        in_txn([&](store::Txn& txn) { return set_matching_rules(txn, clock(), actor(), bad); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(sales::testing::fields(refused.error()),
              (std::vector<std::string>{"auto_post_score", "tolerance_minor", "date_window_days"}));
    matching::MatchingRules never;
    never.auto_post_score_min = 101;
    ASSERT_TRUE(in_txn([&](store::Txn& txn) {
                    return set_matching_rules(txn, clock(), actor(), never);
                }).ok());
    const auto read = in_txn([&](store::Txn& txn) { return matching_rules(txn, actor().company); });
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(*read, never);
    const Document a = issued("1000.00", "2024-03-01");
    const auto report = import("S1", {{"1088.75", "2024-03-20", a.number}});
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->lines_matched, 0);
    EXPECT_EQ(report->lines_proposed, 1);
}

TEST_P(Matching, QueueFiltersSearchesAndPages) {
    const Document a = issued("1000.00", "2024-03-01");
    ASSERT_TRUE(import("S1",
                       {{"1088.75", "2024-03-20", a.number},
                        {"12.34", "2024-03-20", "Donation", "Jane Doe"},
                        {"56.78", "2024-03-20", "Refund of order 5", "Acme Stores"}})
                    .ok());
    EXPECT_EQ(queue({.status = MatchStatus::unmatched}).size(), 2U);
    EXPECT_EQ(queue({.status = MatchStatus::matched}).size(), 1U);
    const auto by_name = queue({.search = "jane"});
    ASSERT_EQ(by_name.size(), 1U);
    EXPECT_EQ(by_name[0].line.line.counterparty_name, "Jane Doe");
    ASSERT_EQ(queue({.search = "56.78"}).size(), 1U);
    EXPECT_EQ(queue({.search = "100%_"}).size(), 0U);
    const auto first = queue({.limit = 2});
    ASSERT_EQ(first.size(), 2U);
    EXPECT_EQ(queue({.after = first.back().line.id, .limit = 2}).size(), 1U);
    const auto too_many =
        in_txn([&](store::Txn& txn) { return list_queue(txn, actor().company, {.limit = 501}); });
    EXPECT_EQ(too_many.error().code(), ErrorCode::limit_exceeded);
}

BO_INSTANTIATE_ON_ALL_BACKENDS(Matching);

}  // namespace
}  // namespace bo::modules::banking
