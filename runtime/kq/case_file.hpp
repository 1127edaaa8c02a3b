#pragma once
// The per-case values of a spec-driven host program: grid, block, shared
// bytes, scalar values, buffer counts and buffer inits, read at run time from
// a small text file, so every case of one kernel shape runs from one
// executable. One entry a line, "<key> <value>" (the value is the rest of the
// line, so a path may hold spaces):
//
//   grid 4 1 1
//   block 256 1 1
//   shared_bytes 0
//   scalar.n 1000
//   buffer.x.count 1000
//   buffer.x.dist uniform
//   buffer.x.lo -1
//   ...
//
// Header-only C++17 without dependencies, so g++, nvcc and hipcc compile it
// alike. A missing file, key or malformed number is fatal: recorded in
// result.json and exit 1, like a missing input .npy.
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "kq/host/npy.hpp"
#include "kq/host/rng.hpp"
#include "kq/host/run_result.hpp"

namespace kq {

[[noreturn]] inline void case_file_failed(const std::string& error) {
  write_current_result("runtime_error", error);
  std::fprintf(stderr, "%s\n", error.c_str());
  std::exit(1);
}

// How one buffer is filled; the fields mean what the launch spec's init means.
struct CaseInit {
  std::string dist;
  double lo = 0, hi = 0, mean = 0, stddev = 0, value = 0;
  std::int64_t hi_exclusive = 0;
  std::uint64_t seed = 0;
  std::string path;
};

class CaseFile {
 public:
  explicit CaseFile(const char* path) : path_(path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) case_file_failed(std::string("cannot read the case file ") + path);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      const std::size_t space = line.find(' ');
      if (space == std::string::npos) entries_[line] = "";
      else entries_[line.substr(0, space)] = line.substr(space + 1);
    }
  }

  const std::string& text(const std::string& key) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) case_file_failed(path_ + ": no entry '" + key + "'");
    return it->second;
  }

  double real(const std::string& key) const {
    const std::string& t = text(key);
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (end == t.c_str() || *end != '\0') bad_number(key, t);
    return v;
  }

  // Parsed as float directly, as the compiler reads a float literal.
  float real32(const std::string& key) const {
    const std::string& t = text(key);
    char* end = nullptr;
    const float v = std::strtof(t.c_str(), &end);
    if (end == t.c_str() || *end != '\0') bad_number(key, t);
    return v;
  }

  long long integer(const std::string& key) const {
    const std::string& t = text(key);
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(t.c_str(), &end, 10);
    if (end == t.c_str() || *end != '\0' || errno == ERANGE) bad_number(key, t);
    return v;
  }

  unsigned long long unsigned_integer(const std::string& key) const {
    const std::string& t = text(key);
    errno = 0;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(t.c_str(), &end, 10);
    if (end == t.c_str() || *end != '\0' || errno == ERANGE) bad_number(key, t);
    return v;
  }

  // An integer as its 64-bit pattern ("-1" is all ones), so a static_cast to
  // the scalar's type converts as the initialisation from a literal does.
  unsigned long long integer_bits(const std::string& key) const {
    const std::string& t = text(key);
    if (!t.empty() && t[0] == '-') return static_cast<unsigned long long>(integer(key));
    return unsigned_integer(key);
  }

  std::size_t count(const std::string& key) const { return static_cast<std::size_t>(unsigned_integer(key)); }

  // grid / block as three unsigned numbers.
  void dims(const std::string& key, unsigned out[3]) const {
    const std::string& t = text(key);
    const char* p = t.c_str();
    for (int i = 0; i < 3; ++i) {
      char* end = nullptr;
      out[i] = static_cast<unsigned>(std::strtoul(p, &end, 10));
      if (end == p) bad_number(key, t);
      p = end;
    }
  }

  CaseInit init(const std::string& buffer) const {
    const std::string k = "buffer." + buffer + ".";
    CaseInit i;
    i.dist = text(k + "dist");
    i.lo = real(k + "lo");
    i.hi = real(k + "hi");
    i.hi_exclusive = integer(k + "hi_exclusive");
    i.mean = real(k + "mean");
    i.stddev = real(k + "std");
    i.value = real(k + "value");
    i.seed = unsigned_integer(k + "seed");
    i.path = text(k + "path");
    return i;
  }

 private:
  [[noreturn]] void bad_number(const std::string& key, const std::string& t) const {
    case_file_failed(path_ + ": entry '" + key + "' is not a number: '" + t + "'");
  }

  std::string path_;
  std::map<std::string, std::string> entries_;
};

// Fills host buffer `h` (whose fill elements start at `p`, `n` of them) as
// the spec's init says, with the generators the baked programs call.
template <class Elem, class T>
inline void fill_from_case(const CaseInit& i, Elem* p, std::size_t n, std::vector<T>& h, std::size_t bytes) {
  if (i.dist == "uniform") fill_uniform(p, n, i.lo, i.hi, i.seed);
  else if (i.dist == "normal") fill_normal(p, n, i.mean, i.stddev, i.seed);
  else if (i.dist == "randint") fill_randint(p, n, static_cast<std::int64_t>(i.lo), i.hi_exclusive, i.seed);
  else if (i.dist == "iota") fill_iota(p, n);
  else if (i.dist == "zeros") fill_const(p, n, 0);
  else if (i.dist == "ones") fill_const(p, n, 1);
  else if (i.dist == "const") fill_const(p, n, i.value);
  else if (i.dist == "poison") fill_poison(h.data(), bytes, i.seed);
  else if (i.dist == "file") read_npy(i.path.c_str(), h);
  else case_file_failed("unknown init '" + i.dist + "'");
}

}  // namespace kq
