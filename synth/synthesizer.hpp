#pragma once
// The Synthesizer interface (DESIGN.md, "Synthesis contract"): one analyzed
// kernel in, a Synthesis out. `builtin` and `openai` both implement it; the
// synthesis stage (synth/synth_stage.*) drives them and the verifier judges.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis.hpp"
#include "core/launch_spec.hpp"
#include "core/types.hpp"
#include "db/llm_calls.hpp"

namespace kq::synth {

// Everything synthesis may know about a kernel, read from the database.
struct KernelInput {
  std::int64_t kernel_id = 0;
  std::string name;            // entry point
  std::string qualified_name;
  Dialect dialect = Dialect::Cuda;
  std::string unit_source;     // the standalone unit (units.source)
  std::string hip_unit_source; // HIP translation of a CUDA unit, when it compiles (units.hip_source)
  std::string kernel_source;   // the kernel definition alone
  std::string signature;
  std::string comment;         // leading comment, may be empty
  KernelAnalysis analysis;
  nlohmann::json params = nlohmann::json::array();          // kernels.params_json
  nlohmann::json template_params = nlohmann::json::array();
  nlohmann::json instantiations = nlohmann::json::array();  // explicit instantiations found
  nlohmann::json launches = nlohmann::json::array();        // launch sites found in the repo
};

// What the verifier said about the previous attempt, fed back for repair.
struct Feedback {
  int attempt = 0;
  std::string stage;    // "compile", "run", "compare", "golden"
  std::string status;   // a VerifyStatus name
  std::string message;  // compiler errors, first differing elements with inputs, runtime error
};

// The status of an attempt that stopped because the run's model budget
// (llm.max_calls, llm.max_total_tokens) is spent: the kernel is not at fault
// and stays where it is, for a later run with more budget.
inline constexpr const char* kBudgetExhausted = "budget_exhausted";

struct Synthesis {
  std::string synthesizer;     // "builtin", "openai"
  int attempt = 1;
  std::string status = "ok";   // ok, unsupported, failed, or kBudgetExhausted
  std::string reason;          // why not ok: "unsupported: ...", "budget exhausted: ..."
  std::vector<LaunchSpec> cases;
  // C++ source of an independent CPU reference; empty means the kernel itself
  // run on cpu-sim is the golden (builtin).
  std::string golden;
  nlohmann::json doc = nlohmann::json::object();  // doc_struct: summary, params, launch, example
  // What the synthesizer recorded of its work (plan, search, contract), kept
  // with the attempt's documentation.
  nlohmann::json extra = nlohmann::json::object();
  std::vector<db::LlmCallRecord> model_calls;  // every model call of this attempt, stored as llm_calls rows
};

class Synthesizer {
 public:
  virtual ~Synthesizer() = default;
  virtual std::string name() const = 0;
  // previous: the feedback on the last attempt, when repairing.
  virtual Synthesis synthesize(const KernelInput& kernel, const std::optional<Feedback>& previous) = 0;
  // Whether another attempt with feedback can help.
  virtual bool can_repair() const { return false; }
};

}  // namespace kq::synth
