#pragma once
// The structured documentation of a task (`doc_struct` in the task record),
// built from the static analysis, the kernel's own text and the synthesis doc.
// Everything here is a pure function of its inputs, so the text never changes
// between runs.
#include <string>

#include <nlohmann/json.hpp>

#include "core/analysis.hpp"

namespace kq::curation {

struct DocInputs {
  std::string name;             // entry point
  std::string comment;          // leading comment as written (may be empty)
  KernelAnalysis analysis;
  nlohmann::json synth_doc = nlohmann::json::object();  // syntheses.doc_json
};

// {summary, params: [{name, type, role, elem_type, shape}], launch, example,
//  features: [...]}
nlohmann::json build_doc_struct(const DocInputs& in);

// The summary alone, by the rules of build_doc_struct.
std::string summarize(const DocInputs& in);

// The first sentence of a comment, without comment markers ("" when none).
std::string comment_sentence(const std::string& comment);

// "Clamps x" -> "clamps x"; "`y[i] = ...` for ..." -> "computes `y[i] = ...` for ...".
std::string summary_clause(const std::string& summary);

}  // namespace kq::curation
