"""End-to-end checks of the board workbook (board-report.xlsx) on the tiny
fixture: sheet order, every figure on Summary, Agencies and Teams against
metrics.csv of the same run, RAG words and fills, the charts and the ranges
they plot, suppressed cells, the Improve sheet (overdue actions and red/amber
figures with no action, derived by hand below), print setup and properties,
byte-identical output, and an extract with hostile text.

Environment: OVERSIGHT (the binary). Reads the reference fixture in
tests/fixtures. Prints one line per check; exits non-zero when any check fails."""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile
import xml.etree.ElementTree as ET

warnings.simplefilter("ignore")  # openpyxl: "extension is not supported"
import openpyxl  # noqa: E402

OVERSIGHT = os.environ.get("OVERSIGHT", "./oversight")
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, "..", "fixtures"))
TINY = os.path.join(FIXTURES, "tiny", "data")
PERIOD = "2025-26-Q3"

SHEETS = ["Board", "Summary", "Agencies", "Trend", "Trend by agency", "Quarters", "Teams", "Case oversight", "How do we know",
          "Rejections", "Improve", "Section 11", "Definitions"]
WORD = {"green": "Green", "amber": "Amber", "red": "Red", "suppressed": "Suppressed",
        "no_data": "No data", "info": "Info", "not_covered": "Not covered", "not_sent": "Not sent"}
FILL = {"Green": "C6EFCE", "Amber": "FFEB9C", "Red": "FFC7CE", "Suppressed": "E7E6E6",
        "No data": "E7E6E6"}
# TWO sent no cases.csv, assessments.csv or group_sessions.csv: its figures from
# them read "not sent" (SPEC 9.4), while metrics.csv keeps no_data.
OPTIONAL = {"case_oversight_current", "case_oversight_period", "assessment_day8",
            "assessment_day20", "group_supervision_monthly"}
# Nobody in the tiny fixture sent supervision_audits.csv or feedback.csv.
NOBODY_SENT = {"audit_good", "audit_criteria", "feedback_positive"}


def shown_rag(agency, metric, rag):
    """The mark the workbook shows for a metrics.csv row of the tiny fixture."""
    if rag == "no_data" and (metric in NOBODY_SENT or (agency == "TWO" and metric in OPTIONAL)):
        return "not_sent"
    return rag


KEY = ["supervision_frequency", "staff_supervised", "notes_timely", "case_oversight_current"]

# Derived by hand from expected/metrics.csv and data/actions.csv of the fixture:
# A1 (TINY, supervision_frequency, due 31/01/2026, in progress) is the only accepted
# action (A2's status "on hold" is rejected). It is not overdue on 15 Jan 2026 and is
# overdue on 15 Feb 2026. It covers TINY supervision_frequency only (an agency action
# does not cover ALL). Red/amber ALL and agency rows of expected/metrics.csv:
UNCOVERED = {
    ("ALL", "supervision_frequency"), ("ALL", "staff_fully_compliant"),
    ("ALL", "staff_supervised"), ("ALL", "notes_timely"), ("ALL", "notes_shared"),
    ("ALL", "cancellation_rate"), ("ALL", "functions_balance"),
    ("ALL", "case_oversight_period"),
    ("TINY", "notes_timely"), ("TINY", "notes_shared"), ("TINY", "cancellation_rate"),
    ("TINY", "case_oversight_period"),
    ("TWO", "supervision_frequency"), ("TWO", "notes_timely"), ("TWO", "notes_shared"),
    ("TWO", "cancellation_rate"),
    # SPEC 7: 4 of the 5 staff in post on 1 October still in post on 31 December
    ("ALL", "workforce_stability"),
}

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}

failed = 0
passed = 0


def check(name, cond, detail=""):
    """Prints one line per check and counts it."""
    global failed, passed
    if cond:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))


def run_report(out, *extra, data=TINY, as_of="2026-01-15"):
    """Runs the report command; returns (rc, stderr)."""
    p = subprocess.run([OVERSIGHT, "report", data, "--period", PERIOD, "--out", out,
                        "--as-of", as_of, *extra], capture_output=True, text=True)
    return p.returncode, p.stderr


