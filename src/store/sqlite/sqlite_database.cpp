#include "store/sqlite/sqlite_database.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <sqlite3.h>

#include "store/pool.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/txn_support.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bo::store::sqlite {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::array<char, 16> sqlite_header = {
    'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};

// What open found (and did) on the file system, so that a failed open can undo it.
struct Footprint {
    bool file_existed = false;
    std::string created_directory;  // empty unless open created it
};

std::string errno_text(int number) {
    return std::strerror(number);
}  // NOLINT(concurrency-mt-unsafe)

// An existing file must be empty or start with the SQLite header; read-only, nothing written.
core::Result<void> check_existing_file(const std::string& path, const struct stat& status) {
    if (S_ISDIR(status.st_mode)) {
        return Error(ErrorCode::invalid_argument,
                     path + " is a directory, not an SQLite database file");
    }
    if (!S_ISREG(status.st_mode)) {
        return Error(ErrorCode::invalid_argument, path + " is not a regular file");
    }
    int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // NOLINT: POSIX vararg
    if (descriptor < 0) {
        return Error(ErrorCode::invalid_argument, "cannot read " + path + ": " + errno_text(errno));
    }
    std::array<char, sqlite_header.size()> header{};
    ssize_t size = ::read(descriptor, header.data(), header.size());
    int read_errno = errno;
    ::close(descriptor);
    if (size < 0) {
        return Error(ErrorCode::invalid_argument,
                     "cannot read " + path + ": " + errno_text(read_errno));
    }
    if (size == 0) {
        return core::ok();  // SQLite treats an empty file as an empty database
    }
    if (static_cast<std::size_t>(size) < header.size() || header != sqlite_header) {
        return Error(ErrorCode::invalid_argument, path + " is not an SQLite database");
    }
    return core::ok();
}

// Checks the path before SQLite sees it. A missing final directory level is created when its
// parent exists (so `sqlite:data/bo.db` works on a fresh checkout); deeper gaps are errors.
core::Result<Footprint> check_path(const std::string& path) {
    Footprint footprint;

    struct stat status {};

    if (::stat(path.c_str(), &status) == 0) {
        footprint.file_existed = true;
        BO_TRY(check_existing_file(path, status));
        return footprint;
    }
    if (errno != ENOENT) {
        return Error(ErrorCode::invalid_argument,
                     "cannot access " + path + ": " + errno_text(errno));
    }
    std::filesystem::path directory = std::filesystem::path(path).parent_path();
    if (directory.empty()) {
        return footprint;  // the working directory
    }
    if (::stat(directory.c_str(), &status) == 0) {
        if (!S_ISDIR(status.st_mode)) {
            return Error(ErrorCode::invalid_argument, directory.string() + " is not a directory");
        }
        return footprint;
    }
    int directory_errno = errno;
    std::filesystem::path grandparent = directory.parent_path();

    struct stat parent_status {};

    bool parent_ok =
        grandparent.empty()
        || (::stat(grandparent.c_str(), &parent_status) == 0 && S_ISDIR(parent_status.st_mode));
    if (directory_errno != ENOENT || !parent_ok) {
        return Error(ErrorCode::invalid_argument,
                     "directory " + directory.string() + " does not exist");
    }
    if (::mkdir(directory.c_str(), 0750) != 0) {
        return Error(ErrorCode::invalid_argument,
                     "cannot create directory " + directory.string() + ": " + errno_text(errno));
    }
    footprint.created_directory = directory.string();
    return footprint;
}

// Removes what a failed open created; never touches a file that existed before.
void undo(const std::string& path, const Footprint& footprint) {
    if (!footprint.file_existed) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            ::unlink((path + suffix).c_str());
        }
    }
    if (!footprint.created_directory.empty()) {
        ::rmdir(footprint.created_directory.c_str());
    }
}

class SqliteDatabase final : public Database {
public:
    using Pool = ConnectionPool<Connection>;

