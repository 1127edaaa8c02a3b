// The rendered wrappers for a saxpy spec match the checked-in expected files
// (set KQ_UPDATE_EXPECTED=1 to rewrite them after a deliberate template
// change) and compile with each dialect's compiler.
#include <gtest/gtest.h>

#include <cstdlib>

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
std::filesystem::path expected_dir() { return test::source_root() / "tests" / "wrapper_gen" / "expected"; }

LaunchSpec saxpy_spec() { return load_launch_spec((data_dir() / "saxpy.json").string()); }

void expect_matches_file(const std::string& rendered, const std::string& file) {
  auto path = expected_dir() / file;
  if (std::getenv("KQ_UPDATE_EXPECTED")) test::write_text(path, rendered);
  EXPECT_EQ(rendered, test::read_text(path)) << "rendered source differs from " << path;
}

WrapperOptions options(Dialect d, bool sim, bool timing) {
  WrapperOptions o;
  o.dialect = d;
  o.sim = sim;
  o.timing = timing;
  o.unit_include = d == Dialect::Cuda ? "saxpy.cu" : "saxpy.hip";
  return o;
}

TEST(RenderWrapper, CudaMatchesExpected) {
  expect_matches_file(render_wrapper(saxpy_spec(), options(Dialect::Cuda, false, true)), "saxpy_cuda.cu");
}

TEST(RenderWrapper, HipMatchesExpected) {
  expect_matches_file(render_wrapper(saxpy_spec(), options(Dialect::Hip, false, true)), "saxpy_hip.hip");
}

TEST(RenderWrapper, SimVariantMatchesExpected) {
  expect_matches_file(render_wrapper(saxpy_spec(), options(Dialect::Cuda, true, false)), "saxpy_sim.cpp");
}

TEST(RenderWrapper, RenderedSourceIsTidy) {
  auto src = render_wrapper(saxpy_spec(), options(Dialect::Hip, false, true));
  EXPECT_EQ(src.find("\n\n\n"), std::string::npos) << "double blank line";
  EXPECT_EQ(src.find(" \n"), std::string::npos) << "trailing blank";
  EXPECT_EQ(src.find("{{"), std::string::npos);
  EXPECT_EQ(src.find("cuda"), std::string::npos) << "CUDA name in the HIP wrapper";
  EXPECT_NE(src.find("hipMemcpy(d_x, h_x.data(), x_bytes, hipMemcpyHostToDevice)"), std::string::npos);
  EXPECT_NE(src.find("saxpy<<<grid, block, shared_bytes>>>(n, a, d_x, d_y);"), std::string::npos);
}

TEST(RenderWrapper, TemplateArgumentsStructsAndPoisonDefaults) {
  auto j = nlohmann::json::parse(R"({
    "kernel": "scale", "template_args": ["float", "4"], "grid": [1], "block": [64],
    "args": [
      {"name": "p", "kind": "buffer", "type": "Particle", "bytes": 24, "count": 10, "role": "inout",
       "init": {"dist": "uniform", "seed": 3}},
      {"name": "out", "kind": "buffer", "type": "__half", "count": 64, "role": "out"},
      {"name": "k", "kind": "scalar", "type": "unsigned", "value": 7}
    ]})");
  auto spec = launch_spec_from_json(j);
  auto src = render_wrapper(spec, options(Dialect::Cuda, true, false));
  EXPECT_NE(src.find("KQ_LAUNCH((scale<float, 4>), grid, block, shared_bytes, d_p, d_out, k);"), std::string::npos)
      << src;
  EXPECT_NE(src.find("std::vector<unsigned char> h_p(10 * 24);"), std::string::npos);
  EXPECT_NE(src.find("kq::fill_poison(h_p.data(), p_bytes, 3);"), std::string::npos) << "struct bytes are poisoned";
  EXPECT_NE(src.find("kq::fill_poison(h_out.data(), out_bytes, 0);"), std::string::npos) << "out poisons by default";
  EXPECT_NE(src.find("kq::sim::name_buffer(d_out, \"out\");"), std::string::npos);
  EXPECT_NE(src.find("saved = kq::write_npy(\"p.npy\", h_p, 24) && saved;"), std::string::npos);
}

