#pragma once
// Writes small .npy files for comparison tests (the same format the runtime writes).
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

namespace kq::verify::testing {

template <class T>
void write_npy(const std::filesystem::path& path, const std::vector<T>& values, const std::string& descr) {
  std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" +
                       std::to_string(values.size()) + ",), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;
  std::string data(values.size() * sizeof(T), '\0');
  if (!values.empty()) std::memcpy(data.data(), values.data(), data.size());
  test::write_text(path, bytes + data);
}

}  // namespace kq::verify::testing
