#pragma once
/// Runs independent tasks on all cores. The render and publish stages are
/// pure functions of their inputs, so their per-chapter and per-page work
/// can run in any order; callers store results by index and merge them in
/// index order, which keeps the output deterministic.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace visie::core {

/// The number of worker threads to use: one per core, at least one.
inline std::size_t worker_count() {
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

/// Calls `task(i)` for every i in [0, n), spread over up to worker_count()
/// threads (the calling thread is one of them), and returns when all are
/// done. Tasks must not share mutable state; each writes only to its own
/// slot of a caller-owned vector. The first exception a task throws is
/// rethrown here after every thread has stopped.
/// A parallel_for inside a task runs serially on its worker thread: the
/// outer loop already keeps every core busy, and nesting would start
/// cores × cores threads.
template <typename Task>
void parallel_for(std::size_t n, Task&& task) {
  // The one piece of thread state: whether this thread is a worker of an
  // enclosing parallel_for.
  static thread_local bool in_worker = false;
  const std::size_t threads = in_worker ? 1 : std::min(worker_count(), n);
  if (threads <= 1) {
    for (std::size_t i = 0; i < n; ++i) task(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    const bool was_worker = in_worker;
    in_worker = true;
    for (std::size_t i = next++; i < n; i = next++) {
      try {
        task(i);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = n;  // stop handing out work
      }
    }
    in_worker = was_worker;
  };
  std::vector<std::jthread> pool;
  pool.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  pool.clear();  // joins
  if (failure) std::rethrow_exception(failure);
}

}  // namespace visie::core
