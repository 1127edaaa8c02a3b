#pragma once
// Reading what the extractor found at a kernel's launch sites and explicit
// instantiations. The JSON comes from another stage; every field is optional
// and read tolerantly (objects with grid/block/shared/template_args fields, or
// `config` arrays, or plain `name<args>` strings).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kq::testgen {

// A call of the function a launch is written in: its arguments as written and
// the calling body's text before the call.
struct SiteCaller {
  std::vector<std::string> args;
  std::string context;
};

struct LaunchSite {
  std::string grid, block, shared;          // the expressions as written
  std::vector<std::string> template_args;
  std::vector<std::string> args;            // the kernel's arguments as written
  std::string context;                      // the launching body's text before the launch
  std::vector<std::string> function_params; // parameter names of the launching function
  std::vector<SiteCaller> callers;          // calls of the launching function
  bool through_caller = false;              // the context reaches back into a caller (site_callers.hpp)
};

// Every site as written, each preceded by its views through the callers of
// its launching function (site_callers.hpp), which see more of the host code.
std::vector<LaunchSite> read_launch_sites(const nlohmann::json& launches);
std::vector<std::vector<std::string>> read_instantiations(const nlohmann::json& instantiations);

// "256", "BLOCK", "dim3(16, 16)", "{TILE_DIM, BLOCK_ROWS}" resolved against the
// unit's constants; nullopt when any part is unknown.
std::optional<std::array<unsigned, 3>> resolve_dims(const std::string& text, const std::string& unit_source);

// Template arguments of "name<float, 256>"; empty when none.
std::vector<std::string> split_template_args(const std::string& text);

}  // namespace kq::testgen
