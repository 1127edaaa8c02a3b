#pragma once
// Reading and writing one-dimensional .npy files (NumPy format version 1.0),
// the format of every golden and output buffer.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "kq/half_bits.hpp"
#include "kq/host/run_result.hpp"

namespace kq {

// What read_npy without an error argument does when the file is unusable:
// record the error in result.json (when a ResultFile is live) and exit with 1.
[[noreturn]] inline void read_npy_failed(const std::string& error) {
  write_current_result("runtime_error", error);
  std::fprintf(stderr, "%s\n", error.c_str());
  std::exit(1);
}

// NumPy dtype descriptor of a C++ element type ("<f4", "<i8", ...).
template <class T>
inline const char* npy_descr() {
  if constexpr (std::is_same<T, float>::value) return "<f4";
  else if constexpr (std::is_same<T, double>::value) return "<f8";
  else if constexpr (std::is_same<T, bool>::value) return "|b1";
  else if constexpr (std::is_integral<T>::value && std::is_signed<T>::value)
    return sizeof(T) == 1 ? "|i1" : sizeof(T) == 2 ? "<i2" : sizeof(T) == 4 ? "<i4" : "<i8";
  else if constexpr (std::is_integral<T>::value)
    return sizeof(T) == 1 ? "|u1" : sizeof(T) == 2 ? "<u2" : sizeof(T) == 4 ? "<u4" : "<u8";
  else if constexpr (std::is_same<T, bf16_t>::value) return "<u2";  // NumPy has no bfloat16: raw bits
  else if constexpr (sizeof(T) == 2) return "<f2";  // __half, half_t
  else return "|V1";
}

// Writes `count` elements; the element size is read from the descriptor
// ("<f4" -> 4 bytes, "|V16" -> 16 bytes). Returns false on an I/O error.
inline bool write_npy(const char* path, const void* data, const char* descr, std::size_t count) {
  const std::size_t elem = std::strtoul(descr + 2, nullptr, 10);
  std::string header = "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': (" +
                       std::to_string(count) + ",), }";
  const std::size_t preamble = 10;  // magic (6) + version (2) + header length (2)
  std::size_t total = preamble + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  std::FILE* f = std::fopen(path, "wb");
  if (!f) return false;
  const unsigned char magic[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
  const unsigned char len[2] = {static_cast<unsigned char>(header.size() & 0xff),
                                static_cast<unsigned char>(header.size() >> 8)};
  bool ok = std::fwrite(magic, 1, 8, f) == 8 && std::fwrite(len, 1, 2, f) == 2 &&
            std::fwrite(header.data(), 1, header.size(), f) == header.size();
  if (ok && count != 0 && elem != 0) ok = std::fwrite(data, 1, count * elem, f) == count * elem;
  return std::fclose(f) == 0 && ok;
}

// A whole vector of a scalar element type.
template <class T>
inline bool write_npy(const char* path, const std::vector<T>& v) {
  return write_npy(path, v.data(), npy_descr<T>(), v.size());
}

// A vector of raw bytes holding elements of `elem_bytes` each (struct
// buffers): written as the opaque NumPy type "|V<elem_bytes>".
inline bool write_npy(const char* path, const std::vector<unsigned char>& v, std::size_t elem_bytes) {
  const std::string descr = "|V" + std::to_string(elem_bytes);
  return write_npy(path, v.data(), descr.c_str(), elem_bytes ? v.size() / elem_bytes : 0);
}

struct NpyArray {
  std::string descr;
  std::vector<std::size_t> shape;
  std::vector<unsigned char> bytes;
  std::size_t count() const {
    std::size_t n = 1;
    for (std::size_t d : shape) n *= d;
    return n;
  }
};

namespace detail {
inline std::string npy_header_field(const std::string& header, const char* key) {
  const std::size_t k = header.find(key);
  if (k == std::string::npos) return std::string();
  std::size_t start = header.find(':', k);
  if (start == std::string::npos) return std::string();
  ++start;
  while (start < header.size() && header[start] == ' ') ++start;
  const char open = header[start];
  const char close = open == '(' ? ')' : open == '\'' ? '\'' : ',';
  const std::size_t end = header.find(close, start + 1);
  if (end == std::string::npos) return std::string();
  return header.substr(start + 1, end - start - 1);
}
}  // namespace detail

// Reads a C-order .npy file (version 1.x, 2.x or 3.x). Returns false and sets
// `error` when the file is missing or not a .npy file this reader handles.
inline bool read_npy(const char* path, NpyArray& out, std::string& error) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) {
    error = std::string("cannot open ") + path;
    return false;
  }
  unsigned char magic[8];
  if (std::fread(magic, 1, 8, f) != 8 || std::memcmp(magic, "\x93NUMPY", 6) != 0) {
    std::fclose(f);
    error = std::string(path) + " is not a .npy file";
    return false;
  }
  std::size_t header_len = 0;
  unsigned char len[4] = {0, 0, 0, 0};
  const std::size_t len_bytes = magic[6] == 1 ? 2 : 4;
  if (std::fread(len, 1, len_bytes, f) != len_bytes) {
    std::fclose(f);
    error = std::string(path) + ": truncated header";
    return false;
  }
  for (std::size_t i = 0; i < len_bytes; ++i) header_len |= static_cast<std::size_t>(len[i]) << (8 * i);
  std::string header(header_len, '\0');
  if (std::fread(&header[0], 1, header_len, f) != header_len) {
    std::fclose(f);
    error = std::string(path) + ": truncated header";
    return false;
  }
  if (header.find("'fortran_order': True") != std::string::npos) {
    std::fclose(f);
    error = std::string(path) + ": Fortran-ordered arrays are not supported";
    return false;
  }
  out.descr = detail::npy_header_field(header, "'descr'");
  out.shape.clear();
  const std::string shape = detail::npy_header_field(header, "'shape'");
  for (std::size_t pos = 0; pos < shape.size();) {
    const std::size_t comma = shape.find(',', pos);
    const std::string item = shape.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (item.find_first_of("0123456789") != std::string::npos) out.shape.push_back(std::strtoull(item.c_str(), nullptr, 10));
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  const std::size_t elem = std::strtoul(out.descr.c_str() + 2, nullptr, 10);
  out.bytes.resize(out.count() * elem);
  const bool ok = out.bytes.empty() || std::fread(out.bytes.data(), 1, out.bytes.size(), f) == out.bytes.size();
  std::fclose(f);
  if (!ok) error = std::string(path) + ": fewer data bytes than the header declares";
  return ok;
}

// Fills an already sized vector from a .npy file whose data is exactly
// v.size() * sizeof(T) bytes. Returns false and sets `error` otherwise.
template <class T>
inline bool read_npy(const char* path, std::vector<T>& v, std::string& error) {
  NpyArray a;
  if (!read_npy(path, a, error)) return false;
  if (a.bytes.size() != v.size() * sizeof(T)) {
    error = std::string(path) + " holds " + std::to_string(a.bytes.size()) + " bytes, the buffer " +
            std::to_string(v.size() * sizeof(T));
    return false;
  }
  if (!a.bytes.empty()) std::memcpy(v.data(), a.bytes.data(), a.bytes.size());
  return true;
}

// As above; a failure is fatal (the input named by the spec must exist).
template <class T>
inline void read_npy(const char* path, std::vector<T>& v) {
  std::string error;
  if (read_npy(path, v, error)) return;
  read_npy_failed(error);
}

}  // namespace kq
