"""Independent reference computation of the supervision metrics (SPEC sections 3,
4 and 7) for the end-to-end tests, in plain Python.

It reads a data folder itself: it decodes UTF-8 (with or without BOM) or
Windows-1252, detects the delimiter, maps headers and codes through explicit
tables written from the data contract and the `lcs` / `esr` profile wordings,
parses day-first dates, applies the row rules (required fields, unknown codes,
ranges, duplicates, orphans, ragged rows) and then computes each metric
straight from its definition. It deliberately shares no code with the program.
"""
import calendar
import csv
import datetime as dt
import io
import os
import re
from fractions import Fraction

ONE = dt.timedelta(days=1)

# ---------------------------------------------------------------- headers


def norm(text):
    """Header / code normalisation: case, surrounding spaces, and ' ', '_', '-' alike."""
    return re.sub(r"[ _-]", "_", text.strip().lower())


FIELDS = {
    "staff": ["staff_id", "team", "role", "schedule", "schedule_start", "supervisor_id",
              "start_date", "end_date", "frequent_contact", "agreement_date",
              "agreement_review_date", "last_observation_date", "safeguarding_training_date",
              "supervision_training_date"],
    "sessions": ["staff_id", "supervisor_id", "date", "type", "status", "duration_minutes",
                 "notes_recorded_date", "notes_shared", "functions"],
    "cases": ["child_id", "category", "start_date", "end_date", "case_holder"],
    "case_oversight": ["child_id", "date", "staff_id"],
    "assessments": ["child_id", "start_date", "completed_date", "day8_review_date",
                    "day20_review_date"],
    "group_sessions": ["team", "date", "facilitator_id", "attendees"],
    "absences": ["staff_id", "start_date", "end_date", "reason"],
    "supervision_audits": ["staff_id", "audit_date", "grade", "session_date", "auditor_id",
                           "wellbeing", "reflection", "development", "child_focus",
                           "actions_reviewed", "actions_smart"],
    "feedback": ["response_date", "team", "regular", "reflective", "effective", "challenging",
                 "supportive"],
}
CRITERIA = ["wellbeing", "reflection", "development", "child_focus", "actions_reviewed",
            "actions_smart"]
ITEMS = ["regular", "reflective", "effective", "challenging", "supportive"]
REQUIRED = {
    "staff": ["staff_id", "team", "start_date"],
    "sessions": ["staff_id", "date", "type", "status"],
    "cases": ["child_id", "category", "start_date"],
    "case_oversight": ["child_id", "date"],
    "assessments": ["child_id", "start_date"],
    "group_sessions": ["team", "date"],
    "absences": ["staff_id", "start_date", "end_date"],
    "supervision_audits": ["staff_id", "audit_date", "grade"],
    "feedback": ["response_date"],
}
# Wordings of the SPEC 7 files that every agency may use (the survey exports and
# audit headings the data contract's examples name), normalised -> field.
STATEMENTS = {
    "my_supervision_happens_as_planned_and_is_rarely_cancelled.": "regular",
    "supervision_helps_me_reflect_on_and_analyse_my_practice.": "reflective",
    "supervision_helps_me_make_better_decisions_for_children.": "effective",
    "i_am_constructively_challenged_in_supervision.": "challenging",
    "i_feel_supported_in_supervision.": "supportive",
}
DEFAULT_HEADERS = {
    "supervision_audits": {"audit_date": "audit_date", "session_date": "session_date",
                           "supervision_date": "session_date", "wellbeing_discussed": "wellbeing",
                           "reflection_and_analysis": "reflection",
                           "learning_and_development": "development",
                           "child_focused": "child_focus",
                           "previous_actions_reviewed": "actions_reviewed",
                           "smart_actions": "actions_smart"},
    "feedback": dict({"completion_time": "response_date", "timestamp": "response_date",
                      "which_team_are_you_in?": "team", "q1": "regular", "q2": "reflective",
                      "q3": "effective", "q4": "challenging", "q5": "supportive"}, **STATEMENTS),
}
# Source-system header wordings, by profile (normalised header -> field).
PROFILE_HEADERS = {
    "lcs": {
        "staff": {"worker_id": "staff_id", "team_name": "team"},
        "sessions": {"worker_id": "staff_id", "supervision_date": "date",
                     "supervision_type": "type", "outcome": "status",
                     "notes_authorised_date": "notes_recorded_date"},
        "cases": {"case_category": "category", "episode_start": "start_date",
                  "episode_end": "end_date", "allocated_worker_id": "case_holder"},
        "case_oversight": {"management_oversight_date": "date", "worker_id": "staff_id"},
        "group_sessions": {"team_name": "team"},
        "absences": {"worker_id": "staff_id"},
        "supervision_audits": {"worker_id": "staff_id", "qa_audit_date": "audit_date",
                               "qa_grade": "grade", "auditor_worker_id": "auditor_id"},
    },
    "esr": {
        "staff": {"assignment_number": "staff_id", "organisation": "team",
                  "position_title": "role", "supervisor_assignment_number": "supervisor_id",
                  "hire_date": "start_date", "termination_date": "end_date"},
        "sessions": {"assignment_number": "staff_id", "supervision_date": "date",
                     "supervisor_assignment_number": "supervisor_id"},
        "absences": {"assignment_number": "staff_id", "absence_start_date": "start_date",
                     "absence_end_date": "end_date", "absence_reason": "reason"},
        "supervision_audits": {"assignment_number": "staff_id",
                               "auditor_assignment_number": "auditor_id"},
    },
}
IGNORED_HEADERS = {"band"}

