// bench_ledger: the general ledger at volume, on SQLite and PostgreSQL.
//
// 1. Posting: N journal entries of 2-4 lines (deterministic pseudo-random accounts, departments
//    and amounts over one fiscal year) through ledger::Poster (every check of post() on add(),
//    the batch written by flush(): multi-row statements and one audit event per batch),
//    1,000 entries per transaction, durably (SQLite WAL + synchronous=FULL; PostgreSQL as the
//    server is configured). This is the real path; the posting's CPU time is printed too.
// 2. Reports from the maintained balances: the trial balance of the year and the one-year
//    income statement by department (median of several runs), and `ledger check` (which scans
//    every line, for scale).
// 3. The journal exported to a file and reported by `hledger balance` and `ledger balance`
//    (when installed); totals compared with the trial balance; time ratios printed.
// 4. Year-end close (closing entry, every period closed) in one transaction.
//
// Usage: bench_ledger [--entries N] [--sqlite-dir DIR] [--postgres URL] [--no-postgres]
//                     [--no-tools]
// N defaults to 100,000 (a couple of minutes); the target run is --entries 1000000.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ledger/departments/service.hpp"
#include "ledger/export.hpp"
#include "ledger/reports.hpp"
#include "ledger/service.hpp"
#include "platform/tenancy/service.hpp"
#include "store/migrations.hpp"

#include "schema.hpp"
#include <sys/wait.h>

namespace {

using namespace bo;  // NOLINT(google-build-using-namespace): a benchmark's main file
using Clock = std::chrono::steady_clock;

constexpr std::int64_t batch_entries = 1000;
constexpr std::int64_t entries_default = 100'000;
constexpr std::int64_t progress_every_batches = 100;
constexpr double ms_per_s = 1000.0;
constexpr double bytes_per_mb = 1e6;
constexpr std::size_t tool_read_bytes = 4096;
constexpr std::int64_t company_code_modulus = 100'000'000;  // keeps "B<digits>" under 16 chars
// Knuth's MMIX LCG constants; the high 31 bits of the state are the output.
constexpr std::uint64_t lcg_multiplier = 6364136223846793005ULL;
constexpr std::uint64_t lcg_increment = 1442695040888963407ULL;
constexpr unsigned lcg_output_shift = 33U;
constexpr std::uint64_t lcg_seed = 42;
constexpr int report_runs = 7;
constexpr int departments_count = 8;

struct Options {
    std::int64_t entries = entries_default;
    std::string sqlite_dir;
    std::string postgres_url;
    bool tools = true;
};

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// A small deterministic generator (64-bit LCG), so that both backends get the same entries.
class Random {
public:
    std::uint64_t next() {
        state_ = state_ * lcg_multiplier + lcg_increment;
        return state_ >> lcg_output_shift;
    }

    std::int64_t below(std::int64_t n) {
        return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n));
    }

private:
    std::uint64_t state_ = lcg_seed;
};

struct Setup {
    ledger::Actor actor;
    ledger::FiscalYear year;
    std::vector<ledger::AccountId> debit_accounts;
    std::vector<ledger::AccountId> credit_accounts;
    std::vector<ledger::DepartmentId> departments;
    ledger::AccountId retained{};
};

bool report(const core::Result<void>& result, const char* what) {
    if (!result.ok()) {
        std::fprintf(stderr, "bench_ledger: %s: %s\n", what, result.error().message().c_str());
    }
    return result.ok();
}

