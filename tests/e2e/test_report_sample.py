"""oversight report on sample-data for 2025-26 with a two-year trend, checked
against figures computed independently in Python (tests/e2e/oracle.py reads the
agencies' files itself and applies SPEC sections 3 and 4 from their wording).

Checked for the report period 2025-26 and the trend period 2024-25:
- the reference reader rejects exactly the rows the sample-data README lists,
  and so does the program;
- hand-derived figures for single staff members, episodes and assessments (ASYE
  and student schedules, absences, a rejected absence, bank holidays, the
  duplicate staff row) are reproduced by the reference computation;
- numerator and denominator of every non-info metric for every agency, ALL,
  every team row, every case category row and every row of an audit criterion
  or a survey statement (SPEC 7), and seven info figures;
- ALL = sum of agencies; group_supervision_monthly leaves out agencies that
  sent no group_sessions.csv, and the audit figures EDU, which sent no
  supervision_audits.csv; CHY's survey has too few responses in 2025-26 to be
  shown;
- value and rag follow from numerator, denominator and templates/standards.csv,
  with the secondary suppression of SPEC 9.3 worked out independently
  (oracle.secondary_suppression);
- in the trend period the staff-record snapshot figures (agreement,
  observation, supervisors trained) are not_covered with blank numbers
  (SPEC 9.2); every agency's extract covers both years (SPEC 9.1);
- a second run gives a byte-identical metrics.csv.
"""
import datetime as dt
import filecmp
import os
import shutil

import oracle
from e2elib import Checks, read_csv, run, tmpdir

DATA = "sample-data"
TEMPLATES = "templates"
PERIODS = [("2025-26", dt.date(2025, 4, 1), dt.date(2026, 3, 31)),
           ("2024-25", dt.date(2024, 4, 1), dt.date(2025, 3, 31))]
METRICS = ["supervision_frequency", "staff_fully_compliant", "staff_supervised", "notes_timely",
           "notes_shared", "cancellation_rate", "cancelled_rearranged", "functions_balance",
           "agreement_current", "observation_current", "supervisor_trained",
           "case_oversight_current", "case_oversight_period", "assessment_day8",
           "assessment_day20", "group_supervision_monthly", "audit_good", "audit_criteria",
           "feedback_positive", "workforce_stability"]
CASE_METRICS = {"case_oversight_current", "case_oversight_period", "assessment_day8",
                "assessment_day20"}
TEAM_METRICS = [m for m in METRICS if m not in CASE_METRICS]
CATEGORY_METRICS = ["case_oversight_current", "case_oversight_period"]
# SPEC 7: a row per criterion and per statement for every agency and ALL
FIXED_GROUPS = {"audit_criteria": oracle.CRITERIA, "feedback_positive": oracle.ITEMS}
INFO_CHECKED = ["info_staff_in_scope", "info_adhoc_held", "info_episodes_open", "info_audits",
                "info_feedback_responses", "info_starters", "info_leavers"]
# Staff-record dates describe staff as at the extract: not covered in trend periods.
SNAPSHOT = {"agreement_current", "observation_current", "supervisor_trained"}
NOT_COVERED = ("not_covered", "", "", "")
# Rows rejected on purpose (sample-data/README.md, "Deliberate faults").
README_REJECTED = {("NCC", "sessions.csv", 1256), ("NCC", "case_oversight.csv", 868),
                   ("NHT", "absences.csv", 4), ("POL", "sessions.csv", 707),
                   ("EDU", "sessions.csv", 348), ("CHY", "staff.csv", 10),
                   ("PRB", "sessions.csv", 566), ("CHY", "feedback.csv", 16)}

c = Checks()
out = tmpdir()
args = ["report", DATA, "--period", "2025-26", "--trend", "2", "--as-of", "2026-04-30"]
rc, err = run(*args, "--out", out)
c.eq("exit status", rc, 0)
if rc != 0:
    print(err)
    c.done()

