// Spec-driven runners: the program text depends on the kernel's shape only
// (so every case of a kernel is one compile), the case file carries the
// values, and the runner compiles with each dialect's compiler.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/launch_spec.hpp"
#include "core/paths.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"
#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::wrapper_gen {
namespace {

std::filesystem::path data_dir() { return test::source_root() / "tests" / "wrapper_gen" / "data"; }

LaunchSpec saxpy_spec() { return load_launch_spec((data_dir() / "saxpy.json").string()); }

// saxpy.json with every per-case value changed.
LaunchSpec other_case() {
  auto s = saxpy_spec();
  s.name = "other";
  s.grid = {7, 2, 1};
  s.block = {128, 1, 1};
  s.shared_bytes = 64;
  for (auto& a : s.args) {
    if (a.kind == ArgSpec::Kind::Scalar) a.value = a.type == "int" ? nlohmann::json(99) : nlohmann::json(-0.5);
    else a.count = 99, a.init.seed += 100, a.init.dist = "normal", a.init.mean = 3;
  }
  return s;
}

WrapperOptions options(Dialect d, bool sim) {
  WrapperOptions o;
  o.dialect = d;
  o.sim = sim;
  o.unit_include = d == Dialect::Cuda ? "saxpy.cu" : "saxpy.hip";
  return o;
}

TEST(RenderRunner, TextDependsOnTheKernelShapeOnly) {
  for (auto d : {Dialect::Cuda, Dialect::Hip})
    for (bool sim : {false, true})
      EXPECT_EQ(render_runner(saxpy_spec(), options(d, sim)), render_runner(other_case(), options(d, sim)));
  EXPECT_EQ(render_golden_runner(saxpy_spec(), "golden.cpp"), render_golden_runner(other_case(), "golden.cpp"));

  auto retyped = saxpy_spec();
  for (auto& a : retyped.args)
    if (a.kind == ArgSpec::Kind::Buffer) a.type = "double";
  EXPECT_NE(render_runner(saxpy_spec(), options(Dialect::Cuda, false)),
            render_runner(retyped, options(Dialect::Cuda, false)));
}

TEST(RenderRunner, CaseFileCarriesTheValues) {
  auto text = render_case_file(other_case());
  EXPECT_NE(text.find("grid 7 2 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("block 128 1 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("shared_bytes 64\n"), std::string::npos) << text;
  EXPECT_NE(text.find("scalar.n 99\n"), std::string::npos) << text;
  EXPECT_NE(text.find("scalar.a -0.5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("buffer.x.count 99\n"), std::string::npos) << text;
  EXPECT_NE(text.find("buffer.x.dist normal\n"), std::string::npos) << text;
  EXPECT_NE(text.find("buffer.x.mean 3\n"), std::string::npos) << text;
  EXPECT_NE(render_case_file(saxpy_spec()), text);
}

TEST(RenderRunner, ScalarWithoutALiteralIsAnError) {
  auto s = saxpy_spec();
  for (auto& a : s.args)
    if (a.kind == ArgSpec::Kind::Scalar) a.value = "text";
  EXPECT_THROW(render_case_file(s), Error);
}

void expect_compiles(const std::string& source, const std::string& file, std::vector<std::string> argv) {
  if (find_program(argv[0]).empty()) GTEST_SKIP() << argv[0] << " is not installed";
  test::TempDir dir;
  std::filesystem::copy_file(data_dir() / "saxpy.cu", dir / "saxpy.cu");
  std::filesystem::copy_file(data_dir() / "saxpy.hip", dir / "saxpy.hip");
  test::write_text(dir / file, source);
  argv.insert(argv.end(), {"-I", runtime_dir().string(), file});
  RunOptions o;
  o.cwd = dir.path();
  o.timeout = std::chrono::milliseconds(240000);
  auto r = run_process(argv, o);
  EXPECT_TRUE(r.ok()) << r.describe() << "\n" << r.err << "\n" << source;
}

TEST(RenderRunner, CudaRunnerCompilesWithNvcc) {
  auto nvcc = find_program("nvcc").empty() ? "/usr/local/cuda/bin/nvcc" : "nvcc";
  auto o = options(Dialect::Cuda, false);
  o.timing = true;
  expect_compiles(render_runner(saxpy_spec(), o), "r.cu", {nvcc, "-std=c++17", "-arch=sm_90", "-c", "-o", "r.o"});
}

TEST(RenderRunner, HipRunnerCompilesWithHipcc) {
  auto o = options(Dialect::Hip, false);
  o.timing = true;
  expect_compiles(render_runner(saxpy_spec(), o), "r.hip",
                  {"hipcc", "-std=c++17", "--offload-arch=gfx90a", "-c", "-o", "r.o"});
}

}  // namespace
}  // namespace kq::wrapper_gen
