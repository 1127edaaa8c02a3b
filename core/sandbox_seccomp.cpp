#include "core/sandbox_seccomp.hpp"

#ifdef KQ_HAVE_SECCOMP
#include <sched.h>
#include <seccomp.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#endif

#include "core/error.hpp"

namespace kq {

const std::vector<std::string>& seccomp_denied_calls() {
  static const std::vector<std::string> calls = {
      // processes (clone only without CLONE_THREAD; see the rule below)
      "fork", "vfork", "clone", "execveat", "ptrace", "process_vm_readv", "process_vm_writev",
      // network
      "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4",
      // namespaces, mounts and the kernel itself
      "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "keyctl", "add_key", "request_key", "bpf",
      "perf_event_open", "init_module", "finit_module", "delete_module", "kexec_load", "reboot", "swapon",
      "swapoff"};
  return calls;
}

#ifdef KQ_HAVE_SECCOMP

bool seccomp_available() { return true; }

namespace {

void add_rule(scmp_filter_ctx ctx, const std::string& name) {
  int nr = seccomp_syscall_resolve_name(name.c_str());
  if (nr == __NR_SCMP_ERROR) return;  // not a call on this architecture
  int rc = name == "clone"
               // A new thread shares the address space and is no new process.
               ? seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, nr, 1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0))
               : seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, nr, 0);
  if (rc != 0) throw Error("seccomp: cannot add a rule for " + name + " (error " + std::to_string(rc) + ")");
}

std::string build_filter() {
  std::unique_ptr<void, void (*)(scmp_filter_ctx)> ctx(seccomp_init(SCMP_ACT_ALLOW), seccomp_release);
  if (!ctx) throw Error("seccomp: cannot create a filter");
  for (const auto& name : seccomp_denied_calls()) add_rule(ctx.get(), name);
  // clone3 passes its flags in memory a filter cannot read: refusing it with
  // ENOSYS makes the C library fall back to clone, which the rule above sees.
  if (int rc = seccomp_rule_add(ctx.get(), SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0); rc != 0)
    throw Error("seccomp: cannot add a rule for clone3 (error " + std::to_string(rc) + ")");
  std::FILE* f = std::tmpfile();
  if (!f) throw Error("seccomp: cannot create a temporary file for the filter");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(f, std::fclose);
  if (int rc = seccomp_export_bpf(ctx.get(), fileno(f)); rc != 0)
    throw Error("seccomp: cannot export the filter (error " + std::to_string(rc) + ")");
  std::string bytes;
  std::rewind(f);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.append(buf, n);
  return bytes;
}

}  // namespace

const std::string& seccomp_filter_bpf() {
  static const std::string bytes = build_filter();
  return bytes;
}

#else

bool seccomp_available() { return false; }

const std::string& seccomp_filter_bpf() {
  static const std::string none;
  return none;
}

#endif

}  // namespace kq