# ------------------------------------------------------------ the reference reading
agencies, rejected = oracle.load(DATA)
wc = oracle.WorkCalendar(os.path.join(TEMPLATES, "bank-holidays-england-wales.csv"))
c.eq("reference reader: agencies", sorted(agencies), sorted(["NCC", "NHT", "POL", "EDU", "CHY",
                                                             "PRB"]))
c.eq("reference reader: rejected rows are the README's deliberate faults",
     sorted((r.agency, r.file, r.line) for r in rejected), sorted(README_REJECTED))
prog_rejected = {(r["agency_id"], r["file"], int(r["line"]))
                 for r in read_csv(os.path.join(out, "rejections.csv"))
                 if r["severity"] == "rejected"}
c.eq("program: rejected rows are the same", sorted(prog_rejected), sorted(README_REJECTED))


def one_person(ag, sid):
    """A copy of an agency holding one staff member, their sessions and absences."""
    sub = oracle.Agency(ag.id)
    sub.staff = {sid: ag.staff[sid]}
    sub.sessions = [x for x in ag.sessions if x["staff"] == sid]
    sub.absences = {sid: ag.absences.get(sid, [])}
    return sub


def one_child(ag, child):
    sub = oracle.Agency(ag.id)
    sub.cases = [x for x in ag.cases if x["child"] == child]
    sub.oversight = {child: ag.oversight.get(child, [])}
    sub.assessments = [x for x in ag.assessments if x["child"] == child]
    return sub


def fig(sub, period, metric):
    _, ps, pe = next(p for p in PERIODS if p[0] == period)
    tally, info, _ = oracle.compute(sub, ps, pe, wc)
    return info.get(metric) if metric.startswith("info_") else tally.get(("", "", metric))


# Hand derivations (each worked from the rows of the agency's files):
HAND = [
    # ASYE from Mon 01/09/2025: weeks to 12/10 (met 1st, 3rd, 4th, 6th), ten fortnights
    # 13/10..01/03 (met 27/10, 08/12, 22/12, 05/01, 19/01, 02/02 fortnights); day 182 is
    # 02/03/2026 and the first month on or after it (April) is outside P.
    ("NCC", "W10594", "2025-26", "supervision_frequency", (10, 16)),
    # Student from Mon 06/10/2025: 25 Mon-Sun weeks to 23-29/03; no 1:1 held in the
    # weeks of 08/12, 22/12, 02/02 and 09/03 (10/03 is a case discussion).
    ("NCC", "W10615", "2025-26", "supervision_frequency", (21, 25)),
    # 6 cancelled, 25 held; 23/12 + 10 working days (25, 26 Dec and 1 Jan off) = 09/01,
    # held 02/01.  Late notes: 29/10, 18/12, 26/03, 31/03 (limit 09/04 over Easter).
    ("NCC", "W10615", "2025-26", "cancellation_rate", (6, 31)),
    ("NCC", "W10615", "2025-26", "cancelled_rearranged", (6, 6)),
    ("NCC", "W10615", "2025-26", "notes_timely", (21, 25)),
    # Absent 10/11/2025-27/02/2026: Nov-Feb not required; June only a cancellation.
    ("NCC", "W10356", "2025-26", "supervision_frequency", (7, 8)),
    # Absent 03/03/2025-19/12/2025: only Jan-Mar 2026 required, all met.
    ("NHT", "20421406", "2025-26", "supervision_frequency", (3, 3)),
    # Its absence row (24-Nov-2025 to 09-Jan-2025) is rejected so pauses nothing:
    # June (DNA) and February (cancelled) unmet; 06-Nov peer session is not a 1:1.
    ("NHT", "20418655", "2025-26", "supervision_frequency", (10, 12)),
    # Duplicate staff row: the first (start 2015) stands, so 12 months in 2024-25.
    ("CHY", "CHY-012", "2024-25", "info_staff_in_scope", 1),
    ("CHY", "CHY-012", "2024-25", "staff_supervised", (1, 1)),
    # frequent_contact 'Sometimes' is blank, default yes: in scope.
    ("POL", "P4151", "2025-26", "info_staff_in_scope", 1),
]
HAND_CHILD = [
    # CP (2 months): oversight 02/06/2025 due 02/08, next 15/09: overdue in P;
    # latest before pe 09/02/2026 due 09/04 >= pe (07/04/2026 is after pe).
    ("NCC", "C106120", "2025-26", "case_oversight_period", (0, 1)),
    ("NCC", "C106120", "2025-26", "case_oversight_current", (1, 1)),
    # 2024-25: 29/04/2024 due 29/06, next 15/07: overdue.
    ("NCC", "C106120", "2024-25", "case_oversight_period", (0, 1)),
    # Closed 04/09/2025: last anchor 01/08 due 01/10 after the window end: never overdue.
    ("NCC", "C106083", "2025-26", "case_oversight_period", (1, 1)),
    ("NCC", "C106083", "2025-26", "case_oversight_current", (0, 0)),
    ("NCC", "C106083", "2024-25", "case_oversight_period", (0, 1)),
    # Step-up child: CIN episode closed 14/11/2024 and CP episode open, one oversight list.
    ("NCC", "C105158", "2025-26", "info_episodes_open", 1),
    # Assessments: 29/10/2025 + 8 wd = 10/11, review 17/11 late; 24/04/2025 + 8 wd =
    # 07/05 (05/05 bank holiday), review 13/05 late; 23/02/2026 -> 05/03 and day 20
    # 20/03, both reviewed that day; 08/04/2025 has no day 8 review.
    ("NCC", "C104788", "2025-26", "assessment_day8", (0, 1)),
    ("NCC", "C105121", "2025-26", "assessment_day8", (0, 1)),
    ("NCC", "C106490", "2025-26", "assessment_day8", (1, 1)),
    ("NCC", "C106490", "2025-26", "assessment_day20", (1, 1)),
    ("NCC", "C105639", "2025-26", "assessment_day8", (0, 1)),
]
for aid, sid, period, metric, want in HAND:
    c.eq(f"reference, by hand: {aid} {sid} {period} {metric}",
         fig(one_person(agencies[aid], sid), period, metric), want)
