#pragma once
// Captures what a kernel prints. Device printf reaches the host's standard
// output (on a GPU when the driver flushes its buffer at a synchronisation, on
// cpu-sim at once), so file descriptor 1 itself is pointed at a file between
// construction and finish(): both the C stream and any direct write land there.
#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

namespace kq {

class PrintCapture {
 public:
  explicit PrintCapture(const char* path) {
    std::fflush(stdout);
    int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return;
    saved_ = ::dup(1);
    if (saved_ >= 0 && ::dup2(fd, 1) < 0) {
      ::close(saved_);
      saved_ = -1;
    }
    ::close(fd);
  }
  ~PrintCapture() { finish(); }
  PrintCapture(const PrintCapture&) = delete;
  PrintCapture& operator=(const PrintCapture&) = delete;

  // Restores standard output; false when nothing could be captured.
  bool finish() {
    if (saved_ < 0) return done_;
    std::fflush(stdout);
    bool ok = ::dup2(saved_, 1) >= 0;
    ::close(saved_);
    saved_ = -1;
    done_ = ok;
    return ok;
  }

 private:
  int saved_ = -1;
  bool done_ = false;
};

}  // namespace kq
