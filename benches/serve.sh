#!/usr/bin/env bash
# The workbench's answers at scale: a `vzysk synth` workspace of N accounts (default 15 000), served;
# the debtors page (first page, filtered, sorted, searched) and a court-order preview timed with curl,
# each the best of 5; then an event recorded on a card (shown, then written) and the time until the
# card and the overview show it; then 200 requests at once (the debtors page plain, filtered, sorted,
# a kept search, cards) with each one's time and the server's peak memory. Goals: debtors < 300 ms
# (issue 20), preview < 500 ms; under 200 concurrent requests p50 < 300 ms (issue 28). Served from
# a copy, so the recording leaves the benchmark's workspace as it was. Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-15000}
cargo build --release --quiet
ws=target/bench/ws-$n
[ -d "$ws" ] || target/release/vzysk synth "$ws" --accounts "$n" 2>/dev/null
copy=$(mktemp -d)/ws
cp -r "$ws" "$copy"
port=8197
start=$(date +%s)
target/release/vzysk serve "$copy" --as-of 2026-11-27 --listen 127.0.0.1:$port 2>/dev/null &
server=$!
trap 'kill $server; rm -rf "$(dirname "$copy")"' EXIT
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
csrf=$(curl -s "http://127.0.0.1:$port/debtors" | grep -oE 'name="csrf" value="[0-9a-f]+"' | head -1 | grep -oE '[0-9a-f]{32}')
# A search is posted (the words stay out of the address) and the kept view shown: both counted.
b=999
for _ in 1 2 3 4 5; do
  t=$(curl -s -o /dev/null -L -w '%{time_total}' --data-urlencode "csrf=$csrf" --data-urlencode "q=Иван" "http://127.0.0.1:$port/debtors")
  b=$(python3 -c "print(min($b, $t))")
done
printf '%-28s %6.0f ms\n' "debtors, searched" "$(python3 -c "print($b * 1000)")"
first=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/debtors/$account/documents/court-order.pdf")
printf '%-28s %6.0f ms\n' "preview, the first" "$(python3 -c "print($first * 1000)")"
echo "account $account: card $(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/debtors/$account"), preview $(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/debtors/$account/documents/court-order.pdf")"
best "card" "/debtors/$account"
best "preview, court order" "/debtors/$account/documents/court-order.pdf"
# 200 requests at once, each answer's own time: first the debtors' table in four forms (plain,
# filtered, sorted at page 3, a kept search; 50 of each), then the same with 40 of them cards.
view=$(curl -s -o /dev/null -w '%{redirect_url}' --data-urlencode "csrf=$csrf" --data-urlencode "q=Иван" "http://127.0.0.1:$port/debtors")
at_once() { # label, paths…
  local label=$1 urls times
  shift
  urls=$(mktemp)
  for i in $(seq 1 $((200 / $#))); do
    for path in "$@"; do
      printf 'url = "http://127.0.0.1:%s%s"\noutput = "/dev/null"\n' "$port" "$path" >> "$urls"
    done
  done
  times=$(curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max 200 -K "$urls" -w '%{url} %{http_code} %{time_total}\n')
  rm -f "$urls"
  python3 - "$label" "$times" <<'PY'
import re, sys
label, rows = sys.argv[1], [l.split() for l in sys.argv[2].splitlines() if l.strip()]
bad = [r for r in rows if r[1] != "200"]
def show(what, ts):
    if not ts: return
    ts = sorted(ts)
    q = lambda p: ts[min(len(ts) - 1, int(p * len(ts)))] * 1000
    print(f"{what:<40} p50 {q(0.5):5.0f} ms  p90 {q(0.9):5.0f} ms  max {ts[-1]*1000:5.0f} ms  ({len(ts)})")
card = lambda r: re.search(r"/debtors/\d+$", r[0])
show(f"{label}: debtors pages", [float(r[2]) for r in rows if not card(r)])
show(f"{label}: cards", [float(r[2]) for r in rows if card(r)])
if bad: print("not answered 200:", len(bad))
PY
}
pages=("/debtors" "/debtors?stage=debt&min=10000" "/debtors?sort=total&desc=1&page=3" "${view#http://127.0.0.1:$port}")
at_once "200 at once" "${pages[@]}"
at_once "200 at once with cards" "${pages[@]}" "/debtors/$account"
echo "server's peak memory: $(grep VmHWM /proc/$server/status | awk '{print $2/1024 " MB"}')"
# An event recorded by hand: shown (a dry run of `record`), written, then the card and the overview.
post() { # confirm?
  curl -s -o /dev/null -w '%{time_total}' --data-urlencode "csrf=$csrf" --data-urlencode "date=2026-11-27" \
    --data-urlencode "event=sms_sent" --data-urlencode "reference=BENCH-1" --data-urlencode "details=text=debt" \
    ${1:+--data-urlencode "confirm=1"} "http://127.0.0.1:$port/debtors/$account/events"
}
printf '%-28s %6.0f ms\n' "event shown (dry run)" "$(python3 -c "print($(post) * 1000)")"
printf '%-28s %6.0f ms\n' "event written" "$(python3 -c "print($(post 1) * 1000)")"
card=$(curl -s "http://127.0.0.1:$port/debtors/$account")
[[ $card == *BENCH-1* ]] && echo "the card shows it at once"
t0=$(date +%s.%N)
while [[ $(curl -s "http://127.0.0.1:$port/") == *пересчитываются* ]]; do sleep 0.2; done
printf '%-28s %6.1f s\n' "overview made again after" "$(python3 -c "print($(date +%s.%N) - $t0)")"
