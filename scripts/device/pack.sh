#!/usr/bin/env bash
# Packs a built kquarry for a GPU machine that has the CUDA toolkit but none of
# KernelQuarry's Debian libraries: the binary, the shared libraries it needs that
# are not part of the C/C++ runtime, and a stand-in for libclang (extraction does
# not run there; every other stage does). Usage: scripts/device/pack.sh OUTDIR
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: pack.sh OUTDIR}
bin=${KQ_BIN:-build/cli/kquarry}
[[ -x $bin ]] || { echo "pack: $bin not built (run scripts/build.sh)" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out/lib"
cp "$bin" "$out/kquarry"
strip --strip-debug "$out/kquarry"  # the debug info alone is larger than what travels

clang_soname=$(readelf -d "$bin" | sed -n 's/.*Shared library: \[\(libclang[^]]*\)\].*/\1/p' | head -1)
if [[ -n $clang_soname ]]; then
  stub=$(mktemp -d)
  {
    echo '#include <stdio.h>'
    echo '#include <stdlib.h>'
    echo 'static void kq_no_libclang(void) { fputs("kquarry: libclang is not available on this machine\n", stderr); abort(); }'
    nm -D --undefined-only "$bin" | awk '{print $2}' | grep '^clang_' | sed 's/@.*//' | sort -u |
      while read -r sym; do echo "void $sym(void) { kq_no_libclang(); }"; done
  } > "$stub/stub.c"
  # The real library versions its symbols (clang_x@LLVM_13); the stand-in must too.
  version=$(nm -D --undefined-only "$bin" | awk '{print $2}' | grep '^clang_' | sed -n 's/.*@//p' | head -1)
  flags=()
  if [[ -n $version ]]; then
    echo "$version { global: *; };" > "$stub/version.map"
    flags=(-Wl,--version-script="$stub/version.map")
  fi
  cc -shared -fPIC -o "$out/lib/$clang_soname" -Wl,-soname,"$clang_soname" "${flags[@]}" "$stub/stub.c"
  rm -rf "$stub"
fi
# The C and C++ runtimes come from the target machine (newer there). Libraries
# are listed with the stand-in libclang in place, so LLVM's own dependencies
# (large, and unused without extraction) stay behind.
skip='^(libc|libm|libstdc\+\+|libgcc_s|libpthread|libdl|librt|libresolv|ld-linux.*|linux-vdso)\.so'
LD_LIBRARY_PATH="$out/lib" ldd "$bin" | awk '/=>/ {print $3}' | while read -r lib; do
  name=$(basename "$lib")
  [[ $name =~ $skip || -e "$out/lib/$name" ]] && continue
  cp -L "$lib" "$out/lib/$name"
done

# cpu-sim builds need Boost.Context: the headers the runtime really includes,
# and the library. Point CPLUS_INCLUDE_PATH and LIBRARY_PATH at them there.
mkdir -p "$out/include"
echo '__global__ void kq_probe(float* x) { x[threadIdx.x] = 1; }' > "$out/probe.cu"
g++ -std=c++17 -M -include kq/cpu_sim.hpp -I runtime -I runtime/kq/sim_include -x c++ "$out/probe.cu" |
  tr ' \\' '\n\n' | grep '^/usr/include/boost/' | sort -u |
  while read -r h; do
    mkdir -p "$out/include/$(dirname "${h#/usr/include/}")"
    cp "$h" "$out/include/${h#/usr/include/}"
  done
rm -f "$out/probe.cu"
cp -P /usr/lib/x86_64-linux-gnu/libboost_context.so* "$out/lib/"
du -sh "$out"
