#pragma once
// Static analysis of one kernel: the contract between the extractor, which
// writes it, and synthesis, which reads it to shape buffers and launches.
// Stored as JSON in the `analysis` table; the JSON keeps the names earlier
// databases used ("features" as {"name": true}, details under "extra"), so
// stored analyses load unchanged.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kq {

// What a kernel body uses that changes how it can be tested or tagged.
enum class Feature {
  shared_static,   // __shared__ arrays of fixed size
  shared_dynamic,  // extern __shared__
  syncthreads,     // block or grid barriers
  warp,            // shuffles, votes, warp sync, tiled partitions
  atomics,
  constant,        // reads __constant__ memory
  texture,         // texture or surface objects
  template_kernel, // the kernel is a template (stored as "template")
  recursion,
  printf,
  inline_asm,
  half,            // half or bfloat16 values
  index_buffer,    // a buffer's loaded values index another buffer
  math_sqrt_log,   // sqrt/log/pow: inputs need a restricted domain
};

// Stored names; feature_from_name(feature_name(f)) == f for every feature.
std::string_view feature_name(Feature f);
std::optional<Feature> feature_from_name(std::string_view name);
const std::vector<Feature>& all_features();

struct ParamAnalysis {
  std::string name;
  std::string type;        // as written: "const float *__restrict__"
  std::string elem_type;   // pointee or scalar type without qualifiers: "float"
  bool is_pointer = false;
  bool is_const = false;
  bool reads = false;      // pointer: the kernel loads through it
  bool writes = false;     // pointer: stores, compound assignments, atomics, non-const calls
  bool atomic = false;     // pointer: target of atomics
  bool size_like = false;  // scalar: bounds an index or a loop
  std::vector<std::string> bounds;  // expressions it bounds: "i < n", "row < rows"
  std::vector<std::string> index_exprs;  // pointer: subscripts used: "i", "row * cols + col"
};

// A pointer parameter whose loaded values index another buffer; `target` is
// the indexed parameter when known, empty otherwise.
struct IndexBuffer {
  std::string param;
  std::string target;
  bool operator==(const IndexBuffer&) const = default;
};

struct KernelAnalysis {
  std::vector<ParamAnalysis> params;
  std::vector<std::string> template_params;  // "typename T", "int BLOCK"
  // 1d, grid_stride, 2d, block_per_row, other
  std::string index_pattern = "other";
  std::vector<std::string> stores;  // store statements as written: "y[i] = a * x[i] + y[i]"
  std::set<Feature> features;
  int lines = 0, statements = 0, cyclomatic = 1;
  // Extractor details later stages use (stored under "extra").
  std::string cxx_std;                     // the unit's -std= value: "c++17"; empty: default
  bool device_runtime = false;             // the unit launches kernels from device code
  std::vector<IndexBuffer> index_buffers;  // buffers whose values are indices
  std::string body_expanded;               // macro-expanded body, cut at 4000 characters
  // Values the unit assumes that the repository does not state, each with its
  // reason: "#define BLOCK 256: used as a shared array bound, no build defines it".
  std::vector<std::string> assumptions;
  // How the source file's bytes were read when they were not UTF-8:
  // "windows-1252 (8 bytes)"; empty for UTF-8 (core/utf8.hpp).
  std::string source_encoding;
  // Host APIs the unit's host-compiled code calls (core/host_reach.hpp), as
  // {api, kind, line} objects; such a kernel is never released.
  nlohmann::json host_reach = nlohmann::json::array();

  const ParamAnalysis* find_param(const std::string& name) const;
  bool has(Feature f) const { return features.count(f) != 0; }
  void set(Feature f) { features.insert(f); }
  void add_index_buffer(const std::string& param, const std::string& target = "");
};

nlohmann::json analysis_to_json(const KernelAnalysis& a);
KernelAnalysis analysis_from_json(const nlohmann::json& j);

}  // namespace kq
