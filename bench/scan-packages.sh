#!/usr/bin/env bash
# Measures `kiln dump packages` on a real OpenWrt tree: package/ and feeds/packages, each as a
# fresh process, RUNS times each (default 5); prints the median wall time and the peak memory.
#   cold: --no-cache, every Makefile evaluated;
#   warm: with the cache in TREE/tmp/kiln filled by a first run, nothing changed since.
#   usage: bench/scan-packages.sh OPENWRT_TREE [RUNS] [--openwrt]
# The tree needs feeds/packages (a checkout of the packages feed, linked there). With --openwrt,
# OpenWrt's own scan (the tree's include/scan.mk, run by make -j2 as its prepare step runs it;
# needs gawk) is timed once per directory in the same run, and the speed-ups are printed.
set -euo pipefail
tree="${1:?usage: bench/scan-packages.sh OPENWRT_TREE [RUNS]}"
runs="${2:-5}"
openwrt="${3:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/kiln" --help >/dev/null   # build once, outside the measurement
kiln="$root/.kiln-build/kiln"

. "$root/bench/lib.sh"

# measure LABEL DIR [KILN OPTIONS...]: median seconds goes to $tmp
measure() {
  local label="$1" dir="$2" result
  shift 2
  result=$(time_runs "$runs" "$kiln" --topdir "$tree" "$@" dump packages "$dir")
  echo "$label $dir: median ${result% *} s over $runs runs, peak ${result#* } KB"
  echo "$label ${result% *}" >> "$tmp"
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
measure cold package --no-cache
measure cold feeds/packages --no-cache
"$kiln" --topdir "$tree" dump packages package >/dev/null
"$kiln" --topdir "$tree" dump packages feeds/packages >/dev/null
measure warm package
measure warm feeds/packages
for label in cold warm; do
  echo "$label, both: $(awk -v l="$label" '$1 == l {s += $2} END {printf "%.2f", s}' "$tmp") s ($(nproc) cores)"
done

if [ "$openwrt" = "--openwrt" ]; then
  need gawk gawk
  for dir in package feeds/packages; do
    rm -rf "$tree/tmp/info"; mkdir -p "$tree/tmp/info"
    out=$(time_call 1 openwrt_scan_packages "$(cd "$tree" && pwd)" "$dir")
    echo "openwrt $dir: $out s"
    echo "openwrt $out" >> "$tmp"
  done
  awk '$1 == "openwrt" {o += $2} $1 == "cold" {c += $2} $1 == "warm" {w += $2}
    END {printf "OpenWrt both: %.1f s; Kiln cold %.1fx, warm %.1fx faster\n", o, o / c, o / w}' "$tmp"
fi
