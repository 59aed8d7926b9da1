#!/usr/bin/env bash
# Packs and indexes a feed's packages with Kiln and with OpenWrt's own scripts, on the same
# install directories, RUNS times each; prints the medians and the ratio.
#   usage: bench/packing.sh FEED-DIR OPENWRT-TREE [RUNS]
# FEED-DIR holds .ipk files a Kiln build made (e.g. OPENWRT/bin/packages/mips_24kc/packages);
# their files and control files are unpacked once into a scratch folder. OpenWrt's side runs
# OPENWRT/scripts/ipkg-build for each package directory (files plus CONTROL/), then
# OPENWRT/scripts/ipkg-make-index.sh, and signs Packages (signify-openbsd stands in for usign,
# same format); Kiln's side packs, indexes and signs the same directories in one process.
set -euo pipefail
feed="$(cd "${1:?usage: bench/packing.sh FEED-DIR OPENWRT-TREE [RUNS]}" && pwd)"
tree="$(cd "${2:?usage: bench/packing.sh FEED-DIR OPENWRT-TREE [RUNS]}" && pwd)"
runs="${3:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
command -v signify-openbsd >/dev/null || { echo "needs signify-openbsd (apt-get install signify-openbsd)" >&2; exit 1; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# Published as ./kiln publishes Kiln itself (compiled ahead of time), so both sides start as they would in use.
dotnet publish "$root/bench/Kiln.Packing.Bench" -c Release -o "$scratch/bench" -nologo -v quiet --use-current-runtime >/dev/null
signify-openbsd -G -n -p "$scratch/key.pub" -s "$scratch/key.sec" >/dev/null

mkdir -p "$scratch/openwrt" "$scratch/kiln"
for ipk in "$feed"/*.ipk; do
  name="$(basename "$ipk" .ipk)"
  mkdir -p "$scratch/openwrt/$name/CONTROL" "$scratch/kiln/$name/data" "$scratch/kiln/$name/control"
  tar -xzOf "$ipk" ./data.tar.gz | tar -xz -C "$scratch/openwrt/$name"
  tar -xzOf "$ipk" ./data.tar.gz | tar -xz -C "$scratch/kiln/$name/data"
  tar -xzOf "$ipk" ./control.tar.gz | tar -xz -C "$scratch/openwrt/$name/CONTROL"
  tar -xzOf "$ipk" ./control.tar.gz | tar -xz -C "$scratch/kiln/$name/control"
done
count=$(ls "$scratch/kiln" | wc -l)

openwrt_run() {
  rm -rf "$scratch/out-openwrt"; mkdir -p "$scratch/out-openwrt"
  for d in "$scratch"/openwrt/*/; do
    fakeroot "$tree/scripts/ipkg-build" -m "" "$d" "$scratch/out-openwrt" >/dev/null
  done
  (cd "$scratch/out-openwrt" && MKHASH="$tree/staging_dir/host/bin/mkhash" "$tree/scripts/ipkg-make-index.sh" . > Packages 2>/dev/null &&
    gzip -9nc Packages > Packages.gz && signify-openbsd -S -s "$scratch/key.sec" -m Packages -x Packages.sig)
}
kiln_run() {
  rm -rf "$scratch/out-kiln"; mkdir -p "$scratch/out-kiln"
  "$scratch/bench/Kiln.Packing.Bench" "$scratch/kiln" "$scratch/out-kiln" "$scratch/key.sec" >/dev/null
}
export -f openwrt_run kiln_run
export scratch tree

openwrt=$(time_runs "$runs" bash -c openwrt_run)
kiln=$(time_runs "$runs" bash -c kiln_run)
# Both sides must have made every package and indexed the same ones.
made_openwrt=$(ls "$scratch"/out-openwrt/*.ipk | wc -l); made_kiln=$(ls "$scratch"/out-kiln/*.ipk | wc -l)
listed_openwrt=$(grep -c '^Package:' "$scratch/out-openwrt/Packages"); listed_kiln=$(grep -c '^Package:' "$scratch/out-kiln/Packages")
[ "$made_openwrt" -eq "$count" ] && [ "$made_kiln" -eq "$count" ] && [ "$listed_openwrt" -eq "$listed_kiln" ] ||
  { echo "the two sides differ: $made_openwrt/$made_kiln packages made, $listed_openwrt/$listed_kiln indexed" >&2; exit 1; }
signify-openbsd -V -q -p "$scratch/key.pub" -x "$scratch/out-kiln/Packages.sig" -m "$scratch/out-kiln/Packages"
echo "$count packages: OpenWrt ipkg-build + ipkg-make-index.sh: median ${openwrt% *} s; Kiln: median ${kiln% *} s (peak ${kiln#* } KB); $(nproc) cores, $runs runs"
awk -v o="${openwrt% *}" -v k="${kiln% *}" 'BEGIN {printf "Kiln is %.1fx faster\n", o / k}'
