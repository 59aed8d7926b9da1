# Shared by the bench/*.sh scripts (sourced).

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# time_runs RUNS COMMAND...: runs COMMAND (output discarded) RUNS times as a fresh process and
# prints "MEDIAN_SECONDS PEAK_KB".
time_runs() {
  local runs="$1" times=() rss=() out record
  shift
  record=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$record" -f '%e %M' "$@" >/dev/null 2>&1 || true
    out=$(tail -n 1 "$record")
    times+=("${out% *}"); rss+=("${out#* }")
  done
  rm -f "$record"
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${rss[@]}" | sort -n | tail -n 1)"
}
