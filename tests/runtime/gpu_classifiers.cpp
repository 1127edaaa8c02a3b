// What each value printed by the GPU agreement programs is, and how closely
// cpu-sim must reproduce it.
#include "tests/runtime/gpu_reference.hpp"

namespace kq::test {

namespace {

// The layout of curand_streams.cu: 21 values per configuration, 16 more for Philox.
std::string curand_kind(const GpuValue& v) {
  static const std::vector<std::string> common = {
      "raw", "raw", "raw", "raw", "raw", "raw", "uniform", "uniform", "uniform_double", "uniform_double",
      "normal", "normal", "normal", "normal_double", "normal_double", "normal_double", "log_normal", "log_normal",
      "poisson", "poisson", "poisson"};
  static const std::vector<std::string> philox_extra = {
      "raw", "raw", "raw", "raw", "uniform", "uniform", "uniform", "uniform", "normal", "normal", "normal", "normal",
      "uniform_double", "uniform_double", "normal_double", "normal_double"};
  if (v.label == "xorwow") return common[v.index % common.size()];
  if (v.label == "philox") {
    const std::size_t k = v.index % (common.size() + philox_extra.size());
    return k < common.size() ? common[k] : philox_extra[k - common.size()];
  }
  return "raw";
}

}  // namespace

// The GPU computes float normals with its approximate __sincosf and its own
// logf/expf: a few 1e-6 apart from this machine's libm; doubles within 2 ulp.
Tolerance curand_tolerance(const GpuValue& v) {
  const std::string kind = curand_kind(v);
  if (kind == "normal" || kind == "log_normal") return {Tolerance::Kind::FloatRelative, 2e-5};
  if (kind == "normal_double") return {Tolerance::Kind::DoubleUlps, 4};
  return {};
}

std::string curand_group(const GpuValue& v) { return v.label + ":" + curand_kind(v); }

}  // namespace kq::test

namespace kq::test {

IntrinsicsLayout::IntrinsicsLayout(const ProgramOutput& gpu) : ops(gpu.ops) {
  std::map<std::string, int> values;
  for (const GpuValue& v : gpu.values) ++values[v.label];
  for (const auto& [label, names] : ops)
    if (!names.empty()) inputs[label] = values[label] / static_cast<int>(names.size());
}

std::string IntrinsicsLayout::op_of(const GpuValue& v) const {
  const auto it = ops.find(v.label);
  return it == ops.end() || it->second.empty() ? v.label : it->second[v.index % it->second.size()];
}

std::string IntrinsicsLayout::group(const GpuValue& v) const {
  // nvcc's host compilation reads the literal 16777217.0f (float input 34) as
  // 16777218.0f where g++ reads 16777216.0f: results on it are not comparable.
  const auto names = ops.find(v.label);
  if (names != ops.end() && !names->second.empty() && (v.label == "float" || v.label == "float2")) {
    const int input = v.index / static_cast<int>(names->second.size());
    const int partner = (input * 7 + 3) % std::max(1, inputs.at(v.label));
    if (input == 34 || (v.label == "float2" && partner == 34)) return "input differs";
  }
  static const std::vector<std::string> approximate = {"__expf", "__exp10f", "__logf", "__log2f", "__log10f",
                                                       "__sinf", "__cosf",   "__tanf", "__powf",  "__fdividef"};
  const std::string op = op_of(v);
  for (const std::string& a : approximate)
    if (op == a) return "approximate";
  return "exact";
}

Tolerance IntrinsicsLayout::tolerance(const GpuValue& v) const {
  const std::string g = group(v);
  if (g == "input differs") return {Tolerance::Kind::NotCompared, 0};
  return g == "approximate" ? Tolerance{Tolerance::Kind::FloatRelative, 2e-5} : Tolerance{};
}

}  // namespace kq::test

namespace kq::test {

// cub_blocks.cu prints 19 values per thread for `scan`: warp reductions
// (0-2), warp scans (3-5), block reductions (6-8) and block scans (9-18).
std::string cub_group(const GpuValue& v) {
  if (v.label != "scan") return v.label;
  constexpr int kPerThread = 19, kBlockThreads = 128, kWarp = 32;
  const int thread = v.index / kPerThread, k = v.index % kPerThread;
  if (k <= 2) return thread % kWarp == 0 ? "warp_reduce" : "undefined";
  if (k <= 5) return "warp_scan";
  if (k <= 8) return thread % kBlockThreads == 0 ? "block_reduce" : "undefined";
  return "block_scan";
}

}  // namespace kq::test
