#!/usr/bin/env bash
# Runs on an NVIDIA GPU machine, from the repository root, after
# scripts/device/pack.sh .device/pack and a database whose kernels are extracted
# (.device/kquarry.db; extraction needs libclang, which stays behind):
#   synth + verify on cpu-sim, cuda and hip-nvidia, export, the canonical
#   solutions evaluated through the release's own tests on cuda, and every
#   hand-written example spec compared across backends. Results go to $OUT.
set -uo pipefail
root=$PWD
pack=$root/.device/pack
out=${OUT:-/tmp/kq-gpu-out}
mkdir -p "$out"
export LD_LIBRARY_PATH=$pack/lib CPLUS_INCLUDE_PATH=$pack/include LIBRARY_PATH=$pack/lib
export KQ_SOURCE_ROOT=$root XDG_CACHE_HOME=/tmp/kq-cache PATH=/usr/local/cuda/bin:$PATH
K=$pack/kquarry
work=/tmp/kq-gpu && rm -rf "$work" && mkdir -p "$work"
db=$work/kquarry.db
cp .device/kquarry.db "$db"
jobs=$(nproc)

step() { local name=$1; shift; local t0=$SECONDS; "$@" > "$out/$name.log" 2>&1; local rc=$?;
         echo "$name rc=$rc ${SECONDS}s-$t0" | awk '{print $1, $2, "'$((SECONDS - t0))'s"}' | tee -a "$out/steps.txt"; }

step backends "$K" backends --json
step synth "$K" --db "$db" synth --jobs "$jobs"
step verify "$K" --db "$db" verify --backends cpu-sim,cuda,hip-nvidia --jobs "$jobs"
step export "$K" --db "$db" export --out "$work/rel" --version 0.1.0
step stats "$K" --db "$db" db stats --json
python3 scripts/device/canonical_samples.py "$work/rel/release-0.1.0" "$work/samples"
step eval_cuda "$K" eval --release "$work/rel/release-0.1.0" --samples "$work/samples/cuda.jsonl" --backend cuda --results "$out/eval_cuda.json"
step eval_hip "$K" eval --release "$work/rel/release-0.1.0" --samples "$work/samples/hip.jsonl" --backend hip-nvidia --results "$out/eval_hip.json"
step spec_matrix python3 scripts/device/spec_matrix.py "$K" "$db" examples/specs "$work/matrix" "$out/spec_matrix.json"
python3 scripts/device/summarize.py "$db" > "$out/summary.txt" 2>&1
cp "$work/rel/release-0.1.0/MANIFEST.json" "$out/" 2>/dev/null
cat "$out/steps.txt" "$out/summary.txt"
