#pragma once
// Reads the .npy files the wrappers write (NumPy format 1.0-3.0, C order). The
// comparison interprets the bytes by the launch spec's type, so only the
// header's shape and the raw data are taken from the file.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace kq::verify {

struct NpyArray {
  std::string descr;                 // '<f4', '<i4', '|V12', ...
  std::vector<std::size_t> shape;
  std::string data;                  // raw little-endian bytes
};

// Throws kq::Error naming the file when it is missing or not a .npy file.
NpyArray read_npy_file(const std::filesystem::path& path);

}  // namespace kq::verify
