#include "tests/runtime/sim_programs.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include <unistd.h>

#include "core/fs.hpp"
#include "core/hash.hpp"
#include "runtime/kq/sim_tooling.hpp"
#include "tests/support/test_support.hpp"

namespace kq::test {

namespace fs = std::filesystem;

fs::path runtime_programs_dir() { return source_root() / "tests" / "runtime" / "programs"; }

namespace {

// Every runtime header, so a change to any of them rebuilds the programs.
std::string runtime_fingerprint() {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(source_root() / "runtime" / "kq"))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::string all;
  for (const fs::path& f : files) all += f.string() + "\n" + read_file(f);
  return all;
}

std::vector<std::string> build_flags(const SimBuild& b) {
  const std::string source = read_file(runtime_programs_dir() / b.program);
  std::vector<std::string> flags = sim_tooling::compile_flags((source_root() / "runtime").string(), b.warp_size,
                                                              sim_tooling::extern_shared_names(source), b.asan,
                                                              sim_tooling::launch_bounds(source),
                                                              sim_tooling::static_shared_bytes(source));
  flags.insert(flags.begin(), b.asan ? "-O1" : "-O2");
  flags.insert(flags.begin() + 1, "-g");
  flags.insert(flags.end() - 2, b.extra_flags.begin(), b.extra_flags.end());  // before "-x c++"
  return flags;
}

}  // namespace

fs::path build_sim_program(const SimBuild& b) {
  const std::vector<std::string> flags = build_flags(b);
  std::string key = read_file(runtime_programs_dir() / b.program) + runtime_fingerprint();
  for (const std::string& f : flags) key += "\n" + f;
  const fs::path dir = fs::temp_directory_path() / "kq-runtime-tests";
  fs::create_directories(dir);
  const fs::path binary = dir / (fs::path(b.program).stem().string() + "-" + xxh64_hex(key));
  if (fs::exists(binary)) return binary;

  const fs::path partial = binary.string() + ".part" + std::to_string(::getpid());
  std::vector<std::string> argv = {"g++"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  argv.push_back((runtime_programs_dir() / b.program).string());
  argv.push_back("-o");
  argv.push_back(partial.string());
  for (const std::string& l : sim_tooling::link_flags()) argv.push_back(l);
  RunOptions o;
  o.timeout = std::chrono::seconds(300);
  const RunResult r = run_process(argv, o);
  if (!r.ok()) {
    ADD_FAILURE() << "building " << b.program << " failed (" << r.describe() << "):\n" << r.err;
    return {};
  }
  fs::rename(partial, binary);
  return binary;
}

RunResult run_sim_program(const fs::path& binary, const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv = {binary.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  RunOptions o;
  o.timeout = std::chrono::seconds(60);
  o.env_set = env;
  return run_process(argv, o);
}

std::vector<double> numbers_on_line(const std::string& out, std::size_t line) {
  std::istringstream lines(out);
  std::string text;
  for (std::size_t i = 0; i <= line; ++i)
    if (!std::getline(lines, text)) return {};
  std::istringstream in(text);
  std::vector<double> values;
  double v;
  while (in >> v) values.push_back(v);
  return values;
}

}  // namespace kq::test
