// Kernels whose outputs are not buffers, through mine, extract, synth and
// verify on cpu-sim: a `__constant__` table as an input, a `__device__`
// counter as the only output, and a kernel whose only effect is printf. Each
// must verify, and a changed kernel must no longer agree with the golden.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "db/database.hpp"
#include "tests/support/test_support.hpp"
#include "verifier/npy.hpp"

namespace kq {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char* kKernels =
    "#include <cuda_runtime.h>\n"
    "#include <cstdio>\n\n"
    "#define TAPS 5\n"
    "__constant__ float taps[TAPS];\n"
    "__device__ unsigned int hits;\n\n"
    "__global__ void fir(const float* x, float* y, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i >= n) return;\n"
    "  float acc = 0.0f;\n"
    "  for (int k = 0; k < TAPS; ++k)\n"
    "    if (i + k < n) acc += taps[k] * x[i + k];\n"
    "  y[i] = acc;\n"
    "}\n\n"
    "__global__ void count_positive(const float* x, int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n && x[i] > 0.0f) atomicAdd(&hits, 1u);\n"
    "}\n\n"
    "__global__ void squares(int n) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) printf(\"thread %d square %d half %f\\n\", i, i * i, i * 0.5f);\n"
    "}\n";

struct Kernel {
  std::string stage, unit, cases;
};

std::map<std::string, Kernel> kernels_in(const fs::path& db_path) {
  db::Database db(db_path);
  auto s = db.prepare(
      "SELECT k.name, k.stage || '/' || coalesce(k.fail_reason, ''), u.source, "
      "(SELECT tests FROM syntheses WHERE kernel_id = k.id ORDER BY id DESC LIMIT 1) "
      "FROM kernels k JOIN units u ON u.kernel_id = k.id");
  std::map<std::string, Kernel> out;
  while (s.step()) out[s.text(0)] = {s.text(1), s.text(2), s.text(3)};
  return out;
}

// Runs case `index` of a kernel's cases on `unit`; returns the output folder.
fs::path run_case(const fs::path& dir, const std::string& name, const std::string& unit, const json& spec,
                  int& exit_code) {
  test::write_text(dir / (name + ".cu"), unit);
  test::write_text(dir / (name + ".json"), spec.dump());
  auto out = dir / ("out-" + name);
  auto r = test::run_kquarry({"sim", name + ".cu", "--spec", name + ".json", "--out", out.string()}, dir, 300);
  exit_code = r.exit_code;
  return out;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(DeviceOutputs, GlobalsAndPrintfVerifyOnCpuSim) {
  test::TempDir dir;
  test::write_text(dir / "corpus" / "src" / "globals.cu", kKernels);
  test::write_text(dir / "repos.txt", "corpus\n");
  for (std::vector<std::string> stage : {std::vector<std::string>{"mine", "--repos", "repos.txt"}, {"extract"},
                                         {"synth"}, {"verify", "--backends", "cpu-sim"}}) {
    stage.insert(stage.begin(), {"--db", "kq.db"});
    auto r = test::run_kquarry(stage, dir.path(), 600);
    ASSERT_EQ(r.exit_code, 0) << stage[2] << ": " << r.out << r.err;
  }
  auto kernels = kernels_in(dir / "kq.db");
  ASSERT_EQ(kernels.size(), 3u);
  for (const auto& [name, k] : kernels) EXPECT_EQ(k.stage, "verified/") << name;

  // The counter holds the number of positive inputs: the symbol was zeroed,
  // written by the kernel and read back.
  const auto& counter = kernels.at("count_positive");
  json spec = json::parse(counter.cases).at(0);
  int code = -1;
  auto out = run_case(dir.path(), "count_positive", counter.unit, spec, code);
  ASSERT_EQ(code, 0);
  auto x = verify::read_npy_file(out / "x.in_after.npy");
  auto hits = verify::read_npy_file(out / "hits.npy");
  ASSERT_EQ(hits.data.size(), 4u);
  unsigned expected = 0, got = 0;
  for (std::size_t i = 0; i < x.data.size() / 4; ++i) {
    float v;
    std::memcpy(&v, x.data.data() + 4 * i, 4);
    expected += v > 0.0f;
  }
  std::memcpy(&got, hits.data.data(), 4);
  EXPECT_GT(expected, 0u);
  EXPECT_EQ(got, expected);

  // A kernel counting something else no longer agrees with it.
  std::string wrong = counter.unit;
  auto at = wrong.find("x[i] > 0.0f");
  ASSERT_NE(at, std::string::npos);
  wrong.replace(at, 11, "x[i] > 0.5f");
  auto wrong_out = run_case(dir.path(), "count_wrong", wrong, spec, code);
  ASSERT_EQ(code, 0);
  auto cmp = test::run_kquarry({"sim", "--compare", out.string(), wrong_out.string(), "--spec", "count_positive.json"},
                               dir.path(), 120);
  EXPECT_EQ(cmp.exit_code, 1) << cmp.out << cmp.err;

  // The printing kernel: one line per thread below n, compared as lines.
  const auto& printer = kernels.at("squares");
  spec = json::parse(printer.cases).at(0);
  ASSERT_TRUE(spec.value("printf", false)) << spec.dump();
  out = run_case(dir.path(), "squares", printer.unit, spec, code);
  ASSERT_EQ(code, 0);
  std::string printed = read_all(out / "printf.txt");
  long long n = 0;
  for (const auto& a : spec["args"])
    if (a["name"] == "n") n = a["value"].get<long long>();
  EXPECT_EQ(static_cast<long long>(std::count(printed.begin(), printed.end(), '\n')), n);
  EXPECT_NE(printed.find("thread 3 square 9 half 1.500000\n"), std::string::npos);
  std::string off = printer.unit;
  at = off.find("i * i");
  ASSERT_NE(at, std::string::npos);
  off.replace(at, 5, "i + i");
  wrong_out = run_case(dir.path(), "squares_wrong", off, spec, code);
  ASSERT_EQ(code, 0);
  cmp = test::run_kquarry({"sim", "--compare", out.string(), wrong_out.string(), "--spec", "squares.json"},
                          dir.path(), 120);
  EXPECT_EQ(cmp.exit_code, 1) << cmp.out << cmp.err;
  EXPECT_NE((cmp.out + cmp.err).find("printed line"), std::string::npos) << cmp.out << cmp.err;

  // The filter reads its taps from the constant table the case filled.
  const auto& fir = kernels.at("fir");
  spec = json::parse(fir.cases).at(0);
  bool has_taps = false;
  for (const auto& a : spec["args"]) has_taps |= a["name"] == "taps" && a["kind"] == "symbol" && a["role"] == "in";
  EXPECT_TRUE(has_taps) << spec.dump();
}

}  // namespace
}  // namespace kq
