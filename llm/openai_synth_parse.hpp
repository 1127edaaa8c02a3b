#pragma once
// Reading the model's answer of each stage: JSON (structured or in a fenced
// block) or C++ in a fenced block, checked against what the stage needs. A
// reply that does not fit throws MalformedReply, whose message is sent back to
// the model as feedback; it never ends the run.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/launch_spec.hpp"
#include "synth/synthesizer.hpp"

namespace kq::llm {

class MalformedReply : public Error {
 public:
  explicit MalformedReply(const std::string& message) : Error(message) {}
};

nlohmann::json parse_json_reply(const std::string& content);

// {summary, contract, params[], launch}; params must name the kernel's parameters in order.
nlohmann::json parse_contract(const std::string& content, const synth::KernelInput& kernel);

// {"cases": [launch spec, ...]}: each valid (kq::launch_spec_from_json), for this
// kernel, with one arg per parameter in order; case names made unique.
std::vector<LaunchSpec> parse_cases(const std::string& content, const synth::KernelInput& kernel);

// The C++ source in the reply's ```cpp block; it must define kq_golden.
std::string parse_golden(const std::string& content);

// doc_struct: {summary, params[{name, type, role, shape, description}], launch}.
nlohmann::json parse_doc(const std::string& content, const synth::KernelInput& kernel,
                         const nlohmann::json& contract);

}  // namespace kq::llm
