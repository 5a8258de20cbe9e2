// A bounded pool of connections, created lazily up to a maximum.
//
// Invariants: at most `connections_max` connections exist at once (idle + leased + being
// opened); a waiter waits at most `wait_ms` and then gets `unavailable`; a lease marked broken
// is destroyed instead of returned, which frees its slot.
// Thread safety: acquire and the return of a lease are safe from any thread. The pool must
// outlive its leases.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/assert.hpp"
#include "core/result.hpp"

namespace bo::store {

template <typename Connection>
class ConnectionPool {
public:
    using Factory = std::function<core::Result<std::unique_ptr<Connection>>()>;

    // A connection on loan; returned to the pool (or destroyed when broken) on destruction.
    class Lease {
    public:
        Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
            : pool_(pool), connection_(std::move(connection)) {}

        Lease(Lease&& other) noexcept
            : pool_(std::exchange(other.pool_, nullptr)),
              connection_(std::move(other.connection_)),
              broken_(other.broken_) {}

        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;

        ~Lease() {
            if (pool_ != nullptr) {
                pool_->give_back(std::move(connection_), broken_);
            }
        }

        Connection& operator*() const { return *connection_; }

        Connection* operator->() const { return connection_.get(); }

        // The connection is unusable (lost, or in an unknown state): drop it on return.
        void mark_broken() noexcept { broken_ = true; }

    private:
        ConnectionPool* pool_;
        std::unique_ptr<Connection> connection_;
        bool broken_ = false;
    };

    ConnectionPool(int connections_max, int wait_ms, Factory factory)
        : connections_max_(connections_max), wait_ms_(wait_ms), factory_(std::move(factory)) {
        BO_ASSERT(connections_max_ >= 1);
        BO_ASSERT(wait_ms_ >= 1);
    }

    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    ~ConnectionPool() { BO_ASSERT(idle_.size() == static_cast<std::size_t>(open_count_)); }

    // An idle connection, a new one if below the maximum, or the first one returned within
    // wait_ms. Errors: unavailable when the wait times out; the factory's error otherwise.
    core::Result<Lease> acquire() {
        std::unique_lock lock(mutex_);
        auto ready = [&] {
            return !idle_.empty() || open_count_ < connections_max_;
        };
        if (!changed_.wait_for(lock, std::chrono::milliseconds(wait_ms_), ready)) {
            return core::Error(core::ErrorCode::unavailable,
                               "all " + std::to_string(connections_max_)
                                   + " database connections stayed busy for "
                                   + std::to_string(wait_ms_) + " ms");
        }
        if (!idle_.empty()) {
            std::unique_ptr<Connection> connection = std::move(idle_.back());
            idle_.pop_back();
            return Lease(this, std::move(connection));
        }
        ++open_count_;
        lock.unlock();
        core::Result<std::unique_ptr<Connection>> created = factory_();
        if (!created.ok()) {
            lock.lock();
            --open_count_;
            changed_.notify_one();
            return std::move(created).error();
        }
        return Lease(this, std::move(created).value());
    }

private:
    void give_back(std::unique_ptr<Connection> connection, bool broken) {
        std::unique_ptr<Connection> doomed;
        {
            std::lock_guard lock(mutex_);
            if (broken) {
                doomed = std::move(connection);
                --open_count_;
            } else {
                idle_.push_back(std::move(connection));
            }
        }
        changed_.notify_one();
    }

    const int connections_max_;
    const int wait_ms_;
    const Factory factory_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::unique_ptr<Connection>> idle_;
    int open_count_ = 0;  // idle + leased + being opened
};

}  // namespace bo::store
