#pragma once
// The scalar leaves of a type passed by value: `float3` is x, y, z;
// `struct Params { int n; float scale; float3 dir; float w[2]; }` is n, scale,
// dir.x, dir.y, dir.z, w[0], w[1]. A launch spec gives such a scalar one value
// per leaf, so wrappers can set each field by name on every backend.
#include <optional>
#include <string>
#include <vector>

namespace kq::testgen {

struct ScalarField {
  std::string path;  // "dir.x", "w[1]"
  std::string type;  // a scalar type the launch spec knows, never a vector
};

// The components of a vector type ("float3" -> x, y, z of float); empty for
// anything else.
std::vector<ScalarField> vector_components(const std::string& type);

// Leaves of a vector type or of a plain struct of scalars, vectors, fixed
// arrays and nested plain structs, in declaration order; nullopt when some
// field is anything else (a pointer, an enum, a member function) or the type
// has more than `max_fields` leaves.
std::optional<std::vector<ScalarField>> scalar_fields(const std::string& source, const std::string& type,
                                                      std::size_t max_fields = 64);

}  // namespace kq::testgen
