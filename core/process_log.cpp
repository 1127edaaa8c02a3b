#include "core/process_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

namespace kq {

void note_process(const std::vector<std::string>& argv, std::int64_t wall_ms) {
  // Read on every call (a few nanoseconds beside a fork): tests set it late.
  const char* path = std::getenv("KQ_PROCESS_LOG");
  if (path == nullptr || *path == '\0') return;
  std::string line = std::to_string(wall_ms) + "\t";
  for (std::size_t i = 0; i < argv.size(); ++i) line += (i ? " " : "") + argv[i];
  for (auto& c : line)
    if (c == '\n') c = ' ';
  line += '\n';
  // O_APPEND makes one write() of a line atomic with respect to other writers.
  int fd = ::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  [[maybe_unused]] auto n = ::write(fd, line.data(), line.size());
  ::close(fd);
}

}  // namespace kq
