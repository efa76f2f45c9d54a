#!/usr/bin/python3
"""Writes the sample partnership in this folder: six agencies, two financial years
(1 Apr 2024 - 31 Mar 2026), in the shapes agencies really send (source-system
headers, BOM + CRLF, semicolons, Windows-1252, day-first dates) with a handful of
deliberate faults for `oversight validate` to find, and the quality evidence:
audits of supervision records and the answers to a practitioners' survey.

Deterministic: a fixed seed and no third-party modules, so the same script always
writes byte-identical files. Run it from anywhere:

    /usr/bin/python3 sample-data/generate.py

It rewrites the CSV files next to it and prints the number of records per file
and the deliberate faults with the physical line each one landed on (the lists in
README.md must match).
"""

import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20260430

DATA_START = dt.date(2024, 4, 1)
DATA_END = dt.date(2026, 3, 31)
OVERSIGHT_FROM = dt.date(2023, 9, 1)   # case records are extracted from this date

# England and Wales bank holidays over the span of the data.
BANK_HOLIDAYS = {
    dt.date(*t) for t in [
        (2023, 8, 28), (2023, 12, 25), (2023, 12, 26),
        (2024, 1, 1), (2024, 3, 29), (2024, 4, 1), (2024, 5, 6), (2024, 5, 27),
        (2024, 8, 26), (2024, 12, 25), (2024, 12, 26),
        (2025, 1, 1), (2025, 4, 18), (2025, 4, 21), (2025, 5, 5), (2025, 5, 26),
        (2025, 8, 25), (2025, 12, 25), (2025, 12, 26),
        (2026, 1, 1), (2026, 4, 3), (2026, 4, 6), (2026, 5, 4), (2026, 5, 25),
    ]
}

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

rng = random.Random(SEED)


# ---- calendar helpers -------------------------------------------------------

def is_wd(d):
    return d.weekday() < 5 and d not in BANK_HOLIDAYS


def add_wd(d, n):
    """The n-th working day after d (d itself never counts)."""
    while n > 0:
        d += dt.timedelta(days=1)
        if is_wd(d):
            n -= 1
    return d


def next_wd(d):
    """d when it is a working day, else the next one."""
    while not is_wd(d):
        d += dt.timedelta(days=1)
    return d


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, m, min(d.day, last))


def month_starts(a, b):
    d = dt.date(a.year, a.month, 1)
    while d <= b:
        yield d
        d = add_months(d, 1)


def rdate(a, b):
    """A random date in [a, b]."""
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def chance(p):
    return rng.random() < p


# ---- date formats per source system ----------------------------------------

def f_iso(d):
    return d.isoformat() if d else ""


def f_dmy(d):
    return d.strftime("%d/%m/%Y") if d else ""


def f_esr(d):
    return "%02d-%s-%04d" % (d.day, MONTHS[d.month - 1], d.year) if d else ""


def f_dmon(d):
    return "%d %s %04d" % (d.day, MONTHS[d.month - 1], d.year) if d else ""


# ---- CSV writing ------------------------------------------------------------

class Table:
    """Rows for one output file. A row is a list of strings, or a dict with the
    key 'raw' (text written as is, for the ragged row) plus optional 'fault'."""

    def __init__(self, header):
        self.header = header
        self.rows = []
        self.faults = {}   # id(row) -> fault tuple

    def add(self, row, fault=None):
        self.rows.append(row)
        if fault:
            self.faults[id(row)] = fault
        return row


def quote(v, delim):
    if any(c in v for c in (delim, '"', "\n", "\r")) or v != v.strip():
        return '"' + v.replace('"', '""') + '"'
    return v


FAULTS = []   # (agency, file, line, field, code, severity, what)
ROWS = []     # (relative path, records written)



# The canonical staff.csv header, used by the agencies that export it as is.
STAFF_HEADER = ["staff_id", "team", "role", "schedule", "schedule_start", "supervisor_id",
                "start_date", "end_date", "frequent_contact", "agreement_date",
                "agreement_review_date", "last_observation_date",
                "safeguarding_training_date", "supervision_training_date"]

def write_csv(agency, name, table, delim=",", eol="\n", bom=False, encoding="utf-8"):
    """Writes the table and records the physical line of every faulty row."""
    folder = os.path.join(HERE, agency) if agency else HERE
    os.makedirs(folder, exist_ok=True)
    out = []
    line = 1
    for row in [table.header] + table.rows:
        if isinstance(row, dict):
            text = row["raw"]
        else:
            text = delim.join(quote(v, delim) for v in row)
        f = table.faults.get(id(row))
        if f:
            FAULTS.append((agency, name, line) + f)
        out.append(text + eol)
        line += 1 + text.count("\n")
    ROWS.append((os.path.join(agency, name) if agency else name, len(table.rows)))
    data = "".join(out)
    raw = data.encode(encoding)
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    with open(os.path.join(folder, name), "wb") as fh:
        fh.write(raw)


# ---- agencies -----------------------------------------------------------------

class Agency:
    def __init__(self, **kw):
        self.__dict__.update(kw)
        self.staff = []        # dicts
        self.sessions = []     # dicts
        self.absences = []     # (staff_id, start, end, reason)


AGENCIES = [
    Agency(id="NCC", name="North County Council Children's Social Care", type="la_csc",
           profile="lcs", extract=dt.date(2026, 4, 14), fmt=f_dmy,
           p_held=0.87, person_sd=0.07, p_cancel=0.13, p_rearr=0.65, p_timely=0.74,
           p_notes_blank=0.04, p_shared=0.82, fn=(0.95, 0.55, 0.6, 0.35), p_fn_blank=0.05,
           p_agree=0.86, p_obs=0.7, p_sg=0.9, p_suptr=0.8, mgr_fc=0.4, p_adhoc=0.12,
           p_group=0.0, p_peer=0.0, p_dur_blank=0.05,
           held="Completed and Authorised",
           cancelled=["Cancelled - Manager Unavailable", "Cancelled - Worker Unavailable",
                      "Cancelled by supervisee", "No Show"],
           t_1to1="Formal Supervision", t_adhoc="Case Discussion", t_group="Group Supervision",
           t_peer="Peer",
           yes="Yes", no="No", fn_names=("Management", "Development", "Support",
                                         "Mediation"), fn_sep="; ",
           p_none=0.02, early=dt.date(2025, 9, 1), held_pen=0.0, timely_pen=0.2),
    Agency(id="NHT", name="Northshire Healthcare NHS Foundation Trust", type="health",
           profile="esr", extract=dt.date(2026, 4, 9), fmt=f_esr,
           p_held=0.955, person_sd=0.03, p_cancel=0.07, p_rearr=0.85, p_timely=0.93,
           p_notes_blank=0.01, p_shared=0.95, fn=(0.9, 0.7, 0.7, 0.55), p_fn_blank=0.0,
           p_agree=0.95, p_obs=0.93, p_sg=1.0, p_suptr=1.0, mgr_fc=0.7, p_adhoc=0.08,
           p_group=0.0, p_peer=0.1, p_dur_blank=0.0,
           held="Attended", cancelled=["Cancelled - Clinical Pressures", "Not Attended", "DNA"],
           t_1to1="Restorative Supervision", t_adhoc="Case Consultation", t_group="Group",
           t_peer="Peer",
           yes="Y", no="N", fn_names=("Performance management", "Professional development",
                                      "Wellbeing", "Engagement"), fn_sep="/",
           p_none=0.0, early=DATA_START, held_pen=0.0, timely_pen=0.0),
    Agency(id="POL", name="Northshire Police Public Protection Unit", type="police",
           profile="", extract=dt.date(2026, 4, 17), fmt=f_iso,
           p_held=0.86, person_sd=0.1, p_cancel=0.22, p_rearr=0.4, p_timely=0.55,
           p_notes_blank=0.12, p_shared=0.6, fn=(0.9, 0.25, 0.3, 0.12), p_fn_blank=0.2,
           p_agree=0.6, p_obs=0.45, p_sg=0.75, p_suptr=0.5, mgr_fc=0.0, p_adhoc=0.2,
           p_group=0.25, p_peer=0.0, p_dur_blank=1.0,
           held="held", cancelled=["cancelled"],
           t_1to1="one_to_one", t_adhoc="ad_hoc", t_group="group", t_peer="peer",
           yes="TRUE", no="FALSE", fn_names=("management", "development", "support",
                                             "mediation"), fn_sep=",",
           p_none=0.1, early=dt.date(2025, 10, 1), held_pen=0.25, timely_pen=0.1),
    Agency(id="EDU", name="North County Education and Inclusion Service", type="education",
           profile="", extract=dt.date(2026, 4, 10), fmt=f_dmy,
           p_held=0.9, person_sd=0.05, p_cancel=0.1, p_rearr=0.7, p_timely=0.86,
           p_notes_blank=0.03, p_shared=0.88, fn=(0.9, 0.5, 0.5, 0.3), p_fn_blank=0.05,
           p_agree=0.92, p_obs=0.8, p_sg=1.0, p_suptr=1.0, mgr_fc=1.0, p_adhoc=0.05,
           p_group=0.0, p_peer=0.0, p_dur_blank=0.1,
           held="Took place", cancelled=["Cancelled"],
           t_1to1="1-1", t_adhoc="Ad Hoc", t_group="Group", t_peer="Peer",
           yes="Yes", no="No", fn_names=("Management", "Development", "Support",
                                         "Mediation"), fn_sep="|",
           p_none=0.0, early=DATA_START, held_pen=0.0, timely_pen=0.0),
    Agency(id="CHY", name="Northshire Children's Charity", type="voluntary",
           profile="", extract=dt.date(2026, 4, 20), fmt=f_dmon,
           p_held=0.985, person_sd=0.01, p_cancel=0.05, p_rearr=0.92, p_timely=0.95,
           p_notes_blank=0.0, p_shared=0.97, fn=(0.85, 0.75, 0.8, 0.6), p_fn_blank=0.0,
           p_agree=0.96, p_obs=0.95, p_sg=1.0, p_suptr=1.0, mgr_fc=1.0, p_adhoc=0.1,
           p_group=0.0, p_peer=0.2, p_dur_blank=0.0,
           held="Held", cancelled=["Cancelled", "DNA"],
           t_1to1="One to One", t_adhoc="Ad hoc", t_group="Group", t_peer="Peer",
           yes="Y", no="N", fn_names=("Management", "Development", "Support", "Mediation"),
           fn_sep="; ", p_none=0.0, early=DATA_START, held_pen=0.0, timely_pen=0.0),
    Agency(id="PRB", name="Probation Service - Northshire Region", type="probation",
           profile="", extract=dt.date(2026, 4, 15), fmt=f_iso,
           p_held=0.85, person_sd=0.06, p_cancel=0.15, p_rearr=0.6, p_timely=0.82,
           p_notes_blank=0.05, p_shared=0.85, fn=(0.95, 0.5, 0.5, 0.3), p_fn_blank=0.05,
           p_agree=0.84, p_obs=0.82, p_sg=0.9, p_suptr=0.85, mgr_fc=0.0, p_adhoc=0.1,
           p_group=0.15, p_peer=0.0, p_dur_blank=0.1,
           held="held", cancelled=["cancelled"],
           t_1to1="Individual", t_adhoc="Urgent", t_group="Group", t_peer="Peer",
           yes="1", no="0", fn_names=("management", "development", "support", "mediation"),
           fn_sep="; ", p_none=0.05, early=DATA_START, held_pen=0.0, timely_pen=0.0),
]
BY_ID = {a.id: a for a in AGENCIES}

