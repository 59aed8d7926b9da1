#!/usr/bin/env bash
# Times `kiln defconfig` against OpenWrt's `make defconfig` on the same tree, warm, each as a fresh
# process, RUNS times (default 5); prints the medians and the machine's core count.
#   usage: bench/defconfig.sh OPENWRT_TREE SEED [RUNS] [--openwrt]
# OPENWRT_TREE is a real OpenWrt tree (with the packages feed installed, for the full picture);
# SEED is copied to its .config before every run. Kiln's metadata cache (TREE/tmp/kiln) and
# OpenWrt's tmp/ are warmed by one run each first. With --openwrt, OpenWrt's own make defconfig
# (which needs OpenWrt's host prerequisites) is timed too. The tree's .config is put back afterwards.
set -euo pipefail
tree="$(cd "${1:?usage: bench/defconfig.sh OPENWRT_TREE SEED [RUNS] [--openwrt]}" && pwd)"
seed="$(realpath "${2:?usage: bench/defconfig.sh OPENWRT_TREE SEED [RUNS] [--openwrt]}")"
runs="${3:-5}"
openwrt="${4:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/kiln" --help >/dev/null   # build once, outside the measurement
kiln="$root/.kiln-build/kiln"
. "$root/bench/lib.sh"

saved=$(mktemp)
[ -f "$tree/.config" ] && cp "$tree/.config" "$saved"
trap '[ -s "$saved" ] && cp "$saved" "$tree/.config"; rm -f "$saved"' EXIT

echo "cores: $(nproc)"
cp "$seed" "$tree/.config"; "$kiln" --topdir "$tree" defconfig >/dev/null 2>&1   # warm the metadata cache
read -r kiln_median kiln_kb < <(time_runs "$runs" sh -c "cp '$seed' '$tree/.config' && '$kiln' --topdir '$tree' defconfig")
echo "kiln defconfig:    median ${kiln_median} s of $runs runs (peak ${kiln_kb} KB)"
if [ "$openwrt" = "--openwrt" ]; then
    (cd "$tree" && cp "$seed" .config && make defconfig >/dev/null 2>&1)   # warm OpenWrt's tmp/
    read -r openwrt_median _ < <(time_runs "$runs" sh -c "cd '$tree' && cp '$seed' .config && make defconfig")
    echo "make defconfig:    median ${openwrt_median} s of $runs runs"
    awk -v k="$kiln_median" -v o="$openwrt_median" 'BEGIN { printf "speed-up: %.1fx\n", o / k }'
fi
