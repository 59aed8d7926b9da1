#!/usr/bin/env bash
# Measures `kiln dump packages` on a real OpenWrt tree: package/ and feeds/packages,
# each as a fresh process, 5 runs each; prints the median wall time and peak memory.
#   usage: bench/scan-packages.sh OPENWRT_TREE [RUNS]
# The tree needs feeds/packages (a checkout of the packages feed, linked there).
set -euo pipefail
tree="${1:?usage: bench/scan-packages.sh OPENWRT_TREE [RUNS]}"
runs="${2:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/kiln" --help >/dev/null   # build once, outside the measurement

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure() {
  local dir="$1" times=() rss=()
  for _ in $(seq "$runs"); do
    out=$( { /usr/bin/time -f '%e %M' "$root/.kiln-build/kiln" --topdir "$tree" dump packages "$dir" >/dev/null; } 2>&1 | tail -n 1)
    times+=("${out% *}"); rss+=("${out#* }")
  done
  t=$(printf '%s\n' "${times[@]}" | median)
  m=$(printf '%s\n' "${rss[@]}" | sort -n | tail -n 1)
  echo "$dir: median ${t} s over $runs runs, peak ${m} KB"
  echo "$t" >> "$tmp"
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
measure package
measure feeds/packages
total=$(paste -sd+ "$tmp" | bc)
echo "both: ${total} s ($(nproc) cores)"
