#!/bin/sh
# test_pdf.sh — end-to-end checks of the board report PDF on the tiny fixture:
# page count and metadata, embedded fonts, section headings in order, headline
# figures equal to metrics.csv, bookmarks, a long table breaking across pages
# with its header repeated, a 2,000-character commentary wrapped without loss,
# no text outside the page margins, no staff or child ids, and byte-identical
# output for the same input.
# Environment: OVERSIGHT (binary), PYTHON (optional). Reads the reference fixture
# in tests/fixtures.
# Prints one line per check; exits non-zero when any check fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
OVERSIGHT=${OVERSIGHT:-$root/oversight}
PYTHON=${PYTHON:-/usr/bin/python3}
DATA=$(cd "$here/../fixtures/tiny/data" && pwd)
PERIOD=2025-26-Q3
ASOF=2026-01-15

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
failures=0

ok() { echo "ok   $1"; }
bad() {
    echo "FAIL $1"
    failures=$((failures + 1))
}
check() { # check NAME COMMAND...
    name=$1
    shift
    if "$@" >"$TMP/check.log" 2>&1; then ok "$name"; else
        bad "$name"
        sed 's/^/     /' "$TMP/check.log" | head -20
    fi
}

for tool in pdfinfo pdffonts pdftotext; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "FAIL $tool is not installed (poppler-utils)"
        exit 1
    }
done

run_report() { # run_report DATA OUT
    "$OVERSIGHT" report "$1" --period "$PERIOD" --out "$2" --as-of "$ASOF" >"$TMP/run.log" 2>&1
}

# ---- the fixture as given ---------------------------------------------------------
if run_report "$DATA" "$TMP/a" && [ -s "$TMP/a/board-report.pdf" ]; then
    ok "report writes board-report.pdf"
else
    bad "report writes board-report.pdf"
    sed 's/^/     /' "$TMP/run.log" | tail -20
    exit 1
fi
PDF=$TMP/a/board-report.pdf
cp "$TMP/run.log" "$TMP/run_a.log"
check "every text of the wording file is found and filled" sh -c "
    ! grep -E 'narrative.txt.*(no text for|placeholder)' '$TMP/run_a.log'"
pdftotext "$PDF" "$TMP/a.txt"
pdftotext -layout "$PDF" "$TMP/a.layout"
pdfinfo "$PDF" >"$TMP/info.txt"
pages=$(sed -n 's/^Pages: *//p' "$TMP/info.txt")

check "page count is plausible ($pages pages)" test "${pages:-0}" -ge 10 -a "${pages:-0}" -le 60
check "A4 portrait" grep -q '^Page size: *595.276 x 841.89 pts (A4)' "$TMP/info.txt"
check "title names the partnership and period" \
    grep -qi '^Title: .*safeguarding partnership.*2025-26 Q3' "$TMP/info.txt"
check "creator is the program" grep -q '^Creator: *oversight ' "$TMP/info.txt"
check "subject and author are set" sh -c "grep -q '^Subject: *[A-Za-z]' '$TMP/info.txt' &&
    grep -q '^Author: *[A-Za-z]' '$TMP/info.txt'"
check "keywords carry the protective marking" \
    grep -q '^Keywords: .*OFFICIAL-SENSITIVE' "$TMP/info.txt"
check "creation and modification dates are the run date" sh -c "
    grep -q '^CreationDate: *Thu Jan 15 00:00:00 2026 UTC' '$TMP/info.txt' &&
    grep -q '^ModDate: *Thu Jan 15 00:00:00 2026 UTC' '$TMP/info.txt'"
check "not encrypted" grep -q '^Encrypted: *no' "$TMP/info.txt"

# fonts: every font embedded, a valid ToUnicode map (no parser warnings)
pdffonts "$PDF" >"$TMP/fonts.txt" 2>"$TMP/fonts.err"
check "two TrueType fonts, all embedded" sh -c "
    n=\$(tail -n +3 '$TMP/fonts.txt' | wc -l)
    emb=\$(tail -n +3 '$TMP/fonts.txt' | awk '{ if (\$(NF-4) == \"yes\") c++ } END { print c+0 }')
    echo fonts=\$n embedded=\$emb; test \$n -ge 2 -a \$emb -eq \$n"