# ---------------------------------------------------------------- codes

SESSION_TYPE = {
    "one_to_one": "one_to_one", "1:1": "one_to_one", "1-1": "one_to_one",
    "individual": "one_to_one", "formal": "one_to_one", "one to one": "one_to_one",
    "ad_hoc": "ad_hoc", "ad hoc": "ad_hoc", "unplanned": "ad_hoc", "urgent": "ad_hoc",
    "group": "group", "peer": "peer",
}
SESSION_STATUS = {
    "held": "held", "completed": "held", "took place": "held",
    "cancelled": "cancelled", "cancelled by supervisor": "cancelled",
    "cancelled by supervisee": "cancelled", "did not attend": "cancelled",
    "dna": "cancelled",
}
CATEGORY = {
    "early help": "early_help", "eh": "early_help", "families first": "early_help",
    "child in need": "cin", "cin": "cin",
    "child protection": "cp", "cp": "cp", "cpp": "cp",
    "care proceedings": "care_proceedings", "plo/proceedings": "care_proceedings",
    "child in care": "cic", "cic": "cic", "cla": "cic", "lac": "cic", "looked after": "cic",
    "child in care (long-term matched)": "cic_ltm",
    "short breaks": "short_breaks",
    "care leaver": "care_leaver", "leaving care": "care_leaver",
    "adoption support": "adoption_support",
}
PROFILE_CODES = {
    "lcs": {
        "type": {"formal supervision": "one_to_one", "case discussion": "ad_hoc"},
        "status": {"completed and authorised": "held",
                   "cancelled - manager unavailable": "cancelled",
                   "cancelled - worker unavailable": "cancelled", "no show": "cancelled"},
        "category": {"cin plan": "cin", "cp plan": "cp", "looked after child": "cic"},
    },
    "esr": {
        "type": {"restorative supervision": "one_to_one", "case consultation": "ad_hoc"},
        "status": {"attended": "held", "cancelled - clinical pressures": "cancelled",
                   "not attended": "cancelled", "rescheduled": "cancelled"},
        "category": {},
    },
}
FUNCTION = {
    "management": "management", "performance": "management",
    "performance management": "management",
    "development": "development", "professional development": "development",
    "learning": "development",
    "support": "support", "personal support": "support", "wellbeing": "support",
    "mediation": "mediation", "engagement": "mediation", "organisation": "mediation",
}
YES = {"y", "yes", "true", "1"}
NO = {"n", "no", "false", "0"}
# Ofsted grades: 0 outstanding, 1 good, 2 requires improvement, 3 inadequate.
GRADE = {"outstanding": 0, "1": 0, "good": 1, "2": 1, "requires improvement": 2, "ri": 2,
         "requires improvement to be good": 2, "3": 2, "inadequate": 3, "4": 3}
