#pragma once
// An optional log of every process KernelQuarry starts: when the environment
// variable KQ_PROCESS_LOG names a file, each started command is appended to
// it as one line when it ends: its wall time in milliseconds, a tab, and its
// arguments. Benchmarks and tests read it to count compiler runs (a rerun
// with a warm cache must start none) and to see where a stage's time goes.
#include <cstdint>
#include <string>
#include <vector>

namespace kq {

// Appends "wall_ms<TAB>argv separated by spaces" to the KQ_PROCESS_LOG file
// (if set). Lines are written whole, so processes and threads sharing one
// log do not interleave them.
void note_process(const std::vector<std::string>& argv, std::int64_t wall_ms);

}  // namespace kq
