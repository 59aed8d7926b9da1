# Shared by the bench/*.sh scripts (sourced).

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# time_runs RUNS COMMAND...: runs COMMAND (output discarded) RUNS times as a fresh process and
# prints "MEDIAN_SECONDS PEAK_KB".
time_runs() {
  local runs="$1" times=() rss=() out record
  shift
  record=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$record" -f '%e %M' "$@" >/dev/null 2>&1 || true
    out=$(tail -n 1 "$record")
    times+=("${out% *}"); rss+=("${out#* }")
  done
  rm -f "$record"
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${rss[@]}" | sort -n | tail -n 1)"
}

# time_call RUNS COMMAND...: runs COMMAND (a program or a shell function, output discarded) RUNS
# times and prints the median seconds; fails, printing nothing, when a run fails.
time_call() {
  local runs="$1" times=() t TIMEFORMAT=%R
  shift
  for _ in $(seq "$runs"); do
    t=$( { time "$@" >/dev/null 2>&1; } 2>&1 ) || return 1
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | median
}

# need COMMAND DEBIAN-PACKAGE: stops the script when COMMAND is missing, naming what provides it.
need() { command -v "$1" >/dev/null || { echo "${0##*/}: needs $1 (apt-get install $2)" >&2; exit 1; }; }

# copy_tree TREE COPY: copies an OpenWrt tree without its build outputs, so that the copy builds
# from nothing and TREE itself is never written to.
copy_tree() {
  mkdir -p "$2"
  (cd "$1" && tar cf - --exclude=./build_dir --exclude=./staging_dir --exclude=./bin --exclude=./logs \
    --exclude=./tmp --exclude=./dl --exclude=./.config --exclude=./.config.old .) | (cd "$2" && tar xf -)
  mkdir -p "$2/dl"
}

# OpenWrt's own metadata scans, as its prepare-tmpinfo step runs them (include/scan.mk, make -j2;
# needs gawk), into TREE/tmp/info: a first run evaluates every Makefile, a later one only what
# changed. openwrt_scan_packages TREE DIR; openwrt_scan_targets TREE.
openwrt_scan_packages() {
  make -s -j2 -C "$1" -f include/scan.mk SCAN_TARGET=packageinfo SCAN_DIR="$2" SCAN_NAME=package SCAN_DEPTH=5 \
    SCAN_EXTRA="" TOPDIR="$1" IS_TTY=0
}
openwrt_scan_targets() {
  make -s -j2 -C "$1" -f include/scan.mk SCAN_TARGET=targetinfo SCAN_DIR=target/linux SCAN_NAME=target SCAN_DEPTH=3 \
    SCAN_EXTRA="" SCAN_MAKEOPTS="TARGET_BUILD=1" TOPDIR="$1" IS_TTY=0
}
# openwrt_dry_run TREE BOARD: OpenWrt's dry run of BOARD's images (make -n install in its image
# directory) with TREE's .config, what the oracle's image plans were made from.
openwrt_dry_run() { make -n -C "$1/target/linux/$2/image" install TARGET_BUILD=1 TOPDIR="$1"; }
