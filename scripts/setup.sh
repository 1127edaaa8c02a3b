#!/usr/bin/env bash
# Installs KernelQuarry's build and run dependencies from Debian 12's packages.
# Safe to rerun; skips apt when everything is present.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git
  libclang-14-dev clang-14 libgit2-dev libsqlite3-dev sqlite3 nlohmann-json3-dev
  libcurl4-openssl-dev googletest libgtest-dev libcli11-dev libspdlog-dev
  libtomlplusplus-dev libboost-context-dev libxxhash-dev libssl-dev libarchive-dev
  hipcc libamdhip64-dev bubblewrap libseccomp-dev python3
  slurmctld slurmd slurm-client munge
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
