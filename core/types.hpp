#pragma once
// Shared vocabulary of the pipeline: dialects, languages, stages and statuses.
#include <optional>
#include <string>
#include <string_view>

namespace kq {

// Process exit codes, as DESIGN.md fixes them for every command.
enum class ExitCode : int { Ok = 0, SomeFailed = 1, Usage = 2, RunFailed = 3 };

enum class Dialect { Cuda, Hip };
enum class Language { Cuda, Hip, Cpp };

// Kernel lifecycle, in pipeline order.
enum class Stage {
  Discovered, Extracted, StandaloneOk, Analyzed, Synthesized, Verified, Curated, Released
};

enum class VerifyStatus {
  CompileError, LinkError, RuntimeError, Crash, Timeout, Mismatch, Nondeterministic, Pass
};

std::string_view to_string(Dialect d);
std::string_view to_string(Language l);
std::string_view to_string(Stage s);
std::string_view to_string(VerifyStatus s);

std::optional<Dialect> dialect_from_string(std::string_view s);
std::optional<Language> language_from_string(std::string_view s);
std::optional<Stage> stage_from_string(std::string_view s);
std::optional<VerifyStatus> verify_status_from_string(std::string_view s);

inline int to_int(ExitCode c) { return static_cast<int>(c); }

}  // namespace kq
