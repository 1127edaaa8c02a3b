#pragma once
// Text that ships in tasks (prompts, tests, the dataset card, the report) is
// rendered from template files under curation/templates/, in the template
// language of wrapper_gen/template_engine.hpp.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace kq::curation {

// Reads curation/templates/<name> from the source tree and renders it.
std::string render_template_file(const std::string& name, const nlohmann::json& context);

// The folder holding the templates.
std::filesystem::path templates_dir();

}  // namespace kq::curation
