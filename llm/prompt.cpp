#include "llm/prompt.hpp"

#include <regex>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/paths.hpp"
#include "wrapper_gen/template_engine.hpp"

namespace kq::llm {
namespace {

bool any_regex(const nlohmann::json& rule, const char* key, const std::string& text) {
  if (!rule.contains(key)) return false;
  std::regex re(rule[key].get<std::string>(), std::regex::icase);
  return std::regex_search(text, re);
}

bool any_feature(const nlohmann::json& rule, const char* key, const KernelAnalysis& a) {
  if (!rule.contains(key)) return false;
  for (const auto& f : rule[key]) {
    auto feature = f.is_string() ? feature_from_name(f.get<std::string>()) : std::nullopt;
    if (feature && a.has(*feature)) return true;
  }
  return false;
}

bool index_pattern_listed(const nlohmann::json& rule, const KernelAnalysis& a) {
  if (!rule.contains("index_patterns")) return false;
  for (const auto& p : rule["index_patterns"])
    if (p.get<std::string>() == a.index_pattern) return true;
  return false;
}

bool any_index_expr(const nlohmann::json& rule, const KernelAnalysis& a) {
  if (!rule.contains("index_expr_regex")) return false;
  std::regex re(rule["index_expr_regex"].get<std::string>());
  for (const auto& p : a.params)
    for (const auto& e : p.index_exprs)
      if (std::regex_search(e, re)) return true;
  return false;
}

// A rule with no positive criterion always matches (the default row); one
// with criteria matches when any of them does and no excluding feature is set.
bool rule_matches(const nlohmann::json& rule, const synth::KernelInput& k) {
  if (any_feature(rule, "features_none", k.analysis)) return false;
  bool has_criteria = rule.contains("name_regex") || rule.contains("features_any") ||
                      rule.contains("index_patterns") || rule.contains("index_expr_regex");
  if (!has_criteria) return true;
  return any_regex(rule, "name_regex", k.name) || any_feature(rule, "features_any", k.analysis) ||
         index_pattern_listed(rule, k.analysis) || any_index_expr(rule, k.analysis);
}

}  // namespace

std::string render_template(std::string_view text, const TemplateVars& vars, std::string_view template_name) {
  // Prompts use the wrappers' template language; every value is plain text.
  nlohmann::json context = nlohmann::json::object();
  for (const auto& [name, value] : vars) context[name] = value;
  return wrapper_gen::render_template(text, context, "prompt template " + std::string(template_name));
}

PromptLibrary::PromptLibrary(std::filesystem::path dir) : dir_(std::move(dir)) {
  if (!std::filesystem::is_directory(dir_))
    throw UsageError("llm.prompts_dir '" + dir_.string() + "': no such folder of prompt templates");
  patterns_ = nlohmann::json::parse(load("patterns.json"), nullptr, false);
  if (patterns_.is_discarded() || !patterns_.contains("patterns") || !patterns_["patterns"].is_array())
    throw UsageError((dir_ / "patterns.json").string() + ": expected {\"patterns\": [...]}");
}

PromptLibrary PromptLibrary::from_config(const Config& config) {
  const auto& dir = config.get("llm.prompts_dir");
  return PromptLibrary(dir.empty() ? data_root() / "llm" / "prompts" : std::filesystem::path(dir));
}

std::string PromptLibrary::load(const std::string& file) const { return read_file(dir_ / file); }

std::string PromptLibrary::render(const std::string& name, const TemplateVars& vars) const {
  return render_template(load(name + ".md"), vars, name + ".md");
}

std::string PromptLibrary::select_pattern(const synth::KernelInput& kernel) const {
  for (const auto& rule : patterns_["patterns"])
    if (rule_matches(rule, kernel)) return rule.value("name", "default");
  return "default";
}

std::string PromptLibrary::pattern_hints(const std::string& pattern) const {
  auto path = dir_ / ("pattern_" + pattern + ".md");
  return std::filesystem::exists(path) ? read_file(path) : std::string();
}

}  // namespace kq::llm
