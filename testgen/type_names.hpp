#pragma once
// Type names as a unit spells them, brought to the names a launch spec knows:
// `uint` (typedef unsigned int uint), `using Real = float;`, `clock_t`.
#include <string>

namespace kq::testgen {

// The launch-spec scalar type `type` stands for, through the unit's typedefs
// and using-aliases and the aliases of the system headers; `type` itself when
// it is already one, and "" when it is no scalar type (a struct, unknown).
std::string scalar_alias(const std::string& source, const std::string& type);

// Whether `text` names a type a kernel could be instantiated with here: a
// scalar type (or alias of one) or a plain struct the unit defines.
bool concrete_type(const std::string& source, const std::string& text);

}  // namespace kq::testgen
