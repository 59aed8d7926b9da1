#!/usr/bin/env bash
# Every benchmark of issue 18, Kiln and OpenWrt side by side in one run, written as one Markdown
# table (to stdout and to FILE, default bench/results.md) with the ratio OpenWrt/Kiln and the goals.
#   usage: bench/all.sh OPENWRT_TREE [RUNS] [--out FILE]
# OPENWRT_TREE is OpenWrt 24.10 with the packages feed as feeds/packages; it is only read: Kiln
# and OpenWrt each work in a scratch copy of their own (no build outputs), removed at exit. Every
# figure is wall time of fresh processes: Kiln's the median of RUNS (default 5), OpenWrt's the
# median of min(RUNS, 3) after a first run, or that first run alone where it took 10 s or more. The no-op builds use the packages of
# bench/noop-packages.txt, built once untimed (target ath79/generic).
set -euo pipefail
usage="usage: bench/all.sh OPENWRT_TREE [RUNS] [--out FILE]"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/results.md"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$(realpath -m "${2:?$usage}")"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
tree="$(cd "${args[0]:?$usage}" && pwd)"
runs="${args[1]:-5}"
openwrt_runs=$((runs < 3 ? runs : 3))
. "$root/bench/lib.sh"
need make make; need gawk gawk; need gcc gcc; need fakeroot fakeroot; need signify-openbsd signify-openbsd
need mips-linux-gnu-gcc gcc-mips-linux-gnu; need rsync rsync   # rsync: a host check of OpenWrt's make
[ -d "$tree/feeds/packages" ] || { echo "all.sh: $tree has no feeds/packages" >&2; exit 1; }
"$root/kiln" --help >/dev/null   # build Kiln once, outside the measurement
mapfile -t packages < <(grep -v '^#' "$root/bench/noop-packages.txt")
one="${packages[0]}"   # the one-package case: the list's first
config="$root/../shared/oracle/images/ath79-generic.config"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
copy_tree "$tree" "$scratch/kiln"
copy_tree "$tree" "$scratch/openwrt"
printf 'CONFIG_TARGET_ath79=y\nCONFIG_TARGET_ath79_generic=y\n' > "$scratch/seed"
table="$scratch/table"
echo "cores: $(nproc)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)   # other work on the machine weighs on every figure

k() { "$root/.kiln-build/kiln" --topdir "$scratch/kiln" "$@"; }
# kiln_time COMMAND...: median seconds of COMMAND (Kiln, in its copy) over RUNS runs, after one run
# untimed whose failure stops the script with its output.
kiln_time() {
  "$@" > "$scratch/log" 2>&1 || { cat "$scratch/log" >&2; echo "all.sh: $* failed" >&2; exit 1; }
  time_call "$runs" "$@"
}
# openwrt_time COMMAND...: median seconds of COMMAND in OpenWrt's copy over min(RUNS, 3) runs after
# a first, or the first alone, marked "(1 run)", when it took 10 s or more; "failed" if it failed.
openwrt_time() {
  local first
  first=$(cd "$scratch/openwrt" && time_call 1 "$@") || { echo failed; return; }
  if awk -v t="$first" 'BEGIN { exit !(t >= 10) }'; then echo "$first (1 run)"
  else (cd "$scratch/openwrt" && time_call "$openwrt_runs" "$@") || echo failed; fi
}
# row BENCHMARK KILN OPENWRT [GOAL]: a line of the table, with the ratio when OpenWrt has a figure
# (OPENWRT may also be "≥ SECONDS", a lower bound, or a word saying why there is none).
row() {
  local ratio
  ratio=$(awk -v k="$2" -v o="$3" 'BEGIN {
    bound = sub(/^≥ /, "", o)
    if (match(o, /^[0-9.]+/) && k > 0) printf "%s%.1f×", (bound ? "≥ " : ""), substr(o, 1, RLENGTH) / k; else print "–" }')
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$ratio" "${4:-}" | tee -a "$table" >&2
}
# sum A B: the sum of two figures, "(1 run)" when either is from one run, "failed" when either failed.
sum() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a == "failed" || b == "failed") print "failed"
    else printf "%.2f%s\n", a + b, (a b ~ /1 run/ ? " (1 run)" : "") }'
}

