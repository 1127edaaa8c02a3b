#pragma once
// The values the prompt templates are rendered with, taken from one kernel.
#include <string>
#include <vector>

#include "llm/prompt.hpp"
#include "synth/synthesizer.hpp"

namespace kq::llm {

// Parameter names in signature order (from the analysis, else from params_json).
std::vector<std::string> kernel_param_names(const synth::KernelInput& k);

// `void kq_golden(<the kernel's parameters>)`, with template parameters when the kernel has them.
std::string golden_signature(const synth::KernelInput& k);

// Variables shared by every stage: kernel_name, dialect, unit_source, signature,
// analysis_json, param_list, golden_signature.
TemplateVars kernel_vars(const synth::KernelInput& k);

}  // namespace kq::llm
