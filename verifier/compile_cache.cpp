#include "verifier/compile_cache.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/hash.hpp"
#include "core/paths.hpp"
#include "verifier/classify.hpp"
#include "verifier/sim_pch.hpp"
#include "core/result_cache.hpp"

namespace kq::verify {
namespace {

// Bounds the compiles running at once across every caller thread.
class CompileSlots {
 public:
  void acquire(unsigned limit) {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return busy_ < std::max(1u, limit); });
    ++busy_;
  }
  void release() {
    { std::lock_guard lock(mutex_); --busy_; }
    cv_.notify_one();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  unsigned busy_ = 0;
};

CompileSlots& slots() {
  static CompileSlots s;
  return s;
}

// One mutex per cache key, so a second request waits for the first compile.
std::shared_ptr<std::mutex> key_mutex(const std::string& key) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<std::mutex>> locks;
  std::lock_guard lock(mutex);
  auto m = locks[key].lock();
  if (!m) {
    m = std::make_shared<std::mutex>();
    locks[key] = m;
  }
  return m;
}

std::filesystem::path objects_dir(const VerifierOptions& o) {
  return (o.cache_dir.empty() ? default_cache_dir() : o.cache_dir) / "objects";
}

}  // namespace

std::string compile_key(const Toolchain& t, const std::map<std::string, std::string>& files) {
  std::string k = t.compiler.string() + "\n" + t.compiler_version + "\n" + t.wrapper_file + "\n";
  for (const auto& f : t.flags) k += f + "\n";
  for (const auto& f : t.libs) k += f + "\n";
  for (const auto& [name, content] : files) k += name + "\n" + xxh64_hex(content) + "\n";
  k += runtime_hash();
  return xxh64_hex(k);
}

CompileOutcome compile_cached(const Toolchain& t, const std::map<std::string, std::string>& files,
                              const VerifierOptions& o) {
  auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  };
  CompileOutcome out;
  if (t.compiler.empty()) {
    out.status = VerifyStatus::CompileError;
    out.log = "compiler for backend " + t.backend + " not found";
    return out;
  }
  const std::string key = compile_key(t, files);
  const auto final_dir = objects_dir(o) / key;
  auto lock_holder = key_mutex(key);
  std::lock_guard key_lock(*lock_holder);
  if (std::filesystem::exists(final_dir / "runner")) {
    out.executable = final_dir / "runner";
    out.cache_hit = true;
    out.wall_ms = elapsed();
    return out;
  }
  // A program that did not compile does not compile on a rerun either.
  const ResultCache results(o.cache_dir);
  const std::string failure_key = result_key("compile-failure-v1", {key});
  if (auto failed = results.get(failure_key)) {
    out.status = verify_status_from_string(failed->value("status", "")).value_or(VerifyStatus::CompileError);
    out.log = failed->value("log", "");
    out.cache_hit = true;
    out.wall_ms = elapsed();
    return out;
  }

  static std::atomic<unsigned> counter{0};
  auto build = objects_dir(o) / (".build-" + key + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(build);
  for (const auto& [name, content] : files) write_file_atomic(build / name, content);

  std::vector<std::string> argv{t.compiler.string()};
  const auto pch = sim_pch_flags(t, build, o.cache_dir);
  argv.insert(argv.end(), pch.begin(), pch.end());
  argv.insert(argv.end(), t.flags.begin(), t.flags.end());
  argv.insert(argv.end(), {t.wrapper_file, "-o", "runner"});
  argv.insert(argv.end(), t.libs.begin(), t.libs.end());
  SandboxOptions s;
  s.work_dir = build;
  s.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(o.compile_timeout);
  s.memory_mb = std::max<std::uint64_t>(o.memory_mb, 4096);
  s.memory_limit = t.compile_memory;
  // Compilers write large temporaries (sanitized assembly, fat binaries); the
  // run's file limit is for the untrusted program, not for them.
  s.file_size_mb = std::max<std::uint64_t>(o.file_size_mb, 1024);
  s.max_processes = o.max_processes;
  s.bubblewrap = o.bubblewrap;

  slots().acquire(o.jobs);
  SandboxResult r;
  try {
    r = sandbox_run(argv, s);
  } catch (...) {
    slots().release();
    std::filesystem::remove_all(build);
    throw;
  }
  slots().release();

  std::error_code pch_ec;
  std::filesystem::remove_all(build / "kq_pch", pch_ec);  // a link to the cache's header, not part of the build
  out.log = join_output(r);
  out.status = classify_compile(r);
  if (out.status == VerifyStatus::Pass && !std::filesystem::exists(build / "runner")) {
    out.status = VerifyStatus::LinkError;
    out.log += "\ncompiler reported success but wrote no executable";
  }
  if (out.status == VerifyStatus::Pass) {
    std::error_code ec;
    std::filesystem::rename(build, final_dir, ec);
    if (ec) std::filesystem::remove_all(build);  // another process finished it first
    out.executable = final_dir / "runner";
  } else {
    std::filesystem::remove_all(build);
    // A compiler stopped by the clock or a signal may succeed another time.
    if (out.status == VerifyStatus::CompileError || out.status == VerifyStatus::LinkError)
      results.put(failure_key, {{"status", std::string(to_string(out.status))}, {"log", out.log}});
  }
  out.wall_ms = elapsed();
  return out;
}

}  // namespace kq::verify