# Metadata scans. OpenWrt's cold scan starts from an empty tmp/info, its warm one is the same scan
# again with nothing changed (as prepare-tmpinfo runs on an unchanged tree).
openwrt_cold_packages() { rm -rf tmp/info; mkdir -p tmp/info; openwrt_scan_packages "$PWD" "$1"; }
openwrt_cold_targets() { rm -rf tmp/info; mkdir -p tmp/info; openwrt_scan_targets "$PWD"; }
declare -A kiln_s openwrt_s
for dir in package feeds/packages; do
  kiln_s[cold $dir]=$(kiln_time k --no-cache dump packages "$dir")
  openwrt_s[cold $dir]=$(openwrt_time openwrt_cold_packages "$dir")
  row "\`dump packages $dir\`, cold (\`--no-cache\`)" "${kiln_s[cold $dir]}" "${openwrt_s[cold $dir]}"
  kiln_s[warm $dir]=$(kiln_time k dump packages "$dir")
  openwrt_s[warm $dir]=$(openwrt_time openwrt_scan_packages "$scratch/openwrt" "$dir")
  row "\`dump packages $dir\`, warm" "${kiln_s[warm $dir]}" "${openwrt_s[warm $dir]}"
done
row "\`dump packages\` package/ + feeds/packages, cold" "$(sum "${kiln_s[cold package]}" "${kiln_s[cold feeds/packages]}")" \
  "$(sum "${openwrt_s[cold package]}" "${openwrt_s[cold feeds/packages]}")" "≤ 0.4"
row "\`dump packages\` package/ + feeds/packages, warm" "$(sum "${kiln_s[warm package]}" "${kiln_s[warm feeds/packages]}")" \
  "$(sum "${openwrt_s[warm package]}" "${openwrt_s[warm feeds/packages]}")" "≤ 0.2"
# (Kiln's figures are set apart from row's arguments, so that a failure of Kiln stops the script.)
kiln=$(kiln_time k --no-cache dump targets)
row "\`dump targets\`, cold (\`--no-cache\`)" "$kiln" "$(openwrt_time openwrt_cold_targets)" "≤ 0.25"
kiln=$(kiln_time k dump targets)
row "\`dump targets\`, warm" "$kiln" "$(openwrt_time openwrt_scan_targets "$scratch/openwrt")"

# The image plan of every ath79/generic device (OpenWrt: its dry run, make -n install) with the
# oracle's .config.
cp "$config" "$scratch/openwrt/.config"
kiln=$(kiln_time k plan ath79/generic --config "$config")
row "\`plan ath79/generic --config\` ¹" "$kiln" "$(openwrt_time openwrt_dry_run "$scratch/openwrt" ath79)"

# defconfig of a two-line seed selecting ath79/generic; one untimed run each first (OpenWrt's
# builds its conf and runs its host checks, which also make staging_dir/host/bin/mkhash).
kiln_defconfig() { cp "$scratch/seed" "$scratch/kiln/.config" && k defconfig; }
openwrt_defconfig() { cp "$scratch/seed" .config && make defconfig; }
(cd "$scratch/openwrt" && openwrt_defconfig) > "$scratch/log" 2>&1 || { tail -n 5 "$scratch/log" >&2; echo "all.sh: OpenWrt's make defconfig failed" >&2; }
kiln=$(kiln_time kiln_defconfig)
row "\`defconfig\` (ath79/generic seed)" "$kiln" "$(openwrt_time openwrt_defconfig)"

