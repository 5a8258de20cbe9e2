// bench_store: how fast the store commits small rows, durably, on each engine.
//
// Inserts (company_id, id, amount_minor, memo) rows in transactions of 1, 100 and 10,000 rows
// (batches use execute_batch: one re-bound statement on SQLite, pipeline mode on PostgreSQL)
// for a fixed time per case, and prints rows/s and the p50/p99 latency of a whole transaction
// (statements + COMMIT). SQLite runs with synchronous=FULL in WAL mode; PostgreSQL with the
// server's settings (scripts/with-postgres keeps fsync on).
//
// Then the concurrent-writers case: `--writers N` threads (default 64) each commit single-row
// transactions for the same time, durably, and it prints commits/s and the p50/p99 latency of
// one transact call. SQLite runs twice: with group commit off (a group of one transaction,
// i.e. one fsync per commit, as before group commit) and on (the default); PostgreSQL once.
//
// Usage: bench_store [--seconds N] [--writers N] [--sqlite-dir DIR] [--postgres URL]
//                    [--no-postgres] [--only-concurrent]
// The PostgreSQL URL defaults to BO_TEST_POSTGRES_URL; without one only SQLite runs.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "store/database.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/url.hpp"

#include <sys/utsname.h>
#include <unistd.h>

namespace {

using bo::store::Backend;
using bo::store::Database;
using bo::store::Txn;
using bo::store::TxnMode;
using bo::store::Value;
using Clock = std::chrono::steady_clock;

struct Options {
    double seconds = 5.0;
    int writers = 64;
    bool only_concurrent = false;
    std::string sqlite_dir;
    std::string postgres_url;
};

struct CaseResult {
    std::size_t batch_rows = 0;
    std::size_t transactions = 0;
    double rows_per_s = 0;
    double p50_ms = 0;
    double p99_ms = 0;
};

std::string first_line_of(const char* command) {
    std::string line;
    FILE* pipe = ::popen(command, "r");  // NOLINT(cert-env33-c): fixed command, bench only
    if (pipe != nullptr) {
        std::array<char, 256> buffer{};
        if (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe) != nullptr) {
            line = buffer.data();
        }
        ::pclose(pipe);
    }
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.pop_back();
    }
    return line;
}

std::string cpu_model() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("model name", 0) == 0) {
            return line.substr(line.find(':') + 2);
        }
    }
    return "unknown";
}

void print_machine() {
    utsname names{};
    ::uname(&names);
    std::time_t now = std::time(nullptr);
    std::array<char, 32> date{};
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    std::strftime(date.data(), date.size(), "%Y-%m-%d %H:%M UTC", &utc);
    std::string commit = first_line_of("git rev-parse --short HEAD 2>/dev/null");
    std::printf("date:    %s\n", date.data());
    std::printf("commit:  %s\n", commit.empty() ? "unknown" : commit.c_str());
    std::printf("machine: %u cpus, %s, %s %s\n",
                std::thread::hardware_concurrency(),
                cpu_model().c_str(),
                names.sysname,
                names.release);
}

double percentile_ms(std::vector<double>& samples_ms, double fraction) {
    std::sort(samples_ms.begin(), samples_ms.end());
    auto index = static_cast<std::size_t>(fraction * static_cast<double>(samples_ms.size() - 1));
    return samples_ms[index];
}

bool check(const bo::core::Result<void>& result, const char* what) {
    if (!result.ok()) {
        std::fprintf(stderr, "bench_store: %s: %s\n", what, result.error().message().c_str());
    }
    return result.ok();
}

// Inserts batches of `batch_rows` until `seconds` have passed (at least 3 transactions).
bool run_case(
    Database& db, std::size_t batch_rows, double seconds, std::int64_t& next_id, CaseResult& out) {
    const std::string sql =
        "INSERT INTO bench_rows (company_id, id, amount_minor, memo) VALUES ($1, $2, $3, $4)";
    std::vector<double> latencies_ms;
    std::size_t rows_total = 0;
    auto started = Clock::now();
    auto deadline = started + std::chrono::duration<double>(seconds);
    std::vector<std::vector<Value>> rows(batch_rows);
    while (Clock::now() < deadline || latencies_ms.size() < 3) {
        for (auto& row : rows) {
            std::int64_t id = next_id++;
            row = {Value(std::int64_t{1}),
                   Value(id),
                   Value(id * 137 % 100000),
                   Value(std::string("invoice ") + std::to_string(id))};
        }
        auto begin = Clock::now();
        auto done = db.transact(TxnMode::read_write, [&](Txn& txn) -> bo::core::Result<void> {
            if (batch_rows == 1) {
                BO_TRY_ASSIGN([[maybe_unused]] std::int64_t changed, txn.execute(sql, rows[0]));
                return bo::core::ok();
            }
            return txn.execute_batch(sql, rows);
        });
        if (!check(done, "insert")) {
            return false;
        }
        latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
        rows_total += batch_rows;
    }
    double elapsed_s = std::chrono::duration<double>(Clock::now() - started).count();
    out = CaseResult{batch_rows,
                     latencies_ms.size(),
                     static_cast<double>(rows_total) / elapsed_s,
                     percentile_ms(latencies_ms, 0.50),
                     percentile_ms(latencies_ms, 0.99)};
    return true;
}

