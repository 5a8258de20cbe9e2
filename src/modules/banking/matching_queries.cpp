#include "modules/banking/matching_queries.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "modules/banking/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::banking::matching_queries {
namespace {

namespace json = boost::json;
using platform::tenancy::corrupt_row;
using store::Value;

Value flag(bool value) {
    return Value(std::int64_t{value ? 1 : 0});
}

std::string allocations_text(const std::vector<matching::Allocation>& allocations) {
    json::array out;
    for (const matching::Allocation& a : allocations) {
        out.push_back(json::object{{"invoice", a.invoice},
                                   {"number", a.number},
                                   {"amount_minor", a.amount_minor},
                                   {"discount_minor", a.discount_minor},
                                   {"write_off_minor", a.write_off_minor}});
    }
    return json::serialize(out);
}

core::Result<std::vector<matching::Allocation>> allocations_of(std::string_view text) {
    boost::system::error_code error;
    const json::value value = json::parse(text, error);
    if (error || !value.is_array()) {
        return corrupt_row("bank_line_proposals", "allocations");
    }
    std::vector<matching::Allocation> out;
    for (const json::value& item : value.as_array()) {
        const json::object* object = item.if_object();
        const auto number = [&](std::string_view key) -> std::int64_t {
            const json::value* v = object->if_contains(key);
            return v != nullptr && v->is_int64() ? v->as_int64() : 0;
        };
        if (object == nullptr || object->if_contains("number") == nullptr
            || !object->at("number").is_string()) {
            return corrupt_row("bank_line_proposals", "allocations");
        }
        out.push_back(matching::Allocation{.invoice = number("invoice"),
                                           .number = std::string(object->at("number").as_string()),
                                           .amount_minor = number("amount_minor"),
                                           .discount_minor = number("discount_minor"),
                                           .write_off_minor = number("write_off_minor")});
    }
    return out;
}

core::Result<matching::Strategy> strategy_of(std::string_view text) {
    for (const matching::Strategy strategy : {matching::Strategy::reference,
                                              matching::Strategy::payer_amount,
                                              matching::Strategy::amount_only}) {
        if (matching::to_string(strategy) == text) {
            return strategy;
        }
    }
    return corrupt_row("bank_line_proposals", "strategy");
}

// Proposal columns: strategy, customer_id, score, reason, unapplied_minor, allocations.
core::Result<matching::Proposal> decode_proposal(const store::Row& row, std::size_t first) {
    BO_TRY_ASSIGN(const matching::Strategy strategy, strategy_of(row.text(first)));
    BO_TRY_ASSIGN(std::vector<matching::Allocation> allocations,
                  allocations_of(row.text(first + 5)));
    return matching::Proposal{.strategy = strategy,
                              .customer = row.i64(first + 1),
                              .allocations = std::move(allocations),
                              .unapplied_minor = row.i64(first + 4),
                              .score = row.i64(first + 2),
                              .reason = row.text(first + 3)};
}

core::Result<MatchHow> how_of(std::string_view text) {
    for (const MatchHow how : {MatchHow::automatic, MatchHow::accepted, MatchHow::manual}) {
        if (to_string(how) == text) {
            return how;
        }
    }
    return corrupt_row("bank_line_matches", "how");
}

// Settlement columns, in this order from `first`.
enum SettlementColumn : std::size_t {
    target_column,
    receipt_column,
    entry_column,
    customer_column,
    ledger_account_column,
    how_column,
    score_column,
    reason_column,
    matched_by_column,
    matched_at_column,
};

core::Result<LineSettlement> decode_settlement(const store::Row& row, std::size_t first) {
    BO_TRY_ASSIGN(const MatchHow how, how_of(row.text(first + how_column)));
    const core::Result<core::Instant> at =
        core::Instant::from_unix_micros(row.i64(first + matched_at_column));
    if (!at) {
        return corrupt_row("bank_line_matches", "matched_at_us");
    }
    return LineSettlement{.target = row.text(first + target_column) == "ledger"
                                        ? MatchTarget::ledger
                                        : MatchTarget::receipt,
                          .receipt_id = row.opt_i64(first + receipt_column),
                          .entry_id = row.opt_i64(first + entry_column),
                          .customer_id = row.opt_i64(first + customer_column),
                          .ledger_account = row.text(first + ledger_account_column),
                          .how = how,
                          .score = row.opt_i64(first + score_column),
                          .reason = row.text(first + reason_column),
                          .matched_by = row.i64(first + matched_by_column),
                          .matched_at = *at};
}

}  // namespace