# No-op builds: the packages built once, then built again with nothing changed. OpenWrt cannot
# build them here (² below); what every one of its make invocations runs first can be timed: the
# prereq step (host checks, prepare-tmpinfo) and the .config sync check of include/toplevel.mk.
echo "building ${#packages[@]} packages once (untimed)..." >&2
k build --target ath79/generic "${packages[@]}" > "$scratch/log" 2>&1 || { tail -n 50 "$scratch/log" >&2; echo "all.sh: the build of bench/noop-packages.txt failed" >&2; exit 1; }
openwrt_make_overhead() {
  make -s prereq && cp .config tmp/.config && ./scripts/config/conf --fatalrecursive --defconfig=tmp/.config -w tmp/.config Config.in
}
overhead=$(openwrt_time openwrt_make_overhead)
[ "$overhead" = failed ] || overhead="≥ $overhead"
kiln=$(kiln_time k build --target ath79/generic "${packages[@]}")
row "no-op build of ${#packages[@]} real packages ²" "$kiln" "$overhead" "≤ 0.6"
kiln=$(kiln_time k build --target ath79/generic "$one")
row "no-op build of one package ($one) ²" "$kiln" "$overhead" "≤ 0.3"

# Packing: the packages-feed ipks of that build, packed, indexed and signed (bench/packing.sh,
# OpenWrt's ipkg-build and ipkg-make-index.sh with the mkhash its host checks built).
feed="$scratch/kiln/bin/packages/mips_24kc/packages"
packing=$("$root/bench/packing.sh" "$feed" "$scratch/openwrt" "$runs" | tee "$scratch/log" | grep ' packages: ')
row "pack + index + sign $(ls "$feed"/*.ipk | wc -l) packages-feed ipks ³" \
  "$(sed 's/.*Kiln: median \([0-9.]*\) s.*/\1/' <<< "$packing")" "$(sed 's/.*index.sh: median \([0-9.]*\) s.*/\1/' <<< "$packing")"

# Image assembly: bench/images.sh, the example tree (⁴ below).
images=$("$root/bench/images.sh" "$runs" | grep 'image assembly median')
row "image assembly, example tree malta/le ⁴" "$(sed 's/.*image assembly median \([0-9.]*\) s.*/\1/' <<< "$images")" "n/a ⁴"

{
  echo "Measured by \`bench/all.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores; wall time in seconds of fresh processes,"
  echo "Kiln the median of $runs runs, OpenWrt 24.10 the median of $openwrt_runs (after a first run), or its first run alone where"
  echo "that took 10 s or more: \"(1 run)\" (in a sum, at least one of its parts)."
  echo
  echo "| benchmark | Kiln (s) | OpenWrt (s) | OpenWrt/Kiln | goal (Kiln) |"
  echo "| --- | --- | --- | --- | --- |"
  cat "$table"
  echo
  echo "Cold: OpenWrt from an empty \`tmp/info\` (its \`include/scan.mk\`, make -j2, as \`prepare-tmpinfo\` runs it), Kiln with"
  echo "\`--no-cache\`; warm: the same again with nothing changed. ¹ OpenWrt: \`make -n install\` in \`target/linux/ath79/image\`"
  echo "with the same .config. ² The packages of \`bench/noop-packages.txt\` (one: its first), target ath79/generic, built"
  echo "once first. OpenWrt's own no-op \`make package/X/compile\` needs its toolchain built first (hours, and sources"
  echo "from the internet), so it is not measured; the figure is what every OpenWrt \`make\` runs before it reaches the"
  echo "package — the \`prereq\` step (host checks, \`prepare-tmpinfo\` on the unchanged tree) and the .config sync check"
  echo "of \`include/toplevel.mk\` — a lower bound of its no-op. ³ \`bench/packing.sh\`: OpenWrt's \`ipkg-build\` per"
  echo "package and \`ipkg-make-index.sh\`, signed by signify-openbsd, against Kiln on the same files. ⁴ \`bench/images.sh\`:"
  echo "root file system, file systems, recipes and outputs of the example tree's malta/le from its built packages,"
  echo "Kiln's example, which OpenWrt has no counterpart of. The real tree's ath79 images, Kiln against OpenWrt's image"
  echo "Makefile on the oracle's fixed inputs (\`bench/ath79-images.sh\`), need the host tools firmware-utils and fwtool"
  echo "built into the tree, from git sources not available offline here, so they are not measured by this script."
  echo "Load average (1, 5, 15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$out"
