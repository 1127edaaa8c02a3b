#pragma once
// Where KernelQuarry finds its own files (runtime headers, templates, prompts)
// and where relative paths given by the user point.
//
// The data root mirrors the source tree's layout: runtime/kq/,
// wrapper_gen/templates/, curation/templates/, llm/prompts/. An installed
// prefix holds it as share/kquarry/ next to bin/kquarry, so a binary copied
// with its prefix works on a machine without the source tree.
#include <filesystem>
#include <string_view>

namespace kq {

// The first of: $KQ_SOURCE_ROOT; <exe>/../share/kquarry; the source tree this
// binary was built from. Throws kq::Error naming every place tried when none
// holds the runtime headers.
std::filesystem::path data_root();

// Folder holding the shipped runtime headers (kq/): $KQ_RUNTIME_DIR, else
// data_root()/runtime.
std::filesystem::path runtime_dir();

// $XDG_CACHE_HOME/kquarry, or ~/.cache/kquarry.
std::filesystem::path default_cache_dir();

// `path` made absolute against `base` (default: the current folder) and
// normalized; empty stays empty. Relative paths are resolved once, where they
// enter, because sandboxed children run in other folders.
std::filesystem::path absolute_path(const std::filesystem::path& path, const std::filesystem::path& base = {});

}  // namespace kq
