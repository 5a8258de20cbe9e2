// Recurring entries: templates, their schedule, and the run that creates what is due
// (recurring.hpp). An occurrence is validated completely before anything of it is written, so
// a refused occurrence leaves no trace and the run carries on with the other templates.
#include "ledger/recurring.hpp"

#include <array>
#include <string>
#include <utility>

#include "core/limits.hpp"
#include "ledger/internal.hpp"
#include "ledger/journal_internal.hpp"
#include "ledger/saved_queries.hpp"
#include "ledger/service.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::ledger {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::array<std::string_view, 4> frequency_names = {
    "monthly", "quarterly", "yearly", "every_n_months"};
constexpr std::array<std::int64_t, 3> frequency_months = {1, 3, 12};

constexpr std::string_view recurring_source_type = "recurring_entry";

// 100,000 occurrences at most: monthly for 8,000 years; a bound, not a business rule.
constexpr std::int64_t occurrences_max_max = 100'000;

// The date of occurrence `done` (the next one), or nullopt when the template is finished.
std::optional<core::Date> next_date(const RecurringTemplate& recurring, std::int64_t done) {
    if (recurring.occurrences_max && done >= *recurring.occurrences_max) {
        return std::nullopt;
    }
    const core::Result<core::Date> date =
        occurrence_date(recurring.start_date, recurring.interval_months, done);
    if (!date || (recurring.end_date && *recurring.end_date < *date)) {
        return std::nullopt;  // past 9999-12-31 or past the end date: finished
    }
    return *date;
}

std::string json_date(const std::optional<core::Date>& date) {
    return date ? internal::json_string(date->to_string()) : "null";
}

// The template's fields other than the lines, checked. Errors: invalid_argument.
core::Result<RecurringTemplate> read_header(const NewRecurring& input,
                                            platform::auth::UserId creator) {
    platform::tenancy::FieldChecks checks;
    checks.required_text("name", input.name, recurring_name_chars_max);
    checks.optional_text("memo", input.memo, core::text_field_bytes_max);
    RecurringTemplate recurring{.id = {},
                                .company_id = {},
                                .name = input.name,
                                .memo = input.memo,
                                .frequency = Frequency::monthly,
                                .interval_months = 1,
                                .start_date = input.start_date,
                                .end_date = input.end_date,
                                .occurrences_max = input.occurrences_max,
                                .occurrences_done = 0,
                                .next_run_date = std::nullopt,
                                .mode = RecurringMode::post,
                                .active = true,
                                .created_by = {},
                                .created_by_username = {},
                                .created_at = core::Instant(0),
                                .lines = {}};
    const core::Result<Frequency> frequency = parse_frequency(input.frequency, "frequency");
    if (!frequency) {
        checks.add("frequency", "must be monthly, quarterly, yearly or every_n_months");
    } else if (*frequency == Frequency::every_n_months) {
        recurring.frequency = *frequency;
        if (!input.interval_months) {
            checks.add("interval_months", "is required with every_n_months");
        } else {
            checks.in_range(
                "interval_months", *input.interval_months, 1, recurring_interval_months_max);
            recurring.interval_months = *input.interval_months;
        }
    } else {
        recurring.frequency = *frequency;
        recurring.interval_months = frequency_months.at(static_cast<std::size_t>(*frequency));
        if (input.interval_months && *input.interval_months != recurring.interval_months) {
            checks.add("interval_months", "is given only with every_n_months");
        }
    }
    if (input.end_date && *input.end_date < input.start_date) {
        checks.add("end_date", "must not be before start_date");
    }
    if (input.occurrences_max) {
        checks.in_range("occurrences_max", *input.occurrences_max, 1, occurrences_max_max);
    }
    const core::Result<RecurringMode> mode = parse_recurring_mode(input.mode, "mode");
    if (!mode) {
        checks.add("mode", "must be post or draft");
    } else if (*mode == RecurringMode::draft && creator.value() <= 0) {
        // The drafts are recorded as prepared by the creator (segregation of duties).
        checks.add("mode", "draft needs a template created by a signed-in user");
    } else {
        recurring.mode = *mode;
    }
    BO_TRY(std::move(checks).finish("recurring entry"));
    return recurring;
}

std::vector<platform::audit::FieldChange> template_fields(const RecurringTemplate& recurring) {
    return {{"name", std::nullopt, internal::json_string(recurring.name)},
            {"frequency", std::nullopt, internal::json_string(to_string(recurring.frequency))},
            {"interval_months", std::nullopt, std::to_string(recurring.interval_months)},
            {"start_date", std::nullopt, internal::json_string(recurring.start_date.to_string())},
            {"end_date", std::nullopt, json_date(recurring.end_date)},
            {"occurrences_max",
             std::nullopt,
             recurring.occurrences_max ? std::to_string(*recurring.occurrences_max) : "null"},
            {"mode", std::nullopt, internal::json_string(to_string(recurring.mode))},
            {"lines", std::nullopt, std::to_string(recurring.lines.size())}};
}

bool is_refusal(ErrorCode code) {
    return code == ErrorCode::invalid_argument || code == ErrorCode::period_closed
           || code == ErrorCode::limit_exceeded;
}

