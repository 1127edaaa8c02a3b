#include "extractor/languages.hpp"

#include <cctype>

#include "core/fs.hpp"

namespace kq::extractor {

namespace {

bool is_ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// `#include <PREFIX...` or `#include "PREFIX...` anywhere in the text.
bool includes_prefix(std::string_view text, std::string_view prefix) {
  for (std::size_t pos = text.find("#"); pos != std::string_view::npos; pos = text.find('#', pos + 1)) {
    std::size_t i = text.find_first_not_of(" \t", pos + 1);
    if (i == std::string_view::npos || text.compare(i, 7, "include") != 0) continue;
    i = text.find_first_not_of(" \t", i + 7);
    if (i == std::string_view::npos || (text[i] != '<' && text[i] != '"')) continue;
    if (text.compare(i + 1, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

// A call of a runtime function `PREFIXUpper...(`: hipMalloc(, cudaMemcpy(.
bool calls_runtime(std::string_view text, std::string_view prefix) {
  for (std::size_t pos = text.find(prefix); pos != std::string_view::npos; pos = text.find(prefix, pos + 1)) {
    if (pos > 0 && is_ident(text[pos - 1])) continue;
    std::size_t i = pos + prefix.size();
    if (i >= text.size() || !std::isupper(static_cast<unsigned char>(text[i]))) continue;
    while (i < text.size() && is_ident(text[i])) ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i < text.size() && text[i] == '(') return true;
  }
  return false;
}

bool shows_hip(std::string_view text) {
  return includes_prefix(text, "hip/") || text.find("hipLaunchKernelGGL") != std::string_view::npos ||
         calls_runtime(text, "hip");
}

bool shows_cuda(std::string_view text) {
  for (std::string_view h : {"cuda_runtime", "cuda.h", "cuda_fp16", "cuda_bf16", "cooperative_groups", "cub/",
                             "thrust/", "mma.h", "cublas", "curand"})
    if (includes_prefix(text, h)) return true;
  return calls_runtime(text, "cuda");
}

}  // namespace

Dialect dialect_for_path(const std::filesystem::path& p) {
  return p.extension() == ".hip" ? Dialect::Hip : Dialect::Cuda;
}

// Files of language "cpp" may declare kernels of either dialect: the extension decides.
Dialect dialect_for(std::string_view language, const std::filesystem::path& p) {
  if (language == "hip") return Dialect::Hip;
  if (language == "cuda") return Dialect::Cuda;
  return dialect_for_path(p);
}

std::optional<Dialect> dialect_of_text(std::string_view text) {
  bool hip = shows_hip(text), cuda = shows_cuda(text);
  if (hip == cuda) return std::nullopt;
  return hip ? Dialect::Hip : Dialect::Cuda;
}

Dialect dialect_for_file(std::string_view language, const std::filesystem::path& p) {
  if (p.extension() == ".hip") return Dialect::Hip;
  try {
    if (auto d = dialect_of_text(read_file(p, 16u << 20))) return *d;
  } catch (const std::exception&) {
    // An unreadable file falls back to its name; its extraction reports the error.
  }
  return dialect_for(language, p);
}

Dialect dialect_for_unit(std::string_view unit, Dialect file_dialect) {
  return dialect_of_text(unit).value_or(file_dialect);
}

}  // namespace kq::extractor
