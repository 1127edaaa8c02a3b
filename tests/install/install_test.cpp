// An installed prefix works on its own, and every path a user gives may be
// relative: `cmake --install` into a temporary prefix, the source and build
// trees hidden behind an empty mount, then `kquarry run` and `kquarry eval`
// from there with relative --repos, --out, --cache, --release and --samples.
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/subprocess.hpp"
#include "tests/support/git_fixture.hpp"
#include "tests/support/test_support.hpp"

namespace kq {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void write_corpus(const fs::path& root) {
  test::write_text(root / "tiny" / "LICENSE", test::fixture_mit_license());
  test::write_text(root / "tiny" / "scale.cu",
                   "#include <cuda_runtime.h>\n\n"
                   "/// out[i] = 3 * in[i] for i < n.\n"
                   "__global__ void triple(const float* in, float* out, int n) {\n"
                   "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
                   "  if (i < n) out[i] = 3.0f * in[i];\n"
                   "}\n");
  test::write_text(root / "repos.txt", "tiny\n");
}

RunResult run_in(const fs::path& cwd, const std::vector<std::string>& argv, int timeout_s) {
  RunOptions o;
  o.cwd = cwd;
  o.timeout = std::chrono::seconds(timeout_s);
  o.max_output_bytes = 16u << 20;
  return run_process(argv, o);
}

// Runs `command` (a shell line) with the source and build trees replaced by
// empty folders, in a private mount namespace.
RunResult run_hidden(const fs::path& cwd, const std::string& command, int timeout_s) {
  // The build tree first: it is often inside the source tree, which the second mount hides.
  std::string hide = "mount -t tmpfs tmpfs '" + fs::path(KQ_BUILD_DIR).string() + "' && mount -t tmpfs tmpfs '" +
                     test::source_root().string() + "' && cd '" + cwd.string() + "' && " + command;
  return run_in(cwd, {"unshare", "--mount", "--propagation", "private", "sh", "-c", hide}, timeout_s);
}

bool can_hide_trees() {
  if (::geteuid() != 0 || find_program("unshare").empty()) return false;
  test::TempDir probe;
  return run_hidden(probe.path(), "test ! -e '" + (test::source_root() / "CMakeLists.txt").string() + "'", 30).ok();
}

TEST(InstalledPrefix, RunsAndEvaluatesWithoutTheSourceTreeFromRelativePaths) {
  if (!can_hide_trees()) GTEST_SKIP() << "needs root and unshare(1) to hide the source tree from the installed binary";
  test::TempDir dir;
  fs::path prefix = dir / "prefix";
  auto install = run_in(dir.path(), {"cmake", "--install", KQ_BUILD_DIR, "--prefix", prefix.string()}, 300);
  ASSERT_TRUE(install.ok()) << install.out << install.err;
  ASSERT_TRUE(fs::exists(prefix / "bin" / "kquarry"));
  ASSERT_TRUE(fs::exists(prefix / "share" / "kquarry" / "runtime" / "kq" / "cpu_sim.hpp"));
  ASSERT_TRUE(fs::exists(prefix / "share" / "kquarry" / "curation" / "templates" / "dataset_card.md"));
  ASSERT_TRUE(fs::exists(prefix / "share" / "kquarry" / "wrapper_gen" / "templates"));
  ASSERT_TRUE(fs::exists(prefix / "share" / "kquarry" / "llm" / "prompts" / "system.md"));
  ASSERT_TRUE(fs::exists(prefix / "share" / "kquarry" / "extractor" / "prelude" / "kq_prelude.h"));

  write_corpus(dir.path());
  std::string kquarry = (prefix / "bin" / "kquarry").string();
  // Mutation checks are curation's tests' concern; this one is about where files are found.
  auto run = run_hidden(dir.path(),
                        "env -u KQ_SOURCE_ROOT -u KQ_RUNTIME_DIR '" + kquarry +
                            "' run --repos repos.txt --out rel --cache cache --backends cpu-sim --jobs 2 "
                            "--version 0.0.1 --set curation.mutation_check=false --json",
                        600);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(json::parse(run.out)["tasks"], 1) << run.out;
  ASSERT_TRUE(fs::exists(dir / "rel/release-0.0.1/tasks.cuda.jsonl"));
  EXPECT_TRUE(fs::exists(dir / "cache/objects")) << "the relative --cache is the one used";

  // The canonical solution scored from relative --release and --samples.
  std::ifstream tasks(dir / "rel/release-0.0.1/tasks.cuda.jsonl");
  std::string line;
  ASSERT_TRUE(std::getline(tasks, line));
  auto task = json::parse(line);
  json sample{{"task_id", task["task_id"]}, {"dialect", "cuda"},
              {"completion", task["canonical_solution"]}};
  test::write_text(dir / "samples.jsonl", sample.dump() + "\n");
  auto eval = run_hidden(dir.path(),
                         "env -u KQ_SOURCE_ROOT -u KQ_RUNTIME_DIR '" + kquarry +
                             "' eval --release rel/release-0.0.1 --samples samples.jsonl --backend cpu-sim "
                             "--cache cache --json",
                         600);
  EXPECT_LE(eval.exit_code, 1) << eval.out << eval.err;
  EXPECT_EQ(eval.err.find("No such file"), std::string::npos) << eval.err;
}

TEST(InstalledPrefix, BinaryWithoutItsDataSaysWhereItLooked) {
  if (!can_hide_trees()) GTEST_SKIP() << "needs root and unshare(1) to hide the source tree from the binary";
  test::TempDir dir;
  fs::create_directories(dir / "bin");
  fs::copy_file(KQ_BINARY, dir / "bin" / "kquarry");
  write_corpus(dir.path());
  auto r = run_hidden(dir.path(),
                      "env -u KQ_SOURCE_ROOT -u KQ_RUNTIME_DIR ./bin/kquarry backends",
                      120);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE((r.out + r.err).find("share/kquarry"), std::string::npos) << r.out << r.err;
}

}  // namespace
}  // namespace kq
