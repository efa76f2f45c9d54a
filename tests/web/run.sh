#!/bin/sh
# run.sh — the browser edition against the native build (SPEC 10.2):
#   1. node build/web/oversight.js on the sample partnership, both reference
#      fixtures and the hostile data folders of tests/web/hostile.py, run from
#      another folder: the same exit status and messages, byte-identical CSVs
#      (and HTML report), the same PDF text and workbook cell values as
#      ./oversight (tests/web/compare.py); a history file each can read; and
#      the native build on one thread too;
#   2. build/web/oversight.html in Debian's headless Chromium from file://
#      (tests/web/page.js): sample-data chosen through the page's own folder
#      control, 2025-26 run from the keyboard; every download and every file in
#      the zip of them all equal to node's outputs; no network request; no
#      browser storage; axe-core (WCAG 2.2 AA) finds nothing before or after.
# Environment: OVERSIGHT (native binary), WEB (build/web), BUILD (build),
# PYTHON. Prints one line per check and a closing count; exits 1 on a failure.
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
OVERSIGHT=$(cd "$(dirname "${OVERSIGHT:-./oversight}")" && pwd)/$(basename "${OVERSIGHT:-oversight}")
WEB=$ROOT/${WEB:-build/web}
BUILD=${BUILD:-build}
PYTHON=${PYTHON:-/usr/bin/python3}
NODE=${NODE:-node}
TMP=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$TMP"' EXIT INT TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
check() { # check WHAT COMMAND...: the command succeeds
    what=$1; shift
    if "$@"; then ok "$what"; else bad "$what"; fi
}

# The test tools (puppeteer-core, axe-core), as pinned in package-lock.json.
# The browser test tools of tests/browser (puppeteer-core, axe-core), as pinned
# in its package-lock.json.
command -v npm >/dev/null || sh scripts/deps.sh npm || exit 2
if [ ! -d tests/browser/node_modules/puppeteer-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) ||
        { echo "test-web: npm ci failed in tests/browser (puppeteer-core, axe-core)" >&2; exit 2; }
fi

"$PYTHON" tests/web/hostile.py "$TMP/hostile" "$BUILD/tools/csv2xlsx" || exit 2

# ---- 1. node against the native build ------------------------------------------
# case NAME DATA ARGS...: both builds, each from a folder of its own, --out out
case_() {
    name=$1; data=$2; shift 2
    mkdir -p "$TMP/native/$name" "$TMP/node/$name"
    (cd "$TMP/native/$name" && "$OVERSIGHT" report "$data" --out out "$@" >stdout 2>stderr; echo $? >status)
    (cd "$TMP/node/$name" && "$NODE" "$WEB/oversight.js" report "$data" --out out "$@" >stdout 2>stderr; echo $? >status)
    check "$name: the same exit status ($(cat "$TMP/native/$name/status"))" \
        cmp -s "$TMP/native/$name/status" "$TMP/node/$name/status"
    check "$name: the same messages" cmp -s "$TMP/native/$name/stderr" "$TMP/node/$name/stderr"
    if "$PYTHON" -W ignore tests/web/compare.py "$name" "$TMP/native/$name/out" "$TMP/node/$name/out" >"$TMP/cmp" 2>&1; then
        ok "$name: outputs the same ($(grep -c '^ok' "$TMP/cmp") files and checks)"
    else
        bad "$name: outputs differ"; sed 's/^/    /' "$TMP/cmp"
    fi
}
ASOF=2026-04-30
case_ sample "$ROOT/sample-data" --period 2025-26 --as-of $ASOF
case_ sample-trend "$ROOT/sample-data" --period 2025-26-Q4 --trend 4 --as-of $ASOF --title "Northshire"
case_ sample-agency "$ROOT/sample-data" --period 2025-26 --agency NCC --as-of $ASOF
case_ tiny "$ROOT/tests/fixtures/tiny/data" --period 2025-26-Q3 --as-of 2026-01-15
case_ tiny-full "$ROOT/tests/fixtures/tiny-full/data" --period 2025-26 --as-of $ASOF
for h in links encodings rows workbook; do
    case_ "hostile-$h" "$TMP/hostile/$h" --period 2025-26-Q3 --as-of 2026-01-15
done
case_ no-period "$ROOT/sample-data"
case_ no-data "$TMP/nowhere" --period 2025-26

