// Collection cases, promises to pay, follow-up tasks and a customer's standing
// (collections.hpp).
#include "modules/receivables/collections.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "core/assert.hpp"
#include "core/limits.hpp"
#include "modules/receivables/collections_queries.hpp"
#include "modules/receivables/dunning.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/receivables/queries.hpp"
#include "modules/sales/orders.hpp"
#include "modules/sales/service.hpp"
#include "platform/audit/audit.hpp"

namespace bo::modules::receivables {
namespace {

namespace json = boost::json;
namespace cq = collections_queries;
using core::Error;
using platform::auth::UserId;

json::value user_json(const std::optional<UserId>& user) {
    return user ? json::value(user->value()) : json::value(nullptr);
}

json::object case_record(const CollectionCase& record) {
    return {{"customer", record.customer_number},
            {"status", to_string(record.status)},
            {"origin", to_string(record.origin)},
            {"disputed", record.disputed},
            {"dispute_reason", record.dispute_reason},
            {"opened_on", record.opened_on.to_string()},
            {"assignee", user_json(record.assignee)}};
}

core::Result<void> audit_case(store::Txn& txn,
                              const core::Clock& clock,
                              const platform::Actor& actor,
                              std::string_view action,
                              CollectionCaseId id,
                              const json::object& before,
                              const json::object& after) {
    return platform::audit::record(txn, clock, actor,
                                   {.action = std::string(action),
                                    .entity_type = "collection_case",
                                    .entity_id = id.to_string(),
                                    .changes = platform::audit::diff(before, after)});
}

// The case `id`, open. Errors: not_found; conflict when closed.
core::Result<CollectionCase> open_case_of(store::Txn& txn, CompanyId company, CollectionCaseId id) {
    BO_TRY_ASSIGN(std::optional<CollectionCase> record, cq::select_case(txn, company, id));
    if (!record) {
        return Error(core::ErrorCode::not_found, "no such collection case");
    }
    if (record->status == CaseStatus::closed) {
        return Error(core::ErrorCode::conflict, "the collection case is closed");
    }
    return std::move(*record);
}

// The customer's open balance on `as_of`, in its currency.
core::Result<core::Money> open_balance(store::Txn& txn,
                                       CompanyId company,
                                       sales::CustomerId customer,
                                       core::Currency currency,
                                       core::Date as_of) {
    BO_TRY_ASSIGN(const std::vector<queries::OpenInvoiceRow> rows,
                  queries::select_open_invoices(txn, company, as_of, customer));
    core::Money open = core::Money::zero(currency);
    for (const queries::OpenInvoiceRow& row : rows) {
        BO_TRY_ASSIGN(open, core::add(open, core::Money{row.total_minor - row.credited_minor,
                                                        currency}));
    }
    return open;
}

PromiseStatus promise_status(const Promise& promise, core::Money open_now, core::Date today) {
    if (open_now.minor <= promise.open_at_promise.minor - promise.amount.minor) {
        return PromiseStatus::kept;
    }
    return promise.promised_date < today ? PromiseStatus::broken : PromiseStatus::pending;
}

// The case's promises with their status on `today`.
core::Result<std::vector<Promise>> promises_on(store::Txn& txn,
                                               CompanyId company,
                                               CollectionCaseId id,
                                               std::optional<sales::CustomerId> customer,
                                               core::Money open_now,
                                               core::Date today) {
    BO_TRY_ASSIGN(std::vector<Promise> promises,
                  cq::select_promises(txn, company, id, customer));
    for (Promise& promise : promises) {
        promise.status = promise_status(promise, open_now, today);
    }
    return promises;
}

core::Result<CollectionTask> task_of(store::Txn& txn, CompanyId company, CollectionTaskId id) {
    BO_TRY_ASSIGN(std::optional<CollectionTask> task, cq::select_task(txn, company, id));
    if (!task) {
        return Error(core::ErrorCode::not_found, "no such collection task");
    }
    return std::move(*task);
}

json::object task_record(const CollectionTask& task) {
    return {{"case_id", task.case_id.value()},
            {"title", task.title},
            {"due_date", task.due_date.to_string()},
            {"assignee", user_json(task.assignee)},
            {"done", task.done}};
}

core::Result<CollectionCase> insert_new_case(store::Txn& txn,
                                             const core::Clock& clock,
                                             const platform::Actor& actor,
                                             const sales::Customer& customer,
                                             CaseOrigin origin,
                                             std::optional<UserId> assignee) {
    CollectionCase record{.id = CollectionCaseId(0),
                          .customer = customer.id,
                          .customer_number = customer.number,
                          .customer_name = customer.name,
                          .status = CaseStatus::open,
                          .origin = origin,
                          .disputed = false,
                          .dispute_reason = {},
                          .opened_on = internal::today(clock),
                          .assignee = assignee,
                          .opened_by = actor.user,
                          .opened_at = clock.now(),
                          .closed_at = std::nullopt,
                          .open_balance = core::Money::zero(customer.currency),
                          .notes = {},
                          .promises = {},
                          .tasks = {}};
    BO_TRY_ASSIGN(record.id, cq::insert_case(txn, actor.company, record));
    BO_TRY(audit_case(txn, clock, actor, "receivables.collection_case.open", record.id, {},
                      case_record(record)));
    return record;
}

}  // namespace

std::string_view to_string(CaseStatus status) noexcept {
    return status == CaseStatus::open ? "open" : "closed";
}

std::string_view to_string(CaseOrigin origin) noexcept {
    return origin == CaseOrigin::manual ? "manual" : "final_notice";
}

std::string_view to_string(PromiseStatus status) noexcept {
    switch (status) {
        case PromiseStatus::pending:
            return "pending";
        case PromiseStatus::kept:
            return "kept";
        case PromiseStatus::broken:
            return "broken";
    }
    return "pending";
}

core::Result<CollectionCase> open_case(store::Txn& txn,
                                       const core::Clock& clock,
                                       const platform::Actor& actor,
                                       sales::CustomerId customer_id,
                                       std::optional<UserId> assignee) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, actor.company, customer_id));
    if (!customer) {
        return Error::invalid("customer", "is not a customer of this company");
    }
    BO_TRY_ASSIGN(const std::optional<CollectionCase> existing,
                  cq::select_open_case(txn, actor.company, customer_id));
    if (existing) {
        return Error(core::ErrorCode::conflict,
                     "customer " + customer->number + " has open collection case "
                         + existing->id.to_string());
    }
    return insert_new_case(txn, clock, actor, *customer, CaseOrigin::manual, assignee);
}