for aid, child, period, metric, want in HAND_CHILD:
    c.eq(f"reference, by hand: {aid} {child} {period} {metric}",
         fig(one_child(agencies[aid], child), period, metric), want)

# ------------------------------------------------------------ program vs reference
rows = read_csv(os.path.join(out, "metrics.csv"))
got = {}
for r in rows:
    got[(r["period_start"], r["agency_id"], r["team"], r["group"], r["metric_id"])] = r
c.eq("periods in metrics.csv", sorted({(r["period_start"], r["period_end"]) for r in rows}),
     sorted((ps.isoformat(), pe.isoformat()) for _, ps, pe in PERIODS))


def nd(r):
    return (int(r["numerator"]), int(r["denominator"])) if r else None


def nc(r):
    return r and (r["rag"], r["numerator"], r["denominator"], r["value"])


def snapshot_in_trend(label, m):
    return label != PERIODS[0][0] and m in SNAPSHOT



for label, ps, pe in PERIODS:
    key0 = ps.isoformat()
    all_tally = oracle.Tally()
    all_info = {}
    for aid in agencies:
        tally, info, teams = oracle.compute(agencies[aid], ps, pe, wc)
        for k, (n, d) in tally.t.items():
            if k[0] == "":
                all_tally.add(k, n, d)
        for k, v in info.items():
            all_info[k] = all_info.get(k, 0) + v
        # agency rows
        for m in METRICS:
            if snapshot_in_trend(label, m):
                c.eq(f"{label} {aid} {m} not covered (snapshot)",
                     nc(got.get((key0, aid, "", "", m))), NOT_COVERED)
                continue
            c.eq(f"{label} {aid} {m}", nd(got.get((key0, aid, "", "", m))),
                 tally.get(("", "", m)))
        for m in INFO_CHECKED:
            r = got.get((key0, aid, "", "", m))
            c.eq(f"{label} {aid} {m}", r and r["value"],
                 str(info[m]) if m in info else "")
        # team rows: exactly the teams of S, each with the staff metrics
        prog_teams = {k[2] for k in got if k[0] == key0 and k[1] == aid and k[2]}
        c.eq(f"{label} {aid} team rows are the teams of S", sorted(prog_teams), sorted(teams))
        for team in sorted(teams):
            for m in TEAM_METRICS:
                if snapshot_in_trend(label, m):
                    c.eq(f"{label} {aid}/{team} {m} not covered (snapshot)",
                         nc(got.get((key0, aid, team, "", m))), NOT_COVERED)
                    continue
                c.eq(f"{label} {aid}/{team} {m}", nd(got.get((key0, aid, team, "", m))),
                     tally.get((team, "", m)))
        # category rows
        for m in CATEGORY_METRICS:
            cats = {x["category"] for x in agencies[aid].cases}
            prog_cats = {k[3] for k in got if k[0] == key0 and k[1] == aid and k[4] == m
                         and k[3]}
            c.eq(f"{label} {aid} {m} category rows cover the categories present",
                 sorted(cats - prog_cats), [])
            for cat in sorted(cats | prog_cats):
                c.eq(f"{label} {aid} {m} [{cat}]", nd(got.get((key0, aid, "", cat, m))),
                     tally.get(("", cat, m)))
        for m, groups in FIXED_GROUPS.items():
            prog = sorted(k[3] for k in got if k[0] == key0 and k[1] == aid and k[4] == m
                          and k[3])
            c.eq(f"{label} {aid} {m} a row for every group", prog, sorted(groups))
            for grp in groups:
                c.eq(f"{label} {aid} {m} [{grp}]", nd(got.get((key0, aid, "", grp, m))),
                     tally.get(("", grp, m)))
    for m in METRICS:
        if snapshot_in_trend(label, m):
            c.eq(f"{label} ALL {m} not covered (snapshot)",
                 nc(got.get((key0, "ALL", "", "", m))), NOT_COVERED)
            continue
        c.eq(f"{label} ALL {m}", nd(got.get((key0, "ALL", "", "", m))), all_tally.get(("", "", m)))
    r = got.get((key0, "ALL", "", "", "info_agencies_covered"))
    c.eq(f"{label} every agency covers the period", r and (r["value"], r["rag"]),
         (str(len(agencies)), "info"))
    for m in INFO_CHECKED:
        r = got.get((key0, "ALL", "", "", m))
        c.eq(f"{label} ALL {m}", r and r["value"], str(all_info[m]))
    for m, groups in FIXED_GROUPS.items():
        for grp in groups:
            c.eq(f"{label} ALL {m} [{grp}]", nd(got.get((key0, "ALL", "", grp, m))),
                 all_tally.get(("", grp, m)))
    for m in CATEGORY_METRICS:
        for cat in sorted(oracle.INTERVAL_MONTHS):
            want = all_tally.get(("", cat, m))
            r = got.get((key0, "ALL", "", cat, m))
            if r or want != (0, 0):
                c.eq(f"{label} ALL {m} [{cat}]", nd(r), want)

    # ALL = sum of agencies, for every non-info figure the program printed.
    for k, r in sorted(got.items()):
        if k[0] != key0 or k[1] != "ALL" or k[2] or r["rag"] in ("info", "not_covered"):
            continue
        parts = [got.get((key0, aid, "", k[3], k[4])) for aid in agencies]
        c.eq(f"{label} ALL = sum of agencies: {k[4]} {k[3]}".rstrip(), nd(r),
             (sum(nd(p)[0] for p in parts if p), sum(nd(p)[1] for p in parts if p)))
    # group_supervision_monthly: only agencies that sent group_sessions.csv count.
    senders = [a for a in agencies if os.path.exists(os.path.join(DATA, a,
                                                                  "group_sessions.csv"))]
    c.eq(f"{label} group_sessions.csv senders", senders, ["NCC"])
    team_months = 0
    for aid in agencies:
        r = got.get((key0, aid, "", "", "group_supervision_monthly"))
        _, _, teams = oracle.compute(agencies[aid], ps, pe, wc)
        team_months += len(teams) * len(oracle.months_in(ps, pe))
        if aid not in senders:
            c.eq(f"{label} {aid} group_supervision_monthly no_data without group_sessions.csv",
                 (nd(r), r["value"], r["rag"]), ((0, 0), "", "no_data"))
    all_gs = nd(got.get((key0, "ALL", "", "", "group_supervision_monthly")))
    c.eq(f"{label} ALL group_supervision_monthly denominator = senders' team-months",
         all_gs[1], sum(nd(got[(key0, a, "", "", "group_supervision_monthly")])[1]
                        for a in senders))
    c.true(f"{label} ALL group_supervision_monthly leaves out the other agencies' team-months",
           all_gs[1] < team_months, f"{all_gs[1]} < {team_months}")
    # SPEC 7: EDU sent no audits (no data, not 0 %, and nothing in ALL); every
    # other agency sent both files
    auditors = [a for a in agencies if agencies[a].audits is not None]
    c.eq(f"{label} supervision_audits.csv senders", sorted(auditors),
         sorted(["NCC", "NHT", "POL", "CHY", "PRB"]))
    r = got.get((key0, "EDU", "", "", "audit_good"))
    c.eq(f"{label} EDU audit_good no_data without supervision_audits.csv",
         (nd(r), r["value"], r["rag"]), ((0, 0), "", "no_data"))
    c.eq(f"{label} EDU info_audits blank", got[(key0, "EDU", "", "", "info_audits")]["value"],
         "")