// What every template of one run shares.
struct RunContext {
    store::Txn& txn;
    const core::Clock& clock;
    internal::ReferenceCache& cache;  // the chart and periods do not change during a run
    RecurringRun& run;
};

// Creates occurrence `date` of `recurring` (an entry or a draft) and records it. Answers
// nullopt when post() or the draft's checks refuse it: then nothing of it was written and the
// refusal is in `run.failures`. Errors: those of the store.
core::Result<std::optional<RecurringOccurrence>> create_occurrence(
    RunContext& context,
    const platform::Caller& creator,
    const RecurringTemplate& recurring,
    core::Date date) {
    const Actor& actor = creator.actor;
    const EntryInput input{.date = date,
                           .memo = recurring.memo,
                           .source = Source{std::string(recurring_source_type),
                                            recurring.id.to_string() + "/" + date.to_string(),
                                            Subledger::none},
                           .lines = recurring.lines};
    RecurringOccurrence occurrence{recurring.id, date, std::nullopt, std::nullopt};
    if (recurring.mode == RecurringMode::post) {
        core::Result<PostedEntry> prepared =
            internal::prepare_entry(context.txn, actor, input, context.cache);
        if (!prepared && is_refusal(prepared.error().code())) {
            context.run.failures.push_back({recurring.id, recurring.name, date, prepared.error()});
            return std::optional<RecurringOccurrence>();
        }
        if (!prepared) {
            return std::move(prepared).error();
        }
        BO_TRY_ASSIGN(
            const PostedEntry entry,
            internal::write_entry(
                context.txn, context.clock, actor, std::move(*prepared), internal::post_action));
        occurrence.entry = entry.id;
    } else {
        const core::Result<void> checked = internal::check_draft(context.txn, actor.company, input);
        if (!checked && is_refusal(checked.error().code())) {
            context.run.failures.push_back({recurring.id, recurring.name, date, checked.error()});
            return std::optional<RecurringOccurrence>();
        }
        if (!checked) {
            return checked.error();
        }
        BO_TRY_ASSIGN(const Draft draft,
                      internal::save_draft(context.txn, context.clock, creator, input));
        occurrence.draft = draft.id;
    }
    BO_TRY_ASSIGN(const bool recorded,
                  queries::insert_recurring_run(
                      context.txn, actor.company, recurring.id, occurrence, context.clock.now()));
    if (!recorded) {
        return Error(
            ErrorCode::conflict,
            "recurring entry " + recurring.id.to_string() + " already ran for " + date.to_string());
    }
    return std::optional<RecurringOccurrence>(occurrence);
}

// The run of one template: each due occurrence in date order until one is refused, then the
// template moved on (compare-and-set) and audited. Errors: those of the store.
core::Result<void> run_template(RunContext& context,
                                RecurringTemplate recurring,
                                const std::string& request_id) {
    // The run acts for the template's creator, who authorized the recurrence; a draft it
    // saves counts as prepared by them for segregation of duties.
    platform::Caller creator;
    creator.actor = Actor{.company = recurring.company_id,
                          .user = recurring.created_by,
                          .username = recurring.created_by_username,
                          .request_id = request_id,
                          .client_address = ""};
    creator.method = platform::AuthMethod::token;
    const std::int64_t done_before = recurring.occurrences_done;
    const std::optional<core::Date> next_before = recurring.next_run_date;
    for (std::int64_t count = 0; count < recurring_catch_up_max && recurring.next_run_date
                                 && !(context.run.as_of < *recurring.next_run_date);
         ++count) {
        BO_TRY_ASSIGN(const std::optional<RecurringOccurrence> occurrence,
                      create_occurrence(context, creator, recurring, *recurring.next_run_date));
        if (!occurrence) {
            break;
        }
        context.run.created.push_back(*occurrence);
        ++recurring.occurrences_done;
        recurring.next_run_date = next_date(recurring, recurring.occurrences_done);
    }
    if (recurring.occurrences_done == done_before) {
        return core::ok();
    }
    BO_TRY_ASSIGN(const bool advanced,
                  queries::advance_recurring(context.txn, recurring, done_before));
    if (!advanced) {
        return Error(ErrorCode::conflict,
                     "recurring entry " + recurring.id.to_string() + " was run concurrently");
    }
    return internal::audit(
        context.txn,
        context.clock,
        creator.actor,
        {"ledger.recurring.run",
         "recurring_entry",
         recurring.id.value(),
         {{"occurrences_done",
           std::to_string(done_before),
           std::to_string(recurring.occurrences_done)},
          {"next_run_date", json_date(next_before), json_date(recurring.next_run_date)}}});
}

}  // namespace

std::string_view to_string(Frequency frequency) noexcept {
    return frequency_names.at(static_cast<std::size_t>(frequency));
}

std::string_view to_string(RecurringMode mode) noexcept {
    return mode == RecurringMode::post ? "post" : "draft";
}

