#pragma once
// Hand-built analyses of the shapes the extractor reports, for plan tests.
#include <string>
#include <vector>

#include "core/analysis.hpp"
#include "testgen/plan.hpp"

namespace kq::testgen::fixtures {

inline ParamAnalysis ptr(const std::string& name, const std::string& elem, bool reads, bool writes,
                         std::vector<std::string> index, bool atomic = false) {
  ParamAnalysis p;
  p.name = name;
  p.elem_type = elem;
  p.type = (writes ? "" : "const ") + elem + " *";
  p.is_pointer = true;
  p.is_const = !writes;
  p.reads = reads;
  p.writes = writes;
  p.atomic = atomic;
  p.index_exprs = std::move(index);
  return p;
}

inline ParamAnalysis size(const std::string& name, std::vector<std::string> bounds, const std::string& type = "int") {
  ParamAnalysis p;
  p.name = name;
  p.type = p.elem_type = type;
  p.size_like = true;
  p.bounds = std::move(bounds);
  return p;
}

inline ParamAnalysis scalar(const std::string& name, const std::string& type) {
  ParamAnalysis p;
  p.name = name;
  p.type = p.elem_type = type;
  return p;
}

inline PlanInput input(const std::string& name, const std::string& pattern, std::vector<ParamAnalysis> params,
                       const std::string& kernel_source = "", const std::string& unit_prefix = "") {
  PlanInput in;
  in.name = name;
  in.analysis.params = std::move(params);
  in.analysis.index_pattern = pattern;
  in.kernel_source = kernel_source;
  in.unit_source = unit_prefix + "\n" + kernel_source;
  return in;
}

inline PlanInput saxpy() {
  return input("saxpy", "1d",
               {size("n", {"i < n"}), scalar("a", "float"), ptr("x", "float", true, false, {"i"}),
                ptr("y", "float", true, true, {"i"})},
               "__global__ void saxpy(int n, float a, const float* x, float* y) {\n"
               "  int i = blockIdx.x * blockDim.x + threadIdx.x;\n  if (i < n) y[i] = a * x[i] + y[i];\n}\n");
}

}  // namespace kq::testgen::fixtures