AGREEMENT = {"strongly disagree": 1, "1": 1, "disagree": 2, "2": 2, "neither": 3,
             "neither agree nor disagree": 3, "3": 3, "agree": 4, "4": 4,
             "strongly agree": 5, "5": 5}
INTERVAL_MONTHS = {"early_help": 3, "cin": 3, "cp": 2, "care_proceedings": 2, "cic": 2,
                   "cic_ltm": 3, "short_breaks": 3, "care_leaver": 3, "adoption_support": 3}


def code_key(text):
    """Codes match case-insensitively with ' ', '_' and '-' alike."""
    return re.sub(r"[ _-]+", " ", text.strip().lower()).strip()


def code_table(base, extra):
    table = {code_key(k): v for k, v in base.items()}
    table.update({code_key(k): v for k, v in extra.items()})
    return table


# ---------------------------------------------------------------- dates

MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                           "sep", "oct", "nov", "dec"))}
TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
DATE_FORMS = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})" + TIME), ("y", "m", "d")),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})" + TIME), ("d", "m", "y")),
    (re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})" + TIME), ("d", "m", "y")),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + TIME), ("d", "m", "y")),
    (re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})" + TIME), ("d", "b", "y")),
    (re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})" + TIME), ("d", "b", "y")),
    (re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{2})" + TIME), ("d", "b", "yy")),
]


def parse_date(text):
    """A day-first date in one of the accepted forms, or None."""
    s = text.strip()
    if not s:
        return None
    if re.fullmatch(r"\d{5}", s) and 20000 <= int(s) <= 80000:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(s))
    for rx, order in DATE_FORMS:
        m = rx.fullmatch(s)
        if not m:
            continue
        parts = dict(zip(order, m.groups()))
        if "b" in parts:
            month = MONTHS.get(parts["b"].lower())
            if month is None:
                return None
        else:
            month = int(parts["m"])
        year = int(parts["y"]) if "y" in parts else 2000 + int(parts["yy"])
        try:
            d = dt.date(year, month, int(parts["d"]))
        except ValueError:
            return None
        return d if 1990 <= d.year <= 2100 else None
    return None


def add_months(d, n):
    """Same day n months later, clamped to the month's last day."""
    idx = d.year * 12 + d.month - 1 + n
    y, m = divmod(idx, 12)
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


class WorkCalendar:
    def __init__(self, holiday_csv):
        with open(holiday_csv, newline="", encoding="utf-8-sig") as f:
            self.holidays = {dt.date.fromisoformat(r["date"].strip())
                             for r in csv.DictReader(f)}

    def is_working(self, d):
        return d.weekday() < 5 and d not in self.holidays

    def add_working_days(self, d, n):
        """The n-th working day after d (d itself never counts)."""
        while n > 0:
            d += ONE
            if self.is_working(d):
                n -= 1
        return d


# ---------------------------------------------------------------- reading


