#pragma once
// Facts read off CUDA/HIP source text without a parser, shared by the stages
// that need them on text they hold (units, candidates, kernel bodies).
#include <string>
#include <string_view>
#include <vector>

namespace kq {

// `text` with every comment replaced by blanks (line ends kept, so offsets
// and line numbers stay); string and character literals are left alone.
std::string blank_comments(std::string_view text);

// `extern __shared__ [__align__(N)] TYPE NAME[];` declarations, in order.
struct ExternSharedArray {
  std::string type;  // as written: "unsigned char", "float"
  std::string name;
};
std::vector<ExternSharedArray> extern_shared_arrays(std::string_view source);

}  // namespace kq
