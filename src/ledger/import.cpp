// CSV import of journal entries and opening balances (see import.hpp). Three passes: read and
// check every row (collecting every problem), prepare every entry as post() would (collecting
// again, mapped back to rows), then — only when nothing was wrong — post them all.
#include "ledger/import.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "core/limits.hpp"
#include "ledger/departments/service.hpp"
#include "ledger/internal.hpp"
#include "ledger/journal_internal.hpp"
#include "ledger/service.hpp"
#include "platform/files/csv_reader.hpp"

namespace bo::ledger {
namespace {

using core::Error;
using core::ErrorCode;
using core::FieldError;
using platform::files::CsvRecord;
using platform::files::CsvTable;

// Every problem found, as field errors "rows/<line>/<column>".
class Problems {
public:
    void add(std::size_t line, std::string_view column, std::string reason) {
        std::string field = "rows/" + std::to_string(line);
        if (!column.empty()) {
            field += "/" + std::string(column);
        }
        errors_.push_back(FieldError{std::move(field), std::move(reason)});
    }

    void add_field(std::string field, std::string reason) {
        errors_.push_back(FieldError{std::move(field), std::move(reason)});
    }

    bool empty() const noexcept { return errors_.empty(); }

    Error error(std::string_view what) && {
        std::string message = std::string(what) + ": " + std::to_string(errors_.size())
                              + " problem(s), nothing imported; first: " + errors_.front().field
                              + ": " + errors_.front().reason;
        return Error(ErrorCode::invalid_argument, std::move(message), std::move(errors_));
    }

private:
    std::vector<FieldError> errors_;
};

// The columns of one import: which are required, which may appear.
struct ColumnSpec {
    std::vector<std::string_view> required;
    std::vector<std::string_view> optional;
};

// Column name -> index in the record, after checking the header against `spec`.
class Columns {
public:
    static core::Result<Columns> create(const CsvTable& table, const ColumnSpec& spec) {
        if (table.header_line == 0) {
            return Error::invalid("csv", "the file is empty; it needs a header row");
        }
        Columns columns;
        Problems problems;
        for (std::size_t index = 0; index < table.header.size(); ++index) {
            std::string name = table.header[index];
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
                return static_cast<char>(std::tolower(c));
            });
            const bool known =
                std::find(spec.required.begin(), spec.required.end(), name) != spec.required.end()
                || std::find(spec.optional.begin(), spec.optional.end(), name)
                       != spec.optional.end();
            if (!known) {
                problems.add_field("header/" + name, "is not a column of this import");
            }
            columns.index_.emplace(std::move(name), index);
        }
        for (const std::string_view name : spec.required) {
            if (!columns.index_.contains(std::string(name))) {
                problems.add_field("header/" + std::string(name), "is a required column");
            }
        }
        if (!problems.empty()) {
            return std::move(problems).error("the header");
        }
        columns.count_ = table.header.size();
        return columns;
    }

    std::size_t count() const noexcept { return count_; }

    // The record's value in column `name` ("" when the file has no such column).
    std::string_view get(const CsvRecord& record, std::string_view name) const {
        const auto found = index_.find(name);
        if (found == index_.end() || found->second >= record.fields.size()) {
            return {};
        }
        return record.fields[found->second];
    }

private:
    std::map<std::string, std::size_t, std::less<>> index_;
    std::size_t count_ = 0;
};

// The company's reference data an import reads once: the chart by number, departments by
// code (found as needed), the functional currency.
struct Lookup {
    CompanyId company{};
    core::Currency functional;
    std::map<std::string, Account, std::less<>> accounts;
    std::map<std::string, std::optional<DepartmentId>, std::less<>> departments;

    static core::Result<Lookup> load(store::Txn& txn, CompanyId company) {
        BO_TRY_ASSIGN(const core::Currency functional, internal::functional_currency(txn, company));
        Lookup lookup{company, functional, {}, {}};
        BO_TRY_ASSIGN(std::vector<Account> chart, chart_of_accounts(txn, company));
        for (Account& account : chart) {
            std::string number = account.number;
            lookup.accounts.emplace(std::move(number), std::move(account));
        }
        return lookup;
    }

