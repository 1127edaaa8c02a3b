// Complete -> Instruct rendering: fixed rules, the same text for the same
// input, and the pieces of a unit in the right places.
#include <gtest/gtest.h>

#include "core/analysis.hpp"
#include "core/error.hpp"
#include "curation/dialect_text.hpp"
#include "curation/doc_struct.hpp"
#include "curation/prompts.hpp"
#include "curation/task_test.hpp"
#include "curation/unit_split.hpp"
#include "tests/support/curation_fixture.hpp"

namespace kq::curation {
namespace {

using nlohmann::json;

json saxpy_doc() {
  auto f = test::saxpy_fixture();
  DocInputs in;
  in.name = "saxpy";
  in.comment = f.comment;
  in.analysis = analysis_from_json(json::parse(f.analysis_json));
  in.synth_doc = json::parse(f.doc_json);
  return build_doc_struct(in);
}

TEST(DocStruct, SimpleKernelSummaryComesFromItsStore) {
  auto doc = saxpy_doc();
  EXPECT_EQ(doc["summary"], "`y[i] = a * x[i] + y[i]` for every i in [0, n).");
  EXPECT_EQ(doc["params"].size(), 4u);
  EXPECT_EQ(doc["params"][3]["role"], "inout");
  EXPECT_EQ(doc["params"][3]["shape"], "[n]");
  EXPECT_EQ(doc["example"], "with a = 2, n = 4, x = [1, 2, 3, 4], y = [1, 1, 1, 1], afterwards y = [3, 5, 7, 9]");
}

TEST(DocStruct, OtherKernelsUseTheLeadingCommentThenTheName) {
  auto f = test::block_sum_fixture();
  DocInputs in;
  in.name = "block_sum256";
  in.comment = f.comment;
  in.analysis = analysis_from_json(json::parse(f.analysis_json));
  EXPECT_EQ(summarize(in), "Sums each block's 256 elements into out[blockIdx.x].");
  in.comment.clear();
  EXPECT_EQ(summarize(in), "Computes block sum256 using shared memory and block synchronization.");
}

TEST(DocStruct, CommentSentenceStripsMarkersAndTags) {
  EXPECT_EQ(comment_sentence("/**\n * Adds two vectors. Slowly.\n * @param a first\n */"), "Adds two vectors.");
  EXPECT_EQ(comment_sentence("// clamp x\n// into range"), "clamp x into range.");
  EXPECT_EQ(comment_sentence(""), "");
}

TEST(UnitSplit, SeparatesIncludesDependenciesSignatureAndBody) {
  std::string unit =
      "#include <cuda_runtime.h>\n#define N 4\n\n__device__ float sq(float v) { return v * v; }\n\n"
      "/// doc\ntemplate <typename T>\n__global__ void k(T* x) {\n  x[0] = sq(x[0]);\n}\n"
      "template __global__ void k<float>(float*);\n";
  auto s = split_unit(unit, "k");
  EXPECT_EQ(s.includes, "#include <cuda_runtime.h>\n\n");
  EXPECT_EQ(s.dependencies, "#define N 4\n\n__device__ float sq(float v) { return v * v; }\n\n");
  EXPECT_EQ(s.comment, "/// doc\n");
  EXPECT_EQ(s.signature, "template <typename T>\n__global__ void k(T* x) {\n");
  EXPECT_EQ(s.body, "  x[0] = sq(x[0]);\n}\n");
  EXPECT_EQ(s.after, "template __global__ void k<float>(float*);\n");
  EXPECT_NE(rename_kernel(s, "k", "k_reference").find("void k_reference(T* x)"), std::string::npos);
}

TEST(UnitSplit, KernelInANamespaceLeavesItsBraceOpen) {
  std::string unit = "namespace img {\n__global__ void t(int* p) {\n  p[0] = 1;\n}\n}  // namespace img\n";
  auto s = split_unit(unit, "img::t");
  EXPECT_EQ(closing_braces(s.dependencies + s.signature + s.body), "}\n");
  EXPECT_THROW(split_unit(unit, "missing"), Error);
}

TEST(Prompts, InstructPromptGoldenText) {
  auto f = test::saxpy_fixture();
  auto c = render_task_texts(f.unit, "saxpy", Dialect::Cuda, saxpy_doc());
  const std::string golden =
      "Write a CUDA kernel `saxpy` that computes `y[i] = a * x[i] + y[i]` for every i in [0, n).\n"
      "\n"
      "Parameters:\n"
      "- `n` (`int`): scalar\n"
      "- `a` (`float`): scalar\n"
      "- `x` (`const float *`): input, read only, shape [n]\n"
      "- `y` (`float *`): input and output, updated in place, shape [n]\n"
      "\n"
      "Launch: 1D grid of ceil(n / 256) blocks of 256 threads, one thread per element\n"
      "\n"
      "Example: with a = 2, n = 4, x = [1, 2, 3, 4], y = [1, 1, 1, 1], afterwards y = [3, 5, 7, 9]\n"
      "\n"
      "You should write self-contained code starting with:\n"
      "```\n"
      "#include <cuda_runtime.h>\n"
      "\n"
      "__global__ void saxpy(int n, float a, const float* x, float* y) {\n"
      "```\n";
  EXPECT_EQ(c.instruct_prompt, golden);
  EXPECT_EQ(c.code_prompt, "#include <cuda_runtime.h>\n\n__global__ void saxpy(int n, float a, const float* x, float* y) {\n");
  EXPECT_EQ(c.canonical_solution, "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n  if (i < n) y[i] = a * x[i] + y[i];\n}\n");
  EXPECT_NE(c.complete_prompt.find("/**\n * `y[i] = a * x[i] + y[i]` for every i in [0, n).\n"), std::string::npos);
  EXPECT_TRUE(c.complete_prompt.ends_with(c.split.signature));
}

TEST(Prompts, SameInputsGiveTheSameText) {
  auto f = test::saxpy_fixture();
  for (Dialect d : {Dialect::Hip, Dialect::Cuda}) {
    auto a = render_task_texts(f.unit, "saxpy", d, saxpy_doc());
    auto b = render_task_texts(f.unit, "saxpy", d, saxpy_doc());
    EXPECT_EQ(a.complete_prompt, b.complete_prompt);
    EXPECT_EQ(a.instruct_prompt, b.instruct_prompt);
    EXPECT_EQ(a.code_prompt, b.code_prompt);
  }
  auto hip = render_task_texts(cuda_to_hip_text(f.unit), "saxpy", Dialect::Hip, saxpy_doc());
  EXPECT_TRUE(hip.instruct_prompt.starts_with("Write a HIP kernel `saxpy`"));
  EXPECT_NE(hip.code_prompt.find("#include <hip/hip_runtime.h>"), std::string::npos);
}

}  // namespace
}  // namespace kq::curation

