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