core::Result<std::optional<matching::MatchingRules>> select_rules(store::Txn& txn,
                                                                  CompanyId company) {
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT auto_post_score_min, tolerance_minor, name_matching, "
                                     "amount_only, date_window_days FROM matching_rules WHERE "
                                     "company_id = $1",
                                     std::vector<Value>{company.value()}));
    if (!row) {
        return std::optional<matching::MatchingRules>();
    }
    return std::optional<matching::MatchingRules>(
        matching::MatchingRules{.auto_post_score_min = row->i64(0),
                                .tolerance_minor = row->i64(1),
                                .name_matching = row->i64(2) != 0,
                                .amount_only = row->i64(3) != 0,
                                .date_window_days = row->i64(4)});
}

core::Result<void> upsert_rules(store::Txn& txn,
                                CompanyId company,
                                const matching::MatchingRules& rules,
                                std::int64_t user,
                                core::Instant at) {
    BO_TRY(txn.execute(
        "INSERT INTO matching_rules (company_id, auto_post_score_min, tolerance_minor, "
        "name_matching, amount_only, date_window_days, updated_by, updated_at_us) VALUES ($1, "
        "$2, $3, $4, $5, $6, $7, $8) ON CONFLICT (company_id) DO UPDATE SET auto_post_score_min "
        "= excluded.auto_post_score_min, tolerance_minor = excluded.tolerance_minor, "
        "name_matching = excluded.name_matching, amount_only = excluded.amount_only, "
        "date_window_days = excluded.date_window_days, updated_by = excluded.updated_by, "
        "updated_at_us = excluded.updated_at_us",
        std::vector<Value>{company.value(),
                           rules.auto_post_score_min,
                           rules.tolerance_minor,
                           flag(rules.name_matching),
                           flag(rules.amount_only),
                           rules.date_window_days,
                           user,
                           at.unix_micros()}));
    return core::ok();
}

core::Result<std::vector<matching::KnownCounterparty>> select_counterparties(store::Txn& txn,
                                                                             CompanyId company) {
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT kind, counterparty_key, customer_id FROM "
                            "matching_counterparties WHERE company_id = $1",
                            std::vector<Value>{company.value()}));
    std::vector<matching::KnownCounterparty> out;
    out.reserve(rows.size());
    for (const store::Row& row : rows) {
        out.push_back(matching::KnownCounterparty{.kind = row.text(0) == "iban"
                                                              ? matching::CounterpartyKind::iban
                                                              : matching::CounterpartyKind::name,
                                                  .key = row.text(1),
                                                  .customer = row.i64(2)});
    }
    return out;
}

core::Result<void> upsert_counterparty(store::Txn& txn,
                                       CompanyId company,
                                       const matching::KnownCounterparty& known,
                                       StatementLineId learned_from,
                                       core::Instant at) {
    const std::string kind = known.kind == matching::CounterpartyKind::iban ? "iban" : "name";
    BO_TRY(txn.execute(
        "INSERT INTO matching_counterparties (company_id, kind, counterparty_key, customer_id, "
        "learned_from_line_id, learned_at_us) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT "
        "(company_id, kind, counterparty_key) DO UPDATE SET customer_id = excluded.customer_id, "
        "learned_from_line_id = excluded.learned_from_line_id, learned_at_us = "
        "excluded.learned_at_us",
        std::vector<Value>{company.value(),
                           kind,
                           known.key,
                           known.customer,
                           learned_from.value(),
                           at.unix_micros()}));
    return core::ok();
}

