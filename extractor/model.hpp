#pragma once
// What extraction produces for one source file, independent of the database:
// the kernels found, each with its dependencies, standalone unit and analysis.
// It crosses the process boundary between the parse worker and the parent as JSON.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/analysis.hpp"

namespace kq::extractor {

struct Param {
  std::string name;
  std::string type;
  bool is_const = false;
  bool is_pointer = false;
};

struct Dep {
  std::string kind;  // function, type, macro, variable, include, template
  std::string name;
  std::string source;
};

struct Kernel {
  std::string name;
  std::string qualified_name;
  int line_begin = 0, line_end = 0;
  std::string signature;
  std::string source;
  bool is_template = false;
  std::vector<Param> params;
  std::vector<std::string> template_params;
  std::vector<std::string> instantiations;  // explicit instantiation declarations as written
  std::string comment;
  std::string unit;
  std::vector<Dep> deps;
  KernelAnalysis analysis;
  std::string norm_hash;
  std::vector<std::uint32_t> minhash;
};

struct FileResult {
  std::string path;  // as given to the parser
  bool ok = false;
  std::string error;
  std::vector<std::string> stubbed;   // includes replaced by empty stubs
  std::vector<std::string> rejected;  // includes that resolved outside the tree
  int errors = 0;                     // parse diagnostics of error severity
  std::vector<Kernel> kernels;
  double parse_ms = 0, closure_ms = 0, analysis_ms = 0;
};

nlohmann::json to_json(const FileResult& r);
FileResult file_result_from_json(const nlohmann::json& j);
nlohmann::json to_json(const Param& p);

}  // namespace kq::extractor