core::Result<Setup> set_up(store::Database& db, const core::Clock& clock) {
    std::optional<Setup> setup;
    const core::Result<void> done =
        db.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
            const std::string code =
                "B" + std::to_string(clock.now().unix_micros() % company_code_modulus);
            BO_TRY_ASSIGN(const auto company,
                          platform::tenancy::create_company(txn,
                                                            clock,
                                                            {.code = code,
                                                             .name = "Bench",
                                                             .functional_currency = "USD",
                                                             .time_zone = "UTC"}));
            ledger::Actor actor;
            actor.company = company.id;
            actor.username = "bench";
            BO_TRY(ledger::load_standard_chart(txn, clock, actor));
            BO_TRY_ASSIGN(const ledger::FiscalYear year,
                          ledger::create_fiscal_year(
                              txn, clock, actor, core::Date::parse("2024-01-01").value(), {}));
            setup.emplace(Setup{actor, year, {}, {}, {}, {}});
            for (const char* number : {"1110",
                                       "1120",
                                       "1400",
                                       "1510",
                                       "5100",
                                       "5200",
                                       "6110",
                                       "6210",
                                       "6220",
                                       "6310",
                                       "6320",
                                       "6500",
                                       "6600",
                                       "6900"}) {
                BO_TRY_ASSIGN(const auto account,
                              ledger::find_account_by_number(txn, company.id, number));
                setup->debit_accounts.push_back(account->id);
            }
            for (const char* number :
                 {"1120", "1130", "2120", "2130", "2510", "4110", "4120", "4810"}) {
                BO_TRY_ASSIGN(const auto account,
                              ledger::find_account_by_number(txn, company.id, number));
                setup->credit_accounts.push_back(account->id);
            }
            BO_TRY_ASSIGN(const auto retained,
                          ledger::find_account_by_number(txn, company.id, "3900"));
            setup->retained = retained->id;
            for (int index = 0; index < departments_count; ++index) {
                const std::string department_code = "D" + std::to_string(index + 1);
                BO_TRY_ASSIGN(const auto department,
                              ledger::departments::create_department(
                                  txn, clock, company.id, {department_code, department_code, {}}));
                setup->departments.push_back(department.id);
            }
            return core::ok();
        });
    if (!done.ok()) {
        return done.error();
    }
    return *setup;
}

// Entry `index` of the run: 1..3 debit lines, and one or two credit lines taking their sum.
ledger::EntryInput make_entry(const Setup& setup, Random& random, const core::Date& day) {
    const core::Currency usd = core::Currency::create("USD").value();
    ledger::EntryInput input{.date = day, .memo = "bench entry", .source = {}, .lines = {}};
    const std::int64_t debits = 1 + random.below(3);
    std::int64_t total = 0;
    auto department = [&]() -> std::optional<ledger::DepartmentId> {
        const std::int64_t pick = random.below(departments_count + 1);
        if (pick == departments_count) {
            return std::nullopt;
        }
        return setup.departments[static_cast<std::size_t>(pick)];
    };
    for (std::int64_t line = 0; line < debits; ++line) {
        const std::int64_t amount = 1 + random.below(1'000'000);
        total += amount;
        input.lines.push_back({setup.debit_accounts[static_cast<std::size_t>(random.below(
                                   static_cast<std::int64_t>(setup.debit_accounts.size())))],
                               department(),
                               std::nullopt,
                               ledger::Side::debit,
                               core::Money{amount, usd},
                               ""});
    }
    const bool split = debits < 3 && random.below(2) == 0 && total > 1;
    const std::int64_t first = split ? 1 + random.below(total - 1) : total;
    for (const std::int64_t amount : {first, total - first}) {
        if (amount == 0) {
            continue;
        }
        input.lines.push_back({setup.credit_accounts[static_cast<std::size_t>(random.below(
                                   static_cast<std::int64_t>(setup.credit_accounts.size())))],
                               department(),
                               std::nullopt,
                               ledger::Side::credit,
                               core::Money{amount, usd},
                               ""});
    }
    return input;
}

struct PostingFigures {
    std::int64_t entries = 0;
    std::int64_t lines = 0;
    double seconds = 0;
    double cpu_seconds = 0;  // this process's CPU time: what the VM's other load does not inflate
};

double cpu_seconds_now() {
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

core::Result<void> post_each(ledger::Poster& poster, const std::vector<ledger::EntryInput>& batch) {
    for (const ledger::EntryInput& input : batch) {
        BO_TRY(poster.add(input));
    }
    BO_TRY_ASSIGN(const std::size_t flushed, poster.flush());
    (void)flushed;
    return core::ok();
}

// Posts `batch` in one durable transaction through one Poster.
core::Result<void> post_batch(store::Database& db,
                              const core::Clock& clock,
                              const Setup& setup,
                              const std::vector<ledger::EntryInput>& batch) {
    return db.transact(store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
        ledger::Poster poster(txn, clock, setup.actor);
        return post_each(poster, batch);
    });
}

