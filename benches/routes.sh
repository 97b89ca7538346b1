#!/usr/bin/env bash
# Three routes to the same court-order PDFs, side by side on one fictional workspace:
#   benches/routes.sh [ACCOUNTS] [CLI_SAMPLE]          (defaults: 300 accounts, 120 documents)
#  1. vzysk: `vzysk generate --docs court-order` (reads the workspace, computes, renders in its
#     renderer processes, writes the ZIP with registries and manifest);
#  2. typst-as-lib: benches/typst_as_lib.rs compiling each document's template with its values as
#     `sys.inputs`, on as many threads as there are cores, writing each PDF to a file;
#  3. typst CLI: one `typst compile` process per document, as many at a time as there are cores
#     and then one at a time, on the first CLI_SAMPLE documents (install it with `cargo install typst-cli --locked`, or
#     point TYPST at the binary).
# Routes 2 and 3 get exactly vzysk's composed templates and documents' values (`--jobs-dir`).
# Documents/s counts the court-order PDFs only (vzysk makes registries besides, in the same time);
# peak RSS is the sum over a route's processes (benches/treepeak.py). Not part of `cargo test`.
set -euo pipefail
# The summary lines below are read in their English words.
export VZYSK_LANG=en
cd "$(dirname "$0")/.."
n=${1:-300}
sample=${2:-120}
cores=$(nproc)
typst=${TYPST:-$(command -v typst || true)}
[ -x "$typst" ] || { echo "needs the typst CLI: cargo install typst-cli --locked (or TYPST=path)" >&2; exit 2; }
cargo build --release --quiet
tal=$(cargo bench --bench typst_as_lib --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "typst_as_lib" and m.get("executable"):
        print(m["executable"])')
# A copy, so that rebuilding during a run cannot swap the renderers' binary underneath it.
mkdir -p target/bench
cp target/release/vzysk target/bench/vzysk-routes
bin=target/bench/vzysk-routes
peak="python3 benches/treepeak.py"
ws=target/bench/ws-$n
[ -d "$ws" ] || "$bin" synth "$ws" --accounts "$n" 2>/dev/null
jobs=target/bench/jobs-$n
rm -rf "$jobs" target/bench/out-tal target/bench/out-cli target/bench/out-$n.zip
"$bin" generate "$ws" --as-of 2026-11-27 --docs court-order --jobs-dir "$jobs" 2>/dev/null
docs=$(wc -l < "$jobs/jobs.tsv")
echo "workspace: $n accounts, $docs court-order PDFs; $cores cores; $("$typst" --version)"

# route seconds docs → one line; also records the rate for the ratios
declare -A rate
report() {
  local route=$1 log=$2 count=$3
  local secs mb
  secs=$(sed -nE 's/^treepeak: ([0-9.]+) s.*/\1/p' <<<"$log")
  mb=$(sed -nE 's/^treepeak: [0-9.]+ s, ([0-9]+) MB.*/\1/p' <<<"$log")
  rate[$route]=$(python3 -c "print(f'{$count / $secs:.1f}')")
  printf '%-13s %6s docs %8s s %9s docs/s %7s MB peak RSS\n' "$route" "$count" "$secs" "${rate[$route]}" "$mb"
}

log=$($peak "$bin" generate "$ws" --as-of 2026-11-27 --docs court-order --quiet -o target/bench/out-$n.zip 2>&1)
report vzysk "$log" "$docs"
log=$($peak "$tal" "$jobs" target/bench/out-tal "$cores" 2>&1)
report typst-as-lib "$log" "$docs"
cli() {  # processes at a time
  $peak bash -c "head -n $sample '$jobs/jobs.tsv' | cut -f1 | xargs -P $1 -I{} '$typst' compile --root '$jobs/{}' --font-path fonts --ignore-system-fonts --pdf-standard a-2b --creation-timestamp 1795737600 '$jobs/{}/main.typ' '$jobs/{}/out.pdf'" 2>&1
}
report "typst-cli×$cores" "$(cli "$cores")" "$(( sample < docs ? sample : docs ))"
report "typst-cli×1" "$(cli 1)" "$(( sample < docs ? sample : docs ))"
python3 -c "
v, t, c, c1 = ${rate[vzysk]}, ${rate[typst-as-lib]}, ${rate[typst-cli×$cores]}, ${rate[typst-cli×1]}
print(f'vzysk / typst-as-lib: {v / t:.2f}×   vzysk / typst CLI ({$cores} at a time): {v / c:.2f}×   vzysk / typst CLI (one at a time): {v / c1:.2f}×')"
