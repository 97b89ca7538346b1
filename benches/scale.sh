#!/usr/bin/env bash
# Seconds and peak memory of every command at two sizes, to show that memory does not grow with
# the number of accounts:
#   benches/scale.sh [SMALL LARGE]        (default: 5000 50000; SKIP_GENERATE=1 leaves out generate,
#                                           which takes ~25 minutes at 50 000 accounts on 2 cores)
# Builds the release binary, writes `vzysk synth` workspaces under target/bench/, and runs `check`,
# `calc` in each format, `plan` and `generate --docs court-order` on each under /usr/bin/time
# (generate's peak is the sum over vzysk and its renderer processes, benches/treepeak.py). Prints one
# line per command and size, then the ratio of the peaks (the goal: ≤ 1.5) and calc --format json's
# peak at the large size (the goal: ≤ 300 MB).
# Not part of the test suite: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/bench/vzysk
mkdir -p target/bench
cp target/release/vzysk "$bin"
small=${1:-5000}
large=${2:-50000}
declare -A peak
run() { # size, name, command…
  local size=$1 name=$2
  shift 2
  local log secs kb
  log=$( { /usr/bin/time -f 'TIME %e %M' "$@" >/dev/null; } 2>&1 || true)
  secs=$(sed -nE 's/^TIME ([0-9.]+) ([0-9]+)$/\1/p' <<<"$log" | tail -1)
  kb=$(sed -nE 's/^TIME ([0-9.]+) ([0-9]+)$/\2/p' <<<"$log" | tail -1)
  peak[$name/$size]=$kb
  printf '%-8s %-22s %8s s %8s MB\n' "$size" "$name" "$secs" "$((kb / 1024))"
}
printf '%-8s %-22s %10s %11s\n' accounts command seconds "peak RSS"
for n in $small $large; do
  ws="target/bench/ws-$n"
  [ -d "$ws" ] || "$bin" synth "$ws" --accounts "$n" 2>/dev/null
  run "$n" check "$bin" check "$ws" --as-of 2026-11-27
  for f in table csv json; do
    run "$n" "calc --format $f" "$bin" calc "$ws" --as-of 2026-11-27 --format "$f"
  done
  run "$n" plan "$bin" plan "$ws" --as-of 2026-11-27
  [ "${SKIP_GENERATE:-0}" = 1 ] && continue
  out="target/bench/scale-$n.zip"
  rm -f "$out"
  log=$(python3 benches/treepeak.py "$bin" generate "$ws" --as-of 2026-11-27 --docs court-order --quiet -o "$out" 2>&1 || true)
  secs=$(sed -nE 's/^treepeak: ([0-9.]+) s, .*$/\1/p' <<<"$log")
  mb=$(sed -nE 's/^treepeak: [0-9.]+ s, ([0-9]+) MB.*$/\1/p' <<<"$log")
  peak[generate/$n]=$((mb * 1024))
  printf '%-8s %-22s %8s s %8s MB (vzysk + renderers)\n' "$n" "generate court-order" "$secs" "$mb"
done
echo
for name in check "calc --format table" "calc --format csv" "calc --format json" plan generate; do
  [ -n "${peak[$name/$large]:-}" ] || continue
  a=${peak[$name/$small]}
  b=${peak[$name/$large]}
  printf '%-22s peak at %s / at %s: %s\n' "$name" "$large" "$small" "$(python3 -c "print(round($b / $a, 2))")"
done
echo "calc --format json at $large: $((peak["calc --format json/$large"] / 1024)) MB (goal ≤ 300)"
