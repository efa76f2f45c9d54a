#!/bin/sh
# run.sh — the browser edition against the native build (SPEC 10.2):
#   1. node build/web/oversight.js on the sample partnership, both reference
#      fixtures and the hostile data folders of tests/web/hostile.py, run from
#      another folder: the same exit status and messages, byte-identical CSVs
#      (and HTML report), the same PDF text and workbook cell values as
#      ./oversight (tests/web/compare.py); and with one thread natively too;
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
if [ ! -d tests/web/node_modules/puppeteer-core ] || [ ! -d tests/web/node_modules/axe-core ]; then
    (cd tests/web && npm ci --no-audit --no-fund --ignore-scripts >/dev/null 2>&1) ||
        { echo "test-web: npm ci failed in tests/web (puppeteer-core, axe-core)" >&2; exit 2; }
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

# The one-thread path natively: what the WebAssembly build always takes.
mkdir -p "$TMP/one"
(cd "$TMP/one" && OVERSIGHT_THREADS=1 "$OVERSIGHT" report "$ROOT/sample-data" --out out \
    --period 2025-26 --as-of $ASOF >/dev/null 2>&1)
check "native, one thread: the same outputs as node" \
    "$PYTHON" -W ignore tests/web/compare.py one-thread "$TMP/one/out" "$TMP/node/sample/out" >/dev/null

# ---- 2. the page in headless Chromium -----------------------------------------
"$NODE" tests/web/page.js "$WEB/oversight.html" sample-data 2025-26 $ASOF "$TMP/dl" >"$TMP/page.json"
st=$?
check "page: driven to the end" [ "$st" = 0 ]
"$PYTHON" - "$TMP/page.json" "$TMP/dl" "$TMP/node/sample/out" <<'EOF'
import filecmp, json, os, sys, zipfile
res = json.load(open(sys.argv[1]))
dl, node = sys.argv[2], sys.argv[3]
bad = 0
def say(ok, what):
    global bad
    bad += not ok
    print(("ok   " if ok else "FAIL ") + "page: " + what)
if res.get("failure"):
    say(False, res["failure"])
say(res.get("status", "").startswith("Done"), f"the run ends: {res.get('status')!r} in {res.get('seconds')} s")
say(res.get("chosen", "").startswith("Chosen: the folder sample-data"), f"the folder control: {res.get('chosen')!r}")
say(res.get("requests") == [], f"no network request ({len(res.get('requests', []))}: {res.get('requests')})")
say(all(v in (0, "unavailable") for v in (res.get("storage") or {"": 1}).values()),
    f"no browser storage ({res.get('storage')})")
say(res.get("axe_before") == [], f"axe-core before the run: no violation {res.get('axe_before')}")
say(res.get("axe_after") == [], f"axe-core after the run: no violation {res.get('axe_after')}")
say(res.get("console_errors") == [], f"no console error {res.get('console_errors')}")
say(res.get("summary_rows", 0) > 0, f"validation summary: {res.get('summary_rows')} files")
say(res.get("focus") == "results-h", "focus moves to the results")
html = [n for n in os.listdir(node) if n.endswith(".html")]
if html:
    say(res.get("report_shown") and res.get("report_h1"), f"the HTML report shown in the page: {res.get('report_h1')!r}")
else:
    say(not res.get("report_shown"), "no HTML report written, none shown")
outs = sorted(n for n in os.listdir(node) if not n.startswith("."))
files = res.get("files", [])
say(sorted(f for f in files if f != "oversight-outputs.zip") == outs, f"a download for each output ({len(outs)})")
say(res.get("downloaded") == len(files), f"every download completes ({res.get('downloaded')} of {len(files)})")
same = [n for n in outs if os.path.exists(os.path.join(dl, n)) and filecmp.cmp(os.path.join(dl, n), os.path.join(node, n), shallow=False)]
say(same == outs, f"downloads byte-identical to node's outputs ({len(same)} of {len(outs)})")
try:
    with zipfile.ZipFile(os.path.join(dl, "oversight-outputs.zip")) as z:
        names = sorted(z.namelist())
        zsame = [n for n in names if n in outs and z.read(n) == open(os.path.join(node, n), "rb").read()]
    say(names == outs and zsame == outs, f"the zip of all outputs holds each, identical ({len(zsame)} of {len(outs)})")
except (OSError, zipfile.BadZipFile) as e:
    say(False, f"the zip of all outputs: {e}")
sys.exit(1 if bad else 0)
EOF
if [ $? = 0 ]; then ok "page: every check"; else bad "page: see above"; fi

echo "test-web: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