core::Result<PostingFigures> post_all(store::Database& db,
                                      const core::Clock& clock,
                                      const Setup& setup,
                                      std::int64_t entries) {
    Random random;
    PostingFigures figures;
    const core::Date start = setup.year.start_date;
    const auto start_time = Clock::now();
    const double cpu_start = cpu_seconds_now();
    for (std::int64_t done = 0; done < entries; done += batch_entries) {
        const std::int64_t count = std::min(batch_entries, entries - done);
        std::vector<ledger::EntryInput> batch;
        for (std::int64_t index = 0; index < count; ++index) {
            const std::int64_t day_index = ((done + index) * 366) / entries;
            batch.push_back(make_entry(setup, random, start.add_days(day_index).value()));
            figures.lines += static_cast<std::int64_t>(batch.back().lines.size());
        }
        BO_TRY(post_batch(db, clock, setup, batch));
        figures.entries += count;
        if ((done / batch_entries) % progress_every_batches == progress_every_batches - 1) {
            std::fprintf(stderr,
                         "  %lld entries posted, %.0f lines/s\n",
                         static_cast<long long>(figures.entries),
                         static_cast<double>(figures.lines) / seconds_since(start_time));
        }
    }
    figures.seconds = seconds_since(start_time);
    figures.cpu_seconds = cpu_seconds_now() - cpu_start;
    return figures;
}

// Runs `fn` in a read-only transaction `report_runs` times; answers the median in ms.
template <typename Fn>
core::Result<double> median_ms(store::Database& db, Fn&& fn) {
    std::vector<double> times;
    for (int run = 0; run < report_runs; ++run) {
        const auto start = Clock::now();
        BO_TRY(db.transact(store::TxnMode::read_only, [&](store::Txn& txn) { return fn(txn); }));
        times.push_back(seconds_since(start) * ms_per_s);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// Runs a shell command, answering its wall time in seconds and its stdout (or nullopt).
std::optional<std::pair<double, std::string>> run_tool(const std::string& command) {
    const auto start = Clock::now();
    FILE* pipe = popen(command.c_str(), "r");  // NOLINT(cert-env33-c): fixed command, bench
    if (pipe == nullptr) {
        return std::nullopt;
    }
    std::string out;
    std::array<char, tool_read_bytes> buffer{};
    while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) {
        out += buffer.data();
    }
    const int status = pclose(pipe);
    if (status != 0) {
        return std::nullopt;
    }
    return std::pair{seconds_since(start), out};
}

// Sums hledger's CSV balances ("name","-12.34 USD") into a map by account name.
std::map<std::string, std::int64_t> parse_hledger_csv(const std::string& csv) {
    std::map<std::string, std::int64_t> balances;
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line);
    const core::Currency usd = core::Currency::create("USD").value();
    while (std::getline(lines, line)) {
        const auto middle = line.find("\",\"");
        if (middle == std::string::npos) {
            continue;
        }
        std::string amount = line.substr(middle + 3, line.size() - middle - 4);
        const auto space = amount.find(' ');
        const auto money = core::Money::parse(amount.substr(0, space), usd);
        if (money.ok() && money->minor != 0) {
            balances[line.substr(1, middle - 1)] = money->minor;
        }
    }
    return balances;
}

