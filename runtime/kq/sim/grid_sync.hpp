#pragma once
// Grid-wide barriers for cooperative launches (cudaLaunchCooperativeKernel,
// hipLaunchCooperativeKernel). Such a launch runs every block at once, each
// on its own OS thread, so that this_grid().sync() can hold every block until
// all have arrived. The grid must fit on the device at once, as on the GPU:
// an H200 keeps at most blocks-per-SM x 132 blocks resident, blocks-per-SM
// bounded by 32, by its 2048 threads and by its 228 KiB of shared memory (1 KiB
// of which each block reserves); a larger grid is refused with
// cudaErrorCooperativeLaunchTooLarge.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>

#ifndef KQ_SIM_COOPERATIVE_SMS
#define KQ_SIM_COOPERATIVE_SMS 132
#endif

namespace kq::sim::detail {

class GridBarrier {
 public:
  explicit GridBarrier(unsigned long long blocks) : blocks_(blocks) {}
  // Called by one thread of each block; returns once every block has called it.
  void arrive_and_wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    const std::uint64_t generation = generation_;
    if (++arrived_ == blocks_) {
      arrived_ = 0;
      ++generation_;
      all_in_.notify_all();
      return;
    }
    all_in_.wait(lock, [&] { return generation_ != generation; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable all_in_;
  unsigned long long blocks_;
  unsigned long long arrived_ = 0;
  std::uint64_t generation_ = 0;
};

// The barrier of the cooperative launch running now; null outside one.
inline GridBarrier*& cooperative_barrier() {
  static GridBarrier* barrier = nullptr;
  return barrier;
}

// Blocks of this shape one SM holds at once (registers, which the source does
// not show, are not counted).
inline unsigned long long resident_blocks_per_sm(unsigned long long threads, std::size_t shared_bytes) {
  unsigned long long by_threads = threads ? 2048 / threads : 0;
  unsigned long long by_shared = (228ull * 1024) / (shared_bytes + 1024);
  unsigned long long n = by_threads < by_shared ? by_threads : by_shared;
  return n < 32 ? n : 32;
}

inline bool cooperative_grid_fits(unsigned long long blocks, unsigned long long threads, std::size_t shared_bytes) {
  return blocks <= resident_blocks_per_sm(threads, shared_bytes) * KQ_SIM_COOPERATIVE_SMS;
}

}  // namespace kq::sim::detail
