#!/usr/bin/env bash
# Measures kiln serve end to end on the example tree: the malta/le packages are built once in a scratch copy, then
# `kiln serve` runs on it and a client (ASU's protocol: POST /api/v1/build, then GET /api/v1/build/HASH every 50 ms)
# times request -> image ready for RUNS new requests (cached packages, a new first-boot script each time, so each one
# really builds), then the same requests again (answered from the store). Prints both medians and the core count.
#   usage: bench/serve.sh [RUNS] [WORKERS]
set -euo pipefail
runs="${1:-7}"
workers="${2:-2}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
"$root/kiln" --help >/dev/null   # build Kiln once, outside the measurement
kiln="$root/.kiln-build/kiln"
kernel="${KILN_KERNELS:-${XDG_CACHE_HOME:-$HOME/.cache}/kiln/kernels}/malta-le/vmlinux"

scratch="$(mktemp -d)"
service=""
cleanup() {
  [ -n "$service" ] && kill "$service" 2>/dev/null && wait "$service" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
cp -r "$root/examples/tree" "$scratch/tree"
cp -r "$root/examples/mirror" "$scratch/mirror"
rm -rf "$scratch/tree"/{bin,build_dir,staging_dir,dl,logs,tmp}
export SOURCE_DATE_EPOCH=1700000000
"$kiln" --topdir "$scratch/tree" build --target malta/le --kernel "$kernel" >/dev/null

"$kiln" --topdir "$scratch/tree" serve --listen 127.0.0.1:0 --workers "$workers" --kernel "$kernel" \
  >"$scratch/url" 2>"$scratch/log" &
service=$!
for _ in $(seq 600); do [ -s "$scratch/url" ] && break; sleep 0.1; done
url="$(head -n 1 "$scratch/url")"
[ -n "$url" ] || { cat "$scratch/log" >&2; exit 2; }

# One line per request: the seconds from the POST to the answer 200 (the images in the store).
client() {
  python3 - "$url" "$runs" "$1" <<'PY'
import json, sys, time, urllib.request, urllib.error
url, runs, tag = sys.argv[1].rstrip("/"), int(sys.argv[2]), sys.argv[3]
def call(method, path, body=None):
    request = urllib.request.Request(url + path, method=method, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response: return response.status, json.load(response)
    except urllib.error.HTTPError as e: return e.code, json.load(e)
for run in range(runs):
    body = json.dumps({"version": "SNAPSHOT", "target": "malta/le", "profile": "generic", "packages": ["greeter"],
                       "defaults": f"# bench run {run}\nexit 0\n"}).encode()
    start = time.monotonic()
    status, answer = call("POST", "/api/v1/build", body)
    while status == 202:
        time.sleep(0.05)
        status, answer = call("GET", "/api/v1/build/" + answer["request_hash"])
    if status != 200: sys.exit(f"run {run}: {status} {answer}")
    print(f"{time.monotonic() - start:.3f}")
PY
}
builds=$(client new)
repeats=$(client repeat)
echo "malta/le via kiln serve ($workers workers, $(nproc) cores): request -> image ready median $(echo "$builds" | median) s" \
  "over $runs new requests (each: $(echo $builds)); repeated request (from the store) median $(echo "$repeats" | median) s"
