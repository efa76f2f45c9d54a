"""Exception lists of an agency's report (--agency ID):

- the tiny fixture for 2025-26-Q3 gives exactly the rows of expected/DERIVATION.md
  (S2, S3, S4 and K1, K2, K5) in exceptions-staff.csv and exceptions-children.csv;
- metrics.csv then holds that agency's rows only;
- for every agency of sample-data the lists reconcile with its metrics.csv figures
  (staff short of an interval, missed intervals, staff with no 1:1, episodes
  overdue at the period end and during the period = denominator - numerator);
- the workbook has the Exceptions sheet only with --agency, the agency PDF names
  the ids, the partnership pack (PDF, workbook, folder) never does;
- a pack run removes lists an earlier --agency run left in its output folder;
- the same input gives byte-identical lists, workbook and PDF."""
import csv
import filecmp
import glob
import os
import re
import shutil
import subprocess
import warnings

from e2elib import TINY, Checks, read_csv, run, tmpdir

warnings.filterwarnings("ignore")
import openpyxl  # noqa: E402  (after the warning filter: openpyxl warns about extensions)

c = Checks()
DATA = os.path.join(TINY, "data")
SAMPLE = "sample-data"
STAFF_FILE, CHILD_FILE = "exceptions-staff.csv", "exceptions-children.csv"
EXCEPTIONS = "Exceptions: the staff and children behind the figures"  # the PDF heading


def report(data, out, period, *extra, check_rc=None):
    return run("report", data, "--period", period, "--out", out, "--as-of", "2026-01-15", *extra,
               check_rc=check_rc)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout


def words(text):
    return set(re.findall(r"[A-Za-z0-9_\-]+", text))


def ids_of(data):
    """Every staff and child id named in an agency file of a data folder."""
    ids = set()
    for path in glob.glob(os.path.join(data, "*", "*.csv")):
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
            rows = list(csv.reader(f))
        if not rows:
            continue
        head = [h.strip().lower().replace(" ", "_") for h in rows[0]]
        for col in ("staff_id", "child_id", "supervisor_id", "case_holder"):
            if col in head:
                k = head.index(col)
                ids.update(r[k].strip() for r in rows[1:] if len(r) > k and r[k].strip())
    return ids


def agency_rows(metrics, agency):
    return {r["metric_id"]: r for r in metrics
            if r["agency_id"] == agency and not r["team"] and not r["group"]}


def shortfall(rows, metric):
    r = rows[metric]
    return int(r["denominator"]) - int(r["numerator"])


def reconcile(name, out, agency):
    """The lists of one agency against its figures in metrics.csv."""
    metrics = read_csv(os.path.join(out, "metrics.csv"))
    staff = read_csv(os.path.join(out, STAFF_FILE))
    children = read_csv(os.path.join(out, CHILD_FILE))
    c.eq(f"{name}: metrics.csv holds {agency}'s rows only",
         sorted({r["agency_id"] for r in metrics}), [agency])
    rows = agency_rows(metrics, agency)
    c.eq(f"{name}: staff short of an interval = staff_fully_compliant den - num",
         sum(int(r["intervals_missed"]) > 0 for r in staff),
         shortfall(rows, "staff_fully_compliant"))
    c.eq(f"{name}: missed intervals = supervision_frequency den - num",
         sum(int(r["intervals_missed"]) for r in staff), shortfall(rows, "supervision_frequency"))
    c.eq(f"{name}: staff with no 1:1 in the period = staff_supervised den - num",
         sum(r["one_to_one_in_period"] == "no" for r in staff), shortfall(rows, "staff_supervised"))
    c.eq(f"{name}: overdue at the period end = case_oversight_current den - num",
         sum(r["overdue_at_period_end"] == "yes" for r in children),
         shortfall(rows, "case_oversight_current"))
    c.eq(f"{name}: overdue during the period = case_oversight_period den - num",
         sum(r["first_overdue_in_period"] != "" for r in children),
         shortfall(rows, "case_oversight_period"))
    ok = all(int(r["intervals_required"]) - int(r["intervals_met"]) == int(r["intervals_missed"])
             and len([x for x in r["missed_intervals"].split(";") if x])
             == int(r["intervals_missed"]) for r in staff)
    c.true(f"{name}: each person's missed intervals are listed, one per missed interval", ok)
    ok = all(("staff_supervised" in r["metrics"].split(";")) == (r["one_to_one_in_period"] == "no")
             and ("supervision_frequency" in r["metrics"].split(";"))
             == (int(r["intervals_missed"]) > 0) for r in staff)
    ok = ok and all(
        ("case_oversight_current" in r["metrics"].split(";"))
        == (r["overdue_at_period_end"] == "yes")
        and ("case_oversight_period" in r["metrics"].split(";"))
        == (r["first_overdue_in_period"] != "") for r in children)
    c.true(f"{name}: the metrics column names the figures each row counts against", ok)
    c.eq(f"{name}: staff listed once each, in id order",
         [r["staff_id"] for r in staff], sorted({r["staff_id"] for r in staff}))
    return staff, children


