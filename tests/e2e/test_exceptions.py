"""Follow-up lists of an agency's report (--agency ID):

- an exceptions-<list>.csv is written exactly for each list whose figures include
  one red or amber for the agency (as its own pack rates them: its own suppressed
  figures are rated), and every other list name is removed from the folder;
- each list reconciles with the agency's rows of metrics.csv (rows counting
  against a figure = denominator - numerator; missed intervals for
  supervision_frequency), is sorted most urgent first (its days column
  descending, then oldest first, then id) and names the supervisor or case
  holder wherever the extract sends one;
- the tiny fixture for 2025-26-Q3 gives the rows of expected/DERIVATION.md;
- a staff.csv without supervisor_id still gets its lists, with the column blank;
- the workbook has "What must be done" and a sheet per list (an Excel table
  with the same rows, frozen header, print titles); the PDF has "What must be
  done" with every list and every id listed;
- the partnership pack (PDF, workbook, folder) holds no staff or child id, and a
  pack run removes lists an earlier --agency run left;
- the same input gives byte-identical lists, workbook and PDF."""
import csv
import filecmp
import glob
import os
import re
import shutil
import subprocess
import warnings

from e2elib import TINY, Checks, read_csv, run, tmpdir, write

warnings.filterwarnings("ignore")
import openpyxl  # noqa: E402  (after the warning filter: openpyxl warns about extensions)

c = Checks()
DATA = os.path.join(TINY, "data")
SAMPLE = "sample-data"
HEADING = "What must be done"  # the PDF section and the workbook sheet

# The lists: file key -> (figures it reconciles with, the days column, the
# id column, who must act, the sheet, the table, how the oldest-first date is
# read from a row (None: the days column decides)).
STAFF, CHILD = ("staff_id", "supervisor_id"), ("child_id", "case_holder")
LISTS = {
    "intervals": (["supervision_frequency", "staff_fully_compliant"], "days_overdue", STAFF,
                  "Intervals missed", "IntervalsMissed",
                  lambda r: r["missed_intervals"].split(":")[0]),
    "no-one-to-one": (["staff_supervised"], "days_overdue", STAFF, "No one-to-one", "NoOneToOne",
                      None),
    "late-notes": (["notes_timely"], "days_late", STAFF, "Late notes", "LateNotes",
                   lambda r: r["session_date"]),
    "notes-not-shared": (["notes_shared"], "days_overdue", STAFF, "Notes not shared",
                         "NotesNotShared", lambda r: r["session_date"]),
    "not-rearranged": (["cancelled_rearranged"], "days_overdue", STAFF, "Not rearranged",
                       "NotRearranged", lambda r: r["cancelled_date"]),
    "functions": (["functions_balance"], "days_overdue", STAFF, "Functions", "FunctionsMissing",
                  lambda r: r["last_one_to_one"]),
    "agreements": (["agreement_current"], "days_overdue", STAFF, "Agreements", "AgreementsDue",
                   lambda r: r["due_date"]),
    "observations": (["observation_current"], "days_overdue", STAFF, "Observations",
                     "ObservationsDue", lambda r: r["due_date"]),
    "untrained-supervisors": (["supervisor_trained"], "days_overdue", STAFF,
                              "Untrained supervisors", "UntrainedSupervisors", None),
    "children": (["case_oversight_current", "case_oversight_period"], "days_overdue", CHILD,
                 "Children overdue", "ChildrenOverdue", lambda r: r["first_overdue_in_period"]),
    "assessments": (["assessment_day8", "assessment_day20"], "days_overdue", CHILD,
                    "Assessments late", "AssessmentsLate", lambda r: r["review_due"]),
    "audits": (["audit_good"], "days_since_audit", STAFF, "Audits below good", "AuditsBelowGood",
               lambda r: r["audit_date"]),
}
FILES = {k: f"exceptions-{k}.csv" for k in LISTS}


def report(data, out, period, *extra, check_rc=None):
    return run("report", data, "--period", period, "--out", out, "--as-of", "2026-01-15", *extra,
               check_rc=check_rc)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout


