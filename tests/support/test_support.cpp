#include "tests/support/test_support.hpp"

#include <fstream>
#include <sstream>

#include "core/fs.hpp"

namespace kq::test {

TempDir::TempDir() {
  path_ = make_temp_dir(std::filesystem::temp_directory_path(), "kqtest-");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

RunResult run_kquarry(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                      int timeout_s) {
  std::vector<std::string> argv{KQ_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  RunOptions o;
  o.cwd = cwd;
  o.timeout = std::chrono::seconds(timeout_s);
  o.env_set["XDG_CACHE_HOME"] = (cwd / ".cache").string();
  o.max_output_bytes = 64u << 20;
  return run_process(argv, o);
}

std::filesystem::path source_root() { return KQ_SOURCE_ROOT; }
std::filesystem::path examples_dir() { return source_root() / "examples"; }

}  // namespace kq::test