# Teams: (name, practitioner count, practitioner roles)
TEAMS = {
    "NCC": [("Assessment and Intervention North", 10,
             ["Social Worker", "Senior Social Worker", "Advanced Practitioner"]),
            ("Assessment and Intervention South", 10,
             ["Social Worker", "Senior Social Worker", "Advanced Practitioner"]),
            ("Children in Care", 9, ["Social Worker", "Senior Social Worker"]),
            ("Family Help", 8, ["Family Support Worker", "Family Help Practitioner"]),
            ("Leaving Care", 6, ["Personal Adviser", "Senior Personal Adviser"])],
    "NHT": [("Safeguarding Children Team", 7, ["Named Nurse", "Safeguarding Specialist Nurse",
                                              "Clinical Lead – Safeguarding"]),
            ("Health Visiting East", 12, ["Health Visitor", "Community Nursery Nurse"]),
            ("School Nursing", 10, ["School Nurse", "Staff Nurse"]),
            ("Paediatric ED Liaison", 6, ["Paediatric Liaison Nurse"])],
    "POL": [("Child Abuse Investigation Unit", 12,
             ["Detective Constable", "Police Staff Investigator"]),
            ("MASH", 8, ["Police Constable", "Researcher"]),
            ("Online Child Exploitation", 6, ["Detective Constable", "Digital Investigator"])],
    "EDU": [("Education Welfare Service", 9, ["Education Welfare Officer",
                                              "Attendance Officer"]),
            ("Virtual School", 6, ["Designated Teacher Adviser", "Education Caseworker"])],
    "CHY": [("Young Carers Project", 7, ["Project Worker – Young Carers", "Youth Worker"]),
            ("Café Project", 5, ["Youth Worker", "Café Coordinator"]),
            ("Family Support", 7, ["Family Support Worker", "Parenting Practitioner"])],
    "PRB": [("Public Protection North", 9, ["Probation Officer", "Probation Services Officer"]),
            ("Public Protection South", 9, ["Probation Officer", "Probation Services Officer"]),
            ("Youth Transitions", 6, ["Probation Officer", "Youth Justice Liaison Officer"])],
}
MANAGER_ROLE = {"NCC": "Team Manager", "NHT": "Team Leader", "POL": "Detective Sergeant",
                "EDU": "Senior Officer", "CHY": "Project Manager",
                "PRB": "Senior Probation Officer"}
HEAD = {"NCC": ("Service Management", "Head of Service, Children's Social Care"),
        "NHT": ("Safeguarding Children Team", "Head of Safeguarding"),
        "POL": ("PPU Command", "Detective Inspector"),
        "EDU": ("Education Welfare Service", "Service Manager"),
        "CHY": ("Family Support", "Operations Manager"),
        "PRB": ("Head of Service Office", "Head of Probation Delivery Unit")}


def make_id(ag, n):
    if ag == "NCC":
        return "W%05d" % (10230 + n * 7)
    if ag == "NHT":
        return "%08d" % (20418000 + n * 131)
    if ag == "POL":
        return "P%04d" % (4100 + n * 3)
    if ag == "EDU":
        return "EDU%04d" % (10 + n)
    if ag == "CHY":
        return "CHY-%03d" % (5 + n)
    return "PRB%04d" % (1000 + n * 2)


def new_staff(a, team, role, supervisor, start, end=None, fc=True, schedule="standard",
              sched_start=None, manager=False):
    s = dict(id=make_id(a.id, len(a.staff)), team=team, role=role, supervisor=supervisor,
             start=start, end=end, fc=fc, schedule=schedule, sched_start=sched_start,
             manager=manager)
    # Supervision agreement: signed at start (or when the policy came in), reviewed yearly.
    if chance(0.7):
        s["agree"] = max(start, rdate(dt.date(2024, 4, 15), dt.date(2025, 3, 20)))
    else:
        s["agree"] = max(start, rdate(dt.date(2021, 9, 1), dt.date(2024, 3, 29)))
    if chance(a.p_agree):
        rev = rdate(dt.date(2025, 4, 20), dt.date(2026, 3, 20))
    elif chance(0.6):
        rev = rdate(dt.date(2024, 1, 10), dt.date(2025, 3, 10))
    else:
        rev = None
    s["review"] = rev if rev and rev > s["agree"] else None
    if s["review"] is None and start >= dt.date(2025, 4, 1):
        s["agree"] = start          # new starters sign on day one
    if chance(a.p_obs):
        s["obs"] = rdate(dt.date(2025, 4, 15), dt.date(2026, 3, 25))
    elif chance(0.7):
        s["obs"] = rdate(dt.date(2024, 1, 8), dt.date(2025, 3, 28))
    else:
        s["obs"] = None
    if s["obs"] and s["obs"] < start:
        s["obs"] = None
    s["sg"] = (rdate(dt.date(2023, 5, 1), dt.date(2026, 2, 28)) if chance(a.p_sg)
               else rdate(dt.date(2019, 1, 1), dt.date(2022, 12, 31)))
    s["suptr"] = None
    a.staff.append(s)
    return s


