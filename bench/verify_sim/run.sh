#!/usr/bin/env bash
# Simulated GPU threads per second of the CPU execution runtime (cpu-sim):
# a 1-D elementwise kernel (no barriers), a block reduction (a barrier per
# step) and a warp-shuffle reduction. Built twice: as the verifier builds
# units (-O1 with AddressSanitizer) and optimised without ASan; each run on
# one OS thread and on all cores. Prints the figures and writes
# bench/results/verify_sim.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rt="$root/runtime"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src="$root/bench/verify_sim/sim_throughput.cu"
common=(-std=c++17 -fno-extern-tls-init -I "$rt" -I "$rt/kq/sim_include" -include kq/cpu_sim.hpp -x c++)

g++ -O1 -g -fsanitize=address -fno-omit-frame-pointer "${common[@]}" "$src" -o "$work/asan" -lboost_context -pthread
g++ -O2 "${common[@]}" "$src" -o "$work/o2" -lboost_context -pthread

cores="$(nproc)"
run() {  # build threads -> JSON object
  KQ_SIM_THREADS="$2" "$work/$1"
}
asan_1="$(run asan 1)"
asan_n="$(run asan "$cores")"
o2_1="$(run o2 1)"
o2_n="$(run o2 "$cores")"

cpu="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //; s/"/\\"/g')"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
load="$(cut -d' ' -f1 /proc/loadavg)"
mkdir -p "$root/bench/results"
cat > "$root/bench/results/verify_sim.json" <<JSON
{
  "benchmark": "verify_sim",
  "machine": {"nproc": $cores, "cpu_model": "$cpu", "load_average_1m_at_start": $load},
  "commit": "$commit",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "unit": "simulated GPU threads per second (one kernel launch = every thread of the grid)",
  "asan_O1_threads_1": $asan_1,
  "asan_O1_threads_all": $asan_n,
  "plain_O2_threads_1": $o2_1,
  "plain_O2_threads_all": $o2_n
}
JSON
cat "$root/bench/results/verify_sim.json"
