#include "verifier/npy.hpp"

#include <cstdint>

#include "core/error.hpp"
#include "core/fs.hpp"

namespace kq::verify {
namespace {

std::string dict_value(const std::string& header, const std::string& key) {
  auto k = header.find("'" + key + "'");
  if (k == std::string::npos) return "";
  auto colon = header.find(':', k);
  auto start = header.find_first_not_of(' ', colon + 1);
  if (start == std::string::npos) return "";
  if (header[start] == '\'') return header.substr(start + 1, header.find('\'', start + 1) - start - 1);
  if (header[start] == '(') return header.substr(start + 1, header.find(')', start) - start - 1);
  return header.substr(start, header.find_first_of(",}", start) - start);
}

}  // namespace

NpyArray read_npy_file(const std::filesystem::path& path) {
  std::string bytes = read_file(path, std::size_t{4} << 30);
  auto bad = [&](const std::string& what) { return Error("'" + path.string() + "' is not a .npy file: " + what); };
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) throw bad("no magic");
  auto u8 = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(bytes[i])); };
  std::size_t major = u8(6), header_len = 0, offset = 0;
  if (major == 1) {
    header_len = u8(8) | (u8(9) << 8);
    offset = 10;
  } else {
    if (bytes.size() < 12) throw bad("short header");
    header_len = u8(8) | (u8(9) << 8) | (u8(10) << 16) | (u8(11) << 24);
    offset = 12;
  }
  if (offset + header_len > bytes.size()) throw bad("header longer than the file");
  std::string header = bytes.substr(offset, header_len);
  NpyArray a;
  a.descr = dict_value(header, "descr");
  if (dict_value(header, "fortran_order") == "True") throw bad("Fortran order is not supported");
  std::string shape = dict_value(header, "shape");
  std::size_t pos = 0;
  while (pos < shape.size()) {
    auto end = shape.find(',', pos);
    auto part = shape.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (part.find_first_of("0123456789") != std::string::npos) a.shape.push_back(std::stoull(part));
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  a.data = bytes.substr(offset + header_len);
  return a;
}

}  // namespace kq::verify