core::Result<CollectionCaseId> open_case_for_final_notice(store::Txn& txn,
                                                          const core::Clock& clock,
                                                          const platform::Actor& actor,
                                                          sales::CustomerId customer_id,
                                                          core::Date as_of) {
    BO_TRY_ASSIGN(const std::optional<CollectionCase> existing,
                  cq::select_open_case(txn, actor.company, customer_id));
    if (existing) {
        return existing->id;
    }
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, actor.company, customer_id));
    BO_ASSERT(customer.has_value());
    BO_TRY_ASSIGN(const CollectionCase record,
                  insert_new_case(txn, clock, actor, *customer, CaseOrigin::final_notice,
                                  std::nullopt));
    BO_TRY_ASSIGN(const core::Date due, as_of.add_days(final_notice_follow_up_days));
    BO_TRY(add_task(txn, clock, actor, record.id,
                    {.title = "Call " + customer->name + " after the final notice",
                     .due_date = due,
                     .assignee = std::nullopt}));
    return record.id;
}

core::Result<CollectionCase> change_case(store::Txn& txn,
                                         const core::Clock& clock,
                                         const platform::Actor& actor,
                                         CollectionCaseId id,
                                         const CaseChange& change) {
    BO_TRY_ASSIGN(CollectionCase record, open_case_of(txn, actor.company, id));
    const json::object before = case_record(record);
    if (change.disputed) {
        record.disputed = *change.disputed;
        record.dispute_reason = change.dispute_reason.value_or("");
        if (record.disputed && record.dispute_reason.empty()) {
            return Error::invalid("dispute_reason", "is required to mark a case disputed");
        }
    } else if (change.dispute_reason) {
        record.dispute_reason = *change.dispute_reason;
    }
    if (record.dispute_reason.size() > reason_chars_max) {
        return Error::invalid("dispute_reason",
                              "must be at most " + std::to_string(reason_chars_max)
                                  + " characters");
    }
    if (change.assignee) {
        record.assignee = *change.assignee;
    }
    if (change.status == CaseStatus::closed) {
        record.status = CaseStatus::closed;
        record.closed_at = clock.now();
    }
    BO_TRY(cq::update_case(txn, actor.company, record));
    BO_TRY(audit_case(txn, clock, actor,
                      record.status == CaseStatus::closed ? "receivables.collection_case.close"
                                                          : "receivables.collection_case.update",
                      id, before, case_record(record)));
    return record;
}

