#!/usr/bin/env bash
# Configures and builds KernelQuarry into build/ (Release with debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
WERROR=OFF
[[ "${CI:-}" == "true" ]] && WERROR=ON
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKQ_WERROR="$WERROR" >/dev/null
cmake --build build -j"$(nproc)"
