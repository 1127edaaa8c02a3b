#pragma once
// Pieces of host-program text shared by the baked renderer (wrapper_gen.cpp)
// and the spec-driven runner renderer (runner_gen.cpp). Internal to wrapper_gen.
#include <functional>
#include <string>
#include <vector>

#include "core/launch_spec.hpp"

namespace kq::wrapper_gen::detail {

bool is_half_type(const std::string& type);
std::string number_text(double v);
// Struct and vector scalars passed by value (struct_scalars.cpp): the spec's
// value is an array of {"field", "type", "value"}, one per scalar leaf.
struct StructField {
  std::string path;  // "dir.x"
  ArgSpec leaf;      // named "<arg>.<path>", of the leaf's scalar type
};
bool is_struct_scalar(const ArgSpec& a);
// The fields, checked (a field path, a known scalar type); throws kq::Error.
std::vector<StructField> struct_scalar_fields(const ArgSpec& a);
// An expression building the value, each leaf set from field_expr(leaf).
std::string struct_scalar_expr(const ArgSpec& a, const std::function<std::string(const ArgSpec&)>& field_expr);

// The literal of a scalar's value; throws kq::Error when it has none.
std::string scalar_literal(const ArgSpec& a);
// `kernel` or `kernel<T, ...>`.
std::string kernel_expr(const LaunchSpec& spec);
// The element type of a buffer's host copy.
std::string host_type(const ArgSpec& a, bool raw);
// Element pointer and element count the fill functions see (vector types as components).
std::string fill_pointer(const ArgSpec& a);
std::string fill_count(const ArgSpec& a);
// The init a buffer really gets: opaque struct buffers (no element_type) take
// only zeros, a file or the poison pattern, since values mean nothing there.
std::string effective_dist(const ArgSpec& a);
// The kq::write_npy call writing buffer `a` to `file`.
std::string write_call(const ArgSpec& a, const std::string& file, bool raw);
// The kernel's arguments: d_<name> (device) or host pointers.
std::string launch_args(const LaunchSpec& spec, bool host_pointers);

}  // namespace kq::wrapper_gen::detail
