#!/usr/bin/env bash
# Measures Kiln's target commands on a real OpenWrt tree, each as a fresh process, RUNS times
# (default 5); prints the median wall time and the peak memory:
#   dump targets                   every board of target/linux (the .targetinfo text);
#   plan BOARD/SUBTARGET --config  every device of the subtarget into its plan, with the given .config;
#   plan BOARD/SUBTARGET           the same with Kiln's default configuration (the board is read first).
#   usage: bench/targets.sh OPENWRT_TREE [RUNS] [BOARD/SUBTARGET CONFIG] [--openwrt]
# BOARD/SUBTARGET and CONFIG default to ath79/generic and ../shared/oracle/images/ath79-generic.config.
# With --openwrt, OpenWrt's own target scan (include/scan.mk, make -j2, needs gawk) and its dry
# run of the subtarget's images (make -n install in target/linux/BOARD/image with CONFIG as the
# tree's .config, put back afterwards) are timed once each, and the speed-ups are printed.
set -euo pipefail
tree="${1:?usage: bench/targets.sh OPENWRT_TREE [RUNS] [BOARD/SUBTARGET CONFIG] [--openwrt]}"
runs="${2:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${3:-ath79/generic}"
config="$(realpath "${4:-$root/../shared/oracle/images/ath79-generic.config}")"
openwrt="${5:-}"
[ "${3:-}" = "--openwrt" ] && { openwrt=--openwrt; target=ath79/generic; config="$(realpath "$root/../shared/oracle/images/ath79-generic.config")"; }
tree="$(cd "$tree" && pwd)"
"$root/kiln" --help >/dev/null   # build once, outside the measurement
kiln="$root/.kiln-build/kiln"

. "$root/bench/lib.sh"

tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.time"' EXIT

# measure LABEL KILN-ARGUMENTS...: prints and records the median seconds
measure() {
  local label="$1" result
  shift
  result=$(time_runs "$runs" "$kiln" --topdir "$tree" "$@")
  echo "$label: median ${result% *} s over $runs runs, peak ${result#* } KB ($(nproc) cores)"
  echo "$label ${result% *}" >> "$tmp"
}

measure "dump targets" dump targets
measure "plan $target --config" plan "$target" --config "$config"
measure "plan $target (defaults)" plan "$target"

if [ "$openwrt" = "--openwrt" ]; then
  need gawk gawk
  rm -rf "$tree/tmp/info"; mkdir -p "$tree/tmp/info"
  scan=$(time_call 1 openwrt_scan_targets "$tree")
  saved=""
  [ -f "$tree/.config" ] && { saved=$(mktemp); cp "$tree/.config" "$saved"; }
  cp "$config" "$tree/.config"
  /usr/bin/time -o "$tmp.time" -f '%e' make -n -C "$tree/target/linux/${target%%/*}/image" install TARGET_BUILD=1 TOPDIR="$tree" >/dev/null 2>&1 || true
  dry=$(tail -n 1 "$tmp.time")
  if [ -n "$saved" ]; then mv "$saved" "$tree/.config"; else rm -f "$tree/.config"; fi
  echo "openwrt target scan: $scan s; openwrt dry run of $target: $dry s"
  awk -v s="$scan" -v d="$dry" -v t="$target" '
    $1 == "dump" {k = $NF} $1 == "plan" && $3 == "--config" {p = $NF}
    END {printf "dump targets %.1fx faster; plan %s %.1fx faster\n", s / k, t, d / p}' "$tmp"
fi
