# Sourced by the device scripts, from the repository root: where the packed
# kquarry lives (scripts/device/pack.sh .device/pack), the environment it needs
# on a machine that has only the CUDA toolkit, and $out for the results.
set -uo pipefail
root=$PWD
pack=$root/.device/pack
out=${OUT:-/tmp/kq-device-out}
mkdir -p "$out"
export LD_LIBRARY_PATH=$pack/lib CPLUS_INCLUDE_PATH=$pack/include LIBRARY_PATH=$pack/lib
export KQ_SOURCE_ROOT=$root XDG_CACHE_HOME=/tmp/kq-cache PATH=/usr/local/cuda/bin:$PATH
K=$pack/kquarry
