#pragma once
// KernelQuarry reports failures with one exception type, caught at the boundary
// of each stage (one kernel, one repository, one command) and recorded there.
#include <stdexcept>
#include <string>

namespace kq {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// A usage or configuration mistake by the user: exit code 2 at the top level.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message) {}
};

}  // namespace kq
