// Struct and vector scalars passed by value: one value per field in the spec,
// set by name in the baked wrappers, read from the case file in the runners,
// and compiled by each dialect's compiler.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/paths.hpp"
#include "core/subprocess.hpp"
#include "tests/support/test_support.hpp"
#include "wrapper_gen/wrapper_gen.hpp"

namespace kq::wrapper_gen {
namespace {

using nlohmann::json;

const char* kUnit =
    "struct Affine { float scale; float3 dir; int k; };\n"
    "__global__ void affine(int n, Affine p, float3 v, const float* x, float* y) {\n"
    "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
    "  if (i < n) y[i] = x[i] * p.scale + p.dir.z * v.y + p.k;\n"
    "}\n";

LaunchSpec affine_spec() {
  return launch_spec_from_json(json::parse(R"({
    "name": "typical", "kernel": "affine", "grid": [1, 1, 1], "block": [64, 1, 1],
    "args": [
      {"name": "n", "kind": "scalar", "type": "int", "value": 50},
      {"name": "p", "kind": "scalar", "type": "Affine", "bytes": 20, "value": [
        {"field": "scale", "type": "float", "value": 1.5}, {"field": "dir.x", "type": "float", "value": 0.25},
        {"field": "dir.y", "type": "float", "value": -1}, {"field": "dir.z", "type": "float", "value": 2},
        {"field": "k", "type": "int", "value": 7}]},
      {"name": "v", "kind": "scalar", "type": "float3", "value": [
        {"field": "x", "type": "float", "value": 1}, {"field": "y", "type": "float", "value": 0.5},
        {"field": "z", "type": "float", "value": 3}]},
      {"name": "x", "kind": "buffer", "type": "float", "count": 64, "role": "in",
       "init": {"dist": "uniform", "lo": -1, "hi": 1, "seed": 1}},
      {"name": "y", "kind": "buffer", "type": "float", "count": 64, "role": "out"}]})"));
}

WrapperOptions options(Dialect d) {
  WrapperOptions o;
  o.dialect = d;
  o.unit_include = d == Dialect::Cuda ? "unit.cu" : "unit.hip";
  return o;
}

TEST(StructScalar, BakedWrapperSetsEachFieldByName) {
  auto text = render_wrapper(affine_spec(), options(Dialect::Cuda));
  EXPECT_NE(text.find("const Affine p = [&] { Affine kq_v{}; kq_v.scale = 1.5f; kq_v.dir.x = 0.25f; kq_v.dir.y = -1.0f; "
                      "kq_v.dir.z = 2.0f; kq_v.k = 7; return kq_v; }();"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("kq_v.y = 0.5f;"), std::string::npos) << text;
}

TEST(StructScalar, RunnerReadsFieldsFromTheCaseFile) {
  auto runner = render_runner(affine_spec(), options(Dialect::Hip));
  EXPECT_NE(runner.find("kq_v.dir.z = kq_case.real32(\"scalar.p.dir.z\");"), std::string::npos) << runner;
  EXPECT_NE(runner.find("kq_v.k = static_cast<int>(kq_case.integer_bits(\"scalar.p.k\"));"), std::string::npos)
      << runner;
  auto other = affine_spec();
  other.args[1].value[4]["value"] = 9;
  EXPECT_EQ(render_runner(other, options(Dialect::Hip)), runner);  // values live in the case file
  auto text = render_case_file(other);
  EXPECT_NE(text.find("scalar.p.scale 1.5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("scalar.p.k 9\n"), std::string::npos) << text;
  EXPECT_NE(text.find("scalar.v.y 0.5\n"), std::string::npos) << text;
}

TEST(StructScalar, FieldPathsAndTypesAreChecked) {
  auto bad_path = affine_spec();
  bad_path.args[1].value[0]["field"] = "scale = 0; system(\"x\")";
  EXPECT_THROW(render_wrapper(bad_path, options(Dialect::Cuda)), Error);
  auto bad_type = affine_spec();
  bad_type.args[1].value[0]["type"] = "float3";
  EXPECT_THROW(render_case_file(bad_type), Error);
  auto no_fields = affine_spec();
  no_fields.args[1].value = json::array();
  EXPECT_THROW(render_wrapper(no_fields, options(Dialect::Cuda)), Error);
}

void expect_compiles(const std::string& source, const std::string& file, const std::string& unit_file,
                     std::vector<std::string> argv) {
  if (find_program(argv[0]).empty()) GTEST_SKIP() << argv[0] << " is not installed";
  test::TempDir dir;
  test::write_text(dir / unit_file, std::string(file.ends_with(".hip") ? "#include <hip/hip_runtime.h>\n"
                                                                        : "#include <cuda_runtime.h>\n") + kUnit);
  test::write_text(dir / file, source);
  argv.insert(argv.end(), {"-I", runtime_dir().string(), file});
  RunOptions o;
  o.cwd = dir.path();
  o.timeout = std::chrono::milliseconds(240000);
  auto r = run_process(argv, o);
  EXPECT_TRUE(r.ok()) << r.describe() << "\n" << r.err << "\n" << source;
}

TEST(StructScalar, CudaWrapperCompilesWithNvcc) {
  auto nvcc = find_program("nvcc").empty() ? "/usr/local/cuda/bin/nvcc" : "nvcc";
  expect_compiles(render_wrapper(affine_spec(), options(Dialect::Cuda)), "w.cu", "unit.cu",
                  {nvcc, "-std=c++17", "-arch=sm_90", "-c", "-o", "w.o"});
}

TEST(StructScalar, HipRunnerCompilesWithHipcc) {
  expect_compiles(render_runner(affine_spec(), options(Dialect::Hip)), "r.hip", "unit.hip",
                  {"hipcc", "-std=c++17", "--offload-arch=gfx90a", "-c", "-o", "r.o"});
}

}  // namespace
}  // namespace kq::wrapper_gen
