#pragma once
// The launch spec: one test case of one kernel, the contract between synthesis
// (which decides how to run a kernel) and the backends (which run it).
// DESIGN.md, "The launch spec", is the reference for every field.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kq {

struct InitSpec {
  std::string dist = "zeros";  // uniform normal zeros ones iota const randint poison file
  double lo = 0, hi = 1;       // uniform, randint (inclusive bounds for randint)
  double mean = 0, stddev = 1; // normal
  double value = 0;            // const
  std::uint64_t seed = 0;
  std::string path;            // file (.npy)
};

struct ArgSpec {
  // Symbol: a `__device__`, `__managed__` or `__constant__` variable of the
  // unit the kernel reads or writes. It is no kernel argument: the host copies
  // it in with cudaMemcpyToSymbol before the launch and out afterwards, and it
  // is filled, written back and compared exactly like a buffer.
  // Texture: a legacy texture reference of the unit (`texture<T> ref;`) the
  // kernel reads with tex1Dfetch: a device buffer, filled like an `in`
  // buffer and bound to the reference with cudaBindTexture before the launch.
  enum class Kind { Scalar, Buffer, Symbol, Texture };
  std::string name;
  Kind kind = Kind::Scalar;
  std::string type;            // C++ scalar type, or a struct name with `bytes`
  std::size_t bytes = 0;       // element size for struct types; 0 for scalars it knows
  // Struct buffers whose fields are all this scalar type with no padding
  // (`struct Vec3 { float x, y, z; }`): filled, and compared across
  // implementations, as bytes / sizeof(element_type) values of that type.
  // Empty: the struct is opaque bytes.
  std::string element_type;
  nlohmann::json value;        // scalars: number (or bool)
  std::size_t count = 0;       // buffers and symbols: elements
  std::string role = "in";     // in out inout
  InitSpec init;
};

struct CompareSpec {
  double rtol = 1e-5;
  double atol = 1e-6;
  // Why the tolerances are what they are, when not the defaults for the
  // output type: "order of floating-point atomics: ..." (empty otherwise).
  std::string basis;
};

struct LaunchSpec {
  std::string name;            // case name, e.g. "typical", "size1"
  std::string kernel;
  std::vector<std::string> template_args;
  std::array<unsigned, 3> grid{1, 1, 1};
  std::array<unsigned, 3> block{1, 1, 1};
  std::size_t shared_bytes = 0;
  std::vector<ArgSpec> args;
  CompareSpec compare;
  // The kernel's device printf output is an output: the host captures it as
  // printf.txt and compares its lines, in any order (the GPU orders them by
  // nothing the kernel controls).
  bool printf_output = false;

  const ArgSpec* find_arg(const std::string& arg_name) const;
};

// Size in bytes of a scalar type the runtime knows ("float" -> 4), or nullopt.
std::optional<std::size_t> scalar_type_size(const std::string& type);
bool is_floating_type(const std::string& type);

// Parses and validates; throws kq::Error naming the field that is wrong.
LaunchSpec launch_spec_from_json(const nlohmann::json& j);
nlohmann::json launch_spec_to_json(const LaunchSpec& spec);
LaunchSpec load_launch_spec(const std::string& path);

}  // namespace kq
