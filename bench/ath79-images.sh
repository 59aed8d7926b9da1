#!/usr/bin/env bash
# Measures ath79/generic's device image pipelines from the fixed inputs of the images-built oracle
# (../shared/oracle/images-built/ath79-generic: a made-up vmlinux, vmlinux-initramfs, the DTBs, a
# root.squashfs and its root directory), in Kiln and in OpenWrt's own image Makefile, in the same run:
#   kiln      ./kiln --topdir TREE image --target ath79/generic --config ORACLE/config --profile D... --kdir ORACLE/inputs/kdir
#   openwrt   make -C TREE/target/linux/ath79/image TOPDIR=TREE TARGET_BUILD=1 install -j1 -k (then -j2), GNU make 4.3
#             (/usr/bin/make), with ORACLE/config as TREE/.config (put back afterwards), KDIR and TARGET_DIR prepared
#             from the same inputs, the DTB step neutralised as the oracle did (wrappers named like the cpp and dtc
#             it calls copy the prepared image-DTS.dtb into place), then profiles.json
#             (scripts/json_overview_image_info.py) and sha256sums, as the top-level Makefile makes them.
# Each run starts from the same state (no images in bin/targets/ath79/generic; for OpenWrt a fresh
# KDIR, whose per-device kernels make would otherwise find up to date) and is timed as a fresh
# process; the runs of the three are interleaved, so that load from elsewhere falls on all of them.
# Every run's images are checked against ORACLE/images.sha256 (byte for byte; the make's last step,
# the manifest, fails for want of opkg, as in the oracle, and is not needed for the images). Prints
# the medians, the speed-ups, the core count and the load averages before and after.
#   usage: bench/ath79-images.sh OPENWRT_TREE ORACLE_DIR [RUNS] [--all] [--no-openwrt]
# RUNS defaults to 3. --all also times Kiln building every device of the subtarget (the all-devices
# .config, ../shared/oracle/images/ath79-generic.config; devices that need inputs the oracle lacks fail
# and are counted). The tree must hold the host tools the oracle used (staging_dir/host/bin); nothing
# is fetched or built in it. It writes bin/targets/ath79/generic and OpenWrt's KDIR
# (build_dir/target-*/linux-ath79_generic) and TARGET_DIR (root-ath79), and refuses to run when
# those two hold something it did not make (a real kernel build).
set -euo pipefail
usage="usage: bench/ath79-images.sh OPENWRT_TREE ORACLE_DIR [RUNS] [--all] [--no-openwrt]"
tree="${1:?$usage}"
oracle="${2:?$usage}"
shift 2
runs=3; all=""; openwrt=yes
for arg in "$@"; do
  case "$arg" in
    --all) all=yes ;;
    --no-openwrt) openwrt="" ;;
    [0-9]*) runs="$arg" ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tree="$(cd "$tree" && pwd)"
oracle="$(cd "$oracle" && pwd)"
all_config="$(realpath "$root/../shared/oracle/images/ath79-generic.config")"
. "$root/bench/lib.sh"
for f in config devices.txt images.sha256 inputs/kdir inputs/rootdir.tar; do
  [ -e "$oracle/$f" ] || { echo "ath79-images.sh: $oracle/$f is missing" >&2; exit 2; }
done
"$root/kiln" --help >/dev/null   # build Kiln once, outside the measurement
kiln="$root/.kiln-build/kiln"
export SOURCE_DATE_EPOCH=1700000000 TZ=UTC LC_ALL=C
make=/usr/bin/make
bin="$tree/bin/targets/ath79/generic"
scratch="$(mktemp -d)"
results="$scratch/results"

profiles=()
while read -r device; do [ -n "$device" ] && profiles+=(--profile "$device"); done < "$oracle/devices.txt"
devices=$(grep -c . "$oracle/devices.txt")
kiln_image=("$kiln" --topdir "$tree" image --target ath79/generic --config "$oracle/config" "${profiles[@]}" --kdir "$oracle/inputs/kdir")
kiln_all=("$kiln" --topdir "$tree" image --target ath79/generic --config "$all_config" --kdir "$oracle/inputs/kdir")

