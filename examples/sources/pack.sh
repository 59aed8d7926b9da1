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

# A .zip as some upstreams publish (Python's zipfile: sorted names, fixed times and modes).
pack_zip() { # pack_zip SOURCE-DIR NAME-INSIDE OUTPUT
  python3 - "$here/$1" "$2" "$mirror/$3" <<'PY'
import os, sys, zipfile
source, inside, output = sys.argv[1:]
with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
    for directory, folders, files in sorted(os.walk(source)):
        folders.sort()
        relative = os.path.relpath(directory, source)
        name = inside + "/" + ("" if relative == "." else relative + "/")
        entry = zipfile.ZipInfo(name, (2025, 3, 14, 0, 0, 0))
        entry.external_attr = (0o40755 << 16) | 0x10
        archive.writestr(entry, b"")
        for file in sorted(files):
            entry = zipfile.ZipInfo(name + file, (2025, 3, 14, 0, 0, 0))
            entry.external_attr = 0o100644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            with open(os.path.join(directory, file), "rb") as f:
                archive.writestr(entry, f.read())
PY
  sha256sum "$mirror/$3"
}

pack libgreet-1.4.0 libgreet-1.4.0 libgreet-1.4.0.tar.gz gzip -n -9
pack greeter 'greeter-2025.03.14~3c1f0d2b' 'greeter-2025.03.14~3c1f0d2b.tar.zst' zstd -q -19 -c
# The build tests' sources as .zip and .tar.zst (tests/Kiln.Build.Tests/Fixtures/knobs).
pack_zip knob knobzip-1.0 knobzip-1.0.zip
pack knob knobzst-1.0 knobzst-1.0.tar.zst zstd -q -19 -c
