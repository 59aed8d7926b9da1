#!/usr/bin/env bash
# The package solver on OpenWrt 24.10's real base and packages feeds, indexed for ath79/generic (mips_24kc) from the
# oracle's metadata dumps (../shared/oracle): the index read time and the median time per realistic image request
# (the target's default packages, the tplink_archer-c7-v2 profile's and the user's list), the index read once.
#   usage: bench/solver.sh [ROUNDS] [READS]
set -euo pipefail
rounds="${1:-20}"
reads="${2:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
oracle="$(cd "$root/../shared/oracle" && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# Published as ./kiln publishes Kiln itself (compiled ahead of time), so the solver starts as it would in use.
dotnet publish "$root/bench/Kiln.Solver.Bench" -c Release -o "$scratch/bench" -nologo -v quiet --use-current-runtime >/dev/null
"$scratch/bench/Kiln.Solver.Bench" "$oracle" "$reads" "$rounds"
