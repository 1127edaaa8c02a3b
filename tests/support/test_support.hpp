#pragma once
// Helpers for tests: a temporary folder removed at the end, writing files, and
// running the real kquarry binary the way a user would.
#include <filesystem>
#include <string>
#include <vector>

#include "core/subprocess.hpp"

namespace kq::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  std::filesystem::path path_;
};

void write_text(const std::filesystem::path& path, const std::string& text);
std::string read_text(const std::filesystem::path& path);

// Runs `kquarry args...` with the working directory `cwd`; the environment gets
// XDG_CACHE_HOME inside cwd so tests never touch the user's cache.
RunResult run_kquarry(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                      int timeout_s = 600);

std::filesystem::path source_root();
std::filesystem::path examples_dir();

}  // namespace kq::test
