#pragma once
// Macros a unit uses that only the repository's build defines: written into
// the unit from the build files, or, where no build file gives a value,
// inferred from how the unit uses the name (a mask, a warp size, a shared
// array bound, a block size) and recorded as an assumption.
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extractor/build_flags.hpp"
#include "extractor/parser.hpp"

namespace kq::extractor {

// A value for `name` from its uses in `text`, with the use that suggests it;
// nullopt when no use says (the name is then left undefined).
struct InferredValue {
  std::string value;
  std::string reason;  // "a warp mask", "a shared array bound", ...
};
std::optional<InferredValue> infer_macro_value(std::string_view text, const std::string& name);

struct UnitDefines {
  std::string unit;                      // with the definitions written at its top
  std::vector<std::string> assumptions;  // one line per inferred value
};

// Writes into `unit` the build definitions it uses and lacks: those of build
// files in `file`'s folder chain when the unit names them, those of other
// build files only when the parse found the name `undeclared`; then values
// inferred for undeclared names that look like macros (upper case).
UnitDefines add_build_defines(const std::string& unit, const std::vector<BuildDefine>& defines,
                              const std::set<std::string>& undeclared, const std::filesystem::path& file);

// Gives the request the build definitions for its file, nearest first; those
// of the file's own folder chain also go to the parse as -D.
void set_build_defines(ParseRequest& rq, const std::vector<BuildDefine>& repo_defines);

}  // namespace kq::extractor
