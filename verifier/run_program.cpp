#include "verifier/run_program.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace kq::verify {
namespace {

class DevicePool {
 public:
  explicit DevicePool(std::size_t devices) : busy_(std::max<std::size_t>(1, devices), false) {}

  std::size_t acquire() {
    std::unique_lock lock(mutex_);
    for (;;) {
      for (std::size_t i = 0; i < busy_.size(); ++i) {
        if (busy_[i]) continue;
        busy_[i] = true;
        return i;
      }
      cv_.wait(lock);
    }
  }

  void release(std::size_t i) {
    { std::lock_guard lock(mutex_); busy_[i] = false; }
    cv_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<bool> busy_;
};

DevicePool& pool_for(GpuVendor vendor) {
  static DevicePool nvidia(nvidia_devices().size());
  static DevicePool amd(amd_devices().size());
  return vendor == GpuVendor::Amd ? amd : nvidia;
}

}  // namespace

SandboxResult run_program(const std::filesystem::path& executable, const std::filesystem::path& out_dir,
                          const Toolchain& t, const VerifierOptions& o, std::map<std::string, std::string> env) {
  SandboxOptions s;
  s.work_dir = out_dir;
  s.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(o.run_timeout);
  s.memory_mb = o.memory_mb;
  s.memory_limit = t.run_memory;
  s.file_size_mb = o.file_size_mb;
  s.max_processes = o.max_processes;
  s.bubblewrap = o.bubblewrap;
  s.gpu = t.gpu;
  // What cpu-sim runs is what a user's machine runs when it evaluates the task.
  s.deny_host_calls = t.sim;
  if (t.sim) {
    // Leaks are not a kernel's fault; an out-of-bounds access is, and ends the run.
    env["ASAN_OPTIONS"] = "detect_leaks=0:allocator_may_return_null=1:halt_on_error=1";
    // Up to o.jobs simulations run at once: each gets its share of the cores,
    // not all of them, or oversubscription turns long cases into timeouts.
    if (!env.count("KQ_SIM_THREADS") && !std::getenv("KQ_SIM_THREADS")) {
      unsigned cores = std::max(1u, std::thread::hardware_concurrency());
      env["KQ_SIM_THREADS"] = std::to_string(std::max(1u, cores / std::max(1u, o.jobs)));
    }
  }
  s.env_set = std::move(env);
  if (!t.gpu) return sandbox_run({executable.string()}, s);

  const Backend& b = t.spec ? *t.spec : backend_named(t.backend);
  auto& pool = pool_for(b.vendor);
  std::size_t device = pool.acquire();
  s.env_set[std::string(b.device_variable)] = std::to_string(device);
  try {
    auto r = sandbox_run({executable.string()}, s);
    pool.release(device);
    return r;
  } catch (...) {
    pool.release(device);
    throw;
  }
}

}  // namespace kq::verify
