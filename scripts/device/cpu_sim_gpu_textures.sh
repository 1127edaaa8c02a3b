#!/usr/bin/env bash
# Runs on an NVIDIA GPU machine, from the repository root (nvcc on the PATH,
# g++ and Boost.Context for the cpu-sim side; scripts/device/env.sh sets the
# paths of a packed machine): each agreement program under
# tests/runtime/programs/gpu/ is built with nvcc and run on the GPU, built for
# cpu-sim with the flags the verifier uses and run on the CPU, and the two
# outputs compared line by line. Covers textures and surfaces
# (texture_features), cooperative launches and grid-wide barriers
# (grid_sync) and the launch limits, static plus dynamic shared memory
# included (limits). Results under $OUT:
#   h200/<program>.gpu.txt  the GPU's output: commit it to
#                           tests/runtime/programs/gpu/h200/ so every build
#                           checks cpu-sim against it
#   sim/<program>.txt       cpu-sim's output
#   diff/<program>.diff     where they differ (empty: they agree)
#   summary.txt             one line per program
# Lines of texture_features hold values with 12 significant digits; the
# GpuAgreement tests in kq_tests_runtime apply the same rules (exact here).
# Usage: scripts/device/cpu_sim_gpu_textures.sh [PROGRAM...]
source scripts/device/env.sh
programs=("$@")
((${#programs[@]})) || programs=(texture_features grid_sync limits)
src=tests/runtime/programs/gpu
work=$(mktemp -d)
mkdir -p "$out/h200" "$out/sim" "$out/diff"
: > "$out/summary.txt"

# The per-unit cpu-sim flags (extern __shared__ names, launch bounds, static
# shared sizes), computed by the runtime's own sim_tooling.hpp.
cat > "$work/sim_flags.cpp" <<'CPP'
#include <iostream>
#include <iterator>
#include "kq/sim_tooling.hpp"
int main(int argc, char** argv) {
  std::string src(std::istreambuf_iterator<char>(std::cin), {});
  for (const auto& f : kq::sim_tooling::compile_flags(argv[1], 32, kq::sim_tooling::extern_shared_names(src), false,
                                                      kq::sim_tooling::launch_bounds(src),
                                                      kq::sim_tooling::static_shared_bytes(src)))
    std::cout << f << "\n";
}
CPP
g++ -std=c++17 -I runtime "$work/sim_flags.cpp" -o "$work/sim_flags" || { echo "sim_flags does not build" >&2; exit 3; }

for p in "${programs[@]}"; do
  status=agree
  if ! nvcc -std=c++17 -O2 -arch=native -I "$src" "$src/$p.cu" -o "$work/$p.gpu" 2> "$work/$p.nvcc.log"; then
    status="nvcc failed: $(head -c 300 "$work/$p.nvcc.log")"
  elif ! timeout 300 "$work/$p.gpu" > "$out/h200/$p.gpu.txt" 2> "$work/$p.gpu.err"; then
    status="GPU run failed: $(head -c 300 "$work/$p.gpu.err")"
  fi
  mapfile -t flags < <("$work/sim_flags" "$root/runtime" < "$src/$p.cu")
  if [[ $status == agree ]]; then
    if ! g++ "${flags[@]}" -I "$src" "$src/$p.cu" -o "$work/$p.sim" -lboost_context -pthread 2> "$work/$p.gxx.log"; then
      status="cpu-sim build failed: $(head -c 300 "$work/$p.gxx.log")"
    elif ! timeout 300 "$work/$p.sim" > "$out/sim/$p.txt" 2> "$work/$p.sim.err"; then
      status="cpu-sim run failed: $(head -c 300 "$work/$p.sim.err")"
    elif ! diff "$out/h200/$p.gpu.txt" "$out/sim/$p.txt" > "$out/diff/$p.diff"; then
      status="differ: $(grep -c '^<' "$out/diff/$p.diff") GPU lines not matched"
    fi
  fi
  echo "$p: $status" | tee -a "$out/summary.txt"
done
nvidia-smi -L >> "$out/summary.txt" 2>&1
rm -rf "$work"
