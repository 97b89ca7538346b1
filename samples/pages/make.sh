#!/usr/bin/env bash
# Remakes the README's page images: the first page of one document of each kind, from the sample
# as of 27.11.2026, at 60 dpi. Needs a release build and pdftoppm (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
target/release/vzysk generate samples/ruza --as-of 2026-11-27 --docs all -o "$tmp/all.zip" 2>/dev/null
(cd "$tmp" && unzip -q all.zip)
# The letters `all` leaves out beside an account's court filing, from a run of the letters alone.
target/release/vzysk generate samples/ruza --as-of 2026-11-27 --docs notice,warning,agreement -o "$tmp/letters.zip" 2>/dev/null
(cd "$tmp" && unzip -q -n letters.zip)
page() { # image, document (a path pattern under the archive's root)
  local pdf
  pdf=$(find "$tmp" -path "$tmp/$2" | sort | head -1)
  [ -n "$pdf" ] || { echo "no document at $2" >&2; exit 1; }
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$pdf" "samples/pages/$1"
}
page court-order-application 'courts/s165/1001_*/01 *'
page calculation 'courts/s165/1001_*/02 *'
page notice 'notices/1001_*/*'
page warning 'warnings/1001_*/*'
page agreement 'agreements/1001_*/*'
page claim 'courts/s165/1004_*_иск/01 *'
page bank 'bank/1008_*/*'
page fssp 'fssp/*/1018_*/*'
page statement 'courts/s165/1001_*/03 *'
page payment-order 'courts/s165/1001_*/04 *'
page form-103 'mail/Список ф.103 № 2 *.pdf'
page court-registry 'courts/s165/00 Реестр*'
# The portfolio report (`vzysk report`), both pages.
target/release/vzysk report samples/ruza --as-of 2026-11-27 -o "$tmp/report.pdf" 2>/dev/null
for n in 1 2 3; do
  pdftoppm -png -r 60 -f $n -l $n -singlefile "$tmp/report.pdf" "samples/pages/report-$n"
done
