#pragma once
// Finding candidate files in a snapshot's folder: kernel-language sources
// that declare `__global__`, minus binaries, oversized files, vendored paths
// and anything whose real location is outside the folder.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kq::miner {

struct CandidateRules {
  std::uintmax_t max_file_bytes = 2u << 20;
  std::vector<std::string> vendored_globs;
};

struct CandidateFile {
  std::string path;  // relative, '/' separated
  std::string sha256;
  std::uintmax_t size = 0;
  std::string language;  // cuda, hip, cpp
};

struct ScanResult {
  std::vector<CandidateFile> files;  // sorted by path
  std::size_t scanned = 0;           // source files with a kernel-language extension that were read
  std::size_t skipped = 0;           // kernel-language files excluded by a rule
};

bool has_kernel_extension(const std::filesystem::path& p);

// cuda for .cu/.cuh, hip for .hip, and for other extensions hip when the text
// uses the HIP launch macro or includes HIP headers, else cpp.
std::string classify_language(const std::filesystem::path& p, std::string_view text);

ScanResult scan_candidates(const std::filesystem::path& root, const CandidateRules& rules);

// "dir:<sha256 of sorted path and file hashes>", the commit id of a plain folder.
std::string content_commit_id(const std::vector<CandidateFile>& files);

}  // namespace kq::miner
