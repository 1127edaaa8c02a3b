// `kquarry run` end to end on a tiny corpus made at test time, on cpu-sim:
// the release is written, its tasks pass with their canonical solutions, a
// rerun resumes without redoing work, and eval scores a sample.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.hpp"

namespace kq {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void write_corpus(const fs::path& root) {
  test::write_text(root / "tiny" / "LICENSE",
                   "MIT License\n\nCopyright (c) 2026 Tiny\n\nPermission is hereby granted, free of charge, to any "
                   "person obtaining a copy of this software and associated documentation files (the "
                   "\"Software\"), to deal in the Software without restriction, including without limitation "
                   "the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies "
                   "of the Software, and to permit persons to whom the Software is furnished to do so, subject "
                   "to the following conditions:\n\nThe above copyright notice and this permission notice shall "
                   "be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS "
                   "PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.\n");
  test::write_text(root / "tiny" / "src" / "ops.cu",
                   "#include <cuda_runtime.h>\n\n"
                   "/// y[i] = a * x[i] + y[i] for i < n.\n"
                   "__global__ void saxpy(int n, float a, const float* x, float* y) {\n"
                   "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
                   "  if (i < n) y[i] = a * x[i] + y[i];\n"
                   "}\n\n"
                   "/// out[i] = a[i] * b[i].\n"
                   "__global__ void multiply(const float* a, const float* b, float* out, int n) {\n"
                   "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
                   "  if (i < n) out[i] = a[i] * b[i];\n"
                   "}\n");
  test::write_text(root / "repos.txt", "tiny\n");
}

std::vector<json> read_jsonl(const fs::path& p) {
  std::vector<json> out;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

TEST(EndToEnd, RunOnATinyCorpusOnCpuSim) {
  test::TempDir dir;
  write_corpus(dir.path());
  auto r = test::run_kquarry({"run", "--repos", "repos.txt", "--out", "out", "--backends", "cpu-sim", "--jobs", "2",
                              "--version", "0.0.1", "--json"},
                             dir.path(), 600);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto summary = json::parse(r.out);
  EXPECT_EQ(summary["tasks"], 2) << r.out;
  EXPECT_EQ(summary["funnel"][0]["step"], "discovered");
  EXPECT_EQ(summary["funnel"][0]["count"], 2);
  EXPECT_EQ(summary["funnel"].back()["step"], "exported");
  EXPECT_EQ(summary["funnel"].back()["count"], 2);
  fs::path rel = dir / "out/release-0.0.1";
  EXPECT_TRUE(fs::exists(dir / "out/kquarry.db"));
  EXPECT_TRUE(fs::exists(dir / "out/kquarry.log"));
  auto cuda = read_jsonl(rel / "tasks.cuda.jsonl");
  ASSERT_EQ(cuda.size(), 2u);
  EXPECT_EQ(cuda[0]["task_id"], "KernelQuarry/0001");
  EXPECT_EQ(read_jsonl(rel / "tasks.hip.jsonl").size(), 2u);

  // Rerun: everything is recorded already, the ids stay.
  auto again = test::run_kquarry({"run", "--repos", "repos.txt", "--out", "out", "--backends", "cpu-sim",
                                  "--version", "0.0.1", "--json"},
                                 dir.path(), 600);
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(read_jsonl(rel / "tasks.cuda.jsonl"), cuda);

  // Eval: the canonical solution as a completion is correct.
  json sample{{"task_id", cuda[1]["task_id"]}, {"dialect", "cuda"}, {"completion", cuda[1]["canonical_solution"]}};
  test::write_text(dir / "samples.jsonl", sample.dump() + "\n");
  auto ev = test::run_kquarry({"eval", "--release", rel.string(), "--samples", "samples.jsonl", "--backend",
                               "cpu-sim"},
                              dir.path(), 600);
  EXPECT_EQ(ev.exit_code, 0) << ev.out << ev.err;
  EXPECT_TRUE(fs::exists(dir / "samples.jsonl.results.json"));
}

}  // namespace
}  // namespace kq