def build_staff(a):
    """Heads, team managers and practitioners with starters and leavers."""
    head_team, head_role = HEAD[a.id]
    head = new_staff(a, head_team, head_role, "", dt.date(2009, 3, 2) + dt.timedelta(
        days=rng.randint(0, 2500)), fc=False, manager=True)
    head["suptr"] = rdate(dt.date(2014, 1, 1), dt.date(2022, 6, 1))
    a.team_mgrs = {}
    for team, n, roles in TEAMS[a.id]:
        mstart = rdate(dt.date(2011, 1, 1), dt.date(2022, 12, 31))
        mgr = new_staff(a, team, MANAGER_ROLE[a.id], head["id"], mstart,
                        fc=chance(a.mgr_fc), manager=True)
        if chance(a.p_suptr):
            mgr["suptr"] = rdate(max(mstart, dt.date(2012, 1, 1)), dt.date(2025, 11, 30))
        a.team_mgrs[team] = [(mgr, None)]
        if a.id == "NCC" and team == "Children in Care":
            # The team manager left in June 2025; a new manager took over in July.
            mgr["end"] = dt.date(2025, 6, 30)
            new = new_staff(a, team, MANAGER_ROLE[a.id], head["id"], dt.date(2025, 6, 2),
                            fc=False, manager=True)
            new["suptr"] = dt.date(2025, 9, 17)
            a.team_mgrs[team] = [(mgr, mgr["end"]), (new, None)]
        current = a.team_mgrs[team][-1][0]
        for _ in range(n):
            r = rng.random()
            if r < 0.12:
                start = rdate(DATA_START, dt.date(2026, 1, 31))
            else:
                start = rdate(dt.date(2004, 1, 5), dt.date(2024, 3, 1))
            end = None
            if chance(0.13) and start < dt.date(2025, 6, 1):
                end = rdate(max(start + dt.timedelta(days=120), dt.date(2024, 6, 30)),
                            dt.date(2026, 3, 20))
            s = new_staff(a, team, rng.choice(roles), current["id"], start, end)
            s["team_sup"] = True
    if a.id == "NCC":
        aiN = "Assessment and Intervention North"
        aiS = "Assessment and Intervention South"
        mgr_n = [s for s in a.staff if s["team"] == aiN and s["manager"]][0]
        mgr_s = [s for s in a.staff if s["team"] == aiS and s["manager"]][0]
        for team, mgr, start in [(aiN, mgr_n, dt.date(2024, 9, 2)),
                                 (aiS, mgr_s, dt.date(2024, 9, 9)),
                                 (aiN, mgr_n, dt.date(2025, 9, 1)),
                                 (aiS, mgr_s, dt.date(2025, 10, 6))]:
            s = new_staff(a, team, "Newly Qualified Social Worker (ASYE)", mgr["id"], start,
                          schedule="asye", sched_start=start)
            s["team_sup"] = True
        # Practice educator: a senior social worker who supervises the students.
        pe_ = [s for s in a.staff if s["team"] == aiS and s["role"] == "Senior Social Worker"
               and s["end"] is None and s["start"] < DATA_START][0]
        pe_["suptr"] = None     # not yet trained as a supervisor: counts against the metric
        for start, end in [(dt.date(2025, 1, 6), dt.date(2025, 5, 16)),
                           (dt.date(2025, 10, 6), dt.date(2026, 5, 22))]:
            new_staff(a, aiS, "Social Work Student", pe_["id"], start, end,
                      schedule="student", sched_start=start)
    if a.id == "CHY":
        mgr = [s for s in a.staff if s["team"] == "Family Support" and s["manager"]][0]
        s = new_staff(a, "Family Support", "Student Placement (Social Work)", mgr["id"],
                      dt.date(2025, 1, 13), dt.date(2025, 4, 25), schedule="student",
                      sched_start=dt.date(2025, 1, 13))
        s["team_sup"] = True


def tidy_leavers(a):
    """Nobody is reviewed, observed or trained after they have left."""
    for s in a.staff:
        end = s["end"]
        if end is None:
            continue
        if s["agree"] > end:
            s["agree"] = s["start"]
        for k in ("review", "obs", "suptr"):
            if s[k] and s[k] > end:
                s[k] = None
        if s["sg"] > end:
            s["sg"] = rdate(max(s["start"], end - dt.timedelta(days=700)), end)


# ---- sessions ---------------------------------------------------------------

def in_absence(a, sid, d):
    return any(x[0] == sid and x[1] <= d <= x[2] for x in a.absences)


def team_manager_on(a, team, d):
    """The manager of team on day d (None when the team has none)."""
    for mgr, until in a.team_mgrs.get(team, []):
        if until is None or d <= until:
            return mgr
    return None


def supervisor_on(a, s, d):
    """Who supervised s on day d: the team manager of the day, or the named supervisor."""
    if s.get("team_sup"):
        return team_manager_on(a, s["team"], d)["id"]
    return s["supervisor"]


def add_session(a, s, d, kind, status, person_timely):
    row = dict(staff=s["id"], date=d, kind=kind, status=status, sup=supervisor_on(a, s, d),
               dur=None, notes=None, shared=None, fns=None)
    if status == "held":
        if kind == "1to1":
            row["dur"] = rng.choice([45, 60, 60, 60, 75, 90, 90, 120])
        elif kind == "adhoc":
            row["dur"] = rng.choice([15, 20, 30, 30, 45])
        else:
            row["dur"] = rng.choice([60, 90, 90, 120])
        if chance(a.p_dur_blank):
            row["dur"] = None
        if kind in ("1to1", "adhoc"):
            if not chance(a.p_notes_blank):
                p = person_timely - (a.timely_pen if d < a.early else 0.0)
                if chance(p):
                    k = rng.choice([0, 0, 1, 1, 2, 2, 3, 3, 4, 5])
                else:
                    k = rng.randint(6, 25)
                row["notes"] = add_wd(d, k)
                if chance(a.p_shared):
                    row["shared"] = True
                else:
                    row["shared"] = rng.choice([False, None])
            if kind == "1to1" and not chance(a.p_fn_blank):
                fns = [i for i in range(4) if chance(a.fn[i])]
                row["fns"] = fns or [0]
            elif kind == "adhoc":
                row["fns"] = [2]
    a.sessions.append(row)
    return row


def slot_date(month_start, week, dow):
    """The week-th <dow> of the month (a working day on or after it)."""
    d = month_start
    while d.weekday() != dow:
        d += dt.timedelta(days=1)
    d += dt.timedelta(days=7 * week)
    return next_wd(d)


def sessions_for(a, s):
    """A realistic supervision history for one person."""
    first = max(s["start"], DATA_START)
    last = min(s["end"] or a.extract - dt.timedelta(days=1), a.extract - dt.timedelta(days=1))
    if first > last:
        return
    p_person = min(0.995, max(0.35, rng.gauss(a.p_held, a.person_sd)))
    if not s["manager"] and s["schedule"] == "standard" and chance(a.p_none):
        p_person = 0.0      # on the books but not receiving 1:1 supervision
    timely = min(0.995, max(0.1, rng.gauss(a.p_timely, 0.08)))

    def one_to_one(target, p_held):
        """A planned 1:1 near target: held, or cancelled (maybe rearranged)."""
        if target < first or target > last or in_absence(a, s["id"], target):
            return
        if chance(p_held - (a.held_pen if target < a.early else 0.0)):
            if chance(a.p_cancel):
                add_session(a, s, target, "1to1", "cancelled", timely)
                if chance(a.p_rearr):
                    d2 = add_wd(target, rng.randint(2, 9))
                else:
                    d2 = add_wd(target, rng.randint(12, 22))
                if d2 <= last and not in_absence(a, s["id"], d2):
                    add_session(a, s, d2, "1to1", "held", timely)
            else:
                add_session(a, s, target, "1to1", "held", timely)
        elif chance(0.45):
            add_session(a, s, target, "1to1", "cancelled", timely)

    if s["schedule"] == "student":
        d = first
        while d <= last:
            one_to_one(next_wd(d + dt.timedelta(days=rng.randint(0, 3))), 0.93)
            d += dt.timedelta(days=7)
    elif s["schedule"] == "asye":
        a0 = s["sched_start"]
        for day in list(range(0, 42, 7)) + list(range(42, 182, 14)):
            one_to_one(next_wd(a0 + dt.timedelta(days=day + rng.randint(0, 2))), 0.94)
        m = add_months(dt.date(a0.year, a0.month, 1), 1)
        while m < a0 + dt.timedelta(days=182):
            m = add_months(m, 1)
        week, dow = rng.randint(0, 3), rng.randint(0, 4)
        for ms in month_starts(m, last):
            one_to_one(slot_date(ms, week, dow), p_person)
    else:
        week, dow = rng.randint(0, 3), rng.randint(0, 4)
        for ms in month_starts(first, last):
            if ms < first:
                # Starters: a first supervision in their first weeks.
                if ms == dt.date(first.year, first.month, 1) and s["start"] >= DATA_START:
                    one_to_one(add_wd(first, rng.randint(5, 12)), 0.9)
                continue
            t = slot_date(ms, week, dow)
            if chance(0.3):
                t = next_wd(t + dt.timedelta(days=rng.randint(-3, 3)))
            one_to_one(t, p_person)
            if chance(0.04):
                one_to_one(add_wd(t, rng.randint(8, 12)), 1.0)
    # Unplanned, group and peer sessions.
    for ms in month_starts(first, last):
        d = next_wd(ms + dt.timedelta(days=rng.randint(0, 27)))
        if first <= d <= last and not in_absence(a, s["id"], d):
            if chance(a.p_adhoc):
                add_session(a, s, d, "adhoc", "held", timely)
            elif chance(a.p_group):
                add_session(a, s, d, "group", "held", timely)
            elif chance(a.p_peer):
                add_session(a, s, d, "peer", "held", timely)


