#!/usr/bin/env bash
# Installs, builds (into build-tests/, quickest to compile) and runs the whole
# GoogleTest suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
KQ_BUILD_TYPE=fast scripts/build.sh build-tests
cd build-tests
ctest --output-on-failure -j"$(nproc)" --timeout 900