core::Result<Frequency> parse_frequency(std::string_view text, std::string_view field) {
    for (std::size_t index = 0; index < frequency_names.size(); ++index) {
        if (frequency_names.at(index) == text) {
            return static_cast<Frequency>(index);
        }
    }
    return Error::invalid(std::string(field),
                          "must be monthly, quarterly, yearly or every_n_months");
}

core::Result<RecurringMode> parse_recurring_mode(std::string_view text, std::string_view field) {
    if (text == "post") {
        return RecurringMode::post;
    }
    if (text == "draft") {
        return RecurringMode::draft;
    }
    return Error::invalid(std::string(field), "must be post or draft");
}

core::Result<core::Date> occurrence_date(core::Date start,
                                         std::int64_t interval_months,
                                         std::int64_t index) {
    BO_ASSERT(interval_months >= 1);
    BO_ASSERT(interval_months <= recurring_interval_months_max);
    BO_ASSERT(index >= 0);
    std::int64_t months = 0;
    if (__builtin_mul_overflow(index, interval_months, &months)) {
        return Error::invalid("date", "is beyond 9999-12-31");
    }
    // Always from the start date, never from the previous occurrence, so that a template
    // starting on the 31st comes back to the 31st after a shorter month.
    return start.add_months(months);
}

core::Result<RecurringTemplate> create_recurring(store::Txn& txn,
                                                 const core::Clock& clock,
                                                 const Actor& actor,
                                                 const NewRecurring& input) {
    BO_TRY_ASSIGN(RecurringTemplate recurring, read_header(input, actor.user));
    const EntryInput sample{
        .date = input.start_date,
        .memo = input.memo,
        .source = Source{std::string(recurring_source_type), "0", Subledger::none},
        .lines = input.lines};
    internal::ReferenceCache cache;
    BO_TRY(internal::check_entry(txn, actor, sample, cache));
    BO_TRY_ASSIGN(const bool taken, queries::recurring_name_taken(txn, actor.company, input.name));
    if (taken) {
        return platform::tenancy::duplicate("name", "recurring entry", input.name);
    }
    BO_TRY_ASSIGN(const std::int64_t count, queries::count_recurring(txn, actor.company));
    if (static_cast<std::size_t>(count) >= recurring_templates_max) {
        return Error(ErrorCode::limit_exceeded,
                     "a company has at most " + std::to_string(recurring_templates_max)
                         + " recurring entries");
    }
    recurring.company_id = actor.company;
    recurring.occurrences_done = 0;
    recurring.active = true;
    recurring.created_by = actor.user;
    recurring.created_by_username = actor.username;
    recurring.created_at = clock.now();
    recurring.lines = input.lines;
    recurring.next_run_date = next_date(recurring, 0);
    BO_TRY_ASSIGN(recurring.id, queries::insert_recurring(txn, recurring));
    BO_TRY(internal::audit(txn,
                           clock,
                           actor,
                           {"ledger.recurring.create",
                            "recurring_entry",
                            recurring.id.value(),
                            template_fields(recurring)}));
    return recurring;
}

core::Result<RecurringTemplate> set_recurring_activity(
    store::Txn& txn, const core::Clock& clock, const Actor& actor, RecurringId id, bool active) {
    BO_TRY_ASSIGN(std::optional<RecurringTemplate> recurring,
                  queries::select_recurring(txn, actor.company, id));
    if (!recurring) {
        return Error(ErrorCode::not_found, "no such recurring entry");
    }
    if (recurring->active != active) {
        BO_TRY(queries::update_recurring_active(txn, actor.company, id, active));
        BO_TRY(
            internal::audit(txn,
                            clock,
                            actor,
                            {active ? "ledger.recurring.activate" : "ledger.recurring.deactivate",
                             "recurring_entry",
                             id.value(),
                             {{"active", active ? "false" : "true", active ? "true" : "false"}}}));
        recurring->active = active;
    }
    return std::move(*recurring);
}

core::Result<std::optional<RecurringTemplate>> find_recurring(store::Txn& txn,
                                                              CompanyId company,
                                                              RecurringId id) {
    return queries::select_recurring(txn, company, id);
}

core::Result<std::vector<RecurringTemplate>> list_recurring(store::Txn& txn, CompanyId company) {
    return queries::select_recurring_list(txn, company, std::nullopt);
}

core::Result<RecurringRun> run_recurring(store::Txn& txn,
                                         const core::Clock& clock,
                                         CompanyId company,
                                         core::Date as_of,
                                         const std::string& request_id) {
    BO_ASSERT(company.value() > 0);
    RecurringRun run{.as_of = as_of, .created = {}, .failures = {}};
    BO_TRY_ASSIGN(const std::vector<RecurringTemplate> due,
                  queries::select_recurring_list(txn, company, as_of));
    internal::ReferenceCache cache;
    RunContext context{txn, clock, cache, run};
    for (const RecurringTemplate& header : due) {
        BO_TRY_ASSIGN(std::optional<RecurringTemplate> recurring,
                      queries::select_recurring(txn, company, header.id));
        BO_ASSERT(recurring.has_value());  // read in this transaction
        BO_TRY(run_template(context, std::move(*recurring), request_id));
    }
    return run;
}

}  // namespace bo::ledger
