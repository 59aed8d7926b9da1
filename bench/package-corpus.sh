#!/usr/bin/env bash
# The real-corpus package build run (issue 13; not part of CI): every source package of an
# OpenWrt 24.10 tree's package/ and its packages feed whose source can be had here (Debian orig
# tarballs with the same sha256, in-tree sources, git sources with a local mirror) built with
# Kiln for one architecture, and a report of what built and why the rest failed.
#
#   bench/package-corpus.sh prepare          copies of the tree, the package model, sources into dl/
#   bench/package-corpus.sh build ARCH       a keep-going build of every package that can be had
#   bench/package-corpus.sh qemu ARCH        programs of the built packages run under qemu-user
#   bench/package-corpus.sh report ARCH      CORPUS/report-ARCH.md and .tsv
#
# ARCH: ath79 (ath79/generic, mips_24kc) or aarch64 (mediatek/filogic, aarch64_cortex-a53).
# TREE (default /work/trees/openwrt) is only read; the builds run in copies, CORPUS/tree-ARCH
# (CORPUS default /work/corpus). Debian's Sources indexes are cached in CORPUS/debian.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TREE="${TREE:-/work/trees/openwrt}"
CORPUS="${CORPUS:-/work/corpus}"
KILN="${KILN:-$here/../kiln}"
JOBS="${JOBS:-2}"
py() { python3 "$here/package_corpus.py" "$@"; }
. "$here/lib.sh"

target_of() {
  case "$1" in
    ath79) echo ath79/generic ;;
    aarch64) echo mediatek/filogic ;;
    *) echo "unknown ARCH '$1' (ath79 or aarch64)" >&2; exit 1 ;;
  esac
}

# copy_of ARCH: the tree's copy for ARCH under CORPUS, made once.
copy_of() {
  [ -d "$CORPUS/tree-$1" ] || copy_tree "$TREE" "$CORPUS/tree-$1"
}

prepare() {
  mkdir -p "$CORPUS/debian" "$CORPUS/dl"
  copy_of ath79
  copy_of aarch64
  local copy="$CORPUS/tree-ath79"
  "$KILN" --topdir "$copy" dump packages package --json > "$CORPUS/model-base.json" || true
  "$KILN" --topdir "$copy" dump packages feeds/packages --json > "$CORPUS/model-packages.json" || true
  py sources --models "$CORPUS/model-base.json" "$CORPUS/model-packages.json" --debian "$CORPUS/debian" \
    --dl "$CORPUS/dl" --out "$CORPUS/sources.tsv" --gitconfig "$CORPUS/gitconfig"
  # Each copy has a dl/ of its own (two builds at once write there), the same files linked in.
  for arch in ath79 aarch64; do
    for f in "$CORPUS"/dl/*; do ln -f "$f" "$CORPUS/tree-$arch/dl/" 2>/dev/null || cp -f "$f" "$CORPUS/tree-$arch/dl/"; done
  done
}

build() {
  local arch="$1" target copy out batches batch roots
  target="$(target_of "$arch")"
  copy="$CORPUS/tree-$arch"
  # RESUME=1 keeps the batches and the packages left out by an earlier run.
  if [ -z "${RESUME:-}" ]; then
    rm -f "$CORPUS/roots-$arch"-*.txt "$CORPUS/build-$arch"-*.out
    py roots --sources "$CORPUS/sources.tsv" --dl "$CORPUS/dl" --prefix "$CORPUS/roots-$arch" --limits "${LIMITS:-400000,2000000}" >/dev/null
    : > "$CORPUS/dropped-$arch.tsv"
  fi
  # Git sources come from the local mirrors through git's insteadOf.
  export GIT_CONFIG_GLOBAL="$CORPUS/gitconfig"
  batches=$(ls "$CORPUS/roots-$arch"-*.txt | wc -l)
  for batch in $(seq "$batches"); do
    roots="$CORPUS/roots-$arch-$batch.txt"
    out="$CORPUS/build-$arch-$batch.out"
    [ -s "$roots" ] || continue
    [ -n "${RESUME:-}" ] && grep -q "^kiln: .* built\|^FAILED: " "$out" 2>/dev/null && continue
    for attempt in $(seq 50); do
      echo "$(date -u +%T) batch $batch, attempt $attempt: $(wc -l < "$roots") packages" >&2
      local status=0
      (cd "$here/.." && "$KILN" --topdir "$copy" build --target "$target" -j "$JOBS" --keep-going $(cat "$roots")) > "$out" 2>&1 || status=$?
      # A plan error (nothing ran, no FAILED: report) leaves out the packages that lead to it and tries again.
      if [ "$status" -ne 0 ] && ! grep -q '^FAILED: ' "$out"; then
        py drop --output "$out" --roots "$roots" --dropped "$CORPUS/dropped-$arch.tsv" \
          --models "$CORPUS/model-base.json" "$CORPUS/model-packages.json"
        continue
      fi
      echo "$(date -u +%T) batch $batch done (exit status $status)" >&2
      break
    done
  done
}

qemu() {
  local arch="$1" sysroot cmd
  case "$arch" in
    ath79) sysroot=/usr/mips-linux-gnu; cmd="qemu-mips-static -cpu 24Kf" ;;
    aarch64) sysroot=/usr/aarch64-linux-gnu; cmd="qemu-aarch64-static" ;;
  esac
  py qemu --tree "$CORPUS/tree-$arch" --sysroot "$sysroot" --root "$CORPUS/root-$arch" --qemu "$cmd" \
    --programs "$here/package-corpus-programs.txt" --out "$CORPUS/qemu-$arch.txt"
}

report() {
  local arch="$1"
  py report --tree "$CORPUS/tree-$arch" --sources "$CORPUS/sources.tsv" --output "$CORPUS"/build-$arch-*.out --arch "$arch" \
    --target "$(target_of "$arch")" --out-dir "$CORPUS" --classes "$here/package-corpus-classes.tsv" \
    --dropped "$CORPUS/dropped-$arch.tsv" --qemu "$CORPUS/qemu-$arch.txt" \
    --models "$CORPUS/model-base.json" "$CORPUS/model-packages.json"
}

case "${1:-}" in
  prepare) prepare ;;
  build | qemu | report) "$1" "${2:?ARCH: ath79 or aarch64}" ;;
  *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 1 ;;
esac
