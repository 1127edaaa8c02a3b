#include "llm/prompt_vars.hpp"

#include <regex>

namespace kq::llm {
namespace {

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

// The text between the first '(' and its matching ')'.
std::string parameter_text(const std::string& signature) {
  auto open = signature.find('(');
  if (open == std::string::npos) return "";
  int depth = 0;
  for (std::size_t i = open; i < signature.size(); ++i) {
    if (signature[i] == '(') ++depth;
    if (signature[i] == ')' && --depth == 0) return signature.substr(open + 1, i - open - 1);
  }
  return "";
}

std::string params_from_analysis(const synth::KernelInput& k) {
  std::vector<std::string> parts;
  for (const auto& p : k.analysis.params) parts.push_back(p.type + " " + p.name);
  if (parts.empty())
    for (const auto& p : k.params)
      parts.push_back(p.value("type", std::string("int")) + " " + p.value("name", std::string("arg")));
  return join(parts, ", ");
}

}  // namespace

std::vector<std::string> kernel_param_names(const synth::KernelInput& k) {
  std::vector<std::string> names;
  for (const auto& p : k.analysis.params) names.push_back(p.name);
  if (names.empty())
    for (const auto& p : k.params)
      if (p.is_object() && p.contains("name")) names.push_back(p["name"].get<std::string>());
  return names;
}

std::string golden_signature(const synth::KernelInput& k) {
  std::string params = k.signature.empty() ? "" : parameter_text(k.signature);
  if (params.empty()) params = params_from_analysis(k);
  params = std::regex_replace(params, std::regex(R"(\b__restrict__\b|\b__restrict\b)"), "");
  params = std::regex_replace(params, std::regex(R"(  +)"), " ");
  params = std::regex_replace(params, std::regex(R"( ([*&]))"), "$1");
  std::string prefix;
  if (!k.analysis.template_params.empty())
    prefix = "template <" + join(k.analysis.template_params, ", ") + ">\n";
  return prefix + "void kq_golden(" + params + ")";
}

TemplateVars kernel_vars(const synth::KernelInput& k) {
  std::string signature = k.signature;
  auto brace = signature.find('{');
  if (brace != std::string::npos) signature = signature.substr(0, brace);
  return {
      {"kernel_name", k.name},
      {"dialect", k.dialect == Dialect::Hip ? "HIP" : "CUDA"},
      {"unit_source", k.unit_source.empty() ? k.kernel_source : k.unit_source},
      {"signature", signature},
      {"analysis_json", analysis_to_json(k.analysis).dump(2)},
      {"param_list", join(kernel_param_names(k), ", ")},
      {"golden_signature", golden_signature(k)},
  };
}

}  // namespace kq::llm