    SqliteDatabase(const DatabaseUrl& url,
                   const OpenOptions& options,
                   const WriterOptions& writer_options,
                   std::unique_ptr<Connection> writer)
        : display_(url.display),
          filename_(url.sqlite_path),
          writer_(
              std::move(writer), [this] { return open_writer(); }, writer_options) {
        if (!url.sqlite_memory) {
            readers_ =
                std::make_unique<Pool>(options.pool_connections, options.pool_wait_ms, [this] {
                    return open_connection(filename_, filename_, Role::reader);
                });
        }
    }

    Backend backend() const noexcept override { return Backend::sqlite; }

    std::string display_url() const override { return display_; }

    core::Result<void> transact(TxnMode mode, const TxnFunction& fn) override {
        if (mode == TxnMode::read_only && readers_ != nullptr) {
            return run_with_retries([&](int) { return read(fn); });
        }
        return run_with_retries([&](int) { return writer_.submit(mode, fn); });
    }

private:
    core::Result<std::unique_ptr<Connection>> open_writer() const {
        return open_connection(filename_.empty() ? ":memory:" : filename_,
                               display_,
                               filename_.empty() ? Role::memory : Role::writer);
    }

    // A read_only transaction on a reader connection (WAL: it never waits for the writer).
    AttemptOutcome read(const TxnFunction& fn) {
        core::Result<Pool::Lease> leased = readers_->acquire();
        if (!leased.ok()) {
            return {std::move(leased).error(), Transience::permanent};
        }
        Pool::Lease lease = std::move(leased).value();
        sqlite3* db = lease->db();
        if (lease->control("BEGIN") != SQLITE_OK) {
            Transience transience = Transience::permanent;
            Error error = map_error(db, sqlite3_extended_errcode(db), transience);
            return {std::move(error), transience};
        }
        SqliteTxn txn(*lease);
        core::Result<void> result = core::ok();
        {
            Connection::CallbackScope scope(*lease);
            result = fn(txn);
        }
        Transience transience =
            txn.failure().transient() ? Transience::transient : Transience::permanent;
        if (result.ok() && txn.failure().failed()) {
            result = txn.failure().check();  // the callback ignored a failed statement
        }
        // COMMIT and ROLLBACK end a read transaction alike; ROLLBACK cannot fail to write.
        lease->control(result.ok() ? "COMMIT" : "ROLLBACK");
        if (sqlite3_get_autocommit(db) == 0) {
            lease.mark_broken();  // stuck inside a transaction: not handed to the next caller
        }
        return {std::move(result), transience};
    }

    std::string display_;
    std::string filename_;  // empty for memory
    Writer writer_;
    std::unique_ptr<Pool> readers_;
};

}  // namespace

core::Result<void> check_database_file(const std::string& path) {
    struct stat status {};

    if (::stat(path.c_str(), &status) != 0) {
        return Error(ErrorCode::invalid_argument,
                     "cannot access " + path + ": " + errno_text(errno));
    }
    return check_existing_file(path, status);
}

core::Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, const OpenOptions& options) {
    WriterOptions writer_options;
    writer_options.wait_ms = options.pool_wait_ms;
    return open(url, options, writer_options);
}

core::Result<std::unique_ptr<Database>> open(const DatabaseUrl& url,
                                             const OpenOptions& options,
                                             const WriterOptions& writer_options) {
    if (url.sqlite_memory) {
        BO_TRY_ASSIGN(auto writer, open_connection(":memory:", url.display, Role::memory));
        return std::unique_ptr<Database>(
            std::make_unique<SqliteDatabase>(url, options, writer_options, std::move(writer)));
    }
    const std::string& path = url.sqlite_path;
    BO_TRY_ASSIGN(Footprint footprint, check_path(path));
    core::Result<std::unique_ptr<Connection>> writer = open_connection(path, path, Role::writer);
    if (!writer.ok()) {
        undo(path, footprint);
        return std::move(writer).error();
    }
    return std::unique_ptr<Database>(
        std::make_unique<SqliteDatabase>(url, options, writer_options, std::move(writer).value()));
}

}  // namespace bo::store::sqlite