def words(text):
    return set(re.findall(r"[A-Za-z0-9_\-]+", text))


def norm(h):
    return h.strip().lower().replace(" ", "_")


def agency_files(data, name):
    """The rows of one kind of agency file in a data folder, with normalised headers."""
    out = {}
    for path in glob.glob(os.path.join(data, "*", name)):
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
            rows = list(csv.reader(f))
        if rows:
            head = [norm(h) for h in rows[0]]
            out[os.path.basename(os.path.dirname(path))] = [dict(zip(head, r)) for r in rows[1:]]
    return out


def ids_of(data):
    """Every staff and child id named in an agency file of a data folder."""
    ids = set()
    for path in glob.glob(os.path.join(data, "*", "*.csv")):
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
            rows = list(csv.reader(f))
        if not rows:
            continue
        head = [norm(h) for h in rows[0]]
        for col in ("staff_id", "child_id", "supervisor_id", "case_holder", "worker_id",
                    "allocated_worker_id"):
            if col in head:
                k = head.index(col)
                ids.update(r[k].strip() for r in rows[1:] if len(r) > k and r[k].strip())
    return ids


def workbook_text(path):
    """Every value of every cell of a workbook, as words."""
    wb = openpyxl.load_workbook(path)
    out = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if v is not None:
                    out |= words(str(v))
    return out


def short(metrics, agency, metric):
    """(denominator - numerator, red or amber as the agency's own pack rates it)."""
    latest = max(r["period_start"] for r in metrics)  # the report period (trends are earlier)
    rows = [r for r in metrics if r["agency_id"] == agency and r["metric_id"] == metric
            and not r["team"] and not r["group"] and r["period_start"] == latest]
    if len(rows) != 1 or rows[0]["rag"] in ("not_covered", "info") or not rows[0]["denominator"]:
        return 0, False
    r = rows[0]
    num, den = int(r["numerator"]), int(r["denominator"])
    if den == 0:
        return 0, False
    # every listed measure is higher-is-better: red or amber below the target
    return den - num, num * 100 < float(r["target"]) * den


def check_lists(name, out, agency, supervisors=None, holders=None):
    """Checks every list of an agency run's folder; returns {key: rows}."""
    metrics = read_csv(os.path.join(out, "metrics.csv"))
    got = {}
    for key, (figs, days, (idcol, whocol), _sheet, _table, date_of) in LISTS.items():
        path = os.path.join(out, FILES[key])
        wanted = [short(metrics, agency, m) for m in figs]
        shown = any(s for _, s in wanted)
        c.eq(f"{name}: {FILES[key]} written exactly when a figure of it is red or amber",
             os.path.exists(path), shown)
        if not os.path.exists(path):
            continue
        rows = read_csv(path)
        got[key] = rows
        with open(os.path.join(out, "manifest.csv"), encoding="utf-8") as f:
            manifest = [ln.split(",")[0] for ln in f.read().splitlines()[1:]]
        c.true(f"{name}: {FILES[key]} is in manifest.csv", FILES[key] in manifest)
        for m, (gap, _) in zip(figs, wanted):
            if m == "supervision_frequency":
                n = sum(int(r["intervals_missed"]) for r in rows)
            else:
                n = sum(m in r["metrics"].split(";") for r in rows)
            c.eq(f"{name}: {key} reconciles with {m} (denominator - numerator)", n, gap)
        keys = [(-int(r[days]), date_of(r) if date_of else "", r[idcol]) for r in rows]
        if date_of is None:  # equal days, equal dates: the id decides
            keys = [(k[0], "", k[2]) for k in keys] if key == "no-one-to-one" else \
                [(k[0],) for k in keys]
        c.true(f"{name}: {key} is sorted most urgent first ({days}, oldest, id)",
               keys == sorted(keys))
        c.true(f"{name}: {key} rows are the agency's, in the report period",
               all(r["agency_id"] == agency for r in rows))
        if supervisors is not None and whocol == "supervisor_id" and key != "untrained-supervisors":
            miss = [r[idcol] for r in rows if supervisors.get(r[idcol]) and not r[whocol]]
            c.eq(f"{name}: {key} names a supervisor wherever staff.csv sends one", miss, [])
        if holders is not None and whocol == "case_holder" and key == "children":
            bad = [r[idcol] for r in rows
                   if holders.get((r[idcol], r["episode_start"]), "") != r[whocol]]
            c.eq(f"{name}: children name the episode's case holder as cases.csv sends it", bad, [])
            c.true(f"{name}: children with a case holder have the case holder's team",
                   all(r["team"] for r in rows if r[whocol]))
    return got