def build_absences(a):
    by_team = [s for s in a.staff if not s["manager"] and s["schedule"] == "standard"
               and s["start"] < dt.date(2024, 1, 1) and s["end"] is None]
    plans = {
        "NCC": [("Maternity leave", dt.date(2024, 11, 4), dt.date(2025, 8, 29)),
                ("Long-term sickness", dt.date(2025, 6, 2), dt.date(2025, 9, 12)),
                ("Secondment", dt.date(2025, 1, 6), dt.date(2025, 6, 30)),
                ("Shared parental leave", dt.date(2025, 11, 10), dt.date(2026, 2, 27))],
        "NHT": [("Maternity leave", dt.date(2025, 3, 3), dt.date(2025, 12, 19)),
                ("Long-term sickness", dt.date(2024, 9, 16), dt.date(2024, 12, 6))],
    }.get(a.id, [])
    chosen = rng.sample(by_team, len(plans))
    for s, (reason, start, end) in zip(chosen, plans):
        a.absences.append((s["id"], start, end, reason))


# ---- per-agency files -------------------------------------------------------

def yn(a, v):
    return "" if v is None else (a.yes if v else a.no)


def fmt_fns(a, fns):
    if not fns:
        return ""
    return a.fn_sep.join(a.fn_names[i] for i in fns)


def session_type(a, kind):
    return {"1to1": a.t_1to1, "adhoc": a.t_adhoc, "group": a.t_group, "peer": a.t_peer}[kind]


def session_status(a, row):
    if row["status"] == "held":
        return a.held
    return rng.choice(a.cancelled)


def staff_table(a, header, cols):
    t = Table(header)
    for s in a.staff:
        t.add([c(s) for c in cols])
    return t


def std_staff_cols(a):
    F = a.fmt
    return [lambda s: s["id"], lambda s: s["team"], lambda s: s["role"],
            lambda s: "" if s["schedule"] == "standard" else s["schedule"].upper()
            if a.id == "NCC" else s["schedule"],
            lambda s: F(s["sched_start"]), lambda s: s["supervisor"],
            lambda s: F(s["start"]), lambda s: F(s["end"]),
            lambda s: a.yes if s["fc"] else a.no,
            lambda s: F(s["agree"]), lambda s: F(s["review"]), lambda s: F(s["obs"]),
            lambda s: F(s["sg"]), lambda s: F(s["suptr"])]


def sorted_sessions(a):
    return sorted(a.sessions, key=lambda r: (r["date"], r["staff"], r["kind"], r["status"]))


def pick(rows, pred):
    """A deterministic choice among rows matching pred."""
    cands = [r for r in rows if pred(r)]
    return rng.choice(cands)


def write_ncc(a):
    F = a.fmt
    hdr = ["Worker ID", "Team Name", "Role", "Schedule", "Schedule Start", "Supervisor ID",
           "Start Date", "End Date", "Frequent Contact", "Agreement Date",
           "Agreement Review Date", "Last Observation Date", "Safeguarding Training Date",
           "Supervision Training Date"]
    write_csv(a.id, "staff.csv", staff_table(a, hdr, std_staff_cols(a)))

    t = Table(["Worker ID", "Supervisor ID", "Supervision Date", "Supervision Type", "Outcome",
               "Duration Minutes", "Notes Authorised Date", "Notes Shared", "Functions"])
    rows = sorted_sessions(a)
    bad_date = pick(rows, lambda r: r["kind"] == "1to1" and r["status"] == "held"
                    and dt.date(2026, 2, 16) <= r["date"] <= dt.date(2026, 2, 27))
    bad_notes = pick(rows, lambda r: r["kind"] == "1to1" and r["status"] == "held"
                     and r["notes"] and dt.date(2025, 7, 1) <= r["date"] <= dt.date(2025, 7, 31))
    for r in rows:
        row = [r["staff"], r["sup"], F(r["date"]), session_type(a, r["kind"]),
               session_status(a, r), "" if r["dur"] is None else str(r["dur"]),
               F(r["notes"]), yn(a, r["shared"]), fmt_fns(a, r["fns"])]
        fault = None
        if r is bad_date:
            row[2] = "31/02/2026"
            fault = ("date", "E-DATE", "rejected", "session dated 31/02/2026 (no such day)")
        elif r is bad_notes:
            row[6] = F(r["date"] - dt.timedelta(days=7))
            fault = ("notes_recorded_date", "W-CONTRADICTION", "warning",
                     "notes authorised a week before the session")
        t.add(row, fault)
    write_csv(a.id, "sessions.csv", t)

    t = Table(["Worker ID", "Start Date", "End Date", "Reason"])
    for sid, s, e, why in sorted(a.absences, key=lambda x: (x[1], x[0])):
        t.add([sid, F(s), F(e), why])
    write_csv(a.id, "absences.csv", t)

    build_cases(a)
    build_groups(a)


def write_nht(a):
    F = a.fmt
    hdr = ["Assignment Number", "Organisation", "Position Title", "Band", "Schedule",
           "Schedule Start", "Supervisor Assignment Number", "Hire Date", "Termination Date",
           "Frequent Contact",
           "Agreement Date", "Agreement Review Date", "Last Observation Date",
           "Safeguarding Training Date", "Supervision Training Date"]
    cols = std_staff_cols(a)
    band = {"Named Nurse": "Band 8a", "Clinical Lead – Safeguarding": "Band 8b",
            "Head of Safeguarding": "Band 8c", "Team Leader": "Band 7",
            "Community Nursery Nurse": "Band 4", "Staff Nurse": "Band 5"}
    t = Table(hdr)
    tbc = pick(a.staff, lambda s: not s["manager"] and s["end"] is None
               and s["start"] < DATA_START)
    for s in a.staff:
        vals = [c(s) for c in cols]
        row = vals[:3] + [band.get(s["role"], "Band 6")] + vals[3:]
        fault = None
        if s is tbc:
            row[11] = "TBC"
            fault = ("agreement_review_date", "W-DATE", "warning",
                     "agreement review date 'TBC'")
        t.add(row, fault)
    FAULTS.append((a.id, "staff.csv", 1, "Band", "I-UNKNOWN-COLUMN", "info",
                   "a column that matches no field"))
    write_csv(a.id, "staff.csv", t, eol="\r\n", bom=True)

    t = Table(["Assignment Number", "Supervisor Assignment Number", "Supervision Date", "Type",
               "Status",
               "Duration Minutes", "Notes Recorded Date", "Notes Shared", "Functions"])
    for r in sorted_sessions(a):
        t.add([r["staff"], r["sup"], F(r["date"]), session_type(a, r["kind"]),
               session_status(a, r), "" if r["dur"] is None else str(r["dur"]),
               F(r["notes"]), yn(a, r["shared"]), fmt_fns(a, r["fns"])])
    write_csv(a.id, "sessions.csv", t, eol="\r\n", bom=True)

    t = Table(["Assignment Number", "Absence Start Date", "Absence End Date", "Absence Reason"])
    rows = sorted(a.absences, key=lambda x: (x[1], x[0]))
    for sid, s, e, why in rows:
        t.add([sid, F(s), F(e), why])
    who = [s for s in a.staff if not s["manager"] and s["end"] is None][3]
    t.add([who["id"], F(dt.date(2025, 11, 24)), F(dt.date(2025, 1, 9)), "Phased return"],
          ("end_date", "E-RANGE", "rejected", "absence ends (2025) before it starts"))
    write_csv(a.id, "absences.csv", t, eol="\r\n", bom=True)


