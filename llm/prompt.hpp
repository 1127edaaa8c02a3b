#pragma once
// Prompt templates kept as files under llm/prompts/, a tiny `{{name}}`
// renderer, and the pattern table (patterns.json) that picks the hints for a
// kernel's shape of computation from its static analysis and name.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "synth/synthesizer.hpp"

namespace kq::llm {

using TemplateVars = std::map<std::string, std::string, std::less<>>;

// Replaces every `{{name}}` (spaces inside the braces allowed); a name with no
// value is an error naming the template, so a typo never ships a raw marker.
std::string render_template(std::string_view text, const TemplateVars& vars, std::string_view template_name);

class PromptLibrary {
 public:
  explicit PromptLibrary(std::filesystem::path dir);
  // llm.prompts_dir, or llm/prompts of the source tree.
  static PromptLibrary from_config(const Config& config);

  // Renders `<name>.md` from the folder.
  std::string render(const std::string& name, const TemplateVars& vars) const;
  // elementwise, reduction, matmul, stencil, scan or default.
  std::string select_pattern(const synth::KernelInput& kernel) const;
  // The hint text of a pattern (`pattern_<name>.md`), empty when there is none.
  std::string pattern_hints(const std::string& pattern) const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::string load(const std::string& file) const;
  std::filesystem::path dir_;
  nlohmann::json patterns_;
};

}  // namespace kq::llm
