#include "verifier/classify.hpp"

#include <csignal>
#include <cstring>

namespace kq::verify {

std::string signal_text(int signal) {
  const char* abbrev = sigabbrev_np(signal);
  const char* desc = strsignal(signal);
  std::string s = abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(signal);
  return desc ? s + " (" + desc + ")" : s;
}

std::string join_output(const SandboxResult& r) {
  std::string log = r.err;
  if (!r.out.empty()) log += (log.empty() || log.back() == '\n' ? "" : "\n") + r.out;
  if (r.output_truncated) log += "\n[output truncated]";
  std::string end;
  if (r.spawn_failed) end = "could not start: " + r.err;
  else if (r.timed_out) end = "timeout after " + std::to_string(r.wall_ms) + " ms";
  else if (r.term_signal) end = "killed by " + signal_text(r.term_signal);
  else if (r.exit_code != 0) end = "exit status " + std::to_string(r.exit_code);
  if (!end.empty()) log += (log.empty() || log.back() == '\n' ? "" : "\n") + end;
  return log;
}

VerifyStatus classify_compile(const SandboxResult& r) {
  if (r.timed_out) return VerifyStatus::Timeout;
  if (r.term_signal) return VerifyStatus::Crash;
  if (r.ok()) return VerifyStatus::Pass;
  const std::string& e = r.err;
  bool linker = e.find("undefined reference") != std::string::npos || e.find("ld returned") != std::string::npos ||
                e.find("ld.lld:") != std::string::npos || e.find("nvlink error") != std::string::npos ||
                e.find("multiple definition of") != std::string::npos;
  // A diagnostic of the compiler proper ("unit.cu:12:3: error: ..."), not of the linker driver.
  bool compiler = false;
  std::size_t pos = 0;
  while (pos < e.size()) {
    auto nl = e.find('\n', pos);
    auto line = e.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? e.size() : nl + 1;
    if (line.find("error") == std::string::npos) continue;
    if (line.rfind("collect2", 0) == 0 || line.find("ld:") != std::string::npos ||
        line.find("ld.lld") != std::string::npos || line.find("nvlink") != std::string::npos)
      continue;
    if (line.find(": error") != std::string::npos || line.find("): error") != std::string::npos) compiler = true;
  }
  return linker && !compiler ? VerifyStatus::LinkError : VerifyStatus::CompileError;
}

int sanitizer_signal(const std::string& err) {
  static const std::pair<const char*, int> kSignals[] = {
      {"ERROR: AddressSanitizer: SEGV", SIGSEGV}, {"ERROR: AddressSanitizer: BUS", SIGBUS},
      {"ERROR: AddressSanitizer: FPE", SIGFPE}, {"ERROR: AddressSanitizer: ILL", SIGILL},
      {"ERROR: AddressSanitizer: ABRT", SIGABRT}, {"ERROR: AddressSanitizer: stack-overflow", SIGSEGV}};
  for (const auto& [text, sig] : kSignals)
    if (err.find(text) != std::string::npos) return sig;
  return 0;
}

VerifyStatus classify_run(const SandboxResult& r) {
  if (r.timed_out) return VerifyStatus::Timeout;
  if (r.term_signal) return VerifyStatus::Crash;
  // AddressSanitizer turns a fatal signal into a report and exit 1: still a crash.
  if (sanitizer_signal(r.err)) return VerifyStatus::Crash;
  if (r.spawn_failed || r.exit_code != 0) return VerifyStatus::RuntimeError;
  if (r.err.find("ERROR: AddressSanitizer") != std::string::npos) return VerifyStatus::RuntimeError;
  return VerifyStatus::Pass;
}

std::string run_log(const SandboxResult& r) {
  // The runtime's own diagnostics ("kq-sim: ... buffer 'y' ...") say the most; they go first.
  std::string head;
  std::size_t pos = 0;
  while (pos < r.err.size()) {
    auto nl = r.err.find('\n', pos);
    auto line = r.err.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? r.err.size() : nl + 1;
    if (line.rfind("kq-sim:", 0) == 0) head += line + "\n";
  }
  if (int sig = sanitizer_signal(r.err); sig && !r.term_signal)
    head += "killed by " + signal_text(sig) + " (reported by AddressSanitizer)\n";
  return head + join_output(r);
}

}  // namespace kq::verify
