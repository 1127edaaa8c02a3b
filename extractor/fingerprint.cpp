#include "extractor/fingerprint.hpp"

#include <limits>
#include <map>
#include <set>

#include "core/hash.hpp"

namespace kq::extractor {
namespace {

// Names with a fixed meaning in every kernel: renaming them would hide real differences.
bool is_builtin_name(const std::string& s) {
  static const std::set<std::string> names = {
      "threadIdx", "blockIdx", "blockDim", "gridDim", "warpSize", "x", "y", "z", "__syncthreads",
      "__syncwarp", "atomicAdd", "atomicMax", "atomicMin", "atomicCAS", "atomicExch", "__shfl_down_sync",
      "__shfl_xor_sync", "__shfl_sync", "__shfl_up_sync", "sqrtf", "expf", "logf", "fmaxf", "fminf",
      "fabsf", "rsqrtf", "min", "max", "printf", "__ldg", "float", "double", "int", "unsigned"};
  return names.count(s) > 0;
}

}  // namespace

std::vector<std::string> normalized_tokens(const std::vector<Token>& tokens) {
  std::map<std::string, std::size_t> ids;
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (const auto& t : tokens) {
    if (t.kind == CXToken_Comment) continue;
    if (t.kind == CXToken_Identifier && !is_builtin_name(t.text)) {
      auto [it, _] = ids.emplace(t.text, ids.size());
      out.push_back("$" + std::to_string(it->second));
    } else {
      out.push_back(t.text);
    }
  }
  return out;
}

std::string norm_hash(const std::vector<std::string>& normalized) {
  std::string joined;
  for (const auto& t : normalized) {
    joined += t;
    joined += ' ';
  }
  return xxh64_hex(joined);
}

std::vector<std::uint32_t> minhash(const std::vector<std::string>& normalized) {
  std::vector<std::uint32_t> sig(kMinhashSize, std::numeric_limits<std::uint32_t>::max());
  if (normalized.empty()) return sig;
  std::size_t count = normalized.size() >= kShingle ? normalized.size() - kShingle + 1 : 1;
  for (std::size_t i = 0; i < count; ++i) {
    std::string shingle;
    for (std::size_t j = i; j < std::min(normalized.size(), i + kShingle); ++j) shingle += normalized[j] + ' ';
    std::uint64_t h1 = xxh64(shingle, 0x9e3779b97f4a7c15ull);
    std::uint64_t h2 = xxh64(shingle, 0xc2b2ae3d27d4eb4full) | 1;
    for (std::size_t k = 0; k < kMinhashSize; ++k) {
      auto v = static_cast<std::uint32_t>((h1 + k * h2) >> 16);
      if (v < sig[k]) sig[k] = v;
    }
  }
  return sig;
}

double minhash_similarity(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.size() != b.size() || a.empty()) return 0;
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

}  // namespace kq::extractor
