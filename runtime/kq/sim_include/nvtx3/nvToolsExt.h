#pragma once
// NVTX annotations have no meaning on cpu-sim: ranges are accepted and ignored.
inline int nvtxRangePushA(const char*) { return 0; }
inline int nvtxRangePop() { return 0; }
inline void nvtxMarkA(const char*) {}