def decode(raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def detect_delimiter(text):
    header = re.split(r"\r\n|\n|\r", text, maxsplit=1)[0]
    if "," in header:
        return ","
    counts = {d: header.count(d) for d in (";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


class Rejection:
    def __init__(self, agency, file, line, reason):
        self.agency, self.file, self.line, self.reason = agency, file, line, reason

    def __repr__(self):
        return f"{self.agency}/{self.file}:{self.line} {self.reason}"


def read_table(path, dataset, profile):
    """Rows of a dataset file as dicts keyed by field name, each with its physical
    start line under '_line'; ragged rows come back with '_ragged' set."""
    with open(path, "rb") as f:
        text = decode(f.read())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    header = next(reader)
    aliases = dict(DEFAULT_HEADERS.get(dataset, {}))
    aliases.update(PROFILE_HEADERS.get(profile, {}).get(dataset, {}))
    cols = []
    for h in header:
        key = norm(h)
        if key in aliases:
            cols.append(aliases[key])
        elif key in FIELDS[dataset]:
            cols.append(key)
        elif key in IGNORED_HEADERS:
            cols.append(None)
        else:
            raise ValueError(f"{path}: header {h!r} not known to the reference reader")
    rows = []
    prev_end = reader.line_num
    for rec in reader:
        start = prev_end + 1
        prev_end = reader.line_num
        if rec == []:
            continue
        row = {"_line": start}
        if len(rec) != len(cols):
            row["_ragged"] = True
        else:
            for c, v in zip(cols, rec):
                if c:
                    row[c] = v.strip()
        rows.append(row)
    return rows


class Agency:
    def __init__(self, agency_id):
        self.id = agency_id
        self.staff = {}          # staff_id -> dict (first accepted row)
        self.sessions = []
        self.cases = []
        self.oversight = {}      # child_id -> sorted list of dates
        self.assessments = []
        self.group_sessions = None  # None when no group_sessions.csv was sent
        self.absences = {}       # staff_id -> list of (start, end)
        self.audits = None       # None when no supervision_audits.csv was sent
        self.responses = None    # None when no feedback.csv was sent


def load(data_dir):
    """All agencies of a data folder, as {agency_id: Agency}, plus the rejections."""
    rejected = []
    with open(os.path.join(data_dir, "agencies.csv"), "rb") as f:
        agencies_rows = list(csv.DictReader(io.StringIO(decode(f.read()), newline="")))
    out = {}
    for ar in agencies_rows:
        aid = ar["agency_id"].strip()
        profile = (ar.get("profile") or "").strip().lower()
        ag = Agency(aid)
        out[aid] = ag
        folder = os.path.join(data_dir, aid)
        codes = PROFILE_CODES.get(profile, {})
        types = code_table(SESSION_TYPE, codes.get("type", {}))
        statuses = code_table(SESSION_STATUS, codes.get("status", {}))
        categories = code_table(CATEGORY, codes.get("category", {}))

        def rows_of(dataset):
            path = os.path.join(folder, dataset + ".csv")
            if not os.path.exists(path):
                return None
            good = []
            for r in read_table(path, dataset, profile):
                if r.get("_ragged"):
                    rejected.append(Rejection(aid, dataset + ".csv", r["_line"], "ragged"))
                    continue
                missing = [k for k in REQUIRED[dataset] if not r.get(k)]
                if missing:
                    rejected.append(Rejection(aid, dataset + ".csv", r["_line"],
                                              "required " + missing[0]))
                    continue
                good.append(r)
            return good

        def reject(dataset, r, why):
            rejected.append(Rejection(aid, dataset + ".csv", r["_line"], why))

        def opt_date(r, k):
            return parse_date(r.get(k, ""))

        # staff
        for r in rows_of("staff"):
            start = parse_date(r["start_date"])
            if start is None:
                reject("staff", r, "date start_date")
                continue
            end = opt_date(r, "end_date")
            if end is not None and end < start:
                reject("staff", r, "range")
                continue
            if r["staff_id"] in ag.staff:
                reject("staff", r, "duplicate")
                continue
            fc = r.get("frequent_contact", "").strip().lower()
            sched = r.get("schedule", "").strip().lower()
            ag.staff[r["staff_id"]] = {
                "id": r["staff_id"], "team": r["team"], "start": start, "end": end,
                "frequent": fc not in NO,  # blank or unreadable: default yes
                "schedule": sched if sched in ("asye", "student") else "standard",
                "schedule_start": opt_date(r, "schedule_start") or start,
                "supervisor": r.get("supervisor_id", ""),
                "agreement": opt_date(r, "agreement_date"),
                "agreement_review": opt_date(r, "agreement_review_date"),
                "observation": opt_date(r, "last_observation_date"),
                "safeguarding_training": opt_date(r, "safeguarding_training_date"),
                "supervision_training": opt_date(r, "supervision_training_date"),
            }
        # sessions
        for r in rows_of("sessions"):
            d = parse_date(r["date"])
            if d is None:
                reject("sessions", r, "date")
                continue
            typ = types.get(code_key(r["type"]))
            st = statuses.get(code_key(r["status"]))
            if typ is None or st is None:
                reject("sessions", r, "code")
                continue
            if r["staff_id"] not in ag.staff:
                reject("sessions", r, "orphan")
                continue
            notes = opt_date(r, "notes_recorded_date")
            if notes is not None and notes < d:
                notes = None
            shared = r.get("notes_shared", "").strip().lower() in YES
            funcs = set()
            for item in re.split(r"[;,|/]", r.get("functions", "")):
                f = FUNCTION.get(code_key(item))
                if f:
                    funcs.add(f)
            dur = r.get("duration_minutes", "")
            ag.sessions.append({"staff": r["staff_id"], "date": d, "type": typ, "status": st,
                                "notes": notes, "shared": shared, "functions": funcs,
                                "duration": int(dur) if dur.isdigit() else None})
        # cases
        cases = rows_of("cases")
        if cases is not None:
            for r in cases:
                start = parse_date(r["start_date"])
                cat = categories.get(code_key(r["category"]))
                if start is None or cat is None:
                    reject("cases", r, "date/code")
                    continue
                end = opt_date(r, "end_date")
                if end is not None and end < start:
                    reject("cases", r, "range")
                    continue
                ag.cases.append({"child": r["child_id"], "category": cat, "start": start,
                                 "end": end})
        children = {c["child"] for c in ag.cases}
        ovs = rows_of("case_oversight")
        if ovs is not None:
            for r in ovs:
                d = parse_date(r["date"])
                if d is None:
                    reject("case_oversight", r, "date")
                    continue
                if r["child_id"] not in children:
                    reject("case_oversight", r, "orphan")
                    continue
                ag.oversight.setdefault(r["child_id"], []).append(d)
        for v in ag.oversight.values():
            v.sort()
        ass = rows_of("assessments")
        if ass is not None:
            for r in ass:
                start = parse_date(r["start_date"])
                if start is None:
                    reject("assessments", r, "date")
                    continue
                ag.assessments.append({"child": r["child_id"], "start": start,
                                       "day8": opt_date(r, "day8_review_date"),
                                       "day20": opt_date(r, "day20_review_date")})
        gs = rows_of("group_sessions")
        if gs is not None:
            ag.group_sessions = []
            for r in gs:
                d = parse_date(r["date"])
                if d is None:
                    reject("group_sessions", r, "date")
                    continue
                ag.group_sessions.append((r["team"], d))
        ab = rows_of("absences")
        if ab is not None:
            for r in ab:
                s, e = parse_date(r["start_date"]), parse_date(r["end_date"])
                if s is None or e is None:
                    reject("absences", r, "date")
                    continue
                if e < s:
                    reject("absences", r, "range")
                    continue
                if r["staff_id"] not in ag.staff:
                    reject("absences", r, "orphan")
                    continue
                ag.absences.setdefault(r["staff_id"], []).append((s, e))
        # quality audits of supervision records
        aus = rows_of("supervision_audits")
        if aus is not None:
            ag.audits = []
            for r in aus:
                d = parse_date(r["audit_date"])
                if d is None:
                    reject("supervision_audits", r, "date")
                    continue
                grade = GRADE.get(code_key(r["grade"]))
                if grade is None:
                    reject("supervision_audits", r, "code")
                    continue
                if r["staff_id"] not in ag.staff:
                    reject("supervision_audits", r, "orphan")
                    continue
                crit = {}
                for k in CRITERIA:
                    v = r.get(k, "").strip().lower()
                    if v in YES or v in NO:
                        crit[k] = v in YES
                ag.audits.append({"staff": r["staff_id"], "date": d, "grade": grade,
                                  "criteria": crit})
        # the practitioners' survey: anonymous, answered on 1-5
        teams_of_staff = {x["team"] for x in ag.staff.values()}
        fbs = rows_of("feedback")
        if fbs is not None:
            ag.responses = []
            for r in fbs:
                d = parse_date(r["response_date"])
                if d is None:
                    reject("feedback", r, "date")
                    continue
                answers = {}
                for k in ITEMS:
                    v = AGREEMENT.get(code_key(r.get(k, "")))
                    if v is not None:
                        answers[k] = v
                if not answers:
                    reject("feedback", r, "nothing answered")
                    continue
                team = r.get("team", "")
                ag.responses.append({"date": d, "answers": answers,
                                     "team": team if team in teams_of_staff else None})
    return out, rejected


# ---------------------------------------------------------------- metrics


def months_in(ps, pe):
    """Calendar months wholly inside [ps, pe] as (first, last) pairs."""
    out = []
    d = dt.date(ps.year, ps.month, 1)
    if d < ps:
        d = add_months(d, 1)
    while True:
        last = add_months(d, 1) - ONE
        if last > pe:
            return out
        out.append((d, last))
        d = add_months(d, 1)


def in_post_on(s, d):
    return s["start"] <= d and (s["end"] is None or s["end"] >= d)


def in_post_for(s, a, b):
    return s["start"] <= a and (s["end"] is None or s["end"] >= b)


def intervals(s, ps, pe):
    """The candidate supervision intervals of a staff member overlapping P."""
    if s["schedule"] == "standard":
        return months_in(ps, pe)
    if s["schedule"] == "student":
        d = ps + dt.timedelta(days=(7 - ps.weekday()) % 7)  # first Monday >= ps
        out = []
        while d + 6 * ONE <= pe:
            out.append((d, d + 6 * ONE))
            d += 7 * ONE
        return out
    a = s["schedule_start"]
    out = [(a + dt.timedelta(days=7 * i), a + dt.timedelta(days=7 * i + 6)) for i in range(6)]
    out += [(a + dt.timedelta(days=42 + 14 * j), a + dt.timedelta(days=42 + 14 * j + 13))
            for j in range(10)]
    day182 = a + dt.timedelta(days=182)
    m = dt.date(day182.year, day182.month, 1)
    if m < day182:
        m = add_months(m, 1)
    while m <= pe:
        out.append((m, add_months(m, 1) - ONE))
        m = add_months(m, 1)
    return out


class Tally:
    """Numerator / denominator pairs keyed by (team, group, metric)."""

    def __init__(self):
        self.t = {}

    def add(self, key, num, den=1):
        n, d = self.t.get(key, (0, 0))
        self.t[key] = (n + int(num), d + den)

    def get(self, key):
        return self.t.get(key, (0, 0))


def compute(ag, ps, pe, wc):
    """Metric figures of one agency for P = [ps, pe]: {(team, group, metric): (num, den)}
    where team '' is the agency row; plus {'info_...': value} and the set of teams of S."""
    T = Tally()
    info = {}

    def both(team, metric, num, den=1, group=""):
        T.add(("", group, metric), num, den)
        if team is not None:
            T.add((team, group, metric), num, den)

    S = [s for s in ag.staff.values()
         if s["frequent"] and s["start"] <= pe and (s["end"] is None or s["end"] >= ps)]
    S_ids = {s["id"] for s in S}
    teams = {s["team"] for s in S}
    info["info_staff_in_scope"] = len(S)
    by_staff = {}
    for x in ag.sessions:
        by_staff.setdefault(x["staff"], []).append(x)

    def is_121_held(x):
        return x["type"] == "one_to_one" and x["status"] == "held"

    for s in S:
        team = s["team"]
        mine = by_staff.get(s["id"], [])
        held_dates = sorted(x["date"] for x in mine if is_121_held(x))
        # supervision_frequency / staff_fully_compliant
        req = met = 0
        for a, b in intervals(s, ps, pe):
            if a < ps or b > pe or not in_post_for(s, a, b):
                continue
            if any(not (e < a or st > b) for st, e in ag.absences.get(s["id"], [])):
                continue
            req += 1
            if any(a <= d <= b for d in held_dates):
                met += 1
        both(team, "supervision_frequency", met, req)
        if req:
            both(team, "staff_fully_compliant", met == req)
        # sessions in P
        held_p = [x for x in mine if is_121_held(x) and ps <= x["date"] <= pe]
        both(team, "staff_supervised", bool(held_p))
        for x in held_p:
            limit = wc.add_working_days(x["date"], 5)
            both(team, "notes_timely", x["notes"] is not None and x["notes"] <= limit)
            both(team, "notes_shared", x["shared"])
        canc_p = [x for x in mine if x["type"] == "one_to_one" and x["status"] == "cancelled"
                  and ps <= x["date"] <= pe]
        for x in held_p + canc_p:
            both(team, "cancellation_rate", x["status"] == "cancelled")
        for x in canc_p:
            limit = wc.add_working_days(x["date"], 10)
            both(team, "cancelled_rearranged",
                 any(x["date"] < d <= limit for d in held_dates))
        if held_p:
            funcs = set().union(*(x["functions"] for x in held_p))
            both(team, "functions_balance", len(funcs) == 4)
        # agreement / observation
        if in_post_on(s, pe):
            dates = [d for d in (s["agreement"], s["agreement_review"]) if d and d <= pe]
            latest = max(dates) if dates else None
            both(team, "agreement_current", latest is not None and add_months(latest, 12) >= pe)
            if s["start"] <= add_months(pe, -12):
                o = s["observation"]
                both(team, "observation_current",
                     o is not None and o <= pe and add_months(o, 12) >= pe)
    # supervisor_trained
    sup_ids = {s["supervisor"] for s in S if in_post_on(s, pe) and s["supervisor"]}
    for sid in sorted(sup_ids):
        m = ag.staff.get(sid)
        if m is None or not in_post_on(m, pe):
            continue
        sg, sv = m["safeguarding_training"], m["supervision_training"]
        ok = (sg is not None and sg <= pe and add_months(sg, 36) >= pe
              and sv is not None and sv <= pe)
        both(m["team"] if m["team"] in teams else None, "supervisor_trained", ok)
    # group supervision
    if ag.group_sessions is not None:
        for team in sorted(teams):
            for a, b in months_in(ps, pe):
                both(team, "group_supervision_monthly",
                     any(t == team and a <= d <= b for t, d in ag.group_sessions))
    # info figures on sessions
    info["info_adhoc_held"] = sum(1 for x in ag.sessions if x["staff"] in S_ids
                                  and x["type"] == "ad_hoc" and x["status"] == "held"
                                  and ps <= x["date"] <= pe)
    # cases
    open_count = 0
    for c in ag.cases:
        iv = INTERVAL_MONTHS[c["category"]]
        ovs = ag.oversight.get(c["child"], [])
        cat = c["category"]
        # snapshot at pe
        if c["start"] <= pe and (c["end"] is None or c["end"] >= pe):
            open_count += 1
            within = [d for d in ovs if c["start"] <= d <= pe]
            anchor = max([c["start"]] + within)
            ok = add_months(anchor, iv) >= pe
            both(None, "case_oversight_current", ok)
            both(None, "case_oversight_current", ok, group=cat)
        # during P
        if c["start"] <= pe and (c["end"] is None or c["end"] >= ps):
            w_end = min(c["end"] or pe, pe)
            w_start = max(c["start"], ps)
            anchors = [c["start"]] + [d for d in ovs if c["start"] <= d <= w_end]
            overdue = False
            for i, a in enumerate(anchors):
                first = add_months(a, iv) + ONE
                last = anchors[i + 1] - ONE if i + 1 < len(anchors) else w_end
                if max(first, w_start) <= min(last, w_end):
                    overdue = True
                    break
            both(None, "case_oversight_period", not overdue)
            both(None, "case_oversight_period", not overdue, group=cat)
    if ag.cases:
        info["info_episodes_open"] = open_count
    # quality audits (SPEC 7): staff of S, dated in P; criteria per criterion
    if ag.audits is not None:
        info["info_audits"] = 0
        for x in ag.audits:
            if x["staff"] not in S_ids or not ps <= x["date"] <= pe:
                continue
            info["info_audits"] += 1
            team = ag.staff[x["staff"]]["team"]
            both(team, "audit_good", x["grade"] <= 1)
            crit = x["criteria"]
            both(team, "audit_criteria", sum(crit.values()), len(crit))
            for k, yes in crit.items():
                T.add(("", k, "audit_criteria"), yes)
    # the survey: positive when the answers average 4 or more
    if ag.responses is not None:
        info["info_feedback_responses"] = 0
        for x in ag.responses:
            if not ps <= x["date"] <= pe:
                continue
            info["info_feedback_responses"] += 1
            a = x["answers"]
            positive = Fraction(sum(a.values()), len(a)) >= 4
            both(x["team"] if x["team"] in teams else None, "feedback_positive", positive)
            for k, v in a.items():
                T.add(("", k, "feedback_positive"), v >= 4)
    # workforce stability, starters and leavers (staff of S)
    for x in S:
        if in_post_on(x, ps):
            both(x["team"], "workforce_stability", in_post_on(x, pe))
    info["info_starters"] = sum(1 for x in S if ps <= x["start"] <= pe)
    info["info_leavers"] = sum(1 for x in S if x["end"] is not None and ps <= x["end"] <= pe)
    for x in ag.assessments:
        if not ps <= x["start"] <= pe:
            continue
        for day, key in ((8, "day8"), (20, "day20")):
            limit = wc.add_working_days(x["start"], day)
            if limit > pe:
                continue
            r = x[key]
            both(None, f"assessment_day{day}", r is not None and x["start"] <= r <= limit)
    return T, info, teams


# ---------------------------------------------------------------- value and RAG


def value_text(num, den):
    """Exact fraction x 100, half-up to one decimal, as printed in metrics.csv."""
    if den == 0:
        return ""
    tenths = Fraction(num * 1000, den) + Fraction(1, 2)
    t = tenths.numerator // tenths.denominator
    return f"{t // 10}.{t % 10}"


def rag(num, den, target, amber, direction, suppress=5):
    if den == 0:
        return "no_data"
    if den < suppress:
        return "suppressed"
    pct = Fraction(num * 100, den)
    target, amber = Fraction(target), Fraction(amber)
    if direction == "lower":
        return "green" if pct <= target else "amber" if pct <= amber else "red"
    return "green" if pct >= target else "amber" if pct >= amber else "red"


def read_standards(path):
    """{metric_id: (target, amber, direction)} for the partnership-wide metric rows,
    target and amber as written in the file."""
    out = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["kind"] == "metric" and not r["agency_id"].strip():
                out[r["id"]] = (r["target"].strip(), r["amber"].strip(),
                                r["direction"].strip())
    return out


# ---------------------------------------------------------------- disclosure (SPEC 9.3)

GROUPS_ADD_UP = {"case_oversight_current", "case_oversight_period", "audit_criteria"}
SHOWN = {"green", "amber", "red"}


def _b(text):
    return text.encode("utf-8")


def secondary_suppression(rows, groups_add_up=GROUPS_ADD_UP):
    """Applies SPEC 9.3 to rows of one period (dicts with agency_id, team, group,
    metric_id, numerator, denominator as ints, and rag after the primary
    suppression), changing rag in place; returns the rows it suppressed."""
    done = []
    by_metric = {}
    for r in rows:
        if r["rag"] == "info" or r["metric_id"].startswith("info_"):
            continue
        by_metric.setdefault(r["metric_id"], []).append(r)
    for metric, rs in by_metric.items():
        at = {(r["agency_id"], r["team"], r["group"]): r for r in rs}
        agencies = sorted({r["agency_id"] for r in rs} - {"ALL"}, key=_b)
        sets = []  # (kind, row above, rows in order)
        for a in agencies:
            sets.append(("team", at.get((a, "", "")),
                         sorted((r for r in rs if r["agency_id"] == a and r["team"]
                                 and not r["group"]), key=lambda r: _b(r["team"]))))
        if metric in groups_add_up:
            for a in agencies + ["ALL"]:
                sets.append(("group", at.get((a, "", "")),
                             sorted((r for r in rs if r["agency_id"] == a and not r["team"]
                                     and r["group"]), key=lambda r: _b(r["group"]))))
        for g in sorted({r["group"] for r in rs if r["agency_id"] == "ALL"}, key=_b):
            sets.append(("agency", at.get(("ALL", "", g)),
                         [at[(a, "", g)] for a in agencies if (a, "", g) in at]))
        sets = [s for s in sets if s[1] is not None and s[2]]
        changed = True
        while changed:
            changed = False
            for kind, above, members in sets:
                sup = [r for r in members if r["rag"] == "suppressed"]
                shown = [r for r in members if r["rag"] in SHOWN]
                smallest = min(shown, key=lambda r: r["denominator"]) if shown else None
                adds_up = (sum(r["numerator"] for r in members) == above["numerator"] and
                           sum(r["denominator"] for r in members) == above["denominator"])
                target = None
                if len(sup) == 1 and above["rag"] != "suppressed":
                    if smallest is not None:
                        target = smallest
                    elif adds_up and above["rag"] in SHOWN:
                        target = above
                elif not sup and above["rag"] == "suppressed" and (adds_up or kind == "team"):
                    target = smallest
                if target is not None:
                    target["rag"] = "suppressed"
                    done.append(target)
                    changed = True
    return done
