// Collection cases and a customer's standing (docs/receivables.md "Collections").
//
// A case follows one customer's overdue debt: at most one is open per customer; it is opened
// by hand or by the dunning run when a letter is the final notice. It holds notes, promises to
// pay and follow-up tasks for AR clerks. A promise (an amount by a date) is kept once the
// customer's open balance has fallen by the amount since it was made, broken when its date
// has passed without that, pending otherwise. A disputed case, or a pending promise, keeps the
// customer out of dunning runs.
// Standing: a customer with an invoice overdue beyond the company's policy (more than
// hold_days_overdue days, or dunned at hold_level or higher) is on credit hold; the sales
// credit check asks this (sales::overdue_hold_reason) and holds new orders.
// Every change writes an audit event "receivables.collection_<thing>.<verb>".
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "modules/receivables/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables {

struct CollectionCaseTag;
using CollectionCaseId = core::Id<CollectionCaseTag>;
struct PromiseTag;
using PromiseId = core::Id<PromiseTag>;
struct CollectionTaskTag;
using CollectionTaskId = core::Id<CollectionTaskTag>;

inline constexpr std::size_t note_chars_max = 4000;
inline constexpr std::size_t task_title_chars_max = 200;
// A case shows at most this many notes, promises and tasks (a case that needs more is two).
inline constexpr std::int64_t case_entries_max = 500;
// Days after a final notice that the follow-up task the run creates is due.
inline constexpr std::int64_t final_notice_follow_up_days = 7;

enum class CaseStatus { open, closed };
enum class CaseOrigin { manual, final_notice };
enum class PromiseStatus { pending, kept, broken };

std::string_view to_string(CaseStatus status) noexcept;
std::string_view to_string(CaseOrigin origin) noexcept;
std::string_view to_string(PromiseStatus status) noexcept;

struct CollectionNote {
    std::int64_t number = 0;
    std::string text;
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
};

struct Promise {
    PromiseId id{};
    CollectionCaseId case_id{};
    core::Date promised_date;
    core::Money amount;
    core::Money open_at_promise;
    PromiseStatus status = PromiseStatus::pending;  // as of the day it is read
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
};

struct CollectionTask {
    CollectionTaskId id{};
    CollectionCaseId case_id{};
    sales::CustomerId customer{};
    std::string customer_number;
    std::string title;
    core::Date due_date;
    std::optional<platform::auth::UserId> assignee;
    bool done = false;
    std::optional<platform::auth::UserId> done_by;
    std::optional<core::Instant> done_at;
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
};

struct CollectionCase {
    CollectionCaseId id{};
    sales::CustomerId customer{};
    std::string customer_number;
    std::string customer_name;
    CaseStatus status = CaseStatus::open;
    CaseOrigin origin = CaseOrigin::manual;
    bool disputed = false;
    std::string dispute_reason;
    core::Date opened_on;
    std::optional<platform::auth::UserId> assignee;
    platform::auth::UserId opened_by{};
    core::Instant opened_at{0};
    std::optional<core::Instant> closed_at;
    core::Money open_balance;  // the customer's, as of the day it is read
    std::vector<CollectionNote> notes;
    std::vector<Promise> promises;
    std::vector<CollectionTask> tasks;
};

// Opens a case for a customer by hand. Errors: invalid_argument ("customer" unknown);
// conflict when the customer has an open case.
[[nodiscard]] core::Result<CollectionCase> open_case(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Actor& actor,
    sales::CustomerId customer,
    std::optional<platform::auth::UserId> assignee);

// The customer's open case, opened by the dunning run's final notice when there is none (with
// a follow-up task due final_notice_follow_up_days later).
[[nodiscard]] core::Result<CollectionCaseId> open_case_for_final_notice(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Actor& actor,
    sales::CustomerId customer,
    core::Date as_of);

struct CaseChange {
    std::optional<bool> disputed;
    std::optional<std::string> dispute_reason;
    std::optional<std::optional<platform::auth::UserId>> assignee;  // {nullopt}: none
    std::optional<CaseStatus> status;  // closed closes it; a closed case does not reopen
};

