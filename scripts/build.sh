#!/usr/bin/env bash
# Configures and builds KernelQuarry. Usage: scripts/build.sh [BUILD_DIR]
# KQ_BUILD_TYPE picks the CMake build type (default RelWithDebInfo); `fast`
# builds without optimisation or debug info, the quickest to compile (tests).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
type=${KQ_BUILD_TYPE:-RelWithDebInfo}
extra=()
if [[ $type == fast ]]; then
  type=Debug
  extra=(-DCMAKE_CXX_FLAGS_DEBUG=-O0 -DCMAKE_C_FLAGS_DEBUG=-O0)
fi
WERROR=OFF
[[ "${CI:-}" == "true" ]] && WERROR=ON
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" -DKQ_WERROR="$WERROR" "${extra[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)"
