#pragma once
// Whether a unit's host-compiled code reaches the host system. cpu-sim (and
// every user who evaluates a released task on it) compiles the whole unit as
// host C++, so code under `#ifndef __CUDA_ARCH__` / `#if
// !defined(__HIP_DEVICE_COMPILE__)`, `#else` branches of device-only blocks,
// and __host__ __device__ helpers all run on the evaluator's machine. A unit
// that calls process, file, network, time or environment APIs there is not
// inert and must not be released.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kq {

struct HostCall {
  std::string api;   // "fopen", "std::ofstream", ...
  std::string kind;  // process, file, network, time, environment
  int line = 0;      // 1-based, in the unit
};

// Uses of host-reaching APIs in the parts of `unit` compiled for the host
// (everything outside blocks compiled only for the device), in line order.
std::vector<HostCall> find_host_reach(std::string_view unit);

// "fopen (file, line 12), fork (process, line 20)"; empty for none.
std::string describe_host_reach(const std::vector<HostCall>& calls);

nlohmann::json host_reach_to_json(const std::vector<HostCall>& calls);

}  // namespace kq