    core::Result<std::optional<DepartmentId>> department(store::Txn& txn, std::string_view code) {
        auto found = departments.find(code);
        if (found == departments.end()) {
            BO_TRY_ASSIGN(const auto department, departments::find_department(txn, company, code));
            std::optional<DepartmentId> id;
            if (department && department->active) {
                id = department->id;
            }
            found = departments.emplace(std::string(code), id).first;
        }
        return found->second;
    }
};

// One row turned into a journal line (when it has no problem).
struct RowLine {
    std::size_t line = 0;
    std::optional<LineInput> input;  // nullopt: the row had a problem, or a zero amount
    bool zero = false;
};

enum class ZeroAmount { refuse, skip };

std::optional<Party> parse_party(std::string_view text) {
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    auto type = parse_party_type(text.substr(0, colon), "party");
    const std::string_view digits = text.substr(colon + 1);
    if (!type || digits.empty() || digits.size() > core::money_minor_digits_max - 1
        || !std::all_of(
            digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    return Party{*type, std::stoll(std::string(digits))};
}

// The amount of a row: exactly one of debit/credit, a plain decimal in `currency`, >= 0.
// Answers the side and the amount, or records the problems and answers nullopt.
std::optional<std::pair<Side, core::Money>> parse_amount(const Columns& columns,
                                                         const CsvRecord& record,
                                                         core::Currency currency,
                                                         Problems& problems) {
    const std::string_view debit = columns.get(record, "debit");
    const std::string_view credit = columns.get(record, "credit");
    if (debit.empty() == credit.empty()) {
        problems.add(record.line,
                     debit.empty() ? "debit" : "credit",
                     debit.empty() ? "give an amount in debit or in credit"
                                   : "give an amount in debit or in credit, not both");
        return std::nullopt;
    }
    const Side side = debit.empty() ? Side::credit : Side::debit;
    const std::string_view column = debit.empty() ? "credit" : "debit";
    auto amount = core::Money::parse(debit.empty() ? credit : debit, currency);
    if (!amount) {
        problems.add(record.line,
                     column,
                     amount.error().fields().empty()
                         ? amount.error().message()
                         : amount.error().fields().front().reason
                               + " (write e.g. 1234.56: a point, no thousands separators, no "
                                 "exponent, at most "
                               + std::to_string(currency.exponent()) + " decimals for "
                               + std::string(currency.code()) + ")");
        return std::nullopt;
    }
    if (amount->is_negative()) {
        problems.add(record.line, column, "must not be negative; use the other column");
        return std::nullopt;
    }
    return std::pair<Side, core::Money>(side, *amount);
}

// Reads the line-level columns of a row: account, department, party, currency, amount, memo.
core::Result<RowLine> parse_line(store::Txn& txn,
                                 Lookup& lookup,
                                 const Columns& columns,
                                 const CsvRecord& record,
                                 ZeroAmount zero,
                                 Problems& problems) {
    RowLine row{record.line, std::nullopt, false};
    bool bad = false;
    AccountId account_id{};
    std::optional<DepartmentId> department;
    std::optional<Party> party;
    const std::string_view number = columns.get(record, "account");
    const auto account = lookup.accounts.find(number);
    if (account == lookup.accounts.end()) {
        problems.add(record.line,
                     "account",
                     number.empty() ? "is required"
                                    : "no account " + std::string(number) + " in this company");
        bad = true;
    } else {
        account_id = account->second.id;
    }
    if (const std::string_view code = columns.get(record, "department"); !code.empty()) {
        BO_TRY_ASSIGN(department, lookup.department(txn, code));
        if (!department) {
            problems.add(record.line,
                         "department",
                         "no active department " + std::string(code) + " in this company");
            bad = true;
        }
    }
    if (const std::string_view text = columns.get(record, "party"); !text.empty()) {
        party = parse_party(text);
        if (!party) {
            problems.add(record.line, "party", "must be customer:ID, vendor:ID or employee:ID");
            bad = true;
        }
    }
    core::Currency currency = lookup.functional;
    if (const std::string_view code = columns.get(record, "currency"); !code.empty()) {
        auto parsed = core::Currency::create(code);
        if (!parsed) {
            problems.add(record.line, "currency", "unknown ISO 4217 code " + std::string(code));
            return row;
        }
        currency = *parsed;
    }
    const auto amount = parse_amount(columns, record, currency, problems);
    if (!amount || bad) {
        return row;
    }
    if (amount->second.is_zero()) {
        if (zero == ZeroAmount::refuse) {
            problems.add(record.line,
                         amount->first == Side::debit ? "debit" : "credit",
                         "must be greater than zero");
        }
        row.zero = true;
        return row;
    }
    row.input = LineInput{.account = account_id,
                          .department = department,
                          .party = party,
                          .side = amount->first,
                          .amount = amount->second,
                          .memo = std::string(columns.get(record, "memo"))};
    return row;
}

// A placeholder date until an entry's first row gives it one (Date has no default).
core::Date unset_date() {
    return core::Date::from_days_since_epoch(0).value();
}

// An entry being assembled from its rows (in file order).
struct PendingEntry {
    std::string key;
    EntryInput input{.date = unset_date(), .memo = {}, .source = {}, .lines = {}};
    std::vector<std::size_t> row_lines;  // the file line of each of input.lines
    std::size_t first_line = 0;
    bool complete = true;  // false when one of its rows had a problem
    bool dated = false;    // its first row's date parsed (later rows are compared with it)
};

// Maps an error of post()'s checks for `entry` to row problems: "lines/N/x" names the row of
// line N; entry-level fields name the entry's first row. Other codes are real failures.
core::Result<void> map_entry_error(const Error& error,
                                   const PendingEntry& entry,
                                   std::string_view entry_column,
                                   Problems& problems) {
    if (error.code() != ErrorCode::invalid_argument && error.code() != ErrorCode::period_closed
        && error.code() != ErrorCode::limit_exceeded) {
        return error;
    }
    if (error.fields().empty()) {
        problems.add(entry.first_line,
                     error.code() == ErrorCode::period_closed ? "date" : "",
                     error.message());
        return core::ok();
    }
    for (const FieldError& field : error.fields()) {
        const std::string_view name = field.field;
        if (name.starts_with("lines/")) {
            const std::size_t slash = name.find('/', 6);
            const std::size_t index = std::stoul(std::string(name.substr(6, slash - 6)));
            if (index < entry.row_lines.size() && entry.row_lines[index] != 0) {
                const std::string_view column =
                    slash == std::string_view::npos ? "" : name.substr(slash + 1);
                problems.add(
                    entry.row_lines[index], column == "amount" ? "currency" : column, field.reason);
            } else {
                problems.add_field(std::string(entry_column), field.reason);
            }
            continue;
        }
        const bool whole_entry = name == "lines" || name == "source/id" || name == "source";
        problems.add(entry.first_line,
                     whole_entry ? entry_column : (name == "memo" ? "description" : name),
                     whole_entry ? error.message() : field.reason);
    }
    return core::ok();
}

// Pass 2: every complete entry through post()'s own checks, writing nothing.
core::Result<void> prepare_all(store::Txn& txn,
                               const platform::Actor& actor,
                               const std::vector<PendingEntry>& entries,
                               std::string_view entry_column,
                               Problems& problems) {
    internal::ReferenceCache cache;
    for (const PendingEntry& entry : entries) {
        if (!entry.complete) {
            continue;
        }
        auto prepared = internal::prepare_entry(txn, actor, entry.input, cache);
        if (!prepared) {
            BO_TRY(map_entry_error(prepared.error(), entry, entry_column, problems));
        }
    }
    return core::ok();
}

// Pass 3: post every entry through one Poster, and audit the import as a whole.
core::Result<void> post_all(store::Txn& txn,
                            const core::Clock& clock,
                            const platform::Actor& actor,
                            const std::vector<PendingEntry>& entries,
                            const ImportProgress& progress,
                            ImportReport& report) {
    Poster poster(txn, clock, actor);
    for (std::size_t index = 0; index < entries.size(); ++index) {
        BO_ASSERT(entries[index].complete);
        BO_TRY_ASSIGN(const PostedEntry posted, poster.post(entries[index].input));
        report.entries[index].id = posted.id;
        report.entries[index].reference =
            posted.fiscal_year_name + "/" + std::to_string(posted.number);
        if (progress) {
            progress(index + 1, entries.size());
        }
    }
    const std::string_view action = entries.front().input.source.type == opening_source_type
                                        ? "ledger.import.opening_balances"
                                        : "ledger.import.journal_entries";
    return internal::audit(
        txn,
        clock,
        actor,
        internal::Event{
            action,
            "ledger_import",
            report.entries.front().id.value(),
            {{"rows", std::nullopt, std::to_string(report.rows)},
             {"entries", std::nullopt, std::to_string(report.entries.size())},
             {"lines", std::nullopt, std::to_string(report.lines)},
             {"first_entry", std::nullopt, internal::json_string(report.entries.front().reference)},
             {"last_entry",
              std::nullopt,
              internal::json_string(report.entries.back().reference)}}});
}

// Passes 2 and 3 for assembled entries; the report lists them.
core::Result<ImportReport> finish_import(store::Txn& txn,
                                         const core::Clock& clock,
                                         const platform::Actor& actor,
                                         const std::vector<PendingEntry>& entries,
                                         ImportReport report,
                                         const ImportProgress& progress) {
    for (const PendingEntry& entry : entries) {
        report.lines += entry.input.lines.size();
        report.entries.push_back(
            ImportedEntry{entry.key, EntryId(0), {}, entry.input.lines.size()});
    }
    if (report.mode == ImportMode::check_only) {
        return report;
    }
    BO_TRY(post_all(txn, clock, actor, entries, progress, report));
    return report;
}

bool check_width(const CsvRecord& record, const Columns& columns, Problems& problems) {
    if (record.fields.size() == columns.count()) {
        return true;
    }
    problems.add(record.line,
                 "",
                 "has " + std::to_string(record.fields.size()) + " fields; the header has "
                     + std::to_string(columns.count()));
    return false;
}

core::Result<CsvTable> read_table(std::string_view csv) {
    auto table = platform::files::read_csv(csv);
    if (!table) {
        return std::move(table).error().with_context("csv");
    }
    return table;
}

// --- Journal entries ---------------------------------------------------------------------

// The entry-level columns of a row (key, date, description) against its entry's first row.
void check_entry_columns(const Columns& columns,
                         const CsvRecord& record,
                         PendingEntry& entry,
                         bool first,
                         Problems& problems) {
    const std::string_view date_text = columns.get(record, "date");
    const std::string_view description = columns.get(record, "description");
    if (first) {
        auto date = core::Date::parse(date_text);
        if (date) {
            entry.input.date = *date;
            entry.dated = true;
        } else {
            problems.add(record.line, "date", "must be a date YYYY-MM-DD");
            entry.complete = false;
        }
        entry.input.memo =
            description.empty() ? "Imported entry " + entry.key : std::string(description);
        return;
    }
    if (entry.dated && date_text != entry.input.date.to_string()) {
        problems.add(record.line,
                     "date",
                     "differs from the date of entry " + entry.key + " on line "
                         + std::to_string(entry.first_line));
        entry.complete = false;
    }
    if (!description.empty() && description != entry.input.memo) {
        problems.add(record.line,
                     "description",
                     "differs from the description of entry " + entry.key + " on line "
                         + std::to_string(entry.first_line));
        entry.complete = false;
    }
}

// Pass 1 for journal entries: rows grouped by key into entries, every row problem recorded.
core::Result<std::vector<PendingEntry>> assemble_entries(store::Txn& txn,
                                                         Lookup& lookup,
                                                         const Columns& columns,
                                                         const CsvTable& table,
                                                         Problems& problems) {
    std::vector<PendingEntry> entries;
    std::map<std::string, std::size_t, std::less<>> by_key;
    for (const CsvRecord& record : table.records) {
        if (!check_width(record, columns, problems)) {
            continue;
        }
        const std::string_view key = columns.get(record, "entry");
        if (key.empty()) {
            problems.add(
                record.line, "entry", "is required (rows with the same key form an entry)");
            continue;
        }
        auto [slot, inserted] = by_key.try_emplace(std::string(key), entries.size());
        if (inserted) {
            PendingEntry entry;
            entry.key = std::string(key);
            entry.first_line = record.line;
            entry.input.source =
                Source{std::string(import_source_type), entry.key, Subledger::none};
            entries.push_back(std::move(entry));
        }
        PendingEntry& entry = entries[slot->second];
        check_entry_columns(columns, record, entry, inserted, problems);
        BO_TRY_ASSIGN(RowLine row,
                      parse_line(txn, lookup, columns, record, ZeroAmount::refuse, problems));
        if (!row.input) {
            entry.complete = false;
            continue;
        }
        entry.input.lines.push_back(std::move(*row.input));
        entry.row_lines.push_back(record.line);
    }
    return entries;
}

// --- Opening balances ----------------------------------------------------------------------

// The lines that bring each currency of `entry` to balance on `offset` (their row line is 0:
// problems with them name the offset account). Errors: limit_exceeded when a currency's net
// does not fit in int64.
core::Result<void> add_offset_lines(PendingEntry& entry, AccountId offset) {
    std::map<std::string, core::Money> net;  // debits - credits, per currency
    for (const LineInput& line : entry.input.lines) {
        auto [slot, inserted] = net.try_emplace(std::string(line.amount.currency.code()),
                                                core::Money::zero(line.amount.currency));
        BO_TRY_ASSIGN(slot->second,
                      line.side == Side::debit ? core::add(slot->second, line.amount)
                                               : core::subtract(slot->second, line.amount));
    }
    for (const auto& [code, amount] : net) {
        if (amount.is_zero()) {
            continue;
        }
        BO_TRY_ASSIGN(
            const core::Money size,
            amount.is_negative() ? core::negate(amount) : core::Result<core::Money>(amount));
        entry.input.lines.push_back(
            LineInput{.account = offset,
                      .department = std::nullopt,
                      .party = std::nullopt,
                      .side = amount.is_negative() ? Side::debit : Side::credit,
                      .amount = size,
                      .memo = "Opening balance offset"});
        entry.row_lines.push_back(0);
    }
    return core::ok();
}

AccountId offset_account(const Lookup& lookup,
                         const OpeningBalancesOptions& options,
                         Problems& problems) {
    const std::string number =
        options.offset_account.value_or(std::string(standard_retained_earnings_number()));
    const auto found = lookup.accounts.find(number);
    if (found == lookup.accounts.end()) {
        problems.add_field("offset_account", "no account " + number + " in this company");
        return AccountId(0);
    }
    if (found->second.type != AccountType::equity) {
        problems.add_field("offset_account", "account " + number + " is not an equity account");
    }
    return found->second.id;
}

// Pass 1 for opening balances: one entry of every non-zero row.
core::Result<PendingEntry> assemble_opening(store::Txn& txn,
                                            Lookup& lookup,
                                            const Columns& columns,
                                            const CsvTable& table,
                                            ImportReport& report,
                                            Problems& problems) {
    PendingEntry entry;
    for (const CsvRecord& record : table.records) {
        if (!check_width(record, columns, problems)) {
            continue;
        }
        BO_TRY_ASSIGN(RowLine row,
                      parse_line(txn, lookup, columns, record, ZeroAmount::skip, problems));
        if (row.zero) {
            ++report.rows_skipped;
            continue;
        }
        if (!row.input) {
            continue;
        }
        const Account& account = lookup.accounts.at(std::string(columns.get(record, "account")));
        if (account.control != Subledger::none) {
            problems.add(record.line,
                         "account",
                         "account " + account.number + " is the control account of the "
                             + std::string(to_string(account.control))
                             + " sub-ledger; its opening balance comes from that sub-ledger's "
                               "open items");
            continue;
        }
        if (entry.first_line == 0) {
            entry.first_line = record.line;
        }
        entry.input.lines.push_back(std::move(*row.input));
        entry.row_lines.push_back(record.line);
    }
    return entry;
}

}  // namespace

core::Result<ImportReport> import_journal_entries(store::Txn& txn,
                                                  const core::Clock& clock,
                                                  const platform::Actor& actor,
                                                  std::string_view csv,
                                                  ImportMode mode,
                                                  const ImportProgress& progress) {
    BO_TRY_ASSIGN(const CsvTable table, read_table(csv));
    const ColumnSpec spec{{"entry", "date", "account", "debit", "credit"},
                          {"description", "department", "party", "currency", "memo"}};
    BO_TRY_ASSIGN(const Columns columns, Columns::create(table, spec));
    if (table.records.empty()) {
        return Error::invalid("csv", "the file has a header but no rows");
    }
    BO_TRY_ASSIGN(Lookup lookup, Lookup::load(txn, actor.company));
    Problems problems;
    BO_TRY_ASSIGN(const std::vector<PendingEntry> entries,
                  assemble_entries(txn, lookup, columns, table, problems));
    BO_TRY(prepare_all(txn, actor, entries, "entry", problems));
    if (!problems.empty()) {
        return std::move(problems).error("journal entries import");
    }
    ImportReport report;
    report.mode = mode;
    report.rows = table.records.size();
    return finish_import(txn, clock, actor, entries, std::move(report), progress);
}

core::Result<ImportReport> import_opening_balances(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const platform::Actor& actor,
                                                   std::string_view csv,
                                                   const OpeningBalancesOptions& options,
                                                   ImportMode mode) {
    BO_TRY_ASSIGN(const CsvTable table, read_table(csv));
    const ColumnSpec spec{{"account", "debit", "credit"}, {"department", "currency", "memo"}};
    BO_TRY_ASSIGN(const Columns columns, Columns::create(table, spec));
    if (table.records.size() >= core::journal_entry_lines_max) {
        return Error(ErrorCode::limit_exceeded,
                     "opening balances are one entry: at most "
                         + std::to_string(core::journal_entry_lines_max - 1) + " rows");
    }
    BO_TRY_ASSIGN(Lookup lookup, Lookup::load(txn, actor.company));
    Problems problems;
    ImportReport report;
    report.mode = mode;
    report.rows = table.records.size();
    const AccountId offset = offset_account(lookup, options, problems);
    BO_TRY_ASSIGN(PendingEntry entry,
                  assemble_opening(txn, lookup, columns, table, report, problems));
    if (entry.input.lines.empty() && problems.empty()) {
        return Error::invalid("csv", "no row has an amount other than zero");
    }
    const std::string date = options.date.to_string();
    entry.key = date;
    entry.input.date = options.date;
    entry.input.memo = "Opening balances " + date;
    entry.input.source = Source{std::string(opening_source_type), date, Subledger::none};
    if (problems.empty()) {
        BO_TRY(add_offset_lines(entry, offset));
        BO_TRY(prepare_all(txn, actor, {entry}, "offset_account", problems));
    }
    if (!problems.empty()) {
        return std::move(problems).error("opening balances import");
    }
    return finish_import(txn, clock, actor, {entry}, std::move(report), {});
}

}  // namespace bo::ledger
