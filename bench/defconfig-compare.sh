#!/usr/bin/env bash
# Compares `kiln defconfig` with OpenWrt's `make defconfig` on a real tree.
#   bench/defconfig-compare.sh TREE DIR
# DIR holds NAME.seed and NAME.config pairs: the seed given to OpenWrt's make defconfig and the
# .config it wrote (../shared/oracle/images/ has two; make more as ../shared/oracle/README.md says).
# For each pair, Kiln completes the seed in TREE and the result is compared byte for byte.
# Leaves TREE/.config as the last run wrote it.
set -uo pipefail
tree=${1:?usage: defconfig-compare.sh TREE DIR}
dir=${2:?usage: defconfig-compare.sh TREE DIR}
kiln="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/kiln"
same=0 differ=0
for seed in "$dir"/*.seed; do
    name=$(basename "$seed" .seed)
    expected="$dir/$name.config"
    [ -f "$expected" ] || continue
    cp "$seed" "$tree/.config"
    if ! "$kiln" --topdir "$tree" defconfig >/dev/null 2>"$tree/.kiln-defconfig.log"; then
        echo "$name: kiln defconfig failed:"; tail -3 "$tree/.kiln-defconfig.log"; differ=$((differ + 1)); continue
    fi
    if cmp -s "$expected" "$tree/.config"; then
        echo "$name: identical ($(wc -l < "$expected") lines)"; same=$((same + 1))
    else
        echo "$name: DIFFERS in $(diff "$expected" "$tree/.config" | grep -c '^[<>]') lines"
        diff "$expected" "$tree/.config" | head -10
        differ=$((differ + 1))
    fi
done
rm -f "$tree/.kiln-defconfig.log"
echo "$same identical, $differ different"
[ "$differ" -eq 0 ]
