// The SQL of collections: dunning levels and runs, collection cases, the statement of account
// (the only place it lives). Every statement is scoped by company and uses $n parameters; the
// texts are the same on both backends.
// Thread safety: functions of a Txn.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/receivables/collections.hpp"
#include "modules/receivables/dunning.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables::collections_queries {

// --- Dunning levels --------------------------------------------------------------------------

// The company's stored levels by level (empty when it has set none).
[[nodiscard]] core::Result<std::vector<DunningLevel>> select_levels(store::Txn& txn,
                                                                    CompanyId company);
// The stored hold policy (hold_days_overdue, hold_level), or nullopt when never set.
struct HoldSettings {
    std::optional<std::int64_t> hold_days_overdue;
    std::optional<std::int64_t> hold_level;
};
[[nodiscard]] core::Result<std::optional<HoldSettings>> select_hold_settings(store::Txn& txn,
                                                                             CompanyId company);
[[nodiscard]] core::Result<void> replace_policy(store::Txn& txn,
                                                CompanyId company,
                                                const DunningPolicy& policy,
                                                core::Instant at);

// --- Dunning runs ----------------------------------------------------------------------------

struct InvoiceDunningRow {
    std::int64_t level = 0;
    core::Date dunned_on;
    std::optional<core::Date> interest_through;
};
// The dunning state of every invoice of the company that was dunned, by invoice.
[[nodiscard]] core::Result<std::map<DocumentId, InvoiceDunningRow>> select_invoice_dunning(
    store::Txn& txn, CompanyId company);
// Records that `invoice` was dunned at `level` on `on` (interest charged through
// `interest_through` when given, else as before). Answers false when it already stands at
// that level or higher (a concurrent run got there first).
[[nodiscard]] core::Result<bool> raise_invoice_dunning(store::Txn& txn,
                                                       CompanyId company,
                                                       DocumentId invoice,
                                                       std::int64_t level,
                                                       core::Date on,
                                                       std::optional<core::Date> interest_through,
                                                       DunningRunId run);
[[nodiscard]] core::Result<std::vector<InvoiceDunning>> select_customer_dunning(
    store::Txn& txn, CompanyId company, sales::CustomerId customer);

[[nodiscard]] core::Result<DunningRunId> insert_run(store::Txn& txn,
                                                    CompanyId company,
                                                    const DunningRun& run);
// Stores a letter and its items.
[[nodiscard]] core::Result<void> insert_letter(store::Txn& txn,
                                               CompanyId company,
                                               DunningRunId run,
                                               const DunningLetter& letter);
[[nodiscard]] core::Result<void> update_letter_outcome(store::Txn& txn,
                                                       CompanyId company,
                                                       DunningRunId run,
                                                       const DunningLetter& letter);
// Runs by id after `after` (at most `limit`), or the one run `only` when given.
[[nodiscard]] core::Result<std::vector<DunningRun>> select_runs(store::Txn& txn,
                                                                CompanyId company,
                                                                DunningRunId after,
                                                                std::int64_t limit,
                                                                std::optional<DunningRunId> only);
// The run's letters with their items (of one customer when given), by customer number.
[[nodiscard]] core::Result<std::vector<DunningLetter>> select_letters(
    store::Txn& txn,
    CompanyId company,
    DunningRunId run,
    std::optional<sales::CustomerId> customer);

// --- Collection cases ------------------------------------------------------------------------

[[nodiscard]] core::Result<CollectionCaseId> insert_case(store::Txn& txn,
                                                         CompanyId company,
                                                         const CollectionCase& record);
[[nodiscard]] core::Result<void> update_case(store::Txn& txn,
                                             CompanyId company,
                                             const CollectionCase& record);
// The case (without its entries), or nullopt.
[[nodiscard]] core::Result<std::optional<CollectionCase>> select_case(store::Txn& txn,
                                                                      CompanyId company,
                                                                      CollectionCaseId id);
[[nodiscard]] core::Result<std::optional<CollectionCase>> select_open_case(
    store::Txn& txn, CompanyId company, sales::CustomerId customer);
[[nodiscard]] core::Result<std::vector<CollectionCase>> select_cases(store::Txn& txn,
                                                                     CompanyId company,
                                                                     const CaseQuery& query);

[[nodiscard]] core::Result<CollectionNote> insert_note(store::Txn& txn,
                                                       CompanyId company,
                                                       CollectionCaseId id,
                                                       const CollectionNote& note);
[[nodiscard]] core::Result<std::vector<CollectionNote>> select_notes(store::Txn& txn,
                                                                     CompanyId company,
                                                                     CollectionCaseId id);

[[nodiscard]] core::Result<PromiseId> insert_promise(store::Txn& txn,
                                                     CompanyId company,
                                                     const Promise& promise);
// The promises of a case, or of every open case of a customer (case_id 0), by date then id;
// status pending (the caller works it out).
[[nodiscard]] core::Result<std::vector<Promise>> select_promises(
    store::Txn& txn,
    CompanyId company,
    CollectionCaseId id,
    std::optional<sales::CustomerId> customer);

[[nodiscard]] core::Result<CollectionTaskId> insert_task(store::Txn& txn,
                                                         CompanyId company,
                                                         const CollectionTask& task);
[[nodiscard]] core::Result<void> update_task_done(store::Txn& txn,
                                                  CompanyId company,
                                                  const CollectionTask& task);
[[nodiscard]] core::Result<std::optional<CollectionTask>> select_task(store::Txn& txn,
                                                                      CompanyId company,
                                                                      CollectionTaskId id);
// Tasks matching `query`, or every task of case `of_case` when given, by due date then id.
[[nodiscard]] core::Result<std::vector<CollectionTask>> select_tasks(
    store::Txn& txn,
    CompanyId company,
    const TaskQuery& query,
    std::optional<CollectionCaseId> of_case);

// --- Statement of account --------------------------------------------------------------------

// The customer's balance of issued documents dated before `before` (invoices less credit
// notes and write-offs), in its currency's minor units.
[[nodiscard]] core::Result<std::int64_t> select_balance_before(store::Txn& txn,
                                                               CompanyId company,
                                                               sales::CustomerId customer,
                                                               core::Date before);

// A movement of the customer's account from cash application (payments.hpp), debit-positive:
// a receipt (-), its void (+), a refund (+), a discount or difference written off by an
// allocation (-) and its reversal when the allocation is un-applied or voided (+).
struct PaymentMovement {
    core::Date date;
    std::string kind;  // receipt | receipt_void | refund | allowance | allowance_reversed
    std::int64_t receipt = 0;
    std::string detail;  // method and reference, the void's reason, or the invoice number
    std::int64_t amount_minor = 0;
};
// The movements dated in [from, to), by date, receipt, then receipt before its allowances,
// reversals, refunds and void; and their sum
// before `from` (`from` only).
[[nodiscard]] core::Result<std::vector<PaymentMovement>> select_payment_movements(
    store::Txn& txn,
    CompanyId company,
    sales::CustomerId customer,
    core::Date from,
    core::Date to);
[[nodiscard]] core::Result<std::int64_t> select_payments_before(store::Txn& txn,
                                                              CompanyId company,
                                                              sales::CustomerId customer,
                                                              core::Date before);

}  // namespace bo::modules::receivables::collections_queries
