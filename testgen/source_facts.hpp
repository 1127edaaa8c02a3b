#pragma once
// Facts read from the text of a standalone unit: integer constants (macros,
// constexpr), sizes of plain structs, the tile a kernel multiplies blockIdx by,
// the element type of a dynamic shared array. Text reading is deliberately
// shallow: anything it cannot read is reported as unknown, never guessed.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kq::testgen {

// Value of an integer constant named `name`: `#define NAME 256`,
// `constexpr int NAME = 256;`, `const int NAME = 256;`, an enum-free literal
// chain of other such constants, or a literal itself.
std::optional<long long> int_constant(const std::string& source, const std::string& name);

// Size and alignment of a plain struct/class of scalar or nested plain struct
// fields (`struct Vec3 { float x, y, z; };`); nullopt for anything else.
struct TypeLayout {
  std::size_t size = 0;
  std::size_t align = 1;
  // The one scalar type every field is made of, with no padding (`float` for
  // Vec3 and for float4); empty for mixed or padded layouts.
  std::string uniform;
};
std::optional<TypeLayout> type_layout(const std::string& source, const std::string& type);

// The text between the braces of `struct type { ... };` (or class, with an
// optional __align__) or `typedef struct { ... } type;`; nullopt when the
// source defines no such plain body.
std::optional<std::string> struct_body(const std::string& source, const std::string& type);

// Multiplier of blockIdx.<axis> in the kernel ("blockIdx.x * BLOCK + threadIdx.x"
// gives BLOCK's value); nullopt when the kernel multiplies by blockDim.
std::optional<long long> block_tile(const std::string& kernel_source, const std::string& unit_source, char axis);

// Step of a loop that walks threadIdx.<axis> over a tile in strides:
// `for (int j = 0; j < TILE; j += ROWS)` with `threadIdx.y + j` indexing gives
// ROWS's value, the block's extent along that axis, when TILE is `tile` (the
// block's share of the axis, as block_tile reads it); nullopt otherwise.
std::optional<long long> thread_stride(const std::string& kernel_source, const std::string& unit_source, char axis,
                                       long long tile);

// Element type of `extern __shared__ T name[]`, or empty.
std::string dynamic_shared_type(const std::string& kernel_source);

// Integer constants a kernel compares an index against that are not
// parameters: "b < NUM_BINS" gives 256. Used as fixed buffer size candidates.
std::vector<long long> bound_constants(const std::string& kernel_source, const std::string& unit_source);

}  // namespace kq::testgen