bool run_tools(store::Database& db, const Setup& setup, const std::string& dir, double tb_ms) {
    const std::string file = dir + "/bench.journal";
    std::ofstream out(file);
    std::map<std::string, std::int64_t> ours;
    const auto start = Clock::now();
    if (!report(db.transact(
                    store::TxnMode::read_only,
                    [&](store::Txn& txn) -> core::Result<void> {
                        BO_TRY(ledger::export_journal(txn, setup.actor.company, std::nullopt, out));
                        BO_TRY_ASSIGN(const auto names,
                                      ledger::journal_account_names(txn, setup.actor.company));
                        BO_TRY_ASSIGN(
                            const auto tb,
                            ledger::trial_balance(txn,
                                                  setup.actor.company,
                                                  {setup.year.start_date, setup.year.end_date},
                                                  ledger::DepartmentScope::all()));
                        for (const auto& row : tb.rows) {
                            if (row.closing_minor != 0) {
                                ours[names.at(row.account)] = row.closing_minor;
                            }
                        }
                        return core::ok();
                    }),
                "export")) {
        return false;
    }
    out.close();
    std::printf("  export: %.2f s, %.1f MB\n",
                seconds_since(start),
                static_cast<double>(std::filesystem::file_size(file)) / bytes_per_mb);
    const auto hledger = run_tool("hledger -f " + file + " balance --flat -B -O csv --no-total");
    if (!hledger) {
        std::printf("  hledger: not run (not installed or failed)\n");
    } else {
        const bool same = parse_hledger_csv(hledger->second) == ours;
        std::printf(
            "  hledger balance: %.2f s; totals identical to the trial balance: %s; "
            "ratio hledger / trial balance: %.0fx\n",
            hledger->first,
            same ? "yes" : "NO",
            hledger->first * ms_per_s / tb_ms);
    }
    const auto ledger_cli = run_tool("ledger -f " + file + " balance --flat > /dev/null");
    if (!ledger_cli) {
        std::printf("  ledger balance: not run (not installed or failed)\n");
    } else {
        std::printf("  ledger balance: %.2f s; ratio ledger / trial balance: %.0fx\n",
                    ledger_cli->first,
                    ledger_cli->first * ms_per_s / tb_ms);
    }
    std::filesystem::remove(file);
    return true;
}

// Times the trial balance, the income statement and the check; answers the trial balance's
// median ms (the denominator of the tools' ratios).
core::Result<double> time_reports(store::Database& db, const Setup& setup_value) {
    const Setup* setup = &setup_value;
    const ledger::CompanyId company = setup->actor.company;
    const ledger::DateRange year{setup->year.start_date, setup->year.end_date};
    auto tb_ms = median_ms(db, [&](store::Txn& txn) -> core::Result<void> {
        BO_TRY_ASSIGN(const auto tb,
                      ledger::trial_balance(txn, company, year, ledger::DepartmentScope::all()));
        return tb.debit_total_minor == tb.credit_total_minor
                   ? core::ok()
                   : core::Result<void>(core::Error(core::ErrorCode::internal, "unbalanced"));
    });
    auto is_ms = median_ms(db, [&](store::Txn& txn) -> core::Result<void> {
        return ledger::income_statement(txn, company, year, ledger::DepartmentScope::all()).ok()
                   ? core::ok()
                   : core::Result<void>(core::Error(core::ErrorCode::internal, "income statement"));
    });
    if (!tb_ms.ok() || !is_ms.ok()) {
        return tb_ms.ok() ? is_ms.error() : tb_ms.error();
    }
    std::printf(
        "  trial balance (year, from balances): %.2f ms median of %d\n", *tb_ms, report_runs);
    std::printf(
        "  income statement by department (year): %.2f ms median of %d\n", *is_ms, report_runs);
    const auto check_start = Clock::now();
    std::int64_t differences = -1;
    (void)report(db.transact(store::TxnMode::read_only,
                             [&](store::Txn& txn) -> core::Result<void> {
                                 BO_TRY_ASSIGN(const auto check,
                                               ledger::check_balances(txn, company));
                                 differences = static_cast<std::int64_t>(check.differences.size())
                                               + check.unbalanced_entries;
                                 return core::ok();
                             }),
                 "check");
    std::printf("  ledger check (recompute from every line): %.2f s, %lld differences\n",
                seconds_since(check_start),
                static_cast<long long>(differences));
    return *tb_ms;
}

