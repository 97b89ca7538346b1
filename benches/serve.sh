#!/usr/bin/env bash
# The workbench's answers at scale: a `vzysk synth` workspace of N accounts (default 15 000), served;
# the debtors page (first page, filtered, sorted) and a court-order preview timed with curl, each the
# best of 5. Goals (issue 20): debtors < 300 ms, preview < 500 ms. Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-15000}
cargo build --release --quiet
ws=target/bench/ws-$n
[ -d "$ws" ] || target/release/vzysk synth "$ws" --accounts "$n" 2>/dev/null
port=8197
start=$(date +%s)
target/release/vzysk serve "$ws" --as-of 2026-11-27 --listen 127.0.0.1:$port 2>/dev/null &
server=$!
trap 'kill $server' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.5; done
echo "ready after $(( $(date +%s) - start )) s ($n accounts read)"
best() { # label, path
  local t b=999
  for _ in 1 2 3 4 5; do
    t=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port$2")
    b=$(python3 -c "print(min($b, $t))")
  done
  printf '%-28s %6.0f ms\n' "$1" "$(python3 -c "print($b * 1000)")"
}
account=$(curl -s "http://127.0.0.1:$port/debtors?page=2" | grep -oE 'href="/debtors/[0-9]+"' | head -1 | grep -oE '[0-9]+')
best "debtors, first page" "/debtors"
best "debtors, filtered" "/debtors?stage=debt&min=10000"
best "debtors, sorted by total" "/debtors?sort=total&desc=1"
best "debtors, searched" "/debtors?q=%D0%98%D0%B2%D0%B0%D0%BD"
echo "account $account: card $(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/debtors/$account"), preview $(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/debtors/$account/documents/court-order.pdf")"
best "card" "/debtors/$account"
best "preview, court order" "/debtors/$account/documents/court-order.pdf"
