// The journal: post (THE entry point), reverse, find, list.
//
// post() validates everything before it writes anything, so a refused entry leaves no trace
// (not even a consumed entry number). The write path (write_entries) is shared with reverse(),
// the year-end close and the Poster's batches, and asserts again what validation established:
// every entry balances, has at least two lines, and every amount is positive. A batch is
// written with a few multi-row statements: one number-counter increment per fiscal year, the
// headers, the lines, one upsert per (account, department, period) of the whole batch, and
// one audit event listing every entry of the batch.
#include <algorithm>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <utility>

#include "core/limits.hpp"
#include "ledger/departments/service.hpp"
#include "ledger/internal.hpp"
#include "ledger/journal_internal.hpp"
#include "ledger/queries.hpp"
#include "ledger/service.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::ledger {
namespace {

using core::Error;
using core::ErrorCode;

// The audit event of a batch of more than one entry.
constexpr std::string_view post_batch_action = "ledger.entry.post_batch";

// An upper bound of one entry's part of a batch event: the JSON keys and numbers (~80 bytes)
// and its reference, escaped at most twice over.
constexpr std::size_t batch_event_bytes_per_entry_max = 96 + 2 * (fiscal_year_name_chars_max + 24);
static_assert(poster_pending_entries_max * batch_event_bytes_per_entry_max
              <= platform::audit::changes_bytes_max);

// Checks that need no database: line count, amounts, text sizes, the source's shape.
core::Result<void> check_shape(const EntryInput& input) {
    if (input.lines.size() > core::journal_entry_lines_max) {
        return Error(
            ErrorCode::limit_exceeded,
            "an entry has at most " + std::to_string(core::journal_entry_lines_max) + " lines");
    }
    std::vector<core::FieldError> errors;
    if (input.lines.size() < journal_entry_lines_min) {
        errors.push_back({"lines", "an entry needs at least two lines (a debit and a credit)"});
    }
    BO_TRY(internal::check_text("memo", input.memo, core::text_field_bytes_max, errors));
    if (input.source.type.empty() || input.source.type.size() > source_type_chars_max) {
        errors.push_back(
            {"source/type", "must be 1.." + std::to_string(source_type_chars_max) + " characters"});
    }
    BO_TRY(internal::check_text("source/id", input.source.id, source_id_chars_max, errors));
    if (input.source.is_manual()
        && (input.source.subledger != Subledger::none || !input.source.id.empty())) {
        errors.push_back({"source", "a manual entry has no document and no sub-ledger"});
    }
    for (std::size_t index = 0; index < input.lines.size(); ++index) {
        BO_TRY(internal::check_line_shape(index, input.lines[index], errors));
    }
    if (!errors.empty()) {
        std::string message =
            "journal entry: " + errors.front().field + ": " + errors.front().reason;
        return Error(ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    return core::ok();
}

// The open period that takes postings dated `date`, with its fiscal year.
// Errors: period_closed when none exists or it is closed or locked.
core::Result<std::pair<Period, FiscalYear>> open_period_for(store::Txn& txn,
                                                            CompanyId company,
                                                            core::Date date,
                                                            internal::ReferenceCache& cache) {
    if (!cache.periods) {
        BO_TRY_ASSIGN(cache.periods, queries::select_periods(txn, company, std::nullopt));
    }
    // The last period starting on or before `date` (periods are sorted and never overlap).
    const auto after = std::upper_bound(
        cache.periods->begin(), cache.periods->end(), date, [](core::Date day, const Period& p) {
            return day < p.start_date;
        });
    if (after == cache.periods->begin() || !(date < std::prev(after)->end_date)) {
        return Error(
            ErrorCode::period_closed,
            "no fiscal period contains " + date.to_string() + "; create the fiscal year first");
    }
    const Period& period = *std::prev(after);
    if (period.status != PeriodStatus::open) {
        return Error(ErrorCode::period_closed,
                     "the period " + period.start_date.to_string() + " is "
                         + std::string(to_string(period.status)) + " and accepts no postings");
    }
    auto year = cache.years.find(period.fiscal_year_id);
    if (year == cache.years.end()) {
        BO_TRY_ASSIGN(const std::optional<FiscalYear> found,
                      queries::select_fiscal_year(txn, company, period.fiscal_year_id));
        BO_ASSERT(found.has_value());  // a foreign key guarantees it
        year = cache.years.emplace(period.fiscal_year_id, *found).first;
    }
    if (year->second.closed) {
        return Error(ErrorCode::period_closed,
                     "the fiscal year " + year->second.name + " is closed");
    }
    return std::pair<Period, FiscalYear>(period, year->second);
}

// The account `id` of `company` (nullopt if it is not one), read once per cache.
core::Result<const std::optional<Account>*> cached_account(store::Txn& txn,
                                                           CompanyId company,
                                                           AccountId id,
                                                           internal::ReferenceCache& cache) {
    auto found = cache.accounts.find(id);
    if (found == cache.accounts.end()) {
        BO_TRY_ASSIGN(std::optional<Account> account, queries::select_account(txn, company, id));
        found = cache.accounts.emplace(id, std::move(account)).first;
    }
    return &found->second;
}

// Whether `id` is an active department of `company`, read once per cache.
core::Result<bool> cached_department(store::Txn& txn,
                                     CompanyId company,
                                     DepartmentId id,
                                     internal::ReferenceCache& cache) {
    auto known = cache.departments.find(id);
    if (known == cache.departments.end()) {
        BO_TRY_ASSIGN(const std::optional<departments::Department> department,
                      departments::find_department_by_id(txn, company, id));
        known = cache.departments.emplace(id, department.has_value() && department->active).first;
    }
    return known->second;
}

// The problem with posting `line` (index `index`) to `account`, if any.
std::optional<core::FieldError> account_problem(const std::optional<Account>& account,
                                                const LineInput& line,
                                                std::size_t index,
                                                const Source& source,
                                                core::Currency functional) {
    // The field's name is built only when there is a problem to report.
    const auto field = [index] { return internal::line_field(index, "account"); };
    if (!account) {
        return core::FieldError{field(), "is not an account of this company"};
    }
    if (!account->active) {
        return core::FieldError{field(), "account " + account->number + " is inactive"};
    }
    if (account->control != Subledger::none && account->control != source.subledger) {
        return core::FieldError{field(),
                                "account " + account->number + " is a control account of the "
                                    + std::string(to_string(account->control))
                                    + " sub-ledger; only that sub-ledger posts to it"};
    }
    if (account->currency != functional && account->currency != line.amount.currency) {
        return core::FieldError{
            internal::line_field(index, "amount"),
            "account " + account->number + " takes only " + std::string(account->currency.code())};
    }
    return std::nullopt;
}

// Checks every line's account and department (each read once per cache).
core::Result<void> check_lines(store::Txn& txn,
                               CompanyId company,
                               const EntryInput& input,
                               core::Currency functional,
                               internal::ReferenceCache& cache) {
    std::vector<core::FieldError> errors;
    for (std::size_t index = 0; index < input.lines.size(); ++index) {
        const LineInput& line = input.lines[index];
        BO_TRY_ASSIGN(const std::optional<Account>* account,
                      cached_account(txn, company, line.account, cache));
        if (auto problem = account_problem(*account, line, index, input.source, functional)) {
            errors.push_back(std::move(*problem));
        }
        if (!line.department) {
            continue;
        }
        BO_TRY_ASSIGN(const bool department_ok,
                      cached_department(txn, company, *line.department, cache));
        if (!department_ok) {
            errors.push_back({internal::line_field(index, "department"),
                              "is not an active department of this company"});
        }
    }
    if (!errors.empty()) {
        std::string message =
            "journal entry: " + errors.front().field + ": " + errors.front().reason;
        return Error(ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    return core::ok();
}

struct CurrencyTotals {
    core::Money debit;
    core::Money credit;
};

// Debit and credit totals per transaction currency, overflow-checked; refuses an entry that
// does not balance in some currency.
core::Result<std::map<std::string, CurrencyTotals>> currency_totals(const EntryInput& input) {
    std::map<std::string, CurrencyTotals> totals;
    for (const LineInput& line : input.lines) {
        const core::Currency currency = line.amount.currency;
        auto [slot, inserted] = totals.try_emplace(
            std::string(currency.code()),
            CurrencyTotals{core::Money::zero(currency), core::Money::zero(currency)});
        core::Money& sum = line.side == Side::debit ? slot->second.debit : slot->second.credit;
        core::Result<core::Money> added = core::add(sum, line.amount);
        if (!added) {
            return Error(ErrorCode::limit_exceeded,
                         "the entry's " + std::string(currency.code())
                             + " total does not fit in 64-bit minor units");
        }
        sum = *added;
    }
    for (const auto& [code, sums] : totals) {
        if (sums.debit != sums.credit) {
            return Error(ErrorCode::invalid_argument,
                         "the entry does not balance in " + code + ": debits " + sums.debit.format()
                             + ", credits " + sums.credit.format(),
                         {{"lines", "debits and credits must be equal in each currency"}});
        }
    }
    return totals;
}

// Spreads `total` (functional) over the lines of `side` in `currency` in proportion to their
// amounts; the parts add up to `total` exactly (largest remainder).
core::Result<void> spread(const EntryInput& input,
                          std::vector<PostedLine>& lines,
                          core::Currency currency,
                          Side side,
                          core::Money total) {
    std::vector<std::size_t> indexes;
    std::vector<std::int64_t> weights;
    for (std::size_t index = 0; index < input.lines.size(); ++index) {
        if (input.lines[index].side == side && input.lines[index].amount.currency == currency) {
            indexes.push_back(index);
            weights.push_back(input.lines[index].amount.minor);
        }
    }
    BO_TRY_ASSIGN(const std::vector<core::Money> parts, core::allocate(total, weights));
    BO_ASSERT(parts.size() == indexes.size());
    for (std::size_t part = 0; part < parts.size(); ++part) {
        lines[indexes[part]].functional_minor = parts[part].minor;
    }
    return core::ok();
}

// The posted lines with functional amounts: equal to the amount in the functional currency;
// otherwise each currency's total converted once at the rate in force on the entry date and
// spread over its debit lines and, identically, over its credit lines, so that the entry
// balances in the functional currency by construction.
core::Result<std::vector<PostedLine>> functional_lines(
    store::Txn& txn,
    CompanyId company,
    const EntryInput& input,
    core::Currency functional,
    const std::map<std::string, CurrencyTotals>& totals) {
    std::vector<PostedLine> lines;
    lines.reserve(input.lines.size());
    for (std::size_t index = 0; index < input.lines.size(); ++index) {
        const LineInput& line = input.lines[index];
        lines.push_back(PostedLine{.line_number = static_cast<std::int64_t>(index + 1),
                                   .account = line.account,
                                   .department = line.department,
                                   .party = line.party,
                                   .side = line.side,
                                   .amount = line.amount,
                                   .functional_minor = line.amount.minor,
                                   .memo = line.memo});
    }
    for (const auto& [code, sums] : totals) {
        const core::Currency currency = sums.debit.currency;
        if (currency == functional) {
            continue;
        }
        BO_TRY_ASSIGN(const std::optional<core::Rational> rate,
                      queries::select_rate(txn, company, code, input.date));
        if (!rate) {
            return Error::invalid(
                "date", "no " + code + " exchange rate on or before " + input.date.to_string());
        }
        core::Result<core::Money> converted =
            core::convert(sums.debit, functional, *rate, core::RoundingMode::half_even);
        if (!converted) {
            return Error(ErrorCode::limit_exceeded,
                         "the entry's " + code + " total does not fit in the functional currency");
        }
        BO_TRY(spread(input, lines, currency, Side::debit, *converted));
        BO_TRY(spread(input, lines, currency, Side::credit, *converted));
    }
    return lines;
}

// Sums the functional debits and credits of `lines` (overflow-checked).
core::Result<std::pair<std::int64_t, std::int64_t>> functional_totals(
    const std::vector<PostedLine>& lines) {
    std::int64_t debit = 0;
    std::int64_t credit = 0;
    for (const PostedLine& line : lines) {
        BO_ASSERT(line.functional_minor >= 0);
        std::int64_t& sum = line.side == Side::debit ? debit : credit;
        if (__builtin_add_overflow(sum, line.functional_minor, &sum)) {
            return Error(ErrorCode::limit_exceeded,
                         "the entry's functional total does not fit in 64-bit minor units");
        }
    }
    return std::pair<std::int64_t, std::int64_t>(debit, credit);
}

// The balance deltas of `entries`, one per (account, department, period): a batch's lines
// aggregated, so that each maintained balance row is upserted once per flush.
// Errors: limit_exceeded when a batch's sum for one key does not fit in int64 (no single entry
// can overflow: its totals were summed with overflow checks).
core::Result<std::vector<BalanceRow>> balance_deltas(std::span<const PostedEntry> entries) {
    std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, BalanceRow> deltas;
    for (const PostedEntry& entry : entries) {
        for (const PostedLine& line : entry.lines) {
            const std::tuple<std::int64_t, std::int64_t, std::int64_t> key{
                line.account.value(),
                line.department ? line.department->value() : 0,
                entry.period_id.value()};
            auto [slot, inserted] = deltas.try_emplace(
                key, BalanceRow{line.account, line.department, entry.period_id, 0, 0});
            std::int64_t& sum =
                line.side == Side::debit ? slot->second.debit_minor : slot->second.credit_minor;
            if (__builtin_add_overflow(sum, line.functional_minor, &sum)) {
                return Error(ErrorCode::limit_exceeded,
                             "a balance total does not fit in 64-bit minor units");
            }
        }
    }
    std::vector<BalanceRow> rows;
    rows.reserve(deltas.size());
    for (auto& [key, row] : deltas) {
        rows.push_back(row);
    }
    return rows;
}

// "FY2024/12".
std::string reference(const PostedEntry& entry) {
    return entry.fiscal_year_name + "/" + std::to_string(entry.number);
}

// The audit event of one written entry.
core::Result<void> audit_entry(store::Txn& txn,
                               const core::Clock& clock,
                               const Actor& actor,
                               const PostedEntry& entry,
                               std::string_view action) {
    std::vector<platform::audit::FieldChange> changes{
        {"number", std::nullopt, internal::json_string(reference(entry))},
        {"date", std::nullopt, internal::json_string(entry.date.to_string())},
        {"source", std::nullopt, internal::json_string(entry.source.type + ":" + entry.source.id)},
        {"total_minor", std::nullopt, std::to_string(entry.debit_total_minor)},
        {"lines", std::nullopt, std::to_string(entry.lines.size())}};
    if (entry.reverses) {
        changes.push_back({"reverses", std::nullopt, std::to_string(entry.reverses->value())});
    }
    return internal::audit(
        txn, clock, actor, {action, "journal_entry", entry.id.value(), std::move(changes)});
}

// The one audit event of a flushed batch: every entry's id, reference and total, in posting
// order, so each posted entry is findable in the trail and its amount is on the hash chain
// (date, source and lines are in the immutable entry itself; listing them too made the
// event three times the size, and parsing it a tenth of the posting cost).
core::Result<void> audit_batch(store::Txn& txn,
                               const core::Clock& clock,
                               const Actor& actor,
                               std::span<const PostedEntry> entries) {
    std::string list = "[";
    for (const PostedEntry& entry : entries) {
        BO_ASSERT(!entry.reverses);
        list += list.size() == 1 ? "{" : ",{";
        list += "\"id\":" + std::to_string(entry.id.value());
        list += ",\"number\":" + internal::json_string(reference(entry));
        list += ",\"total_minor\":" + std::to_string(entry.debit_total_minor) + "}";
    }
    list += "]";
    return platform::audit::record(
        txn,
        clock,
        actor,
        platform::audit::NewEvent{
            .action = std::string(post_batch_action),
            .entity_type = "journal_entry",
            .entity_id = "",
            .changes = {{"count", std::nullopt, std::to_string(entries.size())},
                        {"entries", std::nullopt, std::move(list)}}});
}

// What validation established about an entry, asserted again before it is written.
void assert_writable(const PostedEntry& entry, const Actor& actor) {
    BO_ASSERT(entry.lines.size() >= journal_entry_lines_min);
    BO_ASSERT(entry.lines.size() <= core::journal_entry_lines_max);
    BO_ASSERT(entry.debit_total_minor == entry.credit_total_minor);
    BO_ASSERT(entry.company_id == actor.company);
    for (const PostedLine& line : entry.lines) {
        BO_ASSERT(line.amount.minor > 0);
        BO_ASSERT(line.functional_minor >= 0);
    }
}

}  // namespace

namespace internal {

std::string line_field(std::size_t index, std::string_view field) {
    return "lines/" + std::to_string(index) + "/" + std::string(field);
}

core::Result<void> check_line_shape(std::size_t index,
                                    const LineInput& line,
                                    std::vector<core::FieldError>& errors) {
    if (line.amount.minor <= 0) {
        errors.push_back({line_field(index, "amount"), "must be greater than zero"});
    }
    if (!line.memo.empty()) {  // the field's name is built only for a memo there is to check
        BO_TRY(check_text(line_field(index, "memo"), line.memo, core::text_field_bytes_max, errors));
    }
    if (line.party && line.party->id <= 0) {
        errors.push_back({line_field(index, "party/id"), "must be a positive id"});
    }
    return core::ok();
}

core::Result<void> check_text(std::string_view field,
                              std::string_view text,
                              std::size_t bytes_max,
                              std::vector<core::FieldError>& errors) {
    if (text.size() > bytes_max) {
        errors.push_back(
            {std::string(field), "must be at most " + std::to_string(bytes_max) + " bytes"});
    } else if (!platform::tenancy::utf8_chars(text)) {
        errors.push_back({std::string(field), "must be UTF-8 text without control characters"});
    }
    return core::ok();
}

core::Result<void> write_entries(store::Txn& txn,
                                 const core::Clock& clock,
                                 const Actor& actor,
                                 std::span<PostedEntry> entries,
                                 std::string_view action) {
    // Preconditions: what validation established, asserted again before anything is written.
    BO_ASSERT(!entries.empty());
    BO_ASSERT(entries.size() == 1 || action == post_action);
    std::map<FiscalYearId, std::int64_t> next_number;  // entries per year, then next number
    for (const PostedEntry& entry : entries) {
        assert_writable(entry, actor);
        ++next_number[entry.fiscal_year_id];
    }
    // Gap-free numbers: one counter increment per fiscal year for the whole batch, handed out
    // in posting order.
    for (auto& [year, count] : next_number) {
        BO_TRY_ASSIGN(count, queries::take_entry_numbers(txn, actor.company, year, count));
    }
    const core::Instant now = clock.now();
    for (PostedEntry& entry : entries) {
        entry.number = next_number[entry.fiscal_year_id]++;
        entry.posted_by = actor.user;
        entry.posted_at = now;
        entry.status = EntryStatus::posted;
    }
    BO_TRY(queries::insert_entries(txn, entries));
    BO_TRY(queries::insert_lines(txn, entries));
    BO_TRY_ASSIGN(const std::vector<BalanceRow> deltas, balance_deltas(entries));
    BO_TRY(queries::add_to_balances(txn, actor.company, deltas));
    if (entries.size() == 1) {
        BO_TRY(audit_entry(txn, clock, actor, entries.front(), action));
    } else {
        BO_TRY(audit_batch(txn, clock, actor, entries));
    }
    // Postconditions.
    for (const PostedEntry& entry : entries) {
        BO_ASSERT(entry.id.value() > 0);
        BO_ASSERT(entry.number >= 1);
    }
    return core::ok();
}

core::Result<PostedEntry> write_entry(store::Txn& txn,
                                      const core::Clock& clock,
                                      const Actor& actor,
                                      PostedEntry entry,
                                      std::string_view action) {
    std::vector<PostedEntry> one;
    one.push_back(std::move(entry));
    BO_TRY(write_entries(txn, clock, actor, one, action));
    return std::move(one.front());
}

core::Result<void> check_entry(store::Txn& txn,
                               const Actor& actor,
                               const EntryInput& input,
                               ReferenceCache& cache) {
    BO_TRY(check_shape(input));
    if (!cache.functional) {
        BO_TRY_ASSIGN(cache.functional, functional_currency(txn, actor.company));
    }
    BO_TRY(check_lines(txn, actor.company, input, *cache.functional, cache));
    BO_TRY(currency_totals(input));
    return core::ok();
}

core::Result<PostedEntry> prepare_entry(store::Txn& txn,
                                        const Actor& actor,
                                        const EntryInput& input,
                                        ReferenceCache& cache) {
    BO_ASSERT(actor.company.value() > 0);
    BO_TRY(check_shape(input));
    BO_TRY_ASSIGN(const auto period_and_year,
                  open_period_for(txn, actor.company, input.date, cache));
    const auto& [period, year] = period_and_year;
    if (!cache.functional) {
        BO_TRY_ASSIGN(cache.functional, functional_currency(txn, actor.company));
    }
    const core::Currency functional = *cache.functional;
    BO_TRY(check_lines(txn, actor.company, input, functional, cache));
    BO_TRY_ASSIGN(const auto totals, currency_totals(input));
    BO_TRY_ASSIGN(std::vector<PostedLine> lines,
                  functional_lines(txn, actor.company, input, functional, totals));
    BO_TRY_ASSIGN(const auto sums, functional_totals(lines));
    if (sums.first != sums.second) {
        // Unreachable by construction (each currency's functional total is spread identically
        // over its debits and credits); refused rather than asserted because it is about data.
        return Error(ErrorCode::invalid_argument,
                     "the entry does not balance in the functional currency",
                     {{"lines", "functional debits and credits differ"}});
    }
    return PostedEntry{.id = {},
                       .company_id = actor.company,
                       .fiscal_year_id = year.id,
                       .fiscal_year_name = year.name,
                       .number = 0,
                       .date = input.date,
                       .period_id = period.id,
                       .memo = input.memo,
                       .source = input.source,
                       .status = EntryStatus::draft,
                       .reverses = std::nullopt,
                       .reversed_by = std::nullopt,
                       .debit_total_minor = sums.first,
                       .credit_total_minor = sums.second,
                       .posted_by = actor.user,
                       .posted_at = core::Instant(0),
                       .lines = std::move(lines)};
}

}  // namespace internal

struct Poster::State {
    store::Txn& txn;
    const core::Clock& clock;
    Actor actor;
    internal::ReferenceCache cache;
    std::vector<PostedEntry> pending;  // validated, not yet numbered nor written
    std::size_t pending_lines = 0;
};

Poster::Poster(store::Txn& txn, const core::Clock& clock, const Actor& actor)
    : state_(std::make_unique<State>(State{txn, clock, actor, {}, {}, 0})) {}

Poster::~Poster() = default;

core::Result<void> Poster::add(const EntryInput& input) {
    BO_TRY_ASSIGN(PostedEntry prepared,
                  internal::prepare_entry(state_->txn, state_->actor, input, state_->cache));
    BO_ASSERT(prepared.lines.size() == input.lines.size());
    state_->pending_lines += prepared.lines.size();
    state_->pending.push_back(std::move(prepared));
    if (state_->pending.size() >= poster_pending_entries_max
        || state_->pending_lines >= poster_pending_lines_max) {
        BO_TRY(flush());
    }
    return core::ok();
}

core::Result<std::size_t> Poster::flush() {
    if (state_->pending.empty()) {
        return std::size_t{0};
    }
    std::vector<PostedEntry> batch = std::move(state_->pending);
    state_->pending.clear();
    state_->pending_lines = 0;
    BO_TRY(internal::write_entries(
        state_->txn, state_->clock, state_->actor, batch, internal::post_action));
    return batch.size();
}

core::Result<PostedEntry> Poster::post(const EntryInput& input) {
    BO_TRY(flush());  // numbers follow the order of the calls
    BO_TRY_ASSIGN(PostedEntry prepared,
                  internal::prepare_entry(state_->txn, state_->actor, input, state_->cache));
    BO_TRY_ASSIGN(
        PostedEntry posted,
        internal::write_entry(
            state_->txn, state_->clock, state_->actor, std::move(prepared), internal::post_action));
    BO_ASSERT(posted.lines.size() == input.lines.size());
    BO_ASSERT(posted.debit_total_minor == posted.credit_total_minor);
    return posted;
}

core::Result<PostedEntry> post(store::Txn& txn,
                               const core::Clock& clock,
                               const Actor& actor,
                               const EntryInput& input) {
    return Poster(txn, clock, actor).post(input);
}

core::Result<PostedEntry> reverse(store::Txn& txn,
                                  const core::Clock& clock,
                                  const Actor& actor,
                                  EntryId entry_id,
                                  core::Date date,
                                  std::string_view reason) {
    std::vector<core::FieldError> errors;
    BO_TRY(internal::check_text("reason", reason, core::text_field_bytes_max, errors));
    if (reason.empty()) {
        errors.push_back({"reason", "is required"});
    }
    if (!errors.empty()) {
        std::string message = "reversal: reason: " + errors.front().reason;
        return Error(ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    BO_TRY_ASSIGN(const std::optional<PostedEntry> original,
                  queries::select_entry(txn, actor.company, entry_id));
    if (!original) {
        return Error(ErrorCode::not_found, "no such journal entry");
    }
    if (original->reversed_by) {
        return Error(ErrorCode::conflict,
                     "entry " + original->fiscal_year_name + "/" + std::to_string(original->number)
                         + " is already reversed by entry id "
                         + original->reversed_by->to_string());
    }
    internal::ReferenceCache cache;
    BO_TRY_ASSIGN(const auto period_and_year, open_period_for(txn, actor.company, date, cache));
    const auto& [period, year] = period_and_year;
    PostedEntry reversal = *original;
    reversal.fiscal_year_id = year.id;
    reversal.fiscal_year_name = year.name;
    reversal.date = date;
    reversal.period_id = period.id;
    reversal.reverses = original->id;
    reversal.reversed_by = std::nullopt;
    std::string memo = "Reversal of " + original->fiscal_year_name + "/"
                       + std::to_string(original->number) + ": " + std::string(reason);
    if (memo.size() > core::text_field_bytes_max) {
        return Error::invalid("reason", "is too long");
    }
    reversal.memo = std::move(memo);
    for (PostedLine& line : reversal.lines) {
        line.side = line.side == Side::debit ? Side::credit : Side::debit;
    }
    BO_TRY_ASSIGN(
        PostedEntry posted,
        internal::write_entry(txn, clock, actor, std::move(reversal), "ledger.entry.reverse"));
    BO_ASSERT(posted.debit_total_minor == original->credit_total_minor);
    return posted;
}

core::Result<std::optional<PostedEntry>> find_entry(store::Txn& txn,
                                                    CompanyId company,
                                                    EntryId entry) {
    return queries::select_entry(txn, company, entry);
}

core::Result<std::vector<PostedEntry>> list_entries(store::Txn& txn,
                                                    CompanyId company,
                                                    EntryId after_id,
                                                    std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_entries(txn, company, after_id, limit);
}

}  // namespace bo::ledger