def check_workbook(name, path, lists):
    """The workbook's follow-up sheets hold the same rows as the CSV files."""
    wb = openpyxl.load_workbook(path)
    c.true(f"{name}: workbook has '{HEADING}'", HEADING in wb.sheetnames, str(wb.sheetnames))
    if HEADING not in wb.sheetnames:
        return
    ws = wb[HEADING]
    c.eq(f"{name}: '{HEADING}' is one table", list(ws.tables.keys()), ["FollowUpLists"])
    summary = [r for r in ws.iter_rows(min_row=6, values_only=True) if r[1] and r[8]]
    c.eq(f"{name}: '{HEADING}' lists each list written",
         sorted(r[8] for r in summary), sorted(FILES[k] for k in lists))
    for r in summary:
        key = r[8][len("exceptions-"):-len(".csv")]
        c.eq(f"{name}: '{HEADING}' counts the rows of {key}", r[3], len(lists.get(key, [])))
    for key, rows in lists.items():
        sheet, table = LISTS[key][3], LISTS[key][4]
        if sheet not in wb.sheetnames:
            c.true(f"{name}: sheet {sheet} for {key}", False)
            continue
        ws = wb[sheet]
        c.eq(f"{name}: {sheet} holds the table {table}", list(ws.tables.keys()), [table])
        c.eq(f"{name}: {sheet} freezes its header row", ws.freeze_panes, "B6")
        c.eq(f"{name}: {sheet} prints its header row on every page", ws.print_title_rows,
             "$5:$5")
        ids = [r[0] for r in ws.iter_rows(min_row=6, values_only=True) if r[0] is not None]
        c.eq(f"{name}: {sheet} lists the ids of {FILES[key]} in its order", ids,
             [r[LISTS[key][2][0]] for r in rows])


def check_pdf(name, path, lists, listed_ids, all_ids):
    text = pdf_text(path)
    flat = re.sub(r"\s+", " ", text)
    start = text.rfind("\n" + HEADING)
    end = text.rfind("5. Appendix")
    c.true(f"{name}: the PDF ends section 4 with '{HEADING}', before the appendix",
           0 <= flat.rfind("4. What are we doing to improve?") < flat.rfind(HEADING)
           < flat.rfind("5. Appendix"))
    section = text[start:end]
    w = words(section)
    c.eq(f"{name}: every listed id is in the PDF's lists",
         sorted(i for i in listed_ids if i not in w), [])
    outside = words(text[:start] + text[end:])
    c.eq(f"{name}: ids appear only in '{HEADING}'", sorted(all_ids & outside), [])
    c.true(f"{name}: the PDF cover warns that it holds identifiers",
           "list pseudonymous staff and child identifiers" in flat)
    return section


def responsible_maps(data, agency):
    staff = agency_files(data, "staff.csv").get(agency, [])
    known = {r.get("staff_id", r.get("worker_id", "")).strip() for r in staff}
    sups = {}
    for r in staff:
        sid = r.get("staff_id", r.get("worker_id", "")).strip()
        sup = r.get("supervisor_id", "").strip()
        sups[sid] = sup if sup in known else ""
    holders = {}
    for r in agency_files(data, "cases.csv").get(agency, []):
        cid = r.get("child_id", "").strip()
        start = r.get("start_date", r.get("episode_start", "")).strip()
        if re.match(r"^\d\d/\d\d/\d{4}$", start):
            start = f"{start[6:]}-{start[3:5]}-{start[:2]}"
        holder = r.get("case_holder", r.get("allocated_worker_id", "")).strip()
        holders[(cid, start)] = holder if holder in known else ""
    return sups, holders


