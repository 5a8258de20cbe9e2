#include "modules/banking/matching_service.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iterator>
#include <utility>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/assert.hpp"
#include "core/limits.hpp"
#include "ledger/service.hpp"
#include "modules/banking/matching_queries.hpp"
#include "modules/banking/matching_text.hpp"
#include "modules/banking/parse_common.hpp"
#include "modules/receivables/invoices.hpp"
#include "modules/receivables/payments.hpp"
#include "modules/sales/totals.hpp"
#include "platform/audit/audit.hpp"

namespace bo::modules::banking {
namespace {

namespace json = boost::json;
using core::Error;
using platform::tenancy::CompanyId;

constexpr std::int64_t percent_whole = 100;
// Learned keys are at most this long (the column's CHECK): a normalised name of 200 bytes is
// longer than any a bank transmits (camt Nm is Max140Text).
constexpr std::size_t counterparty_key_chars_max = 200;

std::string quoted(std::string_view text) {
    return json::serialize(json::value(text));
}

core::Date today(const core::Clock& clock) {
    return core::business_date(clock.now(), core::TimeZone::utc());
}

// The early-payment discount still open on `invoice` for the engine: its percentage of what
// is invoiced less credits (half-even, as receivables computes it), while nothing was paid.
core::Result<void> add_discount(const receivables::Document& invoice, matching::OpenInvoice& open) {
    BO_TRY_ASSIGN(const core::Rational percent,
                  sales::parse_percent(invoice.early_discount_percent, "early_discount_percent"));
    if (percent.num == 0 || invoice.early_discount_days <= 0 || invoice.paid.minor != 0) {
        return core::ok();
    }
    const core::Money base{invoice.total.minor - invoice.credited.minor, invoice.currency};
    BO_TRY_ASSIGN(const core::Money discount,
                  core::multiply(base,
                                 core::Rational{percent.num, percent.den * percent_whole},
                                 core::RoundingMode::half_even));
    if (discount.minor <= 0 || discount.minor >= open.open_minor) {
        return core::ok();
    }
    BO_TRY_ASSIGN(const core::Date until,
                  invoice.document_date.add_days(invoice.early_discount_days));
    open.discount_minor = discount.minor;
    open.discount_until = until;
    return core::ok();
}

// An issued invoice as the engine sees it.
core::Result<matching::OpenInvoice> to_open_invoice(const receivables::Document& invoice) {
    matching::OpenInvoice open{.id = invoice.id.value(),
                               .number = invoice.number,
                               .customer = invoice.customer.value(),
                               .customer_name = invoice.customer_name,
                               .currency = invoice.currency,
                               .open_minor = invoice.open.minor,
                               .document_date = invoice.document_date,
                               .due_date = invoice.due_date};
    BO_TRY(add_discount(invoice, open));
    return open;
}

// The invoices of `page` with an open balance, appended to `out`.
core::Result<void> add_open(const std::vector<receivables::Document>& page,
                            std::vector<matching::OpenInvoice>& out) {
    for (const receivables::Document& invoice : page) {
        if (invoice.open.minor > 0) {
            BO_TRY_ASSIGN(matching::OpenInvoice open, to_open_invoice(invoice));
            out.push_back(std::move(open));
        }
    }
    return core::ok();
}

// Every issued invoice of the company with an open balance, as the engine sees it (pages of
// receivables::list_documents; the loop ends when a page is not full).
core::Result<std::vector<matching::OpenInvoice>> open_invoices(store::Txn& txn,
                                                               CompanyId company,
                                                               core::Date today_date) {
    std::vector<matching::OpenInvoice> out;
    receivables::DocumentQuery query{.kind = receivables::DocumentKind::invoice,
                                     .status = receivables::DocumentStatus::issued,
                                     .today = today_date,
                                     .limit = static_cast<std::int64_t>(core::page_size_max)};
    for (;;) {
        BO_TRY_ASSIGN(const std::vector<receivables::Document> page,
                      receivables::list_documents(txn, company, query));
        BO_TRY(add_open(page, out));
        if (page.size() < core::page_size_max) {
            return out;
        }
        query.after = page.back().id;
    }
}

matching::LineToMatch to_match(const StatementLine& stored) {
    const ParsedLine& line = stored.line;
    return matching::LineToMatch{.id = stored.id.value(),
                                 .booking_date = line.booking_date,
                                 .amount = line.amount,
                                 .remittance = line.remittance,
                                 .end_to_end_id = line.end_to_end_id,
                                 .creditor_reference = line.creditor_reference,
                                 .counterparty_name = line.counterparty_name,
                                 .counterparty_account = line.counterparty_account};
}

core::Result<void> audit_match(store::Txn& txn,
                               const core::Clock& clock,
                               const platform::Actor& actor,
                               StatementLineId line,
                               const LineSettlement& settlement) {
    const auto id_text = [](const std::optional<std::int64_t>& id) {
        return id ? std::to_string(*id) : std::string("null");
    };
    return platform::audit::record(
        txn,
        clock,
        actor,
        {.action = "bank_line.match",
         .entity_type = "bank_statement_line",
         .entity_id = line.to_string(),
         .changes = {{"match_status", quoted("unmatched"), quoted("matched")},
                     {"how", std::nullopt, quoted(to_string(settlement.how))},
                     {"target", std::nullopt, quoted(to_string(settlement.target))},
                     {"receipt_id", std::nullopt, id_text(settlement.receipt_id)},
                     {"entry_id", std::nullopt, id_text(settlement.entry_id)},
                     {"customer_id", std::nullopt, id_text(settlement.customer_id)},
                     {"ledger_account", std::nullopt, quoted(settlement.ledger_account)},
                     {"score", std::nullopt, id_text(settlement.score)},
                     {"reason", std::nullopt, quoted(settlement.reason)}}});
}

// Stores `settlement` of `line`: the match row, the status, no more proposals, the audit event.
core::Result<LineSettlement> settle(store::Txn& txn,
                                    const core::Clock& clock,
                                    const platform::Actor& actor,
                                    const StatementLine& line,
                                    LineSettlement settlement) {
    settlement.matched_by = actor.user.value();
    settlement.matched_at = clock.now();
    BO_TRY(matching_queries::insert_settlement(txn, actor.company, line.id, settlement));
    BO_TRY(matching_queries::set_status(txn, actor.company, line.id, MatchStatus::matched));
    BO_TRY(matching_queries::replace_proposals(txn, actor.company, line.id, {}, clock.now()));
    BO_TRY(audit_match(txn, clock, actor, line.id, settlement));
    return settlement;
}

// Posts the line as a receipt of the settlement's customer with `allocations` (the rest
// unapplied cash).
core::Result<LineSettlement> settle_by_receipt(store::Txn& txn,
                                               const core::Clock& clock,
                                               const platform::Actor& actor,
                                               const StatementLine& line,
                                               std::vector<receivables::NewAllocation> allocations,
                                               LineSettlement settlement) {
    BO_ASSERT(settlement.customer_id.has_value());
    const sales::CustomerId customer(*settlement.customer_id);
    const ParsedLine& parsed = line.line;
    const std::string_view text =
        parsed.remittance.empty() ? std::string_view(parsed.end_to_end_id) : parsed.remittance;
    receivables::NewReceipt receipt{
        .customer = customer,
        .receipt_date = parsed.booking_date,
        .amount = parsed.amount,
        .method = receivables::ReceiptMethod::transfer,
        .reference = detail::clean_text(text, receivables::receipt_reference_chars_max),
        .bank_account = line.bank_account_id,
        .statement_line = line.id,
        .allocations = std::move(allocations)};
    BO_TRY_ASSIGN(const receivables::Receipt posted,
                  receivables::record_receipt(txn, clock, actor, receipt));
    settlement.target = MatchTarget::receipt;
    settlement.receipt_id = posted.id.value();
    return settle(txn, clock, actor, line, std::move(settlement));
}

std::vector<receivables::NewAllocation> to_new_allocations(const matching::Proposal& proposal,
                                                           const core::Currency& currency) {
    std::vector<receivables::NewAllocation> out;
    out.reserve(proposal.allocations.size());
    for (const matching::Allocation& a : proposal.allocations) {
        out.push_back(
            receivables::NewAllocation{.invoice = receivables::DocumentId(a.invoice),
                                       .amount = core::Money{a.amount_minor, currency},
                                       .discount = core::Money{a.discount_minor, currency},
                                       .write_off = core::Money{a.write_off_minor, currency}});
    }
    return out;
}

// Posts a proposal of `line`.
core::Result<LineSettlement> settle_proposal(store::Txn& txn,
                                             const core::Clock& clock,
                                             const platform::Actor& actor,
                                             const StatementLine& line,
                                             const matching::Proposal& proposal,
                                             MatchHow how) {
    LineSettlement settlement{.customer_id = proposal.customer,
                              .how = how,
                              .score = proposal.score,
                              .reason = proposal.reason};
    return settle_by_receipt(txn,
                             clock,
                             actor,
                             line,
                             to_new_allocations(proposal, line.line.amount.currency),
                             std::move(settlement));
}

// Teaches the matcher that the line's counterparty (IBAN / account number and normalised
// name) is `customer`.
core::Result<void> learn(store::Txn& txn,
                         const core::Clock& clock,
                         CompanyId company,
                         const StatementLine& line,
                         std::int64_t customer) {
    const std::string iban = matching::normalise_iban(line.line.counterparty_account);
    const std::string name = matching::normalise_name(line.line.counterparty_name);
    for (const auto& [kind, key] : {std::pair{matching::CounterpartyKind::iban, iban},
                                    std::pair{matching::CounterpartyKind::name, name}}) {
        if (key.empty() || key.size() > counterparty_key_chars_max) {
            continue;
        }
        BO_TRY(matching_queries::upsert_counterparty(
            txn, company, {.kind = kind, .key = key, .customer = customer}, line.id, clock.now()));
    }
    return core::ok();
}

// Tries to post the engine's best proposal. The posting is refused before anything is written
// when the line's period is not open, or when receivables refuses the allocations
// (invalid_argument or conflict: record_receipt checks everything before its first write); the
// refusal is answered as its reason and the line stays proposed. Any other error fails the run.
core::Result<std::optional<std::string>> try_auto_post(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       const platform::Actor& actor,
                                                       const StatementLine& line,
                                                       const matching::Proposal& best) {
    BO_TRY_ASSIGN(const std::optional<ledger::Period> period,
                  ledger::find_period_for(txn, actor.company, line.line.booking_date));
    if (!period || period->status != ledger::PeriodStatus::open) {
        return std::optional<std::string>("no open period holds "
                                          + line.line.booking_date.to_string());
    }
    core::Result<LineSettlement> posted =
        settle_proposal(txn, clock, actor, line, best, MatchHow::automatic);
    if (posted) {
        return std::optional<std::string>();
    }
    const core::ErrorCode code = posted.error().code();
    if (code != core::ErrorCode::invalid_argument && code != core::ErrorCode::conflict) {
        return std::move(posted).error();
    }
    std::string why = posted.error().message();
    for (const core::FieldError& field : posted.error().fields()) {
        why += fmt::format("; {}: {}", field.field, field.reason);
    }
    return std::optional<std::string>(std::move(why));
}

core::Result<void> record_line_result(store::Txn& txn,
                                      const core::Clock& clock,
                                      const platform::Actor& actor,
                                      const StatementLine& line,
                                      const matching::LineMatch& result,
                                      MatchRunReport& report) {
    if (line.line.amount.minor <= 0) {
        ++report.debits;
        return core::ok();
    }
    ++report.lines;
    if (result.auto_post) {
        BO_TRY_ASSIGN(const std::optional<std::string> refused,
                      try_auto_post(txn, clock, actor, line, result.proposals.front()));
        if (!refused) {
            ++report.matched;
            return core::ok();
        }
        report.refused.push_back(fmt::format("line {}: {}", line.id.value(), *refused));
    }
    const MatchStatus status =
        result.proposals.empty() ? MatchStatus::unmatched : MatchStatus::proposed;
    ++(status == MatchStatus::proposed ? report.proposed : report.unmatched);
    BO_TRY(matching_queries::replace_proposals(
        txn, actor.company, line.id, result.proposals, clock.now()));
    return matching_queries::set_status(txn, actor.company, line.id, status);
}

core::Result<void> audit_run(store::Txn& txn,
                             const core::Clock& clock,
                             const platform::Actor& actor,
                             std::span<const StatementId> statements,
                             const MatchRunReport& report) {
    json::array ids;
    for (const StatementId id : statements) {
        ids.emplace_back(id.value());
    }
    return platform::audit::record(
        txn,
        clock,
        actor,
        {.action = "bank_statement.match",
         .entity_type = "bank_statement",
         .entity_id = statements.size() == 1 ? statements.front().to_string() : std::string(),
         .changes = {{"statements", std::nullopt, json::serialize(ids)},
                     {"lines", std::nullopt, std::to_string(report.lines)},
                     {"matched", std::nullopt, std::to_string(report.matched)},
                     {"proposed", std::nullopt, std::to_string(report.proposed)},
                     {"unmatched", std::nullopt, std::to_string(report.unmatched)}}});
}

core::Result<StatementLine> locked_line(store::Txn& txn, CompanyId company, StatementLineId id) {
    BO_TRY_ASSIGN(std::optional<StatementLine> line, matching_queries::lock_line(txn, company, id));
    if (!line) {
        return Error(core::ErrorCode::not_found, "no such bank statement line");
    }
    if (line->match_status == MatchStatus::matched) {
        return Error(core::ErrorCode::conflict, "the line is matched already; unmatch it first");
    }
    return std::move(*line);
}

core::Result<void> check_manual(const StatementLine& line, const ManualMatch& input) {
    std::vector<core::FieldError> errors;
    const bool to_customer = input.customer.has_value();
    const bool to_ledger = !input.ledger_account.empty();
    if (to_customer == to_ledger) {
        errors.push_back({"customer", "give a customer (with allocations) or a ledger_account"});
    }
    if (to_customer && line.line.amount.minor <= 0) {
        errors.push_back({"customer",
                          "money out is not a customer's payment: match it to a ledger account "
                          "(payables pay bills)"});
    }
    if (to_ledger && !input.allocations.empty()) {
        errors.push_back({"allocations", "allocations go with a customer, not a ledger account"});
    }
    if (input.allocations.size() > manual_allocations_max) {
        errors.push_back(
            {"allocations", fmt::format("at most {} allocations", manual_allocations_max)});
    }
    if (input.memo.size() > match_memo_chars_max) {
        errors.push_back({"memo", fmt::format("at most {} characters", match_memo_chars_max)});
    }
    if (!errors.empty()) {
        return Error(
            core::ErrorCode::invalid_argument, "the input is not valid", std::move(errors));
    }
    return core::ok();
}

// Posts the line against a ledger account: money in Dr bank / Cr account, money out Dr account
// / Cr bank (bank fees, interest, transfers between the company's accounts).
core::Result<LineSettlement> settle_to_ledger(store::Txn& txn,
                                              const core::Clock& clock,
                                              const platform::Actor& actor,
                                              const StatementLine& line,
                                              const ManualMatch& input) {
    BO_TRY_ASSIGN(const std::optional<ledger::Account> account,
                  ledger::find_account_by_number(txn, actor.company, input.ledger_account));
    if (!account || !account->active) {
        return Error::invalid("ledger_account", "is not an active ledger account");
    }
    BO_TRY_ASSIGN(const std::optional<BankAccount> bank,
                  find_bank_account(txn, actor.company, line.bank_account_id));
    if (!bank) {
        return Error(core::ErrorCode::internal, "the line's bank account is gone");
    }
    const core::Money amount{std::abs(line.line.amount.minor), line.line.amount.currency};
    const bool money_in = line.line.amount.minor > 0;
    const std::string memo = input.memo.empty()
                                 ? detail::clean_text("Bank line: " + line.line.remittance, 200)
                                 : input.memo;
    ledger::EntryInput entry{
        .date = line.line.booking_date,
        .memo = memo,
        .source = {.type = "bank_statement_line", .id = line.id.to_string()},
        .lines = {{.account = ledger::AccountId(bank->ledger_account_id),
                   .department = std::nullopt,
                   .party = std::nullopt,
                   .side = money_in ? ledger::Side::debit : ledger::Side::credit,
                   .amount = amount,
                   .memo = memo},
                  {.account = account->id,
                   .department = std::nullopt,
                   .party = std::nullopt,
                   .side = money_in ? ledger::Side::credit : ledger::Side::debit,
                   .amount = amount,
                   .memo = memo}}};
    BO_TRY_ASSIGN(const ledger::PostedEntry posted, ledger::post(txn, clock, actor, entry));
    return settle(txn,
                  clock,
                  actor,
                  line,
                  LineSettlement{.target = MatchTarget::ledger,
                                 .entry_id = posted.id.value(),
                                 .ledger_account = account->number,
                                 .how = MatchHow::manual,
                                 .reason = memo});
}

}  // namespace

std::string_view to_string(MatchHow how) noexcept {
    switch (how) {
        case MatchHow::automatic:
            return "automatic";
        case MatchHow::accepted:
            return "accepted";
        case MatchHow::manual:
            return "manual";
    }
    return "manual";
}

std::string_view to_string(MatchTarget target) noexcept {
    return target == MatchTarget::ledger ? "ledger" : "receipt";
}

core::Result<matching::MatchingRules> matching_rules(store::Txn& txn, CompanyId company) {
    BO_TRY_ASSIGN(const std::optional<matching::MatchingRules> rules,
                  matching_queries::select_rules(txn, company));
    return rules.value_or(matching::MatchingRules{});
}

core::Result<matching::MatchingRules> set_matching_rules(store::Txn& txn,
                                                         const core::Clock& clock,
                                                         const platform::Actor& actor,
                                                         const matching::MatchingRules& rules) {
    std::vector<core::FieldError> errors;
    if (rules.auto_post_score_min < 1 || rules.auto_post_score_min > matching::score_max + 1) {
        errors.push_back({"auto_post_score", "must be 1 to 101 (101: never post automatically)"});
    }
    if (rules.tolerance_minor < 0 || rules.tolerance_minor > receivables::write_off_minor_max) {
        errors.push_back({"tolerance_minor",
                          fmt::format("must be 0 to {} minor units (a write-off's bound)",
                                      receivables::write_off_minor_max)});
    }
    if (rules.date_window_days < 0 || rules.date_window_days > matching_date_window_days_max) {
        errors.push_back(
            {"date_window_days", fmt::format("must be 0 to {}", matching_date_window_days_max)});
    }
    if (!errors.empty()) {
        return Error(
            core::ErrorCode::invalid_argument, "the input is not valid", std::move(errors));
    }
    BO_TRY_ASSIGN(const matching::MatchingRules before, matching_rules(txn, actor.company));
    BO_TRY(
        matching_queries::upsert_rules(txn, actor.company, rules, actor.user.value(), clock.now()));
    const auto record = [](const matching::MatchingRules& r) {
        return fmt::format(
            R"({{"auto_post_score":{},"tolerance_minor":{},"name_matching":{},"amount_only":{},"date_window_days":{}}})",
            r.auto_post_score_min,
            r.tolerance_minor,
            r.name_matching,
            r.amount_only,
            r.date_window_days);
    };
    BO_TRY(platform::audit::record(txn,
                                   clock,
                                   actor,
                                   {.action = "matching_rules.update",
                                    .entity_type = "matching_rules",
                                    .entity_id = actor.company.to_string(),
                                    .changes = {{"rules", record(before), record(rules)}}}));
    return rules;
}

core::Result<MatchRunReport> match_statements(store::Txn& txn,
                                              const core::Clock& clock,
                                              const platform::Actor& actor,
                                              std::span<const StatementId> statements) {
    std::vector<StatementLine> lines;
    for (const StatementId id : statements) {
        BO_TRY_ASSIGN(const std::optional<Statement> statement,
                      find_statement(txn, actor.company, id));
        if (!statement) {
            return Error(core::ErrorCode::not_found, "no such bank statement");
        }
        BO_TRY_ASSIGN(std::vector<StatementLine> open,
                      matching_queries::select_open_lines(txn, actor.company, id));
        std::move(open.begin(), open.end(), std::back_inserter(lines));
    }
    MatchRunReport report;
    if (lines.empty()) {
        return report;
    }
    BO_TRY_ASSIGN(const matching::MatchingRules rules, matching_rules(txn, actor.company));
    BO_TRY_ASSIGN(std::vector<matching::OpenInvoice> invoices,
                  open_invoices(txn, actor.company, today(clock)));
    BO_TRY_ASSIGN(const std::vector<matching::KnownCounterparty> known,
                  matching_queries::select_counterparties(txn, actor.company));
    matching::MatchBook book(std::move(invoices), known, rules);
    for (const StatementLine& line : lines) {
        const matching::LineMatch result = book.match(to_match(line));
        BO_TRY(record_line_result(txn, clock, actor, line, result, report));
    }
    BO_TRY(audit_run(txn, clock, actor, statements, report));
    return report;
}

core::Result<std::vector<QueueLine>> list_queue(store::Txn& txn,
                                                CompanyId company,
                                                const QueueQuery& query) {
    if (query.limit < 1) {
        return Error::invalid("limit", "must be at least 1");
    }
    if (query.limit > static_cast<std::int64_t>(core::page_size_max)) {
        return Error(core::ErrorCode::limit_exceeded,
                     "limit: at most " + std::to_string(core::page_size_max));
    }
    if (query.search.size() > queue_search_chars_max) {
        return Error::invalid("search",
                              fmt::format("at most {} characters", queue_search_chars_max));
    }
    std::string pattern;
    if (!query.search.empty()) {
        pattern = "%";
        for (const char c : query.search) {
            if (c == '%' || c == '_' || c == '\\') {
                pattern.push_back('\\');
            }
            pattern.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
        pattern.push_back('%');
    }
    // "1234.50" also finds lines of that amount (two decimals; money in or out).
    std::int64_t amount_minor = -1;
    if (const auto eur = core::Currency::create("EUR"); eur) {
        if (const auto money = core::Money::parse(query.search, *eur); money && money->minor > 0) {
            amount_minor = money->minor;
        }
    }
    return matching_queries::select_queue(txn, company, query, pattern, amount_minor);
}

core::Result<std::optional<QueueLine>> find_queue_line(store::Txn& txn,
                                                       CompanyId company,
                                                       StatementLineId line) {
    QueueQuery query{.after = StatementLineId(line.value() - 1), .limit = 1};
    BO_TRY_ASSIGN(std::vector<QueueLine> found,
                  matching_queries::select_queue(txn, company, query, "", -1));
    if (found.empty() || found.front().line.id != line) {
        return std::optional<QueueLine>();
    }
    return std::optional<QueueLine>(std::move(found.front()));
}

core::Result<std::vector<StoredProposal>> line_proposals(store::Txn& txn,
                                                         CompanyId company,
                                                         StatementLineId line) {
    BO_TRY_ASSIGN(const std::optional<QueueLine> found, find_queue_line(txn, company, line));
    if (!found) {
        return Error(core::ErrorCode::not_found, "no such bank statement line");
    }
    return matching_queries::select_proposals(txn, company, line);
}

core::Result<LineSettlement> accept_proposal(store::Txn& txn,
                                             const core::Clock& clock,
                                             const platform::Actor& actor,
                                             StatementLineId id,
                                             std::int64_t rank) {
    BO_TRY_ASSIGN(const StatementLine line, locked_line(txn, actor.company, id));
    BO_TRY_ASSIGN(const std::vector<StoredProposal> proposals,
                  matching_queries::select_proposals(txn, actor.company, id));
    const auto it = std::find_if(
        proposals.begin(), proposals.end(), [rank](const auto& p) { return p.rank == rank; });
    if (it == proposals.end()) {
        return Error(core::ErrorCode::not_found, fmt::format("the line has no proposal {}", rank));
    }
    BO_TRY_ASSIGN(LineSettlement settlement,
                  settle_proposal(txn, clock, actor, line, it->proposal, MatchHow::accepted));
    BO_TRY(learn(txn, clock, actor.company, line, it->proposal.customer));
    return settlement;
}

core::Result<LineSettlement> match_by_hand(store::Txn& txn,
                                           const core::Clock& clock,
                                           const platform::Actor& actor,
                                           StatementLineId id,
                                           const ManualMatch& input) {
    BO_TRY_ASSIGN(const StatementLine line, locked_line(txn, actor.company, id));
    BO_TRY(check_manual(line, input));
    if (!input.customer) {
        return settle_to_ledger(txn, clock, actor, line, input);
    }
    std::vector<receivables::NewAllocation> allocations;
    allocations.reserve(input.allocations.size());
    for (const ManualAllocation& a : input.allocations) {
        allocations.push_back(receivables::NewAllocation{.invoice = a.invoice,
                                                         .amount = a.amount,
                                                         .discount = a.discount,
                                                         .write_off = a.write_off});
    }
    LineSettlement settlement{
        .customer_id = input.customer->value(), .how = MatchHow::manual, .reason = input.memo};
    BO_TRY_ASSIGN(settlement,
                  settle_by_receipt(txn, clock, actor, line, std::move(allocations), settlement));
    BO_TRY(learn(txn, clock, actor.company, line, input.customer->value()));
    return settlement;
}

core::Result<void> unmatch_line(store::Txn& txn,
                                const core::Clock& clock,
                                const platform::Actor& actor,
                                StatementLineId id,
                                const std::string& reason) {
    if (reason.empty() || reason.size() > match_memo_chars_max) {
        return Error::invalid(
            "reason", fmt::format("is required, at most {} characters", match_memo_chars_max));
    }
    BO_TRY_ASSIGN(const std::optional<StatementLine> line,
                  matching_queries::lock_line(txn, actor.company, id));
    if (!line) {
        return Error(core::ErrorCode::not_found, "no such bank statement line");
    }
    BO_TRY_ASSIGN(const std::optional<QueueLine> found, find_queue_line(txn, actor.company, id));
    if (!found || !found->settlement) {
        return Error(core::ErrorCode::conflict, "the line is not matched");
    }
    const LineSettlement& settlement = *found->settlement;
    // Dated today, or the line's date when the statement is dated ahead of the server's clock.
    const core::Date date = std::max(today(clock), line->line.booking_date);
    if (settlement.target == MatchTarget::receipt) {
        BO_TRY(receivables::void_receipt(
            txn, clock, actor, receivables::ReceiptId(*settlement.receipt_id), reason, date));
    } else {
        BO_TRY(ledger::reverse(
            txn, clock, actor, ledger::EntryId(*settlement.entry_id), date, reason));
    }
    BO_TRY(matching_queries::delete_settlement(txn, actor.company, id));
    BO_TRY(matching_queries::set_status(txn, actor.company, id, MatchStatus::unmatched));
    return platform::audit::record(
        txn,
        clock,
        actor,
        {.action = "bank_line.unmatch",
         .entity_type = "bank_statement_line",
         .entity_id = id.to_string(),
         .changes = {{"match_status", quoted("matched"), quoted("unmatched")},
                     {"reason", std::nullopt, quoted(reason)}}});
}

}  // namespace bo::modules::banking
