#pragma once
// A persistent pool of OS threads that run the blocks of a launch. The
// launching thread takes part as worker 0. The pool lives until the process
// ends (its threads are never joined: they wait idle).
#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace kq::sim::detail {

class WorkerPool {
 public:
  static WorkerPool& instance() {
    static WorkerPool* pool = new WorkerPool;  // deliberately leaked: see above
    return *pool;
  }

  // Starts threads until `workers` can run at once, as far as the process
  // may start them (a sandbox limits it); returns how many can.
  unsigned reserve(unsigned workers) {
    std::unique_lock<std::mutex> lock(mutex_);
    return reserve_locked(workers);
  }

  // Runs job(w) for w in [0, workers) concurrently and returns when all ended.
  void run(unsigned workers, const std::function<void(unsigned)>& job) {
    if (workers <= 1) {
      job(0);
      return;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    workers = reserve_locked(workers);
    job_ = &job;
    wanted_ = workers - 1;
    finished_ = 0;
    ++generation_;
    lock.unlock();
    start_.notify_all();
    job(0);
    lock.lock();
    done_.wait(lock, [this] { return finished_ == wanted_; });
    job_ = nullptr;
  }

 private:
  unsigned reserve_locked(unsigned workers) {
    while (workers > 0 && threads_.size() < workers - 1) {
      const unsigned index = static_cast<unsigned>(threads_.size()) + 1;
      try {
        threads_.emplace_back([this, index] { worker_loop(index); });
      } catch (const std::system_error&) {
        break;  // a process limit (sandbox): run with the workers there are
      }
      threads_.back().detach();
    }
    return std::min<unsigned>(workers, static_cast<unsigned>(threads_.size()) + 1);
  }

  void worker_loop(unsigned index) {
    std::uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      start_.wait(lock, [&] { return generation_ != seen; });
      seen = generation_;
      if (index > wanted_) continue;
      const std::function<void(unsigned)>* job = job_;
      lock.unlock();
      (*job)(index);
      lock.lock();
      if (++finished_ == wanted_) done_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable start_;
  std::condition_variable done_;
  std::vector<std::thread> threads_;
  const std::function<void(unsigned)>* job_ = nullptr;
  unsigned wanted_ = 0;
  unsigned finished_ = 0;
  std::uint64_t generation_ = 0;
};

}  // namespace kq::sim::detail
