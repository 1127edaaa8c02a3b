#pragma once
// Order in which blocks are handed out and threads of a block are started or
// resumed: KQ_SIM_SCHEDULE=forward (default) | reverse | shuffle:SEED. Running
// a kernel under two orders and comparing outputs exposes kernels whose result
// depends on the order (races). How many OS threads run blocks:
// KQ_SIM_THREADS (default: all cores); with 1 a run is fully deterministic.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <utility>
#include <vector>

namespace kq::sim {

struct Schedule {
  enum class Kind { Forward, Reverse, Shuffle };
  Kind kind = Kind::Forward;
  std::uint64_t seed = 0;
};

inline Schedule schedule_from_env() {
  Schedule s;
  const char* env = std::getenv("KQ_SIM_SCHEDULE");
  if (!env || !*env || std::strcmp(env, "forward") == 0) return s;
  if (std::strcmp(env, "reverse") == 0) {
    s.kind = Schedule::Kind::Reverse;
    return s;
  }
  if (std::strncmp(env, "shuffle", 7) == 0) {
    s.kind = Schedule::Kind::Shuffle;
    if (env[7] == ':') s.seed = std::strtoull(env + 8, nullptr, 10);
    return s;
  }
  std::fprintf(stderr, "kq-sim: KQ_SIM_SCHEDULE='%s' is not forward, reverse or shuffle:SEED\n", env);
  std::exit(2);
}

inline unsigned worker_threads_from_env() {
  if (const char* env = std::getenv("KQ_SIM_THREADS")) {
    const long n = std::strtol(env, nullptr, 10);
    if (n >= 1) return static_cast<unsigned>(n);
  }
  const unsigned hw = std::thread::hardware_concurrency();
  return hw ? hw : 1;
}

namespace detail {

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Fills `order` with 0..n-1 in the schedule's order; `salt` makes shuffles of
// different blocks (or of the block list) independent.
inline void make_order(std::vector<unsigned>& order, unsigned n, const Schedule& s, std::uint64_t salt) {
  order.resize(n);
  for (unsigned i = 0; i < n; ++i) order[i] = (s.kind == Schedule::Kind::Reverse) ? n - 1 - i : i;
  if (s.kind != Schedule::Kind::Shuffle || n < 2) return;
  std::uint64_t state = s.seed * 0x2545f4914f6cdd1dull ^ (salt + 0x632be59bd9b4e019ull);
  for (unsigned i = n - 1; i > 0; --i) {
    const unsigned j = static_cast<unsigned>(splitmix64(state) % (i + 1ull));
    std::swap(order[i], order[j]);
  }
}

}  // namespace detail
}  // namespace kq::sim