namespace kq::curation {
namespace {

TEST(TaskTestText, RenderedDeterministicallyWithTheReferenceRenamedAndKeptApart) {
  auto f = test::saxpy_fixture();
  TaskTestInputs in;
  in.task_id = "KernelQuarry/0007";
  in.kernel_name = "saxpy";
  in.reference = split_unit(f.unit, "saxpy");
  for (const auto& c : nlohmann::json::parse(f.tests_json)) in.cases.push_back(launch_spec_from_json(c));
  auto rendered = render_task_test(in);
  std::string a = rendered.harness, b = render_task_test(in).harness;
  EXPECT_EQ(a, b);
  // The reference is its own text; the test only includes it.
  EXPECT_NE(rendered.reference.find("namespace kq_ref {"), std::string::npos);
  EXPECT_NE(rendered.reference.find("__global__ void saxpy_reference(int n, float a, const float* x, float* y) {"),
            std::string::npos);
  EXPECT_EQ(a.find("saxpy_reference(int n"), std::string::npos);
  EXPECT_EQ(a.find("a * x[i]"), std::string::npos);
  EXPECT_NE(a.find("#include \"kq_reference.inc\""), std::string::npos);
  EXPECT_NE(a.find("TEST(saxpy, typical)"), std::string::npos);
  EXPECT_NE(a.find("TEST(saxpy, size1)"), std::string::npos);
  EXPECT_NE(a.find("kqt_expect_unchanged(\"x\""), std::string::npos);
  EXPECT_NE(a.find("kqt_expect_equal(\"y\""), std::string::npos);
}

}  // namespace
}  // namespace kq::curation

namespace kq::curation {
namespace {

TEST(DialectText, HipLegacyIndexMacrosBecomeCudaBuiltins) {
  EXPECT_EQ(hip_to_cuda_text("#include <hip/hip_runtime.h>\nint c = hipBlockIdx_x * hipBlockDim_x + hipThreadIdx_y;\n"),
            "#include <cuda_runtime.h>\nint c = blockIdx.x * blockDim.x + threadIdx.y;\n");
  EXPECT_EQ(cuda_to_hip_text("#include <cuda_runtime.h>\ncudaMalloc(&p, n);\n"),
            "#include <hip/hip_runtime.h>\nhipMalloc(&p, n);\n");
}

}  // namespace
}  // namespace kq::curation