bool create_table(Database& db) {
    auto made = db.transact(TxnMode::read_write, [](Txn& txn) {
        return txn.execute_script(
            "DROP TABLE IF EXISTS bench_rows;"
            "CREATE TABLE bench_rows (company_id BIGINT NOT NULL, id BIGINT NOT NULL,"
            " amount_minor BIGINT NOT NULL, memo TEXT NOT NULL, PRIMARY KEY (company_id, id))");
    });
    return check(made, "create table");
}

bool drop_table(Database& db) {
    auto dropped = db.transact(
        TxnMode::read_write, [](Txn& txn) { return txn.execute_script("DROP TABLE bench_rows"); });
    return check(dropped, "drop table");
}

bool run_backend(Database& db, const std::string& label, const Options& options) {
    if (!create_table(db)) {
        return false;
    }
    std::printf("\n%s (%s)\n", label.c_str(), db.display_url().c_str());
    std::printf("%12s %8s %14s %12s %12s\n", "rows/txn", "txns", "rows/s", "p50 ms", "p99 ms");
    std::int64_t next_id = 1;
    for (std::size_t batch_rows : {std::size_t{1}, std::size_t{100}, std::size_t{10'000}}) {
        CaseResult result;
        if (!run_case(db, batch_rows, options.seconds, next_id, result)) {
            return false;
        }
        std::printf("%12zu %8zu %14.0f %12.2f %12.2f\n",
                    result.batch_rows,
                    result.transactions,
                    result.rows_per_s,
                    result.p50_ms,
                    result.p99_ms);
        std::fflush(stdout);
    }
    return drop_table(db);
}

// `writers` threads each commit single-row transactions until `seconds` have passed; prints
// commits/s and the latency of one transact call over all threads.
bool run_concurrent(Database& db, const std::string& label, const Options& options) {
    if (!create_table(db)) {
        return false;
    }
    const std::string sql =
        "INSERT INTO bench_rows (company_id, id, amount_minor, memo) VALUES ($1, $2, $3, $4)";
    std::atomic<std::int64_t> next_id{1};
    std::atomic<bool> failed{false};
    std::vector<std::vector<double>> latencies_ms(static_cast<std::size_t>(options.writers));
    auto started = Clock::now();
    auto deadline = started + std::chrono::duration<double>(options.seconds);
    std::vector<std::thread> threads;
    for (std::size_t writer = 0; writer < latencies_ms.size(); ++writer) {
        threads.emplace_back([&, writer] {
            while (Clock::now() < deadline && !failed.load()) {
                std::int64_t id = next_id++;
                std::array<Value, 4> row = {Value(std::int64_t{1}),
                                            Value(id),
                                            Value(id * 137 % 100000),
                                            Value(std::string("invoice ") + std::to_string(id))};
                auto begin = Clock::now();
                auto done =
                    db.transact(TxnMode::read_write, [&](Txn& txn) -> bo::core::Result<void> {
                        BO_TRY_ASSIGN([[maybe_unused]] std::int64_t changed, txn.execute(sql, row));
                        return bo::core::ok();
                    });
                if (!check(done, "concurrent insert")) {
                    failed = true;
                    return;
                }
                latencies_ms[writer].push_back(
                    std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    double elapsed_s = std::chrono::duration<double>(Clock::now() - started).count();
    std::vector<double> all_ms;
    for (const auto& samples : latencies_ms) {
        all_ms.insert(all_ms.end(), samples.begin(), samples.end());
    }
    if (failed.load() || all_ms.empty()) {
        return false;
    }
    std::printf("%-28s %8d %10zu %12.0f %10.2f %10.2f\n",
                label.c_str(),
                options.writers,
                all_ms.size(),
                static_cast<double>(all_ms.size()) / elapsed_s,
                percentile_ms(all_ms, 0.50),
                percentile_ms(all_ms, 0.99));
    std::fflush(stdout);
    return drop_table(db);
}

std::unique_ptr<Database> open_or_report(const std::string& url, std::size_t group_txns_max) {
    auto parsed = bo::store::parse_database_url(url);
    if (!parsed.ok()) {
        std::fprintf(stderr, "bench_store: %s\n", parsed.error().message().c_str());
        return nullptr;
    }
    bo::core::Result<std::unique_ptr<Database>> opened =
        bo::core::Error(bo::core::ErrorCode::internal, "not opened");
    if (parsed.value().backend == Backend::sqlite) {
        bo::store::OpenOptions open_options;
        bo::store::sqlite::WriterOptions writer_options;
        writer_options.group_txns_max = group_txns_max;
        writer_options.wait_ms = open_options.pool_wait_ms;
        opened = bo::store::sqlite::open(parsed.value(), open_options, writer_options);
    } else {
        bo::store::OpenOptions open_options;
        open_options.pool_connections = bo::store::db_pool_connections_max;
        opened = Database::open(url, open_options);
    }
    if (!opened.ok()) {
        std::fprintf(stderr, "bench_store: %s\n", opened.error().message().c_str());
        return nullptr;
    }
    return std::move(opened).value();
}

bool run_all(const std::string& sqlite_url, const Options& options) {
    if (!options.only_concurrent) {
        for (const auto& [url, label] :
             {std::pair{sqlite_url, std::string("sqlite")},
              std::pair{options.postgres_url, std::string("postgres")}}) {
            if (url.empty()) {
                continue;
            }
            auto db = open_or_report(url, bo::store::group_txns_max);
            if (db == nullptr || !run_backend(*db, label, options)) {
                return false;
            }
        }
    }
    std::printf("\nconcurrent writers, one row per transaction\n");
    std::printf("%-28s %8s %10s %12s %10s %10s\n",
                "backend",
                "writers",
                "commits",
                "commits/s",
                "p50 ms",
                "p99 ms");

    struct Run {
        std::string url;
        std::string label;
        std::size_t group_txns_max;
    };

    std::vector<Run> runs = {{sqlite_url, "sqlite, group commit off", 1},
                             {sqlite_url, "sqlite, group commit on", bo::store::group_txns_max}};
    if (!options.postgres_url.empty()) {
        runs.push_back({options.postgres_url, "postgres (pool of 64)", 0});
    }
    for (const Run& run : runs) {
        auto db = open_or_report(run.url, run.group_txns_max);
        if (db == nullptr || !run_concurrent(*db, run.label, options)) {
            return false;
        }
    }
    return true;
}

bool parse(int argc, char** argv, Options& options) {
    const char* env_url = std::getenv("BO_TEST_POSTGRES_URL");  // NOLINT(concurrency-mt-unsafe)
    options.postgres_url = env_url == nullptr ? "" : env_url;
    for (int index = 1; index < argc; ++index) {
        std::string arg = argv[index];
        bool has_value = index + 1 < argc;
        if (arg == "--seconds" && has_value) {
            options.seconds = std::strtod(argv[++index], nullptr);
        } else if (arg == "--writers" && has_value) {
            options.writers = std::atoi(argv[++index]);
        } else if (arg == "--only-concurrent") {
            options.only_concurrent = true;
        } else if (arg == "--sqlite-dir" && has_value) {
            options.sqlite_dir = argv[++index];
        } else if (arg == "--postgres" && has_value) {
            options.postgres_url = argv[++index];
        } else if (arg == "--no-postgres") {
            options.postgres_url.clear();
        } else {
            std::fprintf(stderr,
                         "usage: bench_store [--seconds N] [--writers N] [--sqlite-dir DIR] "
                         "[--postgres URL] [--no-postgres] [--only-concurrent]\n");
            return false;
        }
    }
    return options.seconds > 0 && options.writers >= 1 && options.writers <= 1024;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse(argc, argv, options)) {
        return 2;
    }
    print_machine();
    std::string dir = options.sqlite_dir;
    bool own_dir = dir.empty();
    if (own_dir) {
        std::string pattern = (std::filesystem::temp_directory_path() / "bo-bench.XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            std::perror("mkdtemp");
            return 1;
        }
        dir = pattern;
    }
    if (options.postgres_url.empty()) {
        std::printf("\npostgres: skipped (no --postgres URL and BO_TEST_POSTGRES_URL unset)\n");
    }
    bool ok = run_all("sqlite:" + dir + "/bench.db", options);
    if (own_dir) {
        std::filesystem::remove_all(dir);
    }
    return ok ? 0 : 1;
}
