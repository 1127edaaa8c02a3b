#pragma once
// Template arguments for a template kernel the repository never
// instantiates. Each parameter gets a short list of values in order of
// plausibility, read from its name and from how the kernel uses it (a square
// shared tile wants a small edge, a flag is false or true, a dimension count
// is 2 or 3); the first list is planned and the others are proven by the
// builtin synthesizer, by compiling and running, when it fails.
#include <string>
#include <vector>

namespace kq::testgen {

struct TemplateParam {
  std::string kind;  // type or value
  std::string head;  // "typename", "int", "bool", ...
  std::string name;
  std::string default_value;
};

TemplateParam parse_template_param(const std::string& text);

// Whether the name reads as a block size (BLOCK_SIZE, THREADS, NT, ...).
bool looks_like_block_size(const std::string& name);

// Candidate values of one parameter, the most plausible first; never empty.
std::vector<std::string> template_candidates(const TemplateParam& p, const std::string& kernel_source);

// Argument lists to try in turn: the first has every parameter's first
// candidate, list k its k-th (or its last); `fixed` holds values found in the
// repository ("" where none), which every list keeps. At most `limit` lists.
std::vector<std::vector<std::string>> template_choices(const std::vector<TemplateParam>& params,
                                                       const std::vector<std::string>& fixed,
                                                       const std::string& kernel_source, std::size_t limit = 4);

// The assumption a plan records when it runs with chosen arguments.
std::string chosen_template_assumption(const std::vector<std::string>& args);

}  // namespace kq::testgen
