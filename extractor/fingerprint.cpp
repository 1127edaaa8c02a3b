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
      "threadIdx", "blockIdx", "blockDim", "gridDim", "warpSize", "atomicAdd", "atomicSub", "atomicMax",
      "atomicMin", "atomicCAS", "atomicExch", "atomicAnd", "atomicOr", "atomicXor", "sqrtf", "sqrt", "expf",
      "exp", "logf", "log", "fmaxf", "fminf", "fabsf", "fabs", "rsqrtf", "tanhf", "tanh", "sinf", "cosf", "powf",
      "floorf", "ceilf", "min", "max", "printf", "size_t", "std", "float2", "float3", "float4", "int2", "int4",
      "double2", "half", "dim3", "hipThreadIdx_x", "hipBlockIdx_x", "hipBlockDim_x", "hipGridDim_x"};
  // Compiler intrinsics and runtime types (__syncthreads, __shfl_down_sync, __ldg, __half, ...).
  return s.starts_with("__") || names.count(s) > 0;
}

bool is_index_builtin(const std::string& s) {
  return s == "threadIdx" || s == "blockIdx" || s == "blockDim" || s == "gridDim";
}

}  // namespace

// Identifiers are renamed by first appearance ($0, $1, ...), so that copies
// differing only in the names of their own variables, parameters and types
// match. Kept as written: built-in names, the component of a built-in index
// (`threadIdx.x`; a variable called `x` is renamed like any other), and the
// name of whatever is called (`dot(a, b)` and `cross(a, b)` are different
// kernels), the kernel's own name aside.
std::vector<std::string> normalized_tokens(const std::vector<Token>& tokens, const std::string& kernel_name) {
  std::map<std::string, std::size_t> ids;
  std::vector<std::string> out;
  out.reserve(tokens.size());
  std::vector<const Token*> code;
  for (const auto& t : tokens)
    if (t.kind != CXToken_Comment) code.push_back(&t);
  for (std::size_t i = 0; i < code.size(); ++i) {
    const Token& t = *code[i];
    bool component = out.size() >= 2 && out.back() == "." && is_index_builtin(out[out.size() - 2]);
    bool called = i + 1 < code.size() && code[i + 1]->text == "(" && t.text != kernel_name;
    if (t.kind == CXToken_Identifier && !component && !called && !is_builtin_name(t.text)) {
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

namespace {

// splitmix64's finalizer: a bijection on 64 bits whose outputs for different
// seeds behave as independent hash functions, one per signature slot.
std::uint64_t mix(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace

std::vector<std::uint32_t> minhash(const std::vector<std::string>& normalized) {
  std::vector<std::uint32_t> sig(kMinhashSize, std::numeric_limits<std::uint32_t>::max());
  if (normalized.empty()) return sig;
  std::size_t count = normalized.size() >= kShingle ? normalized.size() - kShingle + 1 : 1;
  for (std::size_t i = 0; i < count; ++i) {
    std::string shingle;
    for (std::size_t j = i; j < std::min(normalized.size(), i + kShingle); ++j) shingle += normalized[j] + ' ';
    std::uint64_t h = xxh64(shingle, 0x9e3779b97f4a7c15ull);
    for (std::size_t k = 0; k < kMinhashSize; ++k) {
      auto v = static_cast<std::uint32_t>(mix(h + 0x9e3779b97f4a7c15ull * (k + 1)) >> 32);
      if (v < sig[k]) sig[k] = v;
    }
  }
  return sig;
}

}  // namespace kq::extractor
