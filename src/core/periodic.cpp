#include "core/periodic.hpp"

#include "core/assert.hpp"

namespace bo::core {

PeriodicThread::PeriodicThread(std::chrono::milliseconds interval, std::function<void()> task)
    : interval_(interval),
      task_(std::move(task)),
      thread_([this](const std::stop_token& stop) {
          while (!stop.stop_requested()) {
              task_();
              std::unique_lock lock(mutex_);
              wake_.wait_for(lock, stop, interval_, [] { return false; });
          }
      }) {
    BO_ASSERT(interval_.count() > 0);
}

PeriodicThread::~PeriodicThread() {
    thread_.request_stop();  // wakes the wait through its stop_token
    thread_.join();
}

}  // namespace bo::core
