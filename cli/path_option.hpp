#pragma once
// Path-valued flags are made absolute as they are parsed: the stages hand
// them to sandboxed children that run in other folders, where a relative
// path would name something else.
#include <CLI/CLI.hpp>

#include <string>

#include "core/paths.hpp"

namespace kq::cli {

inline CLI::Validator absolute_path_option() {
  return CLI::Validator(
      [](std::string& value) {
        if (!value.empty()) value = absolute_path(value).string();
        return std::string();
      },
      "PATH");
}

}  // namespace kq::cli
