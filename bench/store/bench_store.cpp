// bench_store: how fast the store commits small rows, durably, on each engine.
//
// Inserts (company_id, id, amount_minor, memo) rows in transactions of 1, 100 and 10,000 rows
// (batches use execute_batch: one re-bound statement on SQLite, pipeline mode on PostgreSQL)
// for a fixed time per case, and prints rows/s and the p50/p99 latency of a whole transaction
// (statements + COMMIT). SQLite runs with synchronous=FULL in WAL mode; PostgreSQL with the
// server's settings (scripts/with-postgres keeps fsync on).
//
// Usage: bench_store [--seconds N] [--sqlite-dir DIR] [--postgres URL] [--no-postgres]
// The PostgreSQL URL defaults to BO_TEST_POSTGRES_URL; without one only SQLite runs.
#include <algorithm>
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

bool run_backend(const std::string& url, const std::string& label, const Options& options) {
    auto opened = Database::open(url);
    if (!opened.ok()) {
        std::fprintf(stderr, "bench_store: %s\n", opened.error().message().c_str());
        return false;
    }
    Database& db = *opened.value();
    auto made = db.transact(TxnMode::read_write, [](Txn& txn) {
        return txn.execute_script(
            "DROP TABLE IF EXISTS bench_rows;"
            "CREATE TABLE bench_rows (company_id BIGINT NOT NULL, id BIGINT NOT NULL,"
            " amount_minor BIGINT NOT NULL, memo TEXT NOT NULL, PRIMARY KEY (company_id, id))");
    });
    if (!check(made, "create table")) {
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
    auto dropped = db.transact(
        TxnMode::read_write, [](Txn& txn) { return txn.execute_script("DROP TABLE bench_rows"); });
    return check(dropped, "drop table");
}

bool parse(int argc, char** argv, Options& options) {
    const char* env_url = std::getenv("BO_TEST_POSTGRES_URL");  // NOLINT(concurrency-mt-unsafe)
    options.postgres_url = env_url == nullptr ? "" : env_url;
    for (int index = 1; index < argc; ++index) {
        std::string arg = argv[index];
        bool has_value = index + 1 < argc;
        if (arg == "--seconds" && has_value) {
            options.seconds = std::strtod(argv[++index], nullptr);
        } else if (arg == "--sqlite-dir" && has_value) {
            options.sqlite_dir = argv[++index];
        } else if (arg == "--postgres" && has_value) {
            options.postgres_url = argv[++index];
        } else if (arg == "--no-postgres") {
            options.postgres_url.clear();
        } else {
            std::fprintf(stderr,
                         "usage: bench_store [--seconds N] [--sqlite-dir DIR] [--postgres URL] "
                         "[--no-postgres]\n");
            return false;
        }
    }
    return options.seconds > 0;
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
    bool ok = run_backend("sqlite:" + dir + "/bench.db", "sqlite", options);
    if (own_dir) {
        std::filesystem::remove_all(dir);
    }
    if (ok && !options.postgres_url.empty()) {
        ok = run_backend(options.postgres_url, "postgres", options);
    } else if (options.postgres_url.empty()) {
        std::printf("\npostgres: skipped (no --postgres URL and BO_TEST_POSTGRES_URL unset)\n");
    }
    return ok ? 0 : 1;
}
