#!/bin/sh
# bench.sh — the browser edition beside the native build: `report --period
# 2025-26` on the sample partnership and on a 30-agency partnership (300,000
# sessions over two years, build/tools/gen_bench, under bench-data/), timed
#   - natively on one thread (--threads 1) and on every processor,
#   - under node (build/web/oversight.js),
#   - in headless Chromium through the page (tests/web/page.js: from the click
#     on Run to the results; the page already open),
# then the size of oversight.html and the largest input the page accepts.
# Environment: OVERSIGHT (native binary), WEB (build/web), BUILD (build).
set -u
cd "$(dirname "$0")/../.." || exit 2
OVERSIGHT=${OVERSIGHT:-./oversight}
WEB=${WEB:-build/web}
BUILD=${BUILD:-build}
ROOT=bench-data
TIME=/usr/bin/time
mkdir -p "$ROOT/web" || exit 2
RES=$ROOT/web

if [ ! -f "$ROOT/web-30ag/.complete" ]; then
    rm -rf "$ROOT/web-30ag"
    "$BUILD/tools/gen_bench" "$ROOT/web-30ag" 300000 30 >&2 || exit 2
    touch "$ROOT/web-30ag/.complete"
fi
command -v npm >/dev/null || sh scripts/deps.sh npm || exit 2
if [ ! -d tests/browser/node_modules/puppeteer-core ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) || exit 2
fi

secs() { # secs LOG: wall seconds from /usr/bin/time -f %e
    tail -n 1 "$1"
}
row() { # row LABEL DATA
    label=$1
    data=$2
    rm -rf "$RES/out"
    "$TIME" -f %e -o "$RES/t1" "$OVERSIGHT" report "$data" --period 2025-26 --threads 1 \
        --out "$RES/out" -q --as-of 2026-04-30 || echo "-" >"$RES/t1"
    rm -rf "$RES/out"
    "$TIME" -f %e -o "$RES/tn" "$OVERSIGHT" report "$data" --period 2025-26 --out "$RES/out" -q \
        --as-of 2026-04-30 || echo "-" >"$RES/tn"
    rm -rf "$RES/out"
    "$TIME" -f %e -o "$RES/tw" node "$WEB/oversight.js" report "$data" --period 2025-26 \
        --out "$RES/out" -q --as-of 2026-04-30 || echo "-" >"$RES/tw"
    rm -rf "$RES/dl"
    node tests/web/page.js "$WEB/oversight.html" "$data" 2025-26 2026-04-30 "$RES/dl" >"$RES/page.json" 2>&1
    c=$(sed -n 's/^ "seconds": \([0-9.]*\),*$/\1/p' "$RES/page.json")
    mb=$(du -sm "$data" | cut -f1)
    printf '%-34s %6s MB %9s s %9s s %9s s %9s s %7s\n' "$label" "$mb" "$(secs "$RES/t1")" \
        "$(secs "$RES/tn")" "$(secs "$RES/tw")" "${c:--}" \
        "$(awk -v c="${c:-0}" -v n="$(secs "$RES/t1")" 'BEGIN { if (n > 0 && c > 0) printf "%.1fx", c / n; else print "-" }')"
}

echo
echo "browser edition: report --period 2025-26"
printf '%-34s %9s %11s %11s %11s %11s %7s\n' "data" "size" "native 1" "native" "node" "chromium" "c/n1"
row "sample partnership (6 agencies)" sample-data
row "30 agencies, 300,000 sessions" "$ROOT/web-30ag"
html=$(wc -c <"$WEB/oversight.html")
limit=$(sed -n 's/^  const LIMIT_MB = \([0-9]*\);$/\1/p' "$WEB/oversight.html")
echo "oversight.html: $(awk -v b="$html" 'BEGIN { printf "%.1f MB", b / 1048576 }') ($html bytes); largest input accepted: $limit MB (docs/web.md)"
