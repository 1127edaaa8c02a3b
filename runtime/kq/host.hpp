#pragma once
// Host-side helpers every wrapper uses, on every backend: the seeded input
// generator, .npy reading and writing, result.json, and KQ_CHECK. Header-only
// C++17 without dependencies, so g++, nvcc and hipcc compile it alike and
// every backend sees identical input bytes.
#include "kq/half_bits.hpp"
#include "kq/host/check.hpp"
#include "kq/host/json.hpp"
#include "kq/host/npy.hpp"
#include "kq/host/print_capture.hpp"
#include "kq/host/printed_lines.hpp"
#include "kq/host/rng.hpp"
#include "kq/host/run_result.hpp"
