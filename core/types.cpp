#include "core/types.hpp"

#include <array>
#include <utility>

namespace kq {
namespace {

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table)
    if (e == value) return name;
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view s) {
  for (const auto& [e, name] : table)
    if (name == s) return e;
  return std::nullopt;
}

constexpr std::array<std::pair<Dialect, std::string_view>, 2> kDialects{{
    {Dialect::Cuda, "cuda"}, {Dialect::Hip, "hip"}}};
constexpr std::array<std::pair<Language, std::string_view>, 3> kLanguages{{
    {Language::Cuda, "cuda"}, {Language::Hip, "hip"}, {Language::Cpp, "cpp"}}};
constexpr std::array<std::pair<Stage, std::string_view>, 8> kStages{{
    {Stage::Discovered, "discovered"},
    {Stage::Extracted, "extracted"},
    {Stage::StandaloneOk, "standalone_ok"},
    {Stage::Analyzed, "analyzed"},
    {Stage::Synthesized, "synthesized"},
    {Stage::Verified, "verified"},
    {Stage::Curated, "curated"},
    {Stage::Released, "released"}}};
constexpr std::array<std::pair<VerifyStatus, std::string_view>, 8> kVerify{{
    {VerifyStatus::CompileError, "compile_error"},
    {VerifyStatus::LinkError, "link_error"},
    {VerifyStatus::RuntimeError, "runtime_error"},
    {VerifyStatus::Crash, "crash"},
    {VerifyStatus::Timeout, "timeout"},
    {VerifyStatus::Mismatch, "mismatch"},
    {VerifyStatus::Nondeterministic, "nondeterministic"},
    {VerifyStatus::Pass, "pass"}}};

}  // namespace

std::string_view to_string(Dialect d) { return name_of(kDialects, d); }
std::string_view to_string(Language l) { return name_of(kLanguages, l); }
std::string_view to_string(Stage s) { return name_of(kStages, s); }
std::string_view to_string(VerifyStatus s) { return name_of(kVerify, s); }

std::optional<Dialect> dialect_from_string(std::string_view s) { return value_of(kDialects, s); }
std::optional<Language> language_from_string(std::string_view s) { return value_of(kLanguages, s); }
std::optional<Stage> stage_from_string(std::string_view s) { return value_of(kStages, s); }
std::optional<VerifyStatus> verify_status_from_string(std::string_view s) {
  return value_of(kVerify, s);
}

}  // namespace kq
