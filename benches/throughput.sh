#!/usr/bin/env bash
# Throughput and peak memory of vzysk's court-order packages on a fictional workspace:
#   benches/throughput.sh [ACCOUNTS ...]        (default: 150 1000)
# Builds the release binary, writes `vzysk synth` workspaces under target/bench/, runs
# `vzysk generate --docs court-order` on each with GNU time, and prints one line per size.
# Not part of the test suite: run it on a quiet machine and compare only figures taken side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/vzysk
timer=/usr/bin/time
[ -x "$timer" ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
mkdir -p target/bench
printf '%-9s %-7s %-9s %-12s %s\n' accounts files seconds documents/s "peak RSS (MB)"
for n in "${@:-150 1000}"; do
  for size in $n; do
    ws="target/bench/ws-$size"
    [ -d "$ws" ] || "$bin" synth "$ws" --accounts "$size" 2>/dev/null
    out="target/bench/out-$size.zip"
    rm -f "$out"
    log=$("$timer" -v "$bin" generate "$ws" --as-of 2026-11-27 --docs court-order --quiet -o "$out" 2>&1)
    summary=$(grep '^vzysk:' <<<"$log")
    files=$(sed -E 's/^vzysk: ([0-9]+) files.*/\1/' <<<"$summary")
    secs=$(sed -E 's/.*; ([0-9.]+) s, .*/\1/' <<<"$summary")
    rate=$(sed -E 's/.* s, ([0-9.]+) documents\/s.*/\1/' <<<"$summary")
    rss=$(awk '/Maximum resident set size/ {printf "%.0f", $6/1024}' <<<"$log")
    printf '%-9s %-7s %-9s %-12s %s\n' "$size" "$files" "$secs" "$rate" "$rss"
  done
done
