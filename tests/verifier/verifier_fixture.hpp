#pragma once
// Shared by the verifier tests: one compile cache for every test process (ctest
// runs each test alone; entries are keyed by content, so sharing is safe and a
// unit compiled by one test is a cache hit in the next), short limits, and the
// test units under tests/verifier/data.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/fs.hpp"
#include "core/launch_spec.hpp"
#include "tests/support/test_support.hpp"
#include "verifier/verifier.hpp"

namespace kq::verify::testing {

inline std::filesystem::path data_dir() { return test::source_root() / "tests" / "verifier" / "data"; }

inline const std::filesystem::path& shared_cache() {
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("kq-tests-verifier-cache-" + std::to_string(getuid()));
  return dir;
}

inline VerifierOptions quick_options() {
  VerifierOptions o;
  o.jobs = 2;
  o.cache_dir = shared_cache();
  o.run_timeout = std::chrono::seconds(20);
  o.compile_timeout = std::chrono::seconds(240);
  o.memory_mb = 4096;
  o.file_size_mb = 64;
  o.max_processes = 64;
  return o;
}

inline std::string data(const std::string& file) { return read_file(data_dir() / file); }
inline LaunchSpec spec(const std::string& file) { return load_launch_spec((data_dir() / file).string()); }

}  // namespace kq::verify::testing
