#pragma once
// Runs one launch spec of one unit on a backend and classifies what happened;
// compares the output folders of two runs. Everything untrusted (compilers on
// mined code, the programs they build) runs through kq::sandbox_run, so a
// compiler abort, a crash, a hang, a fork loop or an endless writer ends as the
// status of that case and the caller goes on.
//
// Backends (DESIGN.md, "Backends"):
//   cpu-sim     g++ + runtime/kq/cpu_sim.hpp, runner built with -fsanitize=address
//   cuda        nvcc -arch=<verifier.cuda_arch>, runs on an NVIDIA GPU
//   hip-amd     hipcc --offload-arch=<each of verifier.hip_archs>, runs on an AMD GPU
//   hip-nvidia  nvcc + runtime/kq/hip_on_cuda, HIP source run on an NVIDIA GPU
//
// An output folder holds, after a run: `<name>.npy` for every out/inout buffer,
// `<name>.in_after.npy` for every in buffer, `result.json` (status, stage,
// kernel_ms, device, error text), the rendered wrapper with the case's values
// written in, `case.txt` and the build/run log.
//
// The program actually compiled is the spec-driven runner (wrapper_gen.hpp):
// it reads the case's geometry, scalar values and buffer inits from case.txt,
// so the compile cache key covers the unit, the kernel's argument list and
// template arguments, the backend and its flags, and every further case of
// one kernel shape is a cache hit.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/launch_spec.hpp"
#include "core/sandbox.hpp"
#include "core/types.hpp"

namespace kq {
class Config;
}

namespace kq::verify {

struct VerifierOptions {
  unsigned jobs = 1;                      // parallel compiles (runs on one GPU stay serial)
  std::filesystem::path cache_dir;        // executables cached under <cache_dir>/objects/
  std::chrono::seconds run_timeout{60};
  std::chrono::seconds compile_timeout{300};
  std::uint64_t memory_mb = 8192;
  std::uint64_t file_size_mb = 512;
  std::uint64_t max_processes = 256;
  BubblewrapMode bubblewrap = BubblewrapMode::Auto;
  std::string cuda_arch = "sm_90";
  std::vector<std::string> hip_archs{"gfx90a", "gfx1030"};
  bool timing = false;                    // warm-up + timed launches after the correctness run
  unsigned timed_launches = 10;
  // Compilers; a name is looked up in PATH (nvcc also in /usr/local/cuda/bin).
  std::string cxx = "g++";
  std::string nvcc = "nvcc";
  std::string hipcc = "hipcc";

  // Reads the verifier.* keys; throws kq::UsageError for a bad value.
  static VerifierOptions from_config(const Config& config, const std::filesystem::path& cache_dir);
};

// What one backend can do on this machine.
struct BackendInfo {
  std::string name;                       // cpu-sim, cuda, hip-amd, hip-nvidia
  bool can_compile = false;
  bool can_run = false;
  std::string compiler;                   // path of the compiler found, or empty
  std::string compiler_version;           // first line of `--version`
  std::vector<std::string> devices;       // GPUs found (nvidia-smi -L, rocminfo), or "host CPU"
  std::string note;                       // why a step is not possible, in words
};

// Probes every backend (compilers, devices); results are cached per process.
std::vector<BackendInfo> probe_backends(const VerifierOptions& options);

// Names of the backends that can compile (need_run false) or compile and run
// (need_run true) on this machine, in the order of the table above.
std::vector<std::string> available_backends(const VerifierOptions& options, bool need_run);

// The sandbox in use, in words ("bubblewrap: no network, read-only root" or
// "rlimits only: bubblewrap failed: ...").
std::string sandbox_description(const VerifierOptions& options);

struct CaseResult {
  std::string case_name;                  // the spec's name
  std::string backend;
  VerifyStatus status = VerifyStatus::RuntimeError;
  std::string stage;                      // compile, link, run or compare
  std::string log;                        // compiler or program output, ASan report, first difference
  double kernel_ms = -1;                  // mean of the timed launches; -1 when not timed
  std::int64_t wall_ms = 0;               // compile + run, as seen by the caller
  bool cache_hit = false;                 // the executable came from the cache
  std::string device;                     // device the kernel ran on
  std::filesystem::path out_dir;

