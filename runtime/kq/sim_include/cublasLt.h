#pragma once
// cuBLASLt is a host library (see cublas_v2.h): its handle type only.
#include "cublas_v2.h"

typedef struct cublasLtContext* cublasLtHandle_t;
