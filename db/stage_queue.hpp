#pragma once
// Which kernels a synthesis-side stage takes next: the queue of each stage as
// one typed query, so the stages never spell SQL.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.hpp"

namespace kq::db {

enum class StageQueue {
  Synthesize,  // analyzed, with a unit that compiles alone, and no successful synthesis yet
  Verify,      // synthesized, not yet verified
};

struct QueueFilter {
  bool retry_failed = false;   // also kernels that failed this stage before
  std::string kernel;          // only this kernel: id, name or qualified name; empty: all
  std::size_t limit = 0;       // at most this many; 0 is no limit
};

// Kernel ids in id order.
std::vector<std::int64_t> stage_queue(Database& db, StageQueue queue, const QueueFilter& filter);

}  // namespace kq::db
