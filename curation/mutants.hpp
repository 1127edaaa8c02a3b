#pragma once
// Mutants of a canonical solution: small, plausible mistakes that a task's
// test must reject (DESIGN.md, "Tests that cannot be fooled"). Each operator
// changes the first place it applies to; an operator that finds no place
// gives no mutant.
#include <string>
#include <vector>

namespace kq::curation {

struct Mutant {
  std::string op;    // drop_store, off_by_one, swap_operator, index_zero, drop_effect
  std::string body;  // the mutated canonical solution
  std::string what;  // the change, in words: "y[i] = ... removed"
};

// The mutants of `body` (a kernel body after its opening brace), at most
// `max_mutants`, in the fixed operator order above.
std::vector<Mutant> make_mutants(const std::string& body, std::size_t max_mutants = 4);

}  // namespace kq::curation
