#include "tests/runtime/gpu_reference.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <sstream>

#include "core/fs.hpp"
#include "core/subprocess.hpp"
#include "tests/runtime/sim_programs.hpp"
#include "tests/support/test_support.hpp"

namespace kq::test {

namespace fs = std::filesystem;

ProgramOutput parse_program_output(const std::string& text) {
  ProgramOutput out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto open = line.find('['), close = line.find("] ");
    if (line.rfind("ops ", 0) == 0) {
      std::istringstream words(line.substr(4));
      std::string label, name;
      words >> label;
      while (words >> name) out.ops[label].push_back(name);
    } else if (open != std::string::npos && close != std::string::npos && open < close &&
               line.find(' ') == close + 1) {
      out.values.push_back({line.substr(0, open), std::stoi(line.substr(open + 1, close - open - 1)),
                            std::stoull(line.substr(close + 2), nullptr, 16)});
    } else if (!line.empty()) {
      out.other_lines.push_back(line);
    }
  }
  return out;
}

namespace {

// Distance in units in the last place, over the ordered integer line of the format.
long long ordered(std::uint64_t bits, int width) {
  const std::uint64_t sign = 1ull << (width - 1);
  const std::uint64_t magnitude = bits & (sign - 1);
  return (bits & sign) ? -static_cast<long long>(magnitude) : static_cast<long long>(magnitude);
}

double as_float(std::uint64_t bits) {
  float f;
  const std::uint32_t b = static_cast<std::uint32_t>(bits);
  std::memcpy(&f, &b, 4);
  return f;
}

bool within(const Tolerance& t, std::uint64_t a, std::uint64_t b) {
  switch (t.kind) {
    case Tolerance::Kind::Exact: return false;
    case Tolerance::Kind::NotCompared: return true;
    case Tolerance::Kind::FloatUlps: return std::llabs(ordered(a & 0xffffffffu, 32) - ordered(b & 0xffffffffu, 32)) <= t.amount;
    case Tolerance::Kind::DoubleUlps: return std::llabs(ordered(a, 64) - ordered(b, 64)) <= t.amount;
    case Tolerance::Kind::FloatRelative: {
      const double x = as_float(a), y = as_float(b);
      if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
      return std::fabs(x - y) <= t.amount * std::fmax(1.0, std::fabs(x));
    }
  }
  return false;
}

std::string hex(std::uint64_t v) {
  std::ostringstream s;
  s << std::hex << v;
  return s.str();
}

}  // namespace

std::map<std::string, Agreement> compare_outputs(const ProgramOutput& gpu, const ProgramOutput& sim,
                                                 const Classifier& tolerance,
                                                 const std::function<std::string(const GpuValue&)>& group) {
  std::map<std::string, const GpuValue*> sim_values;
  for (const GpuValue& v : sim.values) sim_values[v.label + "[" + std::to_string(v.index) + "]"] = &v;
  std::map<std::string, Agreement> out;
  for (const GpuValue& g : gpu.values) {
    Agreement& a = out[group(g)];
    ++a.compared;
    const std::string key = g.label + "[" + std::to_string(g.index) + "]";
    const auto it = sim_values.find(key);
    const bool equal = it != sim_values.end() && it->second->bits == g.bits;
    const bool close = equal || (it != sim_values.end() && within(tolerance(g), g.bits, it->second->bits));
    a.bit_equal += equal;
    a.within_tolerance += close;
    if (!close && a.mismatches.size() < 5)
      a.mismatches.push_back(key + ": gpu " + hex(g.bits) + ", cpu-sim " +
                             (it == sim_values.end() ? std::string("missing") : hex(it->second->bits)));
  }
  return out;
}

std::string recorded_gpu_output(const std::string& name) {
  return read_file(runtime_programs_dir() / "gpu" / "h200" / (name + ".gpu.txt"));
}

std::string live_gpu_output(const std::string& name, std::string& why) {
  const fs::path nvcc = fs::exists("/usr/local/cuda/bin/nvcc") ? fs::path("/usr/local/cuda/bin/nvcc") : find_program("nvcc");
  if (nvcc.empty()) {
    why = "nvcc not found";
    return {};
  }
  const fs::path smi = find_program("nvidia-smi");
  if (smi.empty() || !run_process({smi.string(), "-L"}).ok()) {
    why = "no NVIDIA GPU (nvidia-smi -L fails)";
    return {};
  }
  static TempDir dir;
  const fs::path binary = dir.path() / name;
  RunOptions o;
  o.timeout = std::chrono::seconds(600);
  const RunResult build = run_process({nvcc.string(), "-std=c++17", "-O2", "-arch=native",
                                       (runtime_programs_dir() / "gpu" / (name + ".cu")).string(), "-o",
                                       binary.string()},
                                      o);
  if (!build.ok()) {
    ADD_FAILURE() << "nvcc build of " << name << " failed: " << build.err;
    return {};
  }
  const RunResult run = run_process({binary.string()}, o);
  EXPECT_TRUE(run.ok()) << name << " on the GPU: " << run.describe() << "\n" << run.err;
  return run.out;
}

}  // namespace kq::test
