#!/bin/sh
# The web page in a real browser (make test-html): installs what it needs when
# run as root (Debian's chromium and node with scripts/deps.sh, then npm ci
# here), writes three pages — the sample partnership with a trend, one
# agency's own page (--agency NCC) and the hostile partnership of
# tests/e2e/hostile_page.py — and runs check.mjs on them: axe-core's WCAG 2.2
# AA rules at 1280 and 320 px, no sideways scrolling at 320 px, no request.
# Screenshots (1280 px, 320 px, print) go to $BUILD/html-check/shots.
# Environment: OVERSIGHT (binary), PYTHON, BUILD (output folder), CHROMIUM.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
OVERSIGHT=${OVERSIGHT:-$root/oversight}
PYTHON=${PYTHON:-/usr/bin/python3}
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$root/$BUILD ;; esac
# Debian's chromium, never a browser downloaded by a package; node and npm
# from Debian only when none is installed
sh "$root/scripts/deps.sh" chromium
command -v node >/dev/null 2>&1 || sh "$root/scripts/deps.sh" nodejs
command -v npm >/dev/null 2>&1 || sh "$root/scripts/deps.sh" npm
if [ ! -d "$here/node_modules/axe-core" ] || [ ! -d "$here/node_modules/puppeteer-core" ] ||
   [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
work=$BUILD/html-check
rm -rf "$work"
mkdir -p "$work"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1777507200}
cd "$root"
"$OVERSIGHT" report sample-data --period 2025-26 --trend 2 --out "$work/pack" -q \
    --title "Northshire Safeguarding Children Partnership"
"$OVERSIGHT" report sample-data --period 2025-26 --trend 2 --agency NCC --out "$work/ncc" -q \
    --title "Northshire Safeguarding Children Partnership"
data=$("$PYTHON" tests/e2e/hostile_page.py "$work/hostile-data")
"$OVERSIGHT" report "$data" --period 2025-26-Q3 --out "$work/hostile" -q \
    --title "$(cat "$work/hostile-data/title.txt")"
node "$here/check.mjs" --shots "$work/shots" \
    "$work/pack/board-report.html" "$work/ncc/board-report.html" "$work/hostile/board-report.html"