def write_pol(a):
    F = a.fmt
    t = Table(STAFF_HEADER)
    cols = std_staff_cols(a)
    odd = pick(a.staff, lambda s: not s["manager"] and s["end"] is None
               and s["team"] == "MASH")
    for s in a.staff:
        row = [c(s) for c in cols]
        fault = None
        if s is odd:
            row[8] = "Sometimes"
            fault = ("frequent_contact", "W-YESNO", "warning",
                     "frequent contact 'Sometimes'")
        t.add(row, fault)
    write_csv(a.id, "staff.csv", t)

    t = Table(["staff_id", "date", "type", "status", "notes_recorded_date", "notes_shared",
               "functions"])
    rows = sorted_sessions(a)
    resch = pick(rows, lambda r: r["kind"] == "1to1" and r["status"] == "cancelled"
                 and dt.date(2025, 10, 1) <= r["date"] <= dt.date(2025, 12, 31))
    for r in rows:
        row = [r["staff"], F(r["date"]), session_type(a, r["kind"]), session_status(a, r),
               F(r["notes"]), yn(a, r["shared"]), fmt_fns(a, r["fns"])]
        fault = None
        if r is resch:
            row[3] = "Rescheduled"
            fault = ("status", "E-CODE", "rejected", "status 'Rescheduled' is not a status")
        t.add(row, fault)
    write_csv(a.id, "sessions.csv", t)


def write_edu(a):
    F = a.fmt
    hdr = ["Staff ID", "Team", "Role", "Schedule", "Schedule Start", "Supervisor ID",
           "Start Date", "End Date", "Frequent Contact", "Agreement Date",
           "Agreement Review Date", "Last Observation Date", "Safeguarding Training Date",
           "Supervision Training Date"]
    write_csv(a.id, "staff.csv", staff_table(a, hdr, std_staff_cols(a)), delim=";",
              eol="\r\n")

    t = Table(["Staff ID", "Date", "Type", "Status", "Duration Minutes", "Notes Recorded Date",
               "Notes Shared", "Functions"])
    rows = sorted_sessions(a)
    hour = pick(rows, lambda r: r["kind"] == "1to1" and r["status"] == "held"
                and r["dur"] == 60 and r["date"] >= dt.date(2025, 4, 1))
    supply = pick(rows, lambda r: r["kind"] == "1to1" and r["status"] == "held"
                  and dt.date(2025, 11, 1) <= r["date"] <= dt.date(2025, 11, 30))
    for r in rows:
        row = [r["staff"], F(r["date"]), session_type(a, r["kind"]), session_status(a, r),
               "" if r["dur"] is None else str(r["dur"]), F(r["notes"]), yn(a, r["shared"]),
               fmt_fns(a, r["fns"])]
        fault = None
        if r is hour:
            row[4] = "1 hour"
            fault = ("duration_minutes", "W-NUMBER", "warning", "duration '1 hour'")
        t.add(row, fault)
        if r is supply:
            t.add(["EDU0099", F(r["date"]), a.t_1to1, a.held, "60", F(add_wd(r["date"], 2)),
                   a.yes, "Support"],
                  ("staff_id", "E-ORPHAN", "rejected",
                   "session for EDU0099, a supply officer not in staff.csv"))
    write_csv(a.id, "sessions.csv", t, delim=";", eol="\r\n")


def write_chy(a):
    F = a.fmt
    t = Table(STAFF_HEADER)
    cols = std_staff_cols(a)
    promoted = pick(a.staff, lambda s: not s["manager"] and s["end"] is None
                    and s["team"] == "Young Carers Project" and s["start"] < DATA_START)
    for s in a.staff:
        t.add([c(s) for c in cols])
        if s is promoted:
            # The person appears twice: the old post and the new one.
            dup = [c(s) for c in cols]
            dup[2] = "Senior Project Worker – Young Carers"
            dup[6] = F(dt.date(2025, 9, 1))
            t.add(dup, ("staff_id", "E-DUPLICATE", "rejected",
                        "the same staff_id again (a second post)"))
    FAULTS.append((a.id, "staff.csv", 0, "", "W-ENCODING", "warning",
                   "saved from Excel as Windows-1252 (en dash, e acute)"))
    write_csv(a.id, "staff.csv", t, eol="\r\n", encoding="cp1252")

    t = Table(["staff_id", "supervisor_id", "date", "type", "status", "duration_minutes",
               "notes_recorded_date", "notes_shared", "functions"])
    rows = sorted_sessions(a)
    refl = pick(rows, lambda r: r["kind"] == "1to1" and r["status"] == "held"
                and r["date"] >= dt.date(2025, 6, 1) and r["fns"])
    for r in rows:
        row = [r["staff"], r["sup"], F(r["date"]), session_type(a, r["kind"]),
               session_status(a, r), "" if r["dur"] is None else str(r["dur"]),
               F(r["notes"]), yn(a, r["shared"]), fmt_fns(a, r["fns"])]
        fault = None
        if r is refl:
            row[8] = "Support; Reflective practice"
            fault = ("functions", "W-CODE", "warning", "function 'Reflective practice'")
        t.add(row, fault)
    write_csv(a.id, "sessions.csv", t)


def write_prb(a):
    F = a.fmt
    t = Table(STAFF_HEADER)
    cols = std_staff_cols(a)
    moved = pick(a.staff, lambda s: not s["manager"] and s["end"] is None
                 and s["team"] == "Youth Transitions")
    for s in a.staff:
        row = [c(s) for c in cols]
        fault = None
        if s is moved:
            row[5] = "PRB0999"
            fault = ("supervisor_id", "W-ORPHAN", "warning",
                     "supervisor PRB0999 (moved region) is not in staff.csv")
        t.add(row, fault)
    write_csv(a.id, "staff.csv", t)

    t = Table(["staff_id", "date", "type", "status", "duration_minutes", "notes_recorded_date",
               "notes_shared", "functions"])
    rows = sorted_sessions(a)
    ragged = pick(rows, lambda r: r["kind"] == "1to1" and r["status"] == "held"
                  and r["notes"] and dt.date(2025, 9, 1) <= r["date"] <= dt.date(2025, 9, 30))
    for r in rows:
        when = F(r["date"]) + " %02d:%02d:00" % (rng.choice([9, 10, 11, 13, 14, 15]),
                                                  rng.choice([0, 0, 15, 30, 30, 45]))
        row = [r["staff"], when, session_type(a, r["kind"]), session_status(a, r),
               "" if r["dur"] is None else str(r["dur"]), F(r["notes"]), yn(a, r["shared"]),
               fmt_fns(a, r["fns"])]
        if r is ragged:
            # Functions typed with a comma and exported unquoted: one field too many.
            row[7] = "management, support"
            t.add({"raw": ",".join(row)}, ("", "E-RAGGED", "rejected",
                                           "9 fields where the header has 8"))
        else:
            t.add(row)
    write_csv(a.id, "sessions.csv", t)


# ---- the council's case records ----------------------------------------------

CATEGORY_MIX = [  # (label as LCS exports it, interval months, count, start range)
    ("Early Help", 3, 20, (dt.date(2024, 1, 8), dt.date(2026, 3, 16))),
    ("Child in Need", 3, 28, (dt.date(2023, 6, 1), dt.date(2026, 3, 20))),
    ("Child Protection", 2, 18, (dt.date(2023, 11, 1), dt.date(2026, 3, 10))),
    ("Care Proceedings", 2, 5, (dt.date(2024, 5, 1), dt.date(2025, 12, 1))),
    ("Child in Care", 2, 20, (dt.date(2019, 5, 1), dt.date(2026, 2, 20))),
    ("Child in Care (long-term matched)", 3, 6, (dt.date(2017, 1, 9), dt.date(2023, 6, 1))),
    ("Short Breaks", 3, 3, (dt.date(2022, 4, 1), dt.date(2025, 6, 1))),
    ("Care Leaver", 3, 8, (dt.date(2021, 4, 1), dt.date(2025, 10, 1))),
    ("Adoption Support", 3, 3, (dt.date(2022, 9, 1), dt.date(2025, 3, 1))),
]
# How the council's system words three of the categories (the lcs profile maps them).
LCS_CATEGORY = {"Child in Need": "CIN Plan", "Child Protection": "CP Plan",
                "Child in Care": "Looked After Child"}