tmp = tmpdir()
try:
    # ---- tiny fixture, --agency TINY -------------------------------------------------
    a = os.path.join(tmp, "a")
    rc, err = report(DATA, a, "2025-26-Q3", "--agency", "TINY")
    c.eq("report --agency TINY exit status", rc, 0)
    if rc:
        print(err)
        c.done()
    staff, children = reconcile("TINY", a, "TINY")
    cols = lambda rows, keys: [tuple(r[k] for k in keys) for r in rows]
    c.eq("exceptions-staff.csv rows", cols(staff, (
        "period_start", "period_end", "agency_id", "staff_id", "team", "schedule",
        "intervals_required", "intervals_met", "intervals_missed", "missed_intervals",
        "one_to_one_in_period", "last_one_to_one", "metrics")), [
        ("2025-10-01", "2025-12-31", "TINY", "S2", "T", "asye", "6", "5", "1",
         "2025-11-24:2025-12-07", "yes", "2025-12-10",
         "supervision_frequency;staff_fully_compliant"),
        ("2025-10-01", "2025-12-31", "TINY", "S3", "T", "student", "9", "8", "1",
         "2025-11-17:2025-11-23", "yes", "2025-12-09",
         "supervision_frequency;staff_fully_compliant"),
        ("2025-10-01", "2025-12-31", "TINY", "S4", "T", "standard", "1", "0", "1",
         "2025-12-01:2025-12-31", "no", "",
         "supervision_frequency;staff_fully_compliant;staff_supervised")])
    c.eq("exceptions-children.csv rows", cols(children, (
        "child_id", "category", "episode_start", "episode_end", "latest_oversight", "due_date",
        "overdue_at_period_end", "days_overdue", "first_overdue_in_period", "metrics")), [
        ("K1", "cp", "2025-08-15", "", "2025-12-20", "2026-02-20", "no", "", "2025-10-21",
         "case_oversight_period"),
        ("K2", "cin", "2025-06-01", "2025-11-30", "2025-07-01", "2025-10-01", "", "", "2025-10-02",
         "case_oversight_period"),
        ("K5", "cic_ltm", "2023-05-31", "", "2025-08-31", "2025-11-30", "yes", "31", "2025-12-01",
         "case_oversight_current;case_oversight_period")])
    c.true("the run names the exception lists", "exceptions-staff.csv" in err)

    # the workbook of the agency: an Exceptions sheet with the same ids, no ALL figures
    wb = openpyxl.load_workbook(os.path.join(a, "board-report.xlsx"))
    c.true("agency workbook has the Exceptions sheet", "Exceptions" in wb.sheetnames,
           str(wb.sheetnames))
    if "Exceptions" in wb.sheetnames:
        ws = wb["Exceptions"]
        c.eq("Exceptions sheet tables", sorted(ws.tables.keys()),
             ["ChildExceptions", "StaffExceptions"])
        firsts = [row[0] for row in ws.iter_rows(values_only=True)]
        c.eq("Exceptions sheet lists S2 S3 S4 then K1 K2 K5",
             [v for v in firsts if v in ids_of(DATA)], ["S2", "S3", "S4", "K1", "K2", "K5"])
    ag = [row[1] for row in wb["Agencies"].iter_rows(min_row=7, values_only=True) if row[1]]
    c.eq("agency workbook: the Agencies sheet has the agency's row only (as metrics.csv)",
         ag[:1], ["TINY"])
    c.true("agency workbook: no ALL row on the Agencies sheet", "ALL" not in ag, str(ag))
    cases = {row[0] for row in wb["Case oversight"].iter_rows(min_row=7, values_only=True)}
    c.true("agency workbook: no partnership block on the Case oversight sheet",
           "Partnership (ALL)" not in cases, str(cases))

    # the agency PDF: an Exceptions section naming the ids behind the figures
    at = pdf_text(os.path.join(a, "board-report.pdf"))
    flat = re.sub(r"\s+", " ", at)
    c.true("agency PDF ends section 4 with its Exceptions, before the appendix",
           0 <= flat.rfind("4. What are we doing to improve?") < flat.rfind(EXCEPTIONS)
           < flat.rfind("5. Appendix"))
    c.true("agency PDF cover warns that it holds identifiers",
           "list pseudonymous staff and child identifiers" in flat)
    w = words(at)
    c.eq("agency PDF names the exceptions' ids",
         sorted(i for i in ("S2", "S3", "S4", "K1", "K2", "K5") if i in w),
         ["K1", "K2", "K5", "S2", "S3", "S4"])
    c.eq("agency PDF names no one who is not an exception",
         sorted(i for i in ids_of(DATA) - {"S2", "S3", "S4", "K1", "K2", "K5"} if i in w), [])

    # the same input gives byte-identical lists
    a2 = os.path.join(tmp, "a2")
    report(DATA, a2, "2025-26-Q3", "--agency", "TINY", "-q", check_rc=0)
    for name in (STAFF_FILE, CHILD_FILE, "metrics.csv", "board-report.xlsx", "board-report.pdf"):
        c.true(f"{name} byte-identical on a second run",
               filecmp.cmp(os.path.join(a, name), os.path.join(a2, name), shallow=False))

    # ---- the partnership pack: none of it, anywhere -----------------------------------
    p = os.path.join(tmp, "p")
    report(DATA, p, "2025-26-Q3", "-q", check_rc=0)
    c.eq("pack folder has no exception lists",
         sorted(f for f in os.listdir(p) if f.startswith("exceptions")), [])
    c.true("pack metrics.csv keeps ALL and every agency",
           {r["agency_id"] for r in read_csv(os.path.join(p, "metrics.csv"))}
           == {"ALL", "TINY", "TWO"})
    wb = openpyxl.load_workbook(os.path.join(p, "board-report.xlsx"))
    c.true("pack workbook has no Exceptions sheet", "Exceptions" not in wb.sheetnames,
           str(wb.sheetnames))
    pt = pdf_text(os.path.join(p, "board-report.pdf"))
    c.true("pack PDF has no Exceptions section", "Exceptions" not in pt)
    c.true("pack PDF has no exception wording", "pseudonymous" not in pt)
    c.eq("pack PDF names no staff or child", sorted(ids_of(DATA) & words(pt)), [])
    c.true("pack PDF says it holds no identifiers",
           "It contains no staff or child identifiers" in re.sub(r"\s+", " ", pt))

    # a pack run into a folder an agency run used removes the stale lists
    rc, err = report(DATA, a, "2025-26-Q3")
    c.eq("pack run into the agency's folder", rc, 0)
    c.eq("stale exception lists removed by the pack run",
         sorted(f for f in os.listdir(a) if f.startswith("exceptions")), [])
    c.true("the removal is reported", "removed" in err and "exceptions-staff.csv" in err)

    # TWO has no cases.csv: a header-only children list
    t = os.path.join(tmp, "t")
    report(DATA, t, "2025-26-Q3", "--agency", "TWO", "-q", check_rc=0)
    staff, children = reconcile("TWO", t, "TWO")
    c.eq("TWO: W1 missed November", cols(staff, ("staff_id", "missed_intervals")),
         [("W1", "2025-11-01:2025-11-30")])
    c.eq("TWO: no children listed", children, [])

    # ---- sample-data: every agency reconciles with its figures -------------------------
    with open(os.path.join(SAMPLE, "agencies.csv"), encoding="utf-8-sig", newline="") as f:
        agencies = [r["agency_id"] for r in csv.DictReader(f)]
    c.eq("sample-data agencies", len(agencies), 6)
    # the ids of the sample: those in files with standard headers and every id listed
    sample_ids = ids_of(SAMPLE)
    for agency in agencies:
        o = os.path.join(tmp, "s-" + agency)
        rc, err = run("report", SAMPLE, "--period", "2025-26", "--trend", "2", "--out", o,
                      "--as-of", "2026-04-30", "--agency", agency, "-q")
        c.eq(f"sample {agency}: exit status", rc, 0)
        if rc:
            print(err)
            continue
        staff, children = reconcile(f"sample {agency}", o, agency)
        listed_ids = [r["staff_id"] for r in staff] + [r["child_id"] for r in children]
        sample_ids.update(listed_ids)
        c.true(f"sample {agency}: metrics.csv has both periods",
               len({r["period_start"] for r in read_csv(os.path.join(o, "metrics.csv"))}) == 2)
        if agency == "NCC":
            c.true("sample NCC: staff and children listed", len(staff) > 20 and len(children) > 20,
                   f"{len(staff)} staff, {len(children)} children")
            wb = openpyxl.load_workbook(os.path.join(o, "board-report.xlsx"))
            listed = [row[0] for row in wb["Exceptions"].iter_rows(values_only=True)
                      if row[0] in sample_ids]
            c.eq("sample NCC: the Exceptions sheet lists the same ids as the CSV files",
                 listed, listed_ids)
            text = pdf_text(os.path.join(o, "board-report.pdf"))
            w = words(text)
            c.eq("sample NCC: every listed id is in the PDF (tables across pages)",
                 [i for i in listed_ids if i not in w], [])
            # the headings' last occurrences (the first ones are in the contents)
            start = text.rfind(EXCEPTIONS)
            end = text.rfind("5. Appendix")
            pages = text[start:end].count("\f")
            c.true("sample NCC: the Exceptions tables run over several pages", pages >= 2,
                   f"{pages} page breaks")
            outside = text[:start] + text[end:]
            c.eq("sample NCC: ids appear only in the Exceptions section",
                 sorted(sample_ids & words(outside)), [])
    p = os.path.join(tmp, "s-pack")
    run("report", SAMPLE, "--period", "2025-26", "--out", p, "--as-of", "2026-04-30", "-q",
        check_rc=0)
    c.eq("sample pack PDF names no staff or child",
         sorted(sample_ids & words(pdf_text(os.path.join(p, "board-report.pdf")))), [])
    c.true("sample pack workbook has no Exceptions sheet",
           "Exceptions" not in openpyxl.load_workbook(
               os.path.join(p, "board-report.xlsx")).sheetnames)
finally:
    shutil.rmtree(tmp, ignore_errors=True)
c.done()