core::Result<CollectionNote> add_note(store::Txn& txn,
                                      const core::Clock& clock,
                                      const platform::Actor& actor,
                                      CollectionCaseId id,
                                      const std::string& text) {
    BO_TRY_ASSIGN(const std::optional<CollectionCase> record,
                  cq::select_case(txn, actor.company, id));
    if (!record) {
        return Error(core::ErrorCode::not_found, "no such collection case");
    }
    if (text.empty() || text.size() > note_chars_max) {
        return Error::invalid("text",
                              "must be 1 to " + std::to_string(note_chars_max) + " characters");
    }
    BO_TRY_ASSIGN(const CollectionNote note,
                  cq::insert_note(txn, actor.company, id,
                                  {.number = 0,
                                   .text = text,
                                   .created_by = actor.user,
                                   .created_at = clock.now()}));
    BO_TRY(audit_case(txn, clock, actor, "receivables.collection_note.create", id, {},
                      json::object{{"note", note.number}, {"text", text}}));
    return note;
}

core::Result<Promise> add_promise(store::Txn& txn,
                                  const core::Clock& clock,
                                  const platform::Actor& actor,
                                  CollectionCaseId id,
                                  const std::string& amount_text,
                                  core::Date date) {
    BO_TRY_ASSIGN(const CollectionCase record, open_case_of(txn, actor.company, id));
    const core::Currency currency = record.open_balance.currency;
    core::Result<core::Money> amount = core::Money::parse(amount_text, currency);
    std::vector<core::FieldError> errors;
    if (!amount || amount->minor <= 0) {
        errors.push_back({"amount", "must be an amount > 0 in " + std::string(currency.code())});
    }
    const core::Date today = internal::today(clock);
    if (date < today) {
        errors.push_back({"date", "must be today or later"});
    }
    if (!errors.empty()) {
        return Error(core::ErrorCode::invalid_argument, "the promise is not valid",
                     std::move(errors));
    }
    BO_TRY_ASSIGN(const core::Money open,
                  open_balance(txn, actor.company, record.customer, currency, today));
    Promise promise{.id = PromiseId(0),
                    .case_id = id,
                    .promised_date = date,
                    .amount = *amount,
                    .open_at_promise = open,
                    .status = PromiseStatus::pending,
                    .created_by = actor.user,
                    .created_at = clock.now()};
    BO_TRY_ASSIGN(promise.id, cq::insert_promise(txn, actor.company, promise));
    BO_TRY(audit_case(txn, clock, actor, "receivables.collection_promise.create", id, {},
                      json::object{{"promise", promise.id.value()},
                                   {"date", date.to_string()},
                                   {"amount", promise.amount.format()},
                                   {"open_at_promise", open.format()}}));
    return promise;
}