check "fonts carry a Unicode map that parses cleanly" sh -c "
    tail -n +3 '$TMP/fonts.txt' | awk '{ if (\$(NF-2) != \"yes\") exit 1 }' &&
    ! grep -q . '$TMP/fonts.err'"

# section headings in order (after the contents page, which lists them too)
check "section headings appear in order" "$PYTHON" - "$TMP/a.txt" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
heads = ["1. Executive summary", "2. How are we doing?", "3. How do we know?",
         "4. What are we doing to improve?", "5. Appendix"]
pos = [text.rfind(h) for h in heads]
print(list(zip(heads, pos)))
assert all(p >= 0 for p in pos), "a heading is missing"
assert pos == sorted(pos), "headings out of order"
assert all(text.count(h) >= 2 for h in heads), "a heading is missing from the contents"
EOF
check "contents page lists subsections" sh -c "
    grep -q 'Headline figures for the partnership' '$TMP/a.txt' &&
    grep -q 'Case oversight by category' '$TMP/a.txt' && grep -q '^Contents' '$TMP/a.txt'"

# marking and page footer on every page
check "marking and 'Page X of Y' on every page" sh -c "
    i=1; while [ \$i -le $pages ]; do
        pdftotext -f \$i -l \$i '$PDF' - > '$TMP/page.txt'
        m=\$(grep -c 'OFFICIAL-SENSITIVE' '$TMP/page.txt')
        [ \$m -ge 2 ] || { echo page \$i marking \$m; exit 1; }
        grep -q \"Page \$i of $pages\" '$TMP/page.txt' || { echo page \$i footer; exit 1; }
        i=\$((i + 1))
    done"

# headline figures: every rated partnership figure of metrics.csv is on the
# summary page(s) as value and counts, and A3 repeats its counts
check "headline figures equal metrics.csv" "$PYTHON" - "$TMP/a/metrics.csv" "$TMP/a.txt" \
    "$TMP/a.layout" <<'EOF'
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
text = open(sys.argv[2], encoding="utf-8").read()
layout = open(sys.argv[3], encoding="utf-8").read()
start = rows[0]["period_start"]
summary = text[text.rfind("1. Executive summary"):text.rfind("2. How are we doing?")]
a3 = layout[layout.rfind("A3. Figures for"):]
def fmt(n):
    return f"{int(n):,}"
# the summary tiles cover the three areas of counts; the quality and outcomes
# figures (SPEC 7) are laid out by their own change
SPEC7 = {"audit_good", "audit_criteria", "feedback_positive", "workforce_stability"}
rated = suppressed = 0
for r in rows:
    if r["period_start"] != start or r["agency_id"] != "ALL" or r["team"]:
        continue
    if r["rag"] in ("green", "amber", "red"):
        if not r["group"] and r["metric_id"] not in SPEC7:
            rated += 1
            want = f"{r['value']}%"
            assert want in summary, f"{r['metric_id']}: {want} not on the summary page"
            counts = f"{fmt(r['numerator'])} of {fmt(r['denominator'])}"
            assert counts in summary, f"{r['metric_id']}: '{counts}' not on the summary page"
        pat = r"Partnership\s+%s\s+%s\s+%s%%" % (re.escape(fmt(r["numerator"])),
                                                  re.escape(fmt(r["denominator"])),
                                                  re.escape(r["value"]))
        assert re.search(pat, a3), f"{r['metric_id']} {r['group']}: counts not in A3"
    elif r["rag"] == "suppressed":
        suppressed += 1
found = len(re.findall(r"Partnership\s+\u2013\s+\u2013\s+Suppressed", a3))
print(f"rated={rated} suppressed={suppressed} suppressed rows in A3={found}")
assert rated >= 5
assert found == suppressed, "every suppressed partnership figure is shown as suppressed in A3"
EOF

