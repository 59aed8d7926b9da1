#!/usr/bin/env bash
# Packs the example sources into the tarballs of examples/mirror, byte for byte the same on
# every machine (sorted names, owner 0, fixed times, no compressor timestamps). The example
# packages' PKG_HASH values are the sha256 of these files: run this after changing a source and
# update the hashes it prints.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mirror="$here/../mirror"
mkdir -p "$mirror"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

pack() { # pack SOURCE-DIR NAME-INSIDE OUTPUT COMPRESSOR...
  local source="$1" inside="$2" output="$3"
  shift 3
  cp -r "$here/$source" "$tmp/$inside"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@1741910400 --mode='a+rX,go-w' \
    -C "$tmp" -c "$inside" | "$@" > "$mirror/$output"
  sha256sum "$mirror/$output"
}

pack libgreet-1.4.0 libgreet-1.4.0 libgreet-1.4.0.tar.gz gzip -n -9
pack greeter 'greeter-2025.03.14~3c1f0d2b' 'greeter-2025.03.14~3c1f0d2b.tar.zst' zstd -q -19 -c
