// A rerun into a new output folder with the same --cache compiles nothing:
// every compile and run of verify, curate and export (and a repeated eval's
// candidate compile) is answered by the result cache, and the release is the
// same. Compiler runs are counted from the process log (KQ_PROCESS_LOG).
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "core/fs.hpp"
#include "tests/e2e/tiny_corpus.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Compiler runs in a process log (their arguments): lines whose program is
// a compiler, except version probes.
std::vector<std::string> compiler_runs(const fs::path& log) {
  std::vector<std::string> out;
  if (!fs::exists(log)) return out;
  std::istringstream in(read_file(log));
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(line.find('\t') + 1);  // after the wall time
    std::string program = fs::path(line.substr(0, line.find(' '))).filename().string();
    bool compiler = program == "g++" || program == "c++" || program == "nvcc" || program == "hipcc" ||
                    program == "clang++";
    if (compiler && line.find("--version") == std::string::npos) out.push_back(line);
  }
  return out;
}

std::size_t count_containing(const std::vector<std::string>& lines, const std::string& what) {
  std::size_t n = 0;
  for (const auto& l : lines) n += l.find(what) != std::string::npos;
  return n;
}

// Runs kquarry with KQ_PROCESS_LOG naming `log`.
RunResult run_logged(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& log) {
  ::setenv("KQ_PROCESS_LOG", log.c_str(), 1);
  auto r = test::run_kquarry(args, cwd, 900);
  ::unsetenv("KQ_PROCESS_LOG");
  return r;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (std::size_t i = 0; i < lines.size() && i < 10; ++i) s += lines[i] + "\n";
  return s;
}

TEST(WarmCache, RerunIntoANewFolderCompilesNothing) {
  test::TempDir dir;
  test::write_corpus(dir.path());
  const std::vector<std::string> common{"run", "--repos", "repos.txt", "--cache", "cache", "--backends", "cpu-sim",
                                        "--jobs", "2", "--version", "0.0.1"};
  auto args = [&](const std::string& out) {
    auto a = common;
    a.insert(a.end(), {"--out", out});
    return a;
  };
  auto cold = run_logged(args("cold"), dir.path(), dir / "cold.log");
  ASSERT_EQ(cold.exit_code, 0) << cold.out << cold.err;
  const auto cold_compiles = compiler_runs(dir / "cold.log");
  ASSERT_GT(cold_compiles.size(), 0u) << "the process log recorded no compiler run";

  auto warm = run_logged(args("warm"), dir.path(), dir / "warm.log");
  ASSERT_EQ(warm.exit_code, 0) << warm.out << warm.err;
  const auto warm_compiles = compiler_runs(dir / "warm.log");
  EXPECT_EQ(warm_compiles.size(), 0u) << "compilers run again on a warm cache:\n" << joined(warm_compiles);
  for (const char* tasks : {"tasks.cuda.jsonl", "tasks.hip.jsonl"})
    EXPECT_EQ(test::read_jsonl(dir / "warm/release-0.0.1" / tasks), test::read_jsonl(dir / "cold/release-0.0.1" / tasks))
        << tasks;

  // The evaluator compiles a candidate it has seen before from the cache too.
  auto task = test::read_jsonl(dir / "warm/release-0.0.1/tasks.cuda.jsonl").at(0);
  json sample{{"task_id", task["task_id"]}, {"dialect", "cuda"}, {"completion", task["canonical_solution"]}};
  test::write_text(dir / "samples.jsonl", sample.dump() + "\n");
  const std::vector<std::string> eval{"eval", "--cache", "cache", "--release", (dir / "warm/release-0.0.1").string(),
                                      "--samples", "samples.jsonl", "--backend", "cpu-sim", "--no-timing"};
  auto first = run_logged(eval, dir.path(), dir / "eval1.log");
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  auto second = run_logged(eval, dir.path(), dir / "eval2.log");
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(second.out, first.out);
  EXPECT_EQ(count_containing(compiler_runs(dir / "eval2.log"), "candidate.cu"), 0u)
      << joined(compiler_runs(dir / "eval2.log"));
}

}  // namespace
}  // namespace kq