core::Result<std::vector<StatementLine>> select_open_lines(store::Txn& txn,
                                                           CompanyId company,
                                                           StatementId statement) {
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT " + std::string(queries::line_columns)
                                + " FROM bank_statement_lines l WHERE l.company_id = $1 AND "
                                  "l.statement_id = $2 AND l.match_status <> 'matched' ORDER BY "
                                  "l.id",
                            std::vector<Value>{company.value(), statement.value()}));
    std::vector<StatementLine> lines;
    lines.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(StatementLine line, queries::decode_line(row));
        lines.push_back(std::move(line));
    }
    return lines;
}

core::Result<std::optional<StatementLine>> lock_line(store::Txn& txn,
                                                     CompanyId company,
                                                     StatementLineId line) {
    const std::vector<Value> params{company.value(), line.value()};
    BO_TRY(
        txn.execute("UPDATE bank_statement_lines SET match_status = match_status WHERE "
                    "company_id = $1 AND id = $2",
                    params));
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional("SELECT " + std::string(queries::line_columns)
                                         + " FROM bank_statement_lines l WHERE l.company_id = $1 "
                                           "AND l.id = $2",
                                     params));
    if (!row) {
        return std::optional<StatementLine>();
    }
    BO_TRY_ASSIGN(StatementLine decoded, queries::decode_line(*row));
    return std::optional<StatementLine>(std::move(decoded));
}

core::Result<void> set_status(store::Txn& txn,
                              CompanyId company,
                              StatementLineId line,
                              MatchStatus status) {
    BO_TRY(txn.execute(
        "UPDATE bank_statement_lines SET match_status = $3 WHERE company_id = $1 AND id = $2",
        std::vector<Value>{company.value(), line.value(), std::string(to_string(status))}));
    return core::ok();
}

core::Result<void> replace_proposals(store::Txn& txn,
                                     CompanyId company,
                                     StatementLineId line,
                                     const std::vector<matching::Proposal>& proposals,
                                     core::Instant at) {
    BO_TRY(txn.execute("DELETE FROM bank_line_proposals WHERE company_id = $1 AND line_id = $2",
                       std::vector<Value>{company.value(), line.value()}));
    std::int64_t rank = 0;
    for (const matching::Proposal& proposal : proposals) {
        BO_TRY(txn.execute(
            "INSERT INTO bank_line_proposals (company_id, line_id, rank, strategy, customer_id, "
            "score, reason, unapplied_minor, allocations, created_at_us) VALUES ($1, $2, $3, $4, "
            "$5, $6, $7, $8, $9, $10)",
            std::vector<Value>{company.value(),
                               line.value(),
                               ++rank,
                               std::string(matching::to_string(proposal.strategy)),
                               proposal.customer,
                               proposal.score,
                               proposal.reason,
                               proposal.unapplied_minor,
                               allocations_text(proposal.allocations),
                               at.unix_micros()}));
    }
    return core::ok();
}

core::Result<std::vector<StoredProposal>> select_proposals(store::Txn& txn,
                                                           CompanyId company,
                                                           StatementLineId line) {
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query("SELECT rank, strategy, customer_id, score, reason, unapplied_minor, "
                            "allocations FROM bank_line_proposals WHERE company_id = $1 AND "
                            "line_id = $2 ORDER BY rank",
                            std::vector<Value>{company.value(), line.value()}));
    std::vector<StoredProposal> out;
    out.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(matching::Proposal proposal, decode_proposal(row, 1));
        out.push_back(StoredProposal{row.i64(0), std::move(proposal)});
    }
    return out;
}

