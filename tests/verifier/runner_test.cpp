// The spec-driven runner: every case of one kernel shape runs from one
// executable (the second case is a cache hit), and it writes byte for byte what
// the program with the case's values baked in writes.
#include <gtest/gtest.h>

#include <cstring>

#include "tests/verifier/verifier_fixture.hpp"
#include "verifier/compile_cache.hpp"
#include "verifier/npy.hpp"
#include "verifier/run_program.hpp"
#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::verify {
namespace {

using namespace testing;

std::vector<float> floats(const std::filesystem::path& file) {
  auto a = read_npy_file(file);
  std::vector<float> v(a.data.size() / 4);
  std::memcpy(v.data(), a.data.data(), a.data.size());
  return v;
}

// square.json with other sizes, geometry, scalar value and input init.
LaunchSpec other_square_case() {
  auto s = spec("square.json");
  s.name = "bigger";
  s.grid = {3, 1, 1};
  s.block = {64, 1, 1};
  for (auto& a : s.args) {
    if (a.name == "n") a.value = 150;
    else a.count = 160;
    if (a.name == "x") a.init.dist = "uniform", a.init.lo = -3, a.init.hi = 3, a.init.seed = 11;
  }
  return s;
}

TEST(Runner, SecondCaseOfOneKernelShapeIsACacheHit) {
  test::TempDir first_out, second_out;
  auto first = run_spec(data("square.cu"), Dialect::Cuda, spec("square.json"), "cpu-sim", first_out.path(),
                        quick_options());
  ASSERT_TRUE(first.passed()) << first.log;
  auto second = run_spec(data("square.cu"), Dialect::Cuda, other_square_case(), "cpu-sim", second_out.path(),
                         quick_options());
  ASSERT_TRUE(second.passed()) << second.log;
  EXPECT_TRUE(second.cache_hit) << "a case with other values must reuse the kernel's executable";
  auto x = floats(second_out / "x.in_after.npy");
  auto y = floats(second_out / "y.npy");
  ASSERT_EQ(y.size(), 160u);
  ASSERT_EQ(x.size(), 160u);
  for (int i = 0; i < 150; ++i) EXPECT_EQ(y[i], x[i] * x[i]) << i;
  EXPECT_NE(x[0], 0.0f);
  EXPECT_TRUE(std::filesystem::exists(second_out / wrapper_gen::kCaseFile));
}

LaunchSpec mix_spec() {
  return launch_spec_from_json(nlohmann::json::parse(R"({"name": "mix", "kernel": "mix", "grid": [1], "block": [1],
    "args": [
      {"name": "n", "kind": "scalar", "type": "int", "value": 37},
      {"name": "a", "kind": "scalar", "type": "float", "value": 0.1},
      {"name": "b", "kind": "scalar", "type": "double", "value": 0.001},
      {"name": "k", "kind": "scalar", "type": "unsigned", "value": 4000000000},
      {"name": "s", "kind": "scalar", "type": "long long", "value": -5},
      {"name": "flag", "kind": "scalar", "type": "bool", "value": true},
      {"name": "u", "kind": "buffer", "type": "float", "count": 37, "init": {"dist": "uniform", "lo": -2, "hi": 3, "seed": 7}},
      {"name": "g", "kind": "buffer", "type": "double", "count": 37, "init": {"dist": "normal", "mean": 1, "std": 2, "seed": 8}},
      {"name": "r", "kind": "buffer", "type": "int", "count": 37, "init": {"dist": "randint", "lo": -5, "hi": 9.5, "seed": 9}},
      {"name": "v", "kind": "buffer", "type": "float4", "count": 5, "init": {"dist": "const", "value": 0.25}},
      {"name": "o", "kind": "buffer", "type": "int", "count": 3, "init": {"dist": "ones"}},
      {"name": "z", "kind": "buffer", "type": "float", "count": 10, "init": {"dist": "iota"}},
      {"name": "out", "kind": "buffer", "type": "float", "count": 40, "role": "out", "init": {"dist": "poison", "seed": 3}},
      {"name": "pairs", "kind": "buffer", "type": "Pair", "bytes": 8, "count": 4, "role": "inout", "init": {"dist": "uniform", "seed": 5}}
    ]})"));
}

TEST(Runner, WritesTheSameBytesAsTheBakedProgram) {
  test::TempDir runner_out, baked_out;
  auto s = mix_spec();
  auto options = quick_options();
  auto r = run_golden(data("mix_golden.cpp"), s, runner_out.path(), options);
  ASSERT_TRUE(r.passed()) << r.log;

  // The program with every value written in, built and run as run_golden did before runners.
  Toolchain t = golden_toolchain(options);
  std::map<std::string, std::string> files{{t.wrapper_file, wrapper_gen::render_golden_host(s, t.unit_file)},
                                           {t.unit_file, data("mix_golden.cpp")}};
  auto compiled = compile_cached(t, files, options);
  ASSERT_EQ(compiled.status, VerifyStatus::Pass) << compiled.log;
  auto run = run_program(compiled.executable, baked_out.path(), t, options, {});
  ASSERT_EQ(run.exit_code, 0) << run.err;

  for (const char* file : {"u.in_after.npy", "g.in_after.npy", "r.in_after.npy", "v.in_after.npy", "o.in_after.npy",
                           "z.in_after.npy", "out.npy", "pairs.npy"}) {
    auto baked = test::read_text(baked_out / file);
    EXPECT_FALSE(baked.empty()) << file;
    EXPECT_EQ(test::read_text(runner_out / file), baked) << file << " differs from the baked program's";
  }
  auto c = compare_outputs(baked_out.path(), runner_out.path(), s);
  EXPECT_TRUE(c.equal) << c.first_diff;
}

TEST(Runner, MissingCaseEntryIsARuntimeErrorNamingIt) {
  test::TempDir out;
  auto s = spec("square.json");
  auto options = quick_options();
  auto first = run_golden(data("square_golden.cpp"), s, out.path(), options);
  ASSERT_TRUE(first.passed()) << first.log;
  // Rerun the cached executable on a case file without the scalar.
  Toolchain t = golden_toolchain(options);
  auto text = wrapper_gen::render_case_file(s);
  text.erase(text.find("scalar.n"), text.find('\n', text.find("scalar.n")) - text.find("scalar.n") + 1);
  write_file_atomic(out / wrapper_gen::kCaseFile, text);
  std::map<std::string, std::string> files{{t.wrapper_file, wrapper_gen::render_golden_runner(s, t.unit_file)},
                                           {t.unit_file, data("square_golden.cpp")}};
  auto compiled = compile_cached(t, files, options);
  ASSERT_TRUE(compiled.cache_hit);
  auto run = run_program(compiled.executable, out.path(), t, options, {});
  EXPECT_NE(run.exit_code, 0);
  auto result = nlohmann::json::parse(test::read_text(out / "result.json"));
  EXPECT_EQ(result["status"], "runtime_error");
  EXPECT_NE(result["error"].get<std::string>().find("scalar.n"), std::string::npos) << result.dump();
}

}  // namespace
}  // namespace kq::verify
