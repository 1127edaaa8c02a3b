#pragma once
// Static analysis of one kernel: the contract between the extractor, which
// writes it, and synthesis, which reads it to shape buffers and launches.
// Stored as JSON in the `analysis` table.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kq {

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

struct KernelAnalysis {
  std::vector<ParamAnalysis> params;
  std::vector<std::string> template_params;  // "typename T", "int BLOCK"
  // 1d, grid_stride, 2d, block_per_row, other
  std::string index_pattern = "other";
  std::vector<std::string> stores;  // store statements as written: "y[i] = a * x[i] + y[i]"
  std::map<std::string, bool> features;  // shared_static, shared_dynamic, syncthreads, warp,
                                         // atomics, constant, texture, template, recursion,
                                         // printf, inline_asm
  int lines = 0, statements = 0, cyclomatic = 1;
  nlohmann::json extra = nlohmann::json::object();  // extractor details later stages may use

  const ParamAnalysis* find_param(const std::string& name) const;
  bool has(const std::string& feature) const;
};

nlohmann::json analysis_to_json(const KernelAnalysis& a);
KernelAnalysis analysis_from_json(const nlohmann::json& j);

}  // namespace kq
