// A thread that runs one task at once and then every `interval`, until destroyed: the shape
// of serve's background work (idempotency purge, mail delivery).
//
// Destruction wakes the thread at once and waits for the task in progress, if any, to finish.
// The task reports its own failures (a round that fails is simply tried at the next interval).
// Thread safety: construct and destroy from one thread; the task runs on the periodic thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace bo::core {

class PeriodicThread {
public:
    // Precondition (asserted): interval > 0.
    PeriodicThread(std::chrono::milliseconds interval, std::function<void()> task);

    PeriodicThread(const PeriodicThread&) = delete;
    PeriodicThread& operator=(const PeriodicThread&) = delete;

    ~PeriodicThread();

private:
    const std::chrono::milliseconds interval_;
    const std::function<void()> task_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::jthread thread_;  // last: started once everything above exists
};

}  // namespace bo::core
