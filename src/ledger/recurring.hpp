// Recurring manual entries: templates of lines posted (or saved as drafts) on a schedule
// (docs/ledger.md, "Recurring entries").
//
// Schedule: occurrence k (k = 0, 1, ...) is due on start_date + k * interval_months, on the
// start date's day or, in a shorter month, on its last day (a template starting on the 31st
// runs on 30 April and 28/29 February). A template ends after `occurrences_max` occurrences or
// past `end_date` (inclusive), whichever comes first; then it has no next run date.
// Running (run_recurring) creates, for every active template, each occurrence due on or before
// the as-of date, in date order: a posted entry (source "recurring_entry", id "<template>/<date>")
// or a draft. Each occurrence is recorded once per (template, date) and the template advances
// in the same transaction, so running twice for the same date never posts twice.
// Entries are posted in the name of the template's creator (who authorized the recurrence).
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "ledger/drafts.hpp"
#include "ledger/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::ledger {

struct RecurringTag;
using RecurringId = core::Id<RecurringTag>;

enum class Frequency { monthly, quarterly, yearly, every_n_months };

// What a run makes of an occurrence.
enum class RecurringMode { post, draft };

std::string_view to_string(Frequency frequency) noexcept;
std::string_view to_string(RecurringMode mode) noexcept;
[[nodiscard]] core::Result<Frequency> parse_frequency(std::string_view text,
                                                      std::string_view field);
[[nodiscard]] core::Result<RecurringMode> parse_recurring_mode(std::string_view text,
                                                               std::string_view field);

// 120 months between occurrences at most: ten years; rarer entries are not "recurring".
inline constexpr std::int64_t recurring_interval_months_max = 120;

// 200 characters for a template's name, as for an account's.
inline constexpr std::size_t recurring_name_chars_max = 200;

// 1,000 occurrences of one template per run at most: a monthly template that has not run for
// 83 years; the bound keeps one run's work finite whatever the dates.
inline constexpr std::int64_t recurring_catch_up_max = 1000;

// 1,000 templates per company: far more than any chart's recurring accruals; a run reads
// them all in one transaction.
inline constexpr std::size_t recurring_templates_max = 1000;

struct RecurringTemplate {
    RecurringId id{};
    CompanyId company_id{};
    std::string name;
    std::string memo;
    Frequency frequency = Frequency::monthly;
    std::int64_t interval_months = 1;
    core::Date start_date;
    std::optional<core::Date> end_date;  // inclusive
    std::optional<std::int64_t> occurrences_max;
    std::int64_t occurrences_done = 0;
    std::optional<core::Date> next_run_date;  // nullopt once finished
    RecurringMode mode = RecurringMode::post;
    bool active = true;
    platform::auth::UserId created_by{};
    std::string created_by_username;
    core::Instant created_at{0};
    std::vector<LineInput> lines;  // empty in list answers
};

// The input of create_recurring, as it comes from outside (not yet validated).
struct NewRecurring {
    std::string name;
    std::string memo;
    std::string frequency;  // "monthly", "quarterly", "yearly", "every_n_months"
    std::optional<std::int64_t> interval_months;  // required with every_n_months only
    core::Date start_date;
    std::optional<core::Date> end_date;
    std::optional<std::int64_t> occurrences_max;
    std::string mode = "post";  // "post" or "draft"
    std::vector<LineInput> lines;
};

// The date of occurrence `index` (0-based) of a schedule. Errors: invalid_argument when it
// falls beyond 9999-12-31.
[[nodiscard]] core::Result<core::Date> occurrence_date(core::Date start,
                                                       std::int64_t interval_months,
                                                       std::int64_t index);

// Creates an active template. Its lines are checked as post() would (balanced, accounts open
// to manual entries) so that a broken template is refused now rather than at every run.
// Errors: invalid_argument (fields "name", "memo", "frequency", "interval_months", "end_date",
// "occurrences_max", "mode", "lines..."); conflict (field "name") when the name is taken;
// limit_exceeded past recurring_templates_max; period_closed is not checked (a template may
// start in a year not yet opened).
[[nodiscard]] core::Result<RecurringTemplate> create_recurring(store::Txn& txn,
                                                               const core::Clock& clock,
                                                               const platform::Actor& actor,
                                                               const NewRecurring& input);

// Activates or deactivates a template (an inactive one is skipped by runs; its schedule does
// not move). Errors: not_found.
[[nodiscard]] core::Result<RecurringTemplate> set_recurring_activity(store::Txn& txn,
                                                                     const core::Clock& clock,
                                                                     const platform::Actor& actor,
                                                                     RecurringId id,
                                                                     bool active);

// The template with its lines, or nullopt.
[[nodiscard]] core::Result<std::optional<RecurringTemplate>> find_recurring(store::Txn& txn,
                                                                            CompanyId company,
                                                                            RecurringId id);

// Every template of the company (without lines), by id (at most recurring_templates_max).
[[nodiscard]] core::Result<std::vector<RecurringTemplate>> list_recurring(store::Txn& txn,
                                                                          CompanyId company);

struct RecurringOccurrence {
    RecurringId template_id{};
    core::Date date;
    std::optional<EntryId> entry;  // posted
    std::optional<DraftId> draft;  // or saved as a draft
};

struct RecurringFailure {
    RecurringId template_id{};
    std::string name;
    core::Date date;
    core::Error error;  // why the occurrence was refused (nothing of it was written)
};

struct RecurringRun {
    core::Date as_of;
    std::vector<RecurringOccurrence> created;
    std::vector<RecurringFailure> failures;  // each stops its template at that date
};

// Creates every occurrence due on or before `as_of` of the company's active templates, in the
// caller's transaction. An occurrence that post() refuses (a closed period, an account
// deactivated since, ...) writes nothing, is reported in `failures`, and stops its template
// at that date until a later run; the other templates still run. `request_id` stamps the
// audit events. Errors: those of the store (then nothing of the run survives).
[[nodiscard]] core::Result<RecurringRun> run_recurring(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       CompanyId company,
                                                       core::Date as_of,
                                                       const std::string& request_id);

}  // namespace bo::ledger