tmp = tmpdir()
try:
    # ---- tiny fixture, --agency TINY -------------------------------------------------
    a = os.path.join(tmp, "a")
    os.makedirs(a)
    # a list this report does not show and an earlier version's name: both removed
    write(os.path.join(a, "exceptions-not-rearranged.csv"), "stale\n")
    write(os.path.join(a, "exceptions-staff.csv"), "stale\n")
    rc, err = report(DATA, a, "2025-26-Q3", "--agency", "TINY")
    c.eq("report --agency TINY exit status", rc, 0)
    if rc:
        print(err)
        c.done()
    c.true("the run removes an earlier version's list", "exceptions-staff.csv" in err
           and not os.path.exists(os.path.join(a, "exceptions-staff.csv")))
    sups, holders = responsible_maps(DATA, "TINY")
    lists = check_lists("TINY", a, "TINY", sups, holders)
    c.eq("TINY: the lists written", sorted(lists), sorted(
        ["intervals", "no-one-to-one", "late-notes", "notes-not-shared", "functions", "children",
         "assessments"]))
    c.true("the run names the lists it wrote", "exceptions-intervals.csv" in err
           and "exceptions-children.csv" in err)
    cols = lambda rows, keys: [tuple(r[k] for k in keys) for r in rows]  # noqa: E731
    c.eq("TINY: intervals", cols(lists["intervals"], (
        "staff_id", "team", "supervisor_id", "days_overdue", "schedule", "intervals_required",
        "intervals_met", "missed_intervals", "last_one_to_one")), [
        ("S3", "T", "M1", "38", "student", "9", "8", "2025-11-17:2025-11-23", "2025-12-09"),
        ("S2", "T", "M1", "24", "asye", "6", "5", "2025-11-24:2025-12-07", "2025-12-10"),
        ("S4", "T", "M1", "0", "standard", "1", "0", "2025-12-01:2025-12-31", "")])
    c.eq("TINY: no one-to-one", cols(lists["no-one-to-one"], (
        "staff_id", "supervisor_id", "days_overdue", "start_date")),
        [("S4", "M1", "46", "2025-11-15")])
    c.eq("TINY: children", cols(lists["children"], (
        "child_id", "team", "case_holder", "days_overdue", "category", "latest_oversight",
        "due_date", "overdue_at_period_end", "first_overdue_in_period")), [
        ("K5", "T", "S1", "31", "cic_ltm", "2025-08-31", "2025-11-30", "yes", "2025-12-01"),
        ("K2", "T", "S1", "0", "cin", "2025-07-01", "2025-10-01", "", "2025-10-02"),
        ("K1", "T", "S1", "0", "cp", "2025-12-20", "2026-02-20", "no", "2025-10-21")])
    c.eq("TINY: late notes, the most urgent and the least",
         [cols(lists["late-notes"], ("staff_id", "days_late", "session_date", "notes_recorded"))[i]
          for i in (0, -1)],
         [("S3", "54", "2025-10-07", ""), ("S1", "1", "2025-11-17", "2025-11-25")])
    c.eq("TINY: assessments (K4's episode names no case holder: blank)",
         cols(lists["assessments"], ("child_id", "case_holder", "days_overdue", "review")),
         [("K1", "S1", "62", "day8"), ("K4", "", "48", "day8"), ("K1", "S1", "44", "day20"),
          ("K1", "S1", "1", "day20")])
    c.eq("TINY: metrics.csv holds TINY's rows only",
         sorted({r["agency_id"] for r in read_csv(os.path.join(a, "metrics.csv"))}), ["TINY"])
    check_workbook("TINY", os.path.join(a, "board-report.xlsx"), lists)
    listed = {r[LISTS[k][2][0]] for k, rows in lists.items() for r in rows}
    section = check_pdf("TINY", os.path.join(a, "board-report.pdf"), lists, listed, ids_of(DATA))
    for title in ("Supervision intervals missed", "Notes recorded late",
                  "Children overdue for management oversight", "Who holds most"):
        c.true(f"TINY: the PDF shows '{title}'", title in re.sub(r"\s+", " ", section))
    c.true("TINY: the PDF says who holds most of the late notes", "M1 (13 of 13)" in section)
    c.eq("TINY: the PDF names no one who is not listed",
         sorted(i for i in ids_of(DATA) - listed - {"M1"} if i in words(section)), [])

    # the same input gives byte-identical outputs
    a2 = os.path.join(tmp, "a2")
    report(DATA, a2, "2025-26-Q3", "--agency", "TINY", "-q", check_rc=0)
    for f in sorted(os.listdir(a)):
        if f.endswith((".csv", ".xlsx", ".pdf")):
            c.true(f"{f} byte-identical on a second run",
                   filecmp.cmp(os.path.join(a, f), os.path.join(a2, f), shallow=False))

    # ---- TWO into the same folder: TINY's lists that TWO does not show go ------------
    rc, err = report(DATA, a, "2025-26-Q3", "--agency", "TWO")
    c.eq("report --agency TWO exit status", rc, 0)
    sups, holders = responsible_maps(DATA, "TWO")
    two = check_lists("TWO", a, "TWO", sups, holders)
    c.eq("TWO: the lists written", sorted(two),
         sorted(["intervals", "late-notes", "notes-not-shared", "not-rearranged"]))
    c.eq("TWO: TINY's children and assessments lists are gone",
         [f for f in ("exceptions-children.csv", "exceptions-assessments.csv")
          if os.path.exists(os.path.join(a, f))], [])
    c.eq("TWO: W1's cancelled 1:1 of 11-05, rearranged 14 days late, by W0 (named on the "
         "session)", cols(two["not-rearranged"], (
             "staff_id", "supervisor_id", "cancelled_date", "rearrange_by", "next_one_to_one",
             "days_overdue")), [("W1", "W0", "2025-11-05", "2025-11-19", "2025-12-03", "14")])
    c.eq("TWO: late notes, W0 has no supervisor (blank)",
         cols(two["late-notes"], ("staff_id", "supervisor_id")), [("W1", "W0"), ("W0", "")])

    # ---- the partnership pack: none of it, anywhere -----------------------------------
    rc, err = report(DATA, a, "2025-26-Q3")
    c.eq("pack run into the agencies' folder", rc, 0)
    c.eq("stale lists removed by the pack run",
         sorted(f for f in os.listdir(a) if f.startswith("exceptions")), [])
    c.true("the removal is reported", "removed" in err and "exceptions-intervals.csv" in err)
    c.true("pack metrics.csv keeps ALL and every agency",
           {r["agency_id"] for r in read_csv(os.path.join(a, "metrics.csv"))}
           == {"ALL", "TINY", "TWO"})
    wb = openpyxl.load_workbook(os.path.join(a, "board-report.xlsx"))
    c.eq("pack workbook has no follow-up sheet",
         [s for s in wb.sheetnames if s == HEADING or s in {v[3] for v in LISTS.values()}], [])
    c.eq("pack workbook names no staff or child, in any cell",
         sorted(ids_of(DATA) & workbook_text(os.path.join(a, "board-report.xlsx"))), [])
    pt = pdf_text(os.path.join(a, "board-report.pdf"))
    c.true("pack PDF has no follow-up section", HEADING not in pt)
    c.true("pack PDF has no follow-up wording", "pseudonymous" not in pt)
    c.eq("pack PDF names no staff or child", sorted(ids_of(DATA) & words(pt)), [])
    c.true("pack PDF says it holds no identifiers",
           "It contains no staff or child identifiers" in re.sub(r"\s+", " ", pt))

    # ---- a staff.csv without supervisor_id: the lists, with the column blank ------------
    nosup = os.path.join(tmp, "nosup")
    shutil.copytree(DATA, nosup)
    path = os.path.join(nosup, "TINY", "staff.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    k = [norm(h) for h in rows[0]].index("supervisor_id")
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([r[:k] + r[k + 1:] for r in rows])
    n = os.path.join(tmp, "n")
    rc, err = report(nosup, n, "2025-26-Q3", "--agency", "TINY")
    c.eq("no supervisor_id: exit status", rc, 0)
    blank = check_lists("no supervisor_id", n, "TINY")
    c.eq("no supervisor_id: the same lists are written", sorted(blank), sorted(lists))
    staff_lists = [k for k in blank if LISTS[k][2][1] == "supervisor_id"]
    c.true("no supervisor_id: staff lists written", len(staff_lists) >= 4, str(staff_lists))
    c.eq("no supervisor_id: the supervisor column is there and blank",
         sorted({r["supervisor_id"] for k in staff_lists for r in blank[k]}), [""])
    c.eq("no supervisor_id: the same rows otherwise",
         {k: [r[LISTS[k][2][0]] for r in v] for k, v in blank.items()},
         {k: [r[LISTS[k][2][0]] for r in v] for k, v in lists.items()})
    wb = openpyxl.load_workbook(os.path.join(n, "board-report.xlsx"))
    summary = [r for r in wb[HEADING].iter_rows(min_row=6, values_only=True) if r[1] and r[8]]
    c.eq("no supervisor_id: nobody holds the late notes, all 13 named by nobody",
         [(r[5], r[7]) for r in summary if r[8] == "exceptions-late-notes.csv"], [(None, 13)])
    c.true("no supervisor_id: the PDF says so",
           "not named in the extract" in pdf_text(os.path.join(n, "board-report.pdf")))

    # ---- sample-data --agency NCC ------------------------------------------------------
    sample_ids = ids_of(SAMPLE)
    o = os.path.join(tmp, "ncc")
    rc, err = run("report", SAMPLE, "--period", "2025-26", "--trend", "2", "--out", o,
                  "--as-of", "2026-04-30", "--agency", "NCC", "-q")
    c.eq("sample NCC: exit status", rc, 0)
    if rc:
        print(err)
    else:
        sups, holders = responsible_maps(SAMPLE, "NCC")
        ncc = check_lists("sample NCC", o, "NCC", sups, holders)
        c.true("sample NCC: most lists are written", len(ncc) >= 8, str(sorted(ncc)))
        c.true("sample NCC: the lists are long", sum(len(v) for v in ncc.values()) > 300)
        named = sum(1 for k, v in ncc.items() for r in v if r[LISTS[k][2][1]])
        c.true("sample NCC: nearly every row names who must act",
               named >= 0.9 * sum(len(v) for v in ncc.values()), str(named))
        check_workbook("sample NCC", os.path.join(o, "board-report.xlsx"), ncc)
        listed = {r[LISTS[k][2][0]] for k, rows in ncc.items() for r in rows}
        sample_ids |= listed
        section = check_pdf("sample NCC", os.path.join(o, "board-report.pdf"), ncc, listed,
                            sample_ids)
        c.true("sample NCC: the lists run over several pages", section.count("\f") >= 5,
               f"{section.count(chr(12))} page breaks")
        c.true("sample NCC: the PDF names who holds most of each list",
               len(re.findall(r"W\d+ \(\d+ of \d+\)", section)) >= len(ncc) - 1)
    p = os.path.join(tmp, "s-pack")
    run("report", SAMPLE, "--period", "2025-26", "--out", p, "--as-of", "2026-04-30", "-q",
        check_rc=0)
    c.eq("sample pack PDF names no staff or child",
         sorted(sample_ids & words(pdf_text(os.path.join(p, "board-report.pdf")))), [])
    c.eq("sample pack workbook names no staff or child, in any cell",
         sorted(sample_ids & workbook_text(os.path.join(p, "board-report.xlsx"))), [])
    c.eq("sample pack folder holds no follow-up list",
         sorted(f for f in os.listdir(p) if f.startswith("exceptions")), [])
finally:
    shutil.rmtree(tmp, ignore_errors=True)
c.done()
