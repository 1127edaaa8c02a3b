#pragma once
// The system-call filter for programs that must be inert on the host (cpu-sim
// runs of untrusted kernels): a BPF program, made with libseccomp and handed
// to bubblewrap (`--seccomp FD`), that kills the process when it tries to
// start another process, open a socket, or change namespaces, mounts or
// kernel state. Threads (clone with CLONE_THREAD) stay allowed: cpu-sim runs
// blocks on a thread pool. Time and environment reads never reach the kernel
// as system calls (vDSO, libc), so those are left to the static check
// (core/host_reach.hpp).
#include <string>
#include <vector>

namespace kq {

// True when this build has libseccomp.
bool seccomp_available();

// The filter as BPF bytes, made once; empty when libseccomp is unavailable.
const std::string& seccomp_filter_bpf();

// The calls the filter kills the process for, by name (for docs and tests).
const std::vector<std::string>& seccomp_denied_calls();

}  // namespace kq
