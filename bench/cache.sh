#!/usr/bin/env bash
# Measures a clean build of the example feed (examples/tree, for malta/le) with a warm remote
# build cache against one without a cache, each RUNS times (default 5) in a fresh copy of the
# tree at a new path, as a fresh process; prints the medians, their ratio and the core count.
# The cache is Debian's nginx with WebDAV PUT (as the tests run it), on a free port of
# 127.0.0.1, filled by one build of another copy of the tree first.
#   packages: the feed's packages alone (what the cache replaces);
#   whole:    packages and the firmware images (which are always made locally);
# and, to show what uploads cost, the same clean builds storing into an empty cache.
#   usage: bench/cache.sh [RUNS]
set -euo pipefail
runs="${1:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
"$root/kiln" --help >/dev/null   # build Kiln once, outside the measurement
kiln="$root/.kiln-build/kiln"
kernel="${KILN_KERNELS:-${XDG_CACHE_HOME:-$HOME/.cache}/kiln/kernels}/malta-le/vmlinux"
packages=(base-files bootcheck greeter greeter-lite greet-test)

scratch="$(mktemp -d)"
nginx_pid=""
trap '[ -n "$nginx_pid" ] && kill "$nginx_pid"; rm -rf "$scratch"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$scratch/nginx/root"
cat > "$scratch/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
pid $scratch/nginx/nginx.pid;
error_log $scratch/nginx/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $scratch/nginx/body;
    server {
        listen 127.0.0.1:$port;
        location / { root $scratch/nginx/root; dav_methods PUT; create_full_put_path on; client_max_body_size 0; }
    }
}
CONF
nginx -p "$scratch/nginx" -c "$scratch/nginx/nginx.conf" -e "$scratch/nginx/error.log" &
nginx_pid=$!
cache="http://127.0.0.1:$port/kiln/"
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.1; done

copy=0
# fresh_tree: a clean copy of the example tree (and its mirror) at a new path; prints the tree's path.
fresh_tree() {
  copy=$((copy + 1))
  local at="$scratch/copy-$copy"
  mkdir -p "$at"
  cp -r "$root/examples/tree" "$at/tree"
  cp -r "$root/examples/mirror" "$at/mirror"
  rm -rf "$at/tree"/{build_dir,staging_dir,dl,logs,tmp,bin,.config}
  echo "$at/tree"
}

# measure ARGS...: RUNS clean builds with ARGS, each in a fresh tree; prints the median seconds. @RUN@ in an
# argument becomes a random number of the run's own (an empty cache for each run).
measure() {
  local times=() tree record
  record=$(mktemp)
  for _ in $(seq "$runs"); do
    tree=$(fresh_tree)
    /usr/bin/time -o "$record" -f '%e' "$kiln" --topdir "$tree" build --target malta/le "${@//@RUN@/$RANDOM$RANDOM}" >/dev/null 2>&1
    times+=("$(tail -n 1 "$record")")
    rm -rf "$(dirname "$tree")"
  done
  rm -f "$record"
  printf '%s\n' "${times[@]}" | median
}

filler=$(fresh_tree)
"$kiln" --topdir "$filler" build --target malta/le --kernel "$kernel" --cache "$cache" >/dev/null 2>&1
"$kiln" --topdir "$filler" build --target malta/le "${packages[@]}" --cache "$cache" >/dev/null 2>&1
echo "cache filled: $(find "$scratch/nginx/root/kiln/ac" -type f | wc -l) action records, $(du -sk "$scratch/nginx/root/kiln/cas" | cut -f1) KB of blobs"

for what in packages whole; do
  if [ "$what" = packages ]; then args=("${packages[@]}"); else args=(--kernel "$kernel"); fi
  none=$(measure "${args[@]}" --cache-mode off)
  warm=$(measure "${args[@]}" --cache "$cache" --cache-mode read)
  # What storing costs: each run fills an empty cache of its own (a new prefix on the same server).
  storing=$(measure "${args[@]}" --cache "http://127.0.0.1:$port/empty-@RUN@/")
  ratio=$(awk -v a="$none" -v b="$warm" 'BEGIN { printf "%.1f", a / b }')
  echo "$what: no cache median $none s, warm remote cache median $warm s: ${ratio}x; storing into an empty cache median $storing s; over $runs runs each ($(nproc) cores)"
done
