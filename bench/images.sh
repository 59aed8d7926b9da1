#!/usr/bin/env bash
# Measures image assembly of the example tree (no compilation): the malta/le packages are built
# once in a scratch copy, then `kiln image` runs RUNS times as a fresh process — rootfs from the
# packages, every configured file system, the board's image recipes, manifest, profiles.json,
# sha256sums; prints the median and the machine's core count.
#   usage: bench/images.sh [RUNS] [TARGET]
set -euo pipefail
runs="${1:-7}"
target="${2:-malta/le}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
"$root/kiln" --help >/dev/null   # build Kiln once, outside the measurement
kiln="$root/.kiln-build/kiln"
kernels="${KILN_KERNELS:-${XDG_CACHE_HOME:-$HOME/.cache}/kiln/kernels}"
case "$target" in
  malta/le) kernel="$kernels/malta-le/vmlinux" ;;
  pc/generic) kernel="$kernels/x86-64/bzImage" ;;
  *) echo "images.sh: no kernel known for $target" >&2; exit 2 ;;
esac

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r "$root/examples/tree" "$scratch/tree"
cp -r "$root/examples/mirror" "$scratch/mirror"
rm -rf "$scratch/tree"/{bin,build_dir,staging_dir,dl,logs,tmp}
export SOURCE_DATE_EPOCH=1700000000

"$kiln" --topdir "$scratch/tree" build --target "$target" --kernel "$kernel" >/dev/null
"$kiln" --topdir "$scratch/tree" image --target "$target" --kernel "$kernel" >/dev/null   # fails the script if it does not work
images=$(time_runs "$runs" "$kiln" --topdir "$scratch/tree" image --target "$target" --kernel "$kernel")
count=$(wc -l < "$scratch/tree/bin/targets/$target/sha256sums")
echo "$target: image assembly median ${images% *} s over $runs runs, peak ${images#* } KB; $count files in bin/targets ($(nproc) cores)"
