#include "pipeline/run_layout.hpp"

#include <fstream>

#include "core/error.hpp"

namespace kq::pipeline {

namespace fs = std::filesystem;

namespace {
std::string shard_name(const Shard& s) { return std::to_string(s.index) + "-of-" + std::to_string(s.count); }
}  // namespace

fs::path RunLayout::shard_db(const Shard& s) const { return shards_dir() / ("shard-" + shard_name(s) + ".db"); }

fs::path RunLayout::done_mark(const std::string& stage, const Shard& s) const {
  return shards_dir() / "done" / (stage + "-" + shard_name(s));
}

void write_mark(const fs::path& mark) {
  fs::create_directories(mark.parent_path());
  fs::path tmp = mark.string() + ".tmp";
  { std::ofstream(tmp) << "done\n"; }
  std::error_code ec;
  fs::rename(tmp, mark, ec);
  if (ec) throw Error("cannot write '" + mark.string() + "': " + ec.message());
}

}  // namespace kq::pipeline