def read_metrics(out):
    with open(os.path.join(out, "metrics.csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def near(a, b):
    return isinstance(a, (int, float)) and abs(a - b) < 1e-9


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def rows_of(ws, first):
    """Rows from `first` (1-based) as lists of values."""
    return [[c.value for c in row] for row in ws.iter_rows(min_row=first)]


def cf_rules(ws):
    """(range text, formula, fill colour) of every conditional format rule."""
    out = []
    for cf in ws.conditional_formatting:
        for r in cf.rules:
            colour = None
            if r.dxf is not None and r.dxf.fill is not None and r.dxf.fill.bgColor is not None:
                colour = (r.dxf.fill.bgColor.rgb or "")[-6:]
            out.append((str(cf.sqref), (r.formula or [""])[0], colour))
    return out


def charts(path):
    """Every chart of the workbook: kind, bar direction, title, series (name, cat, val)."""
    result = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n)):
            root = ET.fromstring(z.read(name))
            plot = root.find(".//c:plotArea", NS)
            kinds = [el.tag.split("}")[1] for el in plot if el.tag.endswith("Chart")]
            bar_dir = plot.find(".//c:barDir", NS)
            title = "".join(t.text or "" for t in root.findall(".//c:title//a:t", NS))
            series = []
            for ser in root.findall(".//c:ser", NS):
                tx = ser.find("c:tx//c:v", NS)
                cat = ser.find("c:cat//c:f", NS)
                val = ser.find("c:val//c:f", NS)
                series.append((tx.text if tx is not None else None,
                               cat.text if cat is not None else None,
                               val.text if val is not None else None))
            result.append({"file": name, "kinds": kinds, "title": title,
                           "bar_dir": bar_dir.get("val") if bar_dir is not None else None,
                           "series": series})
    return result


def parse_range(ref):
    """'Summary!$D$40:$D$42' -> (sheet, col, row1, col2, row2)."""
    m = re.match(r"^'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$", ref or "")
    if not m:
        return None
    return m.group(1), m.group(2), int(m.group(3)), m.group(4), int(m.group(5))


def cells(ws, ref):
    sheet, c1, r1, c2, r2 = parse_range(ref)
    return [c.value for row in ws[f"{c1}{r1}:{c2}{r2}"] for c in row]


def check_summary(wb, metrics):
    ws = wb["Summary"]
    allrows = {r["metric_id"]: r for r in metrics
               if r["agency_id"] == "ALL" and not r["team"] and not r["group"]}
    seen = 0
    titles = {}
    rules = cf_rules(ws)
    for row in ws.iter_rows(min_row=6, max_row=40):
        title, mid, _area, value, target, rag = (c.value for c in row[:6])
        num, den = row[6].value, row[7].value
        if mid not in allrows:
            continue
        titles[title] = mid
        exp = allrows[mid]
        seen += 1
        word = WORD[shown_rag("ALL", mid, exp["rag"])]
        check(f"Summary {mid}: RAG word {word}", rag == word, repr(rag))
        if exp["rag"] == "info":
            want = float(exp["value"]) if exp["value"] else None
            check(f"Summary {mid}: info value", (near(value, want) if want is not None
                                                 else value == "no data"), repr(value))
            continue
        if exp["rag"] in ("suppressed", "no_data"):
            words = "suppressed" if exp["rag"] == "suppressed" else word.lower()
            check(f"Summary {mid}: shows '{words}' and no numbers",
                  value == words and num is None and den is None, repr((value, num, den)))
        else:
            n, d = int(exp["numerator"]), int(exp["denominator"])
            check(f"Summary {mid}: numerator/denominator {n}/{d}", (num, den) == (n, d),
                  repr((num, den)))
            check(f"Summary {mid}: value = {exp['value']}%",
                  near(value, n / d) and abs(value * 100 - float(exp["value"])) <= 0.05,
                  repr(value))
            fill = [r for r in rules if r[0].startswith("F") and r[1] == f'"{word}"']
            check(f"Summary {mid}: {word} fill rule on the RAG column",
                  fill and fill[0][2] == FILL[word], repr(fill))
        check(f"Summary {mid}: target {exp['target']}",
              near(target, float(exp["target"]) / 100), repr(target))
    check("Summary lists every ALL metric", seen == len(allrows), f"{seen} of {len(allrows)}")
    value_rules = [r for r in rules if r[0].startswith("D") and r[1].startswith("$F")]
    check("Summary value cells coloured by the RAG word", len(value_rules) >= 5,
          repr(value_rules[:2]))
    return titles