core::Result<CollectionTask> add_task(store::Txn& txn,
                                      const core::Clock& clock,
                                      const platform::Actor& actor,
                                      CollectionCaseId id,
                                      const NewTask& input) {
    BO_TRY_ASSIGN(const CollectionCase record, open_case_of(txn, actor.company, id));
    if (input.title.empty() || input.title.size() > task_title_chars_max) {
        return Error::invalid("title", "must be 1 to " + std::to_string(task_title_chars_max)
                                           + " characters");
    }
    CollectionTask task{.id = CollectionTaskId(0),
                        .case_id = id,
                        .customer = record.customer,
                        .customer_number = record.customer_number,
                        .title = input.title,
                        .due_date = input.due_date,
                        .assignee = input.assignee,
                        .done = false,
                        .done_by = std::nullopt,
                        .done_at = std::nullopt,
                        .created_by = actor.user,
                        .created_at = clock.now()};
    BO_TRY_ASSIGN(task.id, cq::insert_task(txn, actor.company, task));
    BO_TRY(platform::audit::record(txn, clock, actor,
                                   {.action = "receivables.collection_task.create",
                                    .entity_type = "collection_task",
                                    .entity_id = task.id.to_string(),
                                    .changes = platform::audit::diff({}, task_record(task))}));
    return task;
}

core::Result<CollectionTask> set_task_done(store::Txn& txn,
                                           const core::Clock& clock,
                                           const platform::Actor& actor,
                                           CollectionTaskId id,
                                           bool done) {
    BO_TRY_ASSIGN(CollectionTask task, task_of(txn, actor.company, id));
    const json::object before = task_record(task);
    task.done = done;
    task.done_by = done ? std::optional(actor.user) : std::nullopt;
    task.done_at = done ? std::optional(clock.now()) : std::nullopt;
    BO_TRY(cq::update_task_done(txn, actor.company, task));
    BO_TRY(platform::audit::record(txn, clock, actor,
                                   {.action = "receivables.collection_task.update",
                                    .entity_type = "collection_task",
                                    .entity_id = task.id.to_string(),
                                    .changes = platform::audit::diff(before, task_record(task))}));
    return task;
}

core::Result<std::optional<CollectionCase>> find_case(store::Txn& txn,
                                                      CompanyId company,
                                                      CollectionCaseId id,
                                                      core::Date today) {
    BO_TRY_ASSIGN(std::optional<CollectionCase> record, cq::select_case(txn, company, id));
    if (!record) {
        return record;
    }
    BO_TRY_ASSIGN(record->open_balance,
                  open_balance(txn, company, record->customer, record->open_balance.currency,
                               today));
    BO_TRY_ASSIGN(record->notes, cq::select_notes(txn, company, id));
    BO_TRY_ASSIGN(record->promises,
                  promises_on(txn, company, id, std::nullopt, record->open_balance, today));
    BO_TRY_ASSIGN(record->tasks, cq::select_tasks(txn, company, {}, id));
    return record;
}

core::Result<std::vector<CollectionCase>> list_cases(store::Txn& txn,
                                                     CompanyId company,
                                                     const CaseQuery& query,
                                                     core::Date today) {
    if (query.limit < 1 || query.limit > static_cast<std::int64_t>(core::page_size_max)) {
        return Error::invalid("limit", "must be 1 to " + std::to_string(core::page_size_max));
    }
    BO_TRY_ASSIGN(std::vector<CollectionCase> cases, cq::select_cases(txn, company, query));
    for (CollectionCase& record : cases) {
        BO_TRY_ASSIGN(record.open_balance,
                      open_balance(txn, company, record.customer, record.open_balance.currency,
                                   today));
    }
    return cases;
}

core::Result<std::vector<CollectionTask>> list_tasks(store::Txn& txn,
                                                     CompanyId company,
                                                     const TaskQuery& query) {
    if (query.limit < 1 || query.limit > static_cast<std::int64_t>(core::page_size_max)) {
        return Error::invalid("limit", "must be 1 to " + std::to_string(core::page_size_max));
    }
    return cq::select_tasks(txn, company, query, std::nullopt);
}

