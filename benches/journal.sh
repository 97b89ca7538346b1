#!/usr/bin/env bash
# Recording into a big journal: a `vzysk synth` workspace of 15 000 accounts whose events.csv is
# grown to N events (default 1 000 000 SMS sent, 2025–2026), then `vzysk record` of one row (an SMS
# on one account) timed with its peak memory, the best and the median of 5 — each run on the same
# journal (put back between runs, outside the time). Goal (issue 28): under 2 s and 200 MB.
# Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
cargo build --release --quiet
base=target/bench/ws-15000
[ -d "$base" ] || target/release/vzysk synth "$base" --accounts 15000 2>/dev/null
ws=target/bench/journal-$n
if [ ! -f "$ws/events.csv.orig" ]; then
  rm -rf "$ws"
  cp -r "$base" "$ws"
  python3 - "$ws" "$n" <<'PY'
import csv, datetime, sys
ws, n = sys.argv[1], int(sys.argv[2])
accounts = [r[0] for r in csv.reader(open(f"{ws}/accounts.csv", encoding="utf-8-sig"))][1:]
path = f"{ws}/events.csv"
try:
    head = open(path, encoding="utf-8").readline()
except FileNotFoundError:  # synth writes no journal: one of its own layout
    head = "account,date,event,reference,details\n"
    open(path, "w", encoding="utf-8").write(head)
delimiter = ";" if ";" in head else ","
columns = head.strip().split(delimiter)
day0 = datetime.date(2025, 1, 10)
with open(path, "a", encoding="utf-8", newline="") as f:
    w = csv.writer(f, delimiter=delimiter, lineterminator="\n")
    for i in range(n):
        row = {
            "account": accounts[i % len(accounts)],
            "date": (day0 + datetime.timedelta(days=(i // len(accounts)) % 690)).isoformat(),
            "event": "sms_sent",
            "reference": f"SMS-{i}",
            "details": "text=debt",
        }
        w.writerow([row.get(c, "") for c in columns])
PY
  cp "$ws/events.csv" "$ws/events.csv.orig"
fi
rows=$(($(wc -l < "$ws/events.csv.orig") - 1))
account=$(sed -n 2p "$ws/accounts.csv" | cut -d, -f1 | cut -d';' -f1)
one=$(mktemp --suffix=.csv)
stat=$(mktemp)
trap 'rm -f "$one" "$stat"' EXIT
printf 'account,date,event,reference,details\n%s,2026-12-01,sms_sent,BENCH-1,text=debt\n' "$account" > "$one"
echo "journal: $rows events, $(du -m "$ws/events.csv.orig" | cut -f1) MB; recording one row on account $account"
results=()
for _ in 1 2 3 4 5; do
  cp "$ws/events.csv.orig" "$ws/events.csv"
  rm -f "$ws/events.csv.bak"
  sync
  VZYSK_TODAY=2026-12-07 /usr/bin/time -f '%e %M' -o "$stat" target/release/vzysk record "$ws" "$one" >/dev/null 2>&1
  results+=("$(tail -1 "$stat")")
done
echo "the journal after a run: $(($(wc -l < "$ws/events.csv") - 1)) events, $(grep -c BENCH-1 "$ws/events.csv") of them the one recorded"
printf '%s\n' "${results[@]}" | python3 -c '
import sys, statistics
rs = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
t = sorted(r[0] for r in rs); m = sorted(r[1] for r in rs)
print(f"record one row: best {t[0]:.2f} s, median {statistics.median(t):.2f} s; peak memory median {statistics.median(m)/1024:.0f} MB, most {m[-1]/1024:.0f} MB")'
