#pragma once
// cuBLAS is a host library: an extracted unit keeps its file's include of it,
// but kernels never call it. cpu-sim builds get its handle and status types,
// so declarations that merely name them still compile.
#include "kq/cpu_sim.hpp"

typedef struct cublasContext* cublasHandle_t;
typedef enum { CUBLAS_STATUS_SUCCESS = 0, CUBLAS_STATUS_NOT_INITIALIZED = 1 } cublasStatus_t;
