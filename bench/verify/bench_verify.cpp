// Verification benchmark. For each backend (default: every backend that can
// run here; --backends cpu-sim,cuda,hip-nvidia picks), one saxpy spec of 1M
// elements is run twice from an empty compile cache: the first run compiles,
// the second is a cache hit, so the pair gives the cache's speedup and the
// end-to-end time of a verified case. GPU backends also report kernel time.
// Writes bench/results/verify.json with the machine and the commit.
//
//   kq_bench_verify [--backends B1,B2] [--out bench/results/verify.json] [--cache DIR]
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "bench/common/bench_env.hpp"
#include "core/fs.hpp"
#include "core/launch_spec.hpp"
#include "core/subprocess.hpp"
#include "verifier/verifier.hpp"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path kSourceDir = KQ_SOURCE_DIR;

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream s(list);
  for (std::string item; std::getline(s, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

json run_backend(const std::string& backend, const kq::LaunchSpec& spec, const kq::verify::VerifierOptions& options,
                 const fs::path& work) {
  bool hip = backend == "hip-amd" || backend == "hip-nvidia";
  auto unit = kq::read_file(kSourceDir / "bench" / "verify" / (hip ? "saxpy.hip" : "saxpy.cu"));
  auto dialect = hip ? kq::Dialect::Hip : kq::Dialect::Cuda;
  auto cold = kq::verify::run_spec(unit, dialect, spec, backend, work / (backend + "-cold"), options);
  auto warm = kq::verify::run_spec(unit, dialect, spec, backend, work / (backend + "-warm"), options);
  auto agree = kq::verify::compare_outputs(work / (backend + "-cold"), work / (backend + "-warm"), spec);
  json j{{"backend", backend},
         {"status", std::string(kq::to_string(warm.status))},
         {"cold_ms", cold.wall_ms},
         {"cached_ms", warm.wall_ms},
         {"cache_hit", warm.cache_hit},
         {"cache_speedup", warm.wall_ms > 0 ? static_cast<double>(cold.wall_ms) / warm.wall_ms : 0.0},
         {"runs_agree", agree.equal},
         {"device", warm.device}};
  if (warm.kernel_ms >= 0) j["kernel_ms"] = warm.kernel_ms;
  if (!warm.passed()) j["log"] = warm.log.substr(0, 2000);
  std::cout << backend << ": " << j["status"].get<std::string>() << ", compile+run " << cold.wall_ms
            << " ms, cached run " << warm.wall_ms << " ms (" << j["cache_speedup"].get<double>() << "x)";
  if (warm.kernel_ms >= 0) std::cout << ", kernel " << warm.kernel_ms << " ms";
  std::cout << (agree.equal ? "" : ", RUNS DISAGREE") << "\n";
  return j;
}

// N cases of one kernel shape (sizes, scalars and seeds differ), run one after
// another from an empty cache, as synthesis and curation do for a kernel's tests.
json run_cases(const std::string& backend, const kq::LaunchSpec& base, kq::verify::VerifierOptions options,
               const fs::path& work, unsigned cases) {
  bool hip = backend == "hip-amd" || backend == "hip-nvidia";
  auto unit = kq::read_file(kSourceDir / "bench" / "verify" / (hip ? "saxpy.hip" : "saxpy.cu"));
  auto dialect = hip ? kq::Dialect::Hip : kq::Dialect::Cuda;
  options.cache_dir = work / (backend + "-cases-cache");
  options.timing = false;
  auto started = std::chrono::steady_clock::now();
  unsigned hits = 0, passed = 0;
  for (unsigned i = 0; i < cases; ++i) {
    kq::LaunchSpec spec = base;
    spec.name = "case" + std::to_string(i);
    const unsigned n = 1000u * (i + 1) + 7 * i;
    spec.grid = {(n + 255) / 256, 1, 1};
    for (auto& a : spec.args) {
      if (a.name == "n") a.value = n;
      else if (a.name == "a") a.value = 0.5 + i;
      else a.count = n, a.init.seed += 10 * i;
    }
    auto r = kq::verify::run_spec(unit, dialect, spec, backend, work / (backend + "-case" + std::to_string(i)), options);
    hits += r.cache_hit;
    passed += r.passed();
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  std::cout << backend << ": " << cases << " cases of one kernel in " << ms << " ms (" << hits << " cache hits, "
            << passed << " passed)\n";
  return {{"cases", cases}, {"total_ms", ms}, {"cache_hits", hits}, {"passed", passed}};
}

}  // namespace

int main(int argc, char** argv) {
  std::string backends_arg, cache_arg;
  fs::path out = kSourceDir / "bench" / "results" / "verify.json";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--backends") backends_arg = argv[i + 1];
    else if (flag == "--out") out = argv[i + 1];
    else if (flag == "--cache") cache_arg = argv[i + 1];
    else {
      std::cerr << "usage: kq_bench_verify [--backends B1,B2] [--out FILE] [--cache DIR]\n";
      return 2;
    }
  }
  auto work = kq::make_temp_dir(fs::temp_directory_path(), "kq-bench-verify-");
  kq::verify::VerifierOptions options;
  options.jobs = 1;
  options.cache_dir = cache_arg.empty() ? work / "cache" : fs::path(cache_arg);
  options.timing = true;
  options.run_timeout = std::chrono::seconds(300);
  auto backends = backends_arg.empty() ? kq::verify::available_backends(options, true) : split(backends_arg);
  auto spec = kq::load_launch_spec((kSourceDir / "bench" / "verify" / "saxpy.json").string());

  json results = json::array();
  for (const auto& b : backends) {
    try {
      auto j = run_backend(b, spec, options, work);
      j["cases_of_one_kernel"] = run_cases(b, spec, options, work, 6);
      results.push_back(std::move(j));
    } catch (const std::exception& e) {
      std::cout << b << ": not measured: " << e.what() << "\n";
      results.push_back({{"backend", b}, {"error", e.what()}});
    }
  }
  json report{{"benchmark", "verify"}, {"machine", kq::bench::machine()}, {"commit", kq::bench::git_commit(KQ_SOURCE_DIR)},
              {"sandbox", kq::verify::sandbox_description(options)}, {"spec", "saxpy, 1048576 floats"},
              {"backends", results}};
  fs::create_directories(out.parent_path());
  kq::write_file_atomic(out, report.dump(2) + "\n");
  std::cout << "wrote " << out.string() << "\n";
  fs::remove_all(work);
  return 0;
}
