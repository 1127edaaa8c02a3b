#pragma once
// KernelQuarry's CPU execution runtime ("cpu-sim"): compiles an unchanged CUDA
// or HIP unit with a host C++ compiler and runs its kernels on the CPU with
// GPU semantics (blocks in parallel, threads of a block as fibers meeting at
// barriers, warp collectives at KQ_SIM_WARP_SIZE lanes, atomics, shared and
// constant memory). Build a unit as
//   g++ -std=c++17 -fno-extern-tls-init -I runtime -I runtime/kq/sim_include
//       -include kq/cpu_sim.hpp -x c++ unit.cu -lboost_context -pthread
// and write launches as KQ_LAUNCH(kernel, grid, block, shared_bytes, args...).
// runtime/README.md describes the environment variables and diagnostics.
#include <cassert>
#include <cmath>
#include <math.h>  // the C++ wrapper also puts isnan, isinf, abs, ... in the global namespace
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "kq/sim/keywords.hpp"
#include "kq/sim/vector_types.hpp"
#include "kq/sim/half.hpp"
#include "kq/sim/math.hpp"
#include "kq/sim/conversions.hpp"
#include "kq/sim/atomics.hpp"
#include "kq/sim/errors.hpp"
#include "kq/sim/buffers.hpp"
#include "kq/sim/launch.hpp"
#include "kq/sim/sync.hpp"
#include "kq/sim/api.hpp"
#include "kq/sim/hip_api.hpp"
#include "kq/sim/asan_report.hpp"
#include "kq/sim/cooperative_groups.hpp"
#include "kq/sim/texture.hpp"
#include "kq/sim/texture_reference.hpp"

#define CUDART_VERSION 13000
#define __CUDACC_SIM__ 1

#ifdef KQ_SIM_EXTERN_SHARED_NAMES
KQ_SIM_DEFINE_DYNAMIC_SHARED_LIST(KQ_SIM_EXTERN_SHARED_NAMES)
#endif