# ------------------------------------------------------------ value, target, amber, rag
# The rating follows from numerator and denominator (primary suppression below 5),
# then the secondary suppression of SPEC 9.3, both worked out by the reference.
standards = oracle.read_standards(os.path.join(TEMPLATES, "standards.csv"))
for label, ps, _ in PERIODS:
    rows_p = []
    for k, r in sorted(got.items()):
        if k[0] != ps.isoformat() or k[4] not in METRICS or snapshot_in_trend(label, k[4]):
            continue
        n, d = nd(r)
        target, amber, direction = standards[k[4]]
        rows_p.append({"agency_id": k[1], "team": k[2], "group": k[3], "metric_id": k[4],
                       "numerator": n, "denominator": d,
                       "rag": oracle.rag(n, d, target, amber, direction),
                       "want": (oracle.value_text(n, d), target, amber), "have": r})
    secondary = oracle.secondary_suppression(rows_p)
    print(f"{label}: {len(secondary)} figures suppressed to protect others (SPEC 9.3)")
    for m in METRICS:
        if snapshot_in_trend(label, m):
            continue
        direction = standards[m][2]
        wrong = []
        for x in rows_p:
            if x["metric_id"] != m:
                continue
            r = x["have"]
            want = x["want"] + (x["rag"],)
            have = (r["value"], r["target"], r["amber"], r["rag"])
            if have != want:
                wrong.append(((x["agency_id"], x["team"], x["group"]), have, want))
        c.eq(f"{label} {m}: value/target/amber/rag follow from numerator/denominator "
             f"({direction} is better) and SPEC 9.3", wrong, [])

# CHY's survey of 2026 had three answers: too few to show (SPEC 7.2, anonymity)
r = got[(PERIODS[0][1].isoformat(), "CHY", "", "", "feedback_positive")]
c.true("2025-26 CHY feedback_positive suppressed: fewer than 5 responses",
       r["rag"] == "suppressed" and 0 < int(r["denominator"]) < 5, repr(r))

# ------------------------------------------------------------ reproducible
out2 = tmpdir()
run(*args, "--out", out2, check_rc=0)
c.true("metrics.csv byte-identical on a second run",
       filecmp.cmp(os.path.join(out, "metrics.csv"), os.path.join(out2, "metrics.csv"),
                   shallow=False))
shutil.rmtree(out)
shutil.rmtree(out2)
c.done()
