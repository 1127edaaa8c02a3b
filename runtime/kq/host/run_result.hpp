#pragma once
// result.json of one run, written whichever way the program ends: when the
// ResultFile goes out of scope, or when a KQ_CHECK fails (check.hpp calls
// write_current_result before exiting). Until set_status is called the status
// is "runtime_error", so a program that stops early never reports a pass.
#include <string>
#include <utility>

#include "kq/host/json.hpp"

namespace kq {

class ResultFile;

inline ResultFile*& current_result_file() {
  static ResultFile* current = nullptr;
  return current;
}

class ResultFile {
 public:
  explicit ResultFile(std::string path) : path_(std::move(path)) { current_result_file() = this; }
  ~ResultFile() {
    write();
    if (current_result_file() == this) current_result_file() = nullptr;
  }
  ResultFile(const ResultFile&) = delete;
  ResultFile& operator=(const ResultFile&) = delete;

  void set_status(const std::string& status) { status_ = status; }
  void set_device(const std::string& device) { device_ = device; }
  void set_kernel_ms(double ms) { kernel_ms_ = ms; }
  void set_error(const std::string& error) { error_ = error; }
  const std::string& status() const { return status_; }

  bool write() const { return write_result_json(path_.c_str(), status_, kernel_ms_, device_, error_); }

 private:
  std::string path_;
  std::string status_ = "runtime_error";
  std::string device_;
  std::string error_;
  double kernel_ms_ = -1.0;
};

// Records a failure in the live ResultFile, if any, and writes it out.
inline void write_current_result(const std::string& status, const std::string& error) {
  if (ResultFile* r = current_result_file()) {
    r->set_status(status);
    r->set_error(error);
    r->write();
  }
}

// Earlier name of ResultFile. It clashes with kq::RunResult of KernelQuarry's
// own core/subprocess.hpp, so code that includes both defines
// KQ_HOST_NO_RUN_RESULT_ALIAS.
#ifndef KQ_HOST_NO_RUN_RESULT_ALIAS
using RunResult = ResultFile;
#endif

}  // namespace kq
