#include "curation/template.hpp"

#include "core/fs.hpp"
#include "core/paths.hpp"
#include "wrapper_gen/template_engine.hpp"

namespace kq::curation {

std::filesystem::path templates_dir() { return data_root() / "curation" / "templates"; }

std::string render_template_file(const std::string& name, const nlohmann::json& context) {
  auto path = templates_dir() / name;
  return wrapper_gen::render_template(read_file(path), context, path.string());
}

}  // namespace kq::curation
