#!/usr/bin/env bash
# Compiles every source of the example corpus with its dialect's compiler and
# its own project's include folder: .cu/.cuh with nvcc, .hip/.cpp with hipcc.
# Usage: examples/check.sh        (exit 0 when every file compiles cleanly)
# NVCC and HIPCC may name other compilers; a missing compiler skips its files.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
nvcc="${NVCC:-/usr/local/cuda/bin/nvcc}"
hipcc="${HIPCC:-hipcc}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

ok=0
failed=0
skipped=0

compile() {  # compile <label> <file> <command...>
  local file="$2"; shift 2
  local log="$work/log"
  if "$@" >"$log" 2>&1 && ! grep -qi "warning" "$log"; then
    echo "ok    $file"; ok=$((ok + 1))
  else
    echo "FAIL  $file"; sed 's/^/      /' "$log"; failed=$((failed + 1))
  fi
}

while IFS= read -r project; do
  case "$project" in ''|'#'*) continue ;; esac
  dir="$here/$project"
  inc="$dir/include"
  while IFS= read -r file; do
    rel="${file#"$here"/}"
    obj="$work/$(echo "$rel" | tr '/' '_').o"
    src="$file"
    case "$file" in
      *.cuh|*.hpp|*.h)  # a header is checked through a unit that only includes it
        src="$work/$(echo "$rel" | tr '/' '_').${file##*.}.inc"
        printf '#include "%s"\n' "$file" >"$src" ;;
    esac
    case "$file" in
      *.cu|*.cuh)
        if ! command -v "$nvcc" >/dev/null; then echo "skip  $rel (no nvcc)"; skipped=$((skipped + 1)); continue; fi
        compile cuda "$rel" "$nvcc" -std=c++17 -arch=sm_90 -x cu -I"$inc" -c "$src" -o "$obj" ;;
      *.hip|*.cpp|*.hpp|*.h)
        if ! command -v "$hipcc" >/dev/null; then echo "skip  $rel (no hipcc)"; skipped=$((skipped + 1)); continue; fi
        compile hip "$rel" "$hipcc" --offload-arch=gfx90a -x hip -I"$inc" -c "$src" -o "$obj" ;;
    esac
  done < <(find "$dir" -type f \( -name '*.cu' -o -name '*.cuh' -o -name '*.hip' -o -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | sort)
done < "$here/repos.txt"

echo "compiled: $ok ok, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