def rated_cell_shows(cell, exp, agency, mid):
    """A colour-rated cell (Agencies, Teams) shows metrics.csv's row exp: the
    exact fraction with its fill and letter, or the word of a figure not shown."""
    if exp["rag"] == "suppressed":
        return cell.value == "suppressed"
    if exp["rag"] == "no_data":
        return cell.value == WORD[shown_rag(agency, mid, "no_data")].lower()
    n, d = int(exp["numerator"]), int(exp["denominator"])
    colour = (cell.fill.fgColor.rgb or "")[-6:]
    letter = exp["rag"][0].upper()
    return bool(near(cell.value, n / d) and colour == FILL[WORD[exp["rag"]]]
                and re.search(f'" {letter}( ‡)?"', cell.number_format))


def check_agencies(wb, metrics, titles):
    ws = wb["Agencies"]
    header = [c.value for c in ws[5]]
    col_of = {titles.get(h): i for i, h in enumerate(header) if titles.get(h)}
    check("Agencies has a column per rated metric", len(col_of) == 20, repr(len(col_of)))
    want = {(r["agency_id"], r["metric_id"]): r for r in metrics
            if not r["team"] and not r["group"] and r["rag"] != "info"}
    found = 0
    for row in ws.iter_rows(min_row=7, max_row=20):
        agency = row[1].value
        if agency not in ("TINY", "TWO", "ALL"):
            continue
        for mid, ci in col_of.items():
            exp = want[(agency, mid)]
            cell = row[ci]
            found += 1
            ok = rated_cell_shows(cell, exp, agency, mid)
            check(f"Agencies {agency} {mid}: {exp['rag']}", ok,
                  repr((cell.value, cell.fill.fgColor.rgb, cell.number_format)))
    check("Agencies covers TINY, TWO and ALL", found == 3 * 20, repr(found))
    legend = [c.value for c in ws["A"] if c.value in ("suppressed", "no data", "Green (G)")]
    check("Agencies has a legend", len(legend) == 3, repr(legend))


def check_teams(wb, metrics, titles):
    """Teams: a row per team, a column per measure worked out by team, every
    cell the team's figure of metrics.csv with its colour and letter."""
    ws = wb["Teams"]
    check("Teams is an Excel table", "TeamFigures" in ws.tables, repr(list(ws.tables.keys())))
    ref = ws.tables["TeamFigures"].ref if "TeamFigures" in ws.tables else "A5:C5"
    team_metrics = sorted({r["metric_id"] for r in metrics if r["team"]})
    last_col = openpyxl.utils.get_column_letter(3 + len(team_metrics))
    check("Teams table: the header row, three columns and one per team measure",
          ref.startswith("A5:" + last_col), (ref, len(team_metrics)))
    check("Teams table has an autofilter",
          "TeamFigures" in ws.tables and ws.tables["TeamFigures"].autoFilter is not None)
    header = [c.value for c in ws[5]]
    check("Teams header: agency id, agency, team", header[:3] == ["Agency id", "Agency", "Team"],
          repr(header[:3]))
    col_of = {titles.get(h): i for i, h in enumerate(header) if titles.get(h)}
    check("Teams has a column for each measure metrics.csv gives by team",
          sorted(col_of) == team_metrics, repr(sorted(col_of)))
    want = {(r["agency_id"], r["team"], r["metric_id"]): r for r in metrics if r["team"]}
    rows = {}
    last = int(re.sub(r"^[A-Z]+", "", ref.split(":")[1]))
    for row in ws.iter_rows(min_row=6, max_row=last):
        rows[(row[0].value, row[2].value)] = row
    check("Teams has a row for every team of metrics.csv, once",
          set(rows) == {(a, t) for a, t, _ in want} and last - 5 == len(rows),
          repr((sorted(rows), last)))
    for key, exp in sorted(want.items()):
        row = rows.get(key[:2])
        if row is None or key[2] not in col_of:
            continue
        cell = row[col_of[key[2]]]
        ok = rated_cell_shows(cell, exp, key[0], key[2])
        check(f"Teams {key[0]}/{key[1]}/{key[2]}: {exp['rag']}", ok,
              repr((cell.value, cell.fill.fgColor.rgb, cell.number_format)))
    legend = [c.value for c in ws["A"] if c.value in ("suppressed", "no data", "Green (G)")]
    check("Teams has a legend", len(legend) == 3, repr(legend))