# bookmarks: outline items (dictionaries with /Parent) with UTF-16 titles
cat >"$TMP/outline.py" <<'EOF'
import re, sys
data = open(sys.argv[1], "rb").read()
titles = []
for m in re.finditer(rb"<<(?:(?!>>).)*?/Parent(?:(?!>>).)*?>>", data, re.S):
    t = re.search(rb"/Title\s*<([0-9A-Fa-f]+)>", m.group(0))
    if t:
        titles.append(bytes.fromhex(t.group(1).decode()).decode("utf-16"))
titles = [t.lstrip("\ufeff") for t in titles]
print(len(titles), "bookmarks:", "; ".join(titles[:8]), "...")
need = ["Contents", "1. Executive summary", "2. How are we doing?", "3. How do we know?",
        "4. What are we doing to improve?", "5. Appendix", "Frequency", "Provenance",
        "A3. Figures for 2025-26 Q3"]
missing = [n for n in need if n not in titles]
assert not missing, f"missing bookmarks: {missing}"
assert len(titles) >= 20
EOF
check "bookmarks for every section" "$PYTHON" "$TMP/outline.py" "$PDF"

# the figures table (A3) breaks across pages and repeats its header row
check "long table breaks across pages with its header repeated" sh -c "
    first=0; i=1
    while [ \$i -le $pages ]; do
        pdftotext -layout -f \$i -l \$i '$PDF' - > '$TMP/p.txt'
        if grep -q 'A3. Figures for' '$TMP/p.txt' && [ \$i -gt 2 ]; then first=\$i; fi
        i=\$((i + 1))
    done
    [ \$first -gt 0 ] || { echo no A3 page; exit 1; }
    n=0; i=\$first
    while [ \$i -le $pages ]; do
        pdftotext -layout -f \$i -l \$i '$PDF' - > '$TMP/p.txt'
        grep -Eq 'Measure +Agency +Counted +Out of +Value +Rating' '$TMP/p.txt' ||
            { echo page \$i has no header row; exit 1; }
        n=\$((n + 1)); i=\$((i + 1))
    done
    echo A3 spans \$n pages from page \$first; [ \$n -ge 2 ]"

# the partnership pack names no staff or child
check "no staff or child ids in the partnership pack" "$PYTHON" - "$DATA" "$TMP/a.txt" <<'EOF'
import csv, glob, os, re, sys
ids = set()
for path in glob.glob(os.path.join(sys.argv[1], "*", "*.csv")):
    for row in csv.reader(open(path, encoding="utf-8-sig", errors="replace")):
        head = [h.strip().lower().replace(" ", "_") for h in row]
        break
    for col in ("staff_id", "child_id", "supervisor_id", "case_holder", "facilitator_id"):
        if col in head:
            k = head.index(col)
            for r in csv.reader(open(path, encoding="utf-8-sig", errors="replace")):
                if len(r) > k and r[k].strip() and r[k].strip().lower() != col.replace("_", " "):
                    ids.add(r[k].strip())
ids -= {"Staff ID", "staff_id", "child_id", "supervisor_id", "case_holder"}
words = set(re.findall(r"[A-Za-z0-9_\-]+", open(sys.argv[2], encoding="utf-8").read()))
leaked = sorted(i for i in ids if i in words)
print(f"{len(ids)} ids checked")
assert not leaked, f"ids in the PDF text: {leaked}"
EOF

# ---- a commentary of 2,000+ characters, wrapped without loss -----------------------
mkdir -p "$TMP/data2"
cp -R "$DATA/." "$TMP/data2/"
"$PYTHON" - "$TMP/data2/commentary.csv" "$TMP/words.txt" <<'EOF'
import csv, sys
words = [f"note{i:04d}x" for i in range(260)]
text = "Cost £12 – the café’s review. " + " ".join(words)
assert len(text) >= 2000
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["agency_id", "section", "text"])
    w.writerow(["", "summary", text])
    w.writerow(["TINY", "how_do_we_know", "Our extract was taken from the new system."])
open(sys.argv[2], "w").write("\n".join(words) + "\n")
EOF
if run_report "$TMP/data2" "$TMP/b"; then ok "report with commentary.csv"; else
    bad "report with commentary.csv"
    sed 's/^/     /' "$TMP/run.log" | tail -20