// Changes a case. Errors: not_found; conflict for a closed case; invalid_argument
// ("dispute_reason" over reason_chars_max or missing when disputed, "status").
[[nodiscard]] core::Result<CollectionCase> change_case(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       const platform::Actor& actor,
                                                       CollectionCaseId id,
                                                       const CaseChange& change);

// Errors: not_found; invalid_argument ("text" empty or over note_chars_max).
[[nodiscard]] core::Result<CollectionNote> add_note(store::Txn& txn,
                                                    const core::Clock& clock,
                                                    const platform::Actor& actor,
                                                    CollectionCaseId id,
                                                    const std::string& text);

// Records a promise of `amount` (customer's currency) by `date`. Errors: not_found; conflict
// for a closed case; invalid_argument ("amount" not > 0, "date" before today).
[[nodiscard]] core::Result<Promise> add_promise(store::Txn& txn,
                                                const core::Clock& clock,
                                                const platform::Actor& actor,
                                                CollectionCaseId id,
                                                const std::string& amount,
                                                core::Date date);

struct NewTask {
    std::string title;
    core::Date due_date;
    std::optional<platform::auth::UserId> assignee;
};

// Errors: not_found; conflict for a closed case; invalid_argument ("title").
[[nodiscard]] core::Result<CollectionTask> add_task(store::Txn& txn,
                                                    const core::Clock& clock,
                                                    const platform::Actor& actor,
                                                    CollectionCaseId id,
                                                    const NewTask& task);

// Marks a task done (or not done again). Errors: not_found.
[[nodiscard]] core::Result<CollectionTask> set_task_done(store::Txn& txn,
                                                         const core::Clock& clock,
                                                         const platform::Actor& actor,
                                                         CollectionTaskId id,
                                                         bool done);

// The case with its notes, promises (status as of `today`) and tasks, or nullopt.
[[nodiscard]] core::Result<std::optional<CollectionCase>> find_case(store::Txn& txn,
                                                                    CompanyId company,
                                                                    CollectionCaseId id,
                                                                    core::Date today);

struct CaseQuery {
    std::optional<CaseStatus> status;
    std::optional<sales::CustomerId> customer;
    CollectionCaseId after{};
    std::int64_t limit = 50;
};
// A page of cases (without notes, promises and tasks). Errors: "limit".
[[nodiscard]] core::Result<std::vector<CollectionCase>> list_cases(store::Txn& txn,
                                                                   CompanyId company,
                                                                   const CaseQuery& query,
                                                                   core::Date today);

struct TaskQuery {
    std::optional<platform::auth::UserId> assignee;
    std::optional<core::Date> due_before;  // due_date < due_before
    bool include_done = false;
    std::int64_t limit = 50;
};
// The clerk's worklist: tasks by due date then id. Errors: "limit".
[[nodiscard]] core::Result<std::vector<CollectionTask>> list_tasks(store::Txn& txn,
                                                                   CompanyId company,
                                                                   const TaskQuery& query);

// Why a customer is kept out of a dunning run on `as_of` (a disputed case, a pending promise),
// or "" when it is not.
[[nodiscard]] core::Result<std::string> dunning_exclusion(store::Txn& txn,
                                                          CompanyId company,
                                                          sales::CustomerId customer,
                                                          core::Date as_of);

struct Standing {
    bool credit_hold = false;
    std::string reason;  // why, when on hold
    std::int64_t oldest_days_overdue = 0;
    std::int64_t dunning_level = 0;  // the highest level of an open invoice
    core::Money overdue;
    std::optional<CollectionCaseId> open_case;
};

// The customer's standing on `today` under the company's policy. Errors: not_found.
[[nodiscard]] core::Result<Standing> customer_standing(store::Txn& txn,
                                                       CompanyId company,
                                                       sales::CustomerId customer,
                                                       core::Date today);

}  // namespace bo::modules::receivables