core::Result<void> insert_settlement(store::Txn& txn,
                                     CompanyId company,
                                     StatementLineId line,
                                     const LineSettlement& s) {
    const auto optional = [](const std::optional<std::int64_t>& value) {
        return value ? Value(*value) : Value(store::Null{});
    };
    BO_TRY(txn.execute(
        "INSERT INTO bank_line_matches (company_id, line_id, target, receipt_id, entry_id, "
        "customer_id, ledger_account, how, score, reason, matched_by, matched_at_us) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        std::vector<Value>{company.value(),
                           line.value(),
                           std::string(to_string(s.target)),
                           optional(s.receipt_id),
                           optional(s.entry_id),
                           optional(s.customer_id),
                           s.ledger_account,
                           std::string(to_string(s.how)),
                           optional(s.score),
                           s.reason,
                           s.matched_by,
                           s.matched_at.unix_micros()}));
    return core::ok();
}

core::Result<void> delete_settlement(store::Txn& txn, CompanyId company, StatementLineId line) {
    BO_TRY(txn.execute("DELETE FROM bank_line_matches WHERE company_id = $1 AND line_id = $2",
                       std::vector<Value>{company.value(), line.value()}));
    return core::ok();
}

core::Result<std::vector<QueueLine>> select_queue(store::Txn& txn,
                                                  CompanyId company,
                                                  const QueueQuery& query,
                                                  std::string_view pattern,
                                                  std::int64_t amount_minor) {
    static const std::string sql =
        "SELECT " + std::string(queries::line_columns)
        + ", p.strategy, p.customer_id, p.score, p.reason, p.unapplied_minor, p.allocations, "
          "m.target, m.receipt_id, m.entry_id, m.customer_id, m.ledger_account, m.how, m.score, "
          "m.reason, m.matched_by, m.matched_at_us FROM bank_statement_lines l LEFT JOIN "
          "bank_line_proposals p ON p.company_id = l.company_id AND p.line_id = l.id AND p.rank "
          "= 1 LEFT JOIN bank_line_matches m ON m.company_id = l.company_id AND m.line_id = l.id "
          "WHERE l.company_id = $1 AND ($2 = '' OR l.match_status = $2) AND ($3 = 0 OR "
          "l.statement_id = $3) AND l.id > $4 AND ($5 = '' OR lower(l.remittance) LIKE $5 ESCAPE "
          "'\\' OR lower(l.counterparty_name) LIKE $5 ESCAPE '\\' OR "
          "lower(l.counterparty_account) LIKE $5 ESCAPE '\\' OR lower(l.end_to_end_id) LIKE $5 "
          "ESCAPE '\\' OR lower(l.bank_reference) LIKE $5 ESCAPE '\\' OR "
          "lower(l.creditor_reference) LIKE $5 ESCAPE '\\' OR l.amount_minor = $6) ORDER BY "
          "l.id LIMIT $7";
    BO_TRY_ASSIGN(
        const store::Rows rows,
        txn.query(
            sql,
            std::vector<Value>{company.value(),
                               query.status ? std::string(to_string(*query.status)) : std::string(),
                               query.statement ? query.statement->value() : std::int64_t{0},
                               query.after.value(),
                               std::string(pattern),
                               amount_minor,
                               query.limit}));
    constexpr std::size_t proposal_first = queries::line_column_count;
    constexpr std::size_t settlement_first = proposal_first + 6;
    std::vector<QueueLine> out;
    out.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(StatementLine line, queries::decode_line(row));
        QueueLine item{.line = std::move(line)};
        if (!row.is_null(proposal_first)) {
            BO_TRY_ASSIGN(matching::Proposal best, decode_proposal(row, proposal_first));
            item.best = StoredProposal{1, std::move(best)};
        }
        if (!row.is_null(settlement_first)) {
            BO_TRY_ASSIGN(item.settlement, decode_settlement(row, settlement_first));
        }
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace bo::modules::banking::matching_queries