fi
pdftotext "$TMP/b/board-report.pdf" "$TMP/b.txt" 2>/dev/null
check "2,000-character commentary: every word appears once" "$PYTHON" - "$TMP/words.txt" \
    "$TMP/b.txt" <<'EOF'
import re, sys
words = open(sys.argv[1]).read().split()
text = open(sys.argv[2], encoding="utf-8").read()
found = re.findall(r"note\d{4}x", text)
missing = [w for w in words if w not in found]
print(f"{len(words)} words, {len(found)} found")
assert not missing, f"missing: {missing[:10]}"
assert found == words, "words out of order or repeated"
EOF
check "UTF-8 text survives (£ – é ’)" grep -q "Cost £12 – the café’s review." "$TMP/b.txt"
check "commentary is placed in its section" "$PYTHON" - "$TMP/b.txt" <<'EOF'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
s1, s2, s3, s4 = (t.rfind(h) for h in ("1. Executive summary", "2. How are we doing?",
                                       "3. How do we know?", "4. What are we doing to improve?"))
c1 = t.find("Commentary: Partnership")
c3 = t.find("Our extract was taken from the new system.")
print(s1, c1, s2, s3, c3, s4)
assert s1 < c1 < s2, "partnership summary commentary not in section 1"
assert s3 < c3 < s4, "agency commentary not in section 3"
EOF
check "no text outside the page margins" "$PYTHON" - "$TMP/b/board-report.pdf" <<'EOF'
import re, subprocess, sys
html = subprocess.run(["pdftotext", "-bbox", sys.argv[1], "-"], capture_output=True,
                      text=True, check=True).stdout
bad = []
page = 0
for line in html.splitlines():
    if "<page " in line:
        page += 1
    m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>',
                  line)
    if not m:
        continue
    x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
    if x0 < 49 or x1 > 546.5 or y0 < 10 or y1 > 832:
        bad.append((page, m.group(5), x0, x1))
print(f"{len(bad)} words outside the margins", bad[:5])
assert not bad
EOF

# ---- a self-audit of one agency --------------------------------------------------
if "$OVERSIGHT" report "$TMP/data2" --period "$PERIOD" --out "$TMP/d" --as-of "$ASOF" \
    --agency TINY --trend 2 >"$TMP/run_d.log" 2>&1; then
    ok "report --agency TINY --trend 2"
    pdftotext "$TMP/d/board-report.pdf" "$TMP/d.txt"
    check "self-audit: wording complete" sh -c "
        ! grep -E 'narrative.txt.*(no text for|placeholder)' '$TMP/run_d.log'"
    check "self-audit: names its agency, not the others" sh -c "
        grep -q 'Self-audit: Tiny Borough Council' '$TMP/d.txt' &&
        ! grep -q 'Two Rivers Youth Trust' '$TMP/d.txt'"
    check "self-audit: compares the agency's teams" grep -q 'by team, 2025-26 Q3' "$TMP/d.txt"
    check "self-audit: trend chart over two periods" \
        grep -q 'over the last 2 periods' "$TMP/d.txt"
    check "self-audit: only the agency's commentary (not the partnership's), bookmarks present" sh -c "
        ! grep -q 'Commentary: Partnership' '$TMP/d.txt' &&
        '$PYTHON' '$TMP/outline.py' '$TMP/d/board-report.pdf'"
else
    bad "report --agency TINY --trend 2"
    sed 's/^/     /' "$TMP/run_d.log" | tail -20
fi

# ---- reproducible -----------------------------------------------------------------
if run_report "$DATA" "$TMP/c"; then
    check "same input gives a byte-identical PDF" cmp "$PDF" "$TMP/c/board-report.pdf"
else
    bad "second run"
fi
check "no temporary files left in the output folders" sh -c "
    test -z \"\$(find '$TMP/a' '$TMP/b' '$TMP/c' -name '*.tmp*')\""

if [ "$failures" -ne 0 ]; then
    echo "test_pdf: $failures check(s) failed"
    exit 1
fi
echo "test_pdf: all checks passed"
