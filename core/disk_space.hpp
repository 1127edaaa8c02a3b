#pragma once
// Free space checked before a stage starts, so a full disk stops the run with
// a clear message instead of half-written databases, objects or releases.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kq {

// Bytes available to us on the file system holding `path` (or, when it does
// not exist yet, its nearest existing parent).
std::uint64_t free_bytes(const std::filesystem::path& path);

// Throws kq::Error naming the folder, its free space and the need when one of
// `folders` has less than `min_free_mb` MiB free; `what` names the stage.
void require_free_space(const std::vector<std::filesystem::path>& folders, std::uint64_t min_free_mb,
                        const std::string& what);

}  // namespace kq