bool run_backend(const std::string& url,
                 const std::string& label,
                 const Options& options,
                 const std::string& dir) {
    std::printf("\n%s (%lld entries, %lld per transaction)\n",
                label.c_str(),
                static_cast<long long>(options.entries),
                static_cast<long long>(batch_entries));
    auto opened = store::Database::open(url);
    if (!opened.ok()) {
        return report(opened.error(), "open");
    }
    store::Database& db = **opened;
    if (!report(store::migrate(db, schema::migrations()).ok()
                    ? core::ok()
                    : core::Result<void>(core::Error(core::ErrorCode::internal, "migrate failed")),
                "migrate")) {
        return false;
    }
    core::SystemClock clock;
    auto setup = set_up(db, clock);
    if (!setup.ok()) {
        return report(setup.error(), "set-up");
    }
    auto posted = post_all(db, clock, *setup, options.entries);
    if (!posted.ok()) {
        return report(posted.error(), "posting");
    }
    std::printf("  posting: %lld entries, %lld lines in %.2f s: %.0f entries/s, %.0f lines/s\n",
                static_cast<long long>(posted->entries),
                static_cast<long long>(posted->lines),
                posted->seconds,
                static_cast<double>(posted->entries) / posted->seconds,
                static_cast<double>(posted->lines) / posted->seconds);
    std::printf("  posting CPU (this process): %.2f s, %.0f lines per CPU-second\n",
                posted->cpu_seconds,
                static_cast<double>(posted->lines) / posted->cpu_seconds);
    auto tb_ms = time_reports(db, *setup);
    if (!tb_ms.ok()) {
        return report(tb_ms.error(), "reports");
    }
    if (options.tools && !run_tools(db, *setup, dir, *tb_ms)) {
        return false;
    }
    const auto close_start = Clock::now();
    if (!report(db.transact(store::TxnMode::read_write,
                            [&](store::Txn& txn) -> core::Result<void> {
                                BO_TRY(ledger::close_year(
                                    txn, clock, setup->actor, setup->year.id, setup->retained));
                                return core::ok();
                            }),
                "year-end close")) {
        return false;
    }
    std::printf("  year-end close (closing entry + 12 periods closed): %.1f ms\n",
                seconds_since(close_start) * ms_per_s);
    return true;
}

bool parse(int argc, char** argv, Options& options) {
    const char* env_url = std::getenv("BO_TEST_POSTGRES_URL");  // NOLINT(concurrency-mt-unsafe)
    options.postgres_url = env_url == nullptr ? "" : env_url;
    for (int index = 1; index < argc; ++index) {
        const std::string arg = argv[index];
        const bool has_value = index + 1 < argc;
        if (arg == "--entries" && has_value) {
            options.entries = std::atoll(argv[++index]);
        } else if (arg == "--sqlite-dir" && has_value) {
            options.sqlite_dir = argv[++index];
        } else if (arg == "--postgres" && has_value) {
            options.postgres_url = argv[++index];
        } else if (arg == "--no-postgres") {
            options.postgres_url.clear();
        } else if (arg == "--no-tools") {
            options.tools = false;
        } else {
            std::fprintf(stderr,
                         "usage: bench_ledger [--entries N] [--sqlite-dir DIR] [--postgres URL] "
                         "[--no-postgres] [--no-tools]\n");
            return false;
        }
    }
    return options.entries > 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse(argc, argv, options)) {
        return 2;
    }
    namespace fs = std::filesystem;
    std::string dir = options.sqlite_dir;
    if (dir.empty()) {
        std::string pattern = (fs::temp_directory_path() / "bench-ledger-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            std::perror("mkdtemp");
            return 1;
        }
        dir = pattern;
    }
    bool ok = run_backend("sqlite:" + dir + "/ledger.db", "sqlite", options, dir);
    if (ok && !options.postgres_url.empty()) {
        ok = run_backend(options.postgres_url, "postgres", options, dir);
    } else if (options.postgres_url.empty()) {
        std::printf("\npostgres: skipped (no --postgres URL and BO_TEST_POSTGRES_URL unset)\n");
    }
    if (options.sqlite_dir.empty()) {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
    return ok ? 0 : 1;
}
