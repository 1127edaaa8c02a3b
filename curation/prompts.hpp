#pragma once
// The prompt texts of one task in one dialect, rendered by fixed rules from the
// unit and the doc_struct (templates in curation/templates/): the same inputs
// always give the same text.
#include <string>

#include <nlohmann/json.hpp>

#include "core/types.hpp"
#include "curation/unit_split.hpp"

namespace kq::curation {

struct TaskTexts {
  std::string complete_prompt;     // includes + dependencies + doc comment + signature "{"
  std::string instruct_prompt;     // the task in words, then the code to start from
  std::string code_prompt;         // includes + dependencies + signature "{"
  std::string canonical_solution;  // the kernel body after the opening brace
  SplitUnit split;                 // the pieces, for the test and the mutants
};

TaskTexts render_task_texts(const std::string& unit_text, const std::string& kernel_name, Dialect dialect,
                            const nlohmann::json& doc_struct);

// The doc comment put above the signature in complete_prompt.
std::string render_doc_comment(const nlohmann::json& doc_struct);

// "HIP" or "CUDA".
std::string dialect_display_name(Dialect d);

}  // namespace kq::curation