core::Result<std::string> dunning_exclusion(store::Txn& txn,
                                            CompanyId company,
                                            sales::CustomerId customer,
                                            core::Date as_of) {
    BO_TRY_ASSIGN(const std::optional<CollectionCase> record,
                  cq::select_open_case(txn, company, customer));
    if (!record) {
        return std::string();
    }
    if (record->disputed) {
        return "in dispute: " + record->dispute_reason;
    }
    BO_TRY_ASSIGN(const core::Money open,
                  open_balance(txn, company, customer, record->open_balance.currency, as_of));
    BO_TRY_ASSIGN(const std::vector<Promise> promises,
                  promises_on(txn, company, record->id, std::nullopt, open, as_of));
    for (const Promise& promise : promises) {
        if (promise.status == PromiseStatus::pending) {
            return "promised to pay " + promise.amount.format() + " "
                   + std::string(promise.amount.currency.code()) + " by "
                   + promise.promised_date.to_string();
        }
    }
    return std::string();
}

core::Result<Standing> customer_standing(store::Txn& txn,
                                         CompanyId company,
                                         sales::CustomerId customer_id,
                                         core::Date today) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, company, customer_id));
    if (!customer) {
        return Error(core::ErrorCode::not_found, "no such customer");
    }
    BO_TRY_ASSIGN(const DunningPolicy policy, dunning_policy(txn, company));
    BO_TRY_ASSIGN(const std::vector<queries::OpenInvoiceRow> rows,
                  queries::select_open_invoices(txn, company, today, customer_id));
    BO_TRY_ASSIGN(const std::vector<InvoiceDunning> dunned,
                  customer_dunning(txn, company, customer_id));
    Standing standing{.credit_hold = false,
                      .reason = {},
                      .oldest_days_overdue = 0,
                      .dunning_level = 0,
                      .overdue = core::Money::zero(customer->currency),
                      .open_case = std::nullopt};
    std::string oldest;
    std::string highest;
    for (const queries::OpenInvoiceRow& row : rows) {
        const std::int64_t days = core::days_between(row.due_date, today);
        if (days <= 0 || row.total_minor <= row.credited_minor) {
            continue;
        }
        BO_TRY_ASSIGN(standing.overdue,
                      core::add(standing.overdue, core::Money{row.total_minor - row.credited_minor,
                                                              customer->currency}));
        if (days > standing.oldest_days_overdue) {
            standing.oldest_days_overdue = days;
            oldest = row.number;
        }
        const auto level = std::find_if(dunned.begin(), dunned.end(),
                                        [&](const InvoiceDunning& at) {
                                            return at.invoice == row.id;
                                        });
        if (level != dunned.end() && level->level > standing.dunning_level) {
            standing.dunning_level = level->level;
            highest = row.number;
        }
    }
    if (policy.hold_days_overdue && standing.oldest_days_overdue > *policy.hold_days_overdue) {
        standing.credit_hold = true;
        standing.reason = "invoice " + oldest + " is " + std::to_string(standing.oldest_days_overdue)
                          + " days overdue (policy: at most "
                          + std::to_string(*policy.hold_days_overdue) + ")";
    } else if (policy.hold_level && standing.dunning_level >= *policy.hold_level) {
        standing.credit_hold = true;
        standing.reason = "invoice " + highest + " was dunned at level "
                          + std::to_string(standing.dunning_level) + " (policy: hold from level "
                          + std::to_string(*policy.hold_level) + ")";
    }
    BO_TRY_ASSIGN(const std::optional<CollectionCase> open,
                  cq::select_open_case(txn, company, customer_id));
    if (open) {
        standing.open_case = open->id;
    }
    return standing;
}

}  // namespace bo::modules::receivables

namespace bo::modules::sales {

// The credit check's hook (declared in sales/orders.hpp), answered here: receivables depends
// on sales, so sales names the question and receivables, which knows invoices, answers it.
core::Result<std::string> overdue_hold_reason(store::Txn& txn,
                                              platform::tenancy::CompanyId company,
                                              CustomerId customer,
                                              core::Date today) {
    BO_TRY_ASSIGN(const receivables::Standing standing,
                  receivables::customer_standing(txn, company, customer, today));
    return standing.credit_hold ? standing.reason : std::string();
}

}  // namespace bo::modules::sales