def check_summary_charts(path, wb, metrics):
    ws = wb["Summary"]
    allcharts = charts(path)
    summary = [c for c in allcharts if any("Summary!" in (s[2] or "") for s in c["series"])]
    check("Summary has 4 key-metric charts", len(summary) == 4, repr(len(summary)))
    want = {(r["agency_id"], r["metric_id"]): r for r in metrics
            if not r["team"] and not r["group"]}
    for ch in summary:
        check(f"{ch['file']}: a column chart", ch["kinds"] == ["barChart"]
              and ch["bar_dir"] == "col", repr((ch["kinds"], ch["bar_dir"])))
        names = [s[0] for s in ch["series"]]
        check(f"{ch['file']}: value and target series", names == ["Value", "Target"],
              repr(names))
        if len(ch["series"]) != 2:
            continue
        (_, cat, val), (_, tcat, tval) = ch["series"]
        ids = cells(ws, cat)
        values = cells(ws, val)
        targets = cells(ws, tval)
        mids = set(cells(ws, val.replace("$D$", "$B$")))
        mid = mids.pop() if len(mids) == 1 else None
        check(f"{ch['file']}: plots one key metric ({mid})", mid in KEY, repr(mids))
        check(f"{ch['file']}: categories TINY, TWO, ALL", ids == ["TINY", "TWO", "ALL"]
              and tcat == cat, repr(ids))
        title = [c.value for c in ws["A"]]
        ok = True
        for agency, v, t in zip(ids, values, targets):
            exp = want.get((agency, mid))
            if exp is None:
                ok = False
                continue
            if exp["rag"] in ("green", "amber", "red"):
                ok = ok and near(v, int(exp["numerator"]) / int(exp["denominator"]))
            else:
                ok = ok and v is None
            ok = ok and near(t, float(exp["target"]) / 100)
        check(f"{ch['file']}: plotted values equal metrics.csv", ok, repr((values, targets)))
        check(f"{ch['file']}: titled", bool(ch["title"]) and ch["title"] in title,
              repr(ch["title"]))


def check_improve(wb, overdue_ids):
    ws = wb["Improve"]
    tables = ws.tables
    check("Improve has the Actions and NoAction tables",
          "Actions" in tables and "NoAction" in tables, repr(list(tables.keys())))
    if "Actions" not in tables or "NoAction" not in tables:
        return
    a1, a2 = tables["Actions"].ref.split(":")
    acts = [[c.value for c in row] for row in ws[f"{a1}:{a2}"]][1:]
    ids = [r[0] for r in acts]
    check("Improve lists the accepted actions", ids == ["A1"], repr(ids))
    flagged = [r[0] for r in acts if r[8] == "OVERDUE"]
    check(f"Improve overdue actions = {sorted(overdue_ids)}",
          sorted(flagged) == sorted(overdue_ids), repr(flagged))
    u1, u2 = tables["NoAction"].ref.split(":")
    rows = [[c.value for c in row] for row in ws[f"{u1}:{u2}"]][1:]
    got = {(r[0], r[4]) for r in rows}
    check("Improve lists exactly the uncovered red/amber figures", got == UNCOVERED,
          repr(got ^ UNCOVERED))
    check("Improve flags every uncovered figure", all(r[8] == "NO ACTION" for r in rows))