load() { cut -d' ' -f1-3 /proc/loadavg; }

# check LABEL: every file of images.sha256 in bin/targets, byte for byte; stops the script otherwise.
check() {
  local bad=0 hash size file
  while read -r hash size file; do
    if [ ! -f "$bin/$file" ] || [ "$(sha256sum < "$bin/$file" | cut -c1-64)" != "$hash" ]; then
      echo "$1: $file differs from the oracle or is missing" >&2
      bad=$((bad + 1))
    fi
  done < "$oracle/images.sha256"
  if [ "$bad" -ne 0 ]; then
    tail -n 20 "$scratch/$2.log" >&2
    echo "$1: $bad of $(grep -c . "$oracle/images.sha256") files differ from the oracle" >&2
    exit 1
  fi
}

# timed LABEL COMMAND...: one run, as a fresh process; records "LABEL WALL_SECONDS PEAK_KB CPU_SECONDS" (user + system,
# the process and all it ran: less disturbed than the wall time by load from elsewhere).
timed() {
  local label="$1"
  shift
  /usr/bin/time -o "$scratch/time" -f '%e %M %U %S' "$@" >"$scratch/$label.log" 2>&1 || true
  echo "$label $(tail -n 1 "$scratch/time" | awk '{printf "%s %s %.2f", $1, $2, $3 + $4}')" >> "$results"
}

# report LABEL: the medians and peak of LABEL's runs (on stderr); prints the median wall time.
report() {
  local times peak
  times=$(awk -v l="$1" '$1 == l {print $2}' "$results")
  peak=$(awk -v l="$1" '$1 == l {print $3}' "$results" | sort -n | tail -n 1)
  echo "$1: median $(echo "$times" | median) s over $(echo "$times" | grep -c .) runs ($(echo $times | tr ' ' ',') s)," \
    "CPU median $(awk -v l="$1" '$1 == l {print $4}' "$results" | median) s, peak ${peak} KB" >&2
  echo "$times" | median
}

