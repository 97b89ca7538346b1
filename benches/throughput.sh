#!/usr/bin/env bash
# Throughput and peak memory of vzysk's court-order packages on fictional workspaces:
#   benches/throughput.sh [ACCOUNTS ...]        (default: 1000 15000)
# Builds the release binary, writes `vzysk synth` workspaces under target/bench/, runs
# `vzysk generate --docs court-order` on each, and prints one line per size: files, seconds,
# documents/s, and the peak of the summed resident memory of vzysk and its renderer processes
# (benches/treepeak.py; the parts are vzysk itself and each renderer at that moment).
# Not part of the test suite: run it on a quiet machine and compare only figures taken side by side.
set -euo pipefail
# The summary lines below are read in their English words.
export VZYSK_LANG=en
cd "$(dirname "$0")/.."
cargo build --release --quiet
# A copy, so that rebuilding during a long run cannot swap the renderers' binary underneath it.
bin=target/bench/vzysk
mkdir -p target/bench
cp target/release/vzysk "$bin"
printf '%-9s %-7s %-9s %-12s %s\n' accounts files seconds documents/s "peak RSS, MB (vzysk + renderers)"
for size in "${@:-1000 15000}"; do
  for n in $size; do
    ws="target/bench/ws-$n"
    [ -d "$ws" ] || "$bin" synth "$ws" --accounts "$n" 2>/dev/null
    out="target/bench/out-$n.zip"
    rm -f "$out"
    log=$(python3 benches/treepeak.py "$bin" generate "$ws" --as-of 2026-11-27 --docs court-order --quiet -o "$out" 2>&1)
    summary=$(grep -E '^vzysk: [0-9]+ files' <<<"$log")
    files=$(sed -E 's/^vzysk: ([0-9]+) files.*/\1/' <<<"$summary")
    secs=$(sed -E 's/.*; ([0-9.]+) s, .*/\1/' <<<"$summary")
    rate=$(sed -E 's/.* s, ([0-9.]+) documents\/s.*/\1/' <<<"$summary")
    rss=$(sed -nE 's/^treepeak: [0-9.]+ s, (.*)$/\1/p' <<<"$log")
    printf '%-9s %-7s %-9s %-12s %s\n' "$n" "$files" "$secs" "$rate" "$rss"
  done
done