# The history of reported figures (SQLite) written by each, read by both.
mkdir -p "$TMP/hist-native" "$TMP/hist-node"
(cd "$TMP/hist-native" && "$OVERSIGHT" report "$ROOT/sample-data" --out out --period 2025-26-Q3 \
    --as-of 2026-01-15 --history h.sqlite -q && "$OVERSIGHT" history h.sqlite >list) >/dev/null 2>&1
(cd "$TMP/hist-node" && "$NODE" "$WEB/oversight.js" report "$ROOT/sample-data" --out out --period 2025-26-Q3 \
    --as-of 2026-01-15 --history h.sqlite -q && "$NODE" "$WEB/oversight.js" history h.sqlite >list) >/dev/null 2>&1
check "history: node's list of recorded runs is the native build's" \
    cmp -s "$TMP/hist-native/list" "$TMP/hist-node/list"
(cd "$TMP/hist-node" && "$OVERSIGHT" history h.sqlite >list-native) >/dev/null 2>&1
check "history: the native build reads node's history file" cmp -s "$TMP/hist-native/list" "$TMP/hist-node/list-native"

# The one-thread path natively: what the WebAssembly build always takes.
mkdir -p "$TMP/one"
(cd "$TMP/one" && "$OVERSIGHT" report "$ROOT/sample-data" --threads 1 --out out \
    --period 2025-26 --as-of $ASOF >/dev/null 2>&1)
check "native, one thread: the same outputs as node" \
    "$PYTHON" -W ignore tests/web/compare.py one-thread "$TMP/one/out" "$TMP/node/sample/out" >/dev/null

# ---- 2. the page in headless Chromium -----------------------------------------
# page NAME CONTROL DATA NODE_OUT: the page on DATA through CONTROL, 2025-26, its
# downloads against node's outputs in NODE_OUT
page() {
    pname=$1; control=$2; pdata=$3; nodeout=$4
    "$NODE" tests/web/page.js "$WEB/oversight.html" "$pdata" 2025-26 $ASOF "$TMP/dl-$pname" "$control" \
        >"$TMP/page-$pname.json"
    check "page, $pname: driven to the end" [ $? = 0 ]
    if "$PYTHON" tests/web/page-check.py "$pname" "$control" "$TMP/page-$pname.json" "$TMP/dl-$pname" \
        "$nodeout" >"$TMP/cmp" 2>&1; then
        ok "page, $pname: $(grep -c '^ok' "$TMP/cmp") checks"
    else
        bad "page, $pname:"; grep -v '^ok' "$TMP/cmp" | sed 's/^/    /'
    fi
}
page folder folder sample-data "$TMP/node/sample/out"
# the same data as a zip holding the folder, unpacked by the program (libzip)
"$PYTHON" -c 'import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, fs in os.walk("sample-data"):
        for f in sorted(fs):
            z.write(os.path.join(d, f))' "$TMP/sample-data.zip"
page zip zip "$TMP/sample-data.zip" "$TMP/node/sample/out"
# one agency's files, chosen as files: the data folder is called "data"
mkdir -p "$TMP/agency/data" && cp sample-data/NCC/* "$TMP/agency/data/"
case_ agency "$TMP/agency/data" --period 2025-26 --as-of $ASOF
page files files "$TMP/agency/data" "$TMP/node/agency/out"

# data over the page's limit: refused before any run, pointing to the command
# line (a page built with a limit of 0 MB, so that any data is too large)
"$PYTHON" web/assemble.py "$WEB/engine.js" "$WEB/engine.wasm" "$TMP/limit0.html" 0
REFUSE=1 "$NODE" tests/web/page.js "$TMP/limit0.html" sample-data 2025-26 "" "$TMP/dl-refuse" \
    >"$TMP/page-refuse.json"
check "page, over the limit: driven" [ $? = 0 ]
check "page, over the limit: refused before the run, one sentence pointing to the command line" \
    "$PYTHON" -c 'import json, sys
r = json.load(open(sys.argv[1]))
print("    said:", r.get("error"))
sys.exit(0 if "command line" in r.get("error", "") and "0 MB" in r["error"] and r.get("results_hidden")
         and r.get("workers") == 0 and r.get("requests") == [] and r.get("axe_after") == [] else 1)' \
    "$TMP/page-refuse.json"

echo "test-web: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
