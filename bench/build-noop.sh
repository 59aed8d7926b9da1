#!/usr/bin/env bash
# Measures builds of the example feed (examples/tree) in a scratch copy: one clean build per
# target, then RUNS no-op rebuilds (nothing changed, so every step is up to date), each as a
# fresh process; prints the medians and the machine's core count.
#   usage: bench/build-noop.sh [RUNS]
set -euo pipefail
runs="${1:-7}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
"$root/kiln" --help >/dev/null   # build Kiln once, outside the measurement
kiln="$root/.kiln-build/kiln"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r "$root/examples/tree" "$scratch/tree"
cp -r "$root/examples/mirror" "$scratch/mirror"
rm -rf "$scratch/tree"/{build_dir,staging_dir,dl,logs,tmp}
packages=(greeter greeter-lite greet-test)

for target in demo/small pc/generic; do
  clean=$(time_runs 1 "$kiln" --topdir "$scratch/tree" build --target "$target" "${packages[@]}")
  "$kiln" --topdir "$scratch/tree" build --target "$target" "${packages[@]}"   # fails the script if the build did not succeed
  noop=$(time_runs "$runs" "$kiln" --topdir "$scratch/tree" build --target "$target" "${packages[@]}")
  echo "$target: clean build ${clean% *} s; no-op rebuild median ${noop% *} s over $runs runs, peak ${noop#* } KB ($(nproc) cores)"
done