CATEGORY_TEAM = {"Early Help": "Family Help", "Child in Need": "Assessment and Intervention",
                 "Child Protection": "Assessment and Intervention",
                 "Care Proceedings": "Children in Care", "Child in Care": "Children in Care",
                 "Child in Care (long-term matched)": "Children in Care",
                 "Short Breaks": "Children in Care", "Care Leaver": "Leaving Care",
                 "Adoption Support": "Children in Care"}


def build_cases(a):
    F = a.fmt
    holders = {}
    for s in a.staff:
        if not s["manager"] and s["schedule"] != "student" and s["end"] is None:
            key = ("Assessment and Intervention" if s["team"].startswith("Assessment")
                   else s["team"])
            holders.setdefault(key, []).append(s)
    episodes = []          # (child, label, interval, start, end, holder)
    n = 0
    for label, interval, count, (lo, hi) in CATEGORY_MIX:
        for _ in range(count):
            n += 1
            child = "C%06d" % (104233 + n * 37)
            start = rdate(lo, hi)
            end = None
            if chance(0.35) and start < dt.date(2025, 9, 1):
                end = rdate(max(start + dt.timedelta(days=45), dt.date(2024, 4, 30)),
                            dt.date(2026, 3, 27))
            holder = rng.choice(holders[CATEGORY_TEAM[label]])
            episodes.append([child, label, interval, start, end, holder])
    # Step-ups: a child in need becomes subject to a child protection plan.
    cin = [e for e in episodes if e[1] == "Child in Need" and e[4] is None
           and e[3] < dt.date(2025, 6, 1)]
    for e in cin[:3]:
        e[4] = rdate(e[3] + dt.timedelta(days=60), dt.date(2025, 12, 15))
        episodes.append([e[0], "Child Protection", 2, e[4] + dt.timedelta(days=1), None, e[5]])
    episodes.sort(key=lambda e: (e[3], e[0]))

    t = Table(["Child ID", "Case Category", "Episode Start", "Episode End",
               "Allocated Worker ID"])
    for child, label, interval, start, end, holder in episodes:
        t.add([child, LCS_CATEGORY.get(label, label), F(start), F(end), holder["id"]])
    write_csv(a.id, "cases.csv", t)

    # Oversight: mostly on time, with some slippage in the busier teams.
    records = []
    for child, label, interval, start, end, holder in episodes:
        team = holder["team"]
        stop = min(end or a.extract - dt.timedelta(days=1), a.extract - dt.timedelta(days=1))
        if start >= OVERSIGHT_FROM:
            d = next_wd(start + dt.timedelta(days=rng.randint(1, 10)))
        else:
            d = next_wd(rdate(OVERSIGHT_FROM, OVERSIGHT_FROM + dt.timedelta(days=40)))
        records.append((child, d, team_manager_on(a, team, d)))
        p_late = 0.22 if team.startswith("Assessment") or team == "Family Help" else 0.08
        while True:
            due = add_months(d, interval)
            if chance(p_late):
                nd = due + dt.timedelta(days=rng.randint(3, 45))
            else:
                nd = due - dt.timedelta(days=rng.randint(3, 25))
            nd = next_wd(nd)
            if nd > stop:
                break
            records.append((child, nd, team_manager_on(a, team, nd)))
            if chance(0.1):   # an extra oversight after a significant event
                x = add_wd(nd, rng.randint(4, 15))
                records.append((child, x, team_manager_on(a, team, x)))
            d = nd
    records = [r for r in records if r[1] < a.extract]
    records.sort(key=lambda r: (r[1], r[0]))
    t = Table(["Child ID", "Management Oversight Date", "Worker ID"])
    ghost = pick(records, lambda r: dt.date(2025, 12, 1) <= r[1] <= dt.date(2025, 12, 31))
    for rec in records:
        child, d, mgr = rec
        t.add([child, F(d), mgr["id"] if mgr else ""])
        if rec is ghost:
            t.add(["C999001", F(d), mgr["id"] if mgr else ""],
                  ("child_id", "E-ORPHAN", "rejected",
                   "oversight for C999001, a child with no episode in cases.csv"))
    write_csv(a.id, "case_oversight.csv", t)

    # Single assessments of children whose episodes began in the two years.
    cands = [e for e in episodes if e[1] in ("Child in Need", "Child Protection", "Early Help")
             and DATA_START <= e[3] <= dt.date(2026, 3, 24)]
    cands = rng.sample(cands, min(40, len(cands)))
    cands.sort(key=lambda e: (e[3], e[0]))
    t = Table(["Child ID", "Start Date", "Completed Date", "Day8 Review Date",
               "Day20 Review Date"])
    for e in cands:
        start = next_wd(e[3] - dt.timedelta(days=rng.randint(0, 10)))
        r = rng.random()
        d8 = (add_wd(start, rng.randint(4, 8)) if r < 0.8 else
              add_wd(start, rng.randint(9, 14)) if r < 0.92 else None)
        r = rng.random()
        d20 = (add_wd(start, rng.randint(15, 20)) if r < 0.72 else
               add_wd(start, rng.randint(21, 30)) if r < 0.9 else None)
        done = add_wd(start, rng.randint(25, 45))
        if done >= a.extract:
            done = None
        for x in ("d8", "d20"):
            v = d8 if x == "d8" else d20
            if v is not None and v >= a.extract:
                if x == "d8":
                    d8 = None
                else:
                    d20 = None
        t.add([e[0], F(start), F(done), F(d8), F(d20)])
    write_csv(a.id, "assessments.csv", t)


def build_groups(a):
    """Monthly group supervision per frontline team, with some months missed."""
    F = a.fmt
    t = Table(["Team Name", "Date", "Facilitator ID", "Attendees"])
    rows = []
    for team, n, _ in TEAMS[a.id]:
        p = {"Family Help": 0.6, "Leaving Care": 0.95}.get(team, 0.85)
        week, dow = rng.randint(1, 3), rng.randint(1, 3)
        for ms in month_starts(DATA_START, DATA_END):
            if chance(p):
                d = slot_date(ms, week, dow)
                fac = team_manager_on(a, team, d)
                if fac["start"] > d:
                    fac = None
                rows.append([team, F(d), fac["id"] if fac else "",
                             str(max(3, n - rng.randint(0, 4)))])
    rows.sort(key=lambda r: (r[1][6:], r[1][3:5], r[1][:2], r[0]))
    for r in rows:
        t.add(r)
    write_csv(a.id, "group_sessions.csv", t)


# ---- partnership files --------------------------------------------------------

ACTIONS = [
    ("SAP-01", "NCC", "notes_timely",
     "Team managers to record and authorise supervision notes within five working days; "
     "weekly LCS report of unauthorised notes to heads of service",
     "Head of Service, Children's Social Care", "2025-09-30", "complete", "2025-09-12"),
    ("SAP-02", "NCC", "case_oversight_current",
     "Fortnightly case oversight clinic for the Assessment and Intervention teams; "
     "overdue oversight dashboard in LCS",
     "Service Manager, Assessment and Intervention", "2026-01-31", "in_progress", ""),
    ("SAP-03", "POL", "supervision_frequency",
     "Restore monthly 1:1 supervision in the PPU after the restructure; Detective "
     "Sergeants to book twelve months of sessions in advance",
     "Detective Inspector, PPU", "2025-12-31", "in_progress", ""),
    ("SAP-04", "POL", "cancellation_rate",
     "Protect supervision time in the duty rota; cancelled sessions to be rearranged "
     "within ten working days",
     "Detective Inspector, PPU", "2026-06-30", "open", ""),
    ("SAP-05", "", "supervisor_trained",
     "Partnership supervision skills course for all new supervisors (two cohorts a year)",
     "Partnership Training Lead", "2026-03-31", "in_progress", ""),
    ("SAP-06", "", "agreement_current",
     "Single partnership supervision agreement template adopted by all agencies",
     "Board Business Manager", "2025-06-30", "complete", "2025-06-20"),
    ("SAP-07", "NHT", "observation_current",
     "Annual practice observation built into the appraisal window",
     "Named Nurse, Safeguarding Children", "2025-10-31", "complete", "2025-11-14"),
    ("SAP-08", "PRB", "notes_shared",
     "Supervision records to be shared with the practitioner through the case "
     "management system", "Head of Probation Delivery Unit", "2026-02-28", "open", ""),
    ("SAP-09", "", "group_supervision_monthly",
     "Offer monthly reflective group supervision in every front-line team",
     "Partnership Practice Development Group", "2026-09-30", "open", ""),
    ("SAP-10", "EDU", "functions_balance",
     "Revise the supervision record so that all four functions are prompted",
     "Service Manager, Education Welfare", "2026-05-31", "in_progress", ""),
    ("SAP-11", "NCC", "assessment_day20",
     "Day 20 review to be booked when the single assessment is opened",
     "Principal Social Worker", "2026-02-27", "open", ""),
]


