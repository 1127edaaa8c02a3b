#pragma once
// Outputs of the GPU agreement programs (tests/runtime/programs/gpu/): one
// `label[index] hex-bits` line per value. They are compared value by value,
// exactly or within a tolerance the caller picks per value, against the
// H200's recorded output (programs/gpu/h200/) or a live nvcc build.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kq::test {

struct GpuValue {
  std::string label;
  int index = 0;
  std::uint64_t bits = 0;
};

struct ProgramOutput {
  std::vector<GpuValue> values;                      // in printed order
  std::map<std::string, std::vector<std::string>> ops;  // `ops label name...` lines: what each index means
  std::vector<std::string> other_lines;              // anything else, e.g. `launch cudaErrorX`
};
ProgramOutput parse_program_output(const std::string& text);

// How one value may differ: bit-equal, or within some ulps / a relative error.
struct Tolerance {
  enum class Kind { Exact, FloatUlps, DoubleUlps, FloatRelative, NotCompared } kind = Kind::Exact;
  double amount = 0;
};
using Classifier = std::function<Tolerance(const GpuValue&)>;

struct Agreement {
  int compared = 0, bit_equal = 0, within_tolerance = 0;
  std::vector<std::string> mismatches;  // the first few, described
  bool all_agree() const { return compared > 0 && within_tolerance == compared; }
};
// Counts per group (the classifier's group name for a value, e.g. its label).
std::map<std::string, Agreement> compare_outputs(const ProgramOutput& gpu, const ProgramOutput& sim,
                                                 const Classifier& tolerance,
                                                 const std::function<std::string(const GpuValue&)>& group);

// The H200's output of program `name` (programs/gpu/h200/<name>.gpu.txt).
std::string recorded_gpu_output(const std::string& name);

// Builds programs/gpu/<name>.cu with nvcc and runs it, when nvcc and a GPU are
// present; otherwise returns empty with `why` saying what is missing.
std::string live_gpu_output(const std::string& name, std::string& why);

// How each program's values are compared and grouped (gpu_classifiers.cpp).
Tolerance curand_tolerance(const GpuValue& v);
std::string curand_group(const GpuValue& v);

// cub_blocks.cu: grouped by output; "undefined" for what CUB leaves
// undefined (warp reductions outside lane 0, block reductions outside thread 0).
std::string cub_group(const GpuValue& v);

// intrinsics.cu: each value's group is "exact", "approximate" (the fast
// __expf-like forms, within 2e-5) or "input differs" (see the .cpp).
struct IntrinsicsLayout {
  std::map<std::string, std::vector<std::string>> ops;  // label -> op names, from the GPU output
  std::map<std::string, int> inputs;                    // label -> number of inputs
  explicit IntrinsicsLayout(const ProgramOutput& gpu);
  std::string op_of(const GpuValue& v) const;
  std::string group(const GpuValue& v) const;
  Tolerance tolerance(const GpuValue& v) const;
};

}  // namespace kq::test
