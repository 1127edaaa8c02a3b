#pragma once
// Where a run keeps its files under --out DIR, for every executor: the joined
// database, one database per shard, the marks of finished shard stages, and
// the Slurm executor's scripts, logs and state.
#include <filesystem>
#include <string>

#include "pipeline/run_stages.hpp"

namespace kq::pipeline {

struct RunLayout {
  std::filesystem::path out_dir;

  std::filesystem::path shards_dir() const { return out_dir / "shards"; }
  std::filesystem::path shard_db(const Shard& s) const;
  // Present once `stage` finished on shard `s` (written after its last commit).
  std::filesystem::path done_mark(const std::string& stage, const Shard& s) const;
  std::filesystem::path collected_mark() const { return shards_dir() / "done" / "collect"; }
  std::filesystem::path slurm_dir() const { return out_dir / "slurm"; }
  std::filesystem::path state_file() const { return slurm_dir() / "state.json"; }
  std::filesystem::path summary_file() const { return slurm_dir() / "summary.json"; }
};

// Writes an empty mark file atomically (temporary name, then rename).
void write_mark(const std::filesystem::path& mark);

}  // namespace kq::pipeline