saved_config=""; config_replaced=""; made_dirs=""
cleanup() {
  [ -n "$made_dirs" ] && rm -rf "$kdir" "$target_dir"
  if [ -n "$config_replaced" ]; then
    if [ -n "$saved_config" ]; then mv "$saved_config" "$tree/.config"; else rm -f "$tree/.config"; fi
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

if [ -n "$openwrt" ]; then
  [ "$($make --version | head -n 1)" = "GNU Make 4.3" ] || echo "ath79-images.sh: $make is not GNU make 4.3" >&2
  image_make=("$make" -C "$tree/target/linux/ath79/image" TOPDIR="$tree" TARGET_BUILD=1)
  if [ -e "$tree/.config" ]; then saved_config="$scratch/saved.config"; cp -p "$tree/.config" "$saved_config"; fi
  config_replaced=yes
  cp "$oracle/config" "$tree/.config"
  vals=$("${image_make[@]}" -s val.KDIR val.TARGET_DIR val.LINUX_DIR val.TARGET_CROSS val.BUILD_DIR val.STAGING_DIR_HOST)
  { read -r kdir; read -r target_dir; read -r linux_dir; read -r cross; read -r build_dir; read -r host; } <<< "$vals"
  # KDIR keeps a mark of this script's (from an interrupted run); TARGET_DIR cannot (it would land in root.squashfs).
  if [ ! -f "$kdir/.ath79-images-bench" ]; then
    for dir in "$kdir" "$target_dir"; do
      if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
        echo "ath79-images.sh: $dir holds files this script did not put there (a kernel or root build?); move it away first" >&2
        exit 2
      fi
    done
  fi
  # The DTB step, neutralised: the cpp writes an empty preprocessed file, the dtc copies the prepared DTB to its -o.
  mkdir -p "$scratch/path"
  printf '#!/bin/sh\nwhile [ $# -gt 0 ]; do [ "$1" = -o ] && out="$2"; shift; done\n: > "$out"\n' > "$scratch/path/${cross}cpp"
  printf '#!/bin/sh\nwhile [ $# -gt 0 ]; do [ "$1" = -o ] && out="$2"; shift; done\ncp "%s/${out##*/}" "$out"\n' \
    "$oracle/inputs/kdir" > "$scratch/dtc"
  chmod +x "$scratch/path/${cross}cpp" "$scratch/dtc"
  # One run of OpenWrt (JOBS): the image Makefile's install, then profiles.json and sha256sums as the top-level Makefile makes them.
  {
    # REVISION and PATH (staging_dir/host/bin first) as the top-level Makefile exports them to the image make.
    echo "export REVISION=$(printf %q "$(TOPDIR="$tree" "$tree/scripts/getver.sh")")"
    echo "export PATH=$(printf %q "$host/bin"):\$PATH"
    echo "PATH=$(printf %q "$scratch/path"):\$PATH $(printf '%q ' "${image_make[@]}") install -j\$1 -k"
    echo "cd $(printf %q "$tree") && WORK_DIR=$(printf %q "$build_dir/json_info_files") TOPDIR=$(printf %q "$tree")" \
      "scripts/json_overview_image_info.py $(printf %q "$bin/profiles.json") || exit 1"
    # rules.mk's sha256sums (mkhash -n sha256 prints what sha256sum prints, with " *" between hash and name).
    echo "cd $(printf %q "$bin") && find . -maxdepth 1 -type f -not -name sha256sums -printf '%P\\n' | sort |" \
      "xargs -r sha256sum | sed -ne 's!^\\([0-9a-f]*\\)  \\(.*\\)\$!\\1 *\\2!p' > sha256sums"
  } > "$scratch/openwrt.sh"
fi

# prepare_openwrt: KDIR with the kernel build's files and the dtc wrapper, TARGET_DIR, no images yet.
prepare_openwrt() {
  made_dirs=yes
  rm -rf "$kdir" "$target_dir" "$bin" "$build_dir/json_info_files"
  mkdir -p "$kdir" "$target_dir" "$linux_dir/scripts/dtc"
  touch "$kdir/.ath79-images-bench"
  cp "$oracle/inputs/kdir"/* "$kdir/"
  cp "$scratch/dtc" "$linux_dir/scripts/dtc/dtc"
  tar -xf "$oracle/inputs/rootdir.tar" -C "$target_dir"
}

echo "ath79/generic device images: $devices devices ($oracle), $runs runs each; $(nproc) cores; load $(load) at the start" >&2
rm -rf "$bin"
timed kiln-warmup "${kiln_image[@]}"   # builds tmp/kiln's caches, once, outside the measurement
check "kiln (warm-up)" kiln-warmup
for i in $(seq "$runs"); do
  rm -rf "$bin"
  timed kiln "${kiln_image[@]}"
  check "kiln run $i" kiln
  if [ -n "$openwrt" ]; then
    for jobs in 1 2; do
      prepare_openwrt
      timed "openwrt-j$jobs" bash "$scratch/openwrt.sh" "$jobs"
      check "openwrt -j$jobs run $i" "openwrt-j$jobs"
    done
  fi
  if [ -n "$all" ]; then
    rm -rf "$bin"
    timed kiln-all "${kiln_all[@]}"
    echo "kiln, all devices, run $i: $(grep -c '^bin/targets/' "$scratch/kiln-all.log" || true) files;" \
      "$(sed -n 's/.*: \([0-9]*\) of \([0-9]*\) devices failed.*/\1 of \2 devices failed/p' "$scratch/kiln-all.log")" >&2
  fi
  echo "run $i of $runs done; load $(load)" >&2
done

k=$(report kiln)
line="kiln $k s"
if [ -n "$openwrt" ]; then
  o1=$(report openwrt-j1)
  o2=$(report openwrt-j2)
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
  line="$line; openwrt make -j1 $o1 s ($(ratio "$o1" "$k")x Kiln's time), -j2 $o2 s ($(ratio "$o2" "$k")x)"
fi
[ -n "$all" ] && line="$line; kiln, all devices: $(report kiln-all) s"
echo "ath79/generic, $devices devices, medians of $runs: $line; every run's images identical to the oracle's; $(nproc) cores, load $(load) at the end"
