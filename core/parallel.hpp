#pragma once
// Runs fn(item) for every item on up to `jobs` threads. Exceptions escaping fn
// are a programming error at this level: stages catch per item and record.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace kq {

inline unsigned effective_jobs(long long requested) {
  if (requested > 0) return static_cast<unsigned>(requested);
  return std::max(1u, std::thread::hardware_concurrency());
}

template <typename Item, typename Fn>
void parallel_for_each(std::vector<Item>& items, unsigned jobs, Fn fn) {
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < items.size(); i = next++) fn(items[i]);
  };
  unsigned n = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(items.size())));
  if (n == 1) {
    worker();
    return;
  }
  std::vector<std::jthread> threads;
  for (unsigned t = 0; t < n; ++t) threads.emplace_back(worker);
}

}  // namespace kq