TEST(RenderWrapper, StructBufferWithoutBytesIsAnError) {
  LaunchSpec spec = saxpy_spec();
  spec.args[2].type = "Particle";
  spec.args[2].bytes = 0;
  EXPECT_THROW(render_wrapper(spec, options(Dialect::Cuda, false, false)), Error);
}

// Compiles `source` (written next to the saxpy unit) with `argv` + the file.
void expect_compiles(const std::string& source, const std::string& file, std::vector<std::string> argv) {
  if (find_program(argv[0]).empty()) GTEST_SKIP() << argv[0] << " is not installed";
  if (!std::filesystem::exists(runtime_dir() / "kq" / "host.hpp")) GTEST_SKIP() << "runtime/kq/host.hpp is missing";
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

TEST(RenderWrapper, CudaCompilesWithNvcc) {
  auto nvcc = find_program("nvcc").empty() ? "/usr/local/cuda/bin/nvcc" : "nvcc";
  expect_compiles(render_wrapper(saxpy_spec(), options(Dialect::Cuda, false, true)), "w.cu",
                  {nvcc, "-std=c++17", "-arch=sm_90", "-c", "-o", "w.o"});
}

TEST(RenderWrapper, HipCompilesWithHipcc) {
  expect_compiles(render_wrapper(saxpy_spec(), options(Dialect::Hip, false, true)), "w.hip",
                  {"hipcc", "-std=c++17", "--offload-arch=gfx90a", "-c", "-o", "w.o"});
}

TEST(RenderWrapper, SimCompilesWithGxx) {
  auto rt = runtime_dir().string();
  expect_compiles(render_wrapper(saxpy_spec(), options(Dialect::Cuda, true, false)), "w.cpp",
                  {"g++", "-std=c++17", "-fsyntax-only", "-include", "kq/cpu_sim.hpp", "-I", rt + "/kq/sim_include",
                   "-x", "c++"});
}

}  // namespace
}  // namespace kq::wrapper_gen

namespace kq::wrapper_gen {
namespace {

LaunchSpec counter_spec() {
  return launch_spec_from_json(nlohmann::json::parse(R"({
    "kernel": "count", "grid": [2], "block": [64], "printf": true,
    "args": [{"name": "x", "kind": "buffer", "type": "float", "count": 100, "role": "in"},
             {"name": "n", "kind": "scalar", "type": "int", "value": 100},
             {"name": "hits", "kind": "symbol", "type": "unsigned int", "count": 1, "role": "inout"}]})"));
}

TEST(RenderWrapper, DeviceVariablesGoThroughTheirSymbols) {
  auto hip = render_wrapper(counter_spec(), options(Dialect::Hip, false, true));
  EXPECT_NE(hip.find("hipMemcpyToSymbol(HIP_SYMBOL(hits), h_hits.data(), hits_bytes)"), std::string::npos) << hip;
  EXPECT_NE(hip.find("hipMemcpyFromSymbol(h_hits.data(), HIP_SYMBOL(hits), hits_bytes)"), std::string::npos);
  EXPECT_NE(hip.find("count<<<grid, block, shared_bytes>>>(d_x, n);"), std::string::npos) << "a symbol is no argument";
  EXPECT_EQ(hip.find("d_hits"), std::string::npos);
  EXPECT_NE(hip.find("kq::PrintCapture printed(\"printf.txt\");"), std::string::npos);
  EXPECT_EQ(hip.find("hipEventCreate"), std::string::npos) << "a printing kernel is not timed";
  auto runner = render_runner(counter_spec(), options(Dialect::Cuda, false, false));
  EXPECT_NE(runner.find("cudaMemcpyToSymbol(hits, h_hits.data(), hits_bytes)"), std::string::npos) << runner;
  EXPECT_NE(runner.find("saved = printed.finish();"), std::string::npos);
}

}  // namespace
}  // namespace kq::wrapper_gen
