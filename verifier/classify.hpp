#pragma once
// Turns what a sandboxed compile or run did into a verification status.
#include <string>

#include "core/sandbox.hpp"
#include "core/types.hpp"

namespace kq::verify {

// "SIGSEGV (Segmentation fault)".
std::string signal_text(int signal);

// stderr then stdout, with a line saying how the process ended when it did not
// exit 0 ("killed by SIGABRT (Aborted)", "timeout after 60000 ms").
std::string join_output(const SandboxResult& r);

// Pass, CompileError, LinkError (the linker complained), Crash (the compiler
// died by a signal), Timeout.
VerifyStatus classify_compile(const SandboxResult& r);

// Pass, RuntimeError (non-zero exit, sanitizer report), Crash (a signal, also
// one AddressSanitizer caught and reported), Timeout. The
// program's own verdict (result.json) is checked by the caller.
VerifyStatus classify_run(const SandboxResult& r);

// The log of a run: the runtime's own diagnostics first, then join_output.
std::string run_log(const SandboxResult& r);

}  // namespace kq::verify
