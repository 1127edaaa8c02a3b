#pragma once
// The GoogleTest source of a task (`test` in the task record), rendered from
// curation/templates/task_test.cpp.tmpl, and its reference (the original
// kernel renamed `<name>_reference` in namespace kq_ref), rendered from
// task_reference.inc.tmpl and kept out of the test text: the release ships it
// in oracle/, the evaluator writes it next to the test as kq_reference.inc.
// The candidate is compiled alone and linked in (curation/eval_build.hpp).
#include <string>
#include <vector>

#include "core/launch_spec.hpp"
#include "core/types.hpp"
#include "curation/unit_split.hpp"

namespace kq::curation {

struct TaskTestInputs {
  std::string task_id;
  std::string kernel_name;          // qualified name as the specs use it
  Dialect dialect = Dialect::Cuda;
  SplitUnit reference;              // the unit of the task's dialect
  std::vector<LaunchSpec> cases;
};

struct TaskTestSource {
  std::string harness;    // the test: cases, comparisons, the result record
  std::string reference;  // kq_reference.inc
};

TaskTestSource render_task_test(const TaskTestInputs& in);

// Whether a rendered harness compares the kernels' printed lines: the
// evaluator then lets the candidate's kernel call printf.
bool harness_compares_printing(const std::string& harness);

// The GoogleTest name of case `index` of a task test ("ragged", "case3").
std::string case_identifier(const LaunchSpec& spec, std::size_t index);

// "saxpy" -> "saxpy_reference"
std::string reference_name(const std::string& kernel_name);

}  // namespace kq::curation
