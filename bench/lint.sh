#!/usr/bin/env bash
# Measures `kiln lint` of a whole feed (no --built) on a real OpenWrt tree, each run a fresh
# process, RUNS times (default 5); prints the medians, the peak memory and the machine's core count.
#   warm: the tree's scan cache (TREE/tmp/kiln) filled by a first run, as a maintainer runs it
#         again after editing (the linted feed is always evaluated; the rest of the tree comes from the cache);
#   cold: --no-cache, every Makefile of the tree evaluated.
#   usage: bench/lint.sh OPENWRT_TREE [RUNS] [FEED_DIR]   (FEED_DIR default feeds/packages)
set -euo pipefail
tree="${1:?usage: bench/lint.sh OPENWRT_TREE [RUNS] [FEED_DIR]}"
runs="${2:-5}"
feed="${3:-feeds/packages}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/kiln" --help >/dev/null   # build once, outside the measurement
kiln="$root/.kiln-build/kiln"
. "$root/bench/lib.sh"

"$kiln" --topdir "$tree" lint "$feed" > /dev/null || true   # fills the scan cache
warm=$(time_runs "$runs" "$kiln" --topdir "$tree" lint "$feed")
cold=$(time_runs "$runs" "$kiln" --topdir "$tree" --no-cache lint "$feed")
packages=$("$kiln" --topdir "$tree" lint "$feed" | tail -n 1 || true)
echo "$feed: $packages"
echo "lint $feed, warm: median ${warm% *} s over $runs runs, peak ${warm#* } KB ($(nproc) cores)"
echo "lint $feed, cold: median ${cold% *} s over $runs runs, peak ${cold#* } KB ($(nproc) cores)"
