#pragma once
// Path globs as .gitignore writers expect them: `*` and `?` stay inside one
// path component, `**` spans components (`a/**` is everything under a,
// `**/x` is x at any depth), `[abc]`/`[a-z]`/`[!a]` are character classes.
#include <string_view>

namespace kq::miner {

// `path` is relative to the repository root, with '/' separators.
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace kq::miner
