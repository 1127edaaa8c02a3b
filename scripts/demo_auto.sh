#!/usr/bin/env bash
# `kquarry run --synthesizer auto` on the example corpus against a scripted
# OpenAI-compatible endpoint on 127.0.0.1: builtin synthesizes what it can
# shape, the model (replies kept in bench/llm/replies) the rest. Prints the
# run's stage table and funnel, then which synthesizer made each kernel.
#
# Usage: scripts/demo_auto.sh [BUILD_DIR] [OUT_DIR] [extra kquarry run flags...]
#   BUILD_DIR  holds cli/kquarry and bench/llm/kq_llm_scripted_server (default: build)
#   OUT_DIR    the run's output folder (default: a new temporary folder)
#   REPOS      environment: the repo list (default: examples/repos.txt)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
out="${2:-$(mktemp -d)/demo-auto}"
shift $(( $# > 2 ? 2 : $# ))
repos="${REPOS:-$root/examples/repos.txt}"
kquarry="$build/cli/kquarry"
server="$build/bench/llm/kq_llm_scripted_server"
for exe in "$kquarry" "$server"; do
  [ -x "$exe" ] || { echo "demo_auto.sh: $exe not built (ninja -C $build kquarry kq_llm_scripted_server)" >&2; exit 2; }
done

url_file="$(mktemp)"
"$server" --replies "$root/bench/llm/replies" --url-file "$url_file" >/dev/null &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -f "$url_file"' EXIT
for _ in $(seq 100); do [ -s "$url_file" ] && break; sleep 0.1; done
url="$(cat "$url_file")"
[ -n "$url" ] || { echo "demo_auto.sh: the scripted server did not start" >&2; exit 3; }
echo "scripted endpoint: $url"

status=0
"$kquarry" run --repos "$repos" --out "$out" --synthesizer auto \
  --set "llm.base_url=$url" --set llm.model=scripted "$@" || status=$?

if command -v sqlite3 >/dev/null; then
  echo
  echo "kernels past synthesis, by synthesizer and stage:"
  sqlite3 -column "$out/kquarry.db" \
    "SELECT s.synthesizer, k.stage, COUNT(DISTINCT k.id) AS kernels FROM kernels k
     JOIN syntheses s ON s.kernel_id = k.id AND s.status = 'ok' GROUP BY 1, 2 ORDER BY 1, 2"
fi
echo "output: $out (exit $status)"
exit "$status"
