#include "tests/llm/fixtures.hpp"

#include "tests/support/llm_script.hpp"

namespace kq::test::llm_fixtures {

using nlohmann::json;

synth::KernelInput scale_kernel() {
  synth::KernelInput k;
  k.kernel_id = 7;
  k.name = "scale_shift";
  k.qualified_name = "scale_shift";
  k.unit_source = R"(#include <cuda_runtime.h>
struct Dims { int n; float scale; float shift; };
__global__ void scale_shift(Dims d, const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < d.n) y[i] = d.scale * x[i] + d.shift;
}
)";
  k.kernel_source = k.unit_source.substr(k.unit_source.find("__global__"));
  k.signature = "__global__ void scale_shift(Dims d, const float* x, float* y)";
  ParamAnalysis d{.name = "d", .type = "Dims", .elem_type = "Dims"};
  ParamAnalysis x{.name = "x", .type = "const float *", .elem_type = "float", .is_pointer = true,
                  .is_const = true, .reads = true, .index_exprs = {"i"}};
  ParamAnalysis y{.name = "y", .type = "float *", .elem_type = "float", .is_pointer = true, .writes = true,
                  .index_exprs = {"i"}};
  k.analysis.params = {d, x, y};
  k.analysis.index_pattern = "1d";
  k.analysis.stores = {"y[i] = d.scale * x[i] + d.shift"};
  return k;
}

std::string stage_of(const LlmServerRequest& request) { return llm_request_stage(request); }

std::string contract_reply() {
  json c = {{"summary", "y[i] = scale * x[i] + shift for i < d.n"},
            {"contract", "for i in [0, d.n): y[i] = d.scale * x[i] + d.shift; y[i] for i >= d.n untouched"},
            {"params", {{{"name", "d"}, {"role", "scalar"}, {"type", "Dims"}, {"shape", ""}, {"description", "sizes"}},
                        {{"name", "x"}, {"role", "in"}, {"type", "float"}, {"shape", "d.n"}, {"description", "input"}},
                        {{"name", "y"}, {"role", "out"}, {"type", "float"}, {"shape", "d.n"}, {"description", "output"}}}},
            {"launch", "one thread per element, 1d grid of ceil(n/256) blocks of 256"}};
  return "```json\n" + c.dump(2) + "\n```";
}

std::string cases_reply() {
  auto spec = [](const std::string& name, int n) {
    unsigned blocks = static_cast<unsigned>((n + 255) / 256);
    return json{{"name", name}, {"kernel", "scale_shift"}, {"grid", {blocks, 1, 1}}, {"block", {256, 1, 1}},
                {"args", {{{"name", "d"}, {"kind", "scalar"}, {"type", "Dims"}, {"bytes", 12},
                           {"value", {{"n", n}, {"scale", 2.0}, {"shift", 0.5}}}},
                          {{"name", "x"}, {"kind", "buffer"}, {"type", "float"}, {"count", n}, {"role", "in"},
                           {"init", {{"dist", "uniform"}, {"lo", -1}, {"hi", 1}, {"seed", 1}}}},
                          {{"name", "y"}, {"kind", "buffer"}, {"type", "float"}, {"count", n}, {"role", "out"}}}},
                {"compare", {{"rtol", 1e-5}, {"atol", 1e-6}}}};
  };
  return "Here are the cases:\n```json\n" +
         json{{"cases", {spec("typical", 1000), spec("tail", 257), spec("one", 1)}}}.dump(2) + "\n```\n";
}

std::string golden_reply(bool correct) {
  std::string body = correct ? "y[i] = d.scale * x[i] + d.shift;" : "y[i] = d.scale * x[i];";
  return "```cpp\nstruct Dims { int n; float scale; float shift; };\n"
         "void kq_golden(Dims d, const float* x, float* y) {\n  for (int i = 0; i < d.n; ++i) " + body +
         "\n}\n```\n";
}

std::string doc_reply() {
  json d = {{"summary", "Scales and shifts the first d.n elements of x into y."},
            {"params", {{{"name", "d"}, {"description", "n, scale and shift"}},
                        {{"name", "x"}, {"description", "input, d.n floats"}},
                        {{"name", "y"}, {"description", "output, d.n floats"}}}},
            {"launch", "one thread per element"}};
  return "```json\n" + d.dump() + "\n```";
}

LlmServer::Handler good_handler(bool golden_correct) {
  return [golden_correct](const LlmServerRequest& r) {
    std::string stage = stage_of(r);
    if (stage == "analysis") return LlmServerReply::chat(contract_reply());
    if (stage == "launch_specs") return LlmServerReply::chat(cases_reply());
    if (stage == "golden") {
      bool repair = r.last_user_message().find("did not pass verification") != std::string::npos;
      return LlmServerReply::chat(golden_reply(golden_correct || repair));
    }
    if (stage == "doc") return LlmServerReply::chat(doc_reply());
    return LlmServerReply::error(400, "unknown stage");
  };
}

kq::llm::ClientOptions fast_options(const LlmServer& server) {
  kq::llm::ClientOptions o;
  o.base_url = server.base_url();
  o.model = "test-model";
  o.timeout_ms = 3000;
  o.max_retries = 3;
  o.backoff_ms = 10;
  o.structured = "off";
  return o;
}

}  // namespace kq::test::llm_fixtures
