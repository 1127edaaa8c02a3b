#pragma once
// Logging through spdlog: a console sink on stderr whose level follows -v/-q,
// and an optional file sink that always records at debug level.
#include <filesystem>

#include <spdlog/spdlog.h>

namespace kq {

// verbosity: -1 quiet (warnings and errors), 0 normal, 1 verbose (debug), 2 trace.
void init_logging(int verbosity, const std::filesystem::path& log_file = {});

// Adds a file sink later, once the run folder is known.
void add_log_file(const std::filesystem::path& log_file);

}  // namespace kq
