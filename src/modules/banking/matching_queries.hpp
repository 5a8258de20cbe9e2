// The SQL of cash application (the only place it lives): rules, learned counterparties, the
// lines to match and their status, stored proposals and settlements. Every statement is scoped
// by company and uses $n parameters; one text serves both backends.
// Thread safety: functions of a Txn.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/banking/matching_service.hpp"
#include "store/database.hpp"

namespace bo::modules::banking::matching_queries {

using platform::tenancy::CompanyId;

[[nodiscard]] core::Result<std::optional<matching::MatchingRules>> select_rules(store::Txn& txn,
                                                                                CompanyId company);
[[nodiscard]] core::Result<void> upsert_rules(store::Txn& txn,
                                              CompanyId company,
                                              const matching::MatchingRules& rules,
                                              std::int64_t user,
                                              core::Instant at);

[[nodiscard]] core::Result<std::vector<matching::KnownCounterparty>> select_counterparties(
    store::Txn& txn, CompanyId company);
// Records (or moves) a counterparty key to `customer`.
[[nodiscard]] core::Result<void> upsert_counterparty(store::Txn& txn,
                                                     CompanyId company,
                                                     const matching::KnownCounterparty& known,
                                                     StatementLineId learned_from,
                                                     core::Instant at);

// The lines of `statement` that are not matched, by id.
[[nodiscard]] core::Result<std::vector<StatementLine>> select_open_lines(store::Txn& txn,
                                                                         CompanyId company,
                                                                         StatementId statement);
// Locks the line for this transaction (PostgreSQL; SQLite has one writer) and reads it.
[[nodiscard]] core::Result<std::optional<StatementLine>> lock_line(store::Txn& txn,
                                                                   CompanyId company,
                                                                   StatementLineId line);
[[nodiscard]] core::Result<void> set_status(store::Txn& txn,
                                            CompanyId company,
                                            StatementLineId line,
                                            MatchStatus status);

// Replaces the line's proposals with `proposals` (ranks 1..n); none deletes them.
[[nodiscard]] core::Result<void> replace_proposals(store::Txn& txn,
                                                   CompanyId company,
                                                   StatementLineId line,
                                                   const std::vector<matching::Proposal>& proposals,
                                                   core::Instant at);
[[nodiscard]] core::Result<std::vector<StoredProposal>> select_proposals(store::Txn& txn,
                                                                         CompanyId company,
                                                                         StatementLineId line);

[[nodiscard]] core::Result<void> insert_settlement(store::Txn& txn,
                                                   CompanyId company,
                                                   StatementLineId line,
                                                   const LineSettlement& settlement);
[[nodiscard]] core::Result<void> delete_settlement(store::Txn& txn,
                                                   CompanyId company,
                                                   StatementLineId line);

// A page of the queue (see QueueQuery); `pattern` is a LIKE pattern ("" for none) and
// `amount_minor` an amount to find (-1 for none).
[[nodiscard]] core::Result<std::vector<QueueLine>> select_queue(store::Txn& txn,
                                                                CompanyId company,
                                                                const QueueQuery& query,
                                                                std::string_view pattern,
                                                                std::int64_t amount_minor);

}  // namespace bo::modules::banking::matching_queries