def write_partnership():
    t = Table(["agency_id", "name", "type", "profile", "extract_date"])
    for a in AGENCIES:
        t.add([a.id, a.name, a.type, a.profile, a.extract.isoformat()])
    write_csv("", "agencies.csv", t)

    t = Table(["action_id", "agency_id", "metric_id", "description", "owner", "due_date",
               "status", "completed_date"])
    for row in ACTIONS:
        t.add(list(row))
    write_csv("", "actions.csv", t)

    t = Table(["agency_id", "section", "text"])
    for row in COMMENTARY:
        t.add(list(row))
    write_csv("", "commentary.csv", t)


COMMENTARY = [
    ("", "summary",
     "Six partners sent supervision extracts for 2025-26, covering the whole of the "
     "financial year. Overall the picture is improving: most staff who work directly "
     "with children now receive regular, recorded supervision, and the partnership’s "
     "new agreement template is in use everywhere. Two areas need the board’s attention: "
     "the timeliness of case oversight in the council’s front door, and the frequency "
     "of supervision in the police Public Protection Unit."),
    ("", "how_are_we_doing",
     "Supervision frequency is strongest in health and the voluntary sector, where "
     "monthly 1:1s are well established. The police figures reflect the restructure of "
     "the PPU in the first half of the year – the second half shows a clear recovery, "
     "but not yet to the standard.\n\nCancellation rates are within the standard for "
     "most partners; where sessions are cancelled, most are rearranged within ten "
     "working days."),
    ("", "how_do_we_know",
     "Figures are calculated from each agency’s own system extract (LCS for the council, "
     "ESR and the trust’s supervision log for health, the PPU spreadsheet, the charity’s "
     "CRM, nDelius for probation). Every extract was checked with the validation step "
     "before the report was produced; the rejected rows and the reasons are listed in "
     "the data quality appendix and have been returned to the agencies."),
    ("", "improve",
     "The improvement plan has eleven actions. Three are complete. The partnership "
     "supervision skills course (£4,800 from the training budget) runs its second cohort "
     "in May 2026."),
    ("NCC", "summary",
     "Children’s social care supervised more than fifty staff across five teams this "
     "year, including "
     "four newly qualified social workers on the ASYE programme and two social work "
     "students. Supervision frequency is close to the standard; the main risk is the "
     "recording of notes.\n\n"
     "What the figures show. Monthly supervision was held in most required months, but a "
     "significant share of 1:1 notes were authorised more than five working days after "
     "the session. Audit of a sample of late records found that most were written up on "
     "time in the practitioner’s case notes but only authorised by the manager later, "
     "often after a period of leave or sickness in the management team; the Children in "
     "Care team also changed manager in June 2025, which is visible in the July and "
     "August figures. Case oversight is the area of most concern: in the Assessment and "
     "Intervention teams, oversight for children in need and children subject to a "
     "plan slipped beyond the practice standard during the autumn peak in contacts, "
     "when the front door received 14% more referrals than in 2024-25.\n\n"
     "What we have done. Heads of service now receive a weekly “unauthorised notes” "
     "report from LCS, the agency’s résumé of supervision standards was reissued in "
     "September, and a fortnightly oversight clinic has been running since November. "
     "The extra agency social worker capacity (£126,000 for six months) was targeted at "
     "the two front door teams.\n\n"
     "What comes next. We expect the oversight figure to recover by the first quarter "
     "of 2026-27; the board will see the monthly position in the next performance pack."),
    ("NCC", "how_do_we_know",
     "Extract taken from LCS on 14 April 2026 by the performance team; supervision "
     "records, case episodes and management oversight steps for every open or recently "
     "closed episode since September 2023."),
    ("NCC", "improve",
     "Actions SAP-01, SAP-02 and SAP-11 in the partnership plan; the day 20 review is now "
     "booked when a single assessment is opened."),
    ("NHT", "summary",
     "Safeguarding supervision for health visitors, school nurses and the paediatric "
     "liaison team continues to meet the trust’s standard; every supervisor is trained."),
    ("POL", "summary",
     "The PPU restructure (new MASH and online exploitation teams) disrupted supervision "
     "in the first half of the year. Detective Sergeants now hold a protected supervision "
     "day each month."),
    ("POL", "improve",
     "SAP-03 is on track for the revised date; SAP-04 starts with the new duty rota."),
    ("EDU", "summary",
     "The Education Welfare Service and the Virtual School moved to a single supervision "
     "record in 2025; the functions of supervision are not yet recorded consistently."),
    ("CHY", "summary",
     "The charity’s projects – including the Café Project for young carers – hold monthly "
     "1:1s and bi-monthly peer supervision; notes are shared with every worker."),
    ("PRB", "summary",
     "Probation’s public protection teams supervise monthly; sharing the supervision "
     "record with the practitioner is the focus for 2026."),
]


# ---- quality evidence: audits of supervision records and the survey (SPEC 7) ----
#
# Written last and from a random stream of their own, so that adding them left
# every other file byte for byte as it was.

QSEED = SEED + 7
qrng = random.Random(QSEED)


def qchance(p):
    return qrng.random() < p


def qdate(a, b):
    """A random working day in [a, b] (a itself when none)."""
    d = a + dt.timedelta(days=qrng.randint(0, max(0, (b - a).days)))
    return next_wd(d) if next_wd(d) <= b else a


# How each agency audits and is seen by its staff: audits per practitioner per
# quarter (0 = none), the chance of each grade (outstanding, good, requires
# improvement, inadequate), the chance a criterion is met, the average answer
# of its survey (1-5), and its surveys: launch date, the share of
# practitioners who answer and, for CHY's second, at most three answers (too
# few to show: the threshold is 5).
QUALITY = {
    "NCC": dict(per_quarter=1.0, grades=(0.05, 0.55, 0.32, 0.08), p_met=0.72, mood=3.9,
                surveys=[(dt.date(2024, 10, 7), 0.55), (dt.date(2025, 3, 10), 0.45),
                         (dt.date(2025, 10, 6), 0.6), (dt.date(2026, 3, 9), 0.5)]),
    "NHT": dict(per_quarter=0.35, grades=(0.15, 0.7, 0.13, 0.02), p_met=0.86, mood=4.3,
                surveys=[(dt.date(2024, 11, 4), 0.5), (dt.date(2025, 11, 3), 0.55)]),
    "POL": dict(per_quarter=0.2, grades=(0.0, 0.35, 0.45, 0.2), p_met=0.55, mood=3.3,
                surveys=[(dt.date(2025, 1, 13), 0.4), (dt.date(2026, 1, 12), 0.6)]),
    "EDU": dict(per_quarter=0.0, grades=None, p_met=0.0, mood=4.1,
                surveys=[(dt.date(2024, 6, 10), 0.8), (dt.date(2025, 6, 9), 0.9)]),
    "CHY": dict(per_quarter=0.25, grades=(0.2, 0.7, 0.1, 0.0), p_met=0.9, mood=4.4,
                surveys=[(dt.date(2025, 2, 3), 0.5), (dt.date(2026, 2, 2), 0.5, 3)]),
    "PRB": dict(per_quarter=0.3, grades=(0.05, 0.6, 0.3, 0.05), p_met=0.78, mood=3.8,
                surveys=[(dt.date(2024, 9, 9), 0.5), (dt.date(2025, 9, 8), 0.5)]),
}
GRADES = ["Outstanding", "Good", "Requires Improvement", "Inadequate"]
AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
         "Strongly agree"]
STATEMENTS = ["My supervision happens as planned and is rarely cancelled.",
              "Supervision helps me reflect on and analyse my practice.",
              "Supervision helps me make better decisions for children.",
              "I am constructively challenged in supervision.",
              "I feel supported in supervision."]


