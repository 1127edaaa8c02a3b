#pragma once
// Variables of a unit that are a kernel's inputs or outputs without being its
// parameters: `__constant__` tables the host fills, `__device__` and
// `__managed__` counters and accumulators the kernel writes. The extractor
// keeps only what the kernel uses, so every such variable of the unit is
// reached from the kernel. Read from the unit's text like source_facts.hpp:
// what it cannot read (pointers, extern or namespaced declarations, extents it
// cannot evaluate) is left out, never guessed.
#include <string>
#include <vector>

namespace kq::testgen {

struct UnitGlobal {
  std::string name;
  std::string type;        // element type: "float", "unsigned int"
  std::string space;       // __constant__, __device__, __managed__, or texture (a 1-D texture reference)
  long long count = 1;     // elements: the product of the array extents (0 for a texture: its binding's)
  bool initialized = false;  // declared with an initializer
  std::string initializer;   // its text, without `=` and outer braces: "0", "1.5f", "0, 0"
  bool written = false;    // assigned, incremented or an atomic's target somewhere in the unit
  bool atomic = false;     // an atomic's target
  bool read = false;       // used other than as a store's target
};

// File-scope device variables of `unit_source`, in declaration order.
std::vector<UnitGlobal> unit_globals(const std::string& unit_source);

}  // namespace kq::testgen