def read_csv(out, name):
    with open(os.path.join(out, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def check_know(wb, out):
    ws = wb["Rejections"]
    check("Rejections is an Excel table", "Rejections" in ws.tables)
    if "Rejections" in ws.tables:
        a, b = ws.tables["Rejections"].ref.split(":")
        rows = [[c.value for c in row] for row in ws[f"{a}:{b}"]][1:]
        got = [((r[0] if r[0] != "(partnership)" else ""), r[1], str(r[2]), r[3], r[4], r[5])
               for r in rows]
        want = [(r["agency_id"], r["file"], r["line"], r["field"], r["code"], r["severity"])
                for r in read_csv(out, "rejections.csv")]
        check("Rejections lists every line of rejections.csv", got == want,
              repr(set(got) ^ set(want)))
    know = wb["How do we know"]
    text = {str(c.value) for row in know.iter_rows() for c in row if c.value is not None}
    hashes = [r["sha256"] for r in read_csv(out, "data_quality.csv") if r["sha256"]]
    check("How do we know shows the SHA-256 of every input file",
          hashes and all(h in text for h in hashes), repr([h for h in hashes if h not in text]))
    check("How do we know shows the standards and calendar SHA-256",
          sum(1 for t in text if re.fullmatch(r"[0-9a-f]{64}", t)) >= len(set(hashes)) + 2)
    rows = [[c.value for c in row][:5] for row in know.iter_rows()]
    comp = {(r[0] if r[0] != "(partnership)" else "", r[1], r[2]): (r[3], r[4]) for r in rows
            if r[0] is not None and is_number(r[3]) and is_number(r[4]) and isinstance(r[2], str)
            and r[1] in ("agencies", "actions", "staff", "sessions", "cases", "case_oversight",
                         "assessments", "group_sessions", "absences")}
    want = {(r["agency_id"], r["dataset"], r["field"]): (int(r["filled"]), int(r["rows"]))
            for r in read_csv(out, "completeness.csv")}
    check("field completeness equals completeness.csv", comp == want,
          repr(set(comp.items()) ^ set(want.items())))


def check_no_ids(path, ids):
    """The pack must carry no staff or child ids."""
    parts = []
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if not n.endswith(".xml"):
                continue
            for el in ET.fromstring(z.read(n)).iter():
                tag = el.tag.split("}")[-1]
                if el.text and tag not in ("f", "formula", "formula1", "formula2"):
                    parts.append(el.text)  # text only: cell references are attributes
    text = " ".join(parts)
    found = sorted({i for i in ids if re.search(r"(?<![A-Za-z0-9_])" + i + r"(?![A-Za-z0-9_])",
                                                 text)})
    check("the pack carries no staff or child ids", not found, repr(found))


def check_setup(wb):
    for name in SHEETS:
        ws = wb[name]
        ok = (ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
              and "OFFICIAL-SENSITIVE" in (ws.oddHeader.center.text or "")
              and "Page &P of &N" in (ws.oddFooter.right.text or ""))
        check(f"{name}: landscape, fit to width, marking and page numbers", ok)
    for name in ("Summary", "Agencies", "Teams", "Rejections", "Definitions"):
        check(f"{name}: frozen header", wb[name].freeze_panes is not None)
    check("Teams repeats its header row when printed", wb["Teams"].print_title_rows == "$5:$5",
          repr(wb["Teams"].print_title_rows))
    dv = wb["Section 11"].data_validations.dataValidation
    check("Section 11 score lists are fixed (self-assessed and moderated)",
          len(dv) == 2 and all(d.formula1 == '"0 - Not met,1 - Partly met,2 - Mostly met,'
                                '3 - Fully met"' for d in dv), repr([d.formula1 for d in dv]))
    p = wb.properties
    check("document properties: title and fixed created time",
          (p.title or "").startswith("Supervision performance pack")
          and p.created is not None and p.created.strftime("%Y-%m-%d") == "2026-01-15",
          repr((p.title, p.created)))


def rejection_rows(path):
    ws = openpyxl.load_workbook(path)["Rejections"]
    return [[c.value for c in row] for row in ws.iter_rows(min_row=6) if row[0].value]


def check_ids_in_headers(tmp):
    """A column labelled with a staff id (S2) or a child id (K1): the
    partnership workbook's Rejections sheet shows '[id]' in its field and its
    reason (the agency's records were dropped once measured, so this comes from
    the ids' hashes), the agency's own workbook and rejections.csv the label."""
    data = os.path.join(tmp, "idheaders")
    shutil.copytree(TINY, data)
    for name, label in (("sessions.csv", "S2"), ("cases.csv", "K1")):
        p = os.path.join(data, "TINY", name)
        with open(p, encoding="utf-8") as f:
            lines = f.read().splitlines()
        lines = [lines[0] + "," + label] + [ln + "," for ln in lines[1:]]
        with open(p, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    out = os.path.join(tmp, "idheaders-out")
    rc, err = run_report(out, data=data)
    check("ids as column labels: report written", rc == 0, err[-300:])
    rows = [r for r in rejection_rows(os.path.join(out, "board-report.xlsx"))
            if r[4] == "I-UNKNOWN-COLUMN" and r[0] == "TINY"]
    check("ids as column labels: both columns listed", len(rows) == 2, repr(rows))
    check("ids as column labels: field and reason read [id] in the partnership's workbook",
          rows and all(r[3] == "[id]" and "'[id]'" in r[6] for r in rows), repr(rows))
    check_no_ids(os.path.join(out, "board-report.xlsx"), ["S2", "K1"])
    with open(os.path.join(out, "rejections.csv"), encoding="utf-8") as f:
        raw = f.read()
    check("ids as column labels: rejections.csv (the analyst's) keeps the labels",
          "column 'S2'" in raw and "column 'K1'" in raw, raw[-400:])
    own = os.path.join(tmp, "idheaders-tiny")
    rc, err = run_report(own, "--agency", "TINY", data=data)
    rows = [r for r in rejection_rows(os.path.join(own, "board-report.xlsx"))
            if r[4] == "I-UNKNOWN-COLUMN"]
    check("ids as column labels: the agency's own workbook shows them",
          sorted(r[3] for r in rows) == ["K1", "S2"], repr(rows))


def check_hostile(tmp):
    data = os.path.join(tmp, "hostile")
    os.makedirs(os.path.join(data, "H1"))
    name = 'Evil <Agency> & "Co" \x01\x07 £ café – end'
    with open(os.path.join(data, "agencies.csv"), "w", encoding="utf-8", newline="") as f:
        f.write('agency_id,name,type\nH1,"' + name.replace('"', '""') + '",health\n')
    # staff.csv is not valid UTF-8: read as Windows-1252 (pound, e-acute, en dash, y-umlaut).
    team = b'Team <b> & "q" \x0b \xa3 \xe9 \x96 \xff'
    rows = [b"staff_id,team,start_date,supervisor_id"]
    rows += [b'S%d,"%s",2020-01-01,M1' % (i, team.replace(b'"', b'""')) for i in range(6)]
    rows.append(b'M1,"=cmd|calc!A1",2020-01-01,')
    with open(os.path.join(data, "H1", "staff.csv"), "wb") as f:
        f.write(b"\n".join(rows) + b"\n")
    with open(os.path.join(data, "H1", "sessions.csv"), "w", encoding="utf-8") as f:
        f.write("staff_id,date,type,status\n")
        f.writelines(f"S{i},2025-10-06,one_to_one,held\n" for i in range(6))
    out = os.path.join(tmp, "hostile-out")
    rc, err = run_report(out, "--title", "A & B <x> &P", data=data)
    path = os.path.join(out, "board-report.xlsx")
    check("hostile extract: workbook written", os.path.exists(path), err[-300:])
    if not os.path.exists(path):
        return
    try:
        wb = openpyxl.load_workbook(path)
    except Exception as e:  # noqa: BLE001 - any failure to open is the finding
        check("hostile extract: opens in openpyxl", False, repr(e))
        return
    check("hostile extract: opens in openpyxl", True)
    agency = wb["Agencies"]["A7"].value
    check("hostile agency name kept as text, control characters removed",
          agency == 'Evil <Agency> & "Co"  £ café – end', repr(agency))
    teams = [r[2] for r in rows_of(wb["Teams"], 6) if r[2]]
    check("hostile team name kept as text", any('<b> & "q"' in t and "£ é –" in t
                                                for t in teams), repr(teams[:3]))
    bad = [t for t in teams if any(ord(ch) < 32 and ch not in "\t\n" for ch in t)]
    check("no control characters in team names", not bad, repr(bad))
    formula = [c for row in wb["Teams"].iter_rows(min_row=6) for c in row
               if isinstance(c.value, str) and c.value.startswith("=")]
    check("text starting with = stays text", formula and all(c.data_type == "s" for c in formula),
          repr([(c.value, c.data_type) for c in formula]))
    check("hostile title in the header cannot become a header code",
          "&P" not in (wb["Summary"].oddHeader.left.text or "").replace("&P of", ""),
          repr(wb["Summary"].oddHeader.left.text))


def main():
    tmp = tempfile.mkdtemp(prefix="ov-xlsx-")
    try:
        out = os.path.join(tmp, "out")
        rc, err = run_report(out)
        path = os.path.join(out, "board-report.xlsx")
        check("report exits 0", rc == 0, err[-400:])
        check("board-report.xlsx written", os.path.exists(path))
        if not os.path.exists(path):
            return
        leftovers = [n for n in os.listdir(out) if ".tmp." in n or n.startswith(".oversight-tmp-")]
        check("no temporary files left", not leftovers, repr(leftovers))
        check("the library printed nothing of its own",
              "[WARNING]" not in err and "[ERROR]" not in err, err[-300:])
        wb = openpyxl.load_workbook(path)
        check("sheet names and order", wb.sheetnames == SHEETS, repr(wb.sheetnames))
        metrics = read_metrics(out)
        titles = check_summary(wb, metrics)
        check_agencies(wb, metrics, titles)
        check_teams(wb, metrics, titles)
        check_summary_charts(path, wb, metrics)
        check_improve(wb, [])
        check_setup(wb)
        check_know(wb, out)
        check_no_ids(path, ["S1", "S2", "S3", "S4", "M1", "W0", "W1", "K1", "K2", "K3", "K4",
                            "K5", "K6"])

        out2 = os.path.join(tmp, "out2")
        run_report(out2)
        with open(path, "rb") as f1, open(os.path.join(out2, "board-report.xlsx"), "rb") as f2:
            check("same input gives a byte-identical workbook", f1.read() == f2.read())

        out3 = os.path.join(tmp, "out3")
        run_report(out3, as_of="2026-02-15")
        check_improve(openpyxl.load_workbook(os.path.join(out3, "board-report.xlsx")), ["A1"])

        out4 = os.path.join(tmp, "out4")
        rc, err = run_report(out4, "--trend", "3")
        p4 = os.path.join(out4, "board-report.xlsx")
        check("--trend 3 report written", rc == 0 and os.path.exists(p4), err[-300:])
        if os.path.exists(p4):
            wb4 = openpyxl.load_workbook(p4)
            ws = wb4["Trend"]
            labels = [c.value for c in ws[5]][3:6]
            check("Trend has three period columns, oldest first",
                  labels == ["2025-26 Q1", "2025-26 Q2", "2025-26 Q3"], repr(labels))
            m4 = read_metrics(out4)
            trend = [c for c in charts(p4) if any("Trend!" in (s[2] or "") for s in c["series"])]
            check("Trend has a line chart per rated metric",
                  len(trend) == 20 and all(c["kinds"] == ["lineChart"] for c in trend),
                  repr(len(trend)))
            starts = sorted({r["period_start"] for r in m4})
            ok = True
            for ch in trend:
                (_, cat, val), (_, _, tval) = ch["series"]
                mid = ws[f"B{parse_range(val)[2]}"].value
                values = cells(ws, val)
                for start, v in zip(starts, values):
                    exp = [r for r in m4 if r["period_start"] == start and r["agency_id"] == "ALL"
                           and r["metric_id"] == mid and not r["team"] and not r["group"]][0]
                    if exp["rag"] in ("green", "amber", "red"):
                        ok = ok and near(v, int(exp["numerator"]) / int(exp["denominator"]))
                    else:
                        ok = ok and v is None
                ok = ok and len(cells(ws, cat)) == 3 and len(values) == 3
            check("Trend charts plot the ALL values of metrics.csv, oldest first", ok)
            check("Summary shows a trend arrow",
                  any(isinstance(c.value, str) and c.value[:1] in "▲▼▶"
                      for c in wb4["Summary"]["I"]))

        out5 = os.path.join(tmp, "out5")
        rc, err = run_report(out5, "--agency", "TWO")
        p5 = os.path.join(out5, "board-report.xlsx")
        check("--agency TWO report written", rc == 0 and os.path.exists(p5), err[-300:])
        if os.path.exists(p5):
            ws = openpyxl.load_workbook(p5)["Summary"]
            two = {r["metric_id"]: r for r in read_metrics(out5)
                   if r["agency_id"] == "TWO" and not r["team"] and not r["group"]}
            def own_rating(r):
                """An agency's own pack rates its own suppressed figures (SPEC 9.3)."""
                if r["rag"] != "suppressed":
                    return shown_rag("TWO", r["metric_id"], r["rag"])
                n, d = int(r["numerator"]), int(r["denominator"])
                t, a = float(r["target"]), float(r["amber"])
                lower = t < a
                v = 100.0 * n / d
                if (v <= t) if lower else (v >= t):
                    return "green"
                if (v <= a) if lower else (v >= a):
                    return "amber"
                return "red"
            ok, unsuppressed = True, 0
            for row in ws.iter_rows(min_row=6, max_row=30):
                mid, rag = row[1].value, row[5].value
                if mid in two and two[mid]["rag"] != "info":
                    ok = ok and rag == WORD[own_rating(two[mid])]
                    unsuppressed += two[mid]["rag"] == "suppressed"
            check("--agency TWO: Summary headline is the agency's figures, its own suppressed "
                  "ones rated", ok and unsuppressed > 0, f"{unsuppressed} unsuppressed")

        check_hostile(tmp)
        check_ids_in_headers(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
