#!/usr/bin/env bash
# Remakes the README's screenshots of `vzysk serve` on the sample (as of 27.11.2026): the overview,
# the debtors, a card and the batches, in headless Chromium (Debian's `chromium`). Needs a release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=8199
target/release/vzysk serve samples/ruza --as-of 2026-11-27 --listen 127.0.0.1:$port 2>/dev/null &
server=$!
profile=$(mktemp -d)
trap 'kill $server; rm -rf "$profile"' EXIT
sleep 2
for page in "overview|/" "debtors|/debtors" "card|/debtors/1001" "batches|/batches"; do
  name=${page%%|*}
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --window-size=1300,900 \
    --screenshot="samples/pages/serve-$name.png" "http://127.0.0.1:$port${page#*|}" 2>/dev/null
done
