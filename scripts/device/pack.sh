#!/usr/bin/env bash
# Packs a built kquarry for a GPU machine that has the CUDA toolkit but none of
# KernelQuarry's Debian libraries: the binary, the shared libraries it needs that
# are not part of the C/C++ runtime, and a stand-in for libclang (extraction does
# not run there; every other stage does). Usage: scripts/device/pack.sh OUTDIR
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: pack.sh OUTDIR}
bin=build/cli/kquarry
[[ -x $bin ]] || { echo "pack: $bin not built (run scripts/build.sh)" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out/lib"
cp "$bin" "$out/kquarry"

# The C and C++ runtimes come from the target machine (newer there); libclang
# and LLVM are too large to carry and are replaced below.
skip='^(libc|libm|libstdc\+\+|libgcc_s|libpthread|libdl|librt|ld-linux.*|linux-vdso|libclang.*|libLLVM.*)\.so'
ldd "$bin" | awk '/=>/ {print $3}' | while read -r lib; do
  name=$(basename "$lib")
  [[ $name =~ $skip ]] && continue
  cp -L "$lib" "$out/lib/$name"
done

clang_soname=$(readelf -d "$bin" | sed -n 's/.*Shared library: \[\(libclang[^]]*\)\].*/\1/p' | head -1)
if [[ -n $clang_soname ]]; then
  stub=$(mktemp -d)
  {
    echo '#include <stdio.h>'
    echo '#include <stdlib.h>'
    echo 'static void kq_no_libclang(void) { fputs("kquarry: libclang is not available on this machine\n", stderr); abort(); }'
    nm -D --undefined-only "$bin" | awk '{print $2}' | grep '^clang_' | sort -u |
      while read -r sym; do echo "void $sym(void) { kq_no_libclang(); }"; done
  } > "$stub/stub.c"
  cc -shared -fPIC -o "$out/lib/$clang_soname" -Wl,-soname,"$clang_soname" "$stub/stub.c"
  rm -rf "$stub"
fi
du -sh "$out"