def practitioners(a, start, end):
    """Practitioners (not managers) in frequent contact, in post on some day of [start, end]."""
    return [s for s in a.staff if not s["manager"] and s["fc"] and s["start"] <= end
            and (s["end"] is None or s["end"] >= start)]


def quarters():
    """The financial quarters of the two years of data."""
    q = DATA_START
    while q <= DATA_END:
        yield q, add_months(q, 3) - dt.timedelta(days=1)
        q = add_months(q, 3)


def last_held(a, sid, before):
    """The date of the person's latest one-to-one held on or before a day, or None."""
    held = [r["date"] for r in a.sessions if r["staff"] == sid and r["kind"] == "1to1"
            and r["status"] == "held" and r["date"] <= before]
    return max(held) if held else None


def build_audits(a):
    """A team manager's sample of supervision records each quarter."""
    q = QUALITY[a.id]
    out = []
    for qs, qe in quarters():
        for s in practitioners(a, qs, qe):
            if not qchance(q["per_quarter"]):
                continue
            lo, hi = max(qs, s["start"]), min(qe, s["end"] or qe)
            when = qdate(lo, hi)
            if when >= a.extract:
                continue
            session = last_held(a, s["id"], when)
            r = qrng.random()
            grade = 0
            while grade < 3 and r >= q["grades"][grade]:
                r -= q["grades"][grade]
                grade += 1
            # better graded records meet more of the criteria
            p = min(0.98, q["p_met"] + (0.15 if grade <= 1 else -0.25))
            crit = [None if qchance(0.06) else qchance(p) for _ in range(6)]
            auditor = team_manager_on(a, s["team"], when) if s.get("team_sup") else None
            auditor = auditor["id"] if auditor else s["supervisor"]
            out.append(dict(staff=s["id"], date=when, grade=grade, session=session,
                            auditor=auditor, crit=crit))
    out.sort(key=lambda x: (x["date"], x["staff"]))
    return out


def build_responses(a):
    """Anonymous answers to the survey, in the weeks after each launch."""
    q = QUALITY[a.id]
    out = []
    for survey in q["surveys"]:
        launch, rate = survey[0], survey[1]
        cap = survey[2] if len(survey) > 2 else None
        for s in practitioners(a, launch, launch + dt.timedelta(days=20)):
            if not qchance(rate) or cap == 0:
                continue
            cap = cap - 1 if cap is not None else None
            when = qdate(launch, launch + dt.timedelta(days=20))
            own = min(5.0, max(1.0, qrng.gauss(q["mood"], 0.7)))
            answers = []
            for _ in range(5):
                if qchance(0.05):
                    answers.append(None)
                else:
                    answers.append(int(min(5, max(1, round(qrng.gauss(own, 0.6))))))
            if all(x is None for x in answers):
                answers[0] = int(round(own))
            team = None if qchance(0.1) else s["team"]
            out.append(dict(date=when, team=team, answers=answers,
                            minute=qrng.randint(8 * 60, 18 * 60)))
    out.sort(key=lambda x: (x["date"], x["minute"]))
    return out


def write_quality(a):
    """supervision_audits.csv and feedback.csv in the agency's own shapes."""
    F = a.fmt
    yesno = lambda v: "" if v is None else (a.yes if v else a.no)
    audits = build_audits(a) if QUALITY[a.id]["per_quarter"] else []
    if a.id == "NCC":
        t = Table(["Worker ID", "QA Audit Date", "QA Grade", "Supervision Date",
                   "Auditor Worker ID", "Wellbeing Discussed", "Reflection and Analysis",
                   "Learning and Development", "Child Focused", "Previous Actions Reviewed",
                   "SMART Actions"])
        late = [x for x in audits if x["session"] and x["date"] >= dt.date(2025, 11, 1)][0]
        for x in audits:
            row = [x["staff"], F(x["date"]), GRADES[x["grade"]], F(x["session"]), x["auditor"]]
            row += [yesno(v) for v in x["crit"]]
            fault = None
            if x is late:
                # the session date typed as the date the record was next updated
                row[3] = F(x["date"] + dt.timedelta(days=9))
                fault = ("session_date", "W-CONTRADICTION", "warning",
                         "supervision date nine days after the audit")
            t.add(row, fault)
        write_csv(a.id, "supervision_audits.csv", t)
    elif a.id == "NHT":
        t = Table(["Assignment Number", "Audit Date", "Grade", "Session Date",
                   "Auditor Assignment Number", "Wellbeing", "Reflection", "Development",
                   "Child Focus", "Actions Reviewed", "Actions SMART"])
        for x in audits:
            t.add([x["staff"], F(x["date"]), str(x["grade"] + 1), F(x["session"]),
                   x["auditor"]] + [yesno(v) for v in x["crit"]])
        write_csv(a.id, "supervision_audits.csv", t, eol="\r\n", bom=True)
    elif audits:
        t = Table(["staff_id", "audit_date", "grade", "session_date", "auditor_id", "wellbeing",
                   "reflection", "development", "child_focus", "actions_reviewed",
                   "actions_smart"])
        for x in audits:
            grade = ("RI" if x["grade"] == 2 and a.id == "POL" else GRADES[x["grade"]])
            t.add([x["staff"], F(x["date"]), grade, F(x["session"]), x["auditor"]]
                  + [yesno(v) for v in x["crit"]])
        write_csv(a.id, "supervision_audits.csv", t)

    responses = build_responses(a)
    num = lambda v: "" if v is None else str(v)
    words = lambda v: "" if v is None else AGREE[v - 1]
    if a.id == "NCC":
        # a forms export: the statements as headings, the answers in words
        t = Table(["Completion time", "Which team are you in?"] + STATEMENTS)
        for x in responses:
            t.add(["%s %02d:%02d" % (F(x["date"]), x["minute"] // 60, x["minute"] % 60),
                   x["team"] or ""] + [words(v) for v in x["answers"]])
        write_csv(a.id, "feedback.csv", t)
    elif a.id == "NHT":
        t = Table(["Timestamp", "Team", "Q1", "Q2", "Q3", "Q4", "Q5"])
        for x in responses:
            t.add(["%s %02d:%02d" % (F(x["date"]), x["minute"] // 60, x["minute"] % 60),
                   x["team"] or ""] + [num(v) for v in x["answers"]])
        write_csv(a.id, "feedback.csv", t, eol="\r\n", bom=True)
    else:
        t = Table(["response_date", "team", "regular", "reflective", "effective",
                   "challenging", "supportive"])
        delim = ";" if a.id == "EDU" else ","
        odd = None
        if a.id == "PRB":
            odd = [x for x in responses if x["date"] >= dt.date(2025, 9, 1)
                   and x["answers"][0] is not None][0]
        for x in responses:
            row = [F(x["date"]), x["team"] or ""] + [num(v) for v in x["answers"]]
            fault = None
            if x is odd:
                row[2] = "6"
                fault = ("regular", "W-CODE", "warning",
                         "answer 6 on a scale of 1 to 5 (counted as not answered)")
            t.add(row, fault)
            if a.id == "CHY" and x is responses[-1]:
                # a response submitted with nothing filled in
                t.add([F(x["date"]), x["team"] or "", "", "", "", "", ""],
                      ("regular;reflective;effective;challenging;supportive", "E-REQUIRED",
                       "rejected", "a response with no statement answered"))
        write_csv(a.id, "feedback.csv", t, delim=delim, eol="\r\n" if a.id == "EDU" else "\n")


# ---- main ---------------------------------------------------------------------

def main():
    for a in AGENCIES:
        build_staff(a)
        tidy_leavers(a)
        build_absences(a)
    for a in AGENCIES:
        for s in a.staff:
            sessions_for(a, s)
    writers = {"NCC": write_ncc, "NHT": write_nht, "POL": write_pol, "EDU": write_edu,
               "CHY": write_chy, "PRB": write_prb}
    for a in AGENCIES:
        writers[a.id](a)
    write_partnership()
    for a in AGENCIES:
        write_quality(a)
    print("# rows per file (records, header excluded)")
    for name, n in ROWS:
        print("#   %-26s %6d" % (name, n))
    print("agency_id,file,line,field,code,severity  # what")
    for f in FAULTS:
        print(",".join(str(x) for x in f[:6]) + "  # " + f[6])


if __name__ == "__main__":
    main()