  bool passed() const { return status == VerifyStatus::Pass; }
};

// Renders the wrapper for `backend`, compiles it (cached) and runs it once on
// fresh buffers, writing the output folder described above. Status Pass means
// "the program ran to the end"; outputs are judged by compare_outputs.
// `schedule` (cpu-sim only) is KQ_SIM_SCHEDULE: forward, reverse, shuffle:SEED.
// Throws kq::UsageError for an unknown backend and kq::Error when the backend
// cannot compile here (check available_backends first); never for the unit.
CaseResult run_spec(const std::string& unit_source, Dialect dialect, const LaunchSpec& spec,
                    const std::string& backend, const std::filesystem::path& out_dir,
                    const VerifierOptions& options, const std::string& schedule = "");

struct Comparison {
  bool equal = false;
  std::size_t mismatches = 0;             // elements that differ, over all buffers
  std::string first_diff;                 // "y[17]: expected 1.5 got 2 (x[17]=0.25)"
};

// SameCode: two runs of one program (schedules, reruns, a task's candidate
// against its reference): NaN equals NaN only, Inf equals the same Inf.
// AcrossImplementations: a backend against a golden built another way; where a
// value overflows, NaN, Inf and a finite value beyond half the type's range
// agree, since operation order and fma contraction legitimately differ there.
enum class CompareMode { SameCode, AcrossImplementations };

// Compares every out/inout buffer of two output folders element by element with
// the spec's rtol/atol (NaN equals NaN only in the same place; integers and
// struct bytes exactly), and checks that each `<name>.in_after.npy` in
// actual_dir still holds the bytes the spec's init produced (as found in
// expected_dir). Missing files are differences, never exceptions.
Comparison compare_outputs(const std::filesystem::path& expected_dir,
                           const std::filesystem::path& actual_dir, const LaunchSpec& spec,
                           CompareMode mode = CompareMode::SameCode);

// How the outputs of one case under several thread schedules differ from the
// run under the reference schedule. They differ `order_only` when every
// difference is a floating-point element whose value moved by no more than
// a different order of additions moves it (relative to the largest value
// of its buffer); an integer or byte element, an input, a value finite under
// one schedule and not under another, or a larger move makes it structural,
// named in `reason`.
struct ScheduleSpread {
  bool order_only = true;
  std::string reason;
  double max_abs = 0;        // largest |difference| of a floating-point element
  double max_rel = 0;        // the same, over the largest |value| of its buffer
  std::size_t differing = 0; // elements that differ in at least one run
};
ScheduleSpread measure_schedule_spread(const std::filesystem::path& reference_dir,
                                       const std::vector<std::filesystem::path>& run_dirs, const LaunchSpec& spec);

// Runs a CPU reference: `golden_source` defines
//   void kq_golden(<the kernel's parameters, buffers as host pointers>);
// in the order of spec.args (device variables, kind symbol, last, as host
// pointers). It is compiled with g++ (ASan) and called on the spec's buffers;
// outputs are written as run_spec writes them, what it prints as printf.txt.
CaseResult run_golden(const std::string& golden_source, const LaunchSpec& spec,
                      const std::filesystem::path& out_dir, const VerifierOptions& options);

// Runs the unit on cpu-sim under the schedules forward, reverse and
// shuffle:<seed> (into out_dir/<schedule>/) and compares them: status
// Nondeterministic (with the first difference in log) when they differ,
// otherwise the status of the runs. out_dir/forward is the reference output.
CaseResult check_determinism(const std::string& unit_source, Dialect dialect, const LaunchSpec& spec,
                             const std::filesystem::path& out_dir, const VerifierOptions& options,
                             std::uint64_t shuffle_seed = 1);

// check_determinism, and where the outputs differ, `extra_shuffles` more
// shuffled schedules (out_dir/shuffle-<seed>/) whose spread decides: with
// `tolerate_order`, outputs that differ only as floating-point accumulation
// in another order (ScheduleSpread::order_only) pass, with `tolerance` the
// spec's widened to cover `margin` times the largest difference seen and
// `basis` saying so; anything else stays Nondeterministic with the reason.
struct ScheduleCheckOptions {
  bool tolerate_order = false;
  int extra_shuffles = 5;
  double margin = 4.0;
};
struct ScheduleCheck {
  CaseResult result;
  std::optional<CompareSpec> tolerance;  // set when the case passes only with a widened tolerance
};
ScheduleCheck check_schedules(const std::string& unit_source, Dialect dialect, const LaunchSpec& spec,
                              const std::filesystem::path& out_dir, const VerifierOptions& options,
                              const ScheduleCheckOptions& check);

// Writes result.json of a CaseResult into its out_dir (run_spec does it already;
// callers that change a status, like compare, write it again).
void write_result_json(const CaseResult& result);

}  // namespace kq::verify
